/*
 * token_cache.h - who each API token (by its hash) stands for, kept in
 * memory at one data version (server/ files only).
 *
 * A bearer token is looked up in SQLite once; later requests find its
 * user here while the data version (jp_store_data_version) stays the
 * same.  Every write to the user and api_token tables moves that version
 * (a trigger, whichever process writes: the CLI's `user token revoke`,
 * `user disable`, `user role` as well as the server's own), and the
 * first lookup at a newer version forgets every token: a revoked token,
 * a disabled user or a new role counts from the next request on.  Only
 * tokens of enabled users are kept, with their expiry, which is checked
 * on every lookup.  Bounded by a number of tokens; thread-safe.
 */
#ifndef JP_TOKEN_CACHE_H
#define JP_TOKEN_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jp_arena;
struct jp_user;
struct token_cache;

/* A new empty cache of at most max_tokens (0: every lookup misses);
 * NULL when out of memory. */
struct token_cache *token_cache_new(size_t max_tokens);
void token_cache_free(struct token_cache *c);

/*
 * The user of the token whose hash is `hash` (64 hex digits), at data
 * version `version` and time `now`: true with *out filled (its strings
 * copied into `arena`), false when it is not kept (or has expired, or
 * out of memory).
 */
bool token_cache_get(struct token_cache *c, int64_t version, const char *hash, int64_t now,
		     struct jp_arena *arena, struct jp_user *out);

/* Keeps the user `u` of the token `hash` (expiring at `expires_at`, 0:
 * never), as read at data version `version` or later; nothing when the
 * cache has seen a newer version. */
void token_cache_put(struct token_cache *c, int64_t version, const char *hash,
		     int64_t expires_at, const struct jp_user *u);

#endif
