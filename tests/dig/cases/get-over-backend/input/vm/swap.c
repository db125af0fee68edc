/* Swap blocks, round robin over the swap devices: swp_getswapspace hands out npages blocks
 * of one device's blist (blist_alloc), swp_freeswapspace gives them back (blist_free). Its
 * name says get, but it hands out what the lower allocator gave, not a reference: its two
 * halves call that allocator's two halves. */
typedef long daddr_t;
struct blist;
typedef struct blist *blist_t;
struct swdevt {
	blist_t sw_blist;
	daddr_t sw_first;
	daddr_t sw_end;
	int sw_refs;
	struct swdevt *sw_next;
};

daddr_t blist_alloc(blist_t bl, daddr_t count);
void blist_free(blist_t bl, daddr_t blk, daddr_t count);

static struct swdevt *swdevhd;
static struct swdevt *swdevnext;

daddr_t swp_getswapspace(int npages)
{
	struct swdevt *sp = swdevnext ? swdevnext : swdevhd;
	for (int i = 0; sp && i < 16; i++) {
		daddr_t blk = blist_alloc(sp->sw_blist, npages);
		if (blk != -1) {
			swdevnext = sp->sw_next;
			return blk + sp->sw_first;
		}
		sp = sp->sw_next ? sp->sw_next : swdevhd;
	}
	return -1;
}

void swp_freeswapspace(daddr_t blk, int npages)
{
	for (struct swdevt *sp = swdevhd; sp; sp = sp->sw_next)
		if (blk >= sp->sw_first && blk < sp->sw_end) {
			blist_free(sp->sw_blist, blk - sp->sw_first, npages);
			return;
		}
}
