/*
 * plan_image.c - the plan's binary image (see plan_image.h).
 *
 * The image is a stream of fields in the order of the structs in
 * core/plan.h: integers in the host's byte order (the header says which),
 * a string as its length (UINT32_MAX for NULL) and its bytes, an array as
 * its count and its elements.  The reader checks every length against what
 * is left, so a damaged image fails instead of reading beyond its end.
 */
#include "jp.h"
#include "buf.h"
#include "error.h"
#include "plan.h"
#include "plan_image.h"
#include "alloc.h"
#include "text.h"

#define MAGIC "JPIMG\r\n\032"
#define NO_STRING UINT32_MAX

/* what must match between the machine that wrote the image and the reader */
struct header {
	char magic[8];
	uint32_t version;
	uint32_t endian;          /* 0x01020304 as written */
	uint32_t sizes;           /* sizeof(int), sizeof(size_t), sizeof(jp_money) */
	uint32_t max_years;
};

static void header_make(struct header *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, MAGIC, sizeof(h->magic));
	h->version = JP_PLAN_IMAGE_VERSION;
	h->endian = 0x01020304u;
	h->sizes = (uint32_t)(sizeof(int) << 16 | sizeof(size_t) << 8 | sizeof(jp_money));
	h->max_years = JP_MAX_YEARS;
}

/* writing */

static void put_u32(struct jp_buf *b, uint32_t v)
{
	jp_buf_add(b, &v, sizeof(v));
}

static void put_int(struct jp_buf *b, int v)
{
	jp_buf_add(b, &v, sizeof(v));
}

static void put_count(struct jp_buf *b, size_t n)
{
	put_u32(b, (uint32_t)n);
}

static void put_money(struct jp_buf *b, jp_money v)
{
	jp_buf_add(b, &v, sizeof(v));
}

static void put_str(struct jp_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(b, s ? (uint32_t)n : NO_STRING);
	if (n)
		jp_buf_add(b, s, n);
}

static void put_date(struct jp_buf *b, struct jp_date d)
{
	put_int(b, d.y);
	put_int(b, d.m);
	put_int(b, d.d);
}

static void put_ref(struct jp_buf *b, const struct jp_act_ref *r)
{
	put_str(b, r->number);
	put_date(b, r->date);
}

static void put_indicators(struct jp_buf *b, const struct jp_indicator *v, size_t n)
{
	put_count(b, n);
	for (size_t i = 0; i < n; i++) {
		put_int(b, v[i].number);
		put_str(b, v[i].text);
		put_count(b, v[i].ntargets);
		for (size_t k = 0; k < v[i].ntargets; k++) {
			const struct jp_target *t = &v[i].targets[k];

			put_int(b, t->year);
			put_str(b, t->value);
			put_str(b, t->unit);
			put_str(b, t->direction);
		}
	}
}

static void put_budget(struct jp_buf *b, const struct jp_budget *g)
{
	put_int(b, g->present);
	put_int(b, g->has_total);
	put_money(b, g->total);
	put_u32(b, g->year_mask);
	for (int y = 0; y < JP_MAX_YEARS; y++)
		if (g->year_mask & (1u << y))
			put_money(b, g->year[y]);
	put_str(b, g->source);
	put_str(b, g->program);
}

static void put_dues(struct jp_buf *b, const struct jp_due *v, size_t n)
{
	put_count(b, n);
	for (size_t i = 0; i < n; i++) {
		put_date(b, v[i].date);
		put_int(b, v[i].term);
		put_str(b, v[i].label);
	}
}

static void put_deadline(struct jp_buf *b, const struct jp_deadline *d)
{
	put_count(b, d->nterms);
	for (size_t i = 0; i < d->nterms; i++) {
		const struct jp_deadline_term *t = &d->terms[i];

		put_int(b, t->annual);
		put_int(b, t->y0);
		put_int(b, t->y1);
		put_int(b, t->q0);
		put_int(b, t->q1);
		put_int(b, t->nday);
		for (size_t k = 0; k < JP_ARRAY_LEN(t->day); k++) {
			put_int(b, t->day[k].m);
			put_int(b, t->day[k].d);
		}
		put_int(b, t->from_y);
		put_int(b, t->from_q);
		put_str(b, t->label);
		put_count(b, t->pos);
	}
	put_dues(b, d->due, d->ndue);
	put_dues(b, d->outside, d->noutside);
}

