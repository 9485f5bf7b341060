/*
 * test_store.c - the store: migrations, plans, current plan,
 * Kazakh-folded search, all-or-nothing writes.  On SQLite, and under
 * tests/with-postgres.sh on a fresh PostgreSQL database for each test
 * (what only SQLite has, its query plans and files, is skipped there).
 */
#include "test.h"
#include "buf.h"
#include "alloc.h"
#include "store.h"
#include "store_int.h"
#include "load.h"
#include "fixture.h"
#include "history.h"
#include "simulate.h"
#include "status.h"
#include "embedded.h"
#include "amend.h"

#include <sqlite3.h>
#include <unistd.h>

static char dbpath[512];
static bool on_pg;

static int setup(void **state)
{
	char dir[] = "/tmp/jospar-test-XXXXXX";
	const char *pgdb = getenv("JOSPAR_TEST_PGDB");

	(void)state;
	if (getenv("JOSPAR_TEST_PG") && pgdb) {
		FILE *f = popen(pgdb, "r");
		size_t n;

		on_pg = true;
		if (!f || !fgets(dbpath, sizeof(dbpath), f) || pclose(f) != 0)
			return -1;
		n = strlen(dbpath);
		while (n && dbpath[n - 1] == '\n')
			dbpath[--n] = '\0';
		return 0;
	}
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/j.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char path[600];

	(void)state;
	if (on_pg)
		return 0;     /* the cluster goes with its directory */
	unlink(dbpath);
	snprintf(path, sizeof(path), "%s-wal", dbpath);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", dbpath);
	unlink(path);
	*strrchr(dbpath, '/') = '\0';
	rmdir(dbpath);
	return 0;
}

static jp_store *open_store(void)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = NULL;

	jp_assert_ok(jp_store_open(&st, dbpath, &err), &err);
	return st;
}

static void test_store__migrates_once(void **state)
{
	jp_store *st = open_store();
	(void)state;
	assert_int_equal(jp_store_schema_version(st), jp_store_schema_latest(st));
	jp_store_close(st);
	st = open_store(); /* reopening runs nothing again */
	assert_int_equal(jp_store_schema_version(st), jp_store_schema_latest(st));
	jp_store_close(st);
}

static void test_store__plan_roundtrip(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = open_store();
	struct jp_plan *p = fixture_load(fixture_small);
	char *doc = NULL, *cur = NULL;
	uint64_t h = 0;
	(void)state;
	assert_false(jp_store_has_plan(st, "test-1"));
	jp_assert_fails(jp_store_get_plan_doc(st, "test-1", &doc, NULL, &err), JP_ENOTFOUND,
			&err, "no plan 'test-1'");
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	jp_assert_ok(jp_store_get_plan_doc(st, "test-1", &doc, &h, &err), &err);
	assert_string_equal(doc, fixture_small);
	assert_true(h == jp_store_hash(fixture_small, strlen(fixture_small)));
	jp_free(doc);
	/* replacing keeps one copy */
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	assert_int_equal(jp_store_get_current(st, &cur, &err), JP_ENOTFOUND);
	jp_assert_ok(jp_store_set_current(st, "test-1", &err), &err);
	jp_assert_ok(jp_store_get_current(st, &cur, &err), &err);
	assert_string_equal(cur, "test-1");
	jp_free(cur);
	jp_assert_fails(jp_store_set_current(st, "nope", &err), JP_ENOTFOUND, &err, "nope");
	jp_plan_free(p);
	jp_store_close(st);
}

static void search(jp_store *st, const char *id, const char *q, size_t want_n,
		   size_t first)
{
	struct jp_error err = JP_ERROR_INIT;
	size_t *idx = NULL, n = 0;

	jp_assert_ok(jp_store_search(st, id, q, &idx, &n, &err), &err);
	if (n != want_n)
		fail_msg("search '%s': %zu hits, expected %zu", q, n, want_n);
	if (n && first != SIZE_MAX)
		assert_int_equal(idx[0], first);
	jp_free(idx);
}

static void test_store__search_folds_kazakh(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = open_store();
	struct jp_plan *p = fixture_embedded();
	size_t len, *idx = NULL, n = 0, n_iim;
	const char *doc = jp_embedded_plan(&len);
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, doc, true, &err), &err);
	/* "ііМ" finds "ІІМ", also written letter-spaced in the text */
	jp_assert_ok(jp_store_search(st, p->id, "ііМ", &idx, &n, &err), &err);
	n_iim = n;
	assert_true(n > 40);
	for (size_t i = 0; i < n; i++)
		assert_true(strstr(p->activities[idx[i]].executors_text, "ІІМ") ||
			    strstr(p->activities[idx[i]].title, "ІІМ") ||
			    strstr(p->activities[idx[i]].executors_text, "І І М"));
	jp_free(idx);
	/* every word must match, as a prefix, in any case */
	search(st, p->id, "БЕЙНЕБАҚЫЛАУ тергеу", 1, 19);
	search(st, p->id, "бейнебақыла", 2, 19);
	search(st, p->id, "Интерграцияланған", 1, 63);
	search(st, p->id, "89-1", 1, 88); /* numbers are searchable */
	search(st, p->id, "жоқсөз", 0, 0);
	/* a quote in the query is not FTS syntax */
	search(st, p->id, "\"ІІМ*", n_iim, SIZE_MAX);
	jp_assert_fails(jp_store_search(st, p->id, "  -- ", &idx, &n, &err), JP_EINVALID, &err,
			"no words");
	jp_plan_free(p);
	jp_store_close(st);
}

