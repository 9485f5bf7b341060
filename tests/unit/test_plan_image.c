/*
 * test_plan_image.c - the plan's binary image gives back, field by field,
 * the plan it was made from (the embedded plan, and the plan amended so
 * that rows carry earlier deadlines, additions, changes and removals); a
 * damaged image is refused without reading past its end; and the indexed
 * activity look-up answers as the scan does.
 */
#include "test.h"
#include "alloc.h"
#include "amend.h"
#include "buf.h"
#include "embedded.h"
#include "plan_image.h"
#include "plan_json.h"
#include "text.h"
#include "fixture.h"

/* what the comparison met, so a test can show it covered each kind */
static struct {
	size_t labels, earlier, outside, changed, added, removed, years, tokens;
} seen;

static void same_str(const char *a, const char *b, const char *what)
{
	if (!a != !b || (a && strcmp(a, b)))
		fail_msg("%s: '%s' and '%s'", what, a ? a : "(null)", b ? b : "(null)");
}

static void same_date(struct jp_date a, struct jp_date b, const char *what)
{
	if (jp_date_cmp(a, b) || a.y != b.y)
		fail_msg("%s: dates differ", what);
}

static void same_ref(const struct jp_act_ref *a, const struct jp_act_ref *b)
{
	same_str(a->number, b->number, "act number");
	same_date(a->date, b->date, "act date");
}

static void same_indicators(const struct jp_indicator *a, const struct jp_indicator *b,
			    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a[i].number, b[i].number);
		same_str(a[i].text, b[i].text, "indicator");
		assert_int_equal(a[i].ntargets, b[i].ntargets);
		for (size_t k = 0; k < a[i].ntargets; k++) {
			assert_int_equal(a[i].targets[k].year, b[i].targets[k].year);
			same_str(a[i].targets[k].value, b[i].targets[k].value, "target value");
			same_str(a[i].targets[k].unit, b[i].targets[k].unit, "target unit");
			same_str(a[i].targets[k].direction, b[i].targets[k].direction, "direction");
		}
	}
}

static void same_budget(const struct jp_budget *a, const struct jp_budget *b)
{
	assert_int_equal(a->present, b->present);
	assert_int_equal(a->has_total, b->has_total);
	assert_int_equal(a->total, b->total);
	assert_int_equal(a->year_mask, b->year_mask);
	for (int y = 0; y < JP_MAX_YEARS; y++) {
		assert_int_equal(a->year[y], b->year[y]);
		seen.years += (a->year_mask >> y) & 1;
	}
	same_str(a->source, b->source, "source");
	same_str(a->program, b->program, "program");
}

static void same_dues(const struct jp_due *a, const struct jp_due *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		same_date(a[i].date, b[i].date, "due");
		assert_int_equal(a[i].term, b[i].term);
		same_str(a[i].label, b[i].label, "due label");
		seen.labels += a[i].label != NULL;
	}
}

static void same_deadline(const struct jp_deadline *a, const struct jp_deadline *b)
{
	assert_int_equal(a->nterms, b->nterms);
	for (size_t i = 0; i < a->nterms; i++) {
		const struct jp_deadline_term *x = &a->terms[i], *y = &b->terms[i];

		assert_int_equal(x->annual, y->annual);
		assert_int_equal(x->y0, y->y0);
		assert_int_equal(x->y1, y->y1);
		assert_int_equal(x->q0, y->q0);
		assert_int_equal(x->q1, y->q1);
		assert_int_equal(x->nday, y->nday);
		assert_memory_equal(x->day, y->day, sizeof(x->day));
		assert_int_equal(x->from_y, y->from_y);
		assert_int_equal(x->from_q, y->from_q);
		same_str(x->label, y->label, "term label");
		assert_int_equal(x->pos, y->pos);
	}
	assert_int_equal(a->ndue, b->ndue);
	same_dues(a->due, b->due, a->ndue);
	assert_int_equal(a->noutside, b->noutside);
	same_dues(a->outside, b->outside, a->noutside);
	seen.outside += a->noutside;
}