static void put_activity(struct jp_buf *b, const struct jp_activity *a)
{
	put_count(b, a->index);
	put_str(b, a->number);
	put_str(b, a->direction);
	put_str(b, a->title);
	put_str(b, a->completion_form);
	put_str(b, a->executors_text);
	put_count(b, a->executors.n);
	for (size_t i = 0; i < a->executors.n; i++) {
		put_str(b, a->executors.items[i].agency);
		put_int(b, a->executors.items[i].lead);
		put_int(b, a->executors.items[i].by_agreement);
	}
	put_str(b, a->deadline_text);
	put_deadline(b, &a->deadline);
	put_count(b, a->nearlier);
	for (size_t i = 0; i < a->nearlier; i++) {
		put_str(b, a->earlier[i].text);
		put_date(b, a->earlier[i].until);
		put_deadline(b, &a->earlier[i].deadline);
	}
	put_budget(b, &a->budget);
	put_int(b, a->source_lines[0]);
	put_int(b, a->source_lines[1]);
	put_ref(b, &a->added_by);
	put_ref(b, &a->removed_by);
	put_count(b, a->nchanged);
	for (size_t i = 0; i < a->nchanged; i++)
		put_ref(b, &a->changed_by[i]);
}

/* The head: the header and every plan-level field, then the rows' layout. */
static void put_head(struct jp_buf *b, const struct jp_plan *p)
{
	struct header h;

	header_make(&h);
	jp_buf_add(b, &h, sizeof(h));
	put_str(b, p->id);
	put_str(b, p->language);
	put_str(b, p->issuer);
	put_str(b, p->number);
	put_date(b, p->approved);
	put_str(b, p->title);
	put_int(b, p->period_from);
	put_int(b, p->period_to);
	put_str(b, p->unit);
	put_count(b, p->namendments);
	for (size_t i = 0; i < p->namendments; i++)
		put_ref(b, &p->amendments[i]);
	put_int(b, p->repealed);
	put_ref(b, &p->repeal);
	put_str(b, p->goal);
	put_count(b, p->nobjectives);
	for (size_t i = 0; i < p->nobjectives; i++) {
		put_int(b, p->objectives[i].number);
		put_str(b, p->objectives[i].text);
		put_indicators(b, p->objectives[i].indicators, p->objectives[i].nindicators);
	}
	put_count(b, p->ndirections);
	for (size_t i = 0; i < p->ndirections; i++) {
		const struct jp_direction *d = &p->directions[i];

		put_str(b, d->code);
		put_int(b, d->objective);
		put_str(b, d->title);
		put_count(b, d->ntasks);
		for (size_t k = 0; k < d->ntasks; k++)
			put_str(b, d->tasks[k]);
		put_indicators(b, d->indicators, d->nindicators);
	}
	put_budget(b, &p->grand_total);
	put_str(b, p->footnote);
	put_count(b, p->nglossary);
	for (size_t i = 0; i < p->nglossary; i++) {
		put_str(b, p->glossary[i].abbr);
		put_str(b, p->glossary[i].name);
	}
	put_int(b, p->window.first_year);
	put_int(b, p->window.last_year);
	put_date(b, p->window.from);
	put_date(b, p->window.to);
	put_int(b, p->reporting_window_days);
	put_count(b, p->nactivities);
	put_count(b, JP_PLAN_IMAGE_CHUNK_ROWS);
}

/* Rows first..first+n as one chunk: their count, each one's offset, the rows. */
static void put_chunk(struct jp_buf *b, const struct jp_plan *p, size_t first, size_t n)
{
	size_t at = b->len;

	put_count(b, n);
	for (size_t i = 0; i < n; i++)
		put_u32(b, 0);
	for (size_t i = 0; i < n; i++) {
		uint32_t off = (uint32_t)(b->len - at);

		if (!jp_buf_oom(b))
			memcpy(b->ptr + at + 4 + 4 * i, &off, sizeof(off));
		put_activity(b, &p->activities[first + i]);
	}
}

static size_t nchunks_of(size_t nrows)
{
	return (nrows + JP_PLAN_IMAGE_CHUNK_ROWS - 1) / JP_PLAN_IMAGE_CHUNK_ROWS;
}

