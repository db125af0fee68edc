/* Routing instances and their DAGs live in static tables claimed by a used flag. A DAG
 * is claimed from the dag_table of its instance; when the instance is missing,
 * dag_alloc first claims one with inst_alloc (the container), then hands out a free
 * DAG of it: what it hands out is the DAG it claims, not the instance, so it is a flag
 * claim of its own. Not one: dag_wrap, whose object comes from a block allocator (a
 * constructor's, whatever flag it sets). */
#include <stddef.h>
#include <string.h>

#define MAX_INST 4
#define MAX_DAG 2

struct dag {
	int used;
	int rank;
	struct inst *inst;
};

struct inst {
	int used;
	unsigned char id;
	struct dag dag_table[MAX_DAG];
};

static struct inst inst_table[MAX_INST];

void *blk_alloc(unsigned int nbytes);

struct inst *inst_get(unsigned char id)
{
	for (int i = 0; i < MAX_INST; i++)
		if (inst_table[i].used && inst_table[i].id == id)
			return &inst_table[i];
	return NULL;
}

struct inst *inst_alloc(unsigned char id)
{
	struct inst *in, *end;

	for (in = &inst_table[0], end = in + MAX_INST; in < end; ++in) {
		if (!in->used) {
			memset(in, 0, sizeof(*in));
			in->used = 1;
			in->id = id;
			return in;
		}
	}
	return NULL;
}

void inst_free(struct inst *in)
{
	in->used = 0;
}

struct dag *dag_alloc(unsigned char id, int rank)
{
	struct dag *d, *end;
	struct inst *in;

	in = inst_get(id);
	if (in == NULL) {
		in = inst_alloc(id);
		if (in == NULL)
			return NULL;
	}
	for (d = &in->dag_table[0], end = d + MAX_DAG; d < end; ++d) {
		if (!d->used) {
			memset(d, 0, sizeof(*d));
			d->used = 1;
			d->rank = rank;
			d->inst = in;
			return d;
		}
	}
	return NULL;
}

void dag_free(struct dag *d)
{
	d->used = 0;
}

struct dag *dag_wrap(int rank)
{
	struct dag *d;

	d = blk_alloc(sizeof(struct dag));
	if (d != NULL && !d->used) {
		d->used = 1;
		d->rank = rank;
	}
	return d;
}
