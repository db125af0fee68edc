/* A resource arena: spans of a range, first fit over a list of free segments. */
typedef struct vmem_seg {
	unsigned long vs_start, vs_size;
	struct vmem_seg *vs_next;
} vmem_seg_t;

typedef struct vmem {
	vmem_seg_t *vm_free;
	unsigned long vm_quantum;
} vmem_t;

vmem_t *heap_arena;
static vmem_seg_t *vmem_segfree;   /* spare segment records */

void *vmem_xalloc(vmem_t *vmp, unsigned long size, unsigned long align, int vmflag)
{
	vmem_seg_t **pp, *vs;
	size = (size + vmp->vm_quantum - 1) & ~(vmp->vm_quantum - 1);
	for (pp = &vmp->vm_free; (vs = *pp) != 0; pp = &vs->vs_next) {
		if (vs->vs_size >= size && (vs->vs_start & (align - 1)) == 0) {
			vmem_seg_t *used = vmem_segfree;
			if (used == 0)
				return 0;
			vmem_segfree = used->vs_next;
			used->vs_start = vs->vs_start;
			used->vs_size = size;
			vs->vs_start += size;
			vs->vs_size -= size;
			return (void *)(vs->vs_start - size);
		}
	}
	return 0;
}

void *vmem_alloc(vmem_t *vmp, unsigned long size, int vmflag)
{
	return vmem_xalloc(vmp, size, vmp->vm_quantum, vmflag);
}

void vmem_free(vmem_t *vmp, void *addr, unsigned long size)
{
	vmem_seg_t *vs = vmem_segfree;
	if (vs == 0)
		return;
	vmem_segfree = vs->vs_next;
	vs->vs_start = (unsigned long)addr;
	vs->vs_size = size;
	vs->vs_next = vmp->vm_free;
	vmp->vm_free = vs;
}
