/* Buffers handed out for a context: the buffer is malloc'd; a record malloc'd beside it
 * remembers it on the context's list, so list_insert_tail gets the record by value and
 * is not where the buffer comes from (`return mem->buf`). */
#include <stddef.h>

void *malloc(size_t);
void free(void *);
struct list { void *head; };
void list_insert_tail(struct list *l, void *e);

struct mem { void *next; void *buf; };
struct ctx { struct list autoalloc; };

void *
ctx_mem_alloc(struct ctx *ctx, size_t len)
{
	struct mem *mem;

	if ((mem = malloc(sizeof(*mem))) == NULL)
		return NULL;
	if ((mem->buf = malloc(len)) == NULL) {
		free(mem);
		return NULL;
	}
	list_insert_tail(&ctx->autoalloc, mem);
	return mem->buf;
}

void
ctx_mem_free(struct ctx *ctx, void *buf)
{
	struct mem *mem = ctx->autoalloc.head;
	free(mem->buf);
	free(mem);
}
