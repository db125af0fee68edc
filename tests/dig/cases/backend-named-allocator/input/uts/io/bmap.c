/* The import function of a mapping arena: spans of the arena it is given, aligned. */
typedef struct vmem vmem_t;
void *vmem_xalloc(vmem_t *vmp, unsigned long size, unsigned long align, int vmflag);
void vmem_free(vmem_t *vmp, void *addr, unsigned long size);

static unsigned long bmap_align = 4096;

void *bmap_vmem_alloc(vmem_t *vmp, unsigned long size, int vmflag)
{
	return vmem_xalloc(vmp, size, bmap_align, vmflag);
}

void bmap_vmem_free(vmem_t *vmp, void *addr, unsigned long size)
{
	vmem_free(vmp, addr, size);
}
