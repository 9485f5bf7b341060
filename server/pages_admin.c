/*
 * pages_admin.c - the administration pages: users (/admin/users), the
 * audit log (/admin/audit) and the plans (/admin/plans).  Who may see them
 * is the server's decision (server/authz.c); these only draw.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "pages.h"
#include "pages_int.h"
#include "views.h"
#include "arena.h"
#include "store.h"

static void user_form(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;

	jp_buf_addf(b, "<section aria-labelledby=\"h-add\">\n<h2 id=\"h-add\">%s</h2>\n"
		    "<form class=\"stack\" method=\"post\" action=\"/admin/users\">\n",
		    jp_tr(lang, "Add a user"));
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<label for=\"u-login\">%s</label>\n"
		    "<input id=\"u-login\" name=\"login\" type=\"text\" autocomplete=\"off\" "
		    "autocapitalize=\"none\" spellcheck=\"false\" required>\n"
		    "<label for=\"u-password\">%s</label>\n"
		    "<input id=\"u-password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"new-password\" required>\n"
		    "<label for=\"u-role\">%s</label>\n<select id=\"u-role\" name=\"role\" required>\n",
		    jp_tr(lang, "Login"), jp_tr(lang, "Password"), jp_tr(lang, "Role"));
	for (int r = JP_ROLE_VIEWER; r <= JP_ROLE_ADMIN; r++)
		jp_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n", jp_role_name((enum jp_role)r),
			    r == JP_ROLE_EXECUTOR ? " selected" : "",
			    jp_tr(lang, jp_pages__role_msgid((enum jp_role)r)));
	jp_buf_addf(b, "</select>\n<label for=\"u-agency\">%s <span class=\"hint\">%s</span></label>\n"
		    "<select id=\"u-agency\" name=\"agency\">\n<option value=\"\">—</option>\n",
		    jp_tr(lang, "Agency"), jp_tr(lang, "for executors: the agency whose reports they make"));
	for (size_t i = 0; p && i < p->nglossary; i++) {
		const struct jp_glossary_entry *g = &p->glossary[i];

		jp_buf_adds(b, "<option value=\"");
		jp_pages__esc(b, g->abbr);
		jp_buf_adds(b, "\">");
		jp_pages__esc(b, g->abbr);
		if (g->name) {
			jp_buf_adds(b, " — ");
			jp_pages__esc(b, g->name);
		}
		jp_buf_adds(b, "</option>\n");
	}
	jp_buf_addf(b, "</select>\n<div class=\"actions\"><button type=\"submit\">%s</button></div>\n"
		    "</form>\n</section>\n", jp_tr(lang, "Add the user"));
}

int jp_page_users(const struct jp_page_ctx *c, const struct jp_user *users, size_t n,
		  struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);

	jp_pages__begin(c, out, JP_NAV_USERS, jp_tr(lang, "Users"));
	if (!n) {
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "No users yet."));
	} else {
		jp_pages__table_begin(out, jp_tr(lang, "Accounts"));
		jp_buf_adds(out, "<thead><tr>");
		jp_pages__th(out, jp_tr(lang, "Login"), false);
		jp_pages__th(out, jp_tr(lang, "Role"), false);
		jp_pages__th(out, jp_tr(lang, "Agency"), false);
		jp_pages__th(out, jp_tr(lang, "State"), false);
		jp_pages__th(out, jp_tr(lang, "Created"), false);
		jp_pages__th(out, jp_tr(lang, "Action"), false);
		jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
	}
	for (size_t i = 0; i < n; i++) {
		const struct jp_user *u = &users[i];
		bool self = c->user.login && u->login && !strcmp(c->user.login, u->login);

		jp_buf_adds(out, "<tr><th scope=\"row\">");
		jp_pages__esc(out, u->login);
		jp_buf_addf(out, "</th><td>%s</td><td>", jp_tr(lang, jp_pages__role_msgid(u->role)));
		if (u->agency)
			jp_pages__agency(c, out, u->agency, true);
		else
			jp_buf_adds(out, "—");
		jp_buf_addf(out, "</td><td>%s</td><td class=\"nowrap\">",
			    u->disabled ? jp_tr(lang, "disabled") : jp_tr(lang, "active"));
		jp_pages__esc(out, u->created_at ? u->created_at : "—");
		jp_buf_adds(out, "</td><td>");
		if (!u->disabled && !self && u->login) {
			struct jp_buf label = JP_BUF_INIT;

			jp_pages__esc(&label, u->login);
			jp_buf_adds(out, "<form method=\"post\" action=\"/admin/users/");
			jp_pages__url_part(out, u->login);
			jp_buf_adds(out, "/disable\">\n");
			jp_pages__csrf(c, out);
			jp_buf_adds(out, "<button type=\"submit\" class=\"danger\" aria-label=\"");
			jp_buf_addf(out, jp_tr(lang, "Disable %s"), label.ptr);
			jp_buf_addf(out, "\">%s</button>\n</form>", jp_tr(lang, "Disable"));
			if (jp_buf_oom(&label))
				out->oom = true;
			jp_buf_release(&label);
		} else if (self) {
			jp_buf_addf(out, "<span class=\"muted\">%s</span>", jp_tr(lang, "you"));
		}
		jp_buf_adds(out, "</td></tr>\n");
	}
	if (n) {
		jp_buf_adds(out, "</tbody>\n");
		jp_pages__table_end(out);
	}
	user_form(c, out);
	return jp_pages__end(c, out);
}

static int audit_newest_first(const void *x, const void *y)
{
	const struct jp_audit_entry *a = *(const struct jp_audit_entry *const *)x;
	const struct jp_audit_entry *b = *(const struct jp_audit_entry *const *)y;
	int k = strcmp(b->at ? b->at : "", a->at ? a->at : "");

	if (k)
		return k;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* The fields an entry changed, one a line: "review: submitted → accepted". */