static void test_store__write_is_all_or_nothing(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = open_store();
	struct jp_plan *small = fixture_load(fixture_small), *big = fixture_embedded();
	size_t len;
	const char *doc = jp_embedded_plan(&len);
	int failures = 0;
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, small, fixture_small, false, &err), &err);
	/* fail the Nth allocation inside the write: nothing of it may stay */
	for (long k = 0; k < 400; k += 7) {
		int rc;

		jp_alloc_fail_after(k);
		rc = jp_store_put_plan(st, big, doc, true, &err);
		jp_alloc_fail_after(-1);
		if (rc == 0)
			break;
		failures++;
		assert_false(jp_store_has_plan(st, "kz-2014-292"));
		assert_true(jp_store_has_plan(st, "test-1"));
	}
	assert_true(failures > 3);
	jp_assert_ok(jp_store_put_plan(st, big, doc, true, &err), &err);
	assert_true(jp_store_has_plan(st, "kz-2014-292"));
	jp_plan_free(small);
	jp_plan_free(big);
	jp_store_close(st);
}

static void test_store__not_a_database(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = NULL;
	FILE *f;
	(void)state;
	if (on_pg)
		skip();       /* a file that is not a database: SQLite's */
	f = fopen(dbpath, "wb");
	assert_non_null(f);
	fputs("this is not a database, just some text long enough for sqlite to look at it........", f);
	fclose(f);
	assert_int_equal(jp_store_open(&st, dbpath, &err), JP_ERROR);
	assert_null(st);
	assert_non_null(strstr(err.msg, dbpath));
	unlink(dbpath);
}

/* The query plan of `sql` on the database, one detail a line. */
static void query_plan(sqlite3 *db, const char *sql, char *out, size_t n)
{
	char q[1024];
	sqlite3_stmt *s;
	size_t len = 0;

	snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
	out[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW && len < n)
		len += (size_t)snprintf(out + len, n - len, "%s\n",
					(const char *)sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
}

/*
 * The history is read by index in the order it was recorded (no sort in a
 * temporary B-tree), and the plan's hash without reading its document.
 * The statements are the store's own (store.c).
 */
static void test_store__history_by_index(void **state)
{
	static const char *const history[] = {
		"SELECT id, activity, due, agency, status, text, evidence,"
		" spent, made, by, recorded_at, synthetic FROM report"
		" WHERE plan_id = ?1 ORDER BY id",
		"SELECT v.id, v.report, v.action, v.reason, v.date, v.by,"
		" v.recorded_at, v.synthetic FROM review v CROSS JOIN report r"
		" ON r.id = v.report WHERE r.plan_id = ?1 ORDER BY v.id",
		"SELECT id, indicator, year, target, value, source, date,"
		" by, synthetic FROM indicator_actual WHERE plan_id = ?1 ORDER BY id",
		"SELECT id, indicator, target, value, reason, date, by"
		" FROM indicator_revision WHERE plan_id = ?1 ORDER BY id",
		/* reports made by a date (status --as-of) */
		"SELECT id, made FROM report INDEXED BY report_plan"
		" WHERE plan_id = ?1 AND made <= ?3 ORDER BY id",
		/* and their money (budget --spent) */
		"SELECT id, activity, due, agency, status, NULL, NULL, spent, made, NULL,"
		" recorded_at, synthetic, NULL FROM report INDEXED BY report_plan"
		" WHERE plan_id = ?1 AND made <= ?3 ORDER BY id",
	};
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p;
	jp_store *st;
	uint64_t h1 = 0, h2 = 0;
	char *doc = NULL, qp[2048];
	sqlite3 *db;
	(void)state;
	if (on_pg)
		skip();       /* SQLite's query plans */
	p = fixture_load(fixture_small);
	st = open_store();
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (size_t i = 0; i < JP_ARRAY_LEN(history); i++) {
		query_plan(db, history[i], qp, sizeof(qp));
		if (strstr(qp, "TEMP B-TREE") || !strstr(qp, "INDEX"))
			fail_msg("'%s' is read as:\n%s", history[i], qp);
	}
	query_plan(db, "SELECT * FROM report WHERE plan_id = ?1 AND activity = ?2", qp, sizeof(qp));
	assert_non_null(strstr(qp, "report_occurrence"));
	/* one activity's reviews (show N) start from its reports */
	query_plan(db, "SELECT v.id FROM report r INDEXED BY report_occurrence"
		   " CROSS JOIN review v ON v.report = r.id"
		   " WHERE r.plan_id = ?1 AND r.activity = ?2 ORDER BY v.id", qp, sizeof(qp));
	assert_non_null(strstr(qp, "report_occurrence"));
	assert_non_null(strstr(qp, "review_report"));
	/* a report row is written with the indexes some statement reads only:
	 * each costs every write (report_synthetic holds synthetic rows alone) */
	{
		sqlite3_stmt *s;
		size_t n = 0;

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE"
						    " type = 'index' AND tbl_name = 'report'"
						    " AND sql IS NOT NULL ORDER BY name", -1, &s,
						    NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(s, 0);

			if (strcmp(name, "report_occurrence") && strcmp(name, "report_plan") &&
			    strcmp(name, "report_synthetic"))
				fail_msg("report has an index no statement reads: %s", name);
			n++;
		}
		sqlite3_finalize(s);
		assert_int_equal(n, 3);
	}
	query_plan(db, "SELECT doc_hash FROM plan INDEXED BY plan_hash WHERE id = ?1", qp, sizeof(qp));
	assert_non_null(strstr(qp, "COVERING INDEX plan_hash"));
	sqlite3_close(db);
	/* the hash alone is the document's hash */
	jp_assert_ok(jp_store_get_plan_hash(st, "test-1", &h1, &err), &err);
	jp_assert_ok(jp_store_get_plan_doc(st, "test-1", &doc, &h2, &err), &err);
	assert_true(h1 == h2);
	assert_true(h1 == jp_store_hash(fixture_small, strlen(fixture_small)));
	assert_int_equal(jp_store_get_plan_hash(st, "no-such", &h1, &err), JP_ENOTFOUND);
	jp_free(doc);
	jp_store_close(st);
	jp_plan_free(p);
}

