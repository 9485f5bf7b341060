/*
 * test_status.c - the status rules, each on its own: reports as of a date,
 * acceptance, returns, the lead's report, co-executors, the repeal,
 * removal by an amendment, due dates before approval; and amendments.
 *
 * EVIDENCE-OF: ARCHITECTURE "every view can be asked as of DATE"
 */
#include "test.h"
#include "alloc.h"
#include "amend.h"
#include "budget.h"
#include "buf.h"
#include "report.h"
#include "simulate.h"
#include "status.h"
#include "text.h"
#include "fixture.h"

static const char plan_doc[] =
	"{\"format\": \"jospar-plan\", \"format_version\": 1, \"id\": \"st-1\", \"number\": \"9\","
	" \"approved\": \"2020-03-15\", \"title\": \"Status plan\","
	" \"period\": {\"from\": 2020, \"to\": 2022},"
	" \"repeal\": {\"number\": \"99\", \"date\": \"2021-08-01\"},"
	" \"directions\": [{\"code\": \"1\", \"title\": \"One\"}],"
	" \"activities\": ["
	"  {\"number\": \"1\", \"direction\": \"1\", \"title\": \"Lead and co\","
	"   \"executors\": \"ІІМ (жинақтау), БП\", \"deadline\": \"2020 жылғы 2-тоқсан\"},"
	"  {\"number\": \"2\", \"direction\": \"1\", \"title\": \"No lead\","
	"   \"executors\": \"БП, ІІМ\", \"deadline\": \"Жыл сайын\"},"
	"  {\"number\": \"3\", \"direction\": \"1\", \"title\": \"Removed\","
	"   \"executors\": \"ІІМ\", \"deadline\": \"2020 жылғы 3-тоқсан; 2020 жылғы 4-тоқсан\","
	"   \"removed_by\": {\"number\": \"A1\", \"date\": \"2020-10-01\"}},"
	"  {\"number\": \"4\", \"direction\": \"1\", \"title\": \"Co only\","
	"   \"executors\": \"ҚМ (жинақтау), ІІМ\", \"deadline\": \"2021 жылғы 1-тоқсан\"},"
	"  {\"number\": \"5\", \"direction\": \"1\", \"title\": \"Before approval\","
	"   \"executors\": \"ІІМ\", \"deadline\": \"Жыл сайын, 1 ақпаннан кешіктірмей\"}"
	" ]}";

static struct jp_plan *plan;
static struct jp_history hist;
static size_t cap_r, cap_v;

static int setup(void **state)
{
	(void)state;
	plan = fixture_load(plan_doc);
	memset(&hist, 0, sizeof(hist));
	cap_r = cap_v = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	jp_plan_free(plan);
	jp_free(hist.reports);
	jp_free(hist.reviews);
	memset(&hist, 0, sizeof(hist));
	return 0;
}

static struct jp_date D(const char *s)
{
	struct jp_date d = { 0, 0, 0 };

	assert_int_equal(jp_date_parse(&d, s, NULL), 0);
	return d;
}

static int64_t add_report(const char *act, const char *due, const char *agency,
			  enum jp_report_status st, const char *made)
{
	struct jp_report *r;

	if (hist.nreports == cap_r) {
		cap_r = cap_r ? cap_r * 2 : 8;
		hist.reports = jp_reallocarray(hist.reports, cap_r, sizeof(*r));
		assert_non_null(hist.reports);
	}
	r = &hist.reports[hist.nreports++];
	memset(r, 0, sizeof(*r));
	r->id = (int64_t)hist.nreports;
	r->activity = act;
	r->due = D(due);
	r->agency = agency;
	r->status = st;
	r->made = D(made);
	r->by = "test";
	return r->id;
}

static void add_review(int64_t report, enum jp_review_action a, const char *date)
{
	struct jp_review *v;

	if (hist.nreviews == cap_v) {
		cap_v = cap_v ? cap_v * 2 : 8;
		hist.reviews = jp_reallocarray(hist.reviews, cap_v, sizeof(*v));
		assert_non_null(hist.reviews);
	}
	v = &hist.reviews[hist.nreviews++];
	memset(v, 0, sizeof(*v));
	v->id = (int64_t)hist.nreviews;
	v->report = report;
	v->action = a;
	v->date = D(date);
	v->by = "test";
	v->reason = a == JP_REVIEW_RETURN ? "no evidence" : NULL;
}

/* The occurrence of activity `act` due on `due`, judged as of `as_of`. */
static struct jp_occurrence occ(const char *act, const char *due, const char *as_of,
				struct jp_status *keep)
{
	struct jp_status s;
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));

	assert_int_equal(jp_status_compute(plan, &hist, D(as_of), NULL, &s), 0);
	for (size_t i = 0; i < s.nocc; i++)
		if (!strcmp(s.occ[i].act->number, act) && !jp_date_cmp(s.occ[i].due, D(due))) {
			o = s.occ[i];
			if (keep)
				*keep = s;
			else
				jp_status_release(&s);
			return o;
		}
	fail_msg("no occurrence %s %s", act, due);
	return o;
}

