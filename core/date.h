/*
 * date.h - calendar dates, quarters and years; no time of day, no zones.
 *
 * A struct jp_date is a value: {year, month 1-12, day 1-31}.  Dates compare
 * and subtract through jp_date_days(), the count of days since 1970-01-01
 * (proleptic Gregorian), which is exact for any year 1..9999.
 */
#ifndef JP_DATE_H
#define JP_DATE_H

struct jp_error;

struct jp_date {
	int y, m, d;
};

bool jp_date_valid(struct jp_date d);
long jp_date_days(struct jp_date d);
struct jp_date jp_date_from_days(long days);
/* <0, 0, >0 as a is before, equal to or after b. */
int jp_date_cmp(struct jp_date a, struct jp_date b);
int jp_date_days_in_month(int y, int m);
/* Last day of quarter q (1-4) of year y. */
struct jp_date jp_quarter_end(int y, int q);
/* First day of quarter q (1-4) of year y. */
struct jp_date jp_quarter_start(int y, int q);
struct jp_date jp_date_add_days(struct jp_date d, long n);

/*
 * Parses "YYYY-MM-DD" exactly (no trailing text).  Returns 0 or JP_EINVALID
 * with a message naming the text.  *out is written only on success.
 */
int jp_date_parse(struct jp_date *out, const char *s, struct jp_error *err);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *jp_date_format(struct jp_date d, char *buf);
/* Today in local time; JOSPAR_TODAY=YYYY-MM-DD overrides it (tests). */
struct jp_date jp_date_today(void);

#define JP_DATE_BUFSZ 11

#endif
