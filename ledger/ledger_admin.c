/*
 * ledger_admin.c - the ledger's other actions (see ledger.h): indicators,
 * plans and amendments, users and API tokens; and the secrets they use
 * (argon2id passwords, random tokens) through libsodium.
 */
#include "jp.h"
#include "alloc.h"
#include "amend.h"
#include "arena.h"
#include "error.h"
#include "indicator.h"
#include "load.h"
#include "money.h"
#include "plan.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "ledger_int.h"

#include <sodium.h>
#include <time.h>

int jp_password_hash(char out[128], const char *password, struct jp_error *err)
{
	if (sodium_init() < 0)
		return jp_error_set(err, JP_ERROR, "libsodium cannot start");
	if (strlen(password) < 8)
		return jp_error_at(err, JP_EINVALID, "password", "a password needs at least 8 characters");
	if (strlen(password) > JP_NAME_MAX)
		return jp_error_at(err, JP_EINVALID, "password", "a password is at most %d bytes",
				   JP_NAME_MAX);
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return jp_error_set(err, JP_ERROR, "out of memory while hashing the password");
	return 0;
}

bool jp_password_verify(const char *hash, const char *password)
{
	return sodium_init() >= 0 &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void jp_token_new(char out[65])
{
	unsigned char raw[32];

	if (sodium_init() < 0)
		JP_BUG("libsodium cannot start");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void jp_token_hash(char out[65], const char *token)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Runs fn in one transaction with its audit entry: kept only if both succeed. */
static int atomic_end(struct jp_ledger *l, bool owned, int rc, struct jp_error *err)
{
	if (rc < 0) {
		jp_store_tx_end(l->st, owned, false, NULL);
		return rc;
	}
	return jp_store_tx_end(l->st, owned, true, err);
}

/* The target an indicator input names; fills *ref and *k. */
static int pick_target(const struct jp_ledger *l, const struct jp_indicator_input *in,
		       struct jp_ind_ref **refs, const struct jp_ind_ref **ref, size_t *k,
		       struct jp_error *err)
{
	size_t n, found = 0;

	if (jp_indicators_list(l->plan, refs, &n) < 0)
		return jp_error_set(err, JP_ERROR, "out of memory");
	*ref = jp_indicator_find(*refs, n, in->indicator ? in->indicator : "");
	if (!*ref)
		return jp_error_at(err, JP_ENOTFOUND, "indicator", "no indicator '%s' in plan '%s'",
				   in->indicator ? in->indicator : "", l->plan->id);
	if (in->target) {
		if (in->target < 1 || (size_t)in->target > (*ref)->ind->ntargets)
			return jp_error_at(err, JP_EINVALID, "target", "%s has targets 1 to %zu",
					   (*ref)->id, (*ref)->ind->ntargets);
		*k = (size_t)in->target - 1;
		if (in->year && (*ref)->ind->targets[*k].year != in->year)
			return jp_error_at(err, JP_EINVALID, "target", "target %d of %s is for %d, not %d",
					   in->target, (*ref)->id, (*ref)->ind->targets[*k].year, in->year);
		return 0;
	}
	if (!in->year)
		return jp_error_at(err, JP_EINVALID, "year", "give the year or the target");
	for (size_t i = 0; i < (*ref)->ind->ntargets; i++)
		if ((*ref)->ind->targets[i].year == in->year) {
			found++;
			*k = i;
		}
	if (!found)
		return jp_error_at(err, JP_EINVALID, "year", "%s has no target for %d", (*ref)->id,
				   in->year);
	if (found > 1)
		return jp_error_at(err, JP_EINVALID, "target", "%s has %zu targets for %d: give the target",
				   (*ref)->id, found, in->year);
	return 0;
}

/* What both indicator actions check; *date gets the day that counts. */
static int check_indicator(const struct jp_ledger *l, const struct jp_indicator_input *in,
			   const char *what, struct jp_date *date, struct jp_error *err)
{
	struct jp_error e = JP_ERROR_INIT;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_COORDINATOR))
		return jp_ledger__deny(l, what, err);
	if (!in->value || jp_money_parse(&(jp_money){ 0 }, in->value, &e) < 0)
		return jp_error_at(err, JP_EINVALID, "value", "value: a decimal number like \"3.6\"%s%s",
				   in->value ? ": " : "", in->value ? e.msg : "");
	if ((rc = jp_text_limit_check("the note", in->note, JP_REASON_MAX, err)) < 0)
		return rc;
	*date = in->date.y ? in->date : l->today;
	if (jp_date_cmp(*date, l->today) > 0)
		return jp_error_at(err, JP_EINVALID, "date", "the date is in the future");
	return 0;
}

