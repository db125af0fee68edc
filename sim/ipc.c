/*
 * sim/ipc.c: Mach IPC's allocations (ipc_kmsg_get / ikm_alloc / ipc_kmsg_copyin).
 *
 * A sent message gets a kmsg buffer: bodies that fit IKM_SAVED_KMSG_SIZE (256 bytes with
 * the overhead) come from a one-element per-CPU cache or kalloc(256), larger ones from
 * kalloc(size + IKM_OVERHEAD); the kmsg remembers ikm_size and is freed with
 * kfree(kmsg, ikm_size). Out-of-line port arrays are kalloc(length) with
 * length = ((number * 32) + 7) >> 3 (4 bytes per port name) and are freed with
 * kfree(data, length) where length is recomputed from the type descriptor's `number`:
 * the size is never stored with the block. A failed kalloc is MACH_SEND_INVALID_MEMORY
 * or MACH_SEND_NO_BUFFER (counted, not a failure). Ports are zone objects (ipc.ports),
 * and the interrupt path (network kmsgs) uses kget, which may legally return NULL.
 */
#include "sim/sim.h"

#define IKM_OVERHEAD 48u          /* the kmsg header in front of the body */
#define IKM_SAVED_KMSG_SIZE 256u  /* cached kmsgs live in kalloc.256 */
#define PORT_T_SIZE_IN_BITS 32u
#define IPC_PORT_SIZE 104u        /* sizeof(struct ipc_port) of the simulated kernel */
#define IPC_QUEUE_MAX 192         /* messages in flight */
#define IPC_PORTS_MAX 256         /* live ports */

/* One queued message: what the receiver needs to free it. */
struct ipc_msg {
	void *kmsg;        /* the kmsg buffer */
	size_t ikm_size;   /* its size, as the kmsg header records it */
	void *ool;         /* out-of-line port array, or NULL */
	size_t number;     /* ports in it: the type descriptor's msgt_number */
};

/* IPC's state. */
static struct sim_ipc {
	zone_t port_zone;
	void *ports[IPC_PORTS_MAX];
	size_t nports;
	struct ipc_msg queue[IPC_QUEUE_MAX];
	size_t nqueued;
	void *cache;                 /* the per-CPU one-element kmsg cache */
	unsigned long sent, received, no_buffer, invalid_memory, kget_null, ool_arrays;
} ipc;

/* The OOL array length for `number` port names, recomputed the way copyin did. */
static size_t ipc_ool_length(size_t number)
{
	return ((number * PORT_T_SIZE_IN_BITS) + 7) >> 3;
}

/* ikm_alloc / the kmsg cache for a body of `size` bytes; records ikm_size. */
static void *ipc_kmsg_get(size_t size, size_t *ikm_size)
{
	if (size + IKM_OVERHEAD <= IKM_SAVED_KMSG_SIZE) {
		*ikm_size = IKM_SAVED_KMSG_SIZE;
		if (ipc.cache != NULL) {
			void *k = ipc.cache;
			ipc.cache = NULL;
			return k;
		}
		return sim_kalloc(SIM_IPC, IKM_SAVED_KMSG_SIZE, "ipc: ikm_alloc(saved)");
	}
	*ikm_size = size + IKM_OVERHEAD;
	return sim_kalloc(SIM_IPC, *ikm_size, "ipc: ikm_alloc");
}

/* ipc_kmsg_free: a saved-size kmsg refills an empty cache, anything else is kfree'd. */
static void ipc_kmsg_free(void *kmsg, size_t ikm_size)
{
	if (ikm_size == IKM_SAVED_KMSG_SIZE && ipc.cache == NULL) {
		ipc.cache = kmsg;
		return;
	}
	sim_kfree(SIM_IPC, kmsg, ikm_size, "ipc: ikm_free");
}

/* A body size: mostly small, some up to a page, a few beyond kalloc_max. */
static size_t ipc_body_size(void)
{
	uint64_t r = sim_rand(100);
	if (r < 70)
		return 24 + (size_t)sim_rand(IKM_SAVED_KMSG_SIZE - IKM_OVERHEAD - 24 + 1);
	if (r < 95)
		return 256 + (size_t)sim_rand(4096);
	return 4096 + (size_t)sim_rand(28 * 1024);
}