static void same_activity(const struct jp_activity *a, const struct jp_activity *b)
{
	assert_int_equal(a->index, b->index);
	same_str(a->number, b->number, "number");
	same_str(a->direction, b->direction, "direction");
	same_str(a->title, b->title, "title");
	same_str(a->completion_form, b->completion_form, "completion form");
	same_str(a->executors_text, b->executors_text, "executors");
	assert_int_equal(a->executors.n, b->executors.n);
	for (size_t i = 0; i < a->executors.n; i++) {
		same_str(a->executors.items[i].agency, b->executors.items[i].agency, "agency");
		assert_int_equal(a->executors.items[i].lead, b->executors.items[i].lead);
		assert_int_equal(a->executors.items[i].by_agreement,
				 b->executors.items[i].by_agreement);
	}
	same_str(a->deadline_text, b->deadline_text, "deadline");
	same_deadline(&a->deadline, &b->deadline);
	assert_int_equal(a->nearlier, b->nearlier);
	for (size_t i = 0; i < a->nearlier; i++) {
		same_str(a->earlier[i].text, b->earlier[i].text, "earlier deadline");
		same_date(a->earlier[i].until, b->earlier[i].until, "until");
		same_deadline(&a->earlier[i].deadline, &b->earlier[i].deadline);
	}
	seen.earlier += a->nearlier;
	same_budget(&a->budget, &b->budget);
	assert_int_equal(a->source_lines[0], b->source_lines[0]);
	assert_int_equal(a->source_lines[1], b->source_lines[1]);
	same_ref(&a->added_by, &b->added_by);
	same_ref(&a->removed_by, &b->removed_by);
	seen.added += a->added_by.number != NULL;
	seen.removed += a->removed_by.number != NULL;
	assert_int_equal(a->nchanged, b->nchanged);
	for (size_t i = 0; i < a->nchanged; i++)
		same_ref(&a->changed_by[i], &b->changed_by[i]);
	seen.changed += a->nchanged;
}

/* Every plan-level field. */
static void same_head(const struct jp_plan *a, const struct jp_plan *b)
{
	same_str(a->id, b->id, "id");
	same_str(a->language, b->language, "language");
	same_str(a->issuer, b->issuer, "issuer");
	same_str(a->number, b->number, "number");
	same_date(a->approved, b->approved, "approved");
	same_str(a->title, b->title, "title");
	assert_int_equal(a->period_from, b->period_from);
	assert_int_equal(a->period_to, b->period_to);
	same_str(a->unit, b->unit, "unit");
	assert_int_equal(a->namendments, b->namendments);
	for (size_t i = 0; i < a->namendments; i++)
		same_ref(&a->amendments[i], &b->amendments[i]);
	assert_int_equal(a->repealed, b->repealed);
	same_ref(&a->repeal, &b->repeal);
	same_str(a->goal, b->goal, "goal");
	assert_int_equal(a->nobjectives, b->nobjectives);
	for (size_t i = 0; i < a->nobjectives; i++) {
		assert_int_equal(a->objectives[i].number, b->objectives[i].number);
		same_str(a->objectives[i].text, b->objectives[i].text, "objective");
		assert_int_equal(a->objectives[i].nindicators, b->objectives[i].nindicators);
		same_indicators(a->objectives[i].indicators, b->objectives[i].indicators,
				a->objectives[i].nindicators);
	}
	assert_int_equal(a->ndirections, b->ndirections);
	for (size_t i = 0; i < a->ndirections; i++) {
		const struct jp_direction *x = &a->directions[i], *y = &b->directions[i];

		same_str(x->code, y->code, "direction code");
		assert_int_equal(x->objective, y->objective);
		same_str(x->title, y->title, "direction title");
		assert_int_equal(x->ntasks, y->ntasks);
		for (size_t k = 0; k < x->ntasks; k++)
			same_str(x->tasks[k], y->tasks[k], "task");
		assert_null(y->tasks ? y->tasks[y->ntasks] : NULL);
		assert_int_equal(x->nindicators, y->nindicators);
		same_indicators(x->indicators, y->indicators, x->nindicators);
	}
	same_budget(&a->grand_total, &b->grand_total);
	same_str(a->footnote, b->footnote, "footnote");
	assert_int_equal(a->nglossary, b->nglossary);
	for (size_t i = 0; i < a->nglossary; i++) {
		same_str(a->glossary[i].abbr, b->glossary[i].abbr, "abbr");
		same_str(a->glossary[i].name, b->glossary[i].name, "agency name");
	}
	assert_int_equal(a->window.first_year, b->window.first_year);
	assert_int_equal(a->window.last_year, b->window.last_year);
	same_date(a->window.from, b->window.from, "window from");
	same_date(a->window.to, b->window.to, "window to");
	assert_int_equal(a->reporting_window_days, b->reporting_window_days);
}

