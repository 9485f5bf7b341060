/*
 * jp.h - the one header every jospar .c file includes first.
 *
 * It owns the feature-test macros and the system headers the project relies
 * on, the error codes shared by every layer, and the few macros that make the
 * rest of the code shorter (JP_ARRAY_LEN, JP_BUG, JP_PRINTF).  Nothing here
 * allocates or prints.
 */
#ifndef JP_H
#define JP_H

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define JP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define JP_NORETURN __attribute__((noreturn))
#else
#define JP_PRINTF(fmt, args)
#define JP_NORETURN
#endif

#define JP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Error codes.  Fallible functions return 0 on success and a negative value
 * on failure.  Callers branch on the named codes; everything else is -1.
 */
enum jp_errcode {
	JP_OK = 0,
	JP_ERROR = -1,      /* anything else: I/O, database, out of memory */
	JP_ENOTFOUND = -2,  /* the thing asked for does not exist */
	JP_EEXISTS = -3,    /* it exists already */
	JP_EINVALID = -4,   /* the input is malformed; the message says where */
	JP_EDENIED = -5,    /* not allowed */
	JP_ECONFLICT = -6,  /* the record's state forbids it now */
	JP_EBUSY = -7       /* too many attempts: try again later */
};

/* Impossible states only: prints file:line and aborts. */
JP_NORETURN void jp_bug(const char *file, int line, const char *fmt, ...)
	JP_PRINTF(3, 4);
#define JP_BUG(...) jp_bug(__FILE__, __LINE__, __VA_ARGS__)

#include "banned.h"

#endif
