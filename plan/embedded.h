/*
 * embedded.h - the plan compiled into the binary (data/plans/kz-2014-292.json).
 */
#ifndef JP_EMBEDDED_H
#define JP_EMBEDDED_H

#define JP_EMBEDDED_PLAN_ID "kz-2014-292"

/* The embedded document: NUL-terminated, `*len` bytes without the NUL. */
const char *jp_embedded_plan(size_t *len);

#endif
