/*
 * sim/vm.c: the VM system's page-table pages (xv6 setupkvm / walkpgdir / freevm).
 *
 * setupkvm takes one page for the page directory and must see it zeroed (xv6 did
 * kalloc() + memset; here kalloc_zero(PGSIZE)); mappages then fills the kernel map
 * through walkpgdir(pgdir, va, alloc = 1), which takes one zeroed page of page table per
 * absent directory entry (here zalloc on the ZONE_ZERO, page-sized "vm.pgtable" zone).
 * Both kinds of page are checked zero when handed out, then hold real entries: a PDE
 * points at its table, a PTE encodes its virtual page (a deterministic value), and
 * freevm verifies every entry before giving each table back with zfree and the directory
 * with kfree(pgdir, PGSIZE). User mappings come and go in between (allocuvm/deallocuvm).
 */
#include "sim/sim.h"

#include <stdio.h>
#include <strata/page.h>

#define VM_SPACES_MAX 12     /* live address spaces */
#define VM_PTE_PRESENT 0x1u
#define VM_PTE_WRITE 0x2u
#define VM_KERNEL_PAGES 96u  /* pages of the kmap[] ranges every space maps */
/* The simulated address space is 512 x 512 pages (0x40000 virtual pages: 1 GiB with 4 KiB
 * pages and 8-byte entries); user pages live below VM_USER_TOP, the kernel above. */
#define VM_USER_TOP 0x38000u

typedef uintptr_t vm_entry_t;

/* One address space: its directory (host-side count of tables for the report). */
struct vm_space {
	vm_entry_t *pgdir;   /* kalloc_zero(PGSIZE) */
	size_t tables;       /* page-table pages hanging off it */
};

/* The VM system's state. */
static struct sim_vm {
	zone_t pgtable_zone;
	size_t page;                  /* PGSIZE */
	size_t entries;               /* entries per table: PGSIZE / sizeof(entry) */
	struct vm_space spaces[VM_SPACES_MAX];
	size_t nspaces;
	unsigned long walks, tables_made, spaces_made, spaces_freed;
} vm;

/* The PTE value for virtual page `vpn`: what freevm expects to find. */
static vm_entry_t vm_pte_value(uintptr_t vpn)
{
	return (vm_entry_t)(vpn << 12) | VM_PTE_PRESENT | VM_PTE_WRITE;
}

/* The table a present PDE points at. Tables are at least 8-byte aligned, so the low
 * three bits are free for flags even when the engine does not page-align them. */
static vm_entry_t *vm_pde_table(vm_entry_t pde)
{
	return (vm_entry_t *)(pde & ~(vm_entry_t)7);
}

/* walkpgdir(pgdir, vpn, alloc): the PTE slot for a virtual page, allocating a zeroed
 * table page when the directory entry is absent and alloc is set; NULL otherwise. */
static vm_entry_t *vm_walkpgdir(struct vm_space *s, uintptr_t vpn, int alloc)
{
	size_t pdx = (size_t)(vpn / vm.entries);
	size_t ptx = (size_t)(vpn % vm.entries);
	vm_entry_t *pgtab;

	vm.walks++;
	if (s->pgdir[pdx] & VM_PTE_PRESENT) {
		pgtab = vm_pde_table(s->pgdir[pdx]);
	} else {
		if (!alloc)
			return NULL;
		pgtab = sim_zalloc(SIM_VM, vm.pgtable_zone, SIM_FILL_OWNER, "vm: walkpgdir page table");
		if (pgtab == NULL)
			return NULL;
		sim.page_tables++;
		if (((uintptr_t)pgtab & (vm.page - 1)) == 0)
			sim.page_tables_aligned++;
		s->pgdir[pdx] = (vm_entry_t)pgtab | VM_PTE_PRESENT | VM_PTE_WRITE;
		s->tables++;
		vm.tables_made++;
	}
	return &pgtab[ptx];
}

/* mappages: map n virtual pages from vpn; 0 on success, -1 when a table cannot be had. */
static int vm_mappages(struct vm_space *s, uintptr_t vpn, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		vm_entry_t *pte = vm_walkpgdir(s, vpn + i, 1);
		if (pte == NULL)
			return -1;
		if (*pte != 0 && *pte != vm_pte_value(vpn + i))
			sim_fail("vm: remap of page %#lx finds PTE %#lx", (unsigned long)(vpn + i),
			         (unsigned long)*pte);
		*pte = vm_pte_value(vpn + i);
	}
	return 0;
}

/* deallocuvm: clear n user PTEs from vpn (the tables stay until freevm). */
static void vm_unmappages(struct vm_space *s, uintptr_t vpn, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		vm_entry_t *pte = vm_walkpgdir(s, vpn + i, 0);
		if (pte == NULL)
			continue;
		if (*pte != 0 && *pte != vm_pte_value(vpn + i))
			sim_fail("vm: PTE of page %#lx damaged: %#lx", (unsigned long)(vpn + i),
			         (unsigned long)*pte);
		*pte = 0;
	}
}

