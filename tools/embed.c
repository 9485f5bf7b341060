/*
 * embed.c - turns a file into a C source file holding its bytes, so that
 * jospar carries its default plan inside the binary.
 *
 * Usage: embed INPUT OUTPUT.c SYMBOL
 * Writes `const unsigned char SYMBOL[]` (NUL-terminated) and
 * `const size_t SYMBOL_len` (without the NUL).
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	FILE *in, *out;
	size_t n = 0;
	int c;

	if (argc != 4) {
		fprintf(stderr, "usage: embed INPUT OUTPUT.c SYMBOL\n");
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	out = fopen(argv[2], "w");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	fprintf(out, "/* generated from %s by tools/embed.c; do not edit */\n", argv[1]);
	fprintf(out, "#include <stddef.h>\nextern const unsigned char %s[];\n"
		     "extern const size_t %s_len;\nconst unsigned char %s[] = {\n",
		argv[3], argv[3], argv[3]);
	while ((c = fgetc(in)) != EOF) {
		fprintf(out, "%d,%s", c, ++n % 20 ? "" : "\n");
	}
	fprintf(out, "0\n};\nconst size_t %s_len = %zu;\n", argv[3], n);
	if (ferror(in) || fclose(out) != 0) {
		fprintf(stderr, "embed: write failed\n");
		return 1;
	}
	fclose(in);
	return 0;
}
