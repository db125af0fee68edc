/* The library's allocation front: libMalloc takes a lock kept in a file variable and
 * mallocWithLimit checks a limit there (read, never written here), then the allocator the
 * methods table holds is called. No list, buffer or table it hands out from: lib_malloc
 * and libMalloc are wrappers of what the table points to, whatever variables they read. */
#include "config.h"

void lib_mutex_enter(void *m);
void lib_mutex_leave(void *m);
int lib_initialize(void);
const struct mem_methods *libPoolMethods(void);

static struct mem_global {
	void *mutex;
	long hardLimit;
} mem0;

static struct mem_config {
	int bMemstat;
	struct mem_methods m;
} config;

void libMemInit(void)
{
	config.m = *libPoolMethods();
}

static void mallocWithLimit(int n, void **pp)
{
	if (mem0.hardLimit > 0 && n > mem0.hardLimit) {
		*pp = 0;
		return;
	}
	*pp = config.m.xMalloc(n);
}

void *libMalloc(int n)
{
	void *p;

	if (config.bMemstat) {
		lib_mutex_enter(mem0.mutex);
		mallocWithLimit(n, &p);
		lib_mutex_leave(mem0.mutex);
	} else {
		p = config.m.xMalloc(n);
	}
	return p;
}

void *lib_malloc(int n)
{
	if (lib_initialize())
		return 0;
	return n <= 0 ? 0 : libMalloc(n);
}

void lib_free(void *p)
{
	if (p == 0)
		return;
	lib_mutex_enter(mem0.mutex);
	config.m.xFree(p);
	lib_mutex_leave(mem0.mutex);
}

int lib_count(void)
{
	char *a = lib_malloc(10), *b = lib_malloc(20), *c = lib_malloc(30);

	lib_free(a);
	lib_free(b);
	lib_free(c);
	return 3;
}