static void same_plan(const struct jp_plan *a, const struct jp_plan *b)
{
	struct jp_buf ja = JP_BUF_INIT, jb = JP_BUF_INIT;

	same_head(a, b);
	assert_false(b->partial);
	assert_int_equal(a->nactivities, b->nactivities);
	for (size_t i = 0; i < a->nactivities; i++)
		same_activity(&a->activities[i], &b->activities[i]);
	/* and what the documents say, written back with the parsed forms */
	assert_int_equal(jp_plan_to_json(a, &ja, JP_JSON_PARSED), 0);
	assert_int_equal(jp_plan_to_json(b, &jb, JP_JSON_PARSED), 0);
	assert_int_equal(ja.len, jb.len);
	assert_memory_equal(ja.ptr, jb.ptr, ja.len);
	jp_buf_release(&ja);
	jp_buf_release(&jb);
}

static struct jp_plan *through_image(const struct jp_plan *p, struct jp_buf *img)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *back = NULL;

	jp_buf_reset(img);
	assert_int_equal(jp_plan_to_image(p, img), 0);
	jp_assert_ok(jp_plan_from_image(&back, img->ptr, img->len, &err), &err);
	assert_true(back->parts_in_arena);
	return back;
}

static void test_plan_image__embedded_round_trip(void **state)
{
	struct jp_plan *p = fixture_embedded(), *back;
	struct jp_buf img = JP_BUF_INIT;
	(void)state;
	memset(&seen, 0, sizeof(seen));
	back = through_image(p, &img);
	same_plan(p, back);
	/* the plan's labels, money by year and dates outside the period */
	assert_true(seen.labels > 0);
	assert_true(seen.years > 0);
	assert_true(seen.outside > 0);
	jp_plan_free(back);
	jp_plan_free(p);
	jp_buf_release(&img);
}

/* the embedded plan amended: earlier deadlines, added, changed, removed rows */
static struct jp_plan *amended_plan(void)
{
	static const char amend[] =
		"{\"format\": \"jospar-amendment\", \"format_version\": 1,"
		" \"plan\": \"kz-2014-292\", \"number\": \"777\", \"date\": \"2015-06-01\","
		" \"add\": [{\"number\": \"132-1\", \"after\": \"132\", \"direction\": \"2.4\","
		"  \"title\": \"Жаңа іс-шара\", \"completion_form\": \"Үкіметке ақпарат\","
		"  \"executors\": \"Әділетмині\", \"deadline\": \"2015 жылғы 4-тоқсан\"}],"
		" \"change\": [{\"number\": \"6\", \"deadline\": \"2016 жылғы 3-тоқсан\"},"
		"  {\"number\": \"12\", \"title\": \"Жаңа атауы\"}],"
		" \"remove\": [\"10\"]}";
	size_t len;
	const char *doc = jp_embedded_plan(&len);
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf out = JP_BUF_INIT;
	struct jp_plan *p = NULL;

	jp_assert_ok(jp_amendment_apply(doc, len, amend, strlen(amend), &out, &err), &err);
	jp_assert_ok(jp_plan_from_json(&p, out.ptr, out.len, &err), &err);
	jp_buf_release(&out);
	return p;
}

static void test_plan_image__amended_round_trip(void **state)
{
	struct jp_plan *p = amended_plan(), *back;
	struct jp_buf img = JP_BUF_INIT;
	(void)state;
	memset(&seen, 0, sizeof(seen));
	back = through_image(p, &img);
	same_plan(p, back);
	assert_true(seen.earlier > 0);
	assert_true(seen.added > 0);
	assert_true(seen.changed > 0);
	assert_true(seen.removed > 0);
	/* an image of the image is the same bytes */
	{
		struct jp_buf again = JP_BUF_INIT;

		assert_int_equal(jp_plan_to_image(back, &again), 0);
		assert_int_equal(again.len, img.len);
		assert_memory_equal(again.ptr, img.ptr, img.len);
		jp_buf_release(&again);
	}
	jp_plan_free(back);
	jp_plan_free(p);
	jp_buf_release(&img);
}

