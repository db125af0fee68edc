/* A packet tag of the caller's length: a get that hands out len bytes plus its header
 * from malloc, and the free that gives them back; an allocator, sizeof or not. */
#include <stddef.h>

extern void *malloc(size_t size);
extern void free(void *p);

struct tag {
	int type;
	int len;
};

struct tag *tag_get(int type, int len, int wait)
{
	struct tag *t;

	if (len < 0)
		return NULL;
	t = malloc(len + sizeof(struct tag));
	if (t == NULL)
		return NULL;
	t->type = type;
	t->len = len;
	(void)wait;
	return t;
}

void tag_free(struct tag *t)
{
	free(t);
}
