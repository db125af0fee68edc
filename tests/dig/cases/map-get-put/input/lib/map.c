#include <stdlib.h>
#include <string.h>
#include "map.h"

static unsigned map_hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct entry *map_find(struct map *map, const char *key)
{
	struct entry *e = map->table[map_hash(key) % map->size];
	while (e && strcmp(e->key, key) != 0)
		e = e->next;
	return e;
}

/* The value stored under key, or NULL. */
void *map_get(struct map *map, const char *key)
{
	struct entry *e = map_find(map, key);
	return e ? e->value : NULL;
}

/* Store an entry; hand back the value it replaces. */
void *map_put(struct map *map, void *entry)
{
	struct entry *e = entry;
	struct entry *old = map_find(map, e->key);
	void *was;
	if (old) {
		was = old->value;
		old->value = e->value;
		return was;
	}
	e->hash = map_hash(e->key);
	e->next = map->table[e->hash % map->size];
	map->table[e->hash % map->size] = e;
	map->count++;
	return NULL;
}

