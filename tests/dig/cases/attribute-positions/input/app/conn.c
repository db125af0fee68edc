#include <stddef.h>

void *pool_alloc(size_t n);
void *__wrap_calloc(size_t n, size_t s);
char *pool_strdup(const char *s);
void *pool_alloc_win(size_t n);
void pool_free(void *p);

struct conn {
	char *name;
	void *buf;
	int *slots;
};

int
conn_open(struct conn *c, const char *name)
{
	c->name = pool_strdup(name);
	c->buf = pool_alloc(4096);
	c->slots = __wrap_calloc(16, sizeof(int));
	return c->buf != NULL;
}

void *
conn_scratch(void)
{
	return pool_alloc_win(256);
}

void
conn_close(struct conn *c)
{
	pool_free(c->buf);
}