static int find_cmp(const void *x, const void *y)
{
	const struct jp_plan_image_find *a = x, *b = y;
	int c = a->kind - b->kind;

	if (!c)
		c = strcmp(a->name, b->name);
	if (!c)
		c = a->idx < b->idx ? -1 : a->idx > b->idx;
	return c;
}

static int add_find(struct jp_plan_image *im, size_t *cap, int kind, char *name, size_t idx)
{
	if (!name)
		return JP_ERROR;
	if (im->nfind == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct jp_plan_image_find *v = jp_realloc(im->find, ncap * sizeof(*v));

		if (!v) {
			jp_free(name);
			return JP_ERROR;
		}
		im->find = v;
		*cap = ncap;
	}
	im->find[im->nfind++] = (struct jp_plan_image_find){ kind, name, idx };
	return 0;
}

/*
 * The look-ups: every number the plan answers to (jp_plan_find_activity's
 * keys, each with the row it finds), and every executor agency case-folded
 * with each row that names it, once a row.
 */
static int make_finds(const struct jp_plan *p, struct jp_plan_image *im)
{
	const struct jp_number_key *const lists[2] = { p->by_number, p->by_token };
	const size_t counts[2] = { p->nby_number, p->nby_token };
	size_t cap = 0, n;

	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < counts[l]; i++) {
			const struct jp_number_key *k = &lists[l][i];
			const struct jp_activity *a;
			char *name;

			if (!k->len || (i && k->len == lists[l][i - 1].len &&
					!memcmp(k->key, lists[l][i - 1].key, k->len)))
				continue;
			if (!(name = jp_strndup(k->key, k->len)))
				return JP_ERROR;
			a = jp_plan_find_activity(p, name);
			if (!a || (l == 1 && jp_plan_numbered(p, name))) {
				/* a token that is also an exact number: listed with the numbers */
				jp_free(name);
				continue;
			}
			if (add_find(im, &cap, JP_PLAN_IMAGE_FIND_NUMBER, name, a->index) < 0)
				return JP_ERROR;
		}
	}
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		for (size_t x = 0; x < a->executors.n; x++)
			if (jp_activity_first_mention(a, x) &&
			    add_find(im, &cap, JP_PLAN_IMAGE_FIND_AGENCY,
				     jp_text_fold_key(a->executors.items[x].agency), a->index) < 0)
				return JP_ERROR;
	}
	if (im->nfind)
		qsort(im->find, im->nfind, sizeof(*im->find), find_cmp);
	/* one agency's mentions that fold alike in one row: once */
	n = 0;
	for (size_t i = 0; i < im->nfind; i++) {
		if (n && !find_cmp(&im->find[n - 1], &im->find[i])) {
			jp_free(im->find[i].name);
			continue;
		}
		im->find[n++] = im->find[i];
	}
	im->nfind = n;
	return 0;
}

int jp_plan_image_make(const struct jp_plan *p, struct jp_plan_image *im)
{
	size_t nchunks = nchunks_of(p->nactivities);

	memset(im, 0, sizeof(*im));
	im->head = (struct jp_buf)JP_BUF_INIT;
	put_head(&im->head, p);
	if (nchunks && !(im->chunk = jp_calloc(nchunks, sizeof(*im->chunk))))
		goto oom;
	for (size_t c = 0; c < nchunks; c++) {
		size_t first = c * JP_PLAN_IMAGE_CHUNK_ROWS, n = p->nactivities - first;

		im->chunk[c] = (struct jp_buf)JP_BUF_INIT;
		im->nchunks++;
		put_chunk(&im->chunk[c], p, first, n < JP_PLAN_IMAGE_CHUNK_ROWS ? n : JP_PLAN_IMAGE_CHUNK_ROWS);
		if (jp_buf_oom(&im->chunk[c]))
			goto oom;
	}
	if (jp_buf_oom(&im->head) || make_finds(p, im) < 0)
		goto oom;
	return 0;
oom:
	jp_plan_image_release(im);
	return JP_ERROR;
}

void jp_plan_image_release(struct jp_plan_image *im)
{
	jp_buf_release(&im->head);
	for (size_t c = 0; c < im->nchunks; c++)
		jp_buf_release(&im->chunk[c]);
	jp_free(im->chunk);
	for (size_t i = 0; i < im->nfind; i++)
		jp_free(im->find[i].name);
	jp_free(im->find);
	memset(im, 0, sizeof(*im));
}

