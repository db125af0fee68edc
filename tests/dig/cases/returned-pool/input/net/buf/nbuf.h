/* A network buffer of the pool, and the pool's free list and count (buf_init.c). */
#include <stddef.h>

struct nbuf {
	struct nbuf *next;
	int len;
	unsigned char data[256];
};

extern struct nbuf *nbuf_freelist;
extern int nbuf_navail;
