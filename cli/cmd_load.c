/*
 * cmd_load.c - `jospar load FILE`: validate a plan and store it, all or
 * nothing.
 */
#include "cli.h"
#include "arena.h"
#include "ledger.h"
#include "alloc.h"
#include "plan_json.h"
#include "load.h"

static bool opt_replace, opt_keep;

const struct cli_opt *opts_load(void)
{
	static const struct cli_opt o[] = {
		{ OPT_BOOL, "replace", 0, &opt_replace, NULL, "replace a stored plan with the same id" },
		{ OPT_BOOL, "keep-current", 0, &opt_keep, NULL, "do not make the loaded plan the current one" },
		OPT_END_MARK
	};
	return o;
}

static int read_all(const char *path, struct jp_buf *b, struct jp_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!f)
		return jp_error_set(err, errno == ENOENT ? JP_ENOTFOUND : JP_ERROR,
				    "cannot open '%s': %s", path, strerror(errno));
	jp_buf_set_limit(b, JP_PLAN_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(b, chunk, n);
	if (f != stdin)
		fclose(f);
	if (jp_buf_oom(b))
		return jp_error_set(err, JP_EINVALID, "'%s' is larger than %u bytes", path,
				    JP_PLAN_MAX_BYTES);
	return 0;
}

int cmd_load(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf doc = JP_BUF_INIT;
	struct jp_plan *plan = NULL;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_ledger l;
	int rc;

	if (argc != 1)
		return cli_error(CLI_USAGE, "load: give one plan document (see 'jospar load --help')");
	if (read_all(argv[0], &doc, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	if ((rc = cli_ledger(c, NULL, &l, &arena)) != CLI_OK)
		goto done;
	if (jp_ledger_store_plan(&l, doc.ptr, doc.len, opt_replace, &plan, &err) < 0) {
		jp_error_prefix_where(&err, argv[0]);
		rc = err.code == JP_EEXISTS ? cli_error(jp_error_exit_code(err.code),
							 "%s: %s (use --replace to replace it)",
							 err.where, err.msg)
					    : cli_report(&err);
		goto done;
	}
	if (!opt_keep && jp_store_set_current(c->store, plan->id, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	fprintf(c->out, "stored plan '%s' (No. %s, %zu activities)%s\n", plan->id,
		plan->number, plan->nactivities, opt_keep ? "" : "; it is now the current plan");
	rc = CLI_OK;
done:
	jp_plan_free(plan);
	jp_arena_release(&arena);
	jp_buf_release(&doc);
	return rc;
}
