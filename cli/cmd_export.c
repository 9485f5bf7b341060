/*
 * cmd_export.c - `jospar export --format json`: the whole plan.
 */
#include "cli.h"
#include "plan_json.h"

static const char *opt_format, *opt_output;

const struct cli_opt *opts_export(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "format", 'f', &opt_format, "FMT", "json" },
		{ OPT_STRING, "output", 'o', &opt_output, "FILE", "write to FILE instead of standard output" },
		OPT_END_MARK
	};
	return o;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	struct jp_buf b = JP_BUF_INIT;
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "export: unexpected argument '%s'", argv[0]);
	if (!opt_format)
		return cli_error(CLI_USAGE, "export: give --format (json)");
	if (strcmp(opt_format, "json"))
		return cli_error(CLI_USAGE, "export: unknown format '%s' (json)", opt_format);
	if (jp_plan_to_json(c->plan, &b, JP_JSON_PRETTY | JP_JSON_PARSED) < 0)
		rc = cli_error(CLI_ERROR, "out of memory");
	else
		rc = cli_write(c, &b, opt_output);
	jp_buf_release(&b);
	return rc;
}