int jp_plan_to_image(const struct jp_plan *p, struct jp_buf *b)
{
	size_t nchunks = nchunks_of(p->nactivities);

	put_head(b, p);
	for (size_t c = 0; c < nchunks; c++) {
		size_t first = c * JP_PLAN_IMAGE_CHUNK_ROWS, n = p->nactivities - first;
		size_t at = b->len;

		put_u32(b, 0);
		put_chunk(b, p, first, n < JP_PLAN_IMAGE_CHUNK_ROWS ? n : JP_PLAN_IMAGE_CHUNK_ROWS);
		if (!jp_buf_oom(b)) {
			uint32_t len = (uint32_t)(b->len - at - 4);

			memcpy(b->ptr + at, &len, sizeof(len));
		}
	}
	return jp_buf_oom(b) ? JP_ERROR : 0;
}

/* reading */

struct reader {
	const unsigned char *p, *end;
	struct jp_arena *arena;
	bool bad;      /* damaged: a length beyond the end */
	bool oom;
};

static bool take(struct reader *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;

	take(r, &v, sizeof(v));
	return v;
}

static int get_int(struct reader *r)
{
	int v;

	take(r, &v, sizeof(v));
	return v;
}

static bool get_bool(struct reader *r)
{
	return get_int(r) != 0;
}

static jp_money get_money(struct reader *r)
{
	jp_money v;

	take(r, &v, sizeof(v));
	return v;
}

static const char *get_str(struct reader *r)
{
	uint32_t n = get_u32(r);
	char *s;

	if (n == NO_STRING || r->bad)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	s = jp_arena_strndup(r->arena, (const char *)r->p, n);
	if (!s)
		r->oom = true;
	r->p += n;
	return s;
}

static struct jp_date get_date(struct reader *r)
{
	struct jp_date d;

	d.y = get_int(r);
	d.m = get_int(r);
	d.d = get_int(r);
	return d;
}

static void get_ref(struct reader *r, struct jp_act_ref *ref)
{
	ref->number = get_str(r);
	ref->date = get_date(r);
}

/*
 * An array of `n` elements read from the stream, zeroed, one spare element
 * at the end as the JSON reader leaves (string lists end with NULL); NULL
 * when n is 0.  Each element takes at least `min_bytes` of the image, so a
 * damaged count cannot ask for more memory than the image could describe.
 */
static void *get_array(struct reader *r, size_t *n_out, size_t size, size_t min_bytes)
{
	size_t n = get_u32(r);
	void *v;

	*n_out = 0;
	if (r->bad || !n)
		return NULL;
	if (n > (size_t)(r->end - r->p) / min_bytes) {
		r->bad = true;
		return NULL;
	}
	v = jp_arena_array(r->arena, n + 1, size);
	if (!v) {
		r->oom = true;
		return NULL;
	}
	*n_out = n;
	return v;
}

static struct jp_indicator *get_indicators(struct reader *r, size_t *n)
{
	struct jp_indicator *v = get_array(r, n, sizeof(*v), 12);

	for (size_t i = 0; i < *n && !r->bad; i++) {
		v[i].number = get_int(r);
		v[i].text = get_str(r);
		v[i].targets = get_array(r, &v[i].ntargets, sizeof(*v[i].targets), 16);
		for (size_t k = 0; k < v[i].ntargets && !r->bad; k++) {
			struct jp_target *t = &v[i].targets[k];

			t->year = get_int(r);
			t->value = get_str(r);
			t->unit = get_str(r);
			t->direction = get_str(r);
		}
	}
	return v;
}

static void get_budget(struct reader *r, struct jp_budget *g)
{
	g->present = get_bool(r);
	g->has_total = get_bool(r);
	g->total = get_money(r);
	g->year_mask = get_u32(r);
	for (int y = 0; y < JP_MAX_YEARS; y++)
		if (g->year_mask & (1u << y))
			g->year[y] = get_money(r);
	g->source = get_str(r);
	g->program = get_str(r);
}

static struct jp_due *get_dues(struct reader *r, size_t *n)
{
	struct jp_due *v = get_array(r, n, sizeof(*v), 20);

