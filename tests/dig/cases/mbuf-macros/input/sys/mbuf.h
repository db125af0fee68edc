/* Message buffers: fixed-size objects from a pool cache. The free macro is a list of
 * statements whose first is a statistics call (no rename of that call: a use calls them
 * all), defined twice under an #ifdef; both definitions give the buffer back to the
 * cache, one also traces it, so a use calls what both call. */
#ifndef SYS_MBUF_H
#define SYS_MBUF_H
#include "pool.h"

struct mbuf {
	struct mbuf *m_next;
	int m_type;
	int m_flags;
	char m_dat[200];
};

#define MT_FREE 0
#define M_EXT 1

extern struct pool_cache *mb_cache;
void mbstat_type_add(int type, int n);
void m_trace(struct mbuf *m);
void m_ext_free(struct mbuf *m);

#ifdef MBUF_TRACE
#define MFREE(m, n)						\
	mbstat_type_add((m)->m_type, -1);			\
	m_trace(m);						\
	(n) = (m)->m_next;					\
	if ((m)->m_flags & M_EXT)				\
		m_ext_free(m);					\
	else							\
		pool_cache_free(mb_cache, (m));
#else
#define MFREE(m, n)						\
	mbstat_type_add((m)->m_type, -1);			\
	(n) = (m)->m_next;					\
	if ((m)->m_flags & M_EXT)				\
		m_ext_free(m);					\
	else							\
		pool_cache_free(mb_cache, (m));
#endif

struct mbuf *m_get(int how, int type);
struct mbuf *m_free(struct mbuf *m);
#endif
