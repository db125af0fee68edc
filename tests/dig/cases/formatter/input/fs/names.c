/* Formatters: they return a fresh buffer from an allocator, sized by what they compute,
 * and compose it from pieces (a format of two conversions, a copy and appends): a
 * formatter returning its output is a constructor (refute.c, "formatter"). A dup, malloc
 * and one copy of its input, hands out what malloc gives: a wrapper that stays, and so
 * does a dup with a constant suffix (one variable piece). */
#include <stddef.h>

extern void *kmem_alloc(size_t, int);
extern void kmem_free(void *, size_t);
extern size_t strlen(const char *);
extern char *strcpy(char *, const char *);
extern char *strcat(char *, const char *);
extern int snprintf(char *, size_t, const char *, ...);
extern void *memcpy(void *, const void *, size_t);

static const char *wikidir = "/lib/wiki";

char *
attr_name(int ns, const char *attrname)
{
	const char *space;
	char *attr;
	size_t len;

	if (ns == 1)
		space = "system";
	else if (ns == 2)
		space = "user";
	else
		return NULL;
	len = strlen(space) + 1 + strlen(attrname) + 1;
	attr = kmem_alloc(len, 0);
	snprintf(attr, len, "%s.%s", space, attrname);
	return attr;
}

char *
wiki_path(char *s)
{
	char *t;

	t = kmem_alloc(strlen(wikidir) + 1 + strlen(s) + 1, 0);
	strcpy(t, wikidir);
	strcat(t, "/");
	strcat(t, s);
	return t;
}

char *
index_name(char *s)
{
	char *t = kmem_alloc(strlen(s) + 3, 0);
	strcpy(t, s);
	strcat(t, ".x");
	return t;
}

char *
name_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *t = kmem_alloc(n, 0);
	if (t)
		memcpy(t, s, n);
	return t;
}

void
name_free(char *s)
{
	kmem_free(s, strlen(s) + 1);
}

int
use_names(void)
{
	char *a = attr_name(1, "acl");
	char *b = wiki_path("index");
	char *c = name_dup("x");
	char *d = index_name("y");
	name_free(a);
	name_free(b);
	name_free(c);
	name_free(d);
	return 0;
}
