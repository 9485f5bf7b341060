/*
 * pages.c - the frame every page shares (head, header, navigation,
 * footer), the helpers of pages_int.h, and the two simplest pages: login
 * and a message.  The other pages are in pages_plan.c (overview,
 * activities, one activity, one agency), pages_money.c (budget,
 * indicators, findings) and pages_admin.c (users, audit, plans).
 *
 * Every page is one HTML5 document with its style inline and no script.
 * Data are escaped with jp_buf_add_xml; translations come from jp_tr(),
 * whose catalogues are checked at build time to hold no markup.
 */
#include "jp.h"
#include "buf.h"
#include "pages.h"
#include "pages_int.h"
#include "ledger.h"
#include "text.h"

static const char style[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;"
	"color:#1a1a1a;background:#fff}"
	"a{color:#0b57d0}"
	"a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,"
	"textarea:focus-visible,[tabindex]:focus-visible{outline:3px solid #e37400;outline-offset:2px}"
	".skip{position:absolute;left:-999em;top:.5em;background:#fff;color:#0b3d91;padding:.5em 1em;"
	"z-index:10;font-weight:600}"
	".skip:focus{left:.5em}"
	".site{background:#123c69;color:#fff;padding:.6em 1em}"
	".site a{color:#fff}"
	".wrap{max-width:80em;margin:0 auto}"
	".plan-title{margin:0;font-size:.95rem;font-weight:600;line-height:1.35}"
	".plan-title a{text-decoration:none}.plan-title a:hover{text-decoration:underline}"
	".plan-meta{margin:.2em 0 0;font-size:.85rem;color:#dce6f2}"
	".bar{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:center;justify-content:space-between;"
	"margin-top:.5em;font-size:.9rem}"
	".langs ul,.menu ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25em}"
	".langs a{display:inline-block;padding:.1em .55em;border:1px solid #9fb6d3;border-radius:3px;"
	"text-decoration:none}"
	".langs a[aria-current]{background:#fff;color:#123c69;font-weight:600}"
	".user form{display:inline;margin-left:.5em}"
	".user button{background:transparent;border:1px solid #fff;color:#fff;padding:.15em .7em}"
	".menu{background:#e8eef6;border-bottom:1px solid #b8c7dc}"
	".menu ul{max-width:80em;margin:0 auto;padding:0 .5em}"
	".menu a{display:block;padding:.55em .75em;text-decoration:none;color:#0b3d91;font-weight:500}"
	".menu a:hover{text-decoration:underline}"
	".menu a[aria-current=page]{background:#fff;color:#1a1a1a;box-shadow:inset 0 -3px 0 #123c69}"
	"main{display:block;padding:1em;max-width:80em;margin:0 auto}"
	"h1{font-size:1.6rem;line-height:1.25;margin:.3em 0 .6em}"
	"h2{font-size:1.25rem;margin:1.6em 0 .5em}"
	"h3{font-size:1.05rem;margin:1em 0 .3em}"
	".lead-text{font-size:1.05rem;max-width:60em}"
	".table-wrap{overflow-x:auto;margin:.5em 0 1.2em;border:1px solid #d0d7de;border-radius:4px}"
	"table{border-collapse:collapse;width:100%;font-size:.9rem}"
	"caption{text-align:left;font-weight:600;padding:.5em .6em;background:#f6f8fa}"
	"th,td{border-top:1px solid #d0d7de;padding:.4em .6em;text-align:left;vertical-align:top}"
	"thead th{background:#eef2f7;white-space:nowrap}"
	"tbody th{font-weight:600}"
	"tfoot td,tfoot th{font-weight:700;background:#f6f8fa}"
	"td.t{min-width:18em}"
	"tr.sel td,tr.sel th{background:#fffbe6}"
	".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
	".nowrap{white-space:nowrap}"
	".badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.85em;white-space:nowrap;"
	"border:1px solid #8c959f;background:#f0f0f0;color:#333}"
	".st-done{background:#e6f4ea;color:#1b4d1f;border-color:#6aa56e}"
	".st-awaiting-acceptance{background:#eef7e5;color:#2f5010;border-color:#9cc26a}"
	".st-partly{background:#fff4d6;color:#5c4300;border-color:#d4a72c}"
	".st-in-progress{background:#e3f0fd;color:#0b3d91;border-color:#7aa7e0}"
	".st-not-done,.st-returned,.badge.overdue{background:#fde7e9;color:#8a1c1c;border-color:#d66}"
	".st-no-report{background:#eee;color:#333}"
	".st-void{background:#f6f6f6;color:#555;border-style:dashed}"
	".badge.upcoming{background:#e3f0fd;color:#0b3d91;border-color:#7aa7e0}"
	".syn{display:inline-block;background:#fff3e0;color:#8a3a00;border:1px solid #e65100;"
	"border-radius:3px;padding:0 .35em;font-size:.8em;font-weight:600;white-space:nowrap}"
	".banner,.notice,.error,.note{padding:.6em 1em;margin:0 0 1em;border-left:5px solid}"
	".banner{background:#fff3e0;border-color:#e65100;color:#4a2000}"
	".notice{background:#e6f4ea;border-color:#2e7d32}"
	".error{background:#fde7e9;border-color:#c62828}"
	".note{background:#f6f8fa;border-color:#8c959f}"
	".muted{color:#555}"
	"dl.fields{display:grid;grid-template-columns:minmax(8em,15em) 1fr;gap:.35em 1em;margin:0 0 1em}"
	"dl.fields dt{font-weight:600;color:#333}"
	"dl.fields dd{margin:0}"
	"ul.plain{margin:0;padding-left:1.2em}"
	".stack label{display:block;font-weight:600;margin:.7em 0 .2em}"
	".stack .hint{display:block;font-weight:400;font-size:.85em;color:#555}"
	"input,select,textarea{font:inherit;padding:.4em;border:1px solid #6b7785;border-radius:3px;"
	"max-width:100%;background:#fff;color:#1a1a1a}"
	".stack input,.stack select,.stack textarea{width:100%;max-width:40em}"
	"textarea{min-height:6em}"
	".stack textarea.doc{max-width:100%;min-height:14em;font-family:ui-monospace,monospace;font-size:.85em}"
	"button{font:inherit;padding:.45em 1em;border-radius:3px;border:1px solid #0b3d91;background:#0b57d0;"
	"color:#fff;cursor:pointer}"
	"button.secondary{background:#fff;color:#0b3d91}"
	"button.danger{background:#b3261e;border-color:#8a1c1c}"
	".actions{margin-top:1em;display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-end}"
	".filters{display:flex;flex-wrap:wrap;gap:.6em 1em;align-items:flex-end;margin:0 0 1em}"
	".filters label{display:block;font-weight:600;font-size:.9rem}"
	".filters select{max-width:18em}"
	"fieldset{border:1px solid #d0d7de;border-radius:4px;margin:1em 0;padding:.5em 1em 1em}"
	"legend{font-weight:700;padding:0 .3em}"
	"figure{margin:1em 0;overflow-x:auto}"
	"figcaption{font-size:.9rem;color:#333;margin-top:.3em}"
	"svg{max-width:100%;height:auto}"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(10em,1fr));gap:.6em;margin:0 0 1em;"
	"padding:0;list-style:none}"
	".cards li{border:1px solid #d0d7de;border-radius:4px;padding:.5em .7em}"
	".cards .big{display:block;font-size:1.6rem;font-weight:700;line-height:1.2}"
	".cards li.bad{border-color:#d66;background:#fdf3f4}"
	".cards+.table-wrap{max-width:36em}"
	"article.report{border:1px solid #d0d7de;border-radius:4px;padding:.4em 1em .8em;margin:.8em 0}"
	"article.report.later{border-style:dashed}"
	"article.report h3{margin:.4em 0}"
	".reviews{margin:.3em 0 0;padding-left:1.2em}"
	".review-forms{margin-top:.8em;border-top:1px solid #d0d7de;padding-top:.3em}"
	".review-forms form{margin-top:.6em}"
	"pre.json{white-space:pre-wrap;word-break:break-word;margin:0;font-size:.8em;max-width:30em}"
	"footer.site-foot{border-top:1px solid #d0d7de;color:#444;font-size:.85rem;padding:1em;margin-top:2em}"
	"footer.site-foot p{max-width:80em;margin:0 auto}"
	"@media (max-width:40em){"
	"main{padding:.6em}h1{font-size:1.3rem}h2{font-size:1.1rem}"
	".site{padding:.5em .6em}.plan-title{font-size:.82rem}"
	"figure svg{min-width:600px}"
	"dl.fields{grid-template-columns:1fr;gap:0}dl.fields dd{margin-bottom:.5em}"
	".menu a{padding:.45em .55em}"
	".filters>div{flex:1 1 100%}.filters select,.filters input{width:100%;max-width:none}"
	"}"
	"@media print{.menu,.langs,.user,.skip,form{display:none}.site{background:#fff;color:#000}"
	".site a{color:#000}}";