static void test_status__lead_report_as_of(void **state)
{
	int64_t id;
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));
	(void)state;
	id = add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2020-06-20");
	add_review(id, JP_REVIEW_ACCEPT, "2020-07-05");
	/* before the report was made: nothing, and overdue once the date passed */
	o = occ("1", "2020-06-30", "2020-06-10", NULL);
	assert_int_equal(o.state, JP_OCC_NO_REPORT);
	assert_false(o.overdue);
	assert_true(o.upcoming);
	o = occ("1", "2020-06-30", "2020-06-25", NULL);
	assert_int_equal(o.state, JP_OCC_AWAITING);
	o = occ("1", "2020-06-30", "2020-07-01", NULL);
	assert_int_equal(o.state, JP_OCC_AWAITING);
	assert_false(o.overdue);  /* a done report awaiting acceptance stands */
	o = occ("1", "2020-06-30", "2020-07-05", NULL);
	assert_int_equal(o.state, JP_OCC_DONE);
}

static void test_status__returned_report(void **state)
{
	int64_t first, second;
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));
	(void)state;
	first = add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2020-06-20");
	add_review(first, JP_REVIEW_RETURN, "2020-07-02");
	o = occ("1", "2020-06-30", "2020-07-03", NULL);
	assert_int_equal(o.state, JP_OCC_RETURNED);
	assert_true(o.overdue);
	/* filed again: still not done until accepted */
	second = add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2020-07-10");
	o = occ("1", "2020-06-30", "2020-07-11", NULL);
	assert_int_equal(o.state, JP_OCC_RETURNED);
	assert_true(o.overdue);
	assert_int_equal(o.report->id, second);
	add_review(second, JP_REVIEW_ACCEPT, "2020-07-20");
	o = occ("1", "2020-06-30", "2020-07-20", NULL);
	assert_int_equal(o.state, JP_OCC_DONE);
	assert_false(o.overdue);
	/* the history stays: as of before the acceptance it is still returned */
	o = occ("1", "2020-06-30", "2020-07-19", NULL);
	assert_int_equal(o.state, JP_OCC_RETURNED);
}

static void test_status__co_executor_without_lead_report(void **state)
{
	struct jp_status s;
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));
	(void)state;
	add_report("4", "2021-03-31", "ІІМ", JP_REPORT_DONE, "2021-03-20");
	o = occ("4", "2021-03-31", "2021-04-10", &s);
	/* the lead (ҚМ) has not reported: ІІМ's report is a contribution */
	assert_int_equal(o.state, JP_OCC_NO_REPORT);
	assert_true(o.overdue);
	assert_null(o.report);
	assert_int_equal(o.ncontrib, 1);
	assert_string_equal(o.contrib[0]->agency, "ІІМ");
	/* ІІМ did report, ҚМ did not */
	for (size_t i = 0; i < s.nagencies; i++) {
		if (!strcmp(s.agencies[i].agency, "ҚМ")) {
			assert_int_equal(s.agencies[i].reported, 0);
			assert_int_equal(s.agencies[i].overdue, 1);
		}
		if (!strcmp(s.agencies[i].agency, "ІІМ"))
			assert_true(s.agencies[i].reported >= 1);
	}
	jp_status_release(&s);
	/* the lead's own report counts, the co-executor's stays beside it */
	add_report("4", "2021-03-31", "ҚМ", JP_REPORT_PARTLY, "2021-04-12");
	o = occ("4", "2021-03-31", "2021-04-15", NULL);
	assert_int_equal(o.state, JP_OCC_PARTLY);
	assert_string_equal(o.report->agency, "ҚМ");
	assert_int_equal(o.ncontrib, 1);
}

static void test_status__no_lead_any_executor_counts(void **state)
{
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));
	(void)state;
	add_report("2", "2020-12-31", "БП", JP_REPORT_IN_PROGRESS, "2020-12-01");
	add_report("2", "2020-12-31", "ІІМ", JP_REPORT_DONE, "2020-12-20");
	o = occ("2", "2020-12-31", "2021-01-05", NULL);
	assert_int_equal(o.state, JP_OCC_AWAITING);   /* the latest of any executor */
	assert_string_equal(o.report->agency, "ІІМ");
}

