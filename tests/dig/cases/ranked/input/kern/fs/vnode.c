#include "../kalloc.h"

struct vnode *vn_alloc(void)
{
	return kzalloc(sizeof(struct vnode));
}

void vn_free(struct vnode *vp)
{
	kfree(vp, sizeof(struct vnode));
}

struct inode *ialloc(void)
{
	return kalloc(sizeof(struct inode));
}
