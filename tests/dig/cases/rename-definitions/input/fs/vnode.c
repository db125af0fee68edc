/* A caller: it includes the header, so its calls are kmem_alloc_debug's. */
#include "../kern/kmem.h"

struct vnode {
	int v_type;
};

struct vnode *
getnewvnode(void)
{
	return kmem_alloc(sizeof(struct vnode), KM_SLEEP);
}

void
vrele(struct vnode *vp)
{
	kmem_free(vp, sizeof *vp);
}
