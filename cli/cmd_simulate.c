/*
 * cmd_simulate.c - `jospar simulate --seed N --as-of DATE`: a synthetic
 * history for demos and benchmarks, replacing any earlier one.
 */
#include "cli.h"
#include "alloc.h"
#include "arena.h"
#include "ledger.h"
#include "simulate.h"

static const char *opt_seed;
static bool opt_clear;

const struct cli_opt *opts_simulate(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "seed", 0, &opt_seed, "N", "the random seed (default 1)" },
		{ OPT_BOOL, "clear", 0, &opt_clear, NULL, "only remove the synthetic history" },
		OPT_END_MARK
	};
	return o;
}

int cmd_simulate(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_history h = JP_HISTORY_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_ledger l;
	uint64_t seed = 1;
	char d[JP_DATE_BUFSZ];
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "simulate: unexpected argument '%s'", argv[0]);
	if (opt_seed) {
		char *end;

		errno = 0;
		seed = strtoull(opt_seed, &end, 10);
		if (*end || end == opt_seed || errno)
			return cli_error(CLI_USAGE, "simulate: --seed: '%s' is not a whole number", opt_seed);
	}
	if (!opt_clear && jp_simulate(c->plan, seed, c->as_of, &h) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if ((rc = cli_ledger_as_of(c, NULL, &l, &arena)) == CLI_OK &&
	    jp_ledger_simulate(&l, opt_clear ? NULL : &h, (unsigned long long)seed, c->as_of,
			       &err) < 0)
		rc = cli_report(&err);
	jp_arena_release(&arena);
	if (rc != CLI_OK) {
		jp_history_release(&h);
		return rc;
	}
	if (opt_clear)
		fprintf(c->out, "synthetic history of plan '%s' removed\n", c->plan->id);
	else
		fprintf(c->out, "synthetic history of plan '%s' up to %s (seed %llu): %zu reports, "
			"%zu reviews, %zu indicator actuals; all marked synthetic\n",
			c->plan->id, jp_date_format(c->as_of, d), (unsigned long long)seed,
			h.nreports, h.nreviews, h.nactuals);
	jp_history_release(&h);
	return CLI_OK;
}
