/* An ISA sound chip's allocm hook: the buffer is isa_malloc's, a macro each machine's
 * isa_machdep.h defines (to _isa_malloc); the hook picks the channel and keeps nothing. A
 * wrapper of the ISA DMA allocator. */
#include <stddef.h>
#include <machine/isa_machdep.h>

struct ess_softc {
	struct isa_chipset *sc_ic;
	int sc_model;
	int sc_drq1, sc_drq2;
};

void printf(const char *fmt, ...);

void *
ess_malloc(void *addr, int direction, size_t size)
{
	struct ess_softc *sc;
	int drq;

	sc = addr;
	if (sc->sc_model != 1 && direction == 1)
		drq = sc->sc_drq2;
	else
		drq = sc->sc_drq1;
	if (size > 65536)
		printf("ess_malloc: %zu bytes on drq %d\n", size, drq);
	return (isa_malloc(sc->sc_ic, drq, size, 1));
}

void
ess_free(void *addr, void *ptr, size_t size)
{
	isa_free(ptr);
}
