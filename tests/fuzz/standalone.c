/*
 * standalone.c - replays fuzz inputs without libFuzzer, so the seed corpora
 * run in the ordinary test run: every file named on the command line, and
 * every file in every directory named (in name order), goes once through
 * LLVMFuzzerTestOneInput.  A path that does not exist is an error.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"

#include <dirent.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	struct jp_buf b = JP_BUF_INIT;
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "standalone: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(&b, chunk, n);
	if (ferror(f) || jp_buf_oom(&b)) {
		fprintf(stderr, "standalone: cannot read '%s'\n", path);
		rc = -1;
	} else {
		/* a copy of exactly the input's size, so ASan sees overreads */
		uint8_t *copy = jp_malloc(b.len);

		if (!copy) {
			rc = -1;
		} else {
			memcpy(copy, b.ptr, b.len);
			LLVMFuzzerTestOneInput(copy, b.len);
			jp_free(copy);
		}
	}
	fclose(f);
	jp_buf_release(&b);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in dir, sorted by name; returns the count or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	long ran = 0;

	if (!d) {
		fprintf(stderr, "standalone: cannot open '%s': %s\n", dir,
			strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue; /* ".", ".." and hidden files */
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **p = jp_reallocarray(names, nc, sizeof(*p));

			if (!p)
				goto oom;
			names = p;
			cap = nc;
		}
		if (!(names[n] = jp_strdup(de->d_name)))
			goto oom;
		n++;
	}
	closedir(d);
	d = NULL;
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && ran >= 0; i++) {
		struct jp_buf path = JP_BUF_INIT;
		struct stat st;

		jp_buf_addf(&path, "%s/%s", dir, names[i]);
		if (jp_buf_oom(&path))
			ran = -1;
		else if (stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode))
			ran = run_file(path.ptr) < 0 ? -1 : ran + 1;
		jp_buf_release(&path);
	}
	for (size_t i = 0; i < n; i++)
		jp_free(names[i]);
	jp_free(names);
	return ran;
oom:
	fprintf(stderr, "standalone: out of memory\n");
	for (size_t i = 0; i < n; i++)
		jp_free(names[i]);
	jp_free(names);
	if (d)
		closedir(d);
	return -1;
}

int main(int argc, char **argv)
{
	long total = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <corpus dir or file>...\n", argv[0]);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		long ran;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "standalone: '%s': %s\n", argv[i],
				strerror(errno));
			return 1;
		}
		if (S_ISDIR(st.st_mode))
			ran = run_dir(argv[i]);
		else
			ran = run_file(argv[i]) < 0 ? -1 : 1;
		if (ran < 0)
			return 1;
		total += ran;
	}
	printf("ran %ld inputs\n", total);
	return 0;
}
