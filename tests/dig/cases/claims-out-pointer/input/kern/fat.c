/* A cluster allocator of a mounted FAT volume: it scans the mount's in-use bitmap for a
 * free cluster, sets its FAT entry, marks it in the map (usemap_alloc) and hands the
 * cluster number out through the pointer it fills by hand; it returns a status. It keeps
 * nothing of its own and its helper's value reaches nothing, yet its caller gets a unit:
 * an allocator, not a set-up step that claims for itself (refute.c). */
#include <stddef.h>

typedef unsigned long u_long;

struct fatmount {
	unsigned char *inuse;
	unsigned short *fat;
	u_long maxcluster;
	u_long lookhere;
	u_long nfree;
};

#define FAT_GET 1
#define FAT_SET 2

extern void panic(const char *);

extern inline void
usemap_alloc(struct fatmount *fm, u_long cn)
{
	fm->inuse[cn / 8] |= 1 << (cn % 8);
	fm->nfree--;
	fm->lookhere = cn + 1;
}

extern inline void
usemap_free(struct fatmount *fm, u_long cn)
{
	fm->nfree++;
	fm->inuse[cn / 8] &= ~(1 << (cn % 8));
	if (fm->lookhere > cn)
		fm->lookhere = cn;
}

int
fatentry(int function, struct fatmount *fm, u_long cn, u_long *oldcontents,
         u_long newcontents)
{
	if (cn > fm->maxcluster)
		panic("fatentry");
	if (function & FAT_GET)
		*oldcontents = fm->fat[cn];
	if (function & FAT_SET)
		fm->fat[cn] = (unsigned short)newcontents;
	return 0;
}

int
clusterfree(struct fatmount *fm, u_long cluster, u_long *oldcnp)
{
	u_long oldcn;
	int error = fatentry(FAT_GET | FAT_SET, fm, cluster, &oldcn, 0);
	if (error == 0) {
		usemap_free(fm, cluster);
		if (oldcnp)
			*oldcnp = oldcn;
	}
	return error;
}

int
clusteralloc(struct fatmount *fm, u_long *retcluster, u_long fillwith)
{
	int error;
	u_long cn, idx, bit;

	for (idx = fm->lookhere / 8; idx <= fm->maxcluster / 8; idx++)
		if (fm->inuse[idx] != 0xff)
			for (bit = 0; bit < 8; bit++)
				if ((fm->inuse[idx] & (1 << bit)) == 0) {
					cn = idx * 8 + bit;
					goto found;
				}
	return 28;
found:
	error = fatentry(FAT_SET, fm, cn, 0, fillwith);
	if (error == 0) {
		usemap_alloc(fm, cn);
		*retcluster = cn;
	}
	return error;
}

int
extendfile(struct fatmount *fm)
{
	u_long cn;
	int error = clusteralloc(fm, &cn, 0xfff);
	if (error)
		return error;
	return clusterfree(fm, cn, NULL);
}