/* mach_msg send: kmsg, optional OOL port array (ipc_kmsg_copyin), enqueue. */
static void ipc_send(void)
{
	if (ipc.nqueued == IPC_QUEUE_MAX)
		return;
	struct ipc_msg *m = &ipc.queue[ipc.nqueued];
	m->kmsg = ipc_kmsg_get(ipc_body_size(), &m->ikm_size);
	if (m->kmsg == NULL) {
		ipc.no_buffer++;   /* MACH_SEND_NO_BUFFER */
		return;
	}
	m->ool = NULL;
	m->number = 0;
	if (sim_rand(10) < 3) {
		/* Out-of-line ports: usually a handful, sometimes thousands (>= 16 KiB: pages). */
		m->number = 1 + (size_t)(sim_rand(20) == 0 ? sim_rand(6000) : sim_rand(64));
		m->ool = sim_kalloc(SIM_IPC, ipc_ool_length(m->number), "ipc: ool port array");
		if (m->ool == NULL) {
			ipc.invalid_memory++;   /* MACH_SEND_INVALID_MEMORY: clean up the kmsg */
			ipc_kmsg_free(m->kmsg, m->ikm_size);
			return;
		}
		ipc.ool_arrays++;
	}
	ipc.nqueued++;
	ipc.sent++;
}

/* mach_msg receive of a random queued message: free the OOL array, then the kmsg. */
static void ipc_receive(void)
{
	if (ipc.nqueued == 0)
		return;
	size_t i = (size_t)sim_rand(ipc.nqueued);
	struct ipc_msg m = ipc.queue[i];
	ipc.queue[i] = ipc.queue[--ipc.nqueued];
	if (m.ool != NULL)
		sim_kfree(SIM_IPC, m.ool, ipc_ool_length(m.number), "ipc: ool port array");
	ipc_kmsg_free(m.kmsg, m.ikm_size);
	ipc.received++;
}

/* Create the port zone and a few ports. */
void sim_ipc_start(void)
{
	ipc.port_zone = zinit(IPC_PORT_SIZE, 1024 * IPC_PORT_SIZE, 0, "ipc.ports");
	if (ipc.port_zone == NULL) {
		sim_fail("ipc: zinit(ipc.ports) failed");
		return;
	}
	for (int i = 0; i < 16; i++) {
		void *p = sim_zalloc(SIM_IPC, ipc.port_zone, SIM_FILL_PATTERN, "ipc: port");
		if (p != NULL)
			ipc.ports[ipc.nports++] = p;
	}
}

/* One round of IPC: a burst of sends and receives, port churn, an interrupt kget. */
void sim_ipc_step(void)
{
	if (ipc.port_zone == NULL)
		return;
	int burst = 1 + (int)sim_rand(8);
	for (int i = 0; i < burst; i++) {
		if (sim_rand(2) == 0)
			ipc_send();
		else
			ipc_receive();
	}
	uint64_t r = sim_rand(8);
	if (r == 0 && ipc.nports < IPC_PORTS_MAX) {
		void *p = sim_zalloc(SIM_IPC, ipc.port_zone, SIM_FILL_PATTERN, "ipc: port");
		if (p != NULL)
			ipc.ports[ipc.nports++] = p;
	} else if (r == 1 && ipc.nports < IPC_PORTS_MAX) {
		/* Port allocation from interrupt level: zget never grows; NULL is fine. */
		void *p = sim_zget(SIM_IPC, ipc.port_zone, "ipc: port (zget)");
		if (p != NULL)
			ipc.ports[ipc.nports++] = p;
	} else if (r == 2 && ipc.nports > 0) {
		size_t i = (size_t)sim_rand(ipc.nports);
		sim_zfree(SIM_IPC, ipc.port_zone, ipc.ports[i], "ipc: port");
		ipc.ports[i] = ipc.ports[--ipc.nports];
	} else if (r == 3) {
		/* A network kmsg at interrupt level: kget never grows, never blocks. */
		void *k = sim_kget(SIM_IPC, IKM_SAVED_KMSG_SIZE, "ipc: kget(network kmsg)");
		if (k == NULL)
			ipc.kget_null++;
		else
			sim_kfree(SIM_IPC, k, IKM_SAVED_KMSG_SIZE, "ipc: kget(network kmsg)");
	}
}

/* Drain the queue, the cache and the ports. */
void sim_ipc_stop(void)
{
	while (ipc.nqueued > 0)
		ipc_receive();
	if (ipc.cache != NULL)
		sim_kfree(SIM_IPC, ipc.cache, IKM_SAVED_KMSG_SIZE, "ipc: kmsg cache");
	ipc.cache = NULL;
	while (ipc.nports > 0) {
		ipc.nports--;
		sim_zfree(SIM_IPC, ipc.port_zone, ipc.ports[ipc.nports], "ipc: port");
	}
}

/* One line for the summary. */
void sim_ipc_report(FILE *out)
{
	fprintf(out, "ipc:    %lu sent, %lu received, %lu OOL port arrays, %lu NO_BUFFER,"
	        " %lu INVALID_MEMORY, %lu kget NULL\n", ipc.sent, ipc.received, ipc.ool_arrays,
	        ipc.no_buffer, ipc.invalid_memory, ipc.kget_null);
}
