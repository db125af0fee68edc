/* A constructor over calloc: builds a named group from its input and links it on the
 * file's list; group_free is its destructor. Not an allocator (partner.c: a string
 * parameter says it builds from inputs). */
typedef unsigned long size_t;
extern void *calloc(size_t n, size_t size);
extern void free(void *p);
extern char *strdup(const char *s);

struct group {
	struct group *next;
	char *name;
};

static struct group *group_list;

struct group *group_alloc(char *name)
{
	struct group *g = calloc(1, sizeof(*g));
	if (g == 0)
		return 0;
	g->name = strdup(name);
	g->next = group_list;
	group_list = g;
	return g;
}

void group_free(struct group *g)
{
	struct group **pp;
	for (pp = &group_list; *pp != 0; pp = &(*pp)->next)
		if (*pp == g) {
			*pp = g->next;
			break;
		}
	free(g->name);
	free(g);
}
