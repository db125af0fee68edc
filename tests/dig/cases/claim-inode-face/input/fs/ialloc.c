/* Inode numbers out of per-group inode bitmaps: a group allocator that scans the map
 * (the caller's preference is only a hint), a search over the groups handed that
 * allocator, and the face that makes the in-core inode of the number it got, giving the
 * number back when it cannot. */
#include <stddef.h>

#define NBBY 8
#define setbit(a, i) ((a)[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i) ((a)[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isclr(a, i) (((a)[(i) / NBBY] & (1 << ((i) % NBBY))) == 0)

typedef unsigned long ino_t;

struct group {
	unsigned char imap[64];
	int nifree;
	int rotor;
};

struct fsys {
	struct group grp[16];
	int ngroups;
	int ipg;
};

struct inode {
	struct fsys *i_fs;
	ino_t i_number;
	int i_mode;
};

int scanc(unsigned len, const unsigned char *cp, int mask);
int iget(struct inode *dp, ino_t ino, struct inode **ipp);
void iput(struct inode *ip);

static ino_t
groupialloc(struct inode *ip, int g, ino_t ipref)
{
	struct group *gp = &ip->i_fs->grp[g];
	int loc;

	if (gp->nifree == 0)
		return 0;
	if (ipref && isclr(gp->imap, ipref))
		goto gotit;
	loc = scanc(sizeof gp->imap, &gp->imap[gp->rotor], 0xff);
	if (loc < 0)
		return 0;
	ipref = (ino_t)loc;
	gp->rotor = loc;
gotit:
	setbit(gp->imap, ipref);
	gp->nifree--;
	return (ino_t)g * ip->i_fs->ipg + ipref;
}

static unsigned long
groupsearch(struct inode *ip, int g, long pref, unsigned long (*take)(struct inode *, int, ino_t))
{
	for (int i = 0; i < ip->i_fs->ngroups; i++) {
		unsigned long r = take(ip, (g + i) % ip->i_fs->ngroups, pref);
		if (r)
			return r;
	}
	return 0;
}

void
ifree(struct inode *dp, ino_t ino)
{
	struct fsys *fs = dp->i_fs;
	struct group *gp = &fs->grp[ino / fs->ipg];
	ino_t ino_in = ino % fs->ipg;

	clrbit(gp->imap, ino_in);
	gp->nifree++;
}

int
ialloc(struct inode *dp, ino_t ipref, int mode, struct inode **ipp)
{
	ino_t ino;
	int error;

	*ipp = NULL;
	ino = (ino_t)groupsearch(dp, 0, (long)ipref, groupialloc);
	if (ino == 0)
		return 28;
	error = iget(dp, ino, ipp);
	if (error) {
		ifree(dp, ino);
		return error;
	}
	(*ipp)->i_mode = mode;
	return 0;
}

/* marks the number its caller names, after testing that bit alone: no search, nothing
 * handed out */
int
ialloc_fixed(struct inode *dp, int g, ino_t nr)
{
	struct group *gp = &dp->i_fs->grp[g];

	if (!isclr(gp->imap, nr))
		return -1;
	setbit(gp->imap, nr);
	return 0;
}
