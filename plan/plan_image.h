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
 * An image holds every field of struct jp_plan.  It starts with a magic,
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
struct jp_buf;

#define JP_PLAN_IMAGE_VERSION 1

/* Appends the image of `plan` to `out`; 0, or JP_ERROR when out of memory. */
int jp_plan_to_image(const struct jp_plan *plan, struct jp_buf *out);

/*
 * Builds a plan from an image: 0 with *out owning it (jp_plan_free), or
 * JP_EINVALID (not an image of this version, or damaged) or JP_ERROR.
 */
int jp_plan_from_image(struct jp_plan **out, const void *image, size_t len,
		       struct jp_error *err);

#endif
