/*
 * csv_write.c - CSV writing (see csv_write.h).
 */
#include "jp.h"
#include "buf.h"
#include "csv_write.h"

void jp_csv_field(struct jp_buf *out, const char *s, bool first)
{
	if (!first)
		jp_buf_addc(out, ',');
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		jp_buf_adds(out, s);
		return;
	}
	jp_buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			jp_buf_addc(out, '"');
		jp_buf_addc(out, *s);
	}
	jp_buf_addc(out, '"');
}

void jp_csv_end(struct jp_buf *out)
{
	jp_buf_adds(out, "\r\n");
}