/* freevm: verify every entry of every table, free the tables, then the directory. */
static void vm_freevm(struct vm_space *s)
{
	for (size_t pdx = 0; pdx < vm.entries; pdx++) {
		vm_entry_t pde = s->pgdir[pdx];
		if (pde == 0)
			continue;
		if (!(pde & VM_PTE_PRESENT)) {
			sim_fail("vm: PDE %zu damaged: %#lx", pdx, (unsigned long)pde);
			continue;
		}
		vm_entry_t *pgtab = vm_pde_table(pde);
		for (size_t ptx = 0; ptx < vm.entries; ptx++) {
			uintptr_t vpn = pdx * vm.entries + ptx;
			if (pgtab[ptx] != 0 && pgtab[ptx] != vm_pte_value(vpn)) {
				sim_fail("vm: table %p entry %zu damaged: %#lx", (void *)pgtab, ptx,
				         (unsigned long)pgtab[ptx]);
				break;
			}
		}
		sim_zfree(SIM_VM, vm.pgtable_zone, pgtab, "vm: freevm page table");
		s->pgdir[pdx] = 0;
	}
	sim_kfree(SIM_VM, s->pgdir, vm.page, "vm: freevm page directory");
	s->pgdir = NULL;
	s->tables = 0;
	vm.spaces_freed++;
}

/* setupkvm: a zeroed directory and the kernel's kmap[] ranges; NULL-free on failure. */
static void vm_setupkvm(void)
{
	if (vm.nspaces == VM_SPACES_MAX)
		return;
	struct vm_space *s = &vm.spaces[vm.nspaces];
	s->tables = 0;
	s->pgdir = sim_kalloc_zero(SIM_VM, vm.page, SIM_FILL_OWNER, "vm: setupkvm page directory");
	if (s->pgdir == NULL)
		return;
	/* kmap[]: I/O space, kernel text+rodata, kernel data+memory, device space, spread
	 * over different directory entries (the top of the address space). */
	static const uintptr_t kmap_start[4] = { VM_USER_TOP, VM_USER_TOP + 0x100, 0x3C000, 0x3FE00 };
	static const size_t kmap_pages[4] = { 16, 32, VM_KERNEL_PAGES - 64, 16 };
	for (int i = 0; i < 4; i++) {
		if (vm_mappages(s, kmap_start[i], kmap_pages[i]) != 0) {
			vm_freevm(s);   /* as xv6: freevm(pgdir); return 0 */
			return;
		}
	}
	vm.nspaces++;
	vm.spaces_made++;
}

/* Create the page-table zone: page-sized objects, zero-filled, collectable, exhaustible. */
void sim_vm_start(void)
{
	vm.page = strata_page_size();
	vm.entries = vm.page / sizeof(vm_entry_t);
	if (vm.entries * vm.entries < 0x40000u) {
		sim_fail("vm: page size %zu too small for the simulated address space", vm.page);
		return;
	}
	vm.pgtable_zone = zinit(vm.page, 4096 * vm.page, 0, "vm.pgtable");
	if (vm.pgtable_zone == NULL) {
		sim_fail("vm: zinit(vm.pgtable) failed");
		return;
	}
	zone_change(vm.pgtable_zone, ZONE_ZERO, 1);
	zone_change(vm.pgtable_zone, ZONE_COLLECTABLE, 1);
	/* xv6's kalloc returned 0 when memory ran out and walkpgdir passed that on: an
	 * exhaustible zone keeps that contract (NULL, not the never-fail zalloc's report). */
	zone_change(vm.pgtable_zone, ZONE_EXHAUSTIBLE, 1);
	vm_setupkvm();
}

/* One round: a new space (exec/fork), user pages mapped or unmapped, or a space freed. */
void sim_vm_step(void)
{
	if (vm.pgtable_zone == NULL)
		return;
	uint64_t r = sim_rand(10);
	if (r < 2 || vm.nspaces == 0) {
		vm_setupkvm();
	} else if (r < 6) {
		struct vm_space *s = &vm.spaces[sim_rand(vm.nspaces)];
		uintptr_t vpn = (uintptr_t)sim_rand(VM_USER_TOP - 64);
		(void)vm_mappages(s, vpn, 1 + (size_t)sim_rand(64));
	} else if (r < 8) {
		struct vm_space *s = &vm.spaces[sim_rand(vm.nspaces)];
		vm_unmappages(s, (uintptr_t)sim_rand(VM_USER_TOP - 256), 1 + (size_t)sim_rand(256));
	} else {
		size_t i = (size_t)sim_rand(vm.nspaces);
		vm_freevm(&vm.spaces[i]);
		vm.spaces[i] = vm.spaces[--vm.nspaces];
	}
}

/* Free every address space. */
void sim_vm_stop(void)
{
	while (vm.nspaces > 0)
		vm_freevm(&vm.spaces[--vm.nspaces]);
}

/* One line for the summary. */
void sim_vm_report(FILE *out)
{
	fprintf(out, "vm:     %lu address spaces made, %lu freed, %lu page tables, %lu walks\n",
	        vm.spaces_made, vm.spaces_freed, vm.tables_made, vm.walks);
}
