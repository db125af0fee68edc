/* Names of a space handed out with their entries: a status comes back, the name and the
 * entry go out through pointers, the release takes both back by value. The space's table
 * is grown with memory of the kernel allocator when its free list is empty. */
typedef unsigned long vm_size_t;
typedef int kern_return_t;
typedef unsigned int port_name_t;
typedef struct name_entry *name_entry_t;
typedef struct name_space *name_space_t;
struct name_entry {
	unsigned int next;
	void *object;
};
struct name_space {
	name_entry_t table;
	unsigned int size;
};

extern void *kalloc(vm_size_t size);
extern void kfree(void *p, vm_size_t size);

kern_return_t name_table_grow(name_space_t space)
{
	unsigned int n = space->size * 2 + 16;
	name_entry_t t = kalloc(n * sizeof(struct name_entry));
	if (t == 0)
		return 6;
	for (unsigned int i = 0; i < n; i++)
		t[i].next = i < space->size ? space->table[i].next : (i + 1 < n ? i + 1 : 0);
	if (space->table)
		kfree(space->table, space->size * sizeof(struct name_entry));
	space->table = t;
	space->size = n;
	return 0;
}

kern_return_t name_entry_alloc(name_space_t space, port_name_t *namep, name_entry_t *entryp)
{
	for (;;) {
		unsigned int first = space->table ? space->table[0].next : 0;
		if (first != 0) {
			space->table[0].next = space->table[first].next;
			*namep = first;
			*entryp = &space->table[first];
			return 0;
		}
		if (name_table_grow(space) != 0)
			return 6;
	}
}

void name_entry_dealloc(name_space_t space, port_name_t name, name_entry_t entry)
{
	entry->object = 0;
	entry->next = space->table[0].next;
	space->table[0].next = name;
}
