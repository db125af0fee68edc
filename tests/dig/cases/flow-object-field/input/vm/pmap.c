/* Page-table pages: a page from vm_page_grab, handed out by its physical address (a field
 * of the page record, which no call here fills: it came with the page); the two
 * kmem_alloc'd records only remember it. */
#include <stddef.h>

struct vm_page { struct vm_page *next; unsigned long phys_addr; int wired; };
struct ptp { unsigned long pa; struct ptp *next; };
struct vm_page *vm_page_grab(int flags);
void vm_page_release(struct vm_page *m);
void vm_page_wire(struct vm_page *m);
void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);

static struct ptp *ptps, *ptps_wired;

unsigned long
pt_page_alloc(void)
{
	struct vm_page *m;
	struct ptp *rec, *wrec;
	unsigned long pa;

	while ((m = vm_page_grab(1)) == NULL)
		;
	pa = m->phys_addr;
	vm_page_wire(m);
	rec = kmem_alloc(sizeof(*rec), 0);
	rec->pa = pa;
	rec->next = ptps;
	ptps = rec;
	wrec = kmem_alloc(sizeof(*wrec), 0);
	wrec->pa = pa;
	wrec->next = ptps_wired;
	ptps_wired = wrec;
	return pa;
}

void
pt_page_free(unsigned long pa)
{
	struct ptp *rec = ptps;
	ptps = rec->next;
	kmem_free(rec, sizeof(*rec));
	vm_page_release((struct vm_page *)pa);
}
