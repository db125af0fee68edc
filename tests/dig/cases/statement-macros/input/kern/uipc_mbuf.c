/* m_get and m_free are the functions behind the macros. */
#include "../sys/mbuf.h"

struct mbuf *
m_get(int how, int type)
{
	struct mbuf *m;

	MGET(m, how, type);
	return m;
}

struct mbuf *
m_free(struct mbuf *m)
{
	struct mbuf *n;

	MFREE(m, n);
	return n;
}

struct mbuf *
m_retry(int how, int type)
{
	(void)how;
	(void)type;
	return 0;
}
