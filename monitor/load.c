/*
 * load.c - the plan as of a date (see load.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "amend.h"
#include "embedded.h"
#include "plan.h"
#include "plan_json.h"
#include "store.h"
#include "load.h"

int jp_load_sync_embedded(jp_store *st, struct jp_error *err)
{
	size_t elen;
	const char *embedded = jp_embedded_plan(&elen);
	uint64_t ehash = jp_store_hash(embedded, elen), shash = 0;
	struct jp_plan *plan = NULL;
	char *doc = NULL, *current = NULL;
	int rc = 0;

	if (jp_store_get_plan_doc(st, JP_EMBEDDED_PLAN_ID, &doc, &shash, NULL) != 0 ||
	    shash != ehash) {
		rc = jp_plan_from_json(&plan, embedded, elen, err);
		if (rc == 0)
			rc = jp_store_put_plan(st, plan, embedded, true, err);
	}
	if (rc == 0 && jp_store_get_current(st, &current, NULL) != 0)
		rc = jp_store_set_current(st, JP_EMBEDDED_PLAN_ID, err);
	jp_plan_free(plan);
	jp_free(doc);
	jp_free(current);
	return rc;
}

char *jp_load_plan_id(jp_store *st, const char *id)
{
	char *current = NULL;

	if (id)
		return jp_strdup(id);
	if (jp_store_get_current(st, &current, NULL) == 0)
		return current;
	return jp_strdup(JP_EMBEDDED_PLAN_ID);
}

struct amend_ctx {
	struct jp_date date;
	struct jp_buf doc;
	struct jp_error *err;
};

static int apply_one(const char *number, struct jp_date date, const char *doc,
		     void *payload)
{
	struct amend_ctx *ac = payload;
	struct jp_buf next = JP_BUF_INIT;
	int rc;

	(void)number;
	if (jp_date_cmp(date, ac->date) > 0)
		return 0;
	rc = jp_amendment_apply(ac->doc.ptr, ac->doc.len, doc, strlen(doc), &next, ac->err);
	if (rc < 0) {
		jp_buf_release(&next);
		return rc;
	}
	jp_buf_release(&ac->doc);
	ac->doc = next;
	return 0;
}

int jp_load_plan_as_of(jp_store *st, const char *id, struct jp_date date,
		       struct jp_plan **out, struct jp_error *err)
{
	struct amend_ctx ac = { date, JP_BUF_INIT, err };
	char *doc = NULL;
	int rc;

	if (!strcmp(id, JP_EMBEDDED_PLAN_ID)) {
		size_t n;
		const char *e = jp_embedded_plan(&n);

		jp_buf_add(&ac.doc, e, n);
	} else {
		rc = jp_store_get_plan_doc(st, id, &doc, NULL, err);
		if (rc < 0)
			return rc;
		jp_buf_adds(&ac.doc, doc);
		jp_free(doc);
	}
	rc = jp_store_list_amendments(st, id, apply_one, &ac, err);
	if (rc == 0 && jp_buf_oom(&ac.doc))
		rc = jp_error_set(err, JP_ERROR, "out of memory");
	/*
	 * NEEDSWORK: every command (and every date the server asks for)
	 * parses the document afresh: half of `jospar show` is jansson.  A
	 * cached binary form would cut this if plans grow large
	 * (docs/BENCHMARKS.md).
	 */
	if (rc == 0)
		rc = jp_plan_from_json(out, ac.doc.ptr, ac.doc.len, err);
	jp_buf_release(&ac.doc);
	return rc;
}

int jp_load_add_amendment(jp_store *st, const char *doc, size_t len,
			  struct jp_amendment_info *info, struct jp_error *err)
{
	struct jp_buf base = JP_BUF_INIT, applied = JP_BUF_INIT;
	struct jp_plan *plan = NULL;
	char d[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_amendment_check(doc, len, info, err)) < 0)
		return rc;
	if (!jp_store_has_plan(st, info->plan))
		return jp_error_at(err, JP_ENOTFOUND, "/plan", "no plan '%s' in the database", info->plan);
	/* the plan with every amendment so far, then this one, must load */
	if ((rc = jp_load_plan_as_of(st, info->plan, (struct jp_date){ 9999, 12, 31 }, &plan, err)) < 0)
		goto done;
	if (jp_plan_to_json(plan, &base, 0) < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	if ((rc = jp_amendment_apply(base.ptr, base.len, doc, len, &applied, err)) < 0)
		goto done;
	jp_plan_free(plan);
	plan = NULL;
	if ((rc = jp_plan_from_json(&plan, applied.ptr, applied.len, err)) < 0)
		goto done;
	if (jp_date_cmp(info->date, plan->approved) < 0) {
		rc = jp_error_at(err, JP_EINVALID, "/date", "the amendment (%s) is dated before the plan's approval",
				 jp_date_format(info->date, d));
		goto done;
	}
	rc = jp_store_add_amendment(st, info->plan, info->number, info->date, doc, err);
done:
	jp_plan_free(plan);
	jp_buf_release(&base);
	jp_buf_release(&applied);
	return rc;
}

int jp_load_store_plan(jp_store *st, const char *doc, size_t len, bool replace,
		       struct jp_plan **plan_out, struct jp_error *err)
{
	struct jp_plan *plan = NULL;
	char *copy;
	int rc;

	if ((rc = jp_plan_from_json(&plan, doc, len, err)) < 0)
		return rc;
	if (!strcmp(plan->id, JP_EMBEDDED_PLAN_ID)) {
		rc = jp_error_at(err, JP_EINVALID, "/id",
				 "plan id '%s' is the plan jospar carries; give yours another id", plan->id);
		goto done;
	}
	if (jp_store_has_plan(st, plan->id) && !replace) {
		rc = jp_error_at(err, JP_EEXISTS, "/id", "a plan '%s' is stored already", plan->id);
		goto done;
	}
	copy = jp_strndup(doc, len);
	if (!copy) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	rc = jp_store_put_plan(st, plan, copy, false, err);
	jp_free(copy);
done:
	if (rc == 0 && plan_out)
		*plan_out = plan;
	else
		jp_plan_free(plan);
	return rc;
}
