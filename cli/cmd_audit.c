/*
 * cmd_audit.c - `jospar audit`: the audit log, newest first, filtered by
 * time, actor and action.  Every change from every front end is here
 * (ledger/ledger.h writes it).
 */
#include "cli.h"
#include "account.h"
#include "arena.h"
#include "table.h"
#include "views.h"

#include <jansson.h>

static const char *opt_since, *opt_who, *opt_action, *opt_limit, *opt_before;
static bool opt_json;

const struct cli_opt *opts_audit(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "since", 0, &opt_since, "DATE", "entries at or after DATE (YYYY-MM-DD or a UTC timestamp)" },
		{ OPT_STRING, "who", 0, &opt_who, "LOGIN", "entries of one actor (a login, or cli:NAME)" },
		{ OPT_STRING, "action", 0, &opt_action, "A", "one action (report.submit), or a family ending in '.' (report.)" },
		{ OPT_STRING, "limit", 'n', &opt_limit, "N", "at most N entries (default 100)" },
		{ OPT_STRING, "before", 0, &opt_before, "ID", "entries older than entry ID (the next page)" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

/* What an entry changed, readable: "review: \"submitted\" -> \"accepted\"; …". */
static void add_change(struct jp_buf *b, struct jp_arena *arena, const struct jp_audit_entry *e)
{
	struct jp_audit_change *ch = NULL;
	size_t n = 0;

	if (jp_audit_changes(e->before, e->after, arena, &ch, &n) < 0) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		jp_buf_addf(b, "%s%s: %s%s%s", i ? "; " : "", ch[i].key, ch[i].before ? ch[i].before : "",
			    ch[i].before ? " -> " : "", ch[i].after);
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_audit_query q = { opt_since, opt_who, opt_action, 0, 100 };
	struct jp_audit_entry *e = NULL;
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	size_t n = 0;
	char *end;
	int rc;

	(void)argv;
	if (argc > 0)
		return cli_error(CLI_USAGE, "audit: unexpected argument '%s'", argv[0]);
	if (opt_limit && ((q.limit = strtoul(opt_limit, &end, 10)) < 1 || *end || q.limit > 100000))
		return cli_error(CLI_USAGE, "audit: --limit takes 1 to 100000");
	if (opt_before && ((q.before_id = strtoll(opt_before, &end, 10)) < 1 || *end))
		return cli_error(CLI_USAGE, "audit: --before takes an entry id");
	if (opt_since) {
		struct jp_date d;
		char day[11];

		snprintf(day, sizeof(day), "%s", opt_since);   /* the date part */
		if (strlen(opt_since) < 10 || jp_date_parse(&d, day, &err) < 0)
			return cli_error(CLI_USAGE, "audit: --since: '%s' is not a date", opt_since);
	}
	if (jp_store_audit_query(c->store, &q, &arena, &e, &n, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	if (opt_json) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}",
				"id", (json_int_t)e[i].id, "at", e[i].at, "who", e[i].who,
				"action", e[i].action, "object", e[i].object,
				"before", e[i].before ? json_loads(e[i].before, 0, NULL) : json_null(),
				"after", e[i].after ? json_loads(e[i].after, 0, NULL) : json_null()));
		cli_add_json(&b, arr);
		rc = cli_write(c, &b, NULL);
		goto done;
	}
	jp_table_add_col(&t, "ID", 0, true);
	jp_table_add_col(&t, "At (UTC)", 0, false);
	jp_table_add_col(&t, "Who", 16, false);
	jp_table_add_col(&t, "Action", 0, false);
	jp_table_add_col(&t, "Object", 16, false);
	jp_table_add_col(&t, "Change", 0, false);
	for (size_t i = 0; i < n; i++) {
		struct jp_buf ch = JP_BUF_INIT;

		add_change(&ch, &arena, &e[i]);
		jp_table_cellf(&t, "%lld", (long long)e[i].id);
		jp_table_cell(&t, e[i].at);
		jp_table_cell(&t, e[i].who);
		jp_table_cell(&t, e[i].action);
		jp_table_cell(&t, e[i].object);
		jp_table_cell(&t, ch.len ? ch.ptr : "");
		jp_buf_release(&ch);
	}
	if (n)
		jp_table_render(&t, &b);
	jp_buf_addf(&b, "%s%zu entr%s", n ? "\n" : "", n, n == 1 ? "y" : "ies");
	if (n == q.limit)
		jp_buf_addf(&b, "; older: jospar audit --before %lld", (long long)e[n - 1].id);
	jp_buf_addc(&b, '\n');
	rc = cli_write(c, &b, NULL);
done:
	jp_table_release(&t);
	jp_buf_release(&b);
	jp_arena_release(&arena);
	return rc;
}
