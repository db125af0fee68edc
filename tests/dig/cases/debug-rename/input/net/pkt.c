#include "../include/heap.h"

struct pkt {
	int len;
	char *data;
};

void *pkt_buf_alloc(unsigned int size)
{
	return heap_alloc(size, 0);
}

void pkt_buf_free(void *p)
{
	heap_free(p);
}

int pkt_send(struct pkt *p, unsigned int len)
{
	p->data = pkt_buf_alloc(len);
	if (!p->data)
		return -1;
	p->len = len;
	pkt_buf_free(p->data);
	return 0;
}
