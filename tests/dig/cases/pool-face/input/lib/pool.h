/* A pool of fixed-size objects: a file declares one with POOL, which defines the pool's
 * storage and its in-use flags beside it; pool_alloc and pool_free work any pool. */
#ifndef POOL_H
#define POOL_H

struct pool {
	unsigned int size;
	unsigned int num;
	char *used;
	void *mem;
};

#define POOL(name, type, n)                                                                        \
	static char name##_used[n];                                                                \
	static type name##_mem[n];                                                                 \
	static struct pool name = { sizeof(type), n, name##_used, (void *)name##_mem }

void *pool_alloc(struct pool *p);
void pool_free(struct pool *p, void *obj);

#endif
