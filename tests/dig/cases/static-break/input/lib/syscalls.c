/* A board's newlib glue: the break lives in a static of _sbrk's body, bounded by the
 * linker's symbols; nothing gives memory back. */
#include <stddef.h>
#include <errno.h>

typedef char *caddr_t;
int board_puts(const char *s);

caddr_t
_sbrk(int incr)
{
	extern char _heap;
	extern char _eheap;
	static char *heap_end = &_heap;
	char *prev_heap_end = heap_end;

	if (heap_end + incr > &_eheap) {
		board_puts("out of heap space");
		errno = ENOMEM;
		return (caddr_t)-1;
	}
	heap_end += incr;
	return (caddr_t)prev_heap_end;
}
