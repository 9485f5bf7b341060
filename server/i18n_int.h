/*
 * i18n_int.h - the compiled message catalogues, for server/i18n.c and the
 * table that tools/po2c.py generates from po/LANG.po at build time.
 *
 * Each catalogue's messages are sorted by strcmp() of the msgid and end
 * with a {NULL, NULL} sentinel that is not counted in `n`.
 */
#ifndef JP_I18N_INT_H
#define JP_I18N_INT_H

struct jp_msg {
	const char *id;
	const char *str;
};

struct jp_catalog {
	const char *lang;          /* "en", "kk", "ru" */
	const struct jp_msg *msgs;
	size_t n;
};

/* Sorted by language code. */
extern const struct jp_catalog jp_i18n__catalogs[];
extern const size_t jp_i18n__ncatalogs;

#endif
