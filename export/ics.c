/*
 * ics.c - iCalendar export through libical (see ics.h).
 */
#include "jp.h"
#include "buf.h"
#include "plan.h"
#include "calendar.h"
#include "ics.h"

#include <libical/ical.h>
#include <time.h>

static struct icaltimetype ical_date(struct jp_date d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d.y;
	t.month = d.m;
	t.day = d.d;
	t.is_date = 1;
	return t;
}

int jp_ics_write(const struct jp_plan *plan, const struct jp_due_ref *items,
		 size_t n, struct jp_buf *out)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct icaltimetype stamp =
		icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
	char *text;

	if (!cal)
		return JP_ERROR;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//jospar//jospar plan calendar//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_x(plan->title));
	icalproperty_set_x_name(icalcomponent_get_first_property(cal, ICAL_X_PROPERTY),
				"X-WR-CALNAME");
	for (size_t i = 0; i < n; i++) {
		const struct jp_activity *a = items[i].act;
		const struct jp_due *due = &a->deadline.due[items[i].due];
		icalcomponent *ev = icalcomponent_new_vevent();
		struct jp_buf b = JP_BUF_INIT;
		char d[JP_DATE_BUFSZ];

		jp_buf_addf(&b, "%s-%s-%s@jospar", plan->id, a->number,
			    jp_date_format(due->date, d));
		for (char *p = b.ptr; *p; p++)
			if (*p == ' ')
				*p = '_';
		icalcomponent_add_property(ev, icalproperty_new_uid(b.ptr));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
		icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(due->date)));
		icalcomponent_add_property(ev, icalproperty_new_dtend(
			ical_date(jp_date_add_days(due->date, 1))));
		jp_buf_reset(&b);
		jp_buf_addf(&b, "№ %s: %s", a->number, a->title);
		if (due->label)
			jp_buf_addf(&b, " (%s)", due->label);
		icalcomponent_add_property(ev, icalproperty_new_summary(b.ptr));
		jp_buf_reset(&b);
		jp_buf_addf(&b, "Plan No. %s, direction %s\nCompletion form: %s\n"
			    "Executors: %s\nDeadline: %s",
			    plan->number, a->direction,
			    a->completion_form ? a->completion_form : "-",
			    a->executors_text, a->deadline_text);
		icalcomponent_add_property(ev, icalproperty_new_description(b.ptr));
		icalcomponent_add_property(ev, icalproperty_new_categories(a->direction));
		icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
		icalcomponent_add_component(cal, ev);
		if (jp_buf_oom(&b)) {
			jp_buf_release(&b);
			icalcomponent_free(cal);
			return JP_ERROR;
		}
		jp_buf_release(&b);
	}
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!text)
		return JP_ERROR;
	jp_buf_adds(out, text);
	icalmemory_free_buffer(text);
	return jp_buf_oom(out) ? JP_ERROR : 0;
}