/* A filtered history holds exactly what the filter asks, reviews included. */
static void test_store__history_where(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_load(fixture_small);
	jp_store *st = open_store();
	struct jp_report r[4];
	static const char *const acts[4] = { "1", "2", "1", "2" };
	static const char *const made[4] = { "2020-05-01", "2020-05-02", "2020-07-01", "2020-07-02" };
	struct jp_history h = JP_HISTORY_INIT;
	struct jp_history_filter f = { NULL, false, { 0, 0, 0 } };
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < 4; i++) {
		r[i].activity = acts[i];
		assert_int_equal(jp_date_parse(&r[i].due, "2021-02-01", &err), 0);
		assert_int_equal(jp_date_parse(&r[i].made, made[i], &err), 0);
		r[i].agency = "ІІМ";
		r[i].status = JP_REPORT_DONE;
		r[i].by = "test";
	}
	jp_assert_ok(jp_store_add_reports(st, "test-1", r, 4, &err), &err);
	for (int i = 0; i < 4; i++) {
		struct jp_review v = { 0, r[i].id, JP_REVIEW_ACCEPT, NULL, r[i].made, "coord",
				       NULL, false };

		jp_assert_ok(jp_store_add_review(st, &v, &err), &err);
	}
	/* one activity */
	f.activity = "1";
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &h, &err), &err);
	assert_int_equal(h.nreports, 2);
	assert_int_equal(h.reports[0].id, r[0].id);
	assert_int_equal(h.reports[1].id, r[2].id);
	assert_int_equal(h.nreviews, 2);
	assert_int_equal(h.reviews[0].report, r[0].id);
	assert_int_equal(h.reviews[1].report, r[2].id);
	jp_history_release(&h);
	/* made by a date, with and without the activity */
	f.made_by = true;
	assert_int_equal(jp_date_parse(&f.made_to, "2020-07-01", &err), 0);
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &h, &err), &err);
	assert_int_equal(h.nreports, 2);
	jp_history_release(&h);
	f.activity = NULL;
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &h, &err), &err);
	assert_int_equal(h.nreports, 3);
	assert_int_equal(h.reports[2].id, r[2].id);
	assert_int_equal(h.nreviews, 3);
	jp_history_release(&h);
	/* no filter: everything, as jp_store_load_history */
	jp_assert_ok(jp_store_load_history_where(st, "test-1", NULL, &h, &err), &err);
	assert_int_equal(h.nreports, 4);
	assert_int_equal(h.nreviews, 4);
	jp_history_release(&h);
	jp_store_close(st);
	jp_plan_free(p);
}

/*
 * A plan's history read straight through the table (its reports are all
 * there is) and through its index (other plans have reports, before and
 * after it in name order) is the same: its reports alone, in id order.
 */
static void test_store__history_other_plans(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_load(fixture_small);
	jp_store *st = open_store();
	static const char *const plans[6] = { "test-1", "test-1", "aa-other", "zz-other",
					      "test-1", "test-1" };
	struct jp_report r[6];
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < 6; i++) {
		r[i].activity = i % 2 ? "2" : "1";
		assert_int_equal(jp_date_parse(&r[i].due, "2021-02-01", &err), 0);
		assert_int_equal(jp_date_parse(&r[i].made, i < 4 ? "2020-05-01" : "2020-09-01",
					       &err), 0);
		r[i].agency = "ІІМ";
		r[i].status = JP_REPORT_DONE;
		r[i].has_spent = true;
		r[i].spent = 1000 + i;
		r[i].by = "test";
	}
	/* test-1's two first reports alone, then the others' and two more */
	jp_assert_ok(jp_store_add_reports(st, "test-1", r, 2, &err), &err);
	for (int pass = 0; pass < 2; pass++) {
		int64_t want[4];

		if (pass == 1)
			for (int i = 2; i < 6; i++) {
				jp_assert_ok(jp_store_add_reports(st, plans[i], &r[i], 1, &err), &err);
				assert_true(r[i].id > r[i - 1].id);
			}
		/* of r, test-1's: made by 2020-06-30 r[0] and r[1], later r[4], r[5] */
		want[0] = r[0].id;
		want[1] = r[1].id;
		want[2] = r[4].id;
		want[3] = r[5].id;
		for (int kind = 0; kind < 3; kind++)
			for (int by = 0; by < 2; by++) {
				struct jp_history_filter f = { NULL, by, { 0, 0, 0 }, kind == 1,
							       kind == 2 };
				struct jp_history h = JP_HISTORY_INIT;
				size_t n = by || pass == 0 ? 2 : 4;

				assert_int_equal(jp_date_parse(&f.made_to, "2020-06-30", &err), 0);
				jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &h, &err),
					     &err);
				assert_int_equal(h.nreports, n);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(h.reports[i].id, want[i]);
				jp_history_release(&h);
			}
	}
	jp_store_close(st);
	jp_plan_free(p);
}

