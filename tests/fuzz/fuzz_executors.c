/*
 * fuzz_executors.c - fuzz target for jp_executors_parse: any text either
 * fails cleanly or gives non-empty agency names, and the list written back
 * as text (the way plan_json.c rebuilds it) parses to the same list.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "executor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_list(const struct jp_executor_list *l)
{
	if (!l->n || !l->items)
		abort();
	for (size_t i = 0; i < l->n; i++) {
		const char *a = l->items[i].agency;

		if (!a || !*a || a[0] == ' ' || a[strlen(a) - 1] == ' ' ||
		    strpbrk(a, ",;()"))
			abort();
	}
}

/* Writes the list back as "A (келісім бойынша, жинақтау), B". */
static void rebuild(const struct jp_executor_list *l, struct jp_buf *out)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct jp_executor *e = &l->items[i];

		jp_buf_addf(out, "%s%s", i ? ", " : "", e->agency);
		if (e->lead || e->by_agreement)
			jp_buf_addf(out, " (%s%s%s)",
				    e->by_agreement ? "келісім бойынша" : "",
				    e->lead && e->by_agreement ? ", " : "",
				    e->lead ? "жинақтау" : "");
	}
}

/* Whether a and b are equal once spaces are dropped. */
static bool same_letters(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/*
 * Names compare without their spaces: "А  Б" (a word gap) comes out as
 * "А Б", which read again is letter spacing and gives "АБ".
 */
static void check_same(const struct jp_executor_list *a,
		       const struct jp_executor_list *b)
{
	if (a->n != b->n)
		abort();
	for (size_t i = 0; i < a->n; i++)
		if (!same_letters(a->items[i].agency, b->items[i].agency) ||
		    a->items[i].lead != b->items[i].lead ||
		    a->items[i].by_agreement != b->items[i].by_agreement)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_executor_list l = JP_EXECUTOR_LIST_INIT;
	struct jp_executor_list again = JP_EXECUTOR_LIST_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf text = JP_BUF_INIT;
	char *s = jp_malloc(size + 1);
	int rc;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rc = jp_executors_parse(&l, s, &err);
	if (rc < 0) {
		if (!err.msg[0] || err.code != rc || l.items || l.n)
			abort();
	} else {
		check_list(&l);
		rebuild(&l, &text);
		if (jp_buf_oom(&text))
			abort();
		if (jp_executors_parse(&again, text.ptr, &err) < 0)
			abort();
		check_same(&l, &again);
	}
	jp_executor_list_release(&again);
	jp_executor_list_release(&l);
	jp_buf_release(&text);
	jp_free(s);
	return 0;
}