static const struct {
	enum jp_pages_nav nav;
	const char *href;
	const char *msgid;
	enum jp_role min_role;     /* 0: everyone */
	bool admin_only;
} menu[] = {
	{ JP_NAV_OVERVIEW, "/", N_("Overview"), 0, false },
	{ JP_NAV_ACTIVITIES, "/activities", N_("Activities"), 0, false },
	{ JP_NAV_BUDGET, "/budget", N_("Budget"), 0, false },
	{ JP_NAV_INDICATORS, "/indicators", N_("Indicators"), 0, false },
	{ JP_NAV_FINDINGS, "/findings", N_("Findings"), 0, false },
	{ JP_NAV_AUDIT, "/admin/audit", N_("Audit"), JP_ROLE_COORDINATOR, false },
	{ JP_NAV_USERS, "/admin/users", N_("Users"), JP_ROLE_ADMIN, true },
	{ JP_NAV_PLANS, "/admin/plans", N_("Plans"), JP_ROLE_ADMIN, true },
};

/* The languages of the switch, each named in itself. */
static const struct {
	const char *code, *name;
} langs[] = {
	{ "kk", "Қазақша" },
	{ "ru", "Русский" },
	{ "en", "English" },
};

static const char *const role_msgids[] = {
	[JP_ROLE_VIEWER] = N_("Viewer"),
	[JP_ROLE_EXECUTOR] = N_("Executor"),
	[JP_ROLE_COORDINATOR] = N_("Coordinator"),
	[JP_ROLE_ADMIN] = N_("Administrator"),
};

