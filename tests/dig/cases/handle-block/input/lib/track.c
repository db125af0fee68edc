/* a wrapper that takes a handle: it asks malloc for the size it is given and only notes
 * the block in its handle (the last one handed out): what it hands out is malloc's */
#include <stdlib.h>

struct tracker {
	void *last;
	int errors;
};

void *track_alloc(struct tracker *t, size_t size)
{
	void *p;
	t->last = p = malloc(size);
	if (p == NULL)
		t->errors++;
	return p;
}
