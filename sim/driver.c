/*
 * sim/driver.c: an i386 I/O-port driver (iopb_create / i386_io_port_add / iopb_destroy).
 *
 * A thread that is granted I/O ports gets a struct iopb_tss: a 104-byte TSS, the 8192-byte
 * I/O permission bitmap, a barrier word, a queue head and two descriptor words, 8316
 * bytes in all, kalloc'd and freed with kfree(io_tss, sizeof(struct iopb_tss)). In Mach
 * it rounded to 16384 = kalloc_max and went to kmem_alloc_wired (the large path); in
 * libstrata it lands wherever kalloc_max puts it (the summary says which). Its small
 * companions (struct io_port, struct io_use) are small kalloc classes. i386_io_port_add
 * dropped its locks before kalloc (which may block) and retried: when another thread had
 * installed a TSS meanwhile, the spare was freed; that race is simulated at random. A
 * device also owns a DMA ring of at least kalloc_max bytes: the page path for certain.
 */
#include "sim/sim.h"

#include <stdio.h>
#include <strata/kalloc.h>

#define IOPB_TSS_SIZE (104u + 8192u + 4u + 8u + 8u)   /* sizeof(struct iopb_tss) = 8316 */
#define IO_PORT_SIZE 40u      /* sizeof(struct io_port) */
#define IO_USE_SIZE 32u       /* sizeof(struct io_use) */
#define DRIVER_DEVICES 8      /* live devices */
#define DRIVER_PORTS 16       /* io_use records per device */

/* A device and its thread's I/O state. */
struct driver_dev {
	void *io_tss;             /* kalloc(IOPB_TSS_SIZE) */
	void *io_port;            /* kalloc(IO_PORT_SIZE) */
	void *uses[DRIVER_PORTS]; /* kalloc(IO_USE_SIZE) each */
	size_t nuses;
	void *ring;               /* kalloc(ring_size): the large path */
	size_t ring_size;
};

/* The driver's state. */
static struct sim_driver {
	struct driver_dev devs[DRIVER_DEVICES];
	size_t ndevs;
	unsigned long attached, detached, races, large_rings;
} drv;

/* i386_io_port_add's allocation with the lock dropped: a spare TSS when another thread
 * won the race is freed again (kfree with sizeof(struct iopb_tss)). */
static void *driver_iopb_create(void)
{
	void *ts = sim_kalloc(SIM_DRIVER, IOPB_TSS_SIZE, "driver: iopb_create");
	if (ts != NULL && sim_rand(10) == 0) {
		drv.races++;
		sim_kfree(SIM_DRIVER, ts, IOPB_TSS_SIZE, "driver: iopb spare (lost the race)");
		ts = sim_kalloc(SIM_DRIVER, IOPB_TSS_SIZE, "driver: iopb_create");
	}
	return ts;
}

/* Attach a device: TSS, io_port, a DMA ring from kalloc_max up. */
static void driver_attach(void)
{
	if (drv.ndevs == DRIVER_DEVICES)
		return;
	struct driver_dev *d = &drv.devs[drv.ndevs];
	d->nuses = 0;
	d->io_tss = driver_iopb_create();
	if (d->io_tss == NULL)
		return;
	d->io_port = sim_kalloc(SIM_DRIVER, IO_PORT_SIZE, "driver: io_port");
	d->ring_size = kalloc_max_size() + (size_t)sim_rand(3 * kalloc_max_size());
	d->ring = sim_kalloc(SIM_DRIVER, d->ring_size, "driver: dma ring");
	if (d->ring != NULL)
		drv.large_rings++;
	drv.ndevs++;
	drv.attached++;
}

/* Detach device i: everything freed with the sizes the driver knows statically. */
static void driver_detach(size_t i)
{
	struct driver_dev *d = &drv.devs[i];
	while (d->nuses > 0)
		sim_kfree(SIM_DRIVER, d->uses[--d->nuses], IO_USE_SIZE, "driver: io_use");
	if (d->ring != NULL)
		sim_kfree(SIM_DRIVER, d->ring, d->ring_size, "driver: dma ring");
	if (d->io_port != NULL)
		sim_kfree(SIM_DRIVER, d->io_port, IO_PORT_SIZE, "driver: io_port");
	sim_kfree(SIM_DRIVER, d->io_tss, IOPB_TSS_SIZE, "driver: iopb_destroy");
	drv.devs[i] = drv.devs[--drv.ndevs];
	drv.detached++;
}

/* Nothing to create up front: devices attach as the rounds go. */
void sim_driver_start(void)
{
	driver_attach();
}

/* One round: attach, detach, or add an io_use record to a device. */
void sim_driver_step(void)
{
	uint64_t r = sim_rand(10);
	if (r < 2 || drv.ndevs == 0) {
		driver_attach();
	} else if (r < 4) {
		driver_detach((size_t)sim_rand(drv.ndevs));
	} else {
		struct driver_dev *d = &drv.devs[sim_rand(drv.ndevs)];
		if (d->nuses < DRIVER_PORTS) {
			void *u = sim_kalloc(SIM_DRIVER, IO_USE_SIZE, "driver: io_use");
			if (u != NULL)
				d->uses[d->nuses++] = u;
		}
	}
}

/* Detach everything. */
void sim_driver_stop(void)
{
	while (drv.ndevs > 0)
		driver_detach(drv.ndevs - 1);
}

/* One line for the summary, saying which path the 8316-byte TSS took. */
void sim_driver_report(FILE *out)
{
	fprintf(out, "driver: %lu attached, %lu detached, %lu iopb races, %lu DMA rings >= %zu bytes;"
	        " iopb_tss (%u bytes) %s\n", drv.attached, drv.detached, drv.races,
	        drv.large_rings, kalloc_max_size(), IOPB_TSS_SIZE,
	        IOPB_TSS_SIZE >= kalloc_max_size() ? "takes the page path" : "fits a size class");
}