static void change_cell(struct jp_buf *b, const struct jp_audit_entry *e)
{
	struct jp_arena a = JP_ARENA_INIT;
	struct jp_audit_change *ch = NULL;
	size_t n = 0;

	jp_buf_adds(b, "<td>");
	if (jp_audit_changes(e->before, e->after, &a, &ch, &n) < 0)
		b->oom = true;
	if (!n)
		jp_buf_adds(b, "—");
	for (size_t i = 0; i < n; i++) {
		jp_buf_adds(b, i ? "<br><code>" : "<code>");
		jp_pages__esc(b, ch[i].key);
		jp_buf_adds(b, "</code>: ");
		if (ch[i].before) {
			jp_pages__esc(b, ch[i].before);
			jp_buf_adds(b, " → ");
		}
		jp_pages__esc(b, ch[i].after);
	}
	jp_buf_adds(b, "</td>");
	jp_arena_release(&a);
}

int jp_page_audit(const struct jp_page_ctx *c, const struct jp_audit_entry *e, size_t n,
		  struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_audit_entry **v = jp_calloc(n + 1, sizeof(*v));

	if (!v)
		return JP_ERROR;
	for (size_t i = 0; i < n; i++)
		v[i] = &e[i];
	qsort(v, n, sizeof(*v), audit_newest_first);
	jp_pages__begin(c, out, JP_NAV_AUDIT, jp_tr(lang, "Audit log"));
	jp_buf_addf(out, "<p class=\"lead-text\">%s</p>\n",
		    jp_tr(lang, "Every change, newest first: who made it, when, and the record before and after."));
	if (!n) {
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "The audit log is empty."));
	} else {
		jp_pages__table_begin(out, jp_tr(lang, "Changes"));
		jp_buf_adds(out, "<thead><tr>");
		jp_pages__th(out, jp_tr(lang, "When (UTC)"), false);
		jp_pages__th(out, jp_tr(lang, "Who"), false);
		jp_pages__th(out, jp_tr(lang, "Action"), false);
		jp_pages__th(out, jp_tr(lang, "Object"), false);
		jp_pages__th(out, jp_tr(lang, "What changed"), false);
		jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			jp_buf_adds(out, "<tr><td class=\"nowrap\">");
			jp_pages__esc(out, v[i]->at);
			jp_buf_adds(out, "</td><td>");
			jp_pages__esc(out, v[i]->who);
			jp_buf_adds(out, "</td><td><code>");
			jp_pages__esc(out, v[i]->action);
			jp_buf_adds(out, "</code></td><td><code>");
			jp_pages__esc(out, v[i]->object);
			jp_buf_adds(out, "</code></td>");
			change_cell(out, v[i]);
			jp_buf_adds(out, "</tr>\n");
		}
		jp_buf_adds(out, "</tbody>\n");
		jp_pages__table_end(out);
	}
	jp_pages__pager(c, out, c->page, c->more, NULL);
	jp_free(v);
	return jp_pages__end(c, out);
}

