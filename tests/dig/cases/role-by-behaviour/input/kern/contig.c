/* Page-level by what it takes from: it unlinks runs of pages off the page free list itself
 * (a kalloc'd bit array is only its scratch), and free_contig_mem links them back. */
struct vm_page { struct vm_page *next; unsigned long phys; };
struct vm_page *vm_page_queue_free;
void *kalloc(unsigned long size);
void kfree(void *p, unsigned long size);

void *alloc_contig_mem(unsigned long size)
{
	unsigned long npages = (size + 4095) / 4096, got = 0;
	unsigned char *bits = kalloc(npages);
	struct vm_page *first = vm_page_queue_free, *p = first;

	if (bits == 0)
		return 0;
	while (p != 0 && got < npages) {
		bits[got++] = 1;
		p = p->next;
	}
	vm_page_queue_free = p;
	kfree(bits, npages);
	return first ? (void *)first->phys : 0;
}

void free_contig_mem(void *addr, unsigned long size)
{
	struct vm_page *p = addr;
	(void)size;
	p->next = vm_page_queue_free;
	vm_page_queue_free = p;
}