static void test_status__repeal(void **state)
{
	struct jp_status s;
	(void)state;
	assert_int_equal(jp_status_compute(plan, &hist, D("2022-01-10"), NULL, &s), 0);
	assert_int_equal(s.state, JP_PLAN_REPEALED);
	assert_int_equal(jp_date_cmp(s.effective, D("2021-08-01")), 0);
	assert_int_equal(s.nupcoming, 0);
	for (size_t i = 0; i < s.nocc; i++) {
		bool after = jp_date_cmp(s.occ[i].due, D("2021-08-01")) > 0;

		if (after) {
			assert_int_equal(s.occ[i].state, JP_OCC_VOID);
			assert_false(s.occ[i].overdue);
		}
	}
	/* row 2: 2021-12-31 and 2022-12-31; row 5: 2022-02-01; row 3: its
	 * date after the removal, 2020-12-31 */
	assert_int_equal(s.count[JP_OCC_VOID], 4);
	jp_status_release(&s);
	/* before the repeal the same dates are upcoming obligations */
	assert_int_equal(occ("2", "2021-12-31", "2021-07-01", NULL).state, JP_OCC_NO_REPORT);
	assert_int_equal(jp_status_compute(plan, &hist, D("2020-01-01"), NULL, &s), 0);
	assert_int_equal(s.state, JP_PLAN_NOT_YET);
	assert_int_equal(s.npassed, 0);
	jp_status_release(&s);
}

static void test_status__removed_by_amendment(void **state)
{
	struct jp_occurrence o;

	memset(&o, 0, sizeof(o));
	(void)state;
	/* removed on 2020-10-01: the Q3 date stays an obligation, Q4 is void */
	o = occ("3", "2020-09-30", "2021-01-10", NULL);
	assert_int_equal(o.state, JP_OCC_NO_REPORT);
	assert_true(o.overdue);
	o = occ("3", "2020-12-31", "2021-01-10", NULL);
	assert_int_equal(o.state, JP_OCC_VOID);
	assert_false(o.overdue);
}

static void test_status__due_date_before_approval(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_status s;
	struct jp_report r;
	(void)state;
	/* 1 February 2020 is before the approval: not a due date at all */
	assert_int_equal(jp_status_compute(plan, &hist, D("2020-12-31"), NULL, &s), 0);
	for (size_t i = 0; i < s.nocc; i++)
		if (!strcmp(s.occ[i].act->number, "5"))
			assert_true(jp_date_cmp(s.occ[i].due, D("2021-02-01")) >= 0);
	jp_status_release(&s);
	memset(&r, 0, sizeof(r));
	r.activity = "5";
	r.due = D("2020-02-01");
	r.agency = "ііМ";
	r.made = D("2020-04-01");
	jp_assert_fails(jp_report_validate(plan, &r, D("2020-12-31"), &err), JP_EINVALID, &err,
			"2020-02-01 is not a due date of activity 5");
	r.due = D("2021-02-01");
	jp_assert_ok(jp_report_validate(plan, &r, D("2021-03-01"), &err), &err);
	assert_string_equal(r.agency, "ІІМ");  /* the plan's spelling */
	r.agency = "ҚМ";
	jp_assert_fails(jp_report_validate(plan, &r, D("2021-03-01"), &err), JP_EINVALID, &err,
			"not an executor");
	r.agency = "ІІМ";
	r.made = D("2021-03-02");
	jp_assert_fails(jp_report_validate(plan, &r, D("2021-03-01"), &err), JP_EINVALID, &err,
			"future");
	/* a due date after the repeal (2021-08-01) takes no report made after it */
	r.activity = "2";
	r.due = D("2022-12-31");
	r.made = D("2021-09-01");
	jp_assert_fails(jp_report_validate(plan, &r, D("2021-09-01"), &err), JP_EINVALID, &err,
			"due date 2022-12-31 is void: the plan was repealed on 2021-08-01 by No. 99");
}

/* A report made before the repeal, on a due date after it, was made while the
 * plan was in force: accepted, and it counts while the plan is. */
static void test_status__report_before_repeal_on_later_due_date(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_report r;
	(void)state;
	memset(&r, 0, sizeof(r));
	r.activity = "2";
	r.due = D("2021-12-31");
	r.agency = "БП";
	r.made = D("2021-07-15");
	jp_assert_ok(jp_report_validate(plan, &r, D("2025-01-01"), &err), &err);
	assert_false(r.after_repeal);
	add_report("2", "2021-12-31", "БП", JP_REPORT_DONE, "2021-07-15");
	assert_int_equal(occ("2", "2021-12-31", "2021-07-20", NULL).state, JP_OCC_AWAITING);
	/* after the repeal the due date itself is void */
	assert_int_equal(occ("2", "2021-12-31", "2022-01-10", NULL).state, JP_OCC_VOID);
}

/* A report made after the repeal on an earlier due date is accepted, marked,
 * and changes no state: not the due date's, not the money spent. */
