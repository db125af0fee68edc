/* A driver's buffers: kmem_alloc's memory as is, counted; a name like a backend's is no
 * memory source when the tree defines it as an allocator of its own. */
void *kmem_alloc(unsigned long size, int kmflag);
void kmem_free(void *buf, unsigned long size);

static unsigned long dbuf_bytes;

void *dbuf_alloc(unsigned long size, int flag)
{
	void *p = kmem_alloc(size, flag);
	if (p != 0)
		dbuf_bytes += size;
	return p;
}

void dbuf_free(void *p, unsigned long size)
{
	dbuf_bytes -= size;
	kmem_free(p, size);
}