	for (size_t i = 0; i < *n && !r->bad; i++) {
		v[i].date = get_date(r);
		v[i].term = get_int(r);
		v[i].label = get_str(r);
	}
	return v;
}

static void get_deadline(struct reader *r, struct jp_deadline *d)
{
	d->terms = get_array(r, &d->nterms, sizeof(*d->terms), 4 * 17);
	for (size_t i = 0; i < d->nterms && !r->bad; i++) {
		struct jp_deadline_term *t = &d->terms[i];

		t->annual = get_bool(r);
		t->y0 = get_int(r);
		t->y1 = get_int(r);
		t->q0 = get_int(r);
		t->q1 = get_int(r);
		t->nday = get_int(r);
		for (size_t k = 0; k < JP_ARRAY_LEN(t->day); k++) {
			t->day[k].m = get_int(r);
			t->day[k].d = get_int(r);
		}
		t->from_y = get_int(r);
		t->from_q = get_int(r);
		t->label = (char *)get_str(r);
		t->pos = get_u32(r);
	}
	d->due = get_dues(r, &d->ndue);
	d->outside = get_dues(r, &d->noutside);
}

static void get_activity(struct reader *r, struct jp_activity *a)
{
	a->index = get_u32(r);
	a->number = get_str(r);
	a->direction = get_str(r);
	a->title = get_str(r);
	a->completion_form = get_str(r);
	a->executors_text = get_str(r);
	a->executors.items = get_array(r, &a->executors.n, sizeof(*a->executors.items), 12);
	for (size_t i = 0; i < a->executors.n && !r->bad; i++) {
		a->executors.items[i].agency = (char *)get_str(r);
		a->executors.items[i].lead = get_bool(r);
		a->executors.items[i].by_agreement = get_bool(r);
	}
	a->deadline_text = get_str(r);
	get_deadline(r, &a->deadline);
	a->earlier = get_array(r, &a->nearlier, sizeof(*a->earlier), 4 * 7);
	for (size_t i = 0; i < a->nearlier && !r->bad; i++) {
		a->earlier[i].text = get_str(r);
		a->earlier[i].until = get_date(r);
		get_deadline(r, &a->earlier[i].deadline);
	}
	get_budget(r, &a->budget);
	a->source_lines[0] = get_int(r);
	a->source_lines[1] = get_int(r);
	get_ref(r, &a->added_by);
	get_ref(r, &a->removed_by);
	a->changed_by = get_array(r, &a->nchanged, sizeof(*a->changed_by), 16);
	for (size_t i = 0; i < a->nchanged && !r->bad; i++)
		get_ref(r, &a->changed_by[i]);
}

static void get_plan(struct reader *r, struct jp_plan *p)
{
	p->id = get_str(r);
	p->language = get_str(r);
	p->issuer = get_str(r);
	p->number = get_str(r);
	p->approved = get_date(r);
	p->title = get_str(r);
	p->period_from = get_int(r);
	p->period_to = get_int(r);
	p->unit = get_str(r);
	p->amendments = get_array(r, &p->namendments, sizeof(*p->amendments), 16);
	for (size_t i = 0; i < p->namendments && !r->bad; i++)
		get_ref(r, &p->amendments[i]);
	p->repealed = get_bool(r);
	get_ref(r, &p->repeal);
	p->goal = get_str(r);
	p->objectives = get_array(r, &p->nobjectives, sizeof(*p->objectives), 12);
	for (size_t i = 0; i < p->nobjectives && !r->bad; i++) {
		p->objectives[i].number = get_int(r);
		p->objectives[i].text = get_str(r);
		p->objectives[i].indicators = get_indicators(r, &p->objectives[i].nindicators);
	}
	p->directions = get_array(r, &p->ndirections, sizeof(*p->directions), 20);
	for (size_t i = 0; i < p->ndirections && !r->bad; i++) {
		struct jp_direction *d = &p->directions[i];

		d->code = get_str(r);
		d->objective = get_int(r);
		d->title = get_str(r);
		d->tasks = get_array(r, &d->ntasks, sizeof(*d->tasks), 4);
		for (size_t k = 0; k < d->ntasks && !r->bad; k++)
			d->tasks[k] = get_str(r);
		d->indicators = get_indicators(r, &d->nindicators);
	}
	get_budget(r, &p->grand_total);
	p->footnote = get_str(r);
	p->glossary = get_array(r, &p->nglossary, sizeof(*p->glossary), 8);
	for (size_t i = 0; i < p->nglossary && !r->bad; i++) {
		p->glossary[i].abbr = get_str(r);
		p->glossary[i].name = get_str(r);
	}
	p->window.first_year = get_int(r);
	p->window.last_year = get_int(r);
	p->window.from = get_date(r);
	p->window.to = get_date(r);
	p->reporting_window_days = get_int(r);
}

