/* The mbuf allocator: an mbuf from the mbuf cache, set up; m_free gives it back (MFREE). */
#include <stddef.h>
#include "../sys/mbuf.h"

struct pool_cache *mb_cache;
static long mbtypes[16];

void
mbstat_type_add(int type, int n)
{
	mbtypes[type] += n;
}

struct mbuf *
m_get(int how, int type)
{
	struct mbuf *m;

	m = pool_cache_alloc(mb_cache, how);
	if (m == NULL)
		return NULL;
	mbtypes[type]++;
	m->m_type = type;
	m->m_next = NULL;
	m->m_flags = 0;
	return m;
}

struct mbuf *
m_free(struct mbuf *m)
{
	struct mbuf *n;

	MFREE(m, n);
	return n;
}

void
m_drain(struct mbuf *chain)
{
	mbtypes[MT_FREE] = 0;
	while (chain != NULL)
		chain = m_free(chain);
}