static const struct jp_history empty_history = JP_HISTORY_INIT;

const char *jp_pages__role_msgid(enum jp_role r)
{
	return r >= JP_ROLE_VIEWER && r <= JP_ROLE_ADMIN ? role_msgids[r] : N_("Unknown");
}

const char *jp_pages__lang(const struct jp_page_ctx *c)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(langs); i++)
		if (c->lang && !strcmp(c->lang, langs[i].code))
			return langs[i].code;
	return "kk";
}

void jp_pages__esc(struct jp_buf *b, const char *text)
{
	if (text)
		jp_buf_add_xml(b, text);
}

static bool unreserved(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_' || ch == '~';
}

void jp_pages__url_part(struct jp_buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)text; p && *p; p++) {
		if (unreserved(*p)) {
			jp_buf_addc(b, (char)*p);
		} else {
			jp_buf_addc(b, '%');
			jp_buf_addc(b, hex[*p >> 4]);
			jp_buf_addc(b, hex[*p & 15]);
		}
	}
}

/* A path as given by the server, with anything unsafe in a URL encoded and
 * the result escaped for an attribute (the query's & included). */
static void add_path(struct jp_buf *b, const char *path, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct jp_buf t = JP_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)path[i];

		if (unreserved(ch) || strchr("/%?&=+,:;@!$*()", ch)) {
			jp_buf_addc(&t, (char)ch);
		} else {
			jp_buf_addc(&t, '%');
			jp_buf_addc(&t, hex[ch >> 4]);
			jp_buf_addc(&t, hex[ch & 15]);
		}
	}
	if (jp_buf_oom(&t))
		b->oom = true;
	jp_buf_add_xml(b, t.ptr);
	jp_buf_release(&t);
}

