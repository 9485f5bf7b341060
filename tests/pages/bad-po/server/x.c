/* A source with the mistakes check-po.py must catch. */
static void f(const char *lang)
{
	jp_tr(lang, "Untranslated");
	jp_tr(lang, "Missing" " everywhere");
	jp_tr(lang, N_("Marked"));
	jp_tr(lang, "Count: %zu");
	/* jp_tr(lang, "In a comment") is not a use */
}
