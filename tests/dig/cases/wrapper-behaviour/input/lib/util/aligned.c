/* A wrapper, whatever the length of its body (role.c): it passes its size to malloc and
 * keeps no state; the header it writes is its own, inside the block it got (an
 * aligning kmalloc(size + align) that stores the real pointer below is one too). Working on
 * the lower allocator's internals would make it part of that allocator (the
 * wrapper-passes-size case). */
void *malloc(unsigned long n);
void free(void *p);

struct hdr { unsigned long size; unsigned long offset; };

void *aligned_alloc(unsigned long align, unsigned long len)
{
	unsigned char *mem, *p;
	struct hdr *h;
	unsigned long adj;

	if ((align & (align - 1)) != 0)
		return 0;
	if (len > (unsigned long)-1 - align)
		return 0;
	if (align <= sizeof(struct hdr))
		align = sizeof(struct hdr);
	mem = malloc(len + align + sizeof *h);
	if (mem == 0)
		return 0;
	p = mem + sizeof *h;
	adj = (unsigned long)p & (align - 1);
	if (adj)
		p += align - adj;
	h = (struct hdr *)p - 1;
	h->size = len;
	h->offset = (unsigned long)(p - mem);
	if (h->offset > align) {
		h->offset -= align;
		p -= align;
		h = (struct hdr *)p - 1;
		h->size = len;
	}
	if (h->size != len)
		h->size = len;
	if (h->offset == 0)
		h->offset = sizeof *h;
	if (p < mem)
		return 0;
	return p;
}
