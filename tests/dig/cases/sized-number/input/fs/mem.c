/* mem_alloc returns a status and the memory through a pointer to a pointer: no number of a
 * namespace (general-purpose, first fit over its own arena). */
struct chunk { struct chunk *next; unsigned long size; };
static struct chunk *mem_free_list;

int mem_alloc(void **out, unsigned long size)
{
	struct chunk **cp, *c;
	for (cp = &mem_free_list; (c = *cp) != 0; cp = &c->next)
		if (c->size >= size) {
			*cp = c->next;
			*out = c + 1;
			return 0;
		}
	return 12;
}

void mem_release(void *p)
{
	struct chunk *c = (struct chunk *)p - 1;
	c->next = mem_free_list;
	mem_free_list = c;
}
