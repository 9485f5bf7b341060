/*
 * svg.c - two charts as SVG, drawn with integer geometry: the state of the
 * due dates passed by direction (stacked bars), and planned against spent
 * money by year (paired bars).  Accessible: each has a <title> and <desc>,
 * and every bar its own <title> with the figures.
 */
#include "jp.h"
#include "buf.h"
#include "budget.h"
#include "consolidated.h"

static const struct {
	const char *label;
	const char *color;
} segs[] = {
	{ "done", "#2e7d32" },
	{ "awaiting acceptance", "#81c784" },
	{ "partly", "#f9a825" },
	{ "in progress", "#1e88e5" },
	{ "not done / returned", "#c62828" },
	{ "no report", "#9e9e9e" },
};

static int seg_of(enum jp_occ_state s)
{
	switch (s) {
	case JP_OCC_DONE: return 0;
	case JP_OCC_AWAITING: return 1;
	case JP_OCC_PARTLY: return 2;
	case JP_OCC_IN_PROGRESS: return 3;
	case JP_OCC_NOT_DONE: case JP_OCC_RETURNED: return 4;
	default: return 5;
	}
}

int jp_svg_status_by_direction(const struct jp_status *st, struct jp_buf *out)
{
	enum { W = 760, LEFT = 60, BAR = 600, ROW = 30, TOP = 40 };
	size_t counts[64][JP_ARRAY_LEN(segs)], maxtotal = 1;
	size_t nd = st->ndirections < 64 ? st->ndirections : 64;
	int h = TOP + (int)nd * ROW + 70;
	char d[JP_DATE_BUFSZ];

	memset(counts, 0, sizeof(counts));
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (o->state == JP_OCC_VOID || jp_date_cmp(o->due, st->effective) >= 0)
			continue;
		for (size_t k = 0; k < nd; k++)
			if (!strcmp(st->directions[k].code, o->act->direction))
				counts[k][seg_of(o->state)]++;
	}
	for (size_t k = 0; k < nd; k++) {
		size_t t = 0;

		for (size_t s = 0; s < JP_ARRAY_LEN(segs); s++)
			t += counts[k][s];
		if (t > maxtotal)
			maxtotal = t;
	}
	jp_buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n",
		    W, h, W, h);
	jp_buf_addf(out, "<title>Due dates passed by direction, as of %s</title>\n",
		    jp_date_format(st->as_of, d));
	jp_buf_adds(out, "<desc>One bar per direction; its parts count the due dates passed by their state.</desc>\n");
	jp_buf_addf(out, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Due dates passed by direction, as of %s</text>\n",
		    LEFT, d);
	for (size_t k = 0; k < nd; k++) {
		int y = TOP + (int)k * ROW, x = LEFT;
		size_t total = 0;

		jp_buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LEFT - 8, y + 18);
		jp_buf_add_xml(out, st->directions[k].code);
		jp_buf_adds(out, "</text>\n");
		for (size_t s = 0; s < JP_ARRAY_LEN(segs); s++) {
			int w = (int)(counts[k][s] * BAR / maxtotal);

			total += counts[k][s];
			if (!counts[k][s])
				continue;
			jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"%s\">"
				    "<title>%s: %s %zu</title></rect>\n", x, y + 4, w > 0 ? w : 1,
				    segs[s].color, st->directions[k].code, segs[s].label, counts[k][s]);
			x += w;
		}
		jp_buf_addf(out, "<text x=\"%d\" y=\"%d\">%zu</text>\n", x + 6, y + 20, total);
	}
	for (size_t s = 0; s < JP_ARRAY_LEN(segs); s++) {
		int x = LEFT + (int)(s % 3) * 200, y = TOP + (int)nd * ROW + 20 + (int)(s / 3) * 20;

		jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"%d\">%s</text>\n", x, y, segs[s].color, x + 18, y + 11,
			    segs[s].label);
	}
	jp_buf_adds(out, "</svg>\n");
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

int jp_svg_money_by_year(const struct jp_plan *plan, const struct jp_history *h,
			 struct jp_date as_of, struct jp_buf *out)
{
	enum { W = 760, H = 340, LEFT = 70, BOTTOM = 290, PLOT = 240 };
	struct jp_rollup planned, spent;
	jp_money max = 1;
	char m[JP_MONEY_BUFSZ], d[JP_DATE_BUFSZ];
	int slot;

	if (jp_budget_rollup(plan, JP_GROUP_YEAR, &planned) < 0)
		return JP_ERROR;
	if (jp_budget_spent(plan, h, as_of, JP_GROUP_YEAR, &spent) < 0) {
		jp_rollup_release(&planned);
		return JP_ERROR;
	}
	for (int y = 0; y < planned.nyears; y++) {
		if (planned.all.year[y] > max)
			max = planned.all.year[y];
		if (spent.all.year[y] > max)
			max = spent.all.year[y];
	}
	slot = (W - LEFT - 20) / (planned.nyears ? planned.nyears : 1);
	jp_buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n",
		    W, H, W, H);
	jp_buf_addf(out, "<title>Planned and spent money by year, million tenge, reports made by %s</title>\n",
		    jp_date_format(as_of, d));
	jp_buf_adds(out, "<desc>Two bars a year: planned (dark) and spent as reported (light).</desc>\n");
	jp_buf_addf(out, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Planned and spent, million tenge (reports made by %s)</text>\n",
		    LEFT, d);
	jp_buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
		    LEFT, BOTTOM, W - 10, BOTTOM);
	jp_buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
		    BOTTOM - PLOT + 4, jp_money_format(max, m));
	jp_buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", LEFT - 6, BOTTOM + 4);
	for (int y = 0; y < planned.nyears; y++) {
		int x = LEFT + y * slot + slot / 6, bw = slot / 3;
		int hp = (int)(planned.all.year[y] * PLOT / max);
		int hs = (int)(spent.all.year[y] * PLOT / max);

		jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1565c0\">"
			    "<title>%d planned: %s</title></rect>\n", x, BOTTOM - hp, bw, hp,
			    planned.first_year + y, jp_money_format(planned.all.year[y], m));
		jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#90caf9\">"
			    "<title>%d spent: %s</title></rect>\n", x + bw, BOTTOM - hs, bw, hs,
			    planned.first_year + y, jp_money_format(spent.all.year[y], m));
		jp_buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
			    x + bw, BOTTOM + 18, planned.first_year + y);
	}
	jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#1565c0\"/>"
		    "<text x=\"%d\" y=\"%d\">planned</text>\n", LEFT, H - 22, LEFT + 18, H - 11);
	jp_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#90caf9\"/>"
		    "<text x=\"%d\" y=\"%d\">spent (reported)</text>\n", LEFT + 120, H - 22,
		    LEFT + 138, H - 11);
	jp_buf_adds(out, "</svg>\n");
	jp_rollup_release(&planned);
	jp_rollup_release(&spent);
	return jp_buf_oom(out) ? JP_ERROR : 0;
}
