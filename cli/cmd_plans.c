/*
 * cmd_plans.c - `jospar plans`: the stored plans.
 */
#include "cli.h"
#include "alloc.h"
#include "embedded.h"

struct list_ctx {
	struct jp_buf *b;
	const char *current;
};

static int print_plan(const struct jp_plan_info *info, void *payload)
{
	struct list_ctx *l = payload;

	jp_buf_addf(l->b, "%s %-16s No. %-6s %4d activities  %s%s\n",
		    l->current && !strcmp(l->current, info->id) ? "*" : " ",
		    info->id, info->number, info->nactivities, info->loaded_at,
		    info->builtin ? "  (embedded)" : "");
	return 0;
}

int cmd_plans(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf b = JP_BUF_INIT;
	char *current = NULL;
	struct list_ctx l = { &b, NULL };
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "plans: unexpected argument '%s'", argv[0]);
	if (jp_store_get_current(c->store, &current, NULL) == 0)
		l.current = current;
	else
		l.current = JP_EMBEDDED_PLAN_ID;
	rc = jp_store_list_plans(c->store, print_plan, &l, &err);
	if (rc < 0)
		rc = cli_report(&err);
	else {
		if (!b.len)
			jp_buf_addf(&b, "no plans stored yet; the first command that reads the plan stores '%s'\n",
				    JP_EMBEDDED_PLAN_ID);
		rc = cli_write(c, &b, NULL);
	}
	jp_free(current);
	jp_buf_release(&b);
	return rc;
}
