/*
 * text.h - UTF-8 and Kazakh text helpers.
 *
 * Plan texts come from PDFs: letters spaced out ("І І М"), words broken by
 * line ends, look-alike letters.  These helpers fold case for search (the
 * Kazakh letters ә ғ қ ң ө ұ ү һ і included, through utf8proc), undo letter
 * spacing, squeeze white space and measure text for terminal tables.
 * Returned strings are the caller's, freed with jp_free.
 */
#ifndef JP_TEXT_H
#define JP_TEXT_H

/*
 * Decodes one code point at s (which must not be at its NUL).  Returns the
 * number of bytes it takes (1-4); an invalid byte decodes as U+FFFD, 1 byte.
 */
int jp_utf8_decode(const char *s, int32_t *cp);
/* FNV-1a: a 64-bit hash of n bytes, going on from h (JP_HASH_INIT to start). */
#define JP_HASH_INIT 0xcbf29ce484222325ULL
uint64_t jp_hash(uint64_t h, const void *p, size_t n);

/* Number of code points in s. */
size_t jp_utf8_len(const char *s);
/* Whether s is valid UTF-8. */
bool jp_utf8_valid(const char *s, size_t n);
/* Columns s takes in a terminal (wide characters count 2). */
size_t jp_text_width(const char *s);
/*
 * The display width of `s` when it is at most `max`, else max + 1: counting
 * stops there, so measuring a long text against a column costs the column.
 */
size_t jp_text_width_upto(const char *s, size_t max);
/* Byte length of the longest prefix of s that fits in `cols` columns. */
size_t jp_text_prefix_for_width(const char *s, size_t cols);
/* The same, and *width gets the prefix's display width. */
size_t jp_text_prefix_width(const char *s, size_t cols, size_t *width);
/*
 * jp_text_width_upto(s, max) and, in the same pass, where a cell that is
 * too wide is cut: *cut gets jp_text_prefix_width(s, max - 1, cut_width)
 * (max >= 1).  A table measures each cell once this way.
 */
size_t jp_text_measure(const char *s, size_t max, size_t *cut, size_t *cut_width);

/* Case-folded, NFKC-normalised copy for comparisons and search. */
char *jp_text_fold(const char *s);
/* Whether a and b are equal after folding. */
bool jp_text_eq_fold(const char *a, const char *b);
/*
 * The key jp_text_eq_fold compares, as a string: jp_text_eq_fold(a, b)
 * holds exactly when strcmp(key(a), key(b)) == 0, so a caller can fold
 * each distinct name once and compare keys (or ids given to keys) after.
 * The caller frees it with jp_free; NULL when out of memory.
 */
char *jp_text_fold_key(const char *s);

/*
 * Copy with letter spacing undone and white space squeezed: runs of single
 * letters separated by single spaces are joined ("І І М" -> "ІІМ",
 * "ж ұ м ы с  п е н" -> "жұмыс пен"); every other run of white space
 * becomes one space; the ends are trimmed.
 */
char *jp_text_unspace(const char *s);
/* Copy with white space runs squeezed to one space and the ends trimmed. */
char *jp_text_squeeze(const char *s);

/* Whether code point c is a letter (any script). */
bool jp_is_letter(int32_t c);
/* Whether the code point is white space (ASCII or Unicode spaces). */
bool jp_is_space(int32_t c);

#endif
