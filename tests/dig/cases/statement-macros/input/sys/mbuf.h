/* mbufs come from malloc through MGET, a statement macro that uses MALLOC. */
#ifndef _SYS_MBUF_H_
#define _SYS_MBUF_H_
#include "malloc.h"
#define MSIZE 256
struct mbuf {
	struct mbuf *m_next;
	int m_type;
};
struct mbuf *m_retry(int how, int type);
#define MGET(m, how, type) do { \
	MALLOC((m), struct mbuf *, MSIZE, M_MBUF, (how)); \
	if (m) { \
		(m)->m_type = (type); \
		(m)->m_next = 0; \
	} else \
		(m) = m_retry((how), (type)); \
} while (0)
#define MFREE(m, n) { (n) = (m)->m_next; FREE((m), M_MBUF); }
#endif
