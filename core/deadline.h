/*
 * deadline.h - deadline expressions -> due dates.
 *
 * A plan states each activity's deadline in words: "2014 жылғы 2-тоқсан",
 * "Жыл сайын, 1 ақпаннан кешіктірмей", "2014 жылы - жобаны әзірлеу;
 * 2015-2020 жылдар - жүйені енгізу".  jp_deadline_parse() reads such text in
 * Kazakh, Russian or English (docs/deadlines.md has the grammar and every
 * reading) into terms, and resolves the terms into due dates inside the
 * plan's window.  Text it cannot read is an error naming the text and the
 * character position; nothing is guessed.
 */
#ifndef JP_DEADLINE_H
#define JP_DEADLINE_H

#include "date.h"

struct jp_error;

/* The years and dates a plan's deadlines may fall in. */
struct jp_window {
	int first_year, last_year;   /* "Жыл сайын" = every year in this range */
	struct jp_date from;         /* no due date before this (approval) */
	struct jp_date to;           /* ... or after this (end of the period) */
};

/* One term of a deadline: a milestone or a series of them. */
struct jp_deadline_term {
	bool annual;          /* "жыл сайын" / "ежегодно" / "annually" */
	int y0, y1;           /* years (0: none); y1 == y0 for one year */
	int q0, q1;           /* quarters (0: none); q1 == q0 for one quarter */
	int nday;             /* "no later than" days within the year */
	struct { int m, d; } day[4];
	int from_y, from_q;   /* "(... бастап)": the series starts here */
	char *label;          /* phase name ("жобаны әзірлеу"), or NULL */
	size_t pos;           /* character where the term starts, 1-based */
};

/* A due date, with the term it came from. */
struct jp_due {
	struct jp_date date;
	int term;             /* index into jp_deadline.terms */
	const char *label;    /* borrowed from the term, may be NULL */
};

struct jp_deadline {
	struct jp_deadline_term *terms;
	size_t nterms;
	struct jp_due *due;           /* sorted, no duplicate dates */
	size_t ndue;
	struct jp_due *outside;       /* dates the text gives outside the window */
	size_t noutside;
};

#define JP_DEADLINE_INIT { NULL, 0, NULL, 0, NULL, 0 }

/*
 * Parses `text` and resolves it in `window`.  On success fills *out (the
 * caller releases it with jp_deadline_release) and returns 0.  On failure
 * returns JP_EINVALID with a message like
 *   cannot read deadline 'X': unknown word 'Y' at character 12
 * and leaves *out empty.  JP_ERROR means out of memory.
 */
int jp_deadline_parse(struct jp_deadline *out, const char *text,
		      const struct jp_window *window, struct jp_error *err);

void jp_deadline_release(struct jp_deadline *d);

#endif
