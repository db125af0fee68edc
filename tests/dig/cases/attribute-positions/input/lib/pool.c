/*
 * A free-list allocator whose definitions carry the compiler's own extension words in every place
 * C code writes them: `__attribute__` before the type, between the type and its `*`, between
 * the `*` and the name (where the grammar takes none: the parser read
 * `void * __attribute__((used)) __wrap_calloc(...)` as a function named `__attribute__`),
 * after a prototype's parameters, on a parameter after its `*`; `__declspec`, calling
 * conventions, `__extension__`, `__inline__`, an `__asm__` label, and an old-style
 * definition with an attribute after its `*`. Every definition keeps its name, its return
 * type and its parameters, so the callers in app/ reach the allocator.
 */
#include <stddef.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t size;
};

static char pool_heap[65536];
static size_t pool_top;
static struct chunk *pool_list;

void *pool_alloc(size_t n) __attribute__((malloc, alloc_size(1)));
void *pool_calloc(size_t n, size_t s) __asm__("pool_calloc_v2");
static void pool_fill(void * __attribute__((unused)) p, size_t n);

__extension__ static __inline__ size_t
pool_round(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

void * __attribute__((used))
pool_alloc(size_t n)
{
	struct chunk *c = pool_list;
	void *p;

	n = pool_round(n + sizeof *c);
	if (c != NULL && c->size >= n) {
		pool_list = c->next;
		return c + 1;
	}
	if (pool_top + n > sizeof pool_heap)
		return NULL;
	c = (struct chunk *)&pool_heap[pool_top];
	c->size = n;
	pool_top += n;
	p = c + 1;
	return p;
}

static void
pool_fill(void * __attribute__((unused)) p, size_t n)
{
	memset(p, 0, n);
}

void *__attribute__((malloc)) __attribute__((used))
pool_calloc(size_t n, size_t s)
{
	void *p = pool_alloc(n * s);

	if (p != NULL)
		pool_fill(p, n * s);
	return p;
}

void * __declspec(restrict) __cdecl
pool_alloc_win(size_t n)
{
	return pool_alloc(n);
}

__attribute__((used)) void __attribute__((noinline))
pool_free(void *p)
{
	struct chunk *c = (struct chunk *)p - 1;

	if (p == NULL)
		return;
	c->next = pool_list;
	pool_list = c;
}

char * __attribute__((used))
pool_strdup(s)
	const char *s;
{
	size_t n = strlen(s) + 1;
	char *d = pool_alloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

void * __attribute__((used)) __wrap_calloc(size_t n, size_t s) { return pool_calloc(n, s); }
