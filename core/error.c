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

static const struct {
	int code, http, exit;
} error_map[] = {
	{ JP_OK, 200, 0 },
	{ JP_ERROR, 500, 1 },
	{ JP_EINVALID, 400, 3 },
	{ JP_ENOTFOUND, 404, 4 },
	{ JP_EEXISTS, 409, 5 },
	{ JP_ECONFLICT, 409, 5 },
	{ JP_EDENIED, 403, 6 },
	{ JP_EBUSY, 429, 7 },
};

int jp_error_http_status(int code)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(error_map); i++)
		if (error_map[i].code == code)
			return error_map[i].http;
	return 500;
}

int jp_error_exit_code(int code)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(error_map); i++)
		if (error_map[i].code == code)
			return error_map[i].exit;
	return 1;
}
