/* A resource map by behaviour though its name is a backend's: vm_map_enter takes a map and
 * a size and finds a free range of the map's addresses (no memory behind it yet);
 * vm_map_remove gives the range back. */
struct vm_map_entry { struct vm_map_entry *next; unsigned long start, end; };
struct vm_map { struct vm_map_entry *entries; unsigned long min, max; };
static struct vm_map_entry map_entries[64];
static int map_nentries;

int vm_map_enter(struct vm_map *map, unsigned long *address, unsigned long size)
{
	unsigned long start = map->min;
	struct vm_map_entry *e, *n;

	for (e = map->entries; e != 0; e = e->next)
		if (e->start >= start + size)
			break;
		else
			start = e->end;
	if (start + size > map->max || map_nentries == 64)
		return 3;
	n = &map_entries[map_nentries++];
	n->start = start;
	n->end = start + size;
	n->next = map->entries;
	map->entries = n;
	*address = start;
	return 0;
}

int vm_map_remove(struct vm_map *map, unsigned long start, unsigned long end)
{
	struct vm_map_entry **ep;
	for (ep = &map->entries; *ep != 0; ep = &(*ep)->next)
		if ((*ep)->start == start && (*ep)->end == end) {
			*ep = (*ep)->next;
			return 0;
		}
	return 1;
}
