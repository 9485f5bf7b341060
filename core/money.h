/*
 * money.h - exact amounts of money.
 *
 * An amount is an int64_t count of tenge.  Plans print amounts in million
 * tenge with up to four decimals ("1 776,9", "15 913,2455", "28,045"); one
 * tenge is the sixth decimal of a million, so every printed amount is an
 * exact integer here and sums never round.  No floating point is used.
 */
#ifndef JP_MONEY_H
#define JP_MONEY_H

struct jp_error;

typedef int64_t jp_money;

#define JP_MONEY_PER_MILLION ((jp_money)1000000)
/* Buffer size that fits any formatted amount. */
#define JP_MONEY_BUFSZ 32

/*
 * Parses an amount in million tenge as printed or as written by jospar:
 * digits, optionally grouped by spaces ("1 776,9"), one decimal separator
 * (',' or '.'), at most six decimals, an optional leading '-'.  Leading and
 * trailing white space is allowed.  Returns 0, or JP_EINVALID naming the
 * text and the offending character.
 */
int jp_money_parse(jp_money *out, const char *s, struct jp_error *err);

/* True when s is a dash standing for "no amount" ("-", "–", "—"). */
bool jp_money_is_dash(const char *s);

/*
 * Writes the amount in million tenge with '.' as the separator and no
 * trailing zeros: 1776900000 -> "1776.9", 3515000000 -> "3515".
 */
char *jp_money_format(jp_money m, char *buf);

/* Adds b to *a; returns JP_EINVALID on overflow (and leaves *a alone). */
int jp_money_add(jp_money *a, jp_money b);

#endif
