/* A board whose bus space is the CPU's own address space: "allocating" a range is
 * rounding its start to a page, there is nothing to track, and freeing is a no-op. */
typedef unsigned long bus_addr_t;
typedef unsigned long bus_size_t;
typedef unsigned long bus_space_handle_t;
typedef int bus_space_tag_t;

#define SBC_PAGE_SIZE 4096UL
#define SBC_PAGE_MASK (SBC_PAGE_SIZE - 1)

int
sbc_bus_space_alloc(bus_space_tag_t t, bus_addr_t reg_start, bus_addr_t reg_end, bus_size_t size,
    bus_size_t alignment, bus_size_t boundary, int flags, bus_addr_t *addrp, bus_space_handle_t *bshp)
{
	bus_addr_t addr = (reg_start + SBC_PAGE_SIZE - 1) & ~SBC_PAGE_MASK;

	if (addr + size > reg_end || addr % alignment != 0)
		return 1;
	*addrp = addr;
	*bshp = (bus_space_handle_t)addr;
	return 0;
}

void
sbc_bus_space_free(bus_space_tag_t t, bus_space_handle_t bsh, bus_size_t size)
{
	/* nothing was taken */
}
