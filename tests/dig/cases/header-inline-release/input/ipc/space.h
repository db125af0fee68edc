/* A name space of entries: its release is a static inline function of this header, part of
 * every file that includes it. It puts the entry back on the space's free list, or gives it
 * back to the entry cache when the list is long. */
#ifndef IPC_SPACE_H
#define IPC_SPACE_H

typedef unsigned long port_name_t;
typedef struct entry *entry_t;
typedef struct space *space_t;

struct entry {
	entry_t next_free;
	port_name_t name;
	void *object;
};

struct space {
	int active;
	entry_t free_list;
	unsigned free_list_size;
	port_name_t next_name;
	unsigned size;
};

#define FREE_LIST_LIMIT 32
#define KERN_SUCCESS 0
#define KERN_INVALID_TASK 1
#define KERN_RESOURCE_SHORTAGE 2

entry_t entry_cache_alloc(void);
void entry_cache_free(entry_t e);

static inline void
entry_dealloc(space_t space, port_name_t name, entry_t entry)
{
	(void)name;
	if (space->free_list_size < FREE_LIST_LIMIT) {
		space->free_list_size += 1;
		entry->next_free = space->free_list;
		space->free_list = entry;
	} else {
		entry_cache_free(entry);
		space->size -= 1;
	}
}

#endif
