/* A driver's attach step: it claims the device's own I/O port and interrupt from the
 * parent bus into the softc it fetched and returns a status. Its callers get nothing from
 * it: no allocator (refute.c, "claims for itself"). */
#include <stddef.h>

struct resource;
typedef struct device *device_t;

struct drv_softc {
	struct resource *port;
	struct resource *irq;
	int port_rid, irq_rid;
};

extern void *device_get_softc(device_t);
extern struct resource *bus_alloc_resource_any(device_t, int, int *, unsigned);
extern int bus_release_resource(device_t, int, int, struct resource *);
extern int device_printf(device_t, const char *, ...);

static void drv_release_resources(device_t dev);

static int
drv_alloc_resources(device_t dev)
{
	struct drv_softc *sc = device_get_softc(dev);
	int error = 0;

	sc->port = bus_alloc_resource_any(dev, 4, &sc->port_rid, 2);
	if (!sc->port) {
		device_printf(dev, "No I/O space?!\n");
		error = 12;
		goto bad;
	}
	sc->irq = bus_alloc_resource_any(dev, 1, &sc->irq_rid, 2);
	if (!sc->irq) {
		error = 12;
		goto bad;
	}
bad:
	return (error);
}

static void
drv_release_resources(device_t dev)
{
	struct drv_softc *sc = device_get_softc(dev);

	if (sc->port)
		bus_release_resource(dev, 4, sc->port_rid, sc->port);
	if (sc->irq)
		bus_release_resource(dev, 1, sc->irq_rid, sc->irq);
}

int
drv_attach(device_t dev)
{
	int error;

	error = drv_alloc_resources(dev);
	if (error)
		return (error);
	drv_release_resources(dev);
	return (0);
}
