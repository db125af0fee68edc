/* A hook's feed state: built with its buffer, which the release takes apart. */
#include <stdlib.h>
#include "compat.h"
struct feed_state { struct strbuf buf; int index; void *refs; };
static void *feed_state_alloc(void *ctx)
{
	struct feed_state *data;
	CALLOC_ARRAY(data, 1);
	strbuf_init(&data->buf, 0);
	data->refs = ctx;
	return data;
}
static void feed_state_free(void *p)
{
	struct feed_state *d = p;
	if (!d)
		return;
	strbuf_release(&d->buf);
	free(d);
}
struct hook_opt { void *(*alloc)(void *); void (*free)(void *); };
void run_hook(struct hook_opt *opt)
{
	opt->alloc = feed_state_alloc;
	opt->free = feed_state_free;
}
