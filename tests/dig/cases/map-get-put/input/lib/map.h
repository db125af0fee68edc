/* A string map over a hash table, and a pool of fixed buffers. */
#include <stddef.h>

struct entry { struct entry *next; unsigned hash; const char *key; void *value; };
struct map { struct entry **table; unsigned size, count; };

void map_init(struct map *map, unsigned size);
void *map_get(struct map *map, const char *key);
void *map_put(struct map *map, void *entry);
void map_clear(struct map *map);
