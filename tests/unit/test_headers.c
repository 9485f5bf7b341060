/*
 * test_headers.c - the header test: the library of one file per public
 * header (generated from header_alone.c.in) links into this program, so
 * that every header compiles on its own and twice in one file.
 */
#include "jp.h"

int main(void)
{
	puts("every public header compiles on its own");
	return 0;
}