static void test_status__report_after_repeal_changes_nothing(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_rollup spent;
	struct jp_report r;
	(void)state;
	memset(&r, 0, sizeof(r));
	r.activity = "1";
	r.due = D("2020-06-30");
	r.agency = "ІІМ";
	r.made = D("2021-08-02");
	r.has_spent = true;
	r.spent = 5;
	jp_assert_ok(jp_report_validate(plan, &r, D("2025-01-01"), &err), &err);
	assert_true(r.after_repeal);
	r.made = D("2021-08-01");     /* on the repeal day the plan still takes it */
	jp_assert_ok(jp_report_validate(plan, &r, D("2025-01-01"), &err), &err);
	assert_false(r.after_repeal);
	add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2021-08-02");
	hist.reports[hist.nreports - 1].has_spent = true;
	hist.reports[hist.nreports - 1].spent = 5;
	assert_int_equal(occ("1", "2020-06-30", "2025-01-01", NULL).state, JP_OCC_NO_REPORT);
	assert_true(occ("1", "2020-06-30", "2025-01-01", NULL).overdue);
	assert_null(occ("1", "2020-06-30", "2025-01-01", NULL).report);
	assert_int_equal(jp_budget_spent(plan, &hist, D("2025-01-01"), JP_GROUP_YEAR, &spent), 0);
	assert_true(spent.all.total == 0);
	jp_rollup_release(&spent);
}

/* Removal voids the due dates from its date on; a report made before the
 * removal on such a date was made while it was due. */
static void test_status__report_on_removed_due_date(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_report r;
	(void)state;
	memset(&r, 0, sizeof(r));
	r.activity = "3";
	r.due = D("2020-12-31");
	r.agency = "ІІМ";
	r.made = D("2020-09-15");
	jp_assert_ok(jp_report_validate(plan, &r, D("2021-01-10"), &err), &err);
	r.made = D("2020-10-01");
	jp_assert_fails(jp_report_validate(plan, &r, D("2021-01-10"), &err), JP_EINVALID, &err,
			"activity 3 was removed by No. A1 from 2020-10-01");
	/* the due date before the removal takes late reports */
	r.due = D("2020-09-30");
	r.made = D("2021-01-05");
	jp_assert_ok(jp_report_validate(plan, &r, D("2021-01-10"), &err), &err);
}

/* Applies amendments (in the order given) to the status plan. */
static struct jp_plan *amended(const char *const *amends, size_t n)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf doc = JP_BUF_INIT;
	struct jp_plan *p = NULL;

	jp_buf_adds(&doc, plan_doc);
	for (size_t i = 0; i < n; i++) {
		struct jp_buf next = JP_BUF_INIT;

		jp_assert_ok(jp_amendment_apply(doc.ptr, doc.len, amends[i], strlen(amends[i]),
						&next, &err), &err);
		jp_buf_release(&doc);
		doc = next;
	}
	jp_assert_ok(jp_plan_from_json(&p, doc.ptr, doc.len, &err), &err);
	jp_buf_release(&doc);
	return p;
}

