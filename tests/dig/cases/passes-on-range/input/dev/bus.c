/* A bus method: the child's range from the softc's range manager, its bounds taken from the
 * child's resource list entry (no parameter of its own goes down as it is). It keeps
 * nothing but a count: what it hands out is what rman_reserve_resource returns, a wrapper of it. */
struct resource;
struct rman;
struct entry { unsigned long start, end, count; struct resource *res; };
struct softc { struct rman *rm; };
struct resource *rman_reserve_resource(struct rman *rm, unsigned long start, unsigned long end, unsigned long count);
int rman_release(struct resource *r);
struct softc *get_softc(void *dev);
struct entry *entry_find(void *child, int rid);
unsigned long bus_nres;

struct resource *bus_alloc_resource(void *dev, void *child, int rid, unsigned long start, unsigned long end,
                                  unsigned long count)
{
	struct softc *sc = get_softc(dev);
	struct entry *e = entry_find(child, rid);
	struct resource *rv;
	if (!e)
		return 0;
	rv = rman_reserve_resource(sc->rm, e->start, e->end, e->count);
	if (!rv)
		return 0;
	e->res = rv;
	bus_nres++;
	return rv;
}

int bus_release_resource(void *dev, void *child, struct resource *r)
{
	bus_nres--;
	return rman_release(r);
}