/*
 * The money read has the reports that give an amount, their money fields
 * as the whole read has them, and no texts, reviews or indicators; equal
 * strings are one copy.
 */
static void test_store__history_money(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_load(fixture_small);
	jp_store *st = open_store();
	struct jp_report r[3];
	struct jp_actual a = { 0, "T1", 2021, 0, "5", "stat", { 2021, 3, 1 }, "test", false };
	struct jp_history whole = JP_HISTORY_INIT, money = JP_HISTORY_INIT;
	struct jp_history_filter f = { NULL, true, { 2020, 6, 30 }, true };
	struct jp_review v;
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < 3; i++) {
		r[i].activity = i == 1 ? "2" : "1";
		r[i].due = (struct jp_date){ 2021, 2, 1 };
		r[i].made = (struct jp_date){ 2020, 5 + i, 1 };
		r[i].agency = i == 2 ? "іім" : "ІІМ";
		r[i].status = i ? JP_REPORT_PARTLY : JP_REPORT_DONE;
		r[i].text = "жасалды";
		r[i].evidence = "бұйрық № 1";
		r[i].has_spent = i != 1;
		r[i].spent = (jp_money)(i + 1) * 100000;
		r[i].by = "test";
		r[i].late_reason = i == 0 ? "late" : NULL;
		r[i].synthetic = i == 1;
	}
	jp_assert_ok(jp_store_add_reports(st, "test-1", r, 3, &err), &err);
	v = (struct jp_review){ 0, r[0].id, JP_REVIEW_ACCEPT, NULL, r[0].made, "coord", NULL, false };
	jp_assert_ok(jp_store_add_review(st, &v, &err), &err);
	jp_assert_ok(jp_store_add_actual(st, "test-1", &a, &err), &err);
	f.money = false;
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &whole, &err), &err);
	f.money = true;
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &money, &err), &err);
	/* made by 2020-06-30: the first two, of which the first gives money */
	assert_int_equal(whole.nreports, 2);
	assert_int_equal(whole.nreviews, 1);
	assert_int_equal(whole.nactuals, 1);
	assert_int_equal(money.nreports, 1);
	assert_int_equal(money.nreviews, 0);
	assert_int_equal(money.nactuals, 0);
	assert_int_equal(money.nrevisions, 0);
	/* the indicators alone: the actual, no reports or reviews */
	{
		struct jp_history_filter fi = { "1", true, { 2020, 6, 30 }, false, false, true };
		struct jp_history ind = JP_HISTORY_INIT;

		jp_assert_ok(jp_store_load_history_where(st, "test-1", &fi, &ind, &err), &err);
		assert_int_equal(ind.nreports, 0);
		assert_int_equal(ind.nreviews, 0);
		assert_int_equal(ind.nactuals, whole.nactuals);
		assert_int_equal(ind.actuals[0].id, whole.actuals[0].id);
		assert_string_equal(ind.actuals[0].indicator, whole.actuals[0].indicator);
		assert_int_equal(ind.nrevisions, whole.nrevisions);
		jp_history_release(&ind);
	}
	{
		const struct jp_report *w = &whole.reports[0], *m = &money.reports[0];

		assert_int_equal(m->id, r[0].id);
		assert_int_equal(m->id, w->id);
		assert_string_equal(m->activity, "1");
		assert_int_equal(jp_date_cmp(m->due, r[0].due), 0);
		assert_string_equal(m->agency, "ІІМ");
		assert_int_equal(m->status, JP_REPORT_DONE);
		assert_true(m->has_spent);
		assert_int_equal(m->spent, 100000);
		assert_int_equal(jp_date_cmp(m->made, r[0].made), 0);
		assert_false(m->synthetic);
		assert_non_null(m->recorded_at);
		assert_string_equal(m->recorded_at, w->recorded_at);
		/* not read */
		assert_null(m->text);
		assert_null(m->evidence);
		assert_null(m->by);
		assert_null(m->late_reason);
		/* the whole read has them */
		assert_string_equal(w->text, "жасалды");
		assert_string_equal(w->evidence, "бұйрық № 1");
		assert_string_equal(w->by, "test");
		assert_string_equal(w->late_reason, "late");
	}
	assert_false(whole.reports[1].has_spent);
	assert_true(whole.reports[1].synthetic);
	assert_null(whole.reports[1].late_reason);
	/* one copy of each distinct string */
	assert_ptr_equal(whole.reports[0].agency, whole.reports[1].agency);
	assert_ptr_equal(whole.reports[0].by, whole.reports[1].by);
	assert_ptr_equal(whole.reports[0].evidence, whole.reports[1].evidence);
	assert_ptr_equal(whole.reports[0].recorded_at, whole.reports[1].recorded_at);
	assert_ptr_not_equal(whole.reports[0].activity, whole.reports[1].activity);
	/* the states read: every report made by the date, no texts, the
	 * reviews whole, no indicator values */
	f.money = false;
	f.states = true;
	jp_history_release(&money);
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &money, &err), &err);
	assert_int_equal(money.nreports, whole.nreports);
	assert_int_equal(money.nreviews, whole.nreviews);
	assert_int_equal(money.nactuals, 0);
	assert_int_equal(money.nrevisions, 0);
	for (size_t i = 0; i < whole.nreports; i++) {
		const struct jp_report *w = &whole.reports[i], *m = &money.reports[i];

		assert_int_equal(m->id, w->id);
		assert_string_equal(m->activity, w->activity);
		assert_string_equal(m->agency, w->agency);
		assert_int_equal(m->status, w->status);
		assert_int_equal(jp_date_cmp(m->due, w->due), 0);
		assert_int_equal(jp_date_cmp(m->made, w->made), 0);
		assert_int_equal(m->has_spent, w->has_spent);
		assert_int_equal(m->synthetic, w->synthetic);
		assert_string_equal(m->recorded_at, w->recorded_at);
		assert_null(m->text);
		assert_null(m->evidence);
	}
	assert_int_equal(money.reviews[0].id, whole.reviews[0].id);
	assert_int_equal(money.reviews[0].report, whole.reviews[0].report);
	assert_int_equal(money.reviews[0].action, whole.reviews[0].action);
	f.states = false;
	f.money = true;
	jp_history_release(&whole);
	jp_history_release(&money);
	/* with an activity, and without a date */
	f.activity = "1";
	f.made_by = false;
	jp_assert_ok(jp_store_load_history_where(st, "test-1", &f, &money, &err), &err);
	assert_int_equal(money.nreports, 2);
	assert_int_equal(money.reports[1].id, r[2].id);
	assert_string_equal(money.reports[1].agency, "іім");
	assert_null(money.reports[1].text);
	jp_history_release(&money);
	jp_store_close(st);
	jp_plan_free(p);
}

