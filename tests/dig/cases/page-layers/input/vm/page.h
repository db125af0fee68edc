/* A synthetic page layer: pages are handed out as typed handles (a typedef of a pointer). */
typedef struct page *page_t;
typedef struct vmmap *vmmap_t;
typedef unsigned long vm_offset_t;

struct page {
	struct page *next;
	unsigned long pa;
	int order;
};

page_t phys_alloc_pages(int pool, int order);
void phys_free_pages(page_t m, int order);
page_t phys_alloc_contig(unsigned long npages, unsigned long low, unsigned long high, unsigned long alignment,
                         unsigned long boundary);
void phys_free_contig(page_t m, unsigned long npages);
page_t page_alloc(void *object, long pindex, int req);
void page_free_toq(page_t m);
page_t resv_alloc_page(void *object, long pindex);
int resv_free_page(page_t m);