/* PATH?QUERY with lang=CODE in place of any lang= the query had. */
static void lang_href(struct jp_buf *b, const char *path, const char *code)
{
	const char *q;
	bool first = true;

	if (!path || path[0] != '/')
		path = "/";
	q = strchr(path, '?');
	add_path(b, path, q ? (size_t)(q - path) : strlen(path));
	while (q && *q) {
		const char *p = q + 1, *end = strchr(p, '&');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		q = end;
		if (!n || (n >= 5 && !strncmp(p, "lang=", 5)) || (n == 4 && !strncmp(p, "lang", 4)))
			continue;
		jp_buf_adds(b, first ? "?" : "&amp;");
		add_path(b, p, n);
		first = false;
	}
	jp_buf_addf(b, "%slang=%s", first ? "?" : "&amp;", code);
}

void jp_pages__plan_lang(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *pl = c->plan && c->plan->language ? c->plan->language : "kk";

	if (strcmp(pl, jp_pages__lang(c))) {
		jp_buf_adds(b, " lang=\"");
		jp_buf_add_xml(b, pl);
		jp_buf_adds(b, "\"");
	}
}

const struct jp_history *jp_pages__history(const struct jp_page_ctx *c)
{
	return c->history ? c->history : &empty_history;
}

bool jp_page_history_synthetic(const struct jp_history *h)
{
	if (!h)
		return false;
	for (size_t i = 0; i < h->nreports; i++)
		if (h->reports[i].synthetic)
			return true;
	for (size_t i = 0; i < h->nreviews; i++)
		if (h->reviews[i].synthetic)
			return true;
	for (size_t i = 0; i < h->nactuals; i++)
		if (h->actuals[i].synthetic)
			return true;
	return false;
}

static bool logged_in(const struct jp_page_ctx *c)
{
	return c->user.login != NULL;
}

/* The page's user as the ledger sees an actor: the ledger decides. */
static struct jp_actor actor_of(const struct jp_page_ctx *c)
{
	struct jp_actor a = { c->user.login, c->user.role, c->user.agency };

	return a;
}

bool jp_pages__may_review(const struct jp_page_ctx *c)
{
	struct jp_actor a = actor_of(c);

	return logged_in(c) && jp_ledger_may_review(&a);
}

bool jp_pages__may_report(const struct jp_page_ctx *c, const struct jp_activity *a)
{
	struct jp_actor who = actor_of(c);

	if (!logged_in(c))
		return false;
	if (jp_ledger_may_review(&who))   /* a coordinator reports for any executor */
		return a->executors.n > 0;
	return c->user.agency && jp_ledger_may_report(&who, a, c->user.agency);
}

void jp_pages__csrf(const struct jp_page_ctx *c, struct jp_buf *b)
{
	jp_buf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	jp_pages__esc(b, c->csrf ? c->csrf : "");
	jp_buf_adds(b, "\">\n");
}

void jp_pages__date(struct jp_buf *b, struct jp_date d)
{
	char s[JP_DATE_BUFSZ];

	if (!jp_date_valid(d)) {
		jp_buf_adds(b, "—");
		return;
	}
	jp_date_format(d, s);
	jp_buf_addf(b, "<time datetime=\"%s\">%s</time>", s, s);
}

void jp_pages__money(struct jp_buf *b, jp_money m)
{
	char s[JP_MONEY_BUFSZ];

	jp_buf_adds(b, jp_money_format(m, s));
}

