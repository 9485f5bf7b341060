/*
 * test_export.c - terminal tables, CSV and iCalendar output.
 */
#include "test.h"
#include "buf.h"
#include "csv_write.h"
#include "calendar.h"
#include "ics.h"
#include "table.h"
#include "text.h"
#include "history.h"
#include "views.h"
#include "fixture.h"

#include <jansson.h>
#include <libical/ical.h>

static void test_export__table_aligns_kazakh(void **state)
{
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	const char *line;
	size_t w = 0;
	(void)state;
	jp_table_add_col(&t, "№", 0, false);
	jp_table_add_col(&t, "Lead", 0, false);
	jp_table_add_col(&t, "Amount", 0, true);
	jp_table_cell(&t, "1");
	jp_table_cell(&t, "ІІМ");
	jp_table_cell(&t, "1776.9");
	jp_table_cell(&t, "89-1");
	jp_table_cell(&t, "Қаржымині");
	jp_table_cell(&t, "3");
	assert_int_equal(jp_table_render(&t, &b), 0);
	/* every line has the same width in terminal columns */
	for (line = b.ptr; *line;) {
		const char *nl = strchr(line, '\n');
		char tmp[256];
		size_t n = (size_t)(nl - line);

		memcpy(tmp, line, n);
		tmp[n] = '\0';
		if (!w)
			w = jp_text_width(tmp);
		assert_int_equal(jp_text_width(tmp), w);
		line = nl + 1;
	}
	assert_non_null(strstr(b.ptr, "89-1  Қаржымині       3\n"));
	jp_table_release(&t);
	jp_buf_release(&b);
}

static void test_export__table_cuts_long_cells(void **state)
{
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	jp_table_add_col(&t, "A", 5, false);
	jp_table_add_col(&t, "B", 0, false);
	jp_table_cell(&t, "Құқық қорғау");
	jp_table_cell(&t, "x");
	assert_int_equal(jp_table_render(&t, &b), 0);
	assert_non_null(strstr(b.ptr, "Құқы…  x\n"));
	jp_table_release(&t);
	jp_buf_release(&b);
}

/* Kazakh, wide, combining and white space in one table, byte for byte. */
static void test_export__table_mixed_text(void **state)
{
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	jp_table_add_col(&t, "№", 0, false);
	jp_table_add_col(&t, "Атауы", 6, false);
	jp_table_add_col(&t, "Сома", 0, true);
	jp_table_add_col(&t, "Lead", 0, false);
	jp_table_cell(&t, "1");
	jp_table_cell(&t, "日本語テキスト");     /* 2 columns a character */
	jp_table_cell(&t, "12,5");
	jp_table_cell(&t, "ІІМ");
	jp_table_cell(&t, "89-1");
	jp_table_cell(&t, "е\xcc\x81кі");      /* a combining acute: 3 columns */
	jp_table_cell(&t, "1 776,9");
	jp_table_cell(&t, "Қаржымині");
	jp_table_cell(&t, "2");
	jp_table_cell(&t, "ӘҒҚҢӨҰҮҺІ");
	jp_table_cell(&t, "3");
	jp_table_cell(&t, "—");
	jp_table_cell(&t, "3");
	/* the cut keeps the mark that belongs to the last letter kept */
	jp_table_cell(&t, "а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81");
	jp_table_cell(&t, "-");
	jp_table_cell(&t, "  Құқық\xc2\xa0 қорғау\t\xe2\x80\xaf");
	assert_int_equal(jp_table_render(&t, &b), 0);
	assert_string_equal(b.ptr,
		"№     Атауы      Сома  Lead\n"
		"────  ──────  ───────  ────────────\n"
		"1     日本…      12,5  ІІМ\n"
		"89-1  е\xcc\x81кі     1 776,9  Қаржымині\n"
		"2     ӘҒҚҢӨ…        3  —\n"
		"3     а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81а\xcc\x81…        -  Құқық қорғау\n");
	jp_table_release(&t);
	jp_buf_release(&b);
}

