/*
 * ledger_int.h - what the ledger's files share (ledger/ only).
 */
#ifndef JP_LEDGER_INT_H
#define JP_LEDGER_INT_H

#include "ledger.h"

#include <jansson.h>

/* Appends the audit entry of the actor's action; consumes before/after. */
int jp_ledger__audit(struct jp_ledger *l, const char *action, const char *object,
		     json_t *before, json_t *after, struct jp_error *err);
/* JP_EDENIED: "a ROLE may not WHAT". */
int jp_ledger__deny(const struct jp_ledger *l, const char *what, struct jp_error *err);
/* Whether the actor's role is at least `role`. */
bool jp_ledger__role_at_least(const struct jp_ledger *l, enum jp_role role);

#endif