/* Truncated, lengthened, of another version, or with bytes changed. */
static void test_plan_image__damaged_is_refused(void **state)
{
	struct jp_plan *p = fixture_embedded(), *back = NULL;
	struct jp_buf img = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	unsigned char *copy;
	uint32_t seed = 1;
	(void)state;
	assert_int_equal(jp_plan_to_image(p, &img), 0);
	copy = jp_malloc(img.len + 1);
	assert_non_null(copy);
	/* every cut in the header, then about 400 across the body */
	for (size_t n = 0; n < img.len; n += n < 64 ? 1 : img.len / 400 + 1) {
		memcpy(copy, img.ptr, n);
		if (jp_plan_from_image(&back, copy, n, &err) != JP_EINVALID)
			fail_msg("an image cut at %zu of %zu bytes was read", n, img.len);
	}
	memcpy(copy, img.ptr, img.len);
	copy[img.len] = 0;
	jp_assert_fails(jp_plan_from_image(&back, copy, img.len + 1, &err), JP_EINVALID,
			&err, "damaged");
	copy[8]++;   /* the format version */
	jp_assert_fails(jp_plan_from_image(&back, copy, img.len, &err), JP_EINVALID,
			&err, "version");
	copy[0] = 'X';
	jp_assert_fails(jp_plan_from_image(&back, copy, img.len, &err), JP_EINVALID,
			&err, "not a plan image");
	/* bytes changed at random: refused or read, never beyond the end */
	for (int round = 0; round < 300; round++) {
		memcpy(copy, img.ptr, img.len);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[32 + (seed >> 8) % (img.len - 32)] ^= (unsigned char)(seed >> 3) | 1;
		}
		if (jp_plan_from_image(&back, copy, img.len, &err) == 0) {
			jp_plan_free(back);
			back = NULL;
		}
	}
	jp_free(copy);
	jp_plan_free(p);
	jp_buf_release(&img);
}

/* The scan's answer: the plan without its index. */
static const struct jp_activity *scan(struct jp_plan *p, const char *number)
{
	struct jp_number_key *saved = p->by_number;
	const struct jp_activity *a;

	p->by_number = NULL;
	a = jp_plan_find_activity(p, number);
	p->by_number = saved;
	return a;
}

static void check_lookup(struct jp_plan *p, const char *number)
{
	const struct jp_activity *want = scan(p, number), *got = jp_plan_find_activity(p, number);

	if (want != got)
		fail_msg("'%s': the index finds %s, the scan %s", number,
			 got ? got->number : "nothing", want ? want->number : "nothing");
}

static void test_plan_image__index_answers_as_the_scan(void **state)
{
	struct jp_plan *p = amended_plan();
	static const char *const odd[] = {
		"45", "46", "45. 46", "45.", "5", "4", "6", " 46", "45. 4", "89", "89-1",
		"132-1", "0", "133", "x", "1.1", NULL
	};
	(void)state;
	assert_non_null(p->by_number);
	assert_int_equal(p->nby_number, p->nactivities);
	assert_true(p->nby_token > 0);
	for (size_t i = 0; i < p->nactivities; i++) {
		const char *num = p->activities[i].number;
		char part[64];

		check_lookup(p, num);
		/* every prefix and suffix of a number */
		for (size_t n = 1; n < strlen(num) && n < sizeof(part); n++) {
			snprintf(part, sizeof(part), "%.*s", (int)n, num);
			check_lookup(p, part);
			check_lookup(p, num + n);
		}
	}
	for (size_t i = 0; odd[i]; i++)
		check_lookup(p, odd[i]);
	assert_string_equal(jp_plan_find_activity(p, "46")->number, "45. 46");
	assert_string_equal(jp_plan_find_activity(p, "132-1")->number, "132-1");
	assert_null(jp_plan_find_activity(p, ""));
	jp_plan_free(p);
}

/* Rows that share a number: the first in the plan wins, as in the scan. */
static void test_plan_image__index_first_of_equals(void **state)
{
	struct jp_plan *p = fixture_embedded();
	const char *saved = p->activities[20].number;
	(void)state;
	/* two rows numbered "7" and a joint row "7. 8" made by hand */
	p->activities[20].number = "7";
	p->activities[30].number = "7. 8";
	assert_int_equal(jp_plan_index(p), 0);
	assert_ptr_equal(jp_plan_find_activity(p, "7"), &p->activities[6]);
	check_lookup(p, "7");
	check_lookup(p, "8");
	assert_ptr_equal(jp_plan_find_activity(p, "8"), &p->activities[7]);
	p->activities[20].number = saved;
	jp_plan_free(p);
}

