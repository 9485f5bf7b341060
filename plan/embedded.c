/*
 * embedded.c - access to the plan document compiled into the binary.
 */
#include "jp.h"
#include "embedded.h"

extern const unsigned char jp_embedded_plan_data[];
extern const size_t jp_embedded_plan_data_len;

const char *jp_embedded_plan(size_t *len)
{
	if (len)
		*len = jp_embedded_plan_data_len;
	return (const char *)jp_embedded_plan_data;
}
