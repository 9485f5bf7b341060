/*
 * cmd_export.c - `jospar export`: the whole plan as JSON, or the
 * consolidated report as of a date as XLSX, CSV or HTML (with its charts).
 */
#include "cli.h"
#include "alloc.h"
#include "consolidated.h"
#include "plan_json.h"

static const char *opt_format, *opt_output;

const struct cli_opt *opts_export(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "format", 'f', &opt_format, "FMT", "json (the plan), xlsx, csv or html (the consolidated report)" },
		{ OPT_STRING, "output", 'o', &opt_output, "FILE", "write to FILE (required for xlsx; html also writes FILE-status.svg and FILE-money.svg)" },
		OPT_END_MARK
	};
	return o;
}

/* "out/report.html" -> "out/report" */
static char *chart_base(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return jp_strdup(path);
	return jp_strndup(path, (size_t)(dot - path));
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf b = JP_BUF_INIT;
	struct jp_status st;
	struct jp_consolidated con;
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "export: unexpected argument '%s'", argv[0]);
	if (!opt_format)
		return cli_error(CLI_USAGE, "export: give --format (json, xlsx, csv or html)");
	if (!strcmp(opt_format, "json")) {
		if (jp_plan_to_json(c->plan, &b, JP_JSON_PRETTY | JP_JSON_PARSED) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
		else
			rc = cli_write(c, &b, opt_output);
		jp_buf_release(&b);
		return rc;
	}
	if (strcmp(opt_format, "xlsx") && strcmp(opt_format, "csv") && strcmp(opt_format, "html"))
		return cli_error(CLI_USAGE, "export: unknown format '%s' (json, xlsx, csv or html)", opt_format);
	if (!strcmp(opt_format, "xlsx") && (!opt_output || !strcmp(opt_output, "-")))
		return cli_error(CLI_USAGE, "export: xlsx needs -o FILE");
	if (jp_status_compute(c->plan, &c->history, c->as_of, NULL, &st) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (jp_consolidate(c->plan, &c->history, &st, &con) < 0) {
		jp_status_release(&st);
		return cli_error(CLI_ERROR, "out of memory");
	}
	if (!strcmp(opt_format, "xlsx")) {
		rc = jp_export_xlsx(&con, opt_output, &err) < 0 ? cli_report(&err) : CLI_OK;
	} else if (!strcmp(opt_format, "csv")) {
		rc = jp_export_csv(&con, &b) < 0 ? cli_error(CLI_ERROR, "out of memory")
						 : cli_write(c, &b, opt_output);
	} else {
		char *base = opt_output && strcmp(opt_output, "-") ? chart_base(opt_output) : NULL;

		rc = jp_export_html(&con, &b, base, &err) < 0 ? cli_report(&err)
							     : cli_write(c, &b, opt_output);
		jp_free(base);
	}
	jp_consolidated_release(&con);
	jp_status_release(&st);
	jp_buf_release(&b);
	return rc;
}