/* The head's header: JP_EINVALID unless this build wrote it. */
static int check_header(const void *image, size_t len, struct jp_error *err)
{
	struct header want, have;

	header_make(&want);
	if (len < sizeof(have))
		return jp_error_set(err, JP_EINVALID, "not a plan image: %zu bytes", len);
	memcpy(&have, image, sizeof(have));
	if (memcmp(have.magic, want.magic, sizeof(want.magic)))
		return jp_error_set(err, JP_EINVALID, "not a plan image");
	if (have.version != want.version || have.endian != want.endian ||
	    have.sizes != want.sizes || have.max_years != want.max_years)
		return jp_error_set(err, JP_EINVALID,
				    "a plan image of version %u from another kind of build",
				    have.version);
	return 0;
}

static int reader_fail(struct jp_plan_image_reader *ir, bool oom, struct jp_error *err)
{
	jp_plan_free(ir->plan);
	ir->plan = NULL;
	return oom ? jp_error_set(err, JP_ERROR, "out of memory")
		   : jp_error_set(err, JP_EINVALID, "the plan image is damaged");
}

/* Reads the head from r (after the header); sets up ir. */
static int begin(struct jp_plan_image_reader *ir, struct reader *r, const size_t *want,
		 size_t nwant, size_t max_rows, struct jp_error *err)
{
	struct jp_plan *p = ir->plan;
	size_t n;

	get_plan(r, p);
	ir->total = get_u32(r);
	ir->per_chunk = get_u32(r);
	if (r->bad || r->oom)
		return reader_fail(ir, r->oom, err);
	if (ir->per_chunk != JP_PLAN_IMAGE_CHUNK_ROWS || ir->total > UINT32_MAX - ir->per_chunk)
		return reader_fail(ir, false, err);
	ir->nchunks = (ir->total + ir->per_chunk - 1) / ir->per_chunk;
	ir->want = want;
	ir->nwant = nwant;
	ir->some = want != NULL;
	for (size_t i = 0; ir->some && i < nwant; i++)
		if (want[i] >= ir->total || (i && want[i] <= want[i - 1])) {
			jp_plan_image_abort(ir);
			return jp_error_set(err, JP_EINVALID, "rows asked of a plan image out of order");
		}
	n = ir->some ? nwant : ir->total;
	/* a damaged count cannot ask for more memory than rows could fill */
	if (ir->total > max_rows)
		return reader_fail(ir, false, err);
	if (n && !(p->activities = jp_arena_array(&p->arena, n + 1, sizeof(*p->activities))))
		return reader_fail(ir, true, err);
	p->partial = ir->some;
	p->nall = ir->total;
	return 0;
}

int jp_plan_image_begin(struct jp_plan_image_reader *ir, const void *head, size_t len,
			const size_t *want, size_t nwant, struct jp_error *err)
{
	struct reader r;
	int rc;

	memset(ir, 0, sizeof(*ir));
	if ((rc = check_header(head, len, err)) < 0)
		return rc;
	if (!(ir->plan = jp_plan_new()))
		return jp_error_set(err, JP_ERROR, "out of memory");
	ir->plan->parts_in_arena = true;
	r.p = (const unsigned char *)head + sizeof(struct header);
	r.end = (const unsigned char *)head + len;
	r.arena = &ir->plan->arena;
	r.bad = r.oom = false;
	if ((rc = begin(ir, &r, want, nwant, JP_PLAN_IMAGE_MAX_ROWS, err)) < 0)
		return rc;
	if (r.p != r.end)
		return reader_fail(ir, false, err);
	return 0;
}

