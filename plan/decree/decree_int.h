/*
 * decree_int.h - what the files of plan/decree/ share; private to them.
 *
 * The importer works in four passes over the text (docs/import-decree.md):
 *
 *   decree_text.c   lines: letter spacing undone, words broken before "і"
 *                   mended, tokens, what a token looks like (an agency, a
 *                   money cell, a year), and joining tokens back into text;
 *   decree_frame.c  everything but the activity rows: the decree's number,
 *                   dates and title, goal, objectives, directions, tasks,
 *                   indicators with their yearly targets, the grand total,
 *                   the footnote and the glossary;
 *   decree_row.c    the activity rows: fragments split by page breaks,
 *                   columns found in each, fragments merged, money cells
 *                   grouped;
 *   decree.c        the driver: sections, the plan model, flags, output.
 */
#ifndef JP_DECREE_INT_H
#define JP_DECREE_INT_H

#include "arena.h"
#include "buf.h"
#include "deadline.h"
#include "money.h"
#include "decree.h"

struct jp_plan;
struct jp_target;

/* Bounds that keep the work linear on hostile input. */
#define DEC_MAX_LINE_BYTES 4096      /* longer lines are cut */
#define DEC_MAX_EXEC_TOKENS 80       /* an executor column is never longer */
#define DEC_MAX_DEADLINE_TRIES 24    /* deadline starts tried per fragment */
#define DEC_MAX_DEADLINE_TOKENS 60   /* a deadline column is never longer */
#define DEC_MAX_MONEY_CELLS 64       /* nor a row's money */
#define DEC_MAX_NAME_LINES 32        /* nor a glossary entry */
#define DEC_MAX_ROWS 20000           /* rows read; the rest is text */

/*
 * Thresholds of the layout: what a text must show to be read as a part.
 * Named here so that they are read and tuned in one place.
 */
#define DEC_FIRST_ROW_MAX 20         /* the table's first row number is at most this */
#define DEC_ROW_STEP_MAX 10          /* a row number is at most this after the last one */
#define DEC_COLUMN_NUMBERS_MIN 5     /* "1 2 3 4 5 …" of at least this many: page furniture */
#define DEC_ALL_DEADLINE 0.99        /* share of deadline words: "nothing but deadline" */
#define DEC_MOSTLY_DEADLINE 0.5      /* share of deadline words: a start worth trying */
#define DEC_NAME_WORDS_MAX 5         /* words of an executor name ("ҮЕҰ және …") */
#define DEC_AGENCY_CAPS_MIN 2        /* capitals of an abbreviation ("БП") ... */
#define DEC_AGENCY_CAPS_MAX 8        /* ... up to this many ("МҚІСҚА") */
#define DEC_MINISTRY_LETTERS_MIN 6   /* letters of a "…мині" name ("Әділетмині") */
#define DEC_AMOUNT_DIGITS_MAX 12     /* digits of a money cell before the comma */
#define DEC_AMOUNT_FRAC_MAX 6        /* and after it ("15 913,2455") */
#define DEC_YEAR_MIN 1900            /* a four-digit year is one of these ... */
#define DEC_YEAR_MAX 2100            /* ... years */
#define DEC_MEND_LETTERS_MIN 5       /* letters a word mended before "і" must have to be
					looked up among the text's words */
#define DEC_FLAG_LOOKBACK 64         /* flags searched back for the same field */
#define DEC_FLAG_WHY_MAX 1000        /* bytes of reasons kept for one field */

/* One line of the text. */
struct dline {
	int no;                 /* 1-based line number */
	const char *raw;        /* as read, without the line end */
	char *text;             /* normalised: letter spacing undone, squeezed */
	int indent;             /* leading spaces of raw */
	bool blank;
	bool spaced;            /* letter spacing was undone: a stretched line */
	bool trail;             /* raw ends with white space */
	bool hyjoin;            /* ends with '-' and no trailing space */
};

/* A word of a line (white space separated), with where it came from. */
struct dtok {
	const char *s;
	int line;               /* index into dctx.lines */
	int block;              /* blank-line separated block within a fragment */
	bool bol, eol;          /* first / last token of its line */
};

struct dtoks {
	struct dtok *v;
	size_t n, cap;
};

/* The columns of the activity table, in printed order. */
enum dcol { COL_T, COL_C, COL_E, COL_D, COL_M, NCOL };

/* A field the importer is unsure of (becomes a struct jp_decree_flag). */
struct dflag {
	char *pointer;
	int confidence;
	int lines[2];
	char *why;
};

struct dctx {
	struct jp_arena *a;     /* scratch: lives for one import */
	struct dline *lines;
	size_t nlines;
	const char **vocab;     /* folded words of the text, sorted, unique */
	size_t nvocab;
	const char **abbrs;     /* glossary abbreviations */
	size_t nabbrs;
	int period_from, period_to;
	struct jp_window window;
	bool oom;
	struct dflag *flags;
	size_t nflags, capflags;
};

/*
 * decree_text.c: lines, words, what a word looks like, joining, flags.
 * Strings returned live in c->a; NULL means out of memory (c->oom is set).
 */
