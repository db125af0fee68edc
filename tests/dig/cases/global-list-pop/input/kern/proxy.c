/* Thread proxies: a pool of records on a list this file keeps, filled at start-up from a
 * static table; a proxy is popped off the list and put back. The list helper hands out a
 * node the pool already held: the pool is self-contained. */
#include "chain.h"

typedef struct proxy {
	chain_node node;
	int id;
} proxy;

static proxy proxy_table[32];
static CHAIN_DEFINE_EMPTY(inactive_proxies);

void proxy_initialize(void)
{
	for (int i = 0; i < 32; i++)
		chain_append(&inactive_proxies, &proxy_table[i].node);
}

proxy *proxy_allocate(int id)
{
	proxy *p = (proxy *)chain_get(&inactive_proxies);
	if (p != NULL)
		p->id = id;
	return p;
}

void proxy_free(proxy *p)
{
	chain_append(&inactive_proxies, &p->node);
}
