/*
 * views.c - the JSON views of the library's results that the CLI and the
 * server both give: status as of a date, reports, findings.  One builder
 * each, so that `jospar status --json` and GET /api/v1/status agree.
 * The status view grows with the plan and is streamed (jsonw.h); the
 * others are small and built as jansson values.
 */
#include "jp.h"
#include "check.h"
#include "report.h"
#include "views.h"
#include "arena.h"
#include "buf.h"
#include "jsonw.h"

#include <jansson.h>

static void occ_write(struct jp_jsonw *w, const struct jp_occurrence *o)
{
	const struct jp_executor *lead = jp_activity_lead(o->act);
	char d[JP_DATE_BUFSZ];

	jp_jsonw_object_begin(w);
	jp_jsonw_kstring(w, "number", o->act->number);
	jp_jsonw_kstring(w, "due", jp_date_format(o->due, d));
	jp_jsonw_kstring(w, "state", jp_occ_state_name(o->state));
	jp_jsonw_kstring(w, "lead", lead ? lead->agency : NULL);
	jp_jsonw_kstring(w, "title", o->act->title);
	jp_jsonw_key(w, "report");
	if (o->report)
		jp_jsonw_int(w, o->report->id);
	else
		jp_jsonw_null(w);
	if (o->label)
		jp_jsonw_kstring(w, "label", o->label);
	jp_jsonw_object_end(w);
}

/* The overdue (or upcoming) due dates, in the status's order. */
static void occ_list(struct jp_jsonw *w, const struct jp_status *s, bool overdue)
{
	jp_jsonw_array_begin(w);
	for (size_t i = 0; i < s->nocc; i++)
		if (overdue ? s->occ[i].overdue : s->occ[i].upcoming)
			occ_write(w, &s->occ[i]);
	jp_jsonw_array_end(w);
}

int jp_view_status_write(struct jp_buf *out, const struct jp_plan *p,
			 const struct jp_status *s, const char *agency, unsigned flags)
{
	struct jp_jsonw w;
	char d[JP_DATE_BUFSZ];

	jp_jsonw_init(&w, out, flags);
	jp_jsonw_object_begin(&w);
	jp_jsonw_kstring(&w, "plan", p->id);
	jp_jsonw_kstring(&w, "as_of", jp_date_format(s->as_of, d));
	jp_jsonw_kstring(&w, "effective", jp_date_format(s->effective, d));
	jp_jsonw_kstring(&w, "plan_state", jp_plan_state_name(s->state));
	jp_jsonw_key(&w, "amended_by");
	jp_jsonw_array_begin(&w);
	for (size_t i = 0; i < p->namendments; i++) {
		if (jp_date_cmp(p->amendments[i].date, s->as_of) > 0)
			continue;
		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "number", p->amendments[i].number);
		jp_jsonw_kstring(&w, "date", jp_date_format(p->amendments[i].date, d));
		jp_jsonw_object_end(&w);
	}
	jp_jsonw_array_end(&w);
	jp_jsonw_key(&w, "repealed_by");
	if (p->repealed && s->state == JP_PLAN_REPEALED) {
		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "number", p->repeal.number);
		jp_jsonw_kstring(&w, "date", jp_date_format(p->repeal.date, d));
		jp_jsonw_object_end(&w);
	} else {
		jp_jsonw_null(&w);
	}
	jp_jsonw_kstring(&w, "agency", agency);
	jp_jsonw_kint(&w, "passed", (int64_t)s->npassed);
	jp_jsonw_key(&w, "counts");
	jp_jsonw_object_begin(&w);
	for (int k = 0; k < JP_OCC_STATE_COUNT; k++)
		jp_jsonw_kint(&w, jp_occ_state_name((enum jp_occ_state)k), (int64_t)s->count[k]);
	jp_jsonw_object_end(&w);
	jp_jsonw_key(&w, "overdue");
	occ_list(&w, s, true);
	jp_jsonw_key(&w, "upcoming");
	occ_list(&w, s, false);
	jp_jsonw_key(&w, "agencies");
	jp_jsonw_array_begin(&w);
	for (size_t i = 0; i < s->nagencies; i++) {
		const struct jp_agency_status *a = &s->agencies[i];

		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "agency", a->agency);
		jp_jsonw_kint(&w, "due", (int64_t)a->due);
		jp_jsonw_kint(&w, "reported", (int64_t)a->reported);
		jp_jsonw_kint(&w, "not_reported", (int64_t)(a->due - a->reported));
		jp_jsonw_kint(&w, "lead_due", (int64_t)a->lead_due);
		jp_jsonw_kint(&w, "overdue", (int64_t)a->overdue);
		jp_jsonw_object_end(&w);
	}
	jp_jsonw_array_end(&w);
	jp_jsonw_key(&w, "directions");
	jp_jsonw_array_begin(&w);
	for (size_t i = 0; i < s->ndirections; i++) {
		const struct jp_direction_status *ds = &s->directions[i];

		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "direction", ds->code);
		jp_jsonw_kint(&w, "due", (int64_t)ds->due);
		jp_jsonw_kint(&w, "reported", (int64_t)ds->reported);
		jp_jsonw_kint(&w, "done", (int64_t)ds->done);
		jp_jsonw_kint(&w, "overdue", (int64_t)ds->overdue);
		jp_jsonw_kint(&w, "upcoming", (int64_t)ds->upcoming);
		jp_jsonw_object_end(&w);
	}
	jp_jsonw_array_end(&w);
	jp_jsonw_key(&w, "synthetic");
	jp_jsonw_bool(&w, s->synthetic);
	jp_jsonw_object_end(&w);
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