void jp_pages__share(struct jp_buf *b, jp_money part, jp_money whole)
{
	int64_t permille;

	if (whole <= 0 || part < 0) {
		jp_buf_adds(b, "—");
		return;
	}
	/* part * 1000 / whole rounded half up, without overflowing int64 */
	if (part <= INT64_MAX / 2000)
		permille = (part * 2000 / whole + 1) / 2;
	else
		permille = part / (whole / 1000 ? whole / 1000 : 1);
	jp_buf_addf(b, "%lld.%lld&#160;%%", (long long)(permille / 10), (long long)(permille % 10));
}

static const char *const state_msgids[JP_OCC_STATE_COUNT] = {
	[JP_OCC_DONE] = N_("Done"),
	[JP_OCC_AWAITING] = N_("Awaiting acceptance"),
	[JP_OCC_PARTLY] = N_("Partly done"),
	[JP_OCC_IN_PROGRESS] = N_("In progress"),
	[JP_OCC_NOT_DONE] = N_("Not done"),
	[JP_OCC_RETURNED] = N_("Returned"),
	[JP_OCC_NO_REPORT] = N_("No report"),
	[JP_OCC_VOID] = N_("Void"),
};

const char *jp_pages__state_msgid(enum jp_occ_state s)
{
	return s < JP_OCC_STATE_COUNT ? state_msgids[s] : N_("Unknown");
}

const char *jp_pages__report_status_msgid(enum jp_report_status s)
{
	switch (s) {
	case JP_REPORT_DONE: return N_("Done");
	case JP_REPORT_PARTLY: return N_("Partly done");
	case JP_REPORT_NOT_DONE: return N_("Not done");
	case JP_REPORT_IN_PROGRESS: return N_("In progress");
	}
	return N_("Unknown");
}

void jp_pages__state(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_occ_state s)
{
	jp_buf_addf(b, "<span class=\"badge st-%s\">", jp_occ_state_name(s));
	jp_pages__esc(b, jp_tr(jp_pages__lang(c), jp_pages__state_msgid(s)));
	jp_buf_adds(b, "</span>");
}

void jp_pages__synthetic(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_addf(b, " <span class=\"syn\" title=\"%s\">%s</span>",
		    jp_tr(lang, "Made by jospar simulate, not a real record"),
		    jp_tr(lang, "synthetic"));
}

void jp_pages__act_link(struct jp_buf *b, const struct jp_activity *a)
{
	jp_buf_adds(b, "<a href=\"/activities/");
	jp_pages__url_part(b, a->number);
	jp_buf_adds(b, "\">");
	jp_pages__esc(b, a->number);
	jp_buf_adds(b, "</a>");
}

const struct jp_glossary_entry *jp_pages__find_agency(const struct jp_plan *p, const char *abbr)
{
	if (!p || !abbr)
		return NULL;
	/* the spelling of the glossary first: no case folding, no allocation */
	for (size_t i = 0; i < p->nglossary; i++)
		if (!strcmp(p->glossary[i].abbr, abbr))
			return &p->glossary[i];
	return jp_plan_find_agency(p, abbr);
}

void jp_pages__agency(const struct jp_page_ctx *c, struct jp_buf *b, const char *abbr,
		      bool link)
{
	const struct jp_glossary_entry *g = jp_pages__find_agency(c->plan, abbr);

	if (!abbr) {
		jp_buf_adds(b, "—");
		return;
	}
	if (link) {
		jp_buf_adds(b, "<a href=\"/agencies/");
		jp_pages__url_part(b, g ? g->abbr : abbr);
		jp_buf_adds(b, "\"");
	} else {
		jp_buf_adds(b, "<span");
	}
	if (g && g->name) {
		jp_buf_adds(b, " title=\"");
		jp_pages__esc(b, g->name);
		jp_buf_adds(b, "\"");
	}
	jp_buf_adds(b, ">");
	jp_pages__esc(b, abbr);
	jp_buf_adds(b, link ? "</a>" : "</span>");
}

