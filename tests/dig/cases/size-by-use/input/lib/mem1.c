/* A low-level allocator whose size parameter has no size name: memMalloc(int nByte) passes
 * nByte down, in arithmetic (a size prefix), as malloc's one argument and returns what it
 * gets. What goes down as a size is a size: memMalloc is an allocation entry point (the
 * old code found only memRealloc, whose handle parameter gives it the shape). */
#include <stdlib.h>

#define LIB_MALLOC(x) malloc(x)
#define LIB_FREE(x) free(x)
#define LIB_REALLOC(x, y) realloc((x), (y))

struct mem_methods {
	void *(*xMalloc)(int);
	void (*xFree)(void *);
	void *(*xRealloc)(void *, int);
};

void lib_config(int op, ...);

static void *memMalloc(int nByte)
{
	long long *p = LIB_MALLOC(nByte + 8);
	if (p) {
		p[0] = nByte;
		p++;
	}
	return (void *)p;
}

static void memFree(void *pPrior)
{
	long long *p = (long long *)pPrior;
	p--;
	LIB_FREE(p);
}

static void *memRealloc(void *pPrior, int nByte)
{
	long long *p = (long long *)pPrior;
	p--;
	p = LIB_REALLOC(p, nByte + 8);
	if (p) {
		p[0] = nByte;
		p++;
	}
	return (void *)p;
}

void memSetDefault(void)
{
	static const struct mem_methods defaultMethods = {
		memMalloc,
		memFree,
		memRealloc,
	};
	lib_config(4, &defaultMethods);
}
