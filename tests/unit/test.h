/*
 * test.h - what every unit test includes: cmocka, the project header, and
 * assertions that print jospar's error message when a call fails.
 */
#ifndef JP_TEST_H
#define JP_TEST_H

#include "jp.h"
#include "error.h"

#include <setjmp.h>
#include <cmocka.h>

/* Asserts that a jospar call returned 0; prints err's message if not. */
#define jp_assert_ok(call, err)                                              \
	do {                                                                 \
		int rc_ = (call);                                            \
		if (rc_ != 0)                                                \
			fail_msg("%s returned %d: %s%s%s", #call, rc_,       \
				 (err)->where, (err)->where[0] ? ": " : "", \
				 (err)->msg);                                \
	} while (0)

/* Asserts that a call failed with `code` and its message contains `part`. */
#define jp_assert_fails(call, code, err, part)                               \
	do {                                                                 \
		int rc_ = (call);                                            \
		if (rc_ != (code))                                           \
			fail_msg("%s returned %d, expected %d (%s)", #call,  \
				 rc_, (int)(code), (err)->msg);               \
		if (!strstr((err)->msg, (part)) && !strstr((err)->where, (part))) \
			fail_msg("message '%s' (at '%s') lacks '%s'",        \
				 (err)->msg, (err)->where, (part));           \
	} while (0)

#endif