/* The plan read from the parts `im` with only rows want[0..n). */
static struct jp_plan *read_some(const struct jp_plan_image *im, const size_t *want, size_t n)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan_image_reader r;
	struct jp_plan *out = NULL;

	jp_assert_ok(jp_plan_image_begin(&r, im->head.ptr, im->head.len, want, n, &err), &err);
	for (size_t c = 0; c < im->nchunks; c++)
		jp_assert_ok(jp_plan_image_chunk(&r, c, im->chunk[c].ptr, im->chunk[c].len, &err),
			     &err);
	jp_assert_ok(jp_plan_image_end(&r, &out, &err), &err);
	return out;
}

/* A partial plan: the head whole, the rows asked for equal the whole plan's. */
static void check_some(const struct jp_plan *p, const struct jp_plan_image *im,
		       const size_t *want, size_t n)
{
	struct jp_plan *q = read_some(im, want, n);

	same_head(p, q);
	assert_true(q->partial);
	assert_int_equal(q->nall, p->nactivities);
	assert_int_equal(jp_plan_rows(q), p->nactivities);
	assert_int_equal(q->nactivities, n);
	for (size_t i = 0; i < n; i++) {
		same_activity(&p->activities[want[i]], &q->activities[i]);
		/* and the partial plan finds each by its number */
		assert_ptr_equal(jp_plan_find_activity(q, q->activities[i].number), &q->activities[i]);
	}
	jp_plan_free(q);
}

static void check_partial(struct jp_plan *p)
{
	struct jp_plan_image im;
	size_t want[200], n = 0;
	struct jp_buf img = JP_BUF_INIT;
	struct jp_plan *whole;

	assert_int_equal(jp_plan_image_make(p, &im), 0);
	assert_true(im.nchunks > 2);
	/* one row: the first, 66, the last of a chunk, the first of the next, the last */
	{
		const size_t one[] = { 0, 65, JP_PLAN_IMAGE_CHUNK_ROWS - 1, JP_PLAN_IMAGE_CHUNK_ROWS,
				       p->nactivities - 1 };

		for (size_t i = 0; i < JP_ARRAY_LEN(one); i++)
			check_some(p, &im, &one[i], 1);
	}
	check_some(p, &im, want, 0);
	for (size_t i = 0; i < p->nactivities; i += 3)
		want[n++] = i;
	check_some(p, &im, want, n);
	/* the parts read whole are the plan, as the one stream is */
	whole = read_some(&im, NULL, 0);
	assert_false(whole->partial);
	same_plan(p, whole);
	jp_plan_free(whole);
	assert_int_equal(jp_plan_to_image(p, &img), 0);
	whole = NULL;
	{
		struct jp_error err = JP_ERROR_INIT;

		jp_assert_ok(jp_plan_from_image(&whole, img.ptr, img.len, &err), &err);
	}
	same_plan(p, whole);
	jp_plan_free(whole);
	jp_buf_release(&img);
	/* rows out of order, or beyond the plan, are refused */
	{
		struct jp_error err = JP_ERROR_INIT;
		struct jp_plan_image_reader r;
		const size_t bad[2] = { 5, 3 }, beyond[1] = { p->nactivities };

		jp_assert_fails(jp_plan_image_begin(&r, im.head.ptr, im.head.len, bad, 2, &err),
				JP_EINVALID, &err, "order");
		jp_plan_image_abort(&r);
		jp_assert_fails(jp_plan_image_begin(&r, im.head.ptr, im.head.len, beyond, 1, &err),
				JP_EINVALID, &err, "order");
		jp_plan_image_abort(&r);
		/* a wanted row whose chunk is not given: refused at the end */
		want[0] = 70;
		jp_assert_ok(jp_plan_image_begin(&r, im.head.ptr, im.head.len, want, 1, &err), &err);
		jp_assert_ok(jp_plan_image_chunk(&r, 0, im.chunk[0].ptr, im.chunk[0].len, &err), &err);
		jp_assert_fails(jp_plan_image_end(&r, &whole, &err), JP_EINVALID, &err, "damaged");
		/* a chunk given in place of another */
		jp_assert_ok(jp_plan_image_begin(&r, im.head.ptr, im.head.len, want, 1, &err), &err);
		jp_assert_fails(jp_plan_image_chunk(&r, 70 / JP_PLAN_IMAGE_CHUNK_ROWS,
						    im.chunk[0].ptr, im.chunk[0].len, &err),
				JP_EINVALID, &err, "damaged");
		jp_plan_image_abort(&r);
	}
	jp_plan_image_release(&im);
}

