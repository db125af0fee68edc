/*
 * alloc/vmem/vmem_face.c: the public vmem face (strata/vmem.h). Thin: it checks
 * arguments, counts calls, reports misuse, and hands everything else to the engine in
 * vmem.c. Arenas created here live in pages from the core.
 */
#include <strata/vmem.h>

#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/stats/stats.h"
#include "alloc/vmem/vmem_impl.h"

/* Pages holding one arena struct. */
static size_t vmem_face_arena_bytes(void)
{
	size_t ps = core_page_size();
	return (sizeof(struct strata_vmem) + ps - 1) & ~(ps - 1);
}

/* Import callback for a child arena: an aligned segment of the parent. */
static uintptr_t vmem_face_parent_import(void *arg, size_t size, size_t align)
{
	return vmem_arena_xalloc(arg, size, align, 0, 0, 0, 0, 0);
}

/* Constrained import for a child arena: a segment of the parent that satisfies them. */
static uintptr_t vmem_face_parent_ximport(void *arg, size_t size, size_t align, size_t phase, size_t nocross,
                                          uintptr_t minaddr, uintptr_t maxaddr)
{
	return vmem_arena_xalloc(arg, size, align, phase, nocross, minaddr, maxaddr, 0);
}

/* Release callback for a child arena: give the span back to the parent. */
static void vmem_face_parent_release(void *arg, uintptr_t addr, size_t size)
{
	vmem_arena_free(arg, addr, size);
}

/* Create an arena with callbacks (storage from core pages). */
strata_vmem_t *strata_vmem_create_cb(const char *name, uintptr_t base, size_t size, size_t quantum,
                                     strata_vmem_import_t import, strata_vmem_release_t release,
                                     void *arg, size_t import_quantum)
{
	if (quantum && (quantum & (quantum - 1))) {
		error_report(STRATA_ERR_MISUSE, NULL, "vmem_create %s: quantum %zu is not a power of two",
		             name ? name : "?", quantum);
		return NULL;
	}
	if (core_init() != 0)
		return NULL;
	struct strata_vmem *vm = core_pages_alloc(vmem_face_arena_bytes(), 0);
	if (!vm)
		return NULL;
	if (vmem_arena_init(vm, name ? name : "vmem", base, size, quantum, import, release, arg, import_quantum, 0)) {
		core_pages_free(vm, vmem_face_arena_bytes());
		return NULL;
	}
	return vm;
}

/* Create an arena importing from a parent arena (or none). */
strata_vmem_t *strata_vmem_create(const char *name, uintptr_t base, size_t size, size_t quantum,
                                  strata_vmem_t *source, size_t import_quantum)
{
	if (!source)
		return strata_vmem_create_cb(name, base, size, quantum, NULL, NULL, NULL, import_quantum);
	if (quantum && source->quantum > quantum) {
		error_report(STRATA_ERR_MISUSE, source, "vmem_create %s: quantum %zu finer than its source's %zu",
		             name ? name : "?", quantum, (size_t)source->quantum);
		return NULL;
	}
	strata_vmem_t *vm = strata_vmem_create_cb(name, base, size, quantum, vmem_face_parent_import,
	                                          vmem_face_parent_release, source, import_quantum);
	if (vm)
		vmem_arena_ximport_set(vm, vmem_face_parent_ximport);   /* constraints reach the parent */
	return vm;
}

/* Destroy an arena; live allocations are reported and forgotten. */
void strata_vmem_destroy(strata_vmem_t *vm)
{
	if (!vm)
		return;
	size_t inuse = 0;
	vmem_arena_sizes(vm, NULL, &inuse);
	if (inuse)
		error_report(STRATA_ERR_MISUSE, vm, "vmem_destroy %s: %zu units still allocated", vm->name, inuse);
	vmem_arena_fini(vm);
	core_pages_free(vm, vmem_face_arena_bytes());
}

/* Add a span; an overlap is misuse. */
int strata_vmem_add(strata_vmem_t *vm, uintptr_t addr, size_t size)
{
	uintptr_t os = 0;
	size_t osz = 0;
	if (!vm)
		return -1;
	enum vmem_add_result r = vmem_arena_add(vm, addr, size, &os, &osz);
	switch (r) {
	case VMEM_ADD_OK:
		return 0;
	case VMEM_ADD_OVERLAP:
	case VMEM_ADD_INSIDE:
		error_report(STRATA_ERR_OVERLAP, (void *)addr, "vmem_add %s: [%p, +%zu) overlaps span [%p, +%zu)",
		             vm->name, (void *)addr, size, (void *)os, osz);
		return -1;
	case VMEM_ADD_BAD:
		error_report(STRATA_ERR_MISUSE, (void *)addr,
		             "vmem_add %s: span of %zu units is empty, wraps, or is not quantum-aligned", vm->name, size);
		return -1;
	case VMEM_ADD_NOTAG:
		return -1;
	}
	return -1;
}

/* Allocate (O(1) by default). */
uintptr_t strata_vmem_alloc(strata_vmem_t *vm, size_t size, int flags)
{
	stats_count(CNT_VMEM_ALLOC);
	if (!vm)
		return 0;
	return vmem_arena_xalloc(vm, size, 0, 0, 0, 0, 0, flags);
}

/* Constrained allocation. */
uintptr_t strata_vmem_xalloc(strata_vmem_t *vm, size_t size, size_t align, size_t phase, size_t nocross,
                             uintptr_t minaddr, uintptr_t maxaddr, int flags)
{
	stats_count(CNT_VMEM_ALLOC);
	if (!vm)
		return 0;
	return vmem_arena_xalloc(vm, size, align, phase, nocross, minaddr, maxaddr, flags);
}

/* Free exactly what was allocated. */
void strata_vmem_free(strata_vmem_t *vm, uintptr_t addr, size_t size)
{
	stats_count(CNT_VMEM_FREE);
	if (!vm) {
		error_report(STRATA_ERR_MISUSE, (void *)addr, "vmem_free: no arena");
		return;
	}
	vmem_arena_free(vm, addr, size);
}

/* Units allocated, free, or both. */
size_t strata_vmem_size(strata_vmem_t *vm, int which)
{
	size_t fr = 0, al = 0;
	if (!vm)
		return 0;
	vmem_arena_sizes(vm, &fr, &al);
	return ((which & STRATA_VMEM_ALLOC) ? al : 0) + ((which & STRATA_VMEM_FREE) ? fr : 0);
}

/* The consistency walk. */
int strata_vmem_verify(strata_vmem_t *vm)
{
	return vm ? vmem_arena_verify(vm) : -1;
}
