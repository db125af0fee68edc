#ifndef POOL_POOL_H
#define POOL_POOL_H

#include <stddef.h>
#include "pool/opt.h"

struct pool_desc {
	size_t size;
	unsigned count;
};

#if !POOL_CHECKS
void *pool_alloc(const struct pool_desc *d);
#else
void *pool_alloc_fn(const struct pool_desc *d, const char *file, int line);
#define pool_alloc(d) pool_alloc_fn((d), __FILE__, __LINE__)
#endif
void pool_free(const struct pool_desc *d, void *p);

#endif