static struct jp_date D(const char *s)
{
	struct jp_date d = { 0, 0, 0 };

	assert_int_equal(jp_date_parse(&d, s, NULL), 0);
	return d;
}

/* The fields a narrow read keeps are those of the whole read. */
static void assert_same_narrow(const struct jp_report *w, const struct jp_report *m)
{
	assert_int_equal(m->id, w->id);
	assert_string_equal(m->activity, w->activity);
	assert_int_equal(jp_date_cmp(m->due, w->due), 0);
	assert_string_equal(m->agency, w->agency);
	assert_int_equal(m->status, w->status);
	assert_int_equal(m->has_spent, w->has_spent);
	assert_int_equal(m->spent, w->spent);
	assert_int_equal(jp_date_cmp(m->made, w->made), 0);
	assert_string_equal(m->recorded_at, w->recorded_at);
	assert_int_equal(m->synthetic, w->synthetic);
	assert_null(m->text);
	assert_null(m->evidence);
	assert_null(m->by);
	assert_null(m->late_reason);
}

/*
 * Plan No. 292 with a simulated history (returns and reviews), plus a
 * report on the as-of day, one on a number not in the plan and real ones
 * beside the synthetic: as of each date the states and money reads hold,
 * field by field, what the whole read holds, and the states judged from
 * them are the same.
 */
static void test_store__narrow_reads_as_whole(void **state)
{
	static const char *const dates[] = { "2014-12-31", "2015-06-30", "2015-12-31", "2016-08-18" };
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_embedded();
	jp_store *st = open_store();
	struct jp_history sim = JP_HISTORY_INIT;
	struct jp_report extra[3];
	size_t len, nreturns = 0;
	const char *doc = jp_embedded_plan(&len);
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, doc, false, &err), &err);
	assert_int_equal(jp_simulate(p, 5, D("2016-08-18"), &sim), 0);
	assert_true(sim.nreports > 100);
	assert_true(sim.nreviews > 10);
	jp_assert_ok(jp_store_add_reports(st, p->id, sim.reports, sim.nreports, &err), &err);
	for (size_t i = 0; i < sim.nreviews; i++) {
		sim.reviews[i].report = sim.reports[sim.reviews[i].report - 1].id;
		nreturns += sim.reviews[i].action == JP_REVIEW_RETURN;
		jp_assert_ok(jp_store_add_review(st, &sim.reviews[i], &err), &err);
	}
	assert_true(nreturns > 0);
	/* real reports: on the as-of day, on an unknown number, with money */
	memset(extra, 0, sizeof(extra));
	for (int i = 0; i < 3; i++) {
		extra[i] = sim.reports[(size_t)i * 7];
		extra[i].id = 0;
		extra[i].synthetic = false;
		extra[i].text = "real";
		extra[i].by = "test";
		extra[i].made = D("2015-12-31");
	}
	extra[1].activity = "999";
	extra[2].has_spent = true;
	extra[2].spent = 1234567;
	extra[2].status = JP_REPORT_PARTLY;
	jp_assert_ok(jp_store_add_reports(st, p->id, extra, 3, &err), &err);
	for (size_t d = 0; d < JP_ARRAY_LEN(dates); d++) {
		struct jp_history_filter f = { NULL, true, D(dates[d]), false, false };
		struct jp_history whole = JP_HISTORY_INIT, states = JP_HISTORY_INIT,
				  money = JP_HISTORY_INIT;
		struct jp_status sw, ss;
		size_t k = 0;

		jp_assert_ok(jp_store_load_history_where(st, p->id, &f, &whole, &err), &err);
		f.states = true;
		jp_assert_ok(jp_store_load_history_where(st, p->id, &f, &states, &err), &err);
		f.states = false;
		f.money = true;
		jp_assert_ok(jp_store_load_history_where(st, p->id, &f, &money, &err), &err);
		assert_true(whole.nreports > 0);
		assert_int_equal(states.nreports, whole.nreports);
		for (size_t i = 0; i < whole.nreports; i++) {
			assert_same_narrow(&whole.reports[i], &states.reports[i]);
			if (!whole.reports[i].has_spent)
				continue;
			assert_true(k < money.nreports);
			assert_same_narrow(&whole.reports[i], &money.reports[k++]);
		}
		assert_int_equal(k, money.nreports);
		assert_int_equal(states.nreviews, whole.nreviews);
		for (size_t i = 0; i < whole.nreviews; i++) {
			assert_int_equal(states.reviews[i].id, whole.reviews[i].id);
			assert_int_equal(states.reviews[i].report, whole.reviews[i].report);
			assert_int_equal(states.reviews[i].action, whole.reviews[i].action);
			assert_int_equal(jp_date_cmp(states.reviews[i].date, whole.reviews[i].date), 0);
		}
		assert_int_equal(jp_status_compute(p, &whole, D(dates[d]), NULL, &sw), 0);
		assert_int_equal(jp_status_compute(p, &states, D(dates[d]), NULL, &ss), 0);
		assert_int_equal(ss.nocc, sw.nocc);
		for (size_t i = 0; i < sw.nocc; i++)
			assert_int_equal(ss.occ[i].state, sw.occ[i].state);
		for (int c = 0; c < JP_OCC_STATE_COUNT; c++)
			assert_int_equal(ss.count[c], sw.count[c]);
		assert_int_equal(ss.synthetic, sw.synthetic);
		/* the report on the as-of day is in from that day on */
		if (!strcmp(dates[d], "2015-12-31"))
			assert_int_equal(whole.reports[whole.nreports - 1].id, extra[2].id);
		jp_status_release(&sw);
		jp_status_release(&ss);
		jp_history_release(&whole);
		jp_history_release(&states);
		jp_history_release(&money);
	}
	jp_history_release(&sim);
	jp_store_close(st);
	jp_plan_free(p);
}

