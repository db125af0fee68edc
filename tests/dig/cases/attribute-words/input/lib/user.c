#include <stddef.h>

typedef struct blk blk_t;
blk_t *blk_alloc(size_t n);
void blk_free(void *p);

struct conn {
	blk_t *buf;
	int fd;
};

int
conn_open(struct conn *c, int fd)
{
	c->buf = blk_alloc(512);
	c->fd = fd;
	return c->buf != NULL;
}

void
conn_close(struct conn *c)
{
	blk_free(c->buf);
}
