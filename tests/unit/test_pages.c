/*
 * test_pages.c - the server-rendered pages, on plan No. 292: every page in
 * every language for every role is a well-formed, accessible document;
 * the words are the right language's; data are escaped; forms carry the
 * CSRF token and appear only for the roles allowed; synthetic data are
 * marked; out of memory is an error, not a crash or a leak.
 *
 * JOSPAR_PAGES_DUMP=DIR writes the pages rendered by test_pages__dump to
 * DIR, to look at them in a browser.
 */
#include "test.h"
#include "alloc.h"
#include "buf.h"
#include "pages.h"
#include "simulate.h"
#include "status.h"
#include "store.h"
#include "fixture.h"

#include <ctype.h>

#define TOKEN "csrf-TOKEN-42"

static struct jp_plan *plan;
static struct jp_history synth = JP_HISTORY_INIT;
static struct jp_history real;      /* static arrays, nothing to free */

static struct jp_report real_reports[] = {
	{ 1, "6", { 2014, 6, 30 }, "ІІМ", JP_REPORT_DONE, "Кешен әзірленді",
	  "бұйрық № 123, 2014-06-20", true, 12500000, { 2014, 6, 25 }, "ivanov",
	  "2014-06-25 10:00:00", false },
	{ 2, "6", { 2014, 6, 30 }, "ІІМ", JP_REPORT_DONE, "Алғашқы нұсқа", NULL, false, 0,
	  { 2014, 6, 20 }, "ivanov", "2014-06-20 09:00:00", false },
	{ 3, "45. 46", { 2014, 12, 31 }, "ЭБЖМ", JP_REPORT_PARTLY, "<b>bold</b> & co", NULL,
	  false, 0, { 2014, 12, 20 }, "petrov", "2014-12-20 09:00:00", false },
};
static struct jp_review real_reviews[] = {
	{ 1, 2, JP_REVIEW_RETURN, "бұйрықтың көшірмесі жоқ", { 2014, 6, 22 }, "coordinator",
	  "2014-06-22 12:00:00", false },
};

static const char *const langs[] = { "kk", "ru", "en" };

struct role {
	const char *login;
	enum jp_role role;
	const char *agency;
} const roles[] = {
	{ NULL, JP_ROLE_VIEWER, NULL },
	{ "reader", JP_ROLE_VIEWER, NULL },
	{ "ivanov", JP_ROLE_EXECUTOR, "ІІМ" },
	{ "bp", JP_ROLE_EXECUTOR, "БП" },
	{ "coordinator", JP_ROLE_COORDINATOR, NULL },
	{ "admin", JP_ROLE_ADMIN, NULL },
};

static struct jp_date D(const char *s)
{
	struct jp_date d = { 0, 0, 0 };

	assert_int_equal(jp_date_parse(&d, s, NULL), 0);
	return d;
}

static int setup(void **state)
{
	(void)state;
	plan = fixture_embedded();
	if (jp_simulate(plan, 7, D("2016-08-18"), &synth) < 0)
		fail_msg("simulate failed");
	memset(&real, 0, sizeof(real));
	real.reports = real_reports;
	real.nreports = JP_ARRAY_LEN(real_reports);
	real.reviews = real_reviews;
	real.nreviews = JP_ARRAY_LEN(real_reviews);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	jp_history_release(&synth);
	jp_plan_free(plan);
	return 0;
}