static void test_export__csv_quoting(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	jp_csv_field(&b, "plain", true);
	jp_csv_field(&b, "a,b", false);
	jp_csv_field(&b, "say \"hi\"", false);
	jp_csv_field(&b, "two\nlines", false);
	jp_csv_field(&b, NULL, false);
	jp_csv_end(&b);
	assert_string_equal(b.ptr, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
	jp_buf_release(&b);
}

/* Cells a spreadsheet would run as a formula are neutralised (OWASP):
 * a leading quote and quoting; plain numbers, negative ones too, stay. */
static void test_export__csv_neutralises_formulas(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	jp_csv_field(&b, "=HYPERLINK(\"http://x\",\"y\")", true);
	jp_csv_field(&b, "+1+2", false);
	jp_csv_field(&b, "-2+3", false);
	jp_csv_field(&b, "@SUM(A1)", false);
	jp_csv_field(&b, "\tx", false);
	jp_csv_field(&b, "\rx", false);
	jp_csv_field(&b, "-", false);
	jp_csv_field(&b, "-12.5", false);
	jp_csv_field(&b, "-7", false);
	jp_csv_field(&b, "2015-02-01", false);
	jp_csv_field(&b, "a=b", false);
	jp_csv_end(&b);
	assert_string_equal(b.ptr,
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
		"\"'+1+2\",\"'-2+3\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\",\"'-\","
		"-12.5,-7,2015-02-01,a=b\r\n");
	jp_buf_release(&b);
}

static void test_export__ics_one_event_per_due_date(void **state)
{
	struct jp_plan *p = fixture_embedded();
	struct jp_due_ref refs[16];
	struct jp_buf b = JP_BUF_INIT;
	const struct jp_activity *a12 = jp_plan_find_activity(p, "12");
	const struct jp_activity *a6 = jp_plan_find_activity(p, "6");
	icalcomponent *cal, *ev;
	size_t n = 0, events = 0;
	(void)state;
	for (size_t i = 0; i < a12->deadline.ndue; i++)
		refs[n++] = (struct jp_due_ref){ a12, i };
	refs[n++] = (struct jp_due_ref){ a6, 0 };
	setenv("SOURCE_DATE_EPOCH", "1400000000", 1);
	assert_int_equal(jp_ics_write(p, refs, n, &b), 0);
	assert_non_null(strstr(b.ptr, "BEGIN:VCALENDAR\r\n"));
	assert_non_null(strstr(b.ptr, "DTSTART;VALUE=DATE:20140630\r\n"));
	assert_non_null(strstr(b.ptr, "UID:kz-2014-292-12-2014-12-31@jospar"));
	cal = icalparser_parse_string(b.ptr);
	assert_non_null(cal);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		struct icaltimetype t = icalcomponent_get_dtstart(ev);

		assert_true(t.is_date);
		assert_non_null(strstr(icalcomponent_get_summary(ev), "№ "));
		events++;
	}
	assert_int_equal(events, n);
	assert_int_equal(n, 8); /* 2014 and each of 2015-2020, plus row 6 */
	icalcomponent_free(cal);
	jp_buf_release(&b);
	jp_plan_free(p);
}

/* A report's latest review and its reviews are the same found through the
 * store's index (binary search) as by scanning every review. */
static void test_export__reviews_by_index(void **state)
{
	struct jp_history h = JP_HISTORY_INIT;
	struct jp_report rep;
	uint64_t x = 7;
	(void)state;
	h.reviews = jp_arena_array(&h.arena, 500, sizeof(*h.reviews));
	assert_non_null(h.reviews);
	for (size_t i = 0; i < 500; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		memset(&h.reviews[i], 0, sizeof(h.reviews[i]));
		h.reviews[i].id = (int64_t)i + 1;
		h.reviews[i].report = (int64_t)((x >> 33) % 120) + 1;
		h.reviews[i].action = (x >> 20) & 1 ? JP_REVIEW_ACCEPT : JP_REVIEW_RETURN;
		h.reviews[i].by = "coordinator";
		h.reviews[i].date = (struct jp_date){ 2015, 1, 1 + (int)(i % 28) };
	}
	h.nreviews = 500;
	memset(&rep, 0, sizeof(rep));
	rep.activity = "1";
	rep.agency = "ІІМ";
	rep.by = "x";
	rep.recorded_at = "2015-01-01T00:00:00Z";
	for (int64_t id = 0; id <= 122; id++) {
		const struct jp_review *scan, *fast;
		char *a, *b;
		json_t *ja, *jb;

		h.by_report = NULL;
		h.nby_report = 0;
		scan = jp_history_latest_review(&h, id);
		rep.id = id;
		ja = jp_view_report(&h, &rep, true);
		assert_int_equal(jp_history_index_reviews(&h), 0);
		fast = jp_history_latest_review(&h, id);
		jb = jp_view_report(&h, &rep, true);
		assert_ptr_equal(scan, fast);
		a = json_dumps(ja, JSON_SORT_KEYS);
		b = json_dumps(jb, JSON_SORT_KEYS);
		assert_string_equal(a, b);
		free(a);
		free(b);
		json_decref(ja);
		json_decref(jb);
	}
	/* a review added after the index was made is not missed */
	h.nreviews = 499;
	assert_int_equal(jp_history_index_reviews(&h), 0);
	h.nreviews = 500;
	assert_ptr_equal(jp_history_latest_review(&h, h.reviews[499].report), &h.reviews[499]);
	jp_history_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export__table_aligns_kazakh),
		cmocka_unit_test(test_export__table_cuts_long_cells),
		cmocka_unit_test(test_export__table_mixed_text),
		cmocka_unit_test(test_export__csv_quoting),
		cmocka_unit_test(test_export__csv_neutralises_formulas),
		cmocka_unit_test(test_export__ics_one_event_per_due_date),
		cmocka_unit_test(test_export__reviews_by_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
