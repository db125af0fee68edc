/* A region allocator whose methods are written for both compilers: the prototype's
 * declarator under `#if __STD_C`, the old-style header and its parameter declarations under
 * `#else`. The parser must read one of the two (the first), with its parameter types:
 * bestalloc takes the region as a handle and hands out memory from its free list, bestfree
 * puts it back. */
typedef unsigned long size_t;

struct block { struct block *next; size_t size; };
struct region { struct block *free; int lock; };

#if __STD_C
static void *bestalloc(struct region *vm, size_t size, int local)
#else
static void *bestalloc(vm, size, local)
struct region *vm;	/* region allocating from */
size_t size;		/* desired block size */
int local;		/* internal call */
#endif
{
	struct block *b, **bp;

	for (bp = &vm->free; (b = *bp) != 0; bp = &b->next)
		if (b->size >= size) {
			*bp = b->next;
			return (void *)(b + 1);
		}
	return 0;
}

#if __STD_C
static int bestfree(struct region *vm, void *data, int local)
#else
static int bestfree(vm, data, local)
struct region *vm;
void *data;
int local;
#endif
{
	struct block *b = (struct block *)data - 1;

	b->next = vm->free;
	vm->free = b;
	return 0;
}

struct method { void *(*allocf)(struct region *, size_t, int); int (*freef)(struct region *, void *, int); };

struct method Vmbest = { bestalloc, bestfree };
