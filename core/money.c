/*
 * money.c - parsing and printing exact amounts (see money.h).
 */
#include "jp.h"
#include "error.h"
#include "money.h"

static bool is_space(const char *s, size_t *n)
{
	if (*s == ' ' || *s == '\t') {
		*n = 1;
		return true;
	}
	/* U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE */
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
		*n = 2;
		return true;
	}
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0xAF) {
		*n = 3;
		return true;
	}
	return false;
}

bool jp_money_is_dash(const char *s)
{
	size_t n;

	while (is_space(s, &n))
		s += n;
	if (*s == '-')
		s++;
	else if (!strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x94", 3))
		s += 3;
	else
		return false;
	while (is_space(s, &n))
		s += n;
	return *s == '\0';
}

int jp_money_parse(jp_money *out, const char *s, struct jp_error *err)
{
	const char *p = s;
	jp_money whole = 0, frac = 0;
	int nfrac = 0, ndigits = 0;
	bool neg = false, in_frac = false;
	size_t n;

	while (is_space(p, &n))
		p += n;
	if (*p == '-') {
		neg = true;
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			int dgt = *p - '0';

			if (in_frac) {
				if (++nfrac > 6)
					return jp_error_set(err, JP_EINVALID,
						"amount '%s' has more than 6 decimals", s);
				frac = frac * 10 + dgt;
			} else {
				if (whole > (INT64_MAX / JP_MONEY_PER_MILLION - dgt) / 10)
					return jp_error_set(err, JP_EINVALID,
						"amount '%s' is too large", s);
				whole = whole * 10 + dgt;
			}
			ndigits++;
			continue;
		}
		if (is_space(p, &n)) {
			const char *q = p;

			while (is_space(q, &n))
				q += n;
			if (*q == '\0') {
				p = q - 1;
				continue;
			}
			/* a group separator must stand between digits */
			if (in_frac || !ndigits || *q < '0' || *q > '9')
				return jp_error_set(err, JP_EINVALID,
					"invalid amount '%s': unexpected space at character %d",
					s, (int)(p - s) + 1);
			p = q - 1;
			continue;
		}
		if ((*p == ',' || *p == '.') && !in_frac && ndigits) {
			in_frac = true;
			continue;
		}
		return jp_error_set(err, JP_EINVALID,
				    "invalid amount '%s': unexpected '%c' at character %d",
				    s, *p, (int)(p - s) + 1);
	}
	if (!ndigits || (in_frac && !nfrac))
		return jp_error_set(err, JP_EINVALID, "invalid amount '%s'", s);
	while (nfrac < 6) {
		frac *= 10;
		nfrac++;
	}
	/* the digit check bounds the whole part; the decimals may still overflow */
	if (whole > (INT64_MAX - frac) / JP_MONEY_PER_MILLION)
		return jp_error_set(err, JP_EINVALID, "amount '%s' is too large", s);
	*out = (whole * JP_MONEY_PER_MILLION + frac) * (neg ? -1 : 1);
	return 0;
}

char *jp_money_format(jp_money m, char *buf)
{
	uint64_t u = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
	uint64_t whole = u / JP_MONEY_PER_MILLION;
	uint64_t frac = u % JP_MONEY_PER_MILLION;
	char fbuf[8];
	int len;

	len = snprintf(buf, JP_MONEY_BUFSZ, "%s%llu", m < 0 ? "-" : "",
		       (unsigned long long)whole);
	if (frac) {
		int i;

		snprintf(fbuf, sizeof(fbuf), "%06llu", (unsigned long long)frac);
		for (i = 5; i > 0 && fbuf[i] == '0'; i--)
			fbuf[i] = '\0';
		snprintf(buf + len, (size_t)(JP_MONEY_BUFSZ - len), ".%s", fbuf);
	}
	return buf;
}

int jp_money_add(jp_money *a, jp_money b)
{
	if ((b > 0 && *a > INT64_MAX - b) || (b < 0 && *a < INT64_MIN - b))
		return JP_EINVALID;
	*a += b;
	return 0;
}