void jp_pages__table_begin(struct jp_buf *b, const char *caption)
{
	jp_buf_adds(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	jp_pages__esc(b, caption);
	jp_buf_adds(b, "\">\n<table>\n<caption>");
	jp_pages__esc(b, caption);
	jp_buf_adds(b, "</caption>\n");
}

static void pager(const struct jp_page_ctx *c, struct jp_buf *b, unsigned page, bool older,
		  const char *extra, const char *newer_label, const char *older_label)
{
	const char *lang = jp_pages__lang(c);

	if (page < 1)
		page = 1;
	if (page == 1 && !older)
		return;
	jp_buf_addf(b, "<nav class=\"pager\" aria-label=\"%s\">", jp_tr(lang, "Pages"));
	if (page > 1) {
		jp_buf_adds(b, "<a rel=\"prev\" href=\"");
		jp_pages__esc(b, c->path);
		jp_buf_addf(b, "?page=%u%s%s\">%s</a> ", page - 1, extra ? "&amp;" : "",
			    extra ? extra : "", jp_tr(lang, newer_label));
	}
	jp_buf_addf(b, "<span class=\"muted\">%s %u</span>", jp_tr(lang, "Page"), page);
	if (older) {
		jp_buf_adds(b, " <a rel=\"next\" href=\"");
		jp_pages__esc(b, c->path);
		jp_buf_addf(b, "?page=%u%s%s\">%s</a>", page + 1, extra ? "&amp;" : "",
			    extra ? extra : "", jp_tr(lang, older_label));
	}
	jp_buf_adds(b, "</nav>\n");
}

void jp_pages__pager(const struct jp_page_ctx *c, struct jp_buf *b, unsigned page,
		     bool older, const char *extra)
{
	pager(c, b, page, older, extra, N_("Newer"), N_("Older"));
}

void jp_pages__pager_next(const struct jp_page_ctx *c, struct jp_buf *b, unsigned page,
			  bool next, const char *extra)
{
	pager(c, b, page, next, extra, N_("Previous"), N_("Next"));
}

void jp_pages__query_arg(struct jp_buf *b, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!value || !*value)
		return;
	jp_buf_addf(b, "%s%s=", b->len ? "&amp;" : "", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			jp_buf_add(b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			jp_buf_add(b, e, 3);
		}
	}
}

void jp_pages__table_end(struct jp_buf *b)
{
	jp_buf_adds(b, "</table>\n</div>\n");
}

void jp_pages__th(struct jp_buf *b, const char *text, bool numeric)
{
	jp_buf_adds(b, numeric ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
	jp_pages__esc(b, text);
	jp_buf_adds(b, "</th>");
}

bool jp_pages__decimal(const char *s, int64_t *out)
{
	int64_t v = 0, scale = 10000;
	bool neg = false, digits = false, point = false;

	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			digits = true;
			if (point) {
				if (scale == 1)
					continue;       /* beyond four decimals: truncated */
				scale /= 10;
				v += (*s - '0') * scale;
			} else {
				if (v > (INT64_MAX - 9 * 10000) / 10)
					return false;
				v = v * 10 + (int64_t)(*s - '0') * 10000;
			}
		} else if ((*s == '.' || *s == ',') && !point) {
			point = true;
		} else if (*s == ' ') {
			while (*s == ' ')
				s++;
			if (*s)
				return false;
			break;
		} else {
			return false;
		}
	}
	if (!digits)
		return false;
	*out = neg ? -v : v;
	return true;
}

/* The header's user area: who is logged in and the logout form, or a link
 * to log in. */
static void user_area(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_adds(b, "<div class=\"user\">");
	if (!logged_in(c)) {
		jp_buf_addf(b, "<a href=\"/login\">%s</a></div>\n", jp_tr(lang, "Log in"));
		return;
	}
	jp_buf_addf(b, "<span>%s <strong>", jp_tr(lang, "Signed in as"));
	jp_pages__esc(b, c->user.login);
	jp_buf_addf(b, "</strong> (%s", jp_tr(lang, jp_pages__role_msgid(c->user.role)));
	if (c->user.role == JP_ROLE_EXECUTOR && c->user.agency) {
		jp_buf_adds(b, ", ");
		jp_pages__agency(c, b, c->user.agency, false);
	}
	jp_buf_adds(b, ")</span>\n<form method=\"post\" action=\"/logout\">\n");
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
		    jp_tr(lang, "Log out"));
}