static void plan_summary(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;

	jp_buf_addf(b, "<section aria-labelledby=\"h-current\">\n<h2 id=\"h-current\">%s</h2>\n"
		    "<dl class=\"fields\">\n<dt>%s</dt><dd><code>", jp_tr(lang, "The plan shown"),
		    jp_tr(lang, "Identifier"));
	jp_pages__esc(b, p->id);
	jp_buf_addf(b, "</code></dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Number"));
	jp_pages__esc(b, p->number);
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd", jp_tr(lang, "Title"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, p->title);
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Issued by"));
	jp_pages__esc(b, p->issuer ? p->issuer : "—");
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Approved"));
	jp_pages__date(b, p->approved);
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>%d–%d</dd>\n", jp_tr(lang, "Period"),
		    p->period_from, p->period_to);
	jp_buf_addf(b, "<dt>%s</dt><dd>%zu</dd>\n", jp_tr(lang, "Activities"), p->nactivities);
	jp_buf_addf(b, "<dt>%s</dt><dd>", jp_tr(lang, "Amendments"));
	for (size_t i = 0; i < p->namendments; i++) {
		struct jp_buf t = JP_BUF_INIT;

		jp_pages__esc(&t, p->amendments[i].number);
		jp_buf_adds(b, i ? ", " : "");
		jp_buf_addf(b, jp_tr(lang, "No. %s"), t.ptr);
		jp_buf_adds(b, " (");
		jp_pages__date(b, p->amendments[i].date);
		jp_buf_adds(b, ")");
		if (jp_buf_oom(&t))
			b->oom = true;
		jp_buf_release(&t);
	}
	if (!p->namendments)
		jp_buf_adds(b, "—");
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Repeal"));
	if (p->repealed) {
		struct jp_buf t = JP_BUF_INIT;

		jp_pages__esc(&t, p->repeal.number);
		jp_buf_addf(b, jp_tr(lang, "No. %s"), t.ptr);
		jp_buf_adds(b, " (");
		jp_pages__date(b, p->repeal.date);
		jp_buf_adds(b, ")");
		if (jp_buf_oom(&t))
			b->oom = true;
		jp_buf_release(&t);
	} else {
		jp_buf_adds(b, "—");
	}
	jp_buf_adds(b, "</dd>\n</dl>\n</section>\n");
}

static void doc_form(const struct jp_page_ctx *c, struct jp_buf *b, const char *action,
		     const char *id, const char *heading, const char *label, const char *hint,
		     const char *button)
{
	jp_buf_addf(b, "<section aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">%s</h2>\n"
		    "<form class=\"stack\" method=\"post\" action=\"%s\">\n", id, id, heading, action);
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<label for=\"%s\">%s <span class=\"hint\">%s</span></label>\n"
		    "<textarea class=\"doc\" id=\"%s\" name=\"document\" rows=\"14\" spellcheck=\"false\" "
		    "required></textarea>\n<div class=\"actions\"><button type=\"submit\">%s</button></div>\n"
		    "</form>\n</section>\n", id, label, hint, id, button);
}

int jp_page_plans_list(const struct jp_page_ctx *c, const struct jp_plan_info *plans,
		       size_t n, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);

	jp_pages__begin(c, out, JP_NAV_PLANS, jp_tr(lang, "Plans"));
	if (c->plan)
		plan_summary(c, out);
	if (plans && n) {
		jp_pages__table_begin(out, jp_tr(lang, "Stored plans"));
		jp_buf_adds(out, "<thead><tr>");
		jp_pages__th(out, jp_tr(lang, "Identifier"), false);
		jp_pages__th(out, jp_tr(lang, "Number"), false);
		jp_pages__th(out, jp_tr(lang, "Title"), false);
		jp_pages__th(out, jp_tr(lang, "Activities"), true);
		jp_pages__th(out, jp_tr(lang, "Loaded"), false);
		jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			jp_buf_adds(out, "<tr><th scope=\"row\"><code>");
			jp_pages__esc(out, plans[i].id);
			jp_buf_adds(out, "</code>");
			if (plans[i].builtin)
				jp_buf_addf(out, " <span class=\"badge\">%s</span>", jp_tr(lang, "built in"));
			jp_buf_adds(out, "</th><td>");
			jp_pages__esc(out, plans[i].number);
			jp_buf_adds(out, "</td><td class=\"t\">");
			jp_pages__esc(out, plans[i].title);
			jp_buf_addf(out, "</td><td class=\"n\">%d</td><td class=\"nowrap\">",
				    plans[i].nactivities);
			jp_pages__esc(out, plans[i].loaded_at);
			jp_buf_adds(out, "</td></tr>\n");
		}
		jp_buf_adds(out, "</tbody>\n");
		jp_pages__table_end(out);
	}
	doc_form(c, out, "/admin/plans", "plan-doc", jp_tr(lang, "Load a plan"),
		 jp_tr(lang, "Plan document"),
		 jp_tr(lang, "JSON in the jospar-plan format; a plan with the same identifier is replaced"),
		 jp_tr(lang, "Load the plan"));
	doc_form(c, out, "/admin/amendments", "amend-doc", jp_tr(lang, "Add an amendment"),
		 jp_tr(lang, "Amendment document"),
		 jp_tr(lang, "JSON in the jospar-amendment format; it applies from its date"),
		 jp_tr(lang, "Add the amendment"));
	return jp_pages__end(c, out);
}
