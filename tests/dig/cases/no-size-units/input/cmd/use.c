char *kalloc(void);
void kfree(char *v);
typedef struct bkpt *bkpt_t;
bkpt_t bkpt_alloc(void);
void bkpt_free(bkpt_t b);
int tagalloc(void);
void tagfree(int t);

void use(void)
{
	char *p = kalloc();
	bkpt_t b = bkpt_alloc();
	int t = tagalloc();
	kfree(p);
	bkpt_free(b);
	tagfree(t);
}
