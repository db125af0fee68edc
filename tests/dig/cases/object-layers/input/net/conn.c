/* Constructors named get: an object malloc'd for one fixed size (sizeof) and filled in,
 * or one built from a string, is no cache's object; nor is an entry built from six numbers
 * none of which is a size. */
#include <stddef.h>

#define CONNINFO_BYTES 32

extern void *malloc(size_t size);
extern void free(void *p);
extern char *strdup(const char *s);

struct conninfo {
	char *dir;
	int fd;
};

struct rdev {
	int state;
	struct rdev *next;
};

struct ent {
	unsigned int saddr, daddr;
	unsigned short sport, dport;
	int proto;
	unsigned flags;
};

static int nents;

struct conninfo *getconninfo(char *dir, int fd)
{
	struct conninfo *c = malloc(CONNINFO_BYTES);

	if (c == NULL)
		return NULL;
	c->dir = strdup(dir);
	c->fd = fd;
	return c;
}

void freeconninfo(struct conninfo *c)
{
	free(c->dir);
	free(c);
}

struct rdev *get_rdev(void)
{
	struct rdev *d = malloc(sizeof(struct rdev));

	if (d != NULL)
		d->state = 0;
	return d;
}

void free_rdev(struct rdev *d)
{
	free(d);
}

struct ent *ent_new(int proto, unsigned int saddr, unsigned short sport, unsigned int daddr, unsigned short dport,
                    unsigned flags)
{
	struct ent *e = malloc(sizeof *e);

	if (e == NULL)
		return NULL;
	e->proto = proto;
	e->saddr = saddr;
	e->sport = sport;
	e->daddr = daddr;
	e->dport = dport;
	e->flags = flags;
	nents++;
	return e;
}

void ent_free(struct ent *e)
{
	nents--;
	free(e);
}
