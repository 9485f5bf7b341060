/*
 * decree.h - rebuilding a plan document from a decree's published text.
 *
 * Government action plans are published as PDFs; their text, extracted,
 * comes out with the table's columns one after another, letter-spaced
 * words ("Б а ғ д а р л а м а"), rows broken across pages and money cells
 * printed away from their row.  jp_decree_import() reads such text (the
 * Kazakh layout of docs/import-decree.md) and recovers the plan: metadata,
 * goal, objectives and target indicators, directions with their tasks and
 * result indicators, every activity row with all its fields, the grand
 * total, the footnote and the glossary.
 *
 * Nothing is guessed silently.  Every field the importer is not sure of
 * carries a flag: a JSON pointer into the plan document ("/activities/64/
 * budget"), a confidence, the lines of the text it came from and why.
 * The plan document is meant to be reviewed before `jospar load`; a
 * field flagged "low" may well be wrong or missing.
 *
 * Ownership: a struct jp_decree and everything in it (the plan included)
 * is the caller's, freed at once with jp_decree_free().  Readers treat it
 * as read-only.
 */
#ifndef JP_DECREE_H
#define JP_DECREE_H

#include "arena.h"

struct jp_plan;
struct jp_error;
struct jp_buf;

/* Largest text accepted, in bytes. */
#define JP_DECREE_MAX_BYTES (8u * 1024 * 1024)

enum jp_decree_confidence {
	JP_DECREE_MEDIUM = 1,   /* probably right; a reviewer should look */
	JP_DECREE_LOW = 2       /* guessed, or not found at all */
};

/* One field the importer is unsure of. */
struct jp_decree_flag {
	const char *pointer;    /* "/activities/64/budget" */
	enum jp_decree_confidence confidence;
	int lines[2];           /* first and last line of the source; 0: none */
	const char *why;        /* one line, lower-case */
};

/* What was recovered, for a summary. */
struct jp_decree_counts {
	size_t lines;           /* lines of text read */
	size_t activities;
	size_t budgets;         /* activities with money */
	size_t objectives, target_indicators;
	size_t directions, tasks, result_indicators;
	size_t targets;         /* yearly values of all indicators */
	size_t glossary;
	size_t flags_low, flags_medium;
};

struct jp_decree {
	struct jp_plan *plan;   /* the recovered plan, complete enough to write */
	struct jp_decree_flag *flags;
	size_t nflags;
	struct jp_decree_counts counts;
	/* parts of the document the text did not give ("the goal", ...) */
	const char **missing;
	size_t nmissing;
	struct jp_arena arena;  /* private: holds flags and missing */
};

struct jp_decree_opts {
	const char *id;         /* plan id; NULL: "kz-<year>-<number>" */
};

#define JP_DECREE_OPTS_INIT { NULL }

/*
 * Reads `len` bytes of decree text (UTF-8).  On success *out owns a new
 * result (free with jp_decree_free) and 0 is returned.  JP_EINVALID when
 * the text is not UTF-8, too large, or holds no activity table at all
 * (the message says which); JP_ERROR when out of memory.  opts may be NULL.
 */
int jp_decree_import(struct jp_decree **out, const char *text, size_t len,
		     const struct jp_decree_opts *opts, struct jp_error *err);

/* Appends the plan document (docs/plan-format.md) to `out`; 0 or JP_ERROR. */
int jp_decree_plan_json(const struct jp_decree *d, struct jp_buf *out);

/*
 * Appends the review document to `out`: a JSON object whose keys are JSON
 * pointers into the plan document and whose values are
 * {"confidence": "low"|"medium", "lines": [a, b], "why": "..."}.
 * Returns 0 or JP_ERROR.
 */
int jp_decree_review_json(const struct jp_decree *d, struct jp_buf *out);

/* Frees the result and everything in it.  NULL is a no-op. */
void jp_decree_free(struct jp_decree *d);

#endif