static void test_plan_image__partial_rows_are_the_whole_plans(void **state)
{
	struct jp_plan *p = fixture_embedded(), *q = amended_plan();
	(void)state;
	check_partial(p);
	check_partial(q);
	jp_plan_free(p);
	jp_plan_free(q);
}

/* The number look-up a name has in the parts: its row, or SIZE_MAX. */
static size_t find_number(const struct jp_plan_image *im, const char *name)
{
	size_t hit = SIZE_MAX;

	for (size_t i = 0; i < im->nfind; i++)
		if (im->find[i].kind == JP_PLAN_IMAGE_FIND_NUMBER && !strcmp(im->find[i].name, name)) {
			assert_int_equal(hit, SIZE_MAX);   /* one entry a name */
			hit = im->find[i].idx;
		}
	return hit;
}

static void check_number(const struct jp_plan *p, const struct jp_plan_image *im,
			 const char *name)
{
	const struct jp_activity *a = jp_plan_find_activity(p, name);
	size_t got = find_number(im, name);

	if ((a ? a->index : SIZE_MAX) != got)
		fail_msg("'%s': the look-up gives row %zu, the plan finds %s", name, got,
			 a ? a->number : "nothing");
}

/* The look-ups answer as jp_plan_find_activity and jp_activity_has_agency. */
static void check_finds(struct jp_plan *p)
{
	static const char *const odd[] = {
		"45", "46", "45. 46", "45.", " 46", "89-1", "132-1", "0", "x", "", "7", "8", NULL
	};
	static const char *const agencies[] = { "ІІМ", "іім", "Іім", "ҰҚК", "Әділетмині",
						"ӘДІЛЕТМИНІ", "ЖАО", "нет", NULL };
	struct jp_plan_image im;

	assert_int_equal(jp_plan_image_make(p, &im), 0);
	for (size_t i = 0; i < p->nactivities; i++) {
		const char *num = p->activities[i].number;
		char part[64];

		check_number(p, &im, num);
		for (size_t n = 1; n < strlen(num) && n < sizeof(part); n++) {
			snprintf(part, sizeof(part), "%.*s", (int)n, num);
			check_number(p, &im, part);
			check_number(p, &im, num + n);
		}
	}
	for (size_t i = 0; odd[i]; i++)
		check_number(p, &im, odd[i]);
	for (size_t g = 0; agencies[g]; g++) {
		char *key = jp_text_fold_key(agencies[g]);
		size_t at = 0, hits = 0;

		assert_non_null(key);
		for (size_t i = 0; i < im.nfind; i++) {
			if (im.find[i].kind != JP_PLAN_IMAGE_FIND_AGENCY || strcmp(im.find[i].name, key))
				continue;
			/* ascending, once a row, and only rows that name the agency */
			assert_true(im.find[i].idx >= at);
			assert_true(jp_activity_has_agency(&p->activities[im.find[i].idx],
							   agencies[g], false));
			at = im.find[i].idx + 1;
			hits++;
		}
		for (size_t i = 0; i < p->nactivities; i++)
			hits -= jp_activity_has_agency(&p->activities[i], agencies[g], false);
		assert_int_equal(hits, 0);
		jp_free(key);
	}
	jp_plan_image_release(&im);
}

static void test_plan_image__look_ups(void **state)
{
	struct jp_plan *p = fixture_embedded(), *q = amended_plan();
	const char *saved = p->activities[20].number;
	(void)state;
	assert_string_equal(jp_plan_find_activity(p, "46")->number, "45. 46");
	check_finds(p);
	check_finds(q);
	/* two rows numbered "7" and a joint row "7. 8": the first wins */
	p->activities[20].number = "7";
	p->activities[30].number = "7. 8";
	assert_int_equal(jp_plan_index(p), 0);
	check_finds(p);
	p->activities[20].number = saved;
	jp_plan_free(p);
	jp_plan_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_image__embedded_round_trip),
		cmocka_unit_test(test_plan_image__amended_round_trip),
		cmocka_unit_test(test_plan_image__damaged_is_refused),
		cmocka_unit_test(test_plan_image__index_answers_as_the_scan),
		cmocka_unit_test(test_plan_image__index_first_of_equals),
		cmocka_unit_test(test_plan_image__partial_rows_are_the_whole_plans),
		cmocka_unit_test(test_plan_image__look_ups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
