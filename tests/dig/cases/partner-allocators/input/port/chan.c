/* A free list of channels: newchan hands one out, chanfree puts it back (no verb, no size). */
typedef struct Chan Chan;
struct Chan {
	Chan *next;
	int ref;
	int key;
};

static struct {
	Chan *free;
	int nchan;
} chanalloc;

extern void *smalloc(unsigned long size);
extern void panic(char *msg);

Chan *newchan(void)
{
	Chan *c = chanalloc.free;
	if (c != 0)
		chanalloc.free = c->next;
	else {
		c = smalloc(sizeof(Chan));
		chanalloc.nchan++;
	}
	c->ref = 1;
	return c;
}

void chanfree(Chan *c)
{
	if (c->ref != 0)
		panic("chanfree");
	c->next = chanalloc.free;
	chanalloc.free = c;
}

/* a lookup on the same list: takes a key, hands nothing out */
Chan *chanlookup(int key)
{
	Chan *c;
	for (c = chanalloc.free; c != 0; c = c->next)
		if (c->key == key)
			return c;
	return 0;
}
