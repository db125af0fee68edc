/* A resource list of free ranges, sorted by start: res_alloc takes size units from the
 * first range big enough (first fit), returns 1 and writes the start through its last
 * parameter; res_free puts a range back. Nothing in the file is named like a set/clear
 * pair and nothing returns the number: the map shape with a status. */
struct rlist {
	unsigned rl_start, rl_end;
	struct rlist *rl_next;
};

void *malloc(unsigned long size);
void free(void *p);

void res_free(struct rlist **rlp, unsigned start, unsigned end)
{
	struct rlist *lp = malloc(sizeof *lp);

	lp->rl_start = start;
	lp->rl_end = end;
	lp->rl_next = *rlp;
	*rlp = lp;
}

int res_alloc(struct rlist **rlp, unsigned size, unsigned *loc)
{
	struct rlist *lp;

	for (; *rlp; rlp = &(*rlp)->rl_next)
		if (size <= (*rlp)->rl_end - (*rlp)->rl_start + 1) {
			if (loc)
				*loc = (*rlp)->rl_start;
			(*rlp)->rl_start += size;
			if ((*rlp)->rl_start > (*rlp)->rl_end) {
				lp = *rlp;
				*rlp = lp->rl_next;
				free(lp);
			}
			return 1;
		}
	return 0;
}
