/*
 * jsonw.c - the streaming JSON writer (see jsonw.h).  The layout rules are
 * jansson's (dump.c): a container's first member goes on a new line at one
 * level deeper, the others after ",", the closing bracket on its own line
 * at the container's level; empty containers are "[]" and "{}".
 */
#include "jp.h"
#include "buf.h"
#include "jsonw.h"

void jp_jsonw_init(struct jp_jsonw *w, struct jp_buf *out, unsigned flags)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->flags = flags;
}

/* A line break and `depth` levels of indentation, or the separating space. */
static void indent(struct jp_jsonw *w, int depth, bool space)
{
	unsigned n = JP_JSONW_INDENT(w->flags) * (unsigned)depth;
	static const char spaces[] = "                                ";

	if (JP_JSONW_INDENT(w->flags)) {
		jp_buf_addc(w->out, '\n');
		while (n > 0) {
			unsigned k = n < sizeof(spaces) - 1 ? n : (unsigned)sizeof(spaces) - 1;

			jp_buf_add(w->out, spaces, k);
			n -= k;
		}
	} else if (space && !(w->flags & JP_JSONW_COMPACT)) {
		jp_buf_addc(w->out, ' ');
	}
}

/* What comes before a member of the open container: a line or a comma. */
static void member(struct jp_jsonw *w)
{
	uint64_t bit = 1ULL << (w->depth - 1);

	if (w->nonempty & bit) {
		jp_buf_addc(w->out, ',');
		indent(w, w->depth, true);
	} else {
		w->nonempty |= bit;
		indent(w, w->depth, false);
	}
}

/* Before any value: inside an array it is a member; in an object its key
 * came first. */
static void value(struct jp_jsonw *w)
{
	if (w->depth == 0)
		return;
	if (w->object & (1ULL << (w->depth - 1))) {
		assert(w->key);
		w->key = false;
		return;
	}
	member(w);
}

static void container_open(struct jp_jsonw *w, char c, bool object)
{
	uint64_t bit;

	value(w);
	assert(w->depth < JP_JSONW_MAX_DEPTH);
	bit = 1ULL << w->depth;
	w->nonempty &= ~bit;
	if (object)
		w->object |= bit;
	else
		w->object &= ~bit;
	w->depth++;
	jp_buf_addc(w->out, c);
}

static void container_close(struct jp_jsonw *w, char c)
{
	assert(w->depth > 0 && !w->key);
	w->depth--;
	if (w->nonempty & (1ULL << w->depth))
		indent(w, w->depth, false);
	jp_buf_addc(w->out, c);
}

void jp_jsonw_object_begin(struct jp_jsonw *w)
{
	container_open(w, '{', true);
}

void jp_jsonw_object_end(struct jp_jsonw *w)
{
	assert(w->depth > 0 && (w->object & (1ULL << (w->depth - 1))));
	container_close(w, '}');
}

void jp_jsonw_array_begin(struct jp_jsonw *w)
{
	container_open(w, '[', false);
}

void jp_jsonw_array_end(struct jp_jsonw *w)
{
	assert(w->depth > 0 && !(w->object & (1ULL << (w->depth - 1))));
	container_close(w, ']');
}

void jp_jsonw_key(struct jp_jsonw *w, const char *key)
{
	assert(w->depth > 0 && (w->object & (1ULL << (w->depth - 1))) && !w->key);
	member(w);
	jp_jsonw_add_string(w->out, key);
	if (w->flags & JP_JSONW_COMPACT)
		jp_buf_addc(w->out, ':');
	else
		jp_buf_add(w->out, ": ", 2);
	w->key = true;
}

/*
 * The length of the valid UTF-8 sequence at s (whose first byte is not
 * ASCII), or 0: the rules of jansson's utf8_check_full (no overlong forms,
 * no surrogates, nothing past U+10FFFF).
 */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t cp;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void jp_jsonw_add_string(struct jp_buf *b, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str, *run = s;

	jp_buf_addc(b, '"');
	for (;;) {
		unsigned char c = *s;
		char esc[6];
		size_t n;

		/* the plain run goes out in one piece */
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && (s[1] & 0xC0) == 0x80) {
			s += 2;       /* Cyrillic and Kazakh letters */
			continue;
		}
		if (c >= 0x80 && (n = utf8_seq(s)) > 0) {
			s += n;
			continue;
		}
		if (s > run)
			jp_buf_add(b, run, (size_t)(s - run));
		if (c == 0)
			break;
		switch (c) {
		case '"': jp_buf_add(b, "\\\"", 2); break;
		case '\\': jp_buf_add(b, "\\\\", 2); break;
		case '\b': jp_buf_add(b, "\\b", 2); break;
		case '\f': jp_buf_add(b, "\\f", 2); break;
		case '\n': jp_buf_add(b, "\\n", 2); break;
		case '\r': jp_buf_add(b, "\\r", 2); break;
		case '\t': jp_buf_add(b, "\\t", 2); break;
		default:
			if (c < 0x20) {
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 0xF];
				jp_buf_add(b, esc, 6);
			} else {
				jp_buf_add(b, "\xEF\xBF\xBD", 3); /* an invalid byte */
			}
		}
		run = ++s;
	}
	jp_buf_addc(b, '"');
}

void jp_jsonw_string(struct jp_jsonw *w, const char *s)
{
	if (!s) {
		jp_jsonw_null(w);
		return;
	}
	value(w);
	jp_jsonw_add_string(w->out, s);
}

void jp_jsonw_int(struct jp_jsonw *w, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	/* the magnitude as unsigned: INT64_MIN has no positive twin */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	value(w);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	jp_buf_add(w->out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void jp_jsonw_bool(struct jp_jsonw *w, bool v)
{
	value(w);
	if (v)
		jp_buf_add(w->out, "true", 4);
	else
		jp_buf_add(w->out, "false", 5);
}

void jp_jsonw_null(struct jp_jsonw *w)
{
	value(w);
	jp_buf_add(w->out, "null", 4);
}

void jp_jsonw_kstring(struct jp_jsonw *w, const char *key, const char *s)
{
	jp_jsonw_key(w, key);
	jp_jsonw_string(w, s);
}

void jp_jsonw_kint(struct jp_jsonw *w, const char *key, int64_t v)
{
	jp_jsonw_key(w, key);
	jp_jsonw_int(w, v);
}
