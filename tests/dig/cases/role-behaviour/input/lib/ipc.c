/* newq takes a key and flags, no size: it takes the first unused slot of the table
 * queues[], gives it a queue record from heap_alloc and returns an id made from the slot;
 * freeq sets the slot unused again. The number handed out is an id of a namespace: a
 * resource map (not general-purpose). */
void *heap_alloc(unsigned long size);
void heap_free(void *p);
struct queue { int key; int mode; int seq; };
#define NQUEUES 16
static struct queue *queues[NQUEUES];
static int seq;

int newq(int key, int flags)
{
	int id;
	struct queue *q;
	for (id = 0; id < NQUEUES; id++)
		if (queues[id] == 0)
			break;
	if (id == NQUEUES)
		return -1;
	q = heap_alloc(sizeof(struct queue));
	if (!q)
		return -2;
	q->key = key;
	q->mode = flags & 0777;
	q->seq = ++seq;
	queues[id] = q;
	return q->seq * NQUEUES + id;
}

void freeq(int id)
{
	struct queue *q = queues[id % NQUEUES];
	queues[id % NQUEUES] = 0;
	heap_free(q);
}