/* Row k of a chunk into the next activity; false when damaged or out of memory. */
static bool chunk_row(struct jp_plan_image_reader *ir, const unsigned char *blob, size_t len,
		      size_t nrows, size_t k, size_t index, bool *oom)
{
	uint32_t off, next;
	struct reader r;
	struct jp_activity *a = &ir->plan->activities[ir->plan->nactivities];

	memcpy(&off, blob + 4 + 4 * k, sizeof(off));
	if (k + 1 < nrows)
		memcpy(&next, blob + 4 + 4 * (k + 1), sizeof(next));
	else
		next = (uint32_t)len;
	if (off < 4 + 4 * nrows || next < off || next > len)
		return false;
	r.p = blob + off;
	r.end = blob + next;
	r.arena = &ir->plan->arena;
	r.bad = r.oom = false;
	get_activity(&r, a);
	if (r.oom)
		*oom = true;
	if (r.bad || r.oom || r.p != r.end || a->index != index)
		return false;
	ir->plan->nactivities++;
	return true;
}

int jp_plan_image_chunk(struct jp_plan_image_reader *ir, size_t no, const void *blob,
			size_t len, struct jp_error *err)
{
	const unsigned char *b = blob;
	size_t first = no * ir->per_chunk, nrows;
	uint32_t n;
	bool oom = false;

	if (!ir->plan)
		return jp_error_set(err, JP_EINVALID, "the plan image is damaged");
	if (len < 4 || no >= ir->nchunks || (!ir->some && no != ir->next_chunk))
		return reader_fail(ir, false, err);
	memcpy(&n, b, sizeof(n));
	nrows = ir->total - first < ir->per_chunk ? ir->total - first : ir->per_chunk;
	if (n != nrows || (len - 4) / 4 < nrows)
		return reader_fail(ir, false, err);
	if (!ir->some) {
		for (size_t k = 0; k < nrows; k++)
			if (!chunk_row(ir, b, len, nrows, k, first + k, &oom))
				return reader_fail(ir, oom, err);
	} else {
		for (; ir->at < ir->nwant && ir->want[ir->at] < first; ir->at++)
			;
		for (; ir->at < ir->nwant && ir->want[ir->at] < first + nrows; ir->at++)
			if (!chunk_row(ir, b, len, nrows, ir->want[ir->at] - first,
				       ir->want[ir->at], &oom))
				return reader_fail(ir, oom, err);
	}
	ir->next_chunk = no + 1;
	return 0;
}

int jp_plan_image_end(struct jp_plan_image_reader *ir, struct jp_plan **out,
		      struct jp_error *err)
{
	struct jp_plan *p = ir->plan;

	if (!p)
		return jp_error_set(err, JP_EINVALID, "the plan image is damaged");
	if (p->nactivities != (ir->some ? ir->nwant : ir->total))
		return reader_fail(ir, false, err);
	if (jp_plan_index(p) < 0)
		return reader_fail(ir, true, err);
	*out = p;
	ir->plan = NULL;
	return 0;
}

void jp_plan_image_abort(struct jp_plan_image_reader *ir)
{
	jp_plan_free(ir->plan);
	ir->plan = NULL;
}

int jp_plan_from_image(struct jp_plan **out, const void *image, size_t len,
		       struct jp_error *err)
{
	struct jp_plan_image_reader ir;
	struct reader r;
	int rc;

	memset(&ir, 0, sizeof(ir));
	if ((rc = check_header(image, len, err)) < 0)
		return rc;
	if (!(ir.plan = jp_plan_new()))
		return jp_error_set(err, JP_ERROR, "out of memory");
	ir.plan->parts_in_arena = true;
	r.p = (const unsigned char *)image + sizeof(struct header);
	r.end = (const unsigned char *)image + len;
	r.arena = &ir.plan->arena;
	r.bad = r.oom = false;
	/* a row takes at least 100 bytes of the stream */
	if ((rc = begin(&ir, &r, NULL, 0, (size_t)(r.end - r.p) / 100, err)) < 0)
		return rc;
	for (size_t c = 0; c < ir.nchunks; c++) {
		uint32_t n = get_u32(&r);

		if (r.bad || (size_t)(r.end - r.p) < n)
			return reader_fail(&ir, false, err);
		if ((rc = jp_plan_image_chunk(&ir, c, r.p, n, err)) < 0)
			return rc;
		r.p += n;
	}
	if (r.p != r.end)
		return reader_fail(&ir, false, err);
	return jp_plan_image_end(&ir, out, err);
}
