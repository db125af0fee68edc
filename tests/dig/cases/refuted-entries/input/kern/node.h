typedef struct node {
	struct node *next;
	int id;
} *node_t;

node_t nalloc(void);
void nfree(node_t n);
void *kmalloc(unsigned long size);
void kfree(void *p);
