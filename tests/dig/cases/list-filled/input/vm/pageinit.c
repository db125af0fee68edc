/* The free lists and their lock, defined once for the whole kernel. */
struct page {
	struct page *next;
};
struct page *page_freelist;
int page_freelock;
long page_nfree;
