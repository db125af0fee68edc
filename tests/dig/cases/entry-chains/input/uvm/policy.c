/* One entry point built two ways: the simulator build (PDSIM) calls sim_alloc, a macro of
 * sim/sim.h it does not include here; the kernel build takes kernel pages. Both bodies are
 * the entry point's paths, so its first link is the kernel build's uvm_km_alloc. */
struct bucket {
	void *head;
	int n;
};

static struct bucket *buckets;
void *kernel_map;

unsigned long uvm_km_alloc(void *map, unsigned long size, unsigned long align, int flags);
void uvm_km_free(void *map, unsigned long va, unsigned long size, int flags);

#if defined(PDSIM)
static void *hash_alloc(int n)
{
	unsigned long allocsz = sizeof(*buckets) * n;

	return sim_alloc(allocsz);
}

static void hash_free(void *p, int n)
{
	sim_free(p);
}
#else
static void *hash_alloc(int n)
{
	unsigned long allocsz = sizeof(*buckets) * n;

	return (void *)uvm_km_alloc(kernel_map, allocsz, 0, 0);
}

static void hash_free(void *p, int n)
{
	unsigned long allocsz = sizeof(*buckets) * n;

	uvm_km_free(kernel_map, (unsigned long)p, allocsz, 0);
}
#endif

void hash_init(int n)
{
	buckets = hash_alloc(n);
}

void hash_resize(int n, int old)
{
	void *p = buckets;
	buckets = hash_alloc(n);
	hash_free(p, old);
}
