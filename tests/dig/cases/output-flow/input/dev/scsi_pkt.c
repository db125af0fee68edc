/* A packet from the host adapter's tran_init_pkt method: the memory comes through the
 * ops table, so the chain goes to the one function registered for the slot (hba.c's
 * hba_init_pkt; with several it would name the method), never self-contained. */
#include <stddef.h>

struct scsi_pkt { int len; };
struct scsi_tran {
	struct scsi_pkt *(*tran_init_pkt)(void *ap, int len);
	void (*tran_destroy_pkt)(void *ap, struct scsi_pkt *pkt);
};

static unsigned long scsi_npkts;

struct scsi_pkt *
scsi_pktalloc(struct scsi_tran *tran, void *ap, int len)
{
	struct scsi_pkt *pkt;

	pkt = (*tran->tran_init_pkt)(ap, len);
	if (pkt != NULL)
		scsi_npkts++;
	return pkt;
}

void
scsi_pktfree(struct scsi_tran *tran, void *ap, struct scsi_pkt *pkt)
{
	scsi_npkts--;
	(*tran->tran_destroy_pkt)(ap, pkt);
}