const struct jp_review *jp_history_latest_review(const struct jp_history *h, int64_t id)
{
	const struct jp_review *best = NULL;
	const struct jp_review *const *v;
	size_t n;

	/* by the store's index when there is one: listing reports stays linear */
	if (jp_history_reviews_of(h, id, &v, &n))
		return n ? v[n - 1] : NULL;
	for (size_t i = 0; i < h->nreviews; i++)
		if (h->reviews[i].report == id)
			best = &h->reviews[i];
	return best;
}

const char *jp_review_state_name(const struct jp_review *v)
{
	if (!v || v->action == JP_REVIEW_REOPEN)
		return "awaiting";
	return v->action == JP_REVIEW_ACCEPT ? "accepted" : "returned";
}

json_t *jp_view_report(const struct jp_history *h, const struct jp_report *r, bool reviews)
{
	char d[JP_DATE_BUFSZ], m[JP_MONEY_BUFSZ];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "activity", json_string(r->activity));
	json_object_set_new(o, "due", json_string(jp_date_format(r->due, d)));
	json_object_set_new(o, "agency", json_string(r->agency));
	json_object_set_new(o, "status", json_string(jp_report_status_name(r->status)));
	json_object_set_new(o, "text", r->text ? json_string(r->text) : json_null());
	json_object_set_new(o, "evidence", r->evidence ? json_string(r->evidence) : json_null());
	json_object_set_new(o, "spent", r->has_spent ? json_string(jp_money_format(r->spent, m)) : json_null());
	json_object_set_new(o, "made", json_string(jp_date_format(r->made, d)));
	json_object_set_new(o, "by", json_string(r->by));
	json_object_set_new(o, "recorded_at", json_string(r->recorded_at ? r->recorded_at : ""));
	if (r->late_reason)
		json_object_set_new(o, "late_reason", json_string(r->late_reason));
	json_object_set_new(o, "review", json_string(jp_review_state_name(jp_history_latest_review(h, r->id))));
	json_object_set_new(o, "synthetic", json_boolean(r->synthetic));
	json_object_set_new(o, "after_repeal", json_boolean(r->after_repeal));
	if (r->after_repeal)
		json_object_set_new(o, "note", json_string(JP_REPORT_AFTER_REPEAL_NOTE));
	if (reviews) {
		json_t *arr = json_array();
		const struct jp_review *const *mine;
		size_t nmine;
		bool indexed;

		indexed = jp_history_reviews_of(h, r->id, &mine, &nmine);
		for (size_t i = 0; i < (indexed ? nmine : h->nreviews); i++) {
			const struct jp_review *v = indexed ? mine[i] : &h->reviews[i];
			json_t *vo;

			if (v->report != r->id)
				continue;
			vo = json_object();
			json_object_set_new(vo, "action", json_string(jp_review_action_name(v->action)));
			json_object_set_new(vo, "reason", v->reason ? json_string(v->reason) : json_null());
			json_object_set_new(vo, "date", json_string(jp_date_format(v->date, d)));
			json_object_set_new(vo, "by", json_string(v->by));
			json_object_set_new(vo, "recorded_at", json_string(v->recorded_at ? v->recorded_at : ""));
			json_array_append_new(arr, vo);
		}
		json_object_set_new(o, "reviews", arr);
	}
	return o;
}

json_t *jp_view_findings(const struct jp_plan *p, const struct jp_findings *f)
{
	json_t *o = json_object(), *arr = json_array();

	json_object_set_new(o, "plan", json_string(p->id));
	for (size_t i = 0; i < f->n; i++) {
		json_t *it = json_object();

		json_object_set_new(it, "kind", json_string(jp_finding_kind_name(f->items[i].kind)));
		json_object_set_new(it, "row", f->items[i].row ? json_string(f->items[i].row) : json_null());
		json_object_set_new(it, "message", json_string(f->items[i].message));
		json_array_append_new(arr, it);
	}
	json_object_set_new(o, "findings", arr);
	return o;
}

int jp_audit_changes(const char *before, const char *after, struct jp_arena *arena,
		     struct jp_audit_change **out, size_t *n)
{
	json_t *bv = before ? json_loads(before, 0, NULL) : NULL;
	json_t *av = after ? json_loads(after, 0, NULL) : NULL;
	struct jp_audit_change *v = NULL;
	size_t cnt = 0, cap = 0;
	const char *key;
	json_t *val;
	int rc = 0;

	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		json_object_foreach(av, key, val) {
			json_t *old = json_object_get(bv, key);
			char *ns, *os;

			if ((pass == 0) != (old != NULL))
				continue;
			ns = json_dumps(val, JSON_ENCODE_ANY | JSON_COMPACT);
			os = old ? json_dumps(old, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
			if (ns && (!os || strcmp(os, ns))) {
				v = jp_arena_grow(arena, v, cnt, &cap, sizeof(*v));
				if (!v) {
					rc = JP_ERROR;
				} else {
					v[cnt].key = jp_arena_strdup(arena, key);
					v[cnt].before = os ? jp_arena_strdup(arena, os) : NULL;
					v[cnt].after = jp_arena_strdup(arena, ns);
					rc = !v[cnt].key || !v[cnt].after ? JP_ERROR : 0;
					cnt++;
				}
			}
			free(ns);
			free(os);
			if (rc)
				break;
		}
	}
	json_decref(bv);
	json_decref(av);
	if (rc == 0) {
		*out = v;
		*n = cnt;
	}
	return rc;
}

json_t *jp_view_report_on(const struct jp_plan *plan, const struct jp_history *h,
			  const struct jp_report *r, bool reviews)
{
	struct jp_report marked = *r;

	jp_report_mark(plan, &marked);
	return jp_view_report(h, &marked, reviews);
}
