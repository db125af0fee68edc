/* Callers that use what is handed out. */
#include "../sys/mbuf.h"

struct sk_buff;
struct sk_buff *alloc_skb(unsigned int size, int gfp);
void kfree_skbmem(struct sk_buff *skb);
void *iop_allocheap(int size);
int iop_freeheap(void *addr);

int send_one(int len)
{
	struct mbuf *m = m_get(0, 1);
	struct sk_buff *skb = alloc_skb(len, 0);
	void *buf = iop_allocheap(len);

	if (m == 0 || skb == 0 || buf == 0)
		return -1;
	m_free(m);
	kfree_skbmem(skb);
	return iop_freeheap(buf);
}
