#include "../kalloc.h"

struct socket *socreate(void)
{
	struct socket *so = kzalloc(sizeof *so);
	return so;
}

void sofree(struct socket *so)
{
	kfree(so, sizeof *so);
}

struct mbuf *m_get(void)
{
	return kalloc(256);
}