/*
 * Both indicator actions: check, find the target, store the actual (a) or
 * the revision (r: the one not NULL) and audit it, in one transaction.
 */
static int indicator_change(struct jp_ledger *l, const struct jp_indicator_input *in,
			    struct jp_actual *a, struct jp_revision *r, struct jp_error *err)
{
	struct jp_ind_ref *refs = NULL;
	const struct jp_ind_ref *ref = NULL;
	struct jp_date date;
	size_t k = 0;
	bool owned = false;
	int rc;

	if ((rc = check_indicator(l, in, a ? "record indicator values" : "revise indicator targets",
				  &date, err)) < 0 ||
	    (rc = pick_target(l, in, &refs, &ref, &k, err)) < 0)
		goto done;
	if (r && (!in->note || !*in->note)) {
		rc = jp_error_at(err, JP_EINVALID, "reason", "give a reason for revising the target");
		goto done;
	}
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		goto done;
	if (a) {
		*a = (struct jp_actual){ 0, ref->id, ref->ind->targets[k].year, (int)k, in->value,
					 in->note, date, l->actor.login, false };
		rc = jp_store_add_actual(l->st, l->plan->id, a, err);
		if (rc == 0)
			rc = jp_ledger__audit(l, "indicator.actual", ref->id, NULL,
					      json_pack("{s:i, s:i, s:s, s:s?}", "year", a->year, "target",
							(int)k + 1, "value", a->value, "source", a->source),
					      err);
		a->indicator = in->indicator;   /* ref->id dies with refs */
	} else {
		*r = (struct jp_revision){ 0, ref->id, (int)k, in->value, in->note, date,
					   l->actor.login };
		rc = jp_store_add_revision(l->st, l->plan->id, r, err);
		if (rc == 0)
			rc = jp_ledger__audit(l, "indicator.revise", ref->id,
					      json_pack("{s:i, s:s}", "target", (int)k + 1, "value",
							ref->ind->targets[k].value),
					      json_pack("{s:i, s:s, s:s}", "target", (int)k + 1, "value",
							r->value, "reason", r->reason), err);
		r->indicator = in->indicator;
	}
	rc = atomic_end(l, owned, rc, err);
done:
	jp_free(refs);
	return rc;
}

int jp_ledger_actual(struct jp_ledger *l, const struct jp_indicator_input *in,
		     struct jp_actual *out, struct jp_error *err)
{
	struct jp_actual a;

	return indicator_change(l, in, out ? out : &a, NULL, err);
}

int jp_ledger_revision(struct jp_ledger *l, const struct jp_indicator_input *in,
		       struct jp_revision *out, struct jp_error *err)
{
	struct jp_revision r;

	return indicator_change(l, in, NULL, out ? out : &r, err);
}

int jp_ledger_store_plan(struct jp_ledger *l, const char *doc, size_t len, bool replace,
			 struct jp_plan **plan_out, struct jp_error *err)
{
	struct jp_plan *plan = NULL;
	bool owned = false;
	char hash[32];
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "store plans", err);
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_load_store_plan(l->st, doc, len, replace, &plan, err)) < 0)
		return atomic_end(l, owned, rc, err);
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)jp_store_hash(doc, len));
	rc = jp_ledger__audit(l, "plan.load", plan->id, NULL,
			      json_pack("{s:s, s:I, s:s, s:b}", "number", plan->number, "activities",
					(json_int_t)plan->nactivities, "hash", hash, "replace", replace),
			      err);
	rc = atomic_end(l, owned, rc, err);
	if (rc == 0 && plan_out)
		*plan_out = plan;
	else
		jp_plan_free(plan);
	return rc;
}

int jp_ledger_add_amendment(struct jp_ledger *l, const char *doc, size_t len,
			    struct jp_amendment_info *info, struct jp_error *err)
{
	struct jp_amendment_info i;
	bool owned = false;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "store amendments", err);
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	rc = jp_load_add_amendment(l->st, doc, len, &i, err);
	if (rc == 0) {
		char d[JP_DATE_BUFSZ];

		rc = jp_ledger__audit(l, "amendment.add", i.number, NULL,
				      json_pack("{s:s, s:s, s:I, s:I, s:I}", "plan", i.plan, "date",
						jp_date_format(i.date, d), "added", (json_int_t)i.nadd,
						"changed", (json_int_t)i.nchange, "removed",
						(json_int_t)i.nremove), err);
	}
	rc = atomic_end(l, owned, rc, err);
	if (rc == 0 && info)
		*info = i;
	return rc;
}

