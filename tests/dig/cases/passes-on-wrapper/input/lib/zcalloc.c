/* zcalloc passes on what malloc returns for a size it computes itself (no size parameter
 * goes down as it is) and keeps nothing: a wrapper of malloc. obj_alloc (objs.c) hands out from its
 * own free list, which obj_free pushes back onto: an allocator of its own, refilled by malloc. */
typedef unsigned long size_t;

void *malloc(size_t n);
void free(void *p);
void *memset(void *d, int c, size_t n);
extern int errno;
#define ENOMEM 12

void *zcalloc(void *opaque, unsigned items, unsigned each)
{
	unsigned long total = (unsigned long)items * each;
	unsigned long *d;
	void *buf;
	(void)opaque;
	if (items && each != total / items) {
		errno = ENOMEM;
		return 0;
	}
	buf = malloc(total);
	if (buf) {
		d = buf;
		if (total <= 36) {
			d[0] = 0;
			d[1] = 0;
			d[2] = 0;
		} else {
			memset(buf, 0, total);
		}
	}
	return buf;
}

void zcfree(void *opaque, void *p)
{
	(void)opaque;
	free(p);
}
