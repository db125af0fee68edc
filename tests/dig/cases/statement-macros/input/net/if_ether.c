/* A driver uses the macros directly: each use is a call of malloc (and free). */
#include "../sys/mbuf.h"

struct arpentry {
	int state;
};

struct arpentry *
arp_new(void)
{
	struct arpentry *a;

	MALLOC(a, struct arpentry *, sizeof *a, M_DEVBUF, M_WAITOK);
	return a;
}

void
arp_free(struct arpentry *a)
{
	FREE(a, M_DEVBUF);
}

struct mbuf *
arp_packet(void)
{
	struct mbuf *m;

	MGET(m, M_WAITOK, 1);
	return m;
}