static bool nav_visible(const struct jp_page_ctx *c, size_t i)
{
	if (!menu[i].min_role)
		return true;
	if (!logged_in(c))
		return false;
	if (menu[i].admin_only)
		return c->user.role == JP_ROLE_ADMIN;
	return c->user.role == JP_ROLE_ADMIN || c->user.role == JP_ROLE_COORDINATOR;
}

/* "Plan No. 292", the number escaped. */
static void plan_no(const char *lang, struct jp_buf *b, const struct jp_plan *p)
{
	struct jp_buf t = JP_BUF_INIT;

	jp_pages__esc(&t, p->number);
	if (jp_buf_oom(&t))
		b->oom = true;
	jp_buf_addf(b, jp_tr(lang, "Plan No. %s"), t.ptr);
	jp_buf_release(&t);
}

void jp_pages__begin(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_pages_nav nav,
		     const char *title)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;

	jp_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta name=\"referrer\" content=\"same-origin\">\n<title>", lang);
	jp_pages__esc(b, title);
	if (p && p->number) {
		jp_buf_adds(b, " — ");
		plan_no(lang, b, p);
	}
	jp_buf_addf(b, " — jospar</title>\n<style>%s</style>\n</head>\n<body>\n"
		    "<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"site\">\n<div class=\"wrap\">\n",
		    style, jp_tr(lang, "Skip to main content"));
	if (p) {
		jp_buf_adds(b, "<p class=\"plan-title\"");
		jp_pages__plan_lang(c, b);
		jp_buf_adds(b, "><a href=\"/\">");
		jp_pages__esc(b, p->title);
		jp_buf_adds(b, "</a></p>\n<p class=\"plan-meta\">");
		if (p->number) {
			plan_no(lang, b, p);
			jp_buf_adds(b, " · ");
		}
	} else {
		jp_buf_adds(b, "<p class=\"plan-title\"><a href=\"/\">jospar</a></p>\n<p class=\"plan-meta\">");
	}
	if (jp_date_valid(c->as_of)) {
		char d[JP_DATE_BUFSZ];

		jp_date_format(c->as_of, d);
		jp_buf_addf(b, jp_tr(lang, "As of %s"), d);
	}
	jp_buf_addf(b, "</p>\n<div class=\"bar\">\n<nav class=\"langs\" aria-label=\"%s\">\n<ul>\n",
		    jp_tr(lang, "Language"));
	for (size_t i = 0; i < JP_ARRAY_LEN(langs); i++) {
		jp_buf_addf(b, "<li><a lang=\"%s\" hreflang=\"%s\" href=\"", langs[i].code,
			    langs[i].code);
		lang_href(b, c->path, langs[i].code);
		jp_buf_addf(b, "\"%s>%s</a></li>\n",
			    strcmp(lang, langs[i].code) ? "" : " aria-current=\"true\"", langs[i].name);
	}
	jp_buf_adds(b, "</ul>\n</nav>\n");
	user_area(c, b);
	jp_buf_addf(b, "</div>\n</div>\n</header>\n<nav class=\"menu\" aria-label=\"%s\">\n<ul>\n",
		    jp_tr(lang, "Main menu"));
	for (size_t i = 0; i < JP_ARRAY_LEN(menu); i++) {
		if (!nav_visible(c, i))
			continue;
		jp_buf_addf(b, "<li><a href=\"%s\"%s>%s</a></li>\n", menu[i].href,
			    menu[i].nav == nav ? " aria-current=\"page\"" : "",
			    jp_tr(lang, menu[i].msgid));
	}
	jp_buf_adds(b, "</ul>\n</nav>\n<main id=\"main\" tabindex=\"-1\">\n<h1>");
	jp_pages__esc(b, title);
	jp_buf_adds(b, "</h1>\n");
	if (c->error) {
		jp_buf_adds(b, "<p class=\"error\" role=\"alert\">");
		jp_pages__esc(b, jp_tr(lang, c->error));
		jp_buf_adds(b, "</p>\n");
	}
	if (c->notice) {
		jp_buf_adds(b, "<p class=\"notice\" role=\"status\">");
		jp_pages__esc(b, jp_tr(lang, c->notice));
		jp_buf_adds(b, "</p>\n");
	}
	if (p && c->synthetic)
		jp_buf_addf(b, "<p class=\"banner\" role=\"note\"><strong>%s</strong> %s</p>\n",
			    jp_tr(lang, "Synthetic data."),
			    jp_tr(lang, "Some reports, reviews or indicator values here were made by jospar simulate for demonstration; they are marked."));
}