static void assert_dues(const struct jp_activity *a, const char *const *want, size_t n)
{
	char d[JP_DATE_BUFSZ];

	assert_non_null(a);
	assert_int_equal(a->deadline.ndue, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(jp_date_format(a->deadline.due[i].date, d), want[i]);
}

/* A change of deadline from D keeps the due dates before D, with their
 * reports, and takes the new deadline's from D on.
 * EVIDENCE-OF: ARCHITECTURE "an amendment never rewrites what was due before it" */
static void test_status__amendment_keeps_the_past(void **state)
{
	static const char *const am[] = {
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A5\", \"date\": \"2020-09-01\","
		" \"change\": [{\"number\": \"1\", \"deadline\": \"2021 жылғы 1-тоқсан\"},"
		"            {\"number\": \"2\", \"deadline\": \"2022 жыл\"}]}",
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A6\", \"date\": \"2021-02-01\","
		" \"change\": [{\"number\": \"2\", \"deadline\": \"Жыл сайын\"}]}",
	};
	static const char *const one[] = { "2020-06-30", "2021-03-31" };
	/* row 2 was annual: changed from 2020-09-01, before its first due date */
	static const char *const two_a5[] = { "2022-12-31" };
	static const char *const two_a6[] = { "2021-12-31", "2022-12-31" };
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = amended(am, 1), *orig = plan;
	struct jp_report r;
	struct jp_status s;
	(void)state;
	assert_dues(jp_plan_find_activity(p, "1"), one, 2);
	assert_dues(jp_plan_find_activity(p, "2"), two_a5, 1);
	assert_int_equal(jp_plan_find_activity(p, "1")->nearlier, 1);
	assert_string_equal(jp_plan_find_activity(p, "1")->earlier[0].text, "2020 жылғы 2-тоқсан");
	/* a late report on the kept due date validates and counts */
	memset(&r, 0, sizeof(r));
	r.activity = "1";
	r.due = D("2020-06-30");
	r.agency = "ІІМ";
	r.made = D("2020-12-01");
	jp_assert_ok(jp_report_validate(p, &r, D("2021-01-01"), &err), &err);
	add_review(add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2020-12-01"),
		   JP_REVIEW_ACCEPT, "2020-12-02");
	plan = p;
	assert_int_equal(occ("1", "2020-06-30", "2021-05-01", NULL).state, JP_OCC_DONE);
	assert_false(occ("1", "2021-03-31", "2021-02-01", &s).overdue);
	assert_int_equal(s.count[JP_OCC_DONE], 1);
	jp_status_release(&s);
	plan = orig;
	jp_plan_free(p);
	/* a second change: each deadline rules its own time */
	p = amended(am, 2);
	assert_dues(jp_plan_find_activity(p, "2"), two_a6, 2);
	assert_int_equal(jp_plan_find_activity(p, "2")->nearlier, 2);
	assert_int_equal(jp_date_cmp(jp_plan_find_activity(p, "2")->earlier[1].until, D("2021-02-01")), 0);
	jp_plan_free(p);
}

/* An added row has only the due dates from its addition on. */
static void test_status__added_activity_from_its_date(void **state)
{
	static const char *const am[] = {
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A7\", \"date\": \"2021-01-01\","
		" \"add\": [{\"number\": \"2-1\", \"direction\": \"1\", \"title\": \"New\","
		"           \"executors\": \"ІІМ\", \"deadline\": \"Жыл сайын\"}]}",
	};
	static const char *const want[] = { "2021-12-31", "2022-12-31" };
	struct jp_plan *p = amended(am, 1);
	(void)state;
	assert_dues(jp_plan_find_activity(p, "2-1"), want, 2);
	jp_plan_free(p);
}

/* A removed row is neither removed nor changed again. */
static void test_status__removed_activity_stays_removed(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf out = JP_BUF_INIT;
	const char again[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A8\", \"date\": \"2021-01-01\", \"remove\": [\"3\"]}";
	const char change[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A9\", \"date\": \"2021-01-01\","
		" \"change\": [{\"number\": \"3\", \"title\": \"Again\"}]}";
	(void)state;
	jp_assert_fails(jp_amendment_apply(plan_doc, strlen(plan_doc), again, strlen(again), &out, &err),
			JP_EINVALID, &err, "activity '3' is removed already, by No. A1 (2020-10-01)");
	assert_string_equal(err.where, "/remove/0");
	jp_assert_fails(jp_amendment_apply(plan_doc, strlen(plan_doc), change, strlen(change), &out, &err),
			JP_EINVALID, &err, "activity '3' is removed already, by No. A1 (2020-10-01)");
	assert_string_equal(err.where, "/change/0");
	jp_buf_release(&out);
}

/* earlier_deadlines in a plan document are checked like the deadline. */
static void test_status__earlier_deadlines_checked(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf doc = JP_BUF_INIT;
	struct jp_plan *p = NULL;
	const char *at = strstr(plan_doc, "\"deadline\": \"2020 жылғы 2-тоқсан\"");
	(void)state;
	assert_non_null(at);
	jp_buf_add(&doc, plan_doc, (size_t)(at - plan_doc));
	jp_buf_adds(&doc, "\"earlier_deadlines\": [{\"deadline\": \"2020 жылғы 9-тоқсан\","
		    " \"until\": \"2020-05-01\"}], ");
	jp_buf_adds(&doc, at);
	jp_assert_fails(jp_plan_from_json(&p, doc.ptr, doc.len, &err), JP_EINVALID, &err,
			"/activities/0/earlier_deadlines/0/deadline");
	jp_buf_release(&doc);
}

static void test_status__reports_after_the_date_do_not_count(void **state)
{
	struct jp_status s;
	(void)state;
	add_report("1", "2020-06-30", "ІІМ", JP_REPORT_DONE, "2020-08-01");
	assert_int_equal(jp_status_compute(plan, &hist, D("2020-07-15"), NULL, &s), 0);
	assert_int_equal(s.count[JP_OCC_NO_REPORT], 1);
	assert_int_equal(s.noverdue, 1);
	jp_status_release(&s);
	/* --agency narrows to that agency's obligations */
	assert_int_equal(jp_status_compute(plan, &hist, D("2021-04-10"), "ҚМ", &s), 0);
	for (size_t i = 0; i < s.nocc; i++)
		assert_string_equal(s.occ[i].act->number, "4");
	jp_status_release(&s);
}

static void test_status__amendment_apply(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf out = JP_BUF_INIT;
	struct jp_plan *p = NULL;
	const char amend[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A2\", \"date\": \"2020-11-01\","
		" \"add\": [{\"number\": \"1-1\", \"after\": \"1\", \"direction\": \"1\", \"title\": \"New\","
		"           \"executors\": \"ІІМ\", \"deadline\": \"2021 жыл\"}],"
		" \"change\": [{\"number\": \"2\", \"title\": \"Renamed\"}],"
		" \"remove\": [\"4\"]}";
	const char bad[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1, \"plan\": \"st-1\","
		" \"number\": \"A3\", \"date\": \"2020-11-01\", \"remove\": [\"77\"]}";
	(void)state;
	jp_assert_ok(jp_amendment_apply(plan_doc, strlen(plan_doc), amend, strlen(amend), &out, &err), &err);
	jp_assert_ok(jp_plan_from_json(&p, out.ptr, out.len, &err), &err);
	assert_int_equal(p->nactivities, 6);
	assert_string_equal(p->activities[1].number, "1-1");
	assert_string_equal(p->activities[1].added_by.number, "A2");
	assert_string_equal(jp_plan_find_activity(p, "2")->title, "Renamed");
	assert_int_equal(jp_plan_find_activity(p, "2")->nchanged, 1);
	assert_string_equal(jp_plan_find_activity(p, "4")->removed_by.number, "A2");
	jp_plan_free(p);
	jp_buf_reset(&out);
	jp_assert_fails(jp_amendment_apply(plan_doc, strlen(plan_doc), bad, strlen(bad), &out, &err),
			JP_EINVALID, &err, "no activity '77'");
	assert_string_equal(err.where, "/remove/0");
	jp_buf_release(&out);
}

static const struct jp_agency_status *agency_of(const struct jp_status *s, const char *name)
{
	for (size_t i = 0; i < s->nagencies; i++)
		if (!strcmp(s->agencies[i].agency, name))
			return &s->agencies[i];
	return NULL;
}

/* Reports spell agencies in any case: they count for the executor named. */
static void test_status__agency_names_fold(void **state)
{
	struct jp_status s, t;
	struct jp_occurrence o;
	const struct jp_agency_status *as;

	(void)state;
	/* row 1: "ІІМ (жинақтау), БП" */
	add_report("1", "2020-06-30", "бп", JP_REPORT_PARTLY, "2020-06-10");
	add_report("1", "2020-06-30", "ііМ", JP_REPORT_DONE, "2020-06-20");
	add_report("1", "2020-06-30", "БП", JP_REPORT_IN_PROGRESS, "2020-06-21");
	/* row 2: "БП, ІІМ", no lead: any executor's latest report */
	add_report("2", "2020-12-31", "іім", JP_REPORT_DONE, "2020-12-20");
	/* row 4: "ҚМ (жинақтау), ІІМ": Cyrillic К is not Қ */
	add_report("4", "2021-03-31", "КМ", JP_REPORT_DONE, "2021-03-20");
	o = occ("1", "2020-06-30", "2020-07-01", &s);
	assert_int_equal(o.state, JP_OCC_AWAITING);
	assert_string_equal(o.report->agency, "ііМ");
	/* БП's two spellings are one agency: its latest report only */
	assert_int_equal(o.ncontrib, 1);
	assert_string_equal(o.contrib[0]->agency, "БП");
	as = agency_of(&s, "ІІМ");
	assert_non_null(as);
	assert_int_equal(as->reported, 1);
	assert_int_equal(as->lead_due, 1);
	as = agency_of(&s, "БП");
	assert_non_null(as);
	assert_int_equal(as->reported, 1);
	assert_null(agency_of(&s, "ііМ"));
	assert_null(agency_of(&s, "бп"));
	jp_status_release(&s);
	o = occ("2", "2020-12-31", "2021-01-05", NULL);
	assert_int_equal(o.state, JP_OCC_AWAITING);
	assert_string_equal(o.report->agency, "іім");
	o = occ("4", "2021-03-31", "2021-04-10", NULL);
	assert_int_equal(o.state, JP_OCC_NO_REPORT);
	/* the agency asked for is folded too */
	assert_int_equal(jp_status_compute(plan, &hist, D("2021-04-10"), "іім", &s), 0);
	assert_int_equal(jp_status_compute(plan, &hist, D("2021-04-10"), "ІІМ", &t), 0);
	assert_true(s.nocc > 0);
	assert_int_equal(s.nocc, t.nocc);
	assert_int_equal(s.nagencies, 1);
	assert_string_equal(s.agencies[0].agency, "ІІМ");
	assert_int_equal(s.agencies[0].due, t.agencies[0].due);
	assert_int_equal(s.agencies[0].reported, t.agencies[0].reported);
	jp_status_release(&s);
	jp_status_release(&t);
	assert_int_equal(jp_status_compute(plan, &hist, D("2021-04-10"), "КМ", &s), 0);
	assert_int_equal(s.nocc, 0);
	jp_status_release(&s);
}

static void assert_same_occ(const struct jp_occurrence *x, const struct jp_occurrence *y)
{
	assert_ptr_equal(x->act, y->act);
	assert_int_equal(jp_date_cmp(x->due, y->due), 0);
	assert_ptr_equal(x->label, y->label);
	assert_int_equal(x->state, y->state);
	assert_int_equal(x->overdue, y->overdue);
	assert_int_equal(x->upcoming, y->upcoming);
	assert_ptr_equal(x->report, y->report);
	assert_ptr_equal(x->review, y->review);
	assert_int_equal(x->ncontrib, y->ncontrib);
	for (size_t k = 0; k < x->ncontrib; k++)
		assert_ptr_equal(x->contrib[k], y->contrib[k]);
}

static void assert_same_figures(const struct jp_status *x, const struct jp_status *y)
{
	assert_int_equal(x->state, y->state);
	assert_int_equal(jp_date_cmp(x->effective, y->effective), 0);
	assert_int_equal(x->nocc, y->nocc);
	for (size_t i = 0; i < x->nocc; i++)
		assert_same_occ(&x->occ[i], &y->occ[i]);
	assert_memory_equal(x->count, y->count, sizeof(x->count));
	assert_int_equal(x->noverdue, y->noverdue);
	assert_int_equal(x->nupcoming, y->nupcoming);
	assert_int_equal(x->npassed, y->npassed);
	assert_int_equal(x->synthetic, y->synthetic);
	assert_int_equal(x->nagencies, y->nagencies);
	for (size_t i = 0; i < x->nagencies; i++) {
		assert_string_equal(x->agencies[i].agency, y->agencies[i].agency);
		assert_int_equal(x->agencies[i].due, y->agencies[i].due);
		assert_int_equal(x->agencies[i].reported, y->agencies[i].reported);
		assert_int_equal(x->agencies[i].lead_due, y->agencies[i].lead_due);
		assert_int_equal(x->agencies[i].overdue, y->agencies[i].overdue);
	}
	assert_int_equal(x->ndirections, y->ndirections);
	for (size_t i = 0; i < x->ndirections; i++) {
		const struct jp_direction_status *a = &x->directions[i], *b = &y->directions[i];

		assert_string_equal(a->code, b->code);
		assert_int_equal(a->due, b->due);
		assert_int_equal(a->reported, b->reported);
		assert_int_equal(a->done, b->done);
		assert_int_equal(a->overdue, b->overdue);
		assert_int_equal(a->upcoming, b->upcoming);
	}
}

/*
 * Judging one activity gives, due date by due date, what judging the whole
 * plan gives for it: plan No. 292 with a simulated history, some reports
 * spelling their agency in small letters, some on a number not in the plan.
 */
static void test_status__one_activity_as_in_full(void **state)
{
	static const char *const dates[] = {
		"2014-03-01", "2014-12-31", "2015-12-31", "2016-08-18", "2017-06-30",
	};
	struct jp_plan *p = fixture_embedded();
	struct jp_history h;
	const struct jp_activity **all;
	size_t nall = 0;

	(void)state;
	assert_int_equal(jp_simulate(p, 7, D("2016-08-18"), &h), 0);
	assert_true(h.nreports > 100);
	for (size_t i = 0; i < h.nreports; i += 3) {
		char *f = jp_text_fold(h.reports[i].agency);

		assert_non_null(f);
		h.reports[i].agency = jp_arena_strdup(&h.arena, f);
		jp_free(f);
	}
	h.reports[1].activity = "999";
	all = jp_calloc(2 * p->nactivities + 1, sizeof(*all));
	assert_non_null(all);
	/* every activity, backwards and twice: order and repeats do not matter */
	for (size_t i = p->nactivities; i-- > 0;) {
		all[nall++] = &p->activities[i];
		all[nall++] = &p->activities[i];
	}
	for (size_t d = 0; d < JP_ARRAY_LEN(dates); d++) {
		struct jp_status full, some;

		assert_int_equal(jp_status_compute(p, &h, D(dates[d]), NULL, &full), 0);
		/* every due date of the plan, by date, then plan order */
		for (size_t i = 1; i < full.nocc; i++) {
			int c = jp_date_cmp(full.occ[i - 1].due, full.occ[i].due);

			assert_true(c < 0 || (c == 0 && full.occ[i - 1].act->index <= full.occ[i].act->index));
		}
		for (size_t i = 0; i < p->nactivities; i++) {
			const struct jp_activity *a = &p->activities[i];
			size_t k = 0;

			assert_int_equal(jp_status_compute_some(p, &h, D(dates[d]), &a, 1, &some), 0);
			for (size_t j = 0; j < full.nocc; j++) {
				if (full.occ[j].act != a)
					continue;
				assert_true(k < some.nocc);
				assert_same_occ(&full.occ[j], &some.occ[k++]);
			}
			assert_int_equal(k, some.nocc);
			assert_int_equal(k, a->deadline.ndue);
			/* an agency counts once per due date, however often the row names it */
			{
				size_t distinct = 0, sum = 0;

				for (size_t x = 0; x < a->executors.n; x++)
					distinct += jp_activity_first_mention(a, x);
				for (size_t x = 0; x < some.nagencies; x++)
					sum += some.agencies[x].due;
				assert_int_equal(some.nagencies, some.npassed ? distinct : 0);
				assert_int_equal(sum, some.npassed * distinct);
			}
			jp_status_release(&some);
		}
		assert_int_equal(jp_status_compute_some(p, &h, D(dates[d]), all, nall, &some), 0);
		assert_same_figures(&full, &some);
		jp_status_release(&some);
		jp_status_release(&full);
	}
	jp_free(all);
	jp_history_release(&h);
	jp_plan_free(p);
}

/*
 * The states do not hang on where a report's strings live: plan No. 292
 * with a simulated history judged as loaded (equal strings mostly one
 * copy), then with every report's activity and agency a copy of its own,
 * then with all of them at the addresses of other reports' texts turned
 * round (a number not in the plan, small letters), gives the same answers.
 */
static void test_status__strings_by_value(void **state)
{
	static const char *const dates[] = { "2014-12-31", "2015-12-31", "2016-08-18" };
	struct jp_plan *p = fixture_embedded();
	struct jp_history h;
	const char **act, **ag;

	(void)state;
	assert_int_equal(jp_simulate(p, 11, D("2016-08-18"), &h), 0);
	assert_true(h.nreports > 100);
	act = jp_calloc(h.nreports, sizeof(*act));
	ag = jp_calloc(h.nreports, sizeof(*ag));
	assert_non_null(act);
	assert_non_null(ag);
	for (size_t i = 0; i < h.nreports; i++) {
		act[i] = h.reports[i].activity;
		ag[i] = h.reports[i].agency;
	}
	h.reports[2].activity = "999";
	for (size_t d = 0; d < JP_ARRAY_LEN(dates); d++) {
		struct jp_status shared, own;

		for (size_t i = 0; i < h.nreports; i++) {
			h.reports[i].activity = i == 2 ? "999" : act[i];
			h.reports[i].agency = ag[i];
		}
		assert_int_equal(jp_status_compute(p, &h, D(dates[d]), NULL, &shared), 0);
		for (size_t i = 0; i < h.nreports; i++) {
			h.reports[i].activity = jp_arena_strdup(&h.arena, h.reports[i].activity);
			if (i % 4 == 0) {
				char *f = jp_text_fold(ag[i]);

				assert_non_null(f);
				h.reports[i].agency = jp_arena_strdup(&h.arena, f);
				jp_free(f);
			} else {
				h.reports[i].agency = jp_arena_strdup(&h.arena, ag[i]);
			}
		}
		assert_int_equal(jp_status_compute(p, &h, D(dates[d]), NULL, &own), 0);
		assert_int_equal(own.nocc, shared.nocc);
		for (size_t i = 0; i < shared.nocc; i++)
			assert_same_occ(&shared.occ[i], &own.occ[i]);
		assert_same_figures(&shared, &own);
		jp_status_release(&own);
		/* one address holding, in turn, another activity's number */
		for (size_t i = 0; i < h.nreports; i++)
			h.reports[i].activity = act[(i + 1) % h.nreports];
		assert_int_equal(jp_status_compute(p, &h, D(dates[d]), NULL, &own), 0);
		for (size_t i = 0; i < h.nreports; i++)
			h.reports[i].activity = jp_arena_strdup(&h.arena, act[(i + 1) % h.nreports]);
		{
			struct jp_status again;

			assert_int_equal(jp_status_compute(p, &h, D(dates[d]), NULL, &again), 0);
			for (size_t i = 0; i < own.nocc; i++)
				assert_same_occ(&own.occ[i], &again.occ[i]);
			assert_same_figures(&own, &again);
			jp_status_release(&again);
		}
		jp_status_release(&own);
		jp_status_release(&shared);
	}
	jp_free(act);
	jp_free(ag);
	jp_history_release(&h);
	jp_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_status__lead_report_as_of, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__returned_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__co_executor_without_lead_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__no_lead_any_executor_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__repeal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__removed_by_amendment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__due_date_before_approval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__reports_after_the_date_do_not_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__amendment_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__report_before_repeal_on_later_due_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__report_after_repeal_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__report_on_removed_due_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__amendment_keeps_the_past, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__added_activity_from_its_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__removed_activity_stays_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__earlier_deadlines_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status__agency_names_fold, setup, teardown),
		cmocka_unit_test(test_status__one_activity_as_in_full),
		cmocka_unit_test(test_status__strings_by_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
