/*
 * cmd_plans.c - `jospar plans`: the stored plans.
 */
#include "cli.h"
#include "alloc.h"
#include "embedded.h"
#include "load.h"

struct list_ctx {
	struct cli *c;
	struct jp_error *err;
	int rc;                  /* the callback's error, if any */
	struct jp_buf *b;
	const char *current;
};

/*
 * The activities of the plan as of the date, amendments applied: rows added
 * count, rows removed by then do not (they stay in the plan for their
 * earlier due dates).  *removed gets how many were removed.
 */
static int count_activities(struct cli *c, const struct jp_plan_info *info,
			    size_t *n, size_t *removed, struct jp_error *err)
{
	struct jp_plan *p = NULL;
	int rc;

	*n = (size_t)info->nactivities;
	*removed = 0;
	if (!jp_store_amendment_count(c->store, info->id))
		return 0;
	if ((rc = jp_load_plan_as_of(c->store, info->id, c->as_of, &p, err)) < 0)
		return rc;
	*n = 0;
	for (size_t i = 0; i < p->nactivities; i++) {
		bool gone = p->activities[i].removed_by.number != NULL;

		*n += !gone;
		*removed += gone;
	}
	jp_plan_free(p);
	return 0;
}

static int print_plan(const struct jp_plan_info *info, void *payload)
{
	struct list_ctx *l = payload;
	size_t n, removed;

	if ((l->rc = count_activities(l->c, info, &n, &removed, l->err)) < 0)
		return l->rc;
	jp_buf_addf(l->b, "%s %-16s No. %-6s %4zu activities  %s%s",
		    l->current && !strcmp(l->current, info->id) ? "*" : " ",
		    info->id, info->number, n, info->loaded_at,
		    info->builtin ? "  (embedded)" : "");
	if (removed)
		jp_buf_addf(l->b, "  (%zu removed by amendments)", removed);
	jp_buf_addc(l->b, '\n');
	return 0;
}

int cmd_plans(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf b = JP_BUF_INIT;
	char *current = NULL;
	struct list_ctx l = { c, &err, 0, &b, NULL };
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "plans: unexpected argument '%s'", argv[0]);
	if (jp_store_get_current(c->store, &current, NULL) == 0)
		l.current = current;
	else
		l.current = JP_EMBEDDED_PLAN_ID;
	rc = jp_store_list_plans(c->store, print_plan, &l, &err);
	if (rc == 0)
		rc = l.rc;
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