int jp_pages__end(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_addf(b, "</main>\n<footer class=\"site-foot\">\n<p>jospar — %s %s</p>\n</footer>\n"
		    "</body>\n</html>\n", jp_tr(lang, "monitoring of government action plans."),
		    jp_tr(lang, "Amounts are in million tenge, exact as printed; dates are year-month-day."));
	return jp_buf_oom(b) ? JP_ERROR : 0;
}

int jp_page_login(const struct jp_page_ctx *c, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);

	jp_pages__begin(c, out, JP_NAV_NONE, jp_tr(lang, "Log in"));
	jp_buf_addf(out, "<form class=\"stack\" method=\"post\" action=\"/login\">\n"
		    "<label for=\"login\">%s</label>\n"
		    "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" "
		    "autocapitalize=\"none\" spellcheck=\"false\" required>\n"
		    "<label for=\"password\">%s</label>\n"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"current-password\" required>\n",
		    jp_tr(lang, "Login"), jp_tr(lang, "Password"));
	jp_pages__csrf(c, out);
	jp_buf_addf(out, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
		    jp_tr(lang, "Log in"));
	jp_buf_addf(out, "<p class=\"muted\">%s</p>\n",
		    jp_tr(lang, "Without an account you can still read the overview, the activities, the budget, the indicators and the findings."));
	return jp_pages__end(c, out);
}

static const char *status_msgid(int status)
{
	switch (status) {
	case 400: return N_("Bad request");
	case 401: return N_("Please log in");
	case 403: return N_("Forbidden");
	case 404: return N_("Not found");
	case 405: return N_("Method not allowed");
	case 409: return N_("Conflict");
	case 413: return N_("Too large");
	case 429: return N_("Too many requests");
	case 503: return N_("Service unavailable");
	default: return status >= 500 ? N_("Server error") : N_("Error");
	}
}

int jp_page_message(const struct jp_page_ctx *c, int status, const char *message,
		    struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_buf title = JP_BUF_INIT;
	int rc;

	if (status >= 100 && status <= 999)
		jp_buf_addf(&title, "%d — ", status);
	jp_buf_adds(&title, jp_tr(lang, status_msgid(status)));
	jp_pages__begin(c, out, JP_NAV_NONE, title.ptr);
	if (message && *message) {
		jp_buf_addf(out, "<p class=\"%s\">", status >= 400 ? "error" : "notice");
		jp_pages__esc(out, jp_tr(lang, message));
		jp_buf_adds(out, "</p>\n");
	}
	if (status == 401 || (status == 403 && !logged_in(c)))
		jp_buf_addf(out, "<p><a href=\"/login\">%s</a></p>\n", jp_tr(lang, "Log in"));
	jp_buf_addf(out, "<p><a href=\"/\">%s</a></p>\n", jp_tr(lang, "Back to the overview"));
	if (jp_buf_oom(&title))
		out->oom = true;
	jp_buf_release(&title);
	rc = jp_pages__end(c, out);
	return rc;
}
