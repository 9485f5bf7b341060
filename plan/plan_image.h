/*
 * plan_image.h - a plan in a compact binary form the engine reads without
 * parsing JSON.
 *
 * The JSON document stays the source of truth; an image is a cache made
 * from a plan that jp_plan_from_json() built, kept in the database beside
 * the document (monitor/load.c) and read back in one pass: strings and
 * arrays are copied into the new plan's arena, nothing is parsed (no
 * deadline text, no executor text, no UTF-8 check beyond the header).
 *
 * An image holds every field of struct jp_plan, in two kinds of parts: the
 * head (every plan-level field: directions, objectives, glossary,
 * amendments, totals, window; and how many rows there are) and the rows,
 * JP_PLAN_IMAGE_CHUNK_ROWS activities to a chunk, each chunk starting with
 * the offset of each of its rows.  The store keeps the head and each chunk
 * apart, with look-ups from an activity number or an executor agency to the
 * rows (struct jp_plan_image_find), so a reader may take the head and only
 * the rows it needs (jp_plan_image_begin .. _end): a partial plan.
 * jp_plan_to_image / jp_plan_from_image write and read the same parts as
 * one stream (the head, then each chunk after its length).
 *
 * A head starts with a magic,
 * a format version and the sizes of the host's types: an image made by
 * another version or another kind of machine is refused (JP_EINVALID), and
 * the caller rebuilds it from the document.  A truncated or damaged image
 * is refused too, never read past its end.
 *
 * When a field is added to the plan model, it is added here and
 * JP_PLAN_IMAGE_VERSION goes up; tests/unit/test_plan_image.c checks that
 * an image gives back the plan it was made from, field by field.
 */
#ifndef JP_PLAN_IMAGE_H
#define JP_PLAN_IMAGE_H

struct jp_plan;
struct jp_error;

#include "buf.h"

#define JP_PLAN_IMAGE_VERSION 2
/* activities to a chunk: a row read alone costs reading its chunk */
#define JP_PLAN_IMAGE_CHUNK_ROWS 32
/* the most rows a head may announce (a damaged count asks for no more) */
#define JP_PLAN_IMAGE_MAX_ROWS ((size_t)1 << 22)

/* Appends the image of `plan` to `out` as one stream; 0, or JP_ERROR. */
int jp_plan_to_image(const struct jp_plan *plan, struct jp_buf *out);

/*
 * A look-up of the image.  NUMBER: `name` is a number jp_plan_find_activity
 * answers to (a row's own, or one a joint row answers to), `idx` the row it
 * finds; one entry a name.  AGENCY: `name` is an executor's agency
 * case-folded (jp_text_fold_key), `idx` a row naming it in any role; one
 * entry a row.  Sorted by kind, name, idx.
 */
enum { JP_PLAN_IMAGE_FIND_NUMBER = 0, JP_PLAN_IMAGE_FIND_AGENCY = 1 };
struct jp_plan_image_find {
	int kind;
	char *name;
	size_t idx;
};

/* An image in its parts. */
struct jp_plan_image {
	struct jp_buf head;
	struct jp_buf *chunk;          /* chunk c holds rows c * CHUNK_ROWS .. */
	size_t nchunks;
	struct jp_plan_image_find *find;
	size_t nfind;
};

/*
 * Makes the parts of the image of `plan` (indexed: jp_plan_index); 0 or
 * JP_ERROR.  Release with jp_plan_image_release.
 */
int jp_plan_image_make(const struct jp_plan *plan, struct jp_plan_image *out);
void jp_plan_image_release(struct jp_plan_image *im);

/*
 * Reading from the parts: _begin with the head and the rows wanted (their
 * indexes in the plan, ascending; want NULL: every row), then _chunk for
 * the chunks that hold them in ascending order (every chunk in order when
 * all rows are wanted; others are skipped), then _end, which gives the
 * plan: with every plan-level field and only the wanted activities, in
 * plan order, each with its index in the whole plan; plan->partial tells
 * it was asked for some, plan->nall counts the whole plan's rows.  Each
 * returns 0 or JP_EINVALID (not an image of this version, damaged, or not
 * every wanted row given) or JP_ERROR; after a failure the reader holds
 * nothing.  _abort drops a reader before its end.
 */
struct jp_plan_image_reader {
	struct jp_plan *plan;
	size_t total, per_chunk, nchunks, next_chunk;
	const size_t *want;            /* the caller's, until _end */
	size_t nwant, at;
	bool some;
};
int jp_plan_image_begin(struct jp_plan_image_reader *r, const void *head, size_t len,
			const size_t *want, size_t nwant, struct jp_error *err);
int jp_plan_image_chunk(struct jp_plan_image_reader *r, size_t no, const void *chunk,
			size_t len, struct jp_error *err);
int jp_plan_image_end(struct jp_plan_image_reader *r, struct jp_plan **out,
		      struct jp_error *err);
void jp_plan_image_abort(struct jp_plan_image_reader *r);

/*
 * Builds a plan from an image: 0 with *out owning it (jp_plan_free), or
 * JP_EINVALID (not an image of this version, or damaged) or JP_ERROR.
 */
int jp_plan_from_image(struct jp_plan **out, const void *image, size_t len,
		       struct jp_error *err);

#endif
