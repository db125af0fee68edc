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

struct conninfo;
struct rdev;
struct ent;
struct conninfo *getconninfo(char *dir, int fd);
void freeconninfo(struct conninfo *c);
struct rdev *get_rdev(void);
void free_rdev(struct rdev *d);
struct ent *ent_new(int proto, unsigned int saddr, unsigned short sport, unsigned int daddr, unsigned short dport,
                    unsigned flags);
void ent_free(struct ent *e);

int connect_one(char *dir)
{
	struct conninfo *c = getconninfo(dir, 3);
	struct rdev *d = get_rdev();
	struct ent *e = ent_new(6, 1, 2, 3, 4, 0);

	if (c == 0 || d == 0 || e == 0)
		return -1;
	freeconninfo(c);
	free_rdev(d);
	ent_free(e);
	return 0;
}

struct tag;
struct tag *tag_get(int type, int len, int wait);
void tag_free(struct tag *t);

int tag_one(int len)
{
	struct tag *t = tag_get(1, len, 0);

	if (t == 0)
		return -1;
	tag_free(t);
	return 0;
}
