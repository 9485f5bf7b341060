/*
 * pages_int.h - what the server/pages*.c files share: the page frame
 * (head, header, navigation, footer), escaping and URL helpers, and the
 * small pieces every page draws the same way (dates, money, states,
 * agencies, the synthetic marker).  Private to server/pages*.c.
 *
 * Conventions: a helper that takes a `msgid` translates it (callers pass
 * N_("...") or a jp_tr() result is never passed twice); a helper that takes
 * `text` writes it escaped, as it is.  Nothing here fails on its own: the
 * buffer's sticky out-of-memory flag is checked once, in jp_pages__end().
 */
#ifndef JP_PAGES_INT_H
#define JP_PAGES_INT_H

#include "buf.h"
#include "pages.h"

enum jp_pages_nav {
	JP_NAV_NONE,
	JP_NAV_OVERVIEW,
	JP_NAV_ACTIVITIES,
	JP_NAV_BUDGET,
	JP_NAV_INDICATORS,
	JP_NAV_FINDINGS,
	JP_NAV_AUDIT,
	JP_NAV_USERS,
	JP_NAV_PLANS
};

/* "kk", "ru" or "en": c->lang when supported, else the default "kk". */
const char *jp_pages__lang(const struct jp_page_ctx *c);

/*
 * Opens the document: head with the inline style, skip link, header (plan
 * title, as-of date, user and logout form, language switch), navigation,
 * <main>, the page's <h1> (`title`, already translated, written escaped)
 * and the notice/error messages, and the synthetic-data banner when the
 * history holds synthetic records.
 */
void jp_pages__begin(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_pages_nav nav,
		     const char *title);
/* Closes <main>, writes the footer and ends the document; 0 or JP_ERROR. */
int jp_pages__end(const struct jp_page_ctx *c, struct jp_buf *b);

/*
 * "Newer" and "older" links of a long list to c->path?page=N (with
 * `extra`, an encoded "name=value" or NULL): newer when page > 1, older
 * when `older`.  Nothing when neither.
 */
void jp_pages__pager(const struct jp_page_ctx *c, struct jp_buf *b, unsigned page,
		     bool older, const char *extra);
/* The same for a list in its own order: "Previous" and "Next" links. */
void jp_pages__pager_next(const struct jp_page_ctx *c, struct jp_buf *b, unsigned page,
			  bool next, const char *extra);
/* Appends "name=value" to a query being built for an href (value
 * percent-encoded, "&amp;" before it when b is not empty); nothing when
 * value is NULL or empty. */
void jp_pages__query_arg(struct jp_buf *b, const char *name, const char *value);

/* Escaped text; NULL writes nothing. */
void jp_pages__esc(struct jp_buf *b, const char *text);
/* Percent-encodes every byte but A-Z a-z 0-9 - . _ ~ (a path segment or a
 * query value); the result is safe in an attribute as well. */
void jp_pages__url_part(struct jp_buf *b, const char *text);
/* <a href="/activities/N">N</a> with N encoded. */
void jp_pages__act_link(struct jp_buf *b, const struct jp_activity *a);
/* The agency's abbreviation, as a link to /agencies/ABBR when `link`, with
 * its full glossary name as the title. */
void jp_pages__agency(const struct jp_page_ctx *c, struct jp_buf *b, const char *abbr,
		      bool link);
/* The glossary entry of an agency (jp_plan_find_agency, exact spelling
 * tried first); NULL when none or p is NULL. */
const struct jp_glossary_entry *jp_pages__find_agency(const struct jp_plan *p, const char *abbr);
/* ` lang="xx"` when the plan's language differs from the page's. */
void jp_pages__plan_lang(const struct jp_page_ctx *c, struct jp_buf *b);

void jp_pages__date(struct jp_buf *b, struct jp_date d);
void jp_pages__money(struct jp_buf *b, jp_money m);
/* Spent as a share of planned, "12.3 %", or "—" when nothing is planned. */
void jp_pages__share(struct jp_buf *b, jp_money part, jp_money whole);

/* A due date's state as a coloured badge with its translated name. */
void jp_pages__state(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_occ_state s);
const char *jp_pages__state_msgid(enum jp_occ_state s);
const char *jp_pages__report_status_msgid(enum jp_report_status s);
const char *jp_pages__role_msgid(enum jp_role r);
/* The visible "synthetic" marker. */
void jp_pages__synthetic(const struct jp_page_ctx *c, struct jp_buf *b);

/* <div class="table-wrap" role="region" tabindex="0"><table><caption>… —
 * `caption` is translated text.  Then header cells, then rows. */
void jp_pages__table_begin(struct jp_buf *b, const char *caption);
void jp_pages__table_end(struct jp_buf *b);
/* <th scope="col">; `numeric` right-aligns. */
void jp_pages__th(struct jp_buf *b, const char *text, bool numeric);

/* The hidden csrf input every form carries. */
void jp_pages__csrf(const struct jp_page_ctx *c, struct jp_buf *b);

/* c->history, or an empty history when it is NULL. */
const struct jp_history *jp_pages__history(const struct jp_page_ctx *c);
/* Whether the user may report on `a` (an executor of it, or coordinator/admin). */
bool jp_pages__may_report(const struct jp_page_ctx *c, const struct jp_activity *a);
bool jp_pages__may_review(const struct jp_page_ctx *c);

/* Parses a decimal ("60", "3,6", "-1.25") into units of 1/10000; false
 * when it is not one. */
bool jp_pages__decimal(const char *s, int64_t *out);

#endif
