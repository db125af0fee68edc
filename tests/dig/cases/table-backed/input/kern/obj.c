/* objalloc returns the memory kalloc gave it, after linking it into a list: a constructor
 * over kalloc; reap gives objects back to kfree. It hands out no slot of a table it owns,
 * so it is no table allocator. */
struct obj { struct obj *next; int v; };

char *kalloc(void);
void kfree(char *v);

static struct obj *objs;

struct obj *list_remove(struct obj **head, int v);

struct obj *objalloc(void)
{
	struct obj *o = (struct obj *)kalloc();
	if (o) {
		o->next = objs;
		objs = o;
	}
	return o;
}

void reap(int v)
{
	struct obj *o = list_remove(&objs, v);
	if (o)
		kfree((char *)o);
}
