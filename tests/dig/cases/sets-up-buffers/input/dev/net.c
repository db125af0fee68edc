/* A driver's set-up step: it fills the file's own packet buffers from the lower
 * allocators and tells its caller only whether that worked (a constant status on every
 * return). Its callers get nothing from it, so it is no allocator (refute.c, "sets up its
 * own"), whatever its name says. */
#include <stddef.h>

struct pkt {
	char *data;
	size_t len;
};

extern void *malloc(size_t);
extern void free(void *);
extern void *alloc_contig(size_t, int, unsigned long *);
extern void free_contig(void *, size_t);

static char *data_buf;
static unsigned long data_phys;
static struct pkt *packets;

static int
net_alloc_bufs(void)
{
	data_buf = alloc_contig(4096, 0, &data_phys);
	if (!data_buf)
		return 12;
	packets = malloc(16 * sizeof(packets[0]));
	if (!packets) {
		free_contig(data_buf, 4096);
		return 12;
	}
	return 0;
}

int
net_init(void)
{
	if (net_alloc_bufs() != 0)
		return -1;
	return 0;
}

void
net_stop(void)
{
	free(packets);
	free_contig(data_buf, 4096);
}
