/*
 * date.c - civil dates <-> day numbers (Howard Hinnant's days_from_civil
 * algorithm), quarters and ISO text.
 */
#include "jp.h"
#include "error.h"
#include "date.h"

#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int jp_date_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return mdays[m - 1] + (m == 2 && is_leap(y));
}

bool jp_date_valid(struct jp_date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= jp_date_days_in_month(d.y, d.m);
}

long jp_date_days(struct jp_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct jp_date jp_date_from_days(long z)
{
	struct jp_date r;
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

int jp_date_cmp(struct jp_date a, struct jp_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

struct jp_date jp_quarter_end(int y, int q)
{
	struct jp_date d = { y, q * 3, 0 };

	d.d = jp_date_days_in_month(y, d.m);
	return d;
}

struct jp_date jp_quarter_start(int y, int q)
{
	struct jp_date d = { y, q * 3 - 2, 1 };
	return d;
}

struct jp_date jp_date_add_days(struct jp_date d, long n)
{
	return jp_date_from_days(jp_date_days(d) + n);
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int jp_date_parse(struct jp_date *out, const char *s, struct jp_error *err)
{
	struct jp_date d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return jp_error_set(err, JP_EINVALID,
				    "invalid date '%s' (expected YYYY-MM-DD)", s);
	d.y = digits(s, 4);
	d.m = digits(s + 5, 2);
	d.d = digits(s + 8, 2);
	if (d.y < 0 || d.m < 0 || d.d < 0 || !jp_date_valid(d))
		return jp_error_set(err, JP_EINVALID,
				    "invalid date '%s' (expected YYYY-MM-DD)", s);
	*out = d;
	return 0;
}

char *jp_date_format(struct jp_date d, char *buf)
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u,
		 dd = (unsigned)d.d % 100u;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
	return buf;
}

struct jp_date jp_date_today(void)
{
	const char *fake = getenv("JOSPAR_TODAY");
	struct jp_date d;
	struct tm tm;
	time_t now;

	if (fake && jp_date_parse(&d, fake, NULL) == 0)
		return d;
	now = time(NULL);
	localtime_r(&now, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}
