/*
 * history.c - the history's lifecycle and status names (see history.h).
 */
#include "jp.h"
#include "history.h"
#include "account.h"

static const char *const status_names[] = {
	[JP_REPORT_DONE] = "done",
	[JP_REPORT_PARTLY] = "partly",
	[JP_REPORT_NOT_DONE] = "not-done",
	[JP_REPORT_IN_PROGRESS] = "in-progress",
};

void jp_history_release(struct jp_history *h)
{
	if (!h)
		return;
	jp_arena_release(&h->arena);
	memset(h, 0, sizeof(*h));
}

int jp_report_status_parse(const char *s)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(status_names); i++)
		if (!strcmp(s, status_names[i]))
			return (int)i;
	return -1;
}

const char *jp_report_status_name(enum jp_report_status s)
{
	return (size_t)s < JP_ARRAY_LEN(status_names) ? status_names[s] : "unknown";
}

static const char *const role_names[] = {
	[JP_ROLE_VIEWER] = "viewer",
	[JP_ROLE_EXECUTOR] = "executor",
	[JP_ROLE_COORDINATOR] = "coordinator",
	[JP_ROLE_ADMIN] = "admin",
};

int jp_role_parse(const char *s)
{
	for (size_t i = 1; i < JP_ARRAY_LEN(role_names); i++)
		if (!strcmp(s, role_names[i]))
			return (int)i;
	return -1;
}

const char *jp_role_name(enum jp_role r)
{
	return r >= JP_ROLE_VIEWER && r <= JP_ROLE_ADMIN ? role_names[r] : "unknown";
}
