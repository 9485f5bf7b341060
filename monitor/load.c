/*
 * load.c - the plan as of a date (see load.h).
 */
#include "jp.h"
#include "text.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "amend.h"
#include "embedded.h"
#include "plan.h"
#include "plan_image.h"
#include "plan_json.h"
#include "store.h"
#include "load.h"

int jp_load_sync_embedded(jp_store *st, struct jp_error *err)
{
	size_t elen;
	const char *embedded = jp_embedded_plan(&elen);
	uint64_t ehash = jp_store_hash(embedded, elen), shash = 0;
	struct jp_plan *plan = NULL;
	char *current = NULL;
	int rc = 0;

	if (jp_store_get_plan_hash(st, JP_EMBEDDED_PLAN_ID, &shash, NULL) != 0 ||
	    shash != ehash) {
		rc = jp_plan_from_json(&plan, embedded, elen, err);
		if (rc == 0)
			rc = jp_store_put_plan(st, plan, embedded, true, err);
	}
	if (rc == 0 && jp_store_get_current(st, &current, NULL) != 0)
		rc = jp_store_set_current(st, JP_EMBEDDED_PLAN_ID, err);
	jp_plan_free(plan);
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

/*
 * Builds a plan's document as of a date: the base document, then every
 * stored amendment dated on or before it, in date order (then by number).
 * With `extra`, that amendment (not stored) is applied in its place in the
 * same order, as it would be once stored.
 */
struct amend_ctx {
	struct jp_date date;
	struct jp_buf doc;
	struct jp_error *err;
	const char *extra;                    /* an amendment to try, or NULL */
	size_t extra_len;
	const struct jp_amendment_info *info; /* what `extra` is */
	bool extra_done;
};

static int apply_doc(struct amend_ctx *ac, const char *doc, size_t len)
{
	struct jp_buf next = JP_BUF_INIT;
	int rc;

	rc = jp_amendment_apply(ac->doc.ptr, ac->doc.len, doc, len, &next, ac->err);
	if (rc < 0) {
		jp_buf_release(&next);
		return rc;
	}
	jp_buf_release(&ac->doc);
	ac->doc = next;
	return 0;
}

static int apply_extra(struct amend_ctx *ac)
{
	ac->extra_done = true;
	return apply_doc(ac, ac->extra, ac->extra_len);
}

static int apply_one(const char *number, struct jp_date date, const char *doc,
		     void *payload)
{
	struct amend_ctx *ac = payload;
	char d[JP_DATE_BUFSZ];
	int rc, c;

	if (jp_date_cmp(date, ac->date) > 0)
		return 0;
	if (ac->extra && !ac->extra_done) {
		c = jp_date_cmp(ac->info->date, date);
		if (!c)
			c = strcmp(ac->info->number, number);
		if (!c)
			return jp_error_at(ac->err, JP_EEXISTS, "/number",
					   "amendment No. %s is stored already", number);
		if (c < 0 && (rc = apply_extra(ac)) < 0)
			return rc;
	}
	rc = apply_doc(ac, doc, strlen(doc));
	if (rc < 0 && ac->extra && ac->extra_done && rc != JP_ERROR) {
		/* the stored one was fine before the new one came before it */
		char msg[sizeof(ac->err->msg)], where[sizeof(ac->err->where)];

		snprintf(msg, sizeof(msg), "%s", ac->err->msg);
		snprintf(where, sizeof(where), "%s", ac->err->where);
		rc = jp_error_at(ac->err, rc, "", "amendment No. %s (%s), stored and dated later,"
				 " no longer applies after this one: %s%s%s", number,
				 jp_date_format(date, d), msg, *where ? " at " : "", where);
	}
	return rc;
}

static int build_doc(jp_store *st, const char *id, struct amend_ctx *ac)
{
	char *doc = NULL;
	int rc;

	if (!strcmp(id, JP_EMBEDDED_PLAN_ID)) {
		size_t n;
		const char *e = jp_embedded_plan(&n);

		jp_buf_add(&ac->doc, e, n);
	} else {
		rc = jp_store_get_plan_doc(st, id, &doc, NULL, ac->err);
		if (rc < 0)
			return rc;
		jp_buf_adds(&ac->doc, doc);
		jp_free(doc);
	}
	rc = jp_store_list_amendments(st, id, apply_one, ac, ac->err);
	if (rc == 0 && ac->extra && !ac->extra_done)
		rc = apply_extra(ac);
	if (rc == 0 && jp_buf_oom(&ac->doc))
		rc = jp_error_set(ac->err, JP_ERROR, "out of memory");
	return rc;
}

/*
 * The key of a plan's image as of a date: the image format, the base
 * document's hash, and the number, date and text hash of every amendment
 * in force then.  Amendments are only ever added, so a date between two
 * amendments shares the image of the earlier one.
 */
struct key_ctx {
	struct jp_date date;
	uint64_t h;
	size_t n;
};

static int key_one(const char *number, struct jp_date date, const char *doc,
		   void *payload)
{
	struct key_ctx *k = payload;
	uint64_t dh = jp_store_hash(doc, strlen(doc));
	char d[JP_DATE_BUFSZ];

	if (jp_date_cmp(date, k->date) > 0)
		return 0;
	k->h = jp_hash(k->h, number, strlen(number) + 1);
	jp_date_format(date, d);
	k->h = jp_hash(k->h, d, strlen(d) + 1);
	k->h = jp_hash(k->h, &dh, sizeof(dh));
	k->n++;
	return 0;
}

static int image_key(jp_store *st, const char *id, struct jp_date date, char key[64],
		     size_t *n_out, struct jp_error *err)
{
	struct key_ctx k = { date, JP_HASH_INIT, 0 };
	uint64_t base;
	int rc;

	if (!strcmp(id, JP_EMBEDDED_PLAN_ID)) {
		size_t n;
		const char *e = jp_embedded_plan(&n);

		base = jp_store_hash(e, n);
	} else if ((rc = jp_store_get_plan_hash(st, id, &base, err)) < 0) {
		return rc;
	}
	if ((rc = jp_store_list_amendments(st, id, key_one, &k, err)) < 0)
		return rc;
	snprintf(key, 64, "v%d-%016llx-%zu-%016llx", JP_PLAN_IMAGE_VERSION,
		 (unsigned long long)base, k.n, (unsigned long long)k.h);
	if (n_out)
		*n_out = k.n;
	return 0;
}

/* Keeps the parts of an image in the store; a cache: a failure is ignored. */
static void put_image(jp_store *st, const char *id, const char *key,
		      const struct jp_plan_image *im)
{
	struct jp_store_image si = { im->head.ptr, im->head.len, NULL, NULL, im->nchunks, NULL, 0 };
	const void **chunk = jp_calloc(im->nchunks + 1, sizeof(*chunk));
	size_t *len = jp_calloc(im->nchunks + 1, sizeof(*len));
	struct jp_store_image_find *find = jp_calloc(im->nfind + 1, sizeof(*find));

	if (chunk && len && find) {
		for (size_t c = 0; c < im->nchunks; c++) {
			chunk[c] = im->chunk[c].ptr;
			len[c] = im->chunk[c].len;
		}
		for (size_t i = 0; i < im->nfind; i++)
			find[i] = (struct jp_store_image_find){ im->find[i].kind, im->find[i].name,
								 im->find[i].idx };
		si.chunk = chunk;
		si.chunk_len = len;
		si.find = find;
		si.nfind = im->nfind;
		/* a database that cannot take it now still answers */
		(void)jp_store_put_plan_image(st, id, key, &si, NULL);
	}
	jp_free(chunk);
	jp_free(len);
	jp_free(find);
}

/* The rows a selection asks for, ascending, from the image's look-ups. */
struct wanted {
	size_t *idx, n;
};

static int find_in(const struct jp_plan_image *im, int kind, const char *name,
		   struct wanted *w)
{
	size_t n = 0;

	for (size_t i = 0; i < im->nfind; i++)
		n += im->find[i].kind == kind && !strcmp(im->find[i].name, name);
	if (!(w->idx = jp_calloc(n + 1, sizeof(*w->idx))))
		return JP_ERROR;
	for (size_t i = 0; i < im->nfind; i++)
		if (im->find[i].kind == kind && !strcmp(im->find[i].name, name))
			w->idx[w->n++] = im->find[i].idx;
	return 0;
}

/*
 * What `rows` asks for, looked up in the image's look-ups: in the store's
 * (im NULL) or in those of an image at hand.  0 or an error.
 */
static int wanted_rows(jp_store *st, const char *id, const char *key,
		       const struct jp_plan_image *im, const struct jp_load_rows *rows,
		       struct wanted *w, struct jp_error *err)
{
	int kind = rows->number ? JP_PLAN_IMAGE_FIND_NUMBER : JP_PLAN_IMAGE_FIND_AGENCY;
	char *name = rows->number ? jp_strdup(rows->number) : jp_text_fold_key(rows->agency);
	int rc;

	w->idx = NULL;
	w->n = 0;
	if (!name)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if (im)
		rc = find_in(im, kind, name, w) < 0 ? jp_error_set(err, JP_ERROR, "out of memory") : 0;
	else
		rc = jp_store_find_plan_image(st, id, key, kind, name, &w->idx, &w->n, err);
	/* a number finds one row: the first of those it answers to */
	if (rc == 0 && kind == JP_PLAN_IMAGE_FIND_NUMBER && w->n > 1)
		w->n = 1;
	jp_free(name);
	return rc;
}

struct image_read {
	struct jp_plan_image_reader ir;
	bool begun;
	const size_t *want;          /* NULL: every row */
	size_t nwant;
};

static int take_part(void *payload, int64_t chunk, const void *blob, size_t len)
{
	struct image_read *r = payload;
	int rc;

	if (chunk < 0) {
		if (r->begun)
			return JP_EINVALID;
		rc = jp_plan_image_begin(&r->ir, blob, len, r->want, r->nwant, NULL);
		r->begun = rc == 0;
		return rc;
	}
	if (!r->begun)
		return JP_EINVALID;
	return jp_plan_image_chunk(&r->ir, (size_t)chunk, blob, len, NULL);
}

/*
 * The plan from its stored image: the head, then the rows wanted (every
 * row when rows is NULL), read by one statement.  JP_ENOTFOUND or
 * JP_EINVALID when the image is missing, damaged or incomplete (the caller
 * rebuilds it).
 */
static int read_image(jp_store *st, const char *id, const char *key,
		      const struct jp_load_rows *rows, struct jp_plan **out)
{
	static const size_t none[1];
	struct image_read r;
	struct wanted w = { NULL, 0 };
	size_t *chunks = NULL, nchunks = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	if (rows) {
		if ((rc = wanted_rows(st, id, key, NULL, rows, &w, NULL)) < 0)
			return rc;
		r.want = w.idx ? w.idx : none;
		r.nwant = w.n;
		/* the chunks that hold them, each once */
		if (!(chunks = jp_calloc(w.n + 1, sizeof(*chunks)))) {
			jp_free(w.idx);
			return JP_ERROR;
		}
		for (size_t i = 0; i < w.n; i++)
			if (!nchunks || chunks[nchunks - 1] != w.idx[i] / JP_PLAN_IMAGE_CHUNK_ROWS)
				chunks[nchunks++] = w.idx[i] / JP_PLAN_IMAGE_CHUNK_ROWS;
	}
	rc = jp_store_get_plan_image_rows(st, id, key, chunks, nchunks, take_part, &r, NULL);
	if (rc == 0 && !r.begun)
		rc = JP_ENOTFOUND;
	if (rc == 0)
		rc = jp_plan_image_end(&r.ir, out, NULL);
	else if (r.begun)
		jp_plan_image_abort(&r.ir);
	jp_free(chunks);
	jp_free(w.idx);
	return rc;
}

/* The same from an image at hand (just made from the documents). */
static int read_made_image(const struct jp_plan_image *im, const struct jp_load_rows *rows,
			   struct jp_plan **out, struct jp_error *err)
{
	struct jp_plan_image_reader ir;
	struct wanted w = { NULL, 0 };
	int rc;

	if ((rc = wanted_rows(NULL, NULL, NULL, im, rows, &w, err)) < 0)
		return rc;
	rc = jp_plan_image_begin(&ir, im->head.ptr, im->head.len, w.idx, w.n, err);
	for (size_t c = 0; rc == 0 && c < im->nchunks; c++)
		rc = jp_plan_image_chunk(&ir, c, im->chunk[c].ptr, im->chunk[c].len, err);
	if (rc == 0)
		rc = jp_plan_image_end(&ir, out, err);
	jp_free(w.idx);
	return rc;
}

int jp_load_plan_rows_as_of(jp_store *st, const char *id, struct jp_date date,
			    const struct jp_load_rows *rows, struct jp_plan **out,
			    struct jp_error *err)
{
	struct amend_ctx ac = { date, JP_BUF_INIT, err, NULL, 0, NULL, false };
	struct jp_plan_image im;
	struct jp_plan *full = NULL;
	char key[64];
	int rc;

	if (rows && !rows->number && !rows->agency)
		rows = NULL;
	/* the image, when one was made from the same documents */
	if ((rc = image_key(st, id, date, key, NULL, err)) < 0)
		return rc;
	if (read_image(st, id, key, rows, out) == 0)
		return 0;
	/* else the documents, and an image for the next time */
	rc = build_doc(st, id, &ac);
	if (rc == 0)
		rc = jp_plan_from_json(&full, ac.doc.ptr, ac.doc.len, err);
	jp_buf_release(&ac.doc);
	if (rc < 0)
		return rc;
	if (jp_plan_image_make(full, &im) < 0) {
		jp_plan_free(full);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	put_image(st, id, key, &im);
	if (rows) {
		/* read back as from the store, so the rows are the same */
		rc = read_made_image(&im, rows, out, err);
		jp_plan_free(full);
	} else {
		*out = full;
	}
	jp_plan_image_release(&im);
	return rc;
}

int jp_load_plan_as_of(jp_store *st, const char *id, struct jp_date date,
		       struct jp_plan **out, struct jp_error *err)
{
	return jp_load_plan_rows_as_of(st, id, date, NULL, out, err);
}

int jp_load_add_amendment(jp_store *st, const char *doc, size_t len,
			  struct jp_amendment_info *info, struct jp_error *err)
{
	struct amend_ctx ac = { { 9999, 12, 31 }, JP_BUF_INIT, err, doc, len, info, false };
	struct jp_plan *plan = NULL;
	char d[JP_DATE_BUFSZ], d2[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_amendment_check(doc, len, info, err)) < 0)
		return rc;
	if (!jp_store_has_plan(st, info->plan))
		return jp_error_at(err, JP_ENOTFOUND, "/plan", "no plan '%s' in the database", info->plan);
	/*
	 * Every stored amendment and this one, each in its place by date, must
	 * apply and the plan they make must load: so amendments may be entered
	 * in any order.
	 */
	if ((rc = build_doc(st, info->plan, &ac)) < 0 ||
	    (rc = jp_plan_from_json(&plan, ac.doc.ptr, ac.doc.len, err)) < 0)
		goto done;
	if (jp_date_cmp(info->date, plan->approved) < 0) {
		rc = jp_error_at(err, JP_EINVALID, "/date",
				 "the amendment (%s) is dated before the plan's approval on %s",
				 jp_date_format(info->date, d), jp_date_format(plan->approved, d2));
		goto done;
	}
	if (plan->repealed && jp_date_cmp(info->date, plan->repeal.date) > 0) {
		rc = jp_error_at(err, JP_EINVALID, "/date",
				 "the amendment (%s) is dated after the plan's repeal on %s by No. %s",
				 jp_date_format(info->date, d), jp_date_format(plan->repeal.date, d2),
				 plan->repeal.number);
		goto done;
	}
	rc = jp_store_add_amendment(st, info->plan, info->number, info->date, doc, err);
done:
	jp_plan_free(plan);
	jp_buf_release(&ac.doc);
	return rc;
}

/*
 * The image the first command after a load would make (parsing the whole
 * document again: seconds for a large plan), made now from the plan at
 * hand.  Only while no amendment is stored: then the base document is the
 * plan as of every date.  A cache: a failure leaves it to be made later.
 */
static void put_base_image(jp_store *st, const struct jp_plan *plan)
{
	struct jp_date all = { 9999, 12, 31 };
	struct jp_plan_image im;
	char key[64];
	size_t n;

	if (image_key(st, plan->id, all, key, &n, NULL) == 0 && n == 0 &&
	    jp_plan_image_make(plan, &im) == 0) {
		put_image(st, plan->id, key, &im);
		jp_plan_image_release(&im);
	}
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
	if (rc == 0)
		put_base_image(st, plan);
done:
	if (rc == 0 && plan_out)
		*plan_out = plan;
	else
		jp_plan_free(plan);
	return rc;
}
