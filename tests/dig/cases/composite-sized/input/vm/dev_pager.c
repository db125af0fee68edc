/* A device pager's alloc: it returns the device's pager when one is registered, or builds
 * one (the pager record from malloc, its private part from malloc, a page array from
 * kmem_alloc sized by what it computes from the mapping's size) and enters it on the
 * pager list through a call (a registry it never writes by hand). Its size is the extent of the mapping, never the size of what it returns:
 * an object built of parts, a constructor (refute.c, "composite constructor"). */
#include <stddef.h>

typedef unsigned long vm_size_t;
typedef struct pager *pager_t;

struct page { int flags; };
struct dev_pager { int dev; int npages; struct page *pages; };
struct pager { struct pager *next; void *handle; struct dev_pager *data; };

extern void *malloc(unsigned long, int, int);
extern void free(void *, int);
extern void *kmem_alloc(void *, vm_size_t, int);
extern void kmem_free(void *, void *, vm_size_t);
extern void *kernel_map;
extern void queue_enter(struct pager **, struct pager *);
extern void queue_remove(struct pager **, struct pager *);

static struct pager *dev_pager_list;

static pager_t
pager_lookup(void *handle)
{
	struct pager *p;
	for (p = dev_pager_list; p; p = p->next)
		if (p->handle == handle)
			return p;
	return NULL;
}

pager_t
dev_pager_alloc(void *handle, vm_size_t size)
{
	pager_t pager;
	struct dev_pager *devp;
	int npages;

	pager = pager_lookup(handle);
	if (pager == NULL) {
		pager = (pager_t)malloc(sizeof *pager, 1, 0);
		if (pager == NULL)
			return NULL;
		devp = (struct dev_pager *)malloc(sizeof *devp, 2, 0);
		if (devp == NULL) {
			free(pager, 1);
			return NULL;
		}
		npages = (int)((size + 4095) / 4096);
		devp->npages = npages;
		devp->pages = kmem_alloc(kernel_map, npages * sizeof(struct page), 0);
		pager->handle = handle;
		pager->data = devp;
		queue_enter(&dev_pager_list, pager);
	}
	return pager;
}

void
dev_pager_dealloc(pager_t pager)
{
	queue_remove(&dev_pager_list, pager);
	kmem_free(kernel_map, pager->data->pages, pager->data->npages * sizeof(struct page));
	free(pager->data, 2);
	free(pager, 1);
}

/* A read-only mapping's pager: it forwards what dev_pager_alloc builds, a constructor's
 * wrapper, no allocator either (refute.c, "forwarder"). */
void *
dev_pager_alloc_ro(void *handle, vm_size_t size)
{
	return dev_pager_alloc(handle, size);
}
