#include <stdlib.h>

struct entry {
	char *name;
};

struct entry *
newentry(const char *name)
{
	struct entry *e = malloc(sizeof *e);

	if (e == NULL)
		return NULL;
	e->name = calloc(1, 64);
	return e;
}

void
freeentry(struct entry *e)
{
	free(e->name);
	free(e);
}
