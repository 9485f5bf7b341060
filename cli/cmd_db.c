/*
 * cmd_db.c - `jospar db copy FROM TO`: a whole database into a new one,
 * between SQLite and PostgreSQL (jp_store_copy).
 */
#include "cli.h"

static void progress(const char *table, int64_t rows, bool done, void *payload)
{
	(void)payload;
	if (done && rows)
		fprintf(stderr, "jospar: copied %s: %lld rows\n", table, (long long)rows);
	else if (!done)
		fprintf(stderr, "jospar: copying %s: %lld rows...\n", table, (long long)rows);
}

static int db_copy(struct cli *c, const char *from_target, const char *to_target)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_store_copy_totals t;
	jp_store *from = NULL, *to = NULL;
	int rc;

	if (!strcmp(from_target, to_target))
		return cli_error(CLI_USAGE, "db copy: '%s' is both the source and the target",
				 from_target);
	if (jp_store_open(&from, from_target, &err) < 0 ||
	    jp_store_open(&to, to_target, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	if (jp_store_copy(from, to, progress, NULL, &t, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	fprintf(c->out, "copied %lld rows of %d tables from %s (%s) to %s (%s), and made the"
		" search of %lld activities; counts and hashes of every table agree\n",
		(long long)t.rows, t.tables, jp_store_display(from), jp_store_backend(from),
		jp_store_display(to), jp_store_backend(to), (long long)t.search_rows);
	rc = CLI_OK;
done:
	jp_store_close(from);
	jp_store_close(to);
	return rc;
}

int cmd_db(struct cli *c, int argc, char **argv)
{
	if (argc < 1)
		return cli_error(CLI_USAGE, "db: which? copy FROM TO");
	if (!strcmp(argv[0], "copy")) {
		if (argc != 3)
			return cli_error(CLI_USAGE, "db copy: FROM and TO, two databases");
		return db_copy(c, argv[1], argv[2]);
	}
	return cli_error(CLI_USAGE, "db: unknown subcommand '%s' (copy)", argv[0]);
}
