/*
 * error.c - filling struct jp_error, and JP_BUG.
 */
#include "jp.h"
#include "error.h"

int jp_error_set(struct jp_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->where[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int jp_error_at(struct jp_error *err, int code, const char *where,
		const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->where, sizeof(err->where), "%s", where ? where : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void jp_error_prefix_where(struct jp_error *err, const char *prefix)
{
	char tmp[sizeof(err->where) * 2 + 8];

	if (!err || !prefix || !*prefix)
		return;
	snprintf(tmp, sizeof(tmp), "%s%s%s", prefix, err->where[0] ? ":" : "",
		 err->where);
	memcpy(err->where, tmp, sizeof(err->where) - 1);
	err->where[sizeof(err->where) - 1] = '\0';
}

void jp_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
