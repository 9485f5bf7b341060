/*
 * i18n.c - message look-up in the catalogues compiled from po/LANG.po
 * (tools/po2c.py), by binary search.  Nothing is allocated; the strings
 * live in the binary, so jp_tr() is safe from any thread.
 */
#include "jp.h"
#include "pages.h"
#include "i18n_int.h"

#define JP_DEFAULT_LANG "kk"

static const struct jp_catalog *catalog(const char *lang)
{
	for (size_t i = 0; i < jp_i18n__ncatalogs; i++)
		if (!strcmp(jp_i18n__catalogs[i].lang, lang))
			return &jp_i18n__catalogs[i];
	return NULL;
}

bool jp_lang_supported(const char *lang)
{
	return lang && catalog(lang) != NULL;
}

const char *jp_tr(const char *lang, const char *msgid)
{
	const struct jp_catalog *cat;
	size_t lo = 0, hi;

	assert(msgid);
	cat = catalog(lang ? lang : JP_DEFAULT_LANG);
	if (!cat)
		return msgid;
	hi = cat->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(cat->msgs[mid].id, msgid);

		if (!c)
			return cat->msgs[mid].str;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return msgid;
}
