/*
 * executor.c - parsing executor lists (see executor.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "executor.h"

enum flag { F_OOM = -1, F_NONE, F_LEAD, F_AGREEMENT };

static const struct {
	const char *words;   /* folded, spaces squeezed */
	enum flag flag;
} flags[] = {
	{ "жинақтау", F_LEAD },
	{ "свод", F_LEAD },
	{ "lead", F_LEAD },
	{ "lead executor", F_LEAD },
	{ "келісім бойынша", F_AGREEMENT },
	{ "по согласованию", F_AGREEMENT },
	{ "by agreement", F_AGREEMENT },
};

static enum flag flag_of(const char *s, size_t n)
{
	char *raw = jp_strndup(s, n), *sq = raw ? jp_text_squeeze(raw) : NULL;
	char *folded = sq ? jp_text_fold(sq) : NULL;
	enum flag f = folded ? F_NONE : F_OOM;

	if (folded) {
		for (size_t i = 0; i < JP_ARRAY_LEN(flags); i++)
			if (!strcmp(folded, flags[i].words))
				f = flags[i].flag;
	}
	jp_free(raw);
	jp_free(sq);
	jp_free(folded);
	return f;
}

static int push(struct jp_executor_list *l, size_t *cap, const char *name,
		size_t n)
{
	const char *q = name, *end = name;
	struct jp_executor *items;
	char *raw, *clean;

	/* drop trailing white space and dots ("БП .") */
	while (q < name + n) {
		int32_t c;

		q += jp_utf8_decode(q, &c);
		if (c != '.' && !jp_is_space(c))
			end = q;
	}
	if (end == name)
		return 1; /* nothing to add */
	/*
	 * Letter spacing is undone name by name: over the whole text, "М," in
	 * "І І М, Қаржымині" would be one token and give "ІІ М".
	 */
	raw = jp_strndup(name, (size_t)(end - name));
	clean = raw ? jp_text_unspace(raw) : NULL;
	jp_free(raw);
	if (!clean)
		return JP_ERROR;
	items = jp_array_grow(l->items, l->n, cap, sizeof(*items));
	if (!items) {
		jp_free(clean);
		return JP_ERROR;
	}
	l->items = items;
	l->items[l->n].agency = clean;
	l->items[l->n].lead = false;
	l->items[l->n].by_agreement = false;
	l->n++;
	return 0;
}

static size_t char_pos(const char *start, const char *p)
{
	size_t n = 1;
	int32_t c;

	while (start < p) {
		start += jp_utf8_decode(start, &c);
		n++;
	}
	return n;
}

int jp_executors_parse(struct jp_executor_list *out, const char *text,
		       struct jp_error *err)
{
	struct jp_executor_list l = JP_EXECUTOR_LIST_INIT;
	char *s = jp_strdup(text);
	const char *p, *name;
	size_t cap = 0;
	int rc = 0;

	if (!s)
		return jp_error_set(err, JP_ERROR, "out of memory");
	name = s;
	for (p = s;; p++) {
		if (*p == ',' || *p == ';' || *p == '\0') {
			rc = push(&l, &cap, name, (size_t)(p - name));
			if (rc < 0)
				goto oom;
			if (!*p)
				break;
			name = p + 1;
		} else if (*p == '(') {
			const char *close = strchr(p, ')'), *q, *piece;
			bool has_name;

			if (!close) {
				rc = jp_error_set(err, JP_EINVALID,
					"cannot read executors '%s': unclosed '(' at character %zu",
					text, char_pos(s, p));
				goto fail;
			}
			rc = push(&l, &cap, name, (size_t)(p - name));
			if (rc < 0)
				goto oom;
			has_name = rc == 0;
			if (!has_name) {
				rc = jp_error_set(err, JP_EINVALID,
					"cannot read executors '%s': '(' with no agency before it at character %zu",
					text, char_pos(s, p));
				goto fail;
			}
			for (piece = q = p + 1; q <= close; q++) {
				enum flag f;

				if (*q != ',' && q != close)
					continue;
				f = flag_of(piece, (size_t)(q - piece));
				if (f == F_OOM)
					goto oom;
				if (f == F_NONE) {
					rc = jp_error_set(err, JP_EINVALID,
						"cannot read executors '%s': unknown note '%.*s' at character %zu",
						text, (int)(q - piece), piece, char_pos(s, piece));
					goto fail;
				}
				if (f == F_LEAD)
					l.items[l.n - 1].lead = true;
				else
					l.items[l.n - 1].by_agreement = true;
				piece = q + 1;
			}
			p = close;
			name = close + 1;
		} else if (*p == ')') {
			rc = jp_error_set(err, JP_EINVALID,
				"cannot read executors '%s': unexpected ')' at character %zu",
				text, char_pos(s, p));
			goto fail;
		}
	}
	if (!l.n) {
		rc = jp_error_set(err, JP_EINVALID, "no executors in '%s'", text);
		goto fail;
	}
	jp_free(s);
	*out = l;
	return 0;
oom:
	rc = jp_error_set(err, JP_ERROR, "out of memory");
fail:
	jp_free(s);
	jp_executor_list_release(&l);
	return rc;
}

void jp_executor_list_release(struct jp_executor_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		jp_free(l->items[i].agency);
	jp_free(l->items);
	l->items = NULL;
	l->n = 0;
}
