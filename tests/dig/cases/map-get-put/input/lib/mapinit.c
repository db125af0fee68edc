#include <stdlib.h>
#include "map.h"

void map_init(struct map *map, unsigned size)
{
	map->table = calloc(size, sizeof *map->table);
	map->size = size;
	map->count = 0;
}

void map_clear(struct map *map)
{
	free(map->table);
	map->table = NULL;
	map->size = map->count = 0;
}
