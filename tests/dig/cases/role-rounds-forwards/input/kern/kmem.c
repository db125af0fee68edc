/* kmem_malloc serves small sizes from its own buckets and rounds only its large path to
 * pages, inside the call that takes them: variable sizes (kernel general), no page-level. */
#define PAGE_SIZE 4096
#define round_page(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
char *kalloc(void);
char *kalloc_pages(unsigned long size);
void kfree_pages(char *p, unsigned long size);
struct bucket { struct bucket *next; };
static struct bucket *buckets[12];

void *kmem_malloc(unsigned long size)
{
	struct bucket *b;
	int i = 0;
	if (size > 2048)
		return kalloc_pages(round_page(size));
	while ((16UL << i) < size)
		i++;
	if ((b = buckets[i]) != 0)
		buckets[i] = b->next;
	return b;
}

void kmem_free(void *p, unsigned long size)
{
	struct bucket *b = p;
	int i = 0;
	if (size > 2048) {
		kfree_pages(p, round_page(size));
		return;
	}
	while ((16UL << i) < size)
		i++;
	b->next = buckets[i];
	buckets[i] = b;
}