/*
 * A batch of reports moves the data version (once, not per row), and a
 * large batch, inserted with the table's CHECK off, leaves it on.
 */
static void test_store__add_reports_batch(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_load(fixture_small);
	jp_store *st = open_store();
	struct jp_report r[100];
	int64_t v0, v1, v2;
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	assert_int_equal(jp_store_reports_exist(st, "test-1", &err), 0);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < 100; i++) {
		r[i].activity = i % 2 ? "1" : "2";
		assert_int_equal(jp_date_parse(&r[i].due, "2021-02-01", &err), 0);
		assert_int_equal(jp_date_parse(&r[i].made, "2020-05-01", &err), 0);
		r[i].agency = "ІІМ";
		r[i].status = JP_REPORT_PARTLY;
		r[i].by = "test";
	}
	jp_assert_ok(jp_store_data_version(st, &v0, &err), &err);
	jp_assert_ok(jp_store_add_reports(st, "test-1", r, 1, &err), &err);
	jp_assert_ok(jp_store_data_version(st, &v1, &err), &err);
	assert_true(v1 > v0);
	jp_assert_ok(jp_store_add_reports(st, "test-1", r + 1, 99, &err), &err);
	jp_assert_ok(jp_store_data_version(st, &v2, &err), &err);
	assert_int_equal(v2, v1 + 1);
	assert_int_equal(r[99].id, r[0].id + 99);
	assert_int_equal(jp_store_reports_exist(st, "test-1", &err), 1);
	assert_int_equal(jp_store_reports_exist(st, "no-such-plan", &err), 0);
	/* the CHECK on status holds again on this connection */
	assert_int_not_equal(jp_db_exec(jp_store__db(st),
					"INSERT INTO report(plan_id, activity, due, agency, status,"
					" made, by, recorded_at) VALUES ('test-1', '1', '2021-02-01',"
					" 'ІІМ', 'finished', '2020-05-01', 't', 'now')"), 0);
	assert_true(strstr(jp_db_errmsg(jp_store__db(st)), "CHECK") ||
		    strstr(jp_db_errmsg(jp_store__db(st)), "check"));
	jp_store_close(st);
	jp_plan_free(p);
}

static int count_in(jp_store *st, const char *table, const char *plan_id)
{
	struct jp_db *db = jp_store__db(st);
	struct jp_stmt *s;
	char sql[128];
	int n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE plan_id = ?1", table);
	assert_int_equal(db->ops->prepare(db, sql, false, &s), 0);
	jp_stmt_text(s, 1, plan_id);
	if (jp_stmt_step(s) == JP_DB_ROW)
		n = jp_col_int(s, 0);
	jp_stmt_finalize(s);
	return n;
}

static int count_images(jp_store *st, const char *plan_id)
{
	return count_in(st, "plan_image", plan_id);
}

static int take_blob(void *payload, int64_t chunk, const void *blob, size_t len)
{
	struct jp_buf *b = payload;

	jp_buf_addf(b, "%lld:%.*s;", (long long)chunk, (int)len, (const char *)blob);
	return 0;
}

/* A loaded plan's image is made by the load, under the key the first
 * command then looks for: that command does not parse the document. */
static void test_store__load_makes_the_image(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_date today = { 2021, 3, 1 };
	struct jp_plan *p = NULL, *q = NULL;
	jp_store *st = open_store();
	(void)state;
	jp_assert_ok(jp_load_store_plan(st, fixture_small, strlen(fixture_small), false, &p, &err),
		     &err);
	assert_int_equal(count_images(st, "test-1"), 1);
	jp_assert_ok(jp_load_plan_as_of(st, "test-1", today, &q, &err), &err);
	assert_int_equal(count_images(st, "test-1"), 1);
	assert_string_equal(q->id, p->id);
	assert_int_equal(q->nactivities, p->nactivities);
	jp_plan_free(q);
	jp_plan_free(p);
	jp_store_close(st);
}

