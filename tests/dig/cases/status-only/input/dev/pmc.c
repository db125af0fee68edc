/* A performance-counter driver's allocate hook: it checks that the counter row can count
 * the event asked for and stores the event selector in the counter's record. Every return
 * is a status constant, nothing is handed out: no allocator (refute.c, "status only"). */
#include <stddef.h>

#define EINVAL 22
#define EPERM 1
#define NPMCS 4
#define PMC_TO_EVSEL(c) ((unsigned)(c) << 8)

struct pmc {
	unsigned caps;
	unsigned evsel;
};

struct pmc_req {
	int class;
	int event;
};

struct pmc_row {
	int class;
	unsigned caps;
};

struct pmc_hw {
	struct pmc *pmc;
};

struct pmc_cpu {
	struct pmc_hw hw[NPMCS];
};

static struct pmc_row pmc_rows[NPMCS];
static struct pmc_cpu *pmc_pcpu[8];
static int pmc_npmcs = NPMCS;
static const int pmc_events[] = { 0x76, 0xc0, 0xc4 };

static int
pmc_allocate_pmc(int cpu, int ri, struct pmc *pm, const struct pmc_req *a)
{
	const struct pmc_row *pd = &pmc_rows[ri];
	unsigned config = 0;
	int i;

	(void)cpu;
	if (ri < 0 || ri >= pmc_npmcs)
		return EINVAL;
	if (pd->class != a->class)
		return EINVAL;
	if ((pd->caps & pm->caps) != pm->caps)
		return EPERM;
	for (i = 0; i < 3; i++)
		if (pmc_events[i] == a->event)
			break;
	if (i == 3)
		return EINVAL;
	config = PMC_TO_EVSEL(pmc_events[i]);
	pm->evsel = config;
	return 0;
}

static int
pmc_release_pmc(int cpu, int ri, struct pmc *pm)
{
	struct pmc_hw *phw;

	if (ri < 0 || ri >= pmc_npmcs)
		return EINVAL;
	phw = &pmc_pcpu[cpu]->hw[ri];
	if (phw->pmc != pm)
		return EINVAL;
	pm->evsel = 0;
	return 0;
}

struct pmc_ops {
	int (*allocate)(int, int, struct pmc *, const struct pmc_req *);
	int (*release)(int, int, struct pmc *);
};

struct pmc_ops pmc_class_ops = { pmc_allocate_pmc, pmc_release_pmc };