/* Cuts the text into c->lines and normalises each (letter spacing...). */
int dec_lines(struct dctx *c, const char *text, size_t len);
/* The sorted words of the text, to tell a mended word from a broken one. */
int dec_vocab(struct dctx *c);
/* Joins words the PDF broke before "і", in every line. */
void dec_mend_lines(struct dctx *c);
/* A text normalised like a line (for parts of lines: the glossary). */
char *dec_normalize(struct dctx *c, const char *s);
char *dec_strdup(struct dctx *c, const char *s);
char *dec_strndup(struct dctx *c, const char *s, size_t n);
char *dec_fold(struct dctx *c, const char *s);
int dec_toks_push(struct dctx *c, struct dtoks *t, const struct dtok *k);
/* Appends the words of line li to out, in block `block`. */
int dec_tokenize_line(struct dctx *c, size_t li, int block, struct dtoks *out);
/* Words back into one text, lines joined as the transcription joins them. */
char *dec_join(struct dctx *c, const struct dtok *t, size_t n);
/* Whether blank line li is part of a page break (two blank lines or more). */
bool dec_line_is_pagebreak(const struct dctx *c, size_t li);
/* The length of s without leading "(«" and trailing ",;:.)»"; *start. */
size_t dec_strip(const char *s, const char **start);
bool dec_is_agency(const struct dctx *c, const char *tok);
bool dec_is_flag_word(const char *tok);
bool dec_is_money_amount(const char *tok);
bool dec_is_dash(const char *tok);
bool dec_is_source(const char *tok);
bool dec_is_program(const char *tok);
int dec_year_of(const char *tok);
bool dec_is_deadline_start(const struct dtok *t, size_t n, size_t i);
bool dec_is_deadline_word(const char *tok);
bool dec_is_date_word(const char *tok);
bool dec_starts_lower(const char *s);
bool dec_starts_upper(const char *s);
int dec_month_of(const char *word);
bool dec_has_flag(const struct dctx *c, const char *pointer);
void dec_flag(struct dctx *c, const char *pointer, int confidence, int l0,
	      int l1, const char *fmt, ...) JP_PRINTF(6, 7);

/* decree_row.c: one activity row, from its section to its columns */
struct drow {
	const char *number;
	size_t first, last;     /* line range [first, last) of the section */
	int label_lines;        /* lines the number takes ("10" / ".") */
	const char *direction;
	/* filled by dec_rows() */
	char *col[NCOL - 1];    /* title, completion, executors, deadline */
	struct dtoks money;     /* money tokens in printed order */
	const char *source, *program;
	int lines[2];
	int col_lines[NCOL][2];
	int notes;              /* enum drow_notes */
	size_t pre_first, pre_last;   /* debris before the number, [a, b) */
};

enum drow_notes {
	ROW_DEBRIS_BEFORE = (1 << 0),   /* text printed before the number */
	ROW_SPLIT = (1 << 1),           /* the row spans a page break */
	ROW_TC_VOCAB = (1 << 2),        /* title/form split by known forms */
	ROW_NO_EXEC_GRAMMAR = (1 << 3)  /* executors found by fallback */
};

/*
 * Reads rows[0..nrows) (number, lines, direction and any text printed
 * before the number already set) into their columns and money tokens.
 */
int dec_rows(struct dctx *c, struct drow *rows, size_t nrows);

struct dmoney {
	bool present;           /* any cell or a source printed */
	bool has_total;
	jp_money total;
	uint32_t year_mask;
	jp_money year[32];
	int ncells;             /* cells after grouping, total included */
	bool sum_differs;       /* total is not the sum of the years */
	bool too_many;          /* more cells than the period has years */
	bool joined;            /* digit groups were joined */
	bool unreadable;        /* a cell that is no amount */
};

/* The cells of money tokens: total, then years from the period's first. */
void dec_money(struct dctx *c, const struct dtok *t, size_t n, int nyears,
	       struct dmoney *out);

/* decree_frame.c: headings, the decree's metadata, lists, targets, glossary */
enum dsec {
	SEC_NONE, SEC_HEADER, SEC_GOAL, SEC_OBJECTIVE, SEC_TARGETS,
	SEC_DIRECTION, SEC_TASKS, SEC_RESULTS, SEC_ROW, SEC_TOTAL,
	SEC_FOOTNOTE, SEC_GLOSSARY
};

struct dheading {
	int kind;               /* enum dsec */
	size_t nlines;          /* lines the heading takes */
	const char *label;      /* row number, direction code */
	int rownum;             /* the row's number, for the next plausibility */
};

struct dsection {
	int kind;
	size_t first, last;     /* lines [first, last), heading included */
	struct dheading h;
};

/*
 * What line li opens: a heading, or a row number plausible after row
 * `last_row` (-1: none yet).  1 and *h filled, 0 (nothing), or JP_ERROR.
 */
int dec_heading(struct dctx *c, size_t li, int last_row, struct dheading *h);
/* The words of section s up to line `last`, without its heading's words. */
int dec_section_toks(struct dctx *c, const struct dsection *s, size_t last,
		     struct dtoks *out);
/*
 * The decree's number, dates, amendments, repeal, title, period, issuer,
 * language and unit, from lines [0, header_end) (the unit and period also
 * from the table's header, up to table_first).  Unsure fields are flagged.
 */
int dec_metadata(struct dctx *c, struct jp_plan *p, size_t header_end,
		 size_t table_first);
/*
 * The entries of lines [first, last) into p->glossary; their abbreviations
 * become the agencies executors are told by (c->abbrs).
 */
int dec_glossary(struct dctx *c, struct jp_plan *p, size_t first, size_t last);

struct ditem {
	char *text;
	int number;
	int lines[2];
};

/*
 * The items of a list: numbered ("1) …") or not (cut after ";" and after a
 * stretched, letter-spaced line that ends in punctuation).
 */
int dec_items(struct dctx *c, const struct dtoks *t, bool numbered,
	      struct ditem **out, size_t *n);
/* The yearly targets an indicator's text gives, in p's arena. */
int dec_targets(struct dctx *c, const char *text, struct jp_plan *p,
		struct jp_target **out, size_t *n);

#endif
