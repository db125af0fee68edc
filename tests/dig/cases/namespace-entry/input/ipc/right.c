/* A caller. */
typedef int kern_return_t;
typedef unsigned int port_name_t;
typedef struct name_entry *name_entry_t;
typedef struct name_space *name_space_t;
extern kern_return_t name_entry_alloc(name_space_t space, port_name_t *namep, name_entry_t *entryp);

kern_return_t right_new(name_space_t space, port_name_t *namep)
{
	name_entry_t entry;
	return name_entry_alloc(space, namep, &entry);
}
