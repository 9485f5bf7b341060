/*
 * csv_write.h - writing CSV (RFC 4180): comma-separated, CRLF line ends, fields
 * with a comma, quote or line break quoted, quotes doubled.
 *
 * No cell is a formula (OWASP "CSV injection"): a field that starts with
 * '=', '+', '-', '@', a tab or a carriage return gets a leading single quote
 * and is quoted, so a spreadsheet shows it as text.  A plain decimal number
 * (-?digits[.digits], as jp_money_format() writes a negative amount) is not
 * a formula and is written as it is; dates (YYYY-MM-DD) start with a digit.
 */
#ifndef JP_CSV_H
#define JP_CSV_H

struct jp_buf;

/* Appends one field; `first` says whether it starts a record. */
void jp_csv_field(struct jp_buf *out, const char *s, bool first);
/* Ends the record. */
void jp_csv_end(struct jp_buf *out);

#endif
