typedef unsigned long ino_t;
struct inode;
int ialloc(struct inode *dp, ino_t ipref, int mode, struct inode **ipp);
int ialloc_fixed(struct inode *dp, int g, ino_t nr);
void iput(struct inode *ip);

int
makenode(struct inode *dp, int mode)
{
	struct inode *ip;
	int error = ialloc(dp, 0, mode, &ip);
	if (error)
		return error;
	if (ialloc_fixed(dp, 0, 2) < 0)
		return -1;
	iput(ip);
	return 0;
}
