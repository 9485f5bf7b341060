/*
 * csv_write.c - CSV writing (see csv_write.h).
 */
#include "jp.h"
#include "buf.h"
#include "csv_write.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A plain decimal number: an optional minus, digits, an optional point and
 * digits — what jp_money_format() and counts give.  Nothing else that
 * starts with '-' is a number to us. */
static bool is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!is_digit(*s))
		return false;
	while (is_digit(*s))
		s++;
	if (*s == '.') {
		s++;
		if (!is_digit(*s))
			return false;
		while (is_digit(*s))
			s++;
	}
	return *s == '\0';
}

/* Would a spreadsheet read the cell as a formula (OWASP CSV injection)? */
static bool is_formula(const char *s)
{
	return strchr("=+-@\t\r", *s) && *s && !is_number(s);
}

void jp_csv_field(struct jp_buf *out, const char *s, bool first)
{
	bool formula;

	if (!first)
		jp_buf_addc(out, ',');
	if (!s)
		return;
	formula = is_formula(s);
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		jp_buf_adds(out, s);
		return;
	}
	jp_buf_addc(out, '"');
	if (formula)
		jp_buf_addc(out, '\'');
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
