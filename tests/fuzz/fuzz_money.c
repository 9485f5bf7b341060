/*
 * fuzz_money.c - fuzz target for jp_money_parse: any text either fails
 * cleanly or gives an amount that jp_money_format writes back to a text
 * parsing to the same amount; the first 8 bytes, read as an amount, must
 * survive the same round trip.
 */
#include "jp.h"
#include "alloc.h"
#include "error.h"
#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(jp_money m)
{
	struct jp_error err = JP_ERROR_INIT;
	char buf[JP_MONEY_BUFSZ];
	jp_money back = 0;

	jp_money_format(m, buf);
	if (memchr(buf, '\0', sizeof(buf)) == NULL)
		abort();
	if (jp_money_parse(&back, buf, &err) < 0 || back != m)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_error err = JP_ERROR_INIT;
	char *s = jp_malloc(size + 1);
	jp_money m = 0, sum;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (jp_money_parse(&m, s, &err) < 0) {
		if (!err.msg[0] || err.code != JP_EINVALID)
			abort();
	} else {
		round_trip(m);
		/* jp_money_add either adds exactly or leaves the sum alone */
		sum = m;
		if (jp_money_add(&sum, m) == 0 ? sum / 2 != m || sum % 2 : sum != m)
			abort();
	}
	(void)jp_money_is_dash(s);
	if (size >= sizeof(m)) {
		memcpy(&m, data, sizeof(m));
		if (m != INT64_MIN) /* -9223372036854.775808 has no positive twin */
			round_trip(m);
	}
	jp_free(s);
	return 0;
}
