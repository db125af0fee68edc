/* A host adapter: its packets come from the kernel's kmem_alloc; it registers its
 * methods in the adapter's ops table. */
#include <stddef.h>

struct scsi_pkt { int len; };
struct scsi_tran {
	struct scsi_pkt *(*tran_init_pkt)(void *ap, int len);
	void (*tran_destroy_pkt)(void *ap, struct scsi_pkt *pkt);
};

void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);

static struct scsi_pkt *
hba_init_pkt(void *ap, int len)
{
	struct scsi_pkt *pkt = kmem_alloc(sizeof(*pkt), 0);

	if (pkt != NULL)
		pkt->len = len;
	return pkt;
}

static void
hba_destroy_pkt(void *ap, struct scsi_pkt *pkt)
{
	kmem_free(pkt, sizeof(*pkt));
}

struct scsi_tran hba_tran = {
	.tran_init_pkt = hba_init_pkt,
	.tran_destroy_pkt = hba_destroy_pkt,
};
