/* A host adapter: its packets come from its own hba_mem_alloc over the kernel's
 * kmem_alloc; it registers its methods in the adapter's ops table. */
#include <stddef.h>

struct scsi_pkt { int len; };
struct scsi_tran {
	struct scsi_pkt *(*tran_init_pkt)(void *ap, int len);
	void (*tran_destroy_pkt)(void *ap, struct scsi_pkt *pkt);
};

void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);

static unsigned long hba_bytes;

static void *
hba_mem_alloc(size_t size)
{
	hba_bytes += size;
	return kmem_alloc(size, 0);
}

static void
hba_mem_free(void *p, size_t size)
{
	hba_bytes -= size;
	kmem_free(p, size);
}

static struct scsi_pkt *
hba_init_pkt(void *ap, int len)
{
	struct scsi_pkt *pkt = hba_mem_alloc(sizeof(*pkt));

	if (pkt != NULL)
		pkt->len = len;
	return pkt;
}

static void
hba_destroy_pkt(void *ap, struct scsi_pkt *pkt)
{
	hba_mem_free(pkt, sizeof(*pkt));
}

struct scsi_tran hba_tran = {
	.tran_init_pkt = hba_init_pkt,
	.tran_destroy_pkt = hba_destroy_pkt,
};
