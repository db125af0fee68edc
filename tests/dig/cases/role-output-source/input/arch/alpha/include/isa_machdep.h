/* This port's ISA DMA memory: the machine-independent _isa_malloc on the chipset's state. */
struct isa_chipset { void *ic_dmastate; };
void *_isa_malloc(void *ids, int chan, unsigned long size, int flags);
void _isa_free(void *addr);
#define isa_malloc(ic, c, s, f)	_isa_malloc((ic)->ic_dmastate, (c), (s), (f))
#define isa_free(a)		_isa_free(a)
