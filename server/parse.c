/*
 * parse.c - the server's own request parsing (see parse.h): decoding,
 * forms and queries, cookies, Content-Length, methods, X-Forwarded-For and
 * route patterns.  No connection is touched here.
 */
#include "jp.h"
#include "arena.h"
#include "buf.h"
#include "text.h"
#include "parse.h"

#include <arpa/inet.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_target(struct jp_arena *a, const char *uri, const char **path_out,
		 const char **query_out)
{
	const char *q = strchr(uri, '?');
	char *path = jp_arena_strndup(a, uri, q ? (size_t)(q - uri) : strlen(uri));
	char *query = jp_arena_strdup(a, q ? q + 1 : "");

	if (!path || !query)
		return -1;
	*path_out = path;
	*query_out = query;
	return 0;
}

char *parse_decode(struct jp_arena *a, const char *s, size_t n, bool plus, size_t *len_out)
{
	char *out = jp_arena_alloc(a, n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (plus && s[i] == '+') {
			*o++ = ' ';
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	if (len_out)
		*len_out = (size_t)(o - out);
	return out;
}

/* Decodes and checks one name or value: text without NUL, else NULL. */
static const char *decode_text(struct jp_arena *a, const char *s, size_t n, bool plus)
{
	size_t len;
	char *v = parse_decode(a, s, n, plus, &len);

	if (!v || strlen(v) != len || !jp_utf8_valid(v, len))
		return NULL;
	return v;
}

int parse_form_check(struct jp_arena *a, const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *eq;

		if (!amp)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (!eq)
			eq = amp;
		if (!decode_text(a, p, (size_t)(eq - p), true) ||
		    (eq < amp && !decode_text(a, eq + 1, (size_t)(amp - eq - 1), true)))
			return -1;
		p = amp + 1;
	}
	return 0;
}

const char *parse_form_get(struct jp_arena *a, const char *s, size_t n, const char *name)
{
	const char *p = s, *end = s + n;
	size_t nlen = strlen(name);

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *eq;

		if (!amp)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (!eq)
			eq = amp;
		if ((size_t)(eq - p) == nlen && !memcmp(p, name, nlen))
			return eq < amp ? decode_text(a, eq + 1, (size_t)(amp - eq - 1), true)
					: decode_text(a, "", 0, true);
		p = amp + 1;
	}
	return NULL;
}

const char *parse_cookie_get(struct jp_arena *a, const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p && *p) {
		const char *semi = strchr(p, ';'), *end, *eq;

		while (*p == ' ' || *p == '\t')
			p++;
		end = semi ? semi : p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq && (size_t)(eq - p) == nlen && !memcmp(p, name, nlen)) {
			const char *v = eq + 1, *ve = end;

			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - v >= 2 && v[0] == '"' && ve[-1] == '"') {
				v++;
				ve--;
			}
			for (const char *c = v; c < ve; c++)
				if ((unsigned char)*c < 0x21 || (unsigned char)*c > 0x7e ||
				    *c == '"' || *c == ',' || *c == ';' || *c == '\\')
					return NULL;
			return jp_arena_strndup(a, v, (size_t)(ve - v));
		}
		p = semi ? semi + 1 : NULL;
	}
	return NULL;
}

int parse_content_length(const char *s, uint64_t *out)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 18)
			return -1;
		n = n * 10 + (uint64_t)(s[i] - '0');
	}
	if (!i)
		return -1;
	*out = n;
	return 0;
}

bool parse_method_ok(const char *m)
{
	size_t i;

	for (i = 0; m[i]; i++)
		if (i >= 16 || m[i] < 'A' || m[i] > 'Z')
			return false;
	return i > 0;
}

int parse_forwarded_for(const char *h, char *out, size_t n)
{
	const char *last = strrchr(h, ','), *start = last ? last + 1 : h, *end;
	char addr[64];
	unsigned char bin[16];
	size_t len;

	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	len = (size_t)(end - start);
	if (!len || len >= sizeof(addr))
		return -1;
	memcpy(addr, start, len);
	addr[len] = '\0';
	if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1)
		return -1;
	if (len >= n)
		return -1;
	memcpy(out, addr, len + 1);
	return 0;
}

bool parse_match(struct jp_arena *a, const char *pattern, const char *path,
		 const char **param, size_t maxparam, size_t *nparam)
{
	size_t n = 0;

	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);

			if (!len || n == maxparam)
				return false;
			if (!(param[n] = decode_text(a, path, len, false)) || !*param[n])
				return false;
			n++;
			path += len;
			pattern += 2;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	if (*pattern || *path)
		return false;
	*nparam = n;
	return true;
}

/* The length of the valid UTF-8 sequence at s (of n bytes), or 0. */
static size_t utf8_seq(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		     (c & 0xf8) == 0xf0 ? 4 : 0;

	if (!len || len > n || !jp_utf8_valid(s, len))
		return 0;
	return len;
}

void parse_printable(struct jp_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq(s + i, n - i);
		unsigned char c = (unsigned char)s[i];

		if (!len || c < 0x20 || c == 0x7f) {
			jp_buf_addf(b, "%%%02X", c);
			i++;
			continue;
		}
		jp_buf_add(b, s + i, len);
		i += len;
	}
}
