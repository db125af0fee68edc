/* vm_map_enter finds a free range of a map's addresses (a resource map); vm_map_remove
 * gives it back. */
struct vm_map_entry { struct vm_map_entry *next; unsigned long start, end; };
struct vm_map { struct vm_map_entry *entries; unsigned long min, max; };
typedef struct vm_map *vm_map_t;
static struct vm_map_entry map_entries[64];
static int map_nentries;

int vm_map_enter(vm_map_t map, unsigned long *address, unsigned long size)
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

int vm_map_remove(vm_map_t map, unsigned long start, unsigned long end)
{
	struct vm_map_entry **ep;
	for (ep = &map->entries; *ep != 0; ep = &(*ep)->next)
		if ((*ep)->start == start && (*ep)->end == end) {
			*ep = (*ep)->next;
			return 0;
		}
	return 1;
}