/* Plan images are kept per key, the newest few, their rows and look-ups
 * with them, and go with their plan. */
static void test_store__plan_images(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = fixture_load(fixture_small);
	jp_store *st = open_store();
	struct jp_buf got = JP_BUF_INIT;
	void *img = NULL;
	size_t len = 0, kept = 0, *idx = NULL, n = 0;
	char key[16], name[] = "іім";
	const void *chunks[2] = { "row0", "row1" };
	const size_t lens[2] = { 4, 4 };
	const size_t both[2] = { 1, 0 };
	const struct jp_store_image_find find[2] = { { 1, name, 7 }, { 1, name, 3 } };
	(void)state;
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	for (int i = 0; i < JP_STORE_PLAN_IMAGES + 3; i++) {
		struct jp_store_image im = { key, 0, chunks, lens, 2, find, 2 };

		snprintf(key, sizeof(key), "k%d", i);
		im.head_len = strlen(key);
		jp_assert_ok(jp_store_put_plan_image(st, "test-1", key, &im, &err), &err);
	}
	/* the same key again replaces its parts */
	{
		struct jp_store_image im = { "k10", 3, chunks, lens, 2, find, 2 };

		jp_assert_ok(jp_store_put_plan_image(st, "test-1", "k10", &im, &err), &err);
	}
	for (int i = 0; i < JP_STORE_PLAN_IMAGES + 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (jp_store_get_plan_image(st, "test-1", key, &img, &len, &err) == 0) {
			assert_int_equal(len, strlen(key));
			assert_memory_equal(img, key, len);
			assert_true(i >= 3);   /* the oldest went first */
			kept++;
			jp_free(img);
		}
	}
	assert_int_equal(kept, JP_STORE_PLAN_IMAGES);
	assert_int_equal(count_in(st, "plan_image_row", "test-1"), 3 * JP_STORE_PLAN_IMAGES);
	assert_int_equal(count_in(st, "plan_image_find", "test-1"), 2 * JP_STORE_PLAN_IMAGES);
	/* the rows: all in order, or those asked for in the order asked */
	jp_assert_ok(jp_store_get_plan_image_rows(st, "test-1", "k5", NULL, 0, take_blob, &got,
						  &err), &err);
	assert_string_equal(got.ptr, "-1:k5;0:row0;1:row1;");
	jp_buf_reset(&got);
	jp_assert_ok(jp_store_get_plan_image_rows(st, "test-1", "k5", both, 2, take_blob, &got,
						  &err), &err);
	assert_string_equal(got.ptr, "-1:k5;1:row1;0:row0;");
	jp_buf_release(&got);
	jp_assert_ok(jp_store_find_plan_image(st, "test-1", "k5", 1, name, &idx, &n, &err), &err);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 3);
	assert_int_equal(idx[1], 7);
	jp_free(idx);
	jp_assert_ok(jp_store_find_plan_image(st, "test-1", "k5", 0, name, &idx, &n, &err), &err);
	assert_int_equal(n, 0);
	jp_free(idx);
	/* storing the plan again drops its images */
	jp_assert_ok(jp_store_put_plan(st, p, fixture_small, false, &err), &err);
	assert_int_equal(jp_store_get_plan_image(st, "test-1", "k5", &img, &len, &err), JP_ENOTFOUND);
	assert_int_equal(count_in(st, "plan_image_row", "test-1"), 0);
	assert_int_equal(count_in(st, "plan_image_find", "test-1"), 0);
	jp_store_close(st);
	jp_plan_free(p);
}

static void exec_sql(jp_store *st, const char *sql)
{
	if (jp_db_exec(jp_store__db(st), sql) < 0)
		fail_msg("%s: %s", sql, jp_db_errmsg(jp_store__db(st)));
}

/* rows of `part` are those of `whole` that `rows` asks for, in order */
static void same_rows(const struct jp_plan *whole, const struct jp_plan *part,
		      const struct jp_load_rows *rows)
{
	size_t k = 0;

	assert_true(part->partial);
	assert_int_equal(jp_plan_rows(part), whole->nactivities);
	assert_string_equal(part->id, whole->id);
	assert_int_equal(part->ndirections, whole->ndirections);
	assert_int_equal(part->nglossary, whole->nglossary);
	for (size_t i = 0; i < whole->nactivities; i++) {
		const struct jp_activity *a = &whole->activities[i];

		if (rows->number ? a != jp_plan_find_activity(whole, rows->number)
				 : !jp_activity_has_agency(a, rows->agency, false))
			continue;
		assert_true(k < part->nactivities);
		assert_int_equal(part->activities[k].index, a->index);
		assert_string_equal(part->activities[k].number, a->number);
		assert_string_equal(part->activities[k].title, a->title);
		assert_int_equal(part->activities[k].deadline.ndue, a->deadline.ndue);
		k++;
	}
	assert_int_equal(k, part->nactivities);
}

static void check_rows(jp_store *st, const struct jp_plan *whole, struct jp_date d)
{
	static const struct jp_load_rows asks[] = {
		{ "66", NULL }, { "46", NULL }, { "45. 46", NULL }, { "999", NULL },
		{ NULL, "ІІМ" }, { NULL, "іім" }, { NULL, "ЖАО" }, { NULL, "нет" }
	};
	struct jp_error err = JP_ERROR_INIT;

	for (size_t i = 0; i < JP_ARRAY_LEN(asks); i++) {
		struct jp_plan *part = NULL;

		jp_assert_ok(jp_load_plan_rows_as_of(st, whole->id, d, &asks[i], &part, &err), &err);
		same_rows(whole, part, &asks[i]);
		jp_plan_free(part);
	}
}

