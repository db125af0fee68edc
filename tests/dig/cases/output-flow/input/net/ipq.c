/* One reassembly queue entry from its pool, at raised interrupt level: the entry comes
 * from what pool_get returns, whatever else the function calls. */
#include <stddef.h>

struct pool;
struct ipqent { struct ipqent *next; int len; };

extern struct pool ipqent_pool;
static unsigned long ipqent_count;
void *pool_get(struct pool *pp, int flags);
void pool_put(struct pool *pp, void *v);
int splvm(void);
void splx(int s);

struct ipqent *
ipqent_alloc(void)
{
	struct ipqent *q;
	int s;

	s = splvm();
	q = pool_get(&ipqent_pool, 0);
	if (q != NULL)
		ipqent_count++;
	splx(s);
	return q;
}

void
ipqent_free(struct ipqent *q)
{
	int s = splvm();

	pool_put(&ipqent_pool, q);
	ipqent_count--;
	splx(s);
}
