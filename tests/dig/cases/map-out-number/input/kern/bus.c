/* Not a map: a bus space's alloc hook returns a status and would write a handle (a
 * typedef that is no plain number by its spelling) through its last parameter; its
 * free takes the handle. Both are stubs that panic. */
typedef unsigned long bus_addr_t;
typedef unsigned long bus_size_t;
typedef unsigned long bus_space_handle_t;

void panic(const char *fmt, ...);

int board_bs_alloc(void *t, bus_addr_t rstart, bus_addr_t rend, bus_size_t size, bus_size_t alignment,
                   bus_size_t boundary, int cacheable, bus_addr_t *bpap, bus_space_handle_t *bshp)
{
	panic("board_bs_alloc(): not implemented");
}

void board_bs_free(void *t, bus_space_handle_t bsh, bus_size_t size)
{
	panic("board_bs_free(): not implemented");
}