static struct jp_page_ctx ctx(const char *lang, const struct role *r,
			      const struct jp_history *h, const char *as_of)
{
	struct jp_page_ctx c;

	memset(&c, 0, sizeof(c));
	c.lang = lang;
	c.path = "/";
	c.csrf = r && r->login ? TOKEN : NULL;
	if (r) {
		c.user.login = r->login;
		c.user.role = r->role;
		c.user.agency = r->agency;
	}
	c.plan = plan;
	c.history = h;
	c.synthetic = jp_page_history_synthetic(h);
	c.as_of = D(as_of);
	return c;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

#define assert_contains(hay, needle)                                           \
	do {                                                                   \
		if (!strstr((hay), (needle)))                                  \
			fail_msg("page lacks '%s'", (needle));                 \
	} while (0)
#define assert_lacks(hay, needle)                                              \
	do {                                                                   \
		const char *at_ = strstr((hay), (needle));                     \
		if (at_)                                                       \
			fail_msg("page has '%s' at: %.120s", (needle), at_);   \
	} while (0)

/* --- well-formedness ---------------------------------------------------- */

static bool is_void(const char *name, size_t n)
{
	static const char *const v[] = { "meta", "input", "br", "link", "img", "hr", "col",
					 "source", "wbr" };

	for (size_t i = 0; i < JP_ARRAY_LEN(v); i++)
		if (strlen(v[i]) == n && !strncmp(v[i], name, n))
			return true;
	return false;
}

/*
 * Every element closes, in order (a stack of open elements), void ones
 * excepted; <style> content is skipped; no stray '<' in text.  Fails with
 * the place when not.
 */
static void check_balanced(const char *page)
{
	const char *stack[256];
	size_t slen[256], depth = 0;
	const char *p = page;

	while ((p = strchr(p, '<'))) {
		const char *name, *end;
		bool closing = p[1] == '/';
		size_t n;

		if (!strncmp(p, "<!DOCTYPE", 9)) {
			p += 9;
			continue;
		}
		name = p + 1 + closing;
		n = 0;
		while (name[n] && (isalnum((unsigned char)name[n]) || name[n] == '-'))
			n++;
		if (!n)
			fail_msg("stray '<' at: %.80s", p);
		end = strchr(p, '>');
		if (!end)
			fail_msg("unclosed tag at: %.80s", p);
		if (closing) {
			if (!depth || slen[depth - 1] != n || strncmp(stack[depth - 1], name, n))
				fail_msg("</%.*s> does not close <%.*s> at: %.80s", (int)n, name,
					 depth ? (int)slen[depth - 1] : 0, depth ? stack[depth - 1] : "", p);
			depth--;
		} else if (end[-1] != '/' && !is_void(name, n)) {
			if (depth == JP_ARRAY_LEN(stack))
				fail_msg("nesting too deep at: %.80s", p);
			stack[depth] = name;
			slen[depth++] = n;
			if (n == 5 && !strncmp(name, "style", 5)) {
				end = strstr(end, "</style>");
				assert_non_null(end);
				end--;
			}
		}
		p = end + 1;
	}
	if (depth)
		fail_msg("<%.*s> is never closed", (int)slen[depth - 1], stack[depth - 1]);
}

/* The id="..." value following `at`, copied into buf. */
static bool attr(const char *tag, const char *tag_end, const char *name, char *buf, size_t cap)
{
	char pat[32];
	const char *v, *e;

	snprintf(pat, sizeof(pat), " %s=\"", name);
	v = strstr(tag, pat);
	if (!v || v > tag_end)
		return false;
	v += strlen(pat);
	e = strchr(v, '"');
	if (!e || (size_t)(e - v) >= cap)
		return false;
	memcpy(buf, v, (size_t)(e - v));
	buf[e - v] = '\0';
	return true;
}

/* Every input (but hidden ones), select and textarea has an id and a
 * <label for> naming it; every th has a scope; every table a caption and
 * a scrolling wrapper. */
static void check_accessible(const char *page)
{
	static const char *const fields[] = { "<input", "<select", "<textarea" };

	for (size_t k = 0; k < JP_ARRAY_LEN(fields); k++) {
		for (const char *p = strstr(page, fields[k]); p; p = strstr(p + 1, fields[k])) {
			const char *end = strchr(p, '>');
			char id[128], type[32], label[160];

			assert_non_null(end);
			if (attr(p, end, "type", type, sizeof(type)) && !strcmp(type, "hidden"))
				continue;
			if (!attr(p, end, "id", id, sizeof(id)))
				fail_msg("a form field without id: %.80s", p);
			snprintf(label, sizeof(label), "<label for=\"%s\">", id);
			if (!strstr(page, label))
				fail_msg("no %s", label);
		}
	}
	for (const char *p = strstr(page, "<th"); p; p = strstr(p + 1, "<th")) {
		if (p[3] != ' ' && p[3] != '>')
			continue;       /* <thead> */
		if (strncmp(p, "<th scope=\"", 11))
			fail_msg("a th without scope: %.80s", p);
	}
	for (const char *p = strstr(page, "<table"); p; p = strstr(p + 1, "<table")) {
		if (strncmp(strchr(p, '>') + 1, "\n<caption>", 10))
			fail_msg("a table without caption: %.80s", p);
		const char *prev = p - 1;

		while (prev > page && *prev != '<')
			prev--;
		static const char wrap[] = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"";

		if (strncmp(prev, wrap, strlen(wrap)))
			fail_msg("a table outside its scrolling wrapper: %.80s", prev);
	}
}

/* Every POST form carries the token; GET forms do not (it would leak into
 * URLs and logs). */
static void check_forms(const char *page, const char *token)
{
	char want[128];

	snprintf(want, sizeof(want), "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", token);
	for (const char *p = strstr(page, "<form"); p; p = strstr(p + 1, "<form")) {
		const char *end = strstr(p, "</form>"), *tag_end = strchr(p, '>');
		const char *tok = strstr(p, want);
		bool post = strstr(p, "method=\"post\"") && strstr(p, "method=\"post\"") < tag_end;

		assert_non_null(end);
		if (post && (!tok || tok > end))
			fail_msg("a POST form without the csrf token: %.120s", p);
		if (!post && tok && tok < end)
			fail_msg("a GET form with the csrf token: %.120s", p);
	}
}

static void check_page(const char *page, const char *lang, const char *token)
{
	char want[64];

	if (strncmp(page, "<!DOCTYPE html>\n<html lang=\"", 28))
		fail_msg("the page does not start as HTML5: %.60s", page);
	snprintf(want, sizeof(want), "<html lang=\"%s\">", lang);
	assert_contains(page, want);
	assert_int_equal(count(page, "<html"), 1);
	assert_int_equal(count(page, "</html>"), 1);
	assert_int_equal(count(page, "<body>"), 1);
	assert_int_equal(count(page, "</body>"), 1);
	assert_int_equal(count(page, "<main "), 1);
	assert_int_equal(count(page, "<h1>"), 1);
	assert_contains(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
	assert_contains(page, "<a class=\"skip\" href=\"#main\">");
	assert_contains(page, "<main id=\"main\"");
	assert_contains(page, "<header class=\"site\">");
	assert_contains(page, "<nav class=\"menu\" aria-label=\"");
	assert_contains(page, "<footer");
	assert_contains(page, "?lang=kk\"");
	assert_contains(page, "?lang=ru\"");
	assert_contains(page, "?lang=en\"");
	if (!strstr(page, "</html>\n") || strcmp(strstr(page, "</html>\n"), "</html>\n"))
		fail_msg("the page does not end with </html>");
	check_balanced(page);
	check_accessible(page);
	check_forms(page, token ? token : "");
}

/* --- rendering every page ---------------------------------------------- */

typedef int (*render_fn)(const struct jp_page_ctx *c, const struct jp_status *st,
			 struct jp_buf *out);

static const struct jp_user users[] = {
	{ 1, "admin", JP_ROLE_ADMIN, NULL, false, "2025-01-01 10:00:00" },
	{ 2, "ivanov", JP_ROLE_EXECUTOR, "ІІМ", false, "2025-01-02 10:00:00" },
	{ 3, "old\"<x>", JP_ROLE_VIEWER, NULL, true, "2025-01-03 10:00:00" },
	{ 4, "a b/c", JP_ROLE_COORDINATOR, NULL, false, NULL },
};

static const struct jp_audit_entry audit[] = {
	{ 1, "2025-01-01T10:00:00Z", "admin", "user.add", "user/ivanov", NULL,
	  "{\"login\": \"ivanov\", \"role\": \"executor\"}" },
	{ 3, "2025-01-03T10:00:00Z", "ivanov", "report.submit", "report/1", NULL,
	  "{\"text\": \"<script>x</script>\"}" },
	{ 2, "2025-01-02T10:00:00Z", "coordinator", "report.return", "report/2",
	  "{\"state\": \"awaiting\"}", "{\"state\": \"returned\"}" },
};

static const struct jp_plan_info plan_infos[] = {
	{ "kz-2014-292", "292", "Жоспар", "2025-01-01 10:00:00", true, 133 },
};

static int r_login(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_login(c, o);
}
static int r_overview(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	return jp_page_overview(c, st, o);
}
static int r_activities(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	static const struct jp_activity *v[1024];

	(void)st;
	assert_true(plan->nactivities <= JP_ARRAY_LEN(v));
	for (size_t i = 0; i < plan->nactivities; i++)
		v[i] = &plan->activities[i];
	return jp_page_activities(c, v, plan->nactivities, "1.1", "ІІМ", "бейне\"<", o);
}
static int r_activity6(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	return jp_page_activity(c, jp_plan_find_activity(plan, "6"), st, o);
}
static int r_activity45(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	return jp_page_activity(c, jp_plan_find_activity(plan, "45. 46"), st, o);
}
static int r_agency(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	return jp_page_agency(c, "ІІМ", st, o);
}
static int r_budget(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_budget(c, o);
}
static int r_indicators(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_indicators(c, o);
}
static int r_findings(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_findings(c, o);
}
static int r_users(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_users(c, users, JP_ARRAY_LEN(users), o);
}
static int r_audit(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_audit(c, audit, JP_ARRAY_LEN(audit), o);
}
static int r_plans(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_plans_list(c, plan_infos, JP_ARRAY_LEN(plan_infos), o);
}
static int r_plans_bare(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_plans_list(c, NULL, 0, o);
}
static int r_message(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *o)
{
	(void)st;
	return jp_page_message(c, 404, "no activity '<x>'", o);
}

static const struct {
	const char *name;
	render_fn fn;
} pages[] = {
	{ "login", r_login }, { "overview", r_overview }, { "activities", r_activities },
	{ "activity-6", r_activity6 }, { "activity-45", r_activity45 }, { "agency", r_agency },
	{ "budget", r_budget }, { "indicators", r_indicators }, { "findings", r_findings },
	{ "users", r_users }, { "audit", r_audit }, { "plans", r_plans },
	{ "plans-bare", r_plans_bare }, { "message", r_message },
};

static char *render(size_t page, const struct jp_page_ctx *c, const struct jp_status *st)
{
	struct jp_buf b = JP_BUF_INIT;

	if (pages[page].fn(c, st, &b) != 0)
		fail_msg("page %s (%s) failed", pages[page].name, c->lang);
	assert_false(jp_buf_oom(&b));
	return jp_buf_detach(&b);
}

static void test_pages__every_page_language_and_role(void **state)
{
	static const char *const dates[] = { "2016-06-30", "2016-09-01" };
	(void)state;

	for (size_t di = 0; di < JP_ARRAY_LEN(dates); di++) {
		const struct jp_history *h = di ? &real : &synth;
		struct jp_status st;

		assert_int_equal(jp_status_compute(plan, h, D(dates[di]), NULL, &st), 0);
		for (size_t li = 0; li < JP_ARRAY_LEN(langs); li++) {
			for (size_t ri = 0; ri < JP_ARRAY_LEN(roles); ri++) {
				struct jp_page_ctx c = ctx(langs[li], &roles[ri], h, dates[di]);

				for (size_t pi = 0; pi < JP_ARRAY_LEN(pages); pi++) {
					char *page = render(pi, &c, &st);

					check_page(page, langs[li], c.csrf);
					if (strcmp(pages[pi].name, "plans-bare"))
						assert_contains(page, plan->title);
					if (roles[ri].login) {
						assert_contains(page, "<form method=\"post\" action=\"/logout\">");
						assert_contains(page, roles[ri].login);
					} else {
						assert_lacks(page, "action=\"/logout\"");
						assert_contains(page, "<a href=\"/login\">");
					}
					jp_free(page);
				}
			}
		}
		jp_status_release(&st);
	}
}

static char *page_for(const char *name, const char *lang, const struct role *r,
		      const struct jp_history *h, const char *as_of)
{
	struct jp_page_ctx c = ctx(lang, r, h, as_of);
	struct jp_status st;
	char *page = NULL;

	assert_int_equal(jp_status_compute(plan, h, c.as_of, NULL, &st), 0);
	for (size_t i = 0; i < JP_ARRAY_LEN(pages); i++)
		if (!strcmp(pages[i].name, name))
			page = render(i, &c, &st);
	jp_status_release(&st);
	assert_non_null(page);
	check_page(page, jp_lang_supported(lang) ? lang : "kk", c.csrf);
	return page;
}

static void test_pages__languages(void **state)
{
	char *kk = page_for("overview", "kk", &roles[4], &real, "2016-09-01");
	char *ru = page_for("overview", "ru", &roles[4], &real, "2016-09-01");
	char *en = page_for("overview", "en", &roles[4], &real, "2016-09-01");
	char *xx = page_for("overview", "de", &roles[4], &real, "2016-09-01");

	(void)state;
	assert_contains(kk, "<h1>Шолу</h1>");
	assert_contains(kk, ">Мерзімі өткен<");
	assert_contains(kk, ">Іс-шаралар</a>");
	assert_contains(kk, "Кім есеп бермеді");
	assert_contains(kk, "№ 464 қаулымен күші жойылды");
	assert_lacks(kk, ">Overdue<");
	assert_contains(ru, "<h1>Обзор</h1>");
	assert_contains(ru, ">Просрочено<");
	assert_contains(ru, "Кто не отчитался");
	assert_contains(ru, "постановлением № 464");
	assert_contains(en, "<h1>Overview</h1>");
	assert_contains(en, ">Overdue<");
	assert_contains(en, "Repealed on 2016-08-18 by No. 464.");
	/* an unsupported language falls back to Kazakh, the default */
	assert_contains(xx, "<html lang=\"kk\">");
	assert_contains(xx, "<h1>Шолу</h1>");
	/* the language switch marks the current language */
	assert_contains(ru, "<a lang=\"ru\" hreflang=\"ru\" href=\"/?lang=ru\" aria-current=\"true\">Русский</a>");
	/* plan data in Kazakh carry lang="kk" on a Russian page */
	assert_contains(ru, "<p class=\"plan-title\" lang=\"kk\">");
	assert_lacks(kk, "<p class=\"plan-title\" lang=");
	jp_free(kk);
	jp_free(ru);
	jp_free(en);
	jp_free(xx);
}

static void test_pages__overview(void **state)
{
	char *p = page_for("overview", "en", &roles[0], &real, "2016-09-01");
	char *q = page_for("overview", "en", &roles[0], &real, "2015-06-01");
	char *r = page_for("overview", "kk", &roles[0], &real, "2014-01-01");

	(void)state;
	/* overdue table: activity numbers with spaces are percent-encoded */
	assert_contains(p, "<a href=\"/activities/45.%2046\">45. 46</a>");
	assert_contains(p, "<caption>Overdue due dates</caption>");
	assert_contains(p, "<caption>Agencies with due dates passed and no report</caption>");
	assert_contains(p, "<a href=\"/agencies/%D0%86%D0%86%D0%9C\"");
	/* both charts inline */
	assert_int_equal(count(p, "<svg xmlns=\"http://www.w3.org/2000/svg\""), 2);
	assert_contains(p, "Due dates passed by direction");
	assert_contains(p, "Planned and spent");
	/* the state of the plan as of the date */
	assert_contains(p, "Everything is shown as of the day of the repeal.");
	assert_contains(q, "In force since 2014-04-01.");
	assert_contains(q, "Amended by No. 1441 (<time datetime=\"2014-12-31\">2014-12-31</time>), "
			"No. 209 (<time datetime=\"2015-04-09\">2015-04-09</time>).");
	assert_lacks(q, "Repealed");
	assert_contains(r, "Әлі бекітілмеген: жоспар 2014-04-01 бекітіледі.");
	/* no synthetic banner for a real history */
	assert_lacks(p, "class=\"banner\"");
	jp_free(p);
	jp_free(q);
	jp_free(r);
}

static void test_pages__synthetic_is_marked(void **state)
{
	static const char *const names[] = { "overview", "activity-6", "indicators", "budget" };
	(void)state;

	for (size_t li = 0; li < JP_ARRAY_LEN(langs); li++) {
		for (size_t i = 0; i < JP_ARRAY_LEN(names); i++) {
			char *p = page_for(names[i], langs[li], &roles[4], &synth, "2016-06-30");

			assert_contains(p, "<p class=\"banner\" role=\"note\">");
			jp_free(p);
		}
	}
	{
		char *kk = page_for("activity-6", "kk", &roles[4], &synth, "2016-06-30");
		char *ind = page_for("indicators", "ru", &roles[4], &synth, "2016-06-30");

		assert_contains(kk, "Синтетикалық деректер.");
		assert_contains(kk, "<span class=\"syn\"");
		assert_contains(kk, ">синтетикалық</span>");
		assert_contains(ind, ">синтетические данные</span>");
		jp_free(kk);
		jp_free(ind);
	}
}

static void test_pages__report_form_by_role(void **state)
{
	static const struct {
		size_t role;
		bool form;
	} cases[] = {
		{ 0, false },   /* nobody logged in */
		{ 1, false },   /* viewer */
		{ 2, true },    /* executor ІІМ, an executor of activity 6 */
		{ 3, false },   /* executor БП, not one */
		{ 4, true },    /* coordinator */
		{ 5, true },    /* admin */
	};
	(void)state;

	for (size_t i = 0; i < JP_ARRAY_LEN(cases); i++) {
		char *p = page_for("activity-6", "en", &roles[cases[i].role], &real, "2014-07-01");
		bool reviews = roles[cases[i].role].role >= JP_ROLE_COORDINATOR &&
			       roles[cases[i].role].login;

		if (cases[i].form) {
			assert_contains(p, "<form class=\"stack\" method=\"post\" action=\"/reports\">");
			assert_contains(p, "<input type=\"hidden\" name=\"activity\" value=\"6\">");
			assert_contains(p, "<option value=\"2014-06-30\" selected>");
			assert_contains(p, "name=\"status\"");
			assert_contains(p, "name=\"evidence\"");
			assert_contains(p, "name=\"spent\"");
			assert_contains(p, "name=\"text\"");
			assert_contains(p, "<option value=\"ІІМ\" selected>ІІМ</option>");
		} else {
			assert_lacks(p, "action=\"/reports\"");
		}
		if (roles[cases[i].role].role == JP_ROLE_EXECUTOR && !cases[i].form)
			assert_contains(p, "Only the executors of this activity report on it.");
		/* report 1 awaits review; report 2 was returned already */
		if (reviews) {
			assert_contains(p, "<form method=\"post\" action=\"/reports/1/accept\">");
			assert_contains(p, "action=\"/reports/1/return\"");
			assert_contains(p, "<textarea id=\"reason-1\" name=\"reason\"");
		} else {
			assert_lacks(p, "/accept\"");
			assert_lacks(p, "/return\"");
		}
		assert_lacks(p, "/reports/2/accept");
		/* the whole history, with the reason of the return */
		assert_contains(p, "id=\"report-1\"");
		assert_contains(p, "id=\"report-2\"");
		assert_contains(p, "бұйрықтың көшірмесі жоқ");
		assert_contains(p, "бұйрық № 123, 2014-06-20");
		assert_contains(p, "12.5");
		jp_free(p);
	}
}

static void test_pages__report_form_agencies(void **state)
{
	/* on "45. 46" (ІІМ lead, ЭБЖМ) the coordinator may report for either,
	 * the ІІМ executor only for ІІМ */
	char *co = page_for("activity-45", "en", &roles[4], &real, "2015-01-10");
	char *ex = page_for("activity-45", "en", &roles[2], &real, "2015-01-10");

	(void)state;
	assert_contains(co, "<option value=\"ІІМ\" selected>ІІМ</option>");
	assert_contains(co, "<option value=\"ЭБЖМ\">ЭБЖМ</option>");
	assert_contains(ex, "<option value=\"ІІМ\" selected>ІІМ</option>");
	assert_lacks(ex, "<option value=\"ЭБЖМ\"");
	assert_contains(co, "<input type=\"hidden\" name=\"activity\" value=\"45. 46\">");
	assert_contains(co, "<h1>Activity 45. 46</h1>");
	/* a report's text is escaped */
	assert_contains(co, "&lt;b&gt;bold&lt;/b&gt; &amp; co");
	assert_lacks(co, "<b>bold</b>");
	jp_free(co);
	jp_free(ex);
}

static void test_pages__escaping(void **state)
{
	static const char doc[] =
		"{\"format\": \"jospar-plan\", \"format_version\": 1, \"id\": \"x-1\","
		" \"number\": \"7<i>\", \"approved\": \"2020-03-15\","
		" \"title\": \"<script>alert(1)</script> & \\\"plan\\\"\","
		" \"period\": {\"from\": 2020, \"to\": 2022},"
		" \"directions\": [{\"code\": \"1.1\", \"title\": \"<em>First</em>\"}],"
		" \"glossary\": [{\"abbr\": \"ІІМ\", \"name\": \"Interior <&>\"}],"
		" \"activities\": ["
		"  {\"number\": \"1 <b>\", \"direction\": \"1.1\", \"title\": \"<img src=x onerror=alert(1)>\","
		"   \"executors\": \"ІІМ\", \"deadline\": \"2020 жылғы 4-тоқсан\"}"
		" ]}";
	struct jp_plan *xp = fixture_load(doc);
	struct jp_history empty = JP_HISTORY_INIT;
	struct jp_status st;
	struct jp_page_ctx c = ctx("en", &roles[4], &empty, "2021-06-01");
	struct jp_buf b = JP_BUF_INIT;
	const struct jp_activity *acts[1];
	int (*const simple[])(const struct jp_page_ctx *, struct jp_buf *) = {
		jp_page_login, jp_page_budget, jp_page_indicators, jp_page_findings,
	};

	(void)state;
	c.plan = xp;
	c.path = "/activities?q=\"><script>x</script>&lang=kk&direction=1.1";
	c.notice = "<script>notice</script>";
	c.error = "bad & <worse>";
	acts[0] = &xp->activities[0];
	assert_int_equal(jp_status_compute(xp, &empty, c.as_of, NULL, &st), 0);
	assert_int_equal(jp_page_overview(&c, &st, &b), 0);
	assert_int_equal(jp_page_activities(&c, acts, 1, "1.1\"", "<x>", "\"><script>", &b), 0);
	assert_int_equal(jp_page_activity(&c, acts[0], &st, &b), 0);
	assert_int_equal(jp_page_agency(&c, "<ІІМ>", &st, &b), 0);
	assert_int_equal(jp_page_message(&c, 400, "<script>m</script>", &b), 0);
	for (size_t i = 0; i < JP_ARRAY_LEN(simple); i++)
		assert_int_equal(simple[i](&c, &b), 0);
	assert_int_equal(jp_page_users(&c, users, JP_ARRAY_LEN(users), &b), 0);
	assert_int_equal(jp_page_audit(&c, audit, JP_ARRAY_LEN(audit), &b), 0);
	assert_lacks(b.ptr, "<script");
	assert_lacks(b.ptr, "<img");
	assert_lacks(b.ptr, "<em>");
	assert_lacks(b.ptr, "<i>");
	assert_lacks(b.ptr, "<b>");
	assert_lacks(b.ptr, "<worse>");
	assert_lacks(b.ptr, "<ІІМ>");
	assert_contains(b.ptr, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;plan&quot;");
	assert_contains(b.ptr, "&lt;img src=x onerror=alert(1)&gt;");
	assert_contains(b.ptr, "bad &amp; &lt;worse&gt;");
	/* the number in URLs is encoded, in text escaped */
	assert_contains(b.ptr, "<a href=\"/activities/1%20%3Cb%3E\">1 &lt;b&gt;</a>");
	/* the language switch keeps the query, encoded, and replaces lang */
	assert_contains(b.ptr, "href=\"/activities?q=%22%3E%3Cscript%3Ex%3C/script%3E&amp;direction=1.1&amp;lang=ru\"");
	/* user names in URLs and attributes */
	assert_contains(b.ptr, "action=\"/admin/users/a%20b%2Fc/disable\"");
	assert_contains(b.ptr, "old&quot;&lt;x&gt;");
	jp_status_release(&st);
	jp_buf_release(&b);
	jp_plan_free(xp);
}

static void test_pages__navigation_by_role(void **state)
{
	(void)state;
	for (size_t ri = 0; ri < JP_ARRAY_LEN(roles); ri++) {
		char *p = page_for("budget", "en", &roles[ri], &real, "2016-01-01");
		bool admin = roles[ri].login && roles[ri].role == JP_ROLE_ADMIN;
		bool coord = roles[ri].login && roles[ri].role >= JP_ROLE_COORDINATOR;

		assert_contains(p, "<li><a href=\"/\">Overview</a></li>");
		assert_contains(p, "<li><a href=\"/activities\">Activities</a></li>");
		assert_contains(p, "<li><a href=\"/budget\" aria-current=\"page\">Budget</a></li>");
		assert_contains(p, "<li><a href=\"/indicators\">Indicators</a></li>");
		assert_contains(p, "<li><a href=\"/findings\">Findings</a></li>");
		assert_int_equal(strstr(p, "href=\"/admin/audit\"") != NULL, coord);
		assert_int_equal(strstr(p, "href=\"/admin/users\"") != NULL, admin);
		assert_int_equal(strstr(p, "href=\"/admin/plans\"") != NULL, admin);
		jp_free(p);
	}
}

static void test_pages__admin_pages(void **state)
{
	char *u = page_for("users", "ru", &roles[5], &real, "2016-01-01");
	char *a = page_for("audit", "kk", &roles[5], &real, "2016-01-01");
	char *p = page_for("plans", "en", &roles[5], &real, "2016-01-01");

	(void)state;
	/* no button to disable oneself, nor a disabled account */
	assert_lacks(u, "action=\"/admin/users/admin/disable\"");
	assert_contains(u, "action=\"/admin/users/ivanov/disable\"");
	assert_lacks(u, "action=\"/admin/users/old");
	assert_contains(u, "<form class=\"stack\" method=\"post\" action=\"/admin/users\">");
	assert_contains(u, "<option value=\"executor\" selected>Исполнитель</option>");
	assert_contains(u, "name=\"agency\"");
	/* newest first */
	assert_true(strstr(a, "report.submit") < strstr(a, "report.return"));
	assert_true(strstr(a, "report.return") < strstr(a, "user.add"));
	assert_contains(a, "&lt;script&gt;x&lt;/script&gt;");
	assert_contains(p, "<form class=\"stack\" method=\"post\" action=\"/admin/plans\">");
	assert_contains(p, "<form class=\"stack\" method=\"post\" action=\"/admin/amendments\">");
	assert_int_equal(count(p, "name=\"document\""), 2);
	assert_contains(p, "kz-2014-292");
	jp_free(u);
	jp_free(a);
	jp_free(p);
}

static void test_pages__indicators_and_budget(void **state)
{
	struct jp_page_ctx c = ctx("en", &roles[0], &synth, "2015-12-31");
	struct jp_buf b = JP_BUF_INIT;
	char *bud = page_for("budget", "kk", &roles[0], &synth, "2015-12-31");
	char *fnd = page_for("findings", "ru", &roles[0], &real, "2015-12-31");

	(void)state;
	assert_int_equal(jp_page_indicators_year(&c, 2020, &b), 0);
	check_page(b.ptr, "en", c.csrf);
	assert_contains(b.ptr, "<option value=\"2020\" selected>2020</option>");
	assert_contains(b.ptr, "<form class=\"filters\" method=\"get\" action=\"/indicators\">");
	assert_contains(b.ptr, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
	assert_contains(b.ptr, "<title id=\"ic-title\">Targets and actuals, 2020</title>");
	jp_buf_reset(&b);
	/* the default year: the latest with targets up to the date */
	assert_int_equal(jp_page_indicators_year(&c, 0, &b), 0);
	assert_contains(b.ptr, "<option value=\"2015\" selected>2015</option>");
	jp_buf_reset(&b);
	c.path = "/indicators?year=2016";
	assert_int_equal(jp_page_indicators(&c, &b), 0);
	assert_contains(b.ptr, "<option value=\"2016\" selected>2016</option>");
	jp_buf_reset(&b);
	c.path = "/indicators?year=1999";
	assert_int_equal(jp_page_indicators(&c, &b), 0);
	assert_contains(b.ptr, "<option value=\"2015\" selected>2015</option>");
	assert_contains(bud, "<caption>Жылдар бойынша жоспарланғаны және игерілгені</caption>");
	assert_contains(bud, "Игерілу үлесі");
	assert_contains(bud, "&#160;%</td>");
	assert_contains(fnd, "<caption>Все замечания</caption>");
	assert_contains(fnd, "<td lang=\"en\">");
	jp_buf_release(&b);
	jp_free(bud);
	jp_free(fnd);
}

static void test_pages__message_and_login(void **state)
{
	struct jp_page_ctx c = ctx("kk", &roles[0], NULL, "2016-01-01");
	struct jp_buf b = JP_BUF_INIT;

	(void)state;
	c.csrf = "pre-session<&>";
	assert_int_equal(jp_page_login(&c, &b), 0);
	assert_contains(b.ptr, "<form class=\"stack\" method=\"post\" action=\"/login\">");
	assert_contains(b.ptr, "<input type=\"hidden\" name=\"csrf\" value=\"pre-session&lt;&amp;&gt;\">");
	assert_contains(b.ptr, "autocomplete=\"current-password\"");
	assert_contains(b.ptr, "<label for=\"login\">Логин</label>");
	assert_contains(b.ptr, "<label for=\"password\">Құпиясөз</label>");
	check_balanced(b.ptr);
	check_accessible(b.ptr);
	jp_buf_reset(&b);
	c.plan = NULL;   /* a message page needs no plan */
	c.csrf = NULL;
	assert_int_equal(jp_page_message(&c, 403, "Forbidden", &b), 0);
	check_balanced(b.ptr);
	assert_contains(b.ptr, "<h1>403 — Рұқсат жоқ</h1>");
	assert_contains(b.ptr, "<p class=\"error\">Рұқсат жоқ</p>");
	assert_contains(b.ptr, "<a href=\"/login\">Кіру</a>");
	jp_buf_release(&b);
}

/* Allocations failing in turn: an error, never a crash or a leak. */
static void test_pages__out_of_memory(void **state)
{
	static const char *const names[] = { "overview", "activity-6", "budget", "indicators",
					      "findings", "audit", "agency", "activities" };
	struct jp_status st;
	struct jp_page_ctx c = ctx("ru", &roles[4], &real, "2016-09-01");

	(void)state;
	assert_int_equal(jp_status_compute(plan, &real, c.as_of, NULL, &st), 0);
	for (size_t k = 0; k < JP_ARRAY_LEN(names); k++) {
		size_t pi = 0;
		long n;

		while (strcmp(pages[pi].name, names[k]))
			pi++;
		/* each of the first 200 allocations, then spaced out by 1/16 */
		for (n = 0; n < 10000000; n += n < 200 ? 1 : n / 16) {
			struct jp_buf b = JP_BUF_INIT;
			int rc;

			jp_alloc_fail_after(n);
			rc = pages[pi].fn(&c, &st, &b);
			jp_alloc_fail_after(-1);
			jp_buf_release(&b);
			if (rc == 0)
				break;
			assert_int_equal(rc, JP_ERROR);
		}
		if (n >= 10000000)
			fail_msg("%s never succeeded", names[k]);
	}
	jp_status_release(&st);
}

/* Writes the pages to $JOSPAR_PAGES_DUMP for a look in a browser. */
static void test_pages__dump(void **state)
{
	const char *dir = getenv("JOSPAR_PAGES_DUMP");
	struct jp_status st;

	(void)state;
	if (!dir || !*dir)
		skip();
	assert_int_equal(jp_status_compute(plan, &synth, D("2016-06-30"), NULL, &st), 0);
	for (size_t li = 0; li < JP_ARRAY_LEN(langs); li++) {
		struct jp_page_ctx c = ctx(langs[li], &roles[4], &synth, "2016-06-30");

		for (size_t pi = 0; pi < JP_ARRAY_LEN(pages); pi++) {
			char path[512];
			char *page;
			FILE *f;

			c.path = "/activities/6";
			c.notice = pi == 3 ? "Nothing is overdue." : NULL;
			page = render(pi, &c, &st);
			snprintf(path, sizeof(path), "%s/%s-%s.html", dir, pages[pi].name, langs[li]);
			f = fopen(path, "w");
			assert_non_null(f);
			fputs(page, f);
			assert_int_equal(fclose(f), 0);
			jp_free(page);
		}
	}
	jp_status_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages__every_page_language_and_role),
		cmocka_unit_test(test_pages__languages),
		cmocka_unit_test(test_pages__overview),
		cmocka_unit_test(test_pages__synthetic_is_marked),
		cmocka_unit_test(test_pages__report_form_by_role),
		cmocka_unit_test(test_pages__report_form_agencies),
		cmocka_unit_test(test_pages__escaping),
		cmocka_unit_test(test_pages__navigation_by_role),
		cmocka_unit_test(test_pages__admin_pages),
		cmocka_unit_test(test_pages__indicators_and_budget),
		cmocka_unit_test(test_pages__message_and_login),
		cmocka_unit_test(test_pages__out_of_memory),
		cmocka_unit_test(test_pages__dump),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
