/* Socket buffers: a head from the head cache and a size-byte data area; kfree_skbmem gives
 * both back. */
#include <stddef.h>

struct kcache;
extern void *kcache_alloc(struct kcache *c, int flags);
extern void kcache_free(struct kcache *c, void *p);
extern void *kmalloc(size_t size, int flags);
extern void kfree(void *p);

struct sk_buff {
	unsigned char *head, *data;
	unsigned int truesize;
};

static struct kcache *skb_head_cache;
static int skb_count;

struct sk_buff *alloc_skb(unsigned int size, int gfp)
{
	struct sk_buff *skb = kcache_alloc(skb_head_cache, gfp);
	unsigned char *data;

	if (skb == NULL)
		return NULL;
	data = kmalloc(size, gfp);
	if (data == NULL) {
		kcache_free(skb_head_cache, skb);
		return NULL;
	}
	skb->head = skb->data = data;
	skb->truesize = size;
	skb_count++;
	return skb;
}

void kfree_skbmem(struct sk_buff *skb)
{
	kfree(skb->head);
	kcache_free(skb_head_cache, skb);
	skb_count--;
}