int jp_ledger_simulate(struct jp_ledger *l, struct jp_history *h, unsigned long long seed,
		       struct jp_date until, struct jp_error *err)
{
	char d[JP_DATE_BUFSZ], seed_text[24];
	bool owned = false;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "replace the synthetic history", err);
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_store_delete_synthetic(l->st, l->plan->id, err)) < 0)
		return atomic_end(l, owned, rc, err);
	if (h && (rc = jp_store_add_reports(l->st, l->plan->id, h->reports, h->nreports, err)) < 0)
		return atomic_end(l, owned, rc, err);
	for (size_t i = 0; h && i < h->nreviews; i++) {
		struct jp_review *v = &h->reviews[i];

		if (v->report < 1 || (size_t)v->report > h->nreports) {
			rc = jp_error_set(err, JP_EINVALID, "review %zu refers to no report", i + 1);
			return atomic_end(l, owned, rc, err);
		}
		v->report = h->reports[v->report - 1].id;
		if ((rc = jp_store_add_review(l->st, v, err)) < 0)
			return atomic_end(l, owned, rc, err);
	}
	for (size_t i = 0; h && i < h->nactuals; i++)
		if ((rc = jp_store_add_actual(l->st, l->plan->id, &h->actuals[i], err)) < 0)
			return atomic_end(l, owned, rc, err);
	snprintf(seed_text, sizeof(seed_text), "%llu", seed);
	rc = h ? jp_ledger__audit(l, "history.simulate", l->plan->id, NULL,
				  json_pack("{s:I, s:I, s:I, s:s, s:s}",
					    "reports", (json_int_t)h->nreports,
					    "reviews", (json_int_t)h->nreviews,
					    "actuals", (json_int_t)h->nactuals,
					    "seed", seed_text, "until", jp_date_format(until, d)),
				  err)
	       : jp_ledger__audit(l, "history.simulate", l->plan->id, NULL,
				  json_pack("{s:b}", "cleared", 1), err);
	return atomic_end(l, owned, rc, err);
}

int jp_ledger_user_add(struct jp_ledger *l, const struct jp_user *u, const char *password,
		       struct jp_error *err)
{
	struct jp_user v = *u;
	char hash[128];
	bool owned = false;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "add users", err);
	if (!v.login || !*v.login)
		return jp_error_at(err, JP_EINVALID, "login", "give a login");
	if ((rc = jp_text_limit_check("the login", v.login, JP_NAME_MAX, err)) < 0)
		return rc;
	if (v.agency && !*v.agency)
		v.agency = NULL;
	if ((v.role == JP_ROLE_EXECUTOR) != (v.agency != NULL))
		return jp_error_at(err, JP_EINVALID, "agency",
				   "an executor needs an agency, and only an executor has one");
	if (v.agency && l->plan && !jp_plan_find_agency(l->plan, v.agency) &&
	    !jp_plan_names_agency(l->plan, v.agency))
		return jp_error_at(err, JP_EINVALID, "agency", "'%s' is no executor of plan '%s'",
				   v.agency, l->plan->id);
	if (!password)
		return jp_error_at(err, JP_EINVALID, "password", "give a password");
	if ((rc = jp_password_hash(hash, password, err)) < 0)
		return rc;
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	rc = jp_store_user_add(l->st, &v, hash, NULL, err);
	if (rc == 0)
		rc = jp_ledger__audit(l, "user.add", v.login, NULL,
				      json_pack("{s:s, s:s, s:s?}", "login", v.login, "role",
						jp_role_name(v.role), "agency", v.agency), err);
	sodium_memzero(hash, sizeof(hash));
	return atomic_end(l, owned, rc, err);
}

