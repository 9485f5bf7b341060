/*
 * csv_write.h - writing CSV (RFC 4180): comma-separated, CRLF line ends, fields
 * with a comma, quote or line break quoted, quotes doubled.
 */
#ifndef JP_CSV_H
#define JP_CSV_H

struct jp_buf;

/* Appends one field; `first` says whether it starts a record. */
void jp_csv_field(struct jp_buf *out, const char *s, bool first);
/* Ends the record. */
void jp_csv_end(struct jp_buf *out);

#endif
