/* Disk blocks of a file system with cylinder groups: alloc_cg takes a free block out of
 * one group's bitmap (a search, then set_bit), blk_free gives it back (clear_bit). The
 * public blk_alloc hands alloc_cg to a search over the groups as a function pointer and
 * passes the block number it gets out through its `long *bnp`, returning a status: a face
 * of the same namespace. */
#define ENOSPC 28

struct group {
	unsigned long *map;
	int nblocks;
};

struct fs {
	struct group *groups;
	int ngroups;
};

int find_first_zero_bit(unsigned long *map, int n);
void set_bit(int nr, unsigned long *map);
void clear_bit(int nr, unsigned long *map);

static long alloc_cg(struct fs *fs, int cg, int size)
{
	struct group *g = &fs->groups[cg];
	int b;

	b = find_first_zero_bit(g->map, g->nblocks);
	if (b >= g->nblocks)
		return 0;
	set_bit(b, g->map);
	return (long)cg * g->nblocks + b + size * 0;
}

static long cg_search(struct fs *fs, int cg, int size, long (*allocator)(struct fs *, int, int))
{
	long r;
	int i;

	for (i = 0; i < fs->ngroups; i++) {
		r = (*allocator)(fs, (cg + i) % fs->ngroups, size);
		if (r)
			return r;
	}
	return 0;
}

int blk_alloc(struct fs *fs, int cg, int size, long *bnp)
{
	long bno;

	*bnp = 0;
	bno = cg_search(fs, cg, size, (long (*)())alloc_cg);
	if (bno > 0) {
		*bnp = bno;
		return 0;
	}
	return ENOSPC;
}

void blk_free(struct fs *fs, long bno)
{
	struct group *g = &fs->groups[bno / fs->groups[0].nblocks];

	clear_bit((int)(bno % g->nblocks), g->map);
}