/*
 * The plan with only some rows, from the stored image and from the
 * documents when the image is missing, of the old version or damaged (it
 * is made again).
 */
static void test_store__plan_rows(void **state)
{
	static const char amend[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1,"
		" \"plan\": \"kz-2014-292\", \"number\": \"777\", \"date\": \"2015-06-01\","
		" \"change\": [{\"number\": \"66\", \"title\": \"Жаңа атауы\"}],"
		" \"remove\": [\"10\"]}";
	struct jp_error err = JP_ERROR_INIT;
	struct jp_date before = { 2015, 1, 1 }, after = { 2016, 1, 1 };
	struct jp_amendment_info info;
	struct jp_plan *whole = NULL, *amended = NULL, *part = NULL;
	const struct jp_load_rows r66 = { "66", NULL };
	jp_store *st = open_store();
	(void)state;
	jp_assert_ok(jp_load_sync_embedded(st, &err), &err);
	jp_assert_ok(jp_load_add_amendment(st, amend, strlen(amend), &info, &err), &err);
	/* made from the documents first (no image yet), then from the image */
	assert_int_equal(count_images(st, "kz-2014-292"), 0);
	jp_assert_ok(jp_load_plan_rows_as_of(st, "kz-2014-292", before, &r66, &part, &err), &err);
	assert_int_equal(count_images(st, "kz-2014-292"), 1);
	jp_assert_ok(jp_load_plan_as_of(st, "kz-2014-292", before, &whole, &err), &err);
	assert_false(whole->partial);
	same_rows(whole, part, &r66);
	jp_plan_free(part);
	check_rows(st, whole, before);
	/* as of a date after the amendment: its text */
	jp_assert_ok(jp_load_plan_as_of(st, "kz-2014-292", after, &amended, &err), &err);
	check_rows(st, amended, after);
	jp_assert_ok(jp_load_plan_rows_as_of(st, "kz-2014-292", after, &r66, &part, &err), &err);
	assert_string_equal(part->activities[0].title, "Жаңа атауы");
	jp_plan_free(part);
	/* a chunk damaged, a chunk missing, a head of another version: made again */
	{
		struct jp_db *db = jp_store__db(st);
		struct jp_stmt *u;

		assert_int_equal(db->ops->prepare(db, "UPDATE plan_image_row SET image = ?1"
						  " WHERE chunk = 2", false, &u), 0);
		jp_stmt_blob(u, 1, "\x01\x00", 2);
		assert_int_equal(jp_stmt_step(u), JP_DB_DONE);
		jp_stmt_finalize(u);
	}
	check_rows(st, whole, before);
	check_rows(st, amended, after);
	exec_sql(st, "DELETE FROM plan_image_row WHERE chunk = 2");
	check_rows(st, whole, before);
	check_rows(st, amended, after);
	{
		struct jp_db *db = jp_store__db(st);
		struct jp_stmt *q, *u;
		struct { char key[128]; unsigned char *h; size_t n; } heads[8];
		size_t nh = 0;

		assert_int_equal(db->ops->prepare(db, "SELECT key, image FROM plan_image_row"
						  " WHERE chunk = -1", false, &q), 0);
		while (jp_stmt_step(q) == JP_DB_ROW && nh < JP_ARRAY_LEN(heads)) {
			const void *blob = jp_col_blob(q, 1, &heads[nh].n);

			snprintf(heads[nh].key, sizeof(heads[nh].key), "%s", jp_col_text(q, 0));
			heads[nh].h = jp_malloc(heads[nh].n);
			memcpy(heads[nh].h, blob, heads[nh].n);
			heads[nh].h[8]--;     /* the format version */
			nh++;
		}
		jp_stmt_finalize(q);
		assert_true(nh > 0);
		assert_int_equal(db->ops->prepare(db, "UPDATE plan_image_row SET image = ?2"
						  " WHERE key = ?1 AND chunk = -1", false, &u), 0);
		for (size_t i = 0; i < nh; i++) {
			jp_stmt_reset(u);
			jp_stmt_text(u, 1, heads[i].key);
			jp_stmt_blob(u, 2, heads[i].h, heads[i].n);
			assert_int_equal(jp_stmt_step(u), JP_DB_DONE);
			jp_free(heads[i].h);
		}
		jp_stmt_finalize(u);
	}
	check_rows(st, whole, before);
	check_rows(st, amended, after);
	/* and each is whole again in the store */
	{
		struct jp_db *db = jp_store__db(st);
		struct jp_stmt *q;

		assert_int_equal(db->ops->prepare(db, "SELECT count(*), min(length(image))"
						  " FROM plan_image_row WHERE chunk = 2", false, &q), 0);
		assert_int_equal(jp_stmt_step(q), JP_DB_ROW);
		assert_int_equal(jp_col_int(q, 0), 2);
		assert_true(jp_col_int(q, 1) > 1000);
		jp_stmt_finalize(q);
	}
	jp_plan_free(whole);
	jp_plan_free(amended);
	jp_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store__migrates_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__plan_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__search_folds_kazakh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__write_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__narrow_reads_as_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__history_by_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__history_where, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__history_other_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__plan_images, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__plan_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__history_money, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__add_reports_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__load_makes_the_image, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
