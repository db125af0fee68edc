struct queue; struct item; struct hook_opt;
void *queue_alloc(void);
void queue_free(void *p);
void *item_alloc(void);
void item_free(struct item *it);
void run_hook(struct hook_opt *opt);

int main(void)
{
	struct queue *q = queue_alloc();
	struct item *it = item_alloc();
	item_free(it);
	queue_free(q);
	return 0;
}