int jp_ledger_user_passwd(struct jp_ledger *l, const char *login, const char *password,
			  struct jp_error *err)
{
	char hash[128];
	bool owned = false;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN) && strcmp(l->actor.login, login))
		return jp_ledger__deny(l, "change another user's password", err);
	if (!password)
		return jp_error_at(err, JP_EINVALID, "password", "give a password");
	if ((rc = jp_password_hash(hash, password, err)) < 0)
		return rc;
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	rc = jp_store_user_set_password(l->st, login, hash, err);
	if (rc == 0)
		rc = jp_store_user_end_sessions(l->st, login, err);
	if (rc == 0)
		rc = jp_ledger__audit(l, "user.passwd", login, json_pack("{s:s}", "password", "old"),
				      json_pack("{s:s, s:b}", "password", "new", "sessions_ended", 1),
				      err);
	sodium_memzero(hash, sizeof(hash));
	return atomic_end(l, owned, rc, err);
}

int jp_ledger_user_disable(struct jp_ledger *l, const char *login, struct jp_error *err)
{
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_user u;
	bool owned = false;
	int rc;

	if (!jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "disable users", err);
	if (!strcmp(login, l->actor.login))
		return jp_error_set(err, JP_ECONFLICT, "'%s' may not disable itself", login);
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_store_user_get(l->st, login, &arena, &u, NULL, err)) == 0 && u.disabled)
		rc = jp_error_set(err, JP_ECONFLICT, "user '%s' is disabled already", login);
	if (rc == 0)
		rc = jp_store_user_disable(l->st, login, err);
	if (rc == 0)
		rc = jp_ledger__audit(l, "user.disable", login, json_pack("{s:b}", "disabled", 0),
				      json_pack("{s:b}", "disabled", 1), err);
	rc = atomic_end(l, owned, rc, err);
	jp_arena_release(&arena);
	return rc;
}

int jp_ledger_token_create(struct jp_ledger *l, const char *login, const char *label,
			   int days, char token_out[65], int64_t *id_out, struct jp_error *err)
{
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_user u;
	char token[65], hash[65], obj[96];
	int64_t id = 0, expires;
	bool owned = false;
	int rc;

	if (!login)
		login = l->actor.login;
	if (strcmp(login, l->actor.login) && !jp_ledger__role_at_least(l, JP_ROLE_ADMIN))
		return jp_ledger__deny(l, "create tokens for other users", err);
	if (days < 0 || days > 3660)
		return jp_error_at(err, JP_EINVALID, "days", "a token lives 1 to 3660 days");
	if ((rc = jp_text_limit_check("the label", label, JP_NAME_MAX, err)) < 0)
		return rc;
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_store_user_get(l->st, login, &arena, &u, NULL, err)) < 0)
		goto done;
	if (u.disabled) {
		rc = jp_error_set(err, JP_ECONFLICT, "user '%s' is disabled", login);
		goto done;
	}
	jp_token_new(token);
	jp_token_hash(hash, token);
	expires = (int64_t)time(NULL) + (int64_t)(days ? days : JP_TOKEN_DAYS_DEFAULT) * 86400;
	if ((rc = jp_store_token_add_expiring(l->st, hash, u.id, label, expires, &id, err)) < 0)
		goto done;
	snprintf(obj, sizeof(obj), "token/%lld", (long long)id);
	rc = jp_ledger__audit(l, "token.create", obj, NULL,
			      json_pack("{s:s, s:s?, s:I}", "login", login, "label", label,
					"expires_at", (json_int_t)expires), err);
done:
	rc = atomic_end(l, owned, rc, err);
	if (rc == 0) {
		memcpy(token_out, token, 65);
		if (id_out)
			*id_out = id;
	}
	sodium_memzero(token, sizeof(token));
	jp_arena_release(&arena);
	return rc;
}

int jp_ledger_token_revoke(struct jp_ledger *l, int64_t id, struct jp_error *err)
{
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_token_info t;
	char obj[96];
	bool owned = false;
	int rc;

	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_store_token_info(l->st, id, &arena, &t, err)) < 0)
		goto done;
	if (strcmp(t.login, l->actor.login) && !jp_ledger__role_at_least(l, JP_ROLE_ADMIN)) {
		rc = jp_ledger__deny(l, "revoke other users' tokens", err);
		goto done;
	}
	if ((rc = jp_store_token_revoke(l->st, id, err)) < 0)
		goto done;
	snprintf(obj, sizeof(obj), "token/%lld", (long long)id);
	rc = jp_ledger__audit(l, "token.revoke", obj,
			      json_pack("{s:s, s:s?, s:b}", "login", t.login, "label", t.label,
					"valid", 1),
			      json_pack("{s:b}", "valid", 0), err);
done:
	rc = atomic_end(l, owned, rc, err);
	jp_arena_release(&arena);
	return rc;
}
