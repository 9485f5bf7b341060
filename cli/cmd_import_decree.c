/*
 * cmd_import_decree.c - `jospar import-decree FILE.txt [-o plan.json]`:
 * rebuild a plan document from a decree's published text, with a review
 * file of the fields the importer is unsure of and a summary on stderr.
 */
#include "cli.h"
#include "alloc.h"
#include "plan.h"
#include "decree.h"

static const char *opt_output, *opt_review, *opt_id;
static bool opt_quiet;

const struct cli_opt *opts_import_decree(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "output", 'o', &opt_output, "FILE",
		  "write the plan document to FILE (and FILE's .review.json beside it); '-': standard output" },
		{ OPT_STRING, "review", 0, &opt_review, "FILE",
		  "write the review flags to FILE" },
		{ OPT_STRING, "id", 0, &opt_id, "ID",
		  "the plan's id (default: kz-<year>-<number> from the text)" },
		{ OPT_BOOL, "quiet", 'q', &opt_quiet, NULL, "print no summary" },
		OPT_END_MARK
	};
	return o;
}

static int read_text(const char *path, struct jp_buf *b, struct jp_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;
	bool failed;

	if (!f)
		return jp_error_set(err, errno == ENOENT ? JP_ENOTFOUND : JP_ERROR,
				    "cannot open '%s': %s", path, strerror(errno));
	jp_buf_set_limit(b, JP_DECREE_MAX_BYTES + 1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(b, chunk, n);
	failed = ferror(f) != 0;
	if (f != stdin)
		fclose(f);
	if (failed)
		return jp_error_set(err, JP_ERROR, "cannot read '%s'", path);
	if (jp_buf_oom(b))
		return jp_error_set(err, JP_EINVALID, "'%s' is larger than %u bytes", path,
				    JP_DECREE_MAX_BYTES);
	return 0;
}

/* "plan.json" -> "plan.review.json"; "plan" -> "plan.review.json". */
static void review_path(const char *out, struct jp_buf *b)
{
	size_t n = strlen(out);

	if (n > 5 && !strcmp(out + n - 5, ".json"))
		n -= 5;
	jp_buf_add(b, out, n);
	jp_buf_adds(b, ".review.json");
}

static void summary(const struct jp_decree *d, const char *path,
		    const char *review)
{
	const struct jp_plan *p = d->plan;
	const struct jp_decree_counts *n = &d->counts;
	char date[JP_DATE_BUFSZ];

	fprintf(stderr, "%s: %zu lines: decree No. %s of %s, plan '%s', %d-%d",
		path, n->lines, p->number, jp_date_format(p->approved, date), p->id,
		p->period_from, p->period_to);
	if (p->namendments)
		fprintf(stderr, ", %zu amendment%s", p->namendments,
			p->namendments == 1 ? "" : "s");
	if (p->repealed)
		fprintf(stderr, ", repealed by No. %s of %s", p->repeal.number,
			jp_date_format(p->repeal.date, date));
	fprintf(stderr, "\n  recovered: %zu activities (%zu with money), %zu directions, "
		"%zu tasks, %zu result indicators, %zu objectives, %zu target indicators, "
		"%zu yearly targets, %zu glossary entries%s%s%s\n",
		n->activities, n->budgets, n->directions, n->tasks, n->result_indicators,
		n->objectives, n->target_indicators, n->targets, n->glossary,
		p->goal ? ", the goal" : "", p->grand_total.present ? ", the grand total" : "",
		p->footnote ? ", the footnote" : "");
	fputs("  missing:", stderr);
	if (!d->nmissing)
		fputs(" nothing", stderr);
	for (size_t i = 0; i < d->nmissing; i++)
		fprintf(stderr, "%s %s", i ? "," : "", d->missing[i]);
	fprintf(stderr, "\n  flagged for review: %zu low, %zu medium%s%s%s\n",
		n->flags_low, n->flags_medium, review ? " (see " : "",
		review ? review : "", review ? ")" : "");
}

int cmd_import_decree(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf text = JP_BUF_INIT, doc = JP_BUF_INIT, rev = JP_BUF_INIT,
		      rpath = JP_BUF_INIT;
	struct jp_decree_opts opts = JP_DECREE_OPTS_INIT;
	struct jp_decree *d = NULL;
	const char *review = opt_review;
	int rc;

	if (argc != 1)
		return cli_error(CLI_USAGE,
				 "import-decree: give one text file (see 'jospar import-decree --help')");
	opts.id = opt_id;
	if (read_text(argv[0], &text, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	if (jp_decree_import(&d, text.ptr, text.len, &opts, &err) < 0) {
		jp_error_prefix_where(&err, argv[0]);
		rc = cli_report(&err);
		goto done;
	}
	if (jp_decree_plan_json(d, &doc) < 0) {
		rc = cli_error(CLI_ERROR, "out of memory");
		goto done;
	}
	if (!review && opt_output && strcmp(opt_output, "-")) {
		review_path(opt_output, &rpath);
		review = rpath.ptr;
	}
	if ((rc = cli_write(c, &doc, opt_output)) != CLI_OK)
		goto done;
	if (review) {
		if (jp_decree_review_json(d, &rev) < 0) {
			rc = cli_error(CLI_ERROR, "out of memory");
			goto done;
		}
		if ((rc = cli_write(c, &rev, review)) != CLI_OK)
			goto done;
	}
	if (!opt_quiet)
		summary(d, argv[0], review);
	rc = CLI_OK;
done:
	jp_decree_free(d);
	jp_buf_release(&text);
	jp_buf_release(&doc);
	jp_buf_release(&rev);
	jp_buf_release(&rpath);
	return rc;
}
