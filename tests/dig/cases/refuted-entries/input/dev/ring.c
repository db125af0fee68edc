/* A driver lays its receive ring out in the card's shared memory and returns where the
 * ring ends: it hands nothing out. Beside it a near miss: a carver over a region the
 * caller gives, which takes the size it carves (an allocator). */
struct rfd {
	unsigned short next;
	unsigned short status;
};

struct priv {
	struct rfd *rfd_first;
	int nrecv;
};

struct device {
	struct priv *priv;
};

static int rfdadd = 1;
static char *region_top;

void *memset(void *s, int c, unsigned long n);

static void *
alloc_rfa(struct device *dev, void *ptr)
{
	struct rfd *rfd = ptr;
	struct priv *p = dev->priv;
	int i;

	memset(rfd, 0, sizeof(struct rfd) * (p->nrecv + rfdadd));
	p->rfd_first = rfd;
	for (i = 0; i < p->nrecv + rfdadd; i++)
		rfd[i].next = (unsigned short)(i + 1);
	return rfd + p->nrecv + rfdadd;
}

void *
region_alloc(void *region, unsigned long size)
{
	char *p = region_top ? region_top : region;
	region_top = p + size;
	return p;
}

int
ring_init(struct device *dev, void *shmem)
{
	void *end = alloc_rfa(dev, shmem);
	char *buf = region_alloc(end, 64);
	return buf != 0;
}
