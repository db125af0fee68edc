/* Pages off a free list; page-table pages handed out by physical address. */
#include <stddef.h>
struct vm_page { struct vm_page *next; unsigned long phys_addr; int wired; };
static struct vm_page *free_pages;
void *memset(void *p, int c, size_t n);
void vm_page_wire(struct vm_page *m);

struct vm_page *
vm_page_grab(int flags)
{
	struct vm_page *m = free_pages;
	if (m)
		free_pages = m->next;
	return m;
}

void
vm_page_release(struct vm_page *m)
{
	m->next = free_pages;
	free_pages = m;
}

void
vm_page_wire(struct vm_page *m)
{
	m->wired++;
}

