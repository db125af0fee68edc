/*
 * dig/model/role.c: each implementation's role, read from what its entry points do, with
 * the deciding evidence kept as text ("why") for the report (issue 11, item 2).
 *
 * The roles: wrapper (keeps no state of its own and hands out what it obtains from another
 * allocator), early-boot, resource map (ranges or numbers of a namespace out of a map),
 * fixed-size objects (one size per cache, zone or table), page-level (page units),
 * general-purpose (variable sizes; "kernel general" in the kernel domain). An entry point that
 * takes a size but asks its lower allocator only for chunks of a literal size, whose value is
 * not what it returns (a bump pointer refilled by `sbrk(1024)`; `vm_page_alloc_pa(0)` returned
 * as is forwards), or that takes a handle and asks its lower allocator, with none of its
 * parameters, for a block it keeps in what the handle points to (`malloc(incr_size)` stored
 * into `heap->top`, the request carved off `heap->next`), hands out memory it keeps across
 * calls and is never a wrapper, however short (role_keeps_own); so does one whose own body
 * gives a piece of a block back to a heap, a release called with a computed pointer
 * (`free(++leftover)`, `free(chunk2mem(p))`), a helper of another allocator that its release
 * uses (`__bin_chunk(c)`) or a list helper a release also calls, given the entry's handle
 * and a piece (`mm_addfreechunk(heap, remainder)`): it splits that heap's chunks itself (role_gives_back). The first rule that holds
 * decides: an entry point on the main entry point's paths claims a bit or a table element
 * of a map that a release gives back, or the main entry point passes out the number an entry point of its file hands out (a
 * face: claim.c) -> resource map (role_claims); the main entry point takes a
 * size, reads a table of its file and asks an object cache (a definition that takes a handle
 * and no size) for one object without passing its size: the size picks a cache, a
 * size-indexed front (`kmalloc` over `cache_sizes[]`, malloc(9) over `kmemzones[]`) ->
 * general-purpose (role_size_table); all entry points are wrappers, or
 * the main entry point forwards and nothing on its paths keeps state of its own file ->
 * wrapper; the main entry point is a dup by its body, whatever its name (`newstr(s)`:
 * malloc, strlcpy(p, s, ...), return p; model_dup_shape) -> wrapper; the main entry point
 * passes its size parameter down to another allocator
 * (`malloc(n)`, `bus_dmamem_alloc(tag, size, ...)`), or the call whose value it hands out
 * (flow.c) carries its size to another allocator or to a helper whose own output comes from
 * one (`auixp_allocmem(sc, size, 16, dma)` mapping bus_dmamem_alloc's pages into the record
 * whose field is returned: the entry's own kmem_alloc only made that record, so it does not
 * make the entry an allocator of its own), or the call whose value it hands out carries its
 * size to the chain's first link (a range reserver in no implementation:
 * `rman_reserve_resource(&sc->sc_irq_rman, start, end, count, ...)`; a firmware vector's
 * entry the chain stops at: `(*romvec->...v2_dumb_mem_alloc)(hint, num_bytes)`;
 * role_size_chain), does not pass state of its own to it
 * (`lmm_alloc(&heap, size)`), and nothing on its paths uses state that a release entry point
 * also uses (a free list, a table; counters, atomic ones too, and message strings are no
 * state; state of its own is defined in one of its files: the map of the layer below that
 * both sides hand on, `kmem_alloc_contig(kmem_map, size, ...)`, is not), whatever the
 * length of its body -> wrapper, or page-level when what it passes the size to is a page
 * allocator (a backend by name too, when it passes its size to another implementation's range
 * allocator that takes a map and a size: `vm_allocate` rounding and forwarding to
 * `vm_map_enter` is a wrapper); none of these when it calls another allocator's internals (a
 * static helper in that allocator's header: `get_meta`) or reads its variables, which makes it
 * part of that allocator; a boot folder (`boot`, `stand`, a name ending in boot: `chrpboot`,
 * `zfsboot`) -> early-boot. From here on only the main entry
 * point's paths decide (a function glued beside it says nothing of it): its own body takes
 * from a free list of pages (`vm_page_queue_free`), or rounds a parameter to pages
 * (`round_page(size)`, `PGROUNDUP`) before any call to a lower allocator and then allocates, or
 * scales its size parameter by the page size and returns memory or an address (`uintptr_t`) ->
 * page-level; a boot word in an allocating entry point's name -> early-boot; an entry point
 * that takes a map and a size and returns a unit (a definition named like a backend too:
 * `vm_map_enter(map, &addr, size)`), or a map and a plain number, with no `T **` (memory
 * or an object goes out through one: `bus_dmamem_alloc(tag, void **vaddr, flags,
 * bus_dmamap_t *mapp)` makes a DMA mapping, no namespace; a pv entry of a `pmap_t`, a
 * pointer typedef, is an object) -> resource map; a main entry point that takes no size,
 * hands out from state a release also uses and asks every lower allocator it calls for one
 * fixed size (`malloc(sizeof(struct cthread))`, a cache that takes no size, or the request
 * names that state: `pool_cache_get(mutex_obj_cache, PR_WAITOK)`, through a header macro to
 * a function in no implementation whose value it hands out; the entry's other parameters are
 * then flags when the callee takes no size: `kmem_cache_alloc(sk_cachep, priority)`) -> fixed-size
 * objects (a cache in front of a backend); a zone/slab/cache/pool word in an entry point's
 * name or first parameter type when it takes no size, or a handle parameter and no size (not
 * a block it gives to a release as is, as a move or a realloc does: role_releases_param) ->
 * fixed-size objects (a pool that takes a size hands out variable sizes); a main entry point
 * that takes a size and returns a plain number, no pointer and no address of memory
 * (`daddr_t`, not `vaddr_t`), and passes nothing out through a pointer to a pointer (or
 * returns a status and writes the number through its last parameter, `unsigned *loc`) ->
 * resource map; a main entry point that takes a size and gives records back to another
 * allocator while a release entry point takes records from one keeps its free ranges as
 * records apart from the space they describe (`dpcpu_alloc`/`dpcpu_free` over an extent
 * list) -> resource map (role_range_records); a main entry point with a prototype that takes
 * no size, returns a plain number (no status: nothing goes out through a pointer to a pointer)
 * and hands out from state a release also uses (`newque(key, msgflg)`: a slot of `msgque[]`
 * made into an id) -> resource map (role_number_unit); a page word -> page-level; an entry
 * point that takes no size (no parameter, or, when it returns a handle and no raw memory,
 * named parameters none named as a size: `hatm_alloc_tpd(sc, flags)`), when none of them takes one, hands out one unit: a page when its
 * return type or what its entry points use says page (PAGE_SIZE, PGSIZE, a page free list;
 * only entry points that share its state count when it has any), else one object (fixed-size) or one number
 * of a namespace (resource map), but a number naming a record of a table of structs that a
 * release also works on (`httptab[i].state = USED; return i`) is one object (role_record_table); only backends, none a release, one of which bumps a break
 * kept in a static of its body and reaches no lower source (newlib's `_sbrk` over the
 * linker's heap) -> early-boot; only backends -> page-level; what the main entry point
 * hands out is the value of a call to another allocator that is no memory source (by its
 * name, or a definition outside it that takes a size: `rv = rman_reserve_resource(rm,
 * rle->start, rle->end, rle->count, ...)`; `malloc(total)` of a size it computed), and nothing on its
 * paths keeps state a release takes back or hands state of its own down -> wrapper
 * (role_passes_on; tried before the fixed-size and resource-map rules above when the main entry
 * point's own body makes that call, returns its value as memory, writes no state and calls no
 * allocating member of its own: `return lower_alloc(m, type_size(t), name)`, `return
 * (*sc->node_alloc)(nt)` whatever handle it takes or word its name has, role_direct_source);
 * kernel domain -> kernel general; else general-purpose. Each reason names the entry point and its file:line, or the call that
 * decided.
 *
 * It runs after impl.c (members, domain, chain) and reads them; it sets impl->role,
 * impl->role_why and impl->self_contained.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

static int role_passes_state(const struct model *model, const struct impl_walk *w, int impl);
static int role_helper_claim(struct model *model, struct model_impl *impl, uint32_t main_entry);

/* Does a member on the walk's paths hand out (return, or put through a pointer parameter)
 * what a call through a pointer gives it: an ops-table method or a hook variable
 * (`p = sqlite3GlobalConfig.m.xMalloc(n)`, `*pp = p`)? */
static int role_through_table(const struct model *model, const struct impl_walk *w)
{
	for (uint32_t i = 0; i < w->nset; i++) {
		uint32_t first, end = model_calls_of_def(model, w->set[i], &first);
		for (uint32_t c = first; c < end; c++) {
			const struct model_call *mc = &model->calls[c];
			const struct dig_call *f = model_call_fact(model, mc);
			if (mc->caller == (int32_t)w->set[i] && (f->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT)) &&
			    !(f->flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)) &&
			    (mc->target == MODEL_TARGET_DISPATCH || f->kind == DIG_CALL_DISPATCH))
				return 1;
		}
	}
	return 0;
}

/* Does entry point `entry` of implementation `impl` only forward: is it a wrapper, and
 * does no member on its paths keep state of its own file (a static arena, a free list)?
 * Then the implementation is a wrapper whatever else the grouping glued to it (a stateful
 * pool beside a forwarding `scsi_init_malloc`); a face over its own engine
 * (`malloc` -> `__libc_malloc_impl`) reaches the engine's state and is not. Where what it
 * hands out comes through a methods table or a hook (role_through_table), a member that
 * only reads variables of its file (a limit, a lock: `mem0.alarmThreshold`,
 * `sqlite3_mutex_enter(mem0.mutex)` around the call through the table) keeps nothing it
 * hands out either: only one that writes one, or declares a static, or whose body the
 * parser did not read, or that hands such a variable down to the allocator below
 * (`lmm_alloc(&malloc_lmm, size)`: role_passes_state), does; so does one that pops a list
 * kept in what it is given (DIG_BODY_POPS: `chPoolAlloc` over the I-class `chPoolAllocI`
 * taking `mp->next`). */
static int role_entry_forwards(const struct model *model, struct impl_walk *w, int impl, uint32_t entry)
{
	int table;
	if (!(model->nodes[entry].flags & MODEL_NODE_WRAPPER) || !(model->nodes[entry].flags & MODEL_NODE_ALLOC))
		return 0;
	model_impl_entry_paths(model, w, impl, entry);
	table = role_through_table(model, w);
	for (uint32_t i = 0; i < w->nset; i++) {
		const struct model_node *n = &model->nodes[w->set[i]];
		if ((n->sig & SIG_STATIC_ARENA) || (n->func && (n->func->body & DIG_BODY_POPS)) ||
		    ((n->sig & SIG_OWN_STATE) && (!table || !n->func || !n->func->body_parsed ||
		                                  (n->func->body & (DIG_BODY_WRITES_STATE | DIG_BODY_STATIC)))))
			return 0;
	}
	return !table || !role_passes_state(model, w, impl);
}

/* Does an identifier say "page": a page word (`page_freelist`, `PAGE_SIZE`, `vm_page_t`), or
 * a page-size constant in capitals with PG in it (`PGSIZE`, `NBPG`, `BY2PG`)? */
static int role_page_word(const struct model_vocab *v, const char *id)
{
	int caps = id && *id;
	if (model_vocab_find(v, VOCAB_ROLE_PAGE, id))
		return 1;
	for (const char *p = id; caps && *p; p++)
		caps = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
	return caps && strstr(id, "PG") != NULL;
}

/* Does entry point n take no size: no parameter (an old-style `f()` too), or (when it hands
 * out no raw memory: a handle or a number) one that is not named as a size (`balloc(uint
 * dev)`), or (when it returns a handle, a pointer: no status with the unit going out through
 * a parameter) named parameters none of which is named as a size (`hatm_alloc_tpd(sc, flags)`
 * popping a descriptor off the softc's free list: a softc and flags ask for one object)? */
static int role_takes_no_size(const struct model *model, const struct model_node *n)
{
	const struct dig_func *f = n->func;
	if (model_takes_nothing(f))
		return 1;
	if (f->nparams <= 0 || (n->sig & SIG_RET_MEM) || !f->param_names || (f->nparams > 1 && !f->returns_pointer))
		return 0;
	for (int i = 0; i < f->nparams; i++)
		if (!f->param_names[i] || !*f->param_names[i] ||
		    model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, f->param_names[i]))
			return 0;
	return 1;
}

/* The role of an allocator whose entry point `n` takes no size: each call hands out one unit
 * of a size fixed in the code. The unit is a page when the entry's return type or what an
 * allocating or releasing member uses says page (xv6's kfree fills PGSIZE bytes), a member
 * that shares the entry's state when the entry has any (kfree pushes onto kalloc's
 * kmem.freelist; `PV_ALLOC`'s pv_free_list says nothing of a page word used by a page-table
 * page allocator beside it); else it is
 * one object of a table or free list (a pointer, or an address type such as `vaddr_t`:
 * fixed-size) or a number out of a namespace (an integer: a resource map), whatever the
 * name says. A number it passes out through a parameter, from a definition returning one
 * (role_number_out), is a slot of a namespace even in page units (swap slots of a page). */
static int role_state_name(const struct model *model, const struct model_node *node, const char *name);
static const struct dig_global *role_global(const struct model *model, const struct model_node *node,
                                            const char *name);
static int role_args_param(const char *args, const struct dig_func *f);
static int role_takes_ptrptr(const struct dig_func *f);

/* Is a number type one that carries addresses of memory (`vaddr_t`, `uintptr_t`; with
 * `longs`, the plain `long`s old code returned addresses in too)? `caddr_t` and
 * `vm_offset_t` are no number words (model_number_type) to begin with. */
static int role_address_type(const char *t, int longs)
{
	static const char *const address[] = { "vaddr_t", "paddr_t", "uintptr_t", "intptr_t", "long", "u_long", "ulong",
	                                        NULL };
	for (int i = 0; t && address[i] && (longs || i < 4); i++)
		if (model_args_name(t, address[i]))
			return 1;
	return 0;
}

/* Does member m use a variable that entry n uses and that is allocator state
 * (role_state_name)? n itself does when it uses any; *any says whether n uses state. */
static int role_shares_state(const struct model *model, const struct model_node *n, const struct model_node *m,
                             int *any)
{
	*any = 0;
	for (uint32_t g = 0; g < n->func->nglobals_used; g++) {
		if (!role_state_name(model, n, n->func->globals_used[g]))
			continue;
		*any = 1;
		if (m == n || model_strv_has(m->func->globals_used, m->func->nglobals_used, n->func->globals_used[g]))
			return 1;
	}
	return 0;
}

/* Does entry point `n`, returning no pointer, pass out through a pointer parameter (flow
 * OUT) the value of a definition of the tree that returns a plain number, no address
 * (`sector = bitmap_scan(map, 0, 1, false)`, `*sectorp = sector * SECTORS_PER_PAGE`)? Then
 * its unit is that number, a slot of a namespace, whatever page words size the slot. Its
 * name into *src. */
static int role_number_out(const struct model *model, const struct model_node *n, const char **src)
{
	uint32_t first, end = model_calls_of_def(model, (uint32_t)(n - model->nodes), &first);
	if (n->func->returns_pointer || role_takes_ptrptr(n->func))
		return 0;
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *t = mc->node >= 0 && !mc->ncands ? &model->nodes[mc->node] : NULL;
		if (mc->caller != (int32_t)(n - model->nodes) || !t || !t->func || t == n ||
		    !(model_call_fact(model, mc)->flow & DIG_FLOW_OUT) || t->func->returns_pointer ||
		    !t->func->return_type || strcmp(t->func->return_type, "void") == 0 ||
		    !model_number_type(t->func->return_type) || role_address_type(t->func->return_type, 1))
			continue;
		*src = t->name;
		return 1;
	}
	return 0;
}

/* The table of records entry point n claims its unit from: a variable it uses that is an
 * array of structs (`struct http httptab[NHTTP]`, `static struct usb_hub hub_structs[4]`;
 * no pointers, no numbers: a bitmap or a counter is none) and that a release member of the
 * implementation uses too (it sets the record's state back). Its name, or NULL. */
static const char *role_record_table(const struct model *model, const struct model_node *n, const uint32_t *members,
                                     uint32_t nmembers)
{
	for (uint32_t g = 0; g < n->func->nglobals_used; g++) {
		const char *name = n->func->globals_used[g];
		const struct dig_global *dg = role_global(model, n, name);
		const char *t = dg ? dg->type : NULL;
		if (!dg || !dg->is_array || !t || strchr(t, '*') || strncmp(t, "struct ", 7) != 0)
			continue;
		for (uint32_t i = 0; i < nmembers; i++) {
			const struct model_node *m = &model->nodes[members[i]];
			if ((m->flags & MODEL_NODE_FREE) && m->func && m != n &&
			    model_strv_has(m->func->globals_used, m->func->nglobals_used, name))
				return name;
		}
	}
	return NULL;
}

static void role_unit(struct model *model, struct model_impl *impl, const struct model_node *n,
                           const uint32_t *members, uint32_t nmembers)
{
	const char *table;
	const struct model_vocab *v = model->vocab;
	const char *why = role_page_word(v, n->func->return_type) ? n->func->return_type : NULL, *num = NULL;
	if (!why && role_number_out(model, n, &num)) {
		impl->role = MODEL_ROLE_RMAP;
		impl->role_why = model_mem_printf(model, "%s() takes no size and passes out the number %s() returns: one "
		                                  "unit of a namespace per call", n->name, num);
		return;
	}
	for (uint32_t i = 0; i < nmembers && !why; i++) {
		const struct model_node *m = &model->nodes[members[i]];
		int any;
		if (!m->func || !(m->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			continue;
		/* a member that works on other state than the entry's (a page-table page
		 * allocator glued beside a pv-entry free list) says nothing of its unit */
		if (!role_shares_state(model, n, m, &any) && any)
			continue;
		for (uint32_t g = 0; g < m->func->nglobals_used && !why; g++)
			if (role_page_word(v, m->func->globals_used[g]))
				why = m->func->globals_used[g];
	}
	if (why) {
		impl->role = MODEL_ROLE_PAGE;
		impl->role_why = model_mem_printf(model, "%s() takes no size and its unit is a page ('%s')", n->name, why);
	} else if (n->func->returns_pointer || !model_number_type(n->func->return_type) ||
	           role_address_type(n->func->return_type, 0)) {
		impl->role = MODEL_ROLE_FIXED;
		impl->role_why = model_mem_printf(model, "%s() takes no size and nothing says page: one object of a "
		                                  "fixed size per call", n->name);
	} else if ((table = role_record_table(model, n, members, nmembers)) != NULL) {
		impl->role = MODEL_ROLE_FIXED;
		impl->role_why = model_mem_printf(model, "%s() takes no size and claims a record of the table '%s', which a "
		                                  "release also works on: the number it returns names one object of a "
		                                  "fixed size", n->name, table);
	} else {
		impl->role = MODEL_ROLE_RMAP;
		impl->role_why = model_mem_printf(model, "%s() takes no size, returns a number and nothing says page: "
		                                  "one unit of a namespace per call", n->name);
	}
}

/* Is definition t a range allocator of another implementation: it takes a map and a size
 * (`vm_map_enter(map, &addr, size, ...)`)? Passing a size to it forwards the request to a
 * resource map, as `vm_allocate` does; a memory source (`mmap(0, size, ...)`) takes no map. */
static int role_map_entry(const struct model *model, uint32_t t, int impl)
{
	const struct model_node *n = &model->nodes[t];
	return n->func && n->impl != impl && (n->sig & SIG_RMAP_PARAM) && (n->sig & SIG_SIZE_PARAM);
}

/* Is node t a memory source to an entry point of implementation impl, whose request passed
 * to it (its size parameter as an argument: role_size_call_if, role_size_chain) makes an
 * allocator over it rather than a wrapper: a definition named like a backend (`mmap`,
 * `sbrk`, a system call's stub), but for a map's range allocator (role_map_entry) and for
 * one of another implementation that classify found allocating by behaviour (it keeps
 * state or asks an allocator of its own: `kmem_alloc(size, flag)` over kmem caches and vmem
 * arenas, `vmem_xalloc(vmp, size, ...)` carving its arena). A name is a hint: handing the
 * request to another allocator as is, whatever it is named, forwards. Where only a value
 * comes back through a helper (role_lower_source), a backend stays a source. */
static int role_memory_source(const struct model *model, uint32_t t, int impl)
{
	const struct model_node *n = &model->nodes[t];
	if (!(n->flags & MODEL_NODE_BACKEND) || role_map_entry(model, t, impl))
		return 0;
	return !(n->func && n->impl >= 0 && n->impl != impl && (n->flags & MODEL_NODE_ALLOC));
}

/* Does call mc go to a range allocator of another implementation (role_map_entry)? */
static int role_map_call(const struct model *model, const struct model_call *mc, int impl)
{
	for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : (mc->node >= 0)); k++)
		if (role_map_entry(model, mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node, impl))
			return 1;
	return 0;
}

/* Does member m name one of its size parameters (a parameter named as a size) in `args`? */
static int role_args_size(const struct model *model, const struct model_node *m, const char *args)
{
	const struct dig_func *f = m->func;
	for (int i = 0; args && i < f->nparams && f->param_names; i++)
		if (f->param_names[i] && *f->param_names[i] &&
		    model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, f->param_names[i]) &&
		    model_args_name(args, f->param_names[i]))
			return 1;
	return 0;
}

/* The call of member `m` that passes one of m's size parameters (a parameter named as a size)
 * on to an allocation target outside implementation `impl` that is no backend, or NULL: the request goes
 * down, as a wrapper forwards it (`malloc(n)`, `bus_dmamem_alloc(tag, size, ...)`); a refill
 * of a fixed chunk (`sbrk(2000)`, `morecore(nunits)`) carries no size parameter. */
static const struct model_call *role_size_call_if(const struct model *model, const struct impl_walk *w, int impl,
                                                  uint32_t m, int page)
{
	const struct model_node *node = &model->nodes[m];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *args = model_call_fact(model, mc)->args;
		int lower = 0;
		if (mc->caller != (int32_t)m || (mc->node < 0 && !mc->ncands) || !args)
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : 1) && !lower; k++) {
			uint32_t t = mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node;
			/* another allocator; a memory source itself (`mmap(0, size, ...)`) makes an
			 * allocator over it, no wrapper */
			lower = model_impl_lower_target(model, w, impl, t) && !role_memory_source(model, t, impl);
		}
		if (page && lower)
			lower = model_vocab_find(model->vocab, VOCAB_ROLE_PAGE, model_call_callee(model, mc)) != NULL;
		if (lower && role_args_size(model, node, args))
			return mc;
	}
	return NULL;
}

/* Is node t, where what an entry point of implementation impl hands out comes from, another
 * allocator: a definition that is a lower target (another implementation's allocating entry
 * point, a definition in none named as allocating: not `dnode_next_offset`, a search the
 * output passes through), or a name with no body in the tree that the chain takes for a
 * source (a per-machine macro named like an allocator: `isa_malloc`); never a memory source
 * itself (a backend), but for a map's range allocator? */
static int role_lower_source(const struct model *model, const struct impl_walk *w, int impl, uint32_t t)
{
	const struct model_node *tn = &model->nodes[t];
	if (tn->impl == impl || ((tn->flags & MODEL_NODE_BACKEND) && !role_map_entry(model, t, impl)))
		return 0;
	return tn->func ? model_impl_lower_target(model, w, impl, t) : model_impl_flow_accept(model, w, impl, t);
}

/* Is what call mc gives (a call the output leaves through with several candidates) from
 * another allocator than implementation impl's: a candidate of it that is no memory source
 * (a backend, but for a map's range allocator) and in no part of impl? */
static int role_other_allocator(const struct model *model, const struct impl_walk *w, int impl,
                                const struct model_call *mc)
{
	for (uint32_t k = 0; k < mc->ncands; k++)
		if (role_lower_source(model, w, impl, model_call_cands(model, mc)[k]))
			return 1;
	return 0;
}

/* The call of member m that carries one of m's size parameters and whose value becomes what
 * m hands out (flow RETURN, or OUT when m returns no memory; not the object a field of which
 * flows out), when what it gives comes from another allocator. Its callee is a source the
 * chain takes (`return isa_malloc(ic, drq, size, ...)`, a macro of a machine header named
 * like an allocator), or a helper of the implementation whose own output comes from one
 * (`auixp_allocmem(sc, size, 16, dma)` mapping bus_dmamem_alloc's pages into dma->addr, the
 * field returned, while the entry's own kmem_alloc only made the dma record; a per-machine
 * `bus_dmamem_alloc` of several definitions too). A helper given the pointer by value counts
 * only when it fills what it is given, as in flow.c: `b = mkbin(b, size)` of a region
 * allocator that then bumps b->pos does not. The request goes down, and the memory handed
 * out is the lower allocator's. A memory source itself (a backend: `mmap`) is none, as in
 * role_size_call_if. *src gets that allocator's name; NULL when there is none. */
static const struct model_call *role_size_source(const struct model *model, const struct impl_walk *w, int impl,
                                                 uint32_t m, const char **src)
{
	const struct model_node *node = &model->nodes[m];
	/* memory returned is the output: what goes through a pointer parameter then is
	 * bookkeeping (`*bin = mkbin(b, size)` of a region allocator), as in flow.c */
	unsigned out = node->func->returns_pointer || (node->sig & SIG_RET_MEM) ? DIG_FLOW_RETURN
	                                                                      : DIG_FLOW_RETURN | DIG_FLOW_OUT;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const struct model_node *tn;
		struct model_flow_pick pick;
		int32_t s = -1;
		if (mc->caller != (int32_t)m || mc->target != MODEL_TARGET_NODE || mc->node < 0 || !fact->args ||
		    !(fact->flow & out) || (fact->flow & DIG_FLOW_WEAK) || !role_args_size(model, node, fact->args))
			continue;
		tn = &model->nodes[mc->node];
		if (tn->impl != impl) {
			s = mc->node;
		} else if (tn->func && (uint32_t)mc->node != m &&
		           (!(fact->flow & DIG_FLOW_BYVAL) || model_flow_fills_params(model, (uint32_t)mc->node)) &&
		           model_impl_flow_source(model, w, impl, (uint32_t)mc->node, &pick)) {
			if (!pick.n && pick.amb && role_other_allocator(model, w, impl, pick.amb)) {
				*src = model_call_callee(model, pick.amb);
				return mc;
			}
			s = pick.n ? pick.node : -1;
		}
		if (s < 0 || !role_lower_source(model, w, impl, (uint32_t)s))
			continue;
		*src = model->nodes[s].name;
		return mc;
	}
	return NULL;
}

/* The call of member m that carries one of m's size parameters to the chain's first link of
 * implementation impl (the next hop from its main entry point: a definition in none, as
 * `rman_reserve_resource(&sc->sc_irq_rman, start, end, count, flags, child)` is, or the
 * callee of a call through a pointer the chain stops at: a firmware vector's
 * `(*romvec->pv_v2devops.v2_dumb_mem_alloc)(hint, num_bytes)`) and whose value m returns
 * (flow RETURN; what reaches the output only through a pointer parameter, or through an
 * address the call fills while its value is a status: `map_findspace(map, size, &addr)`,
 * does not count), or NULL; m returns memory (a pointer): a status it passes on
 * (`error = bus_dma_tag_create(..., size, ...); return error`) is no memory handed out. The chain found where the memory
 * comes from; m passes it the request. A status that only says whether a range was found
 * (`find_io_region(base, num, align, name) == 0`, the range recorded in the socket's own
 * window table) is not what m hands out. */
static const struct model_call *role_size_chain(const struct model *model, const struct model_impl *impl,
                                               int impl_index, uint32_t m)
{
	const struct model_node *node = &model->nodes[m];
	const char *hop = impl->nchain > 1 ? model->nodes[impl->chain[1]].name : impl->chain_ambiguous;
	if (!hop || !impl->nchain || impl->chain[0] != m || !(node->func->returns_pointer || (node->sig & SIG_RET_MEM)) ||
	    (impl->nchain > 1 && role_memory_source(model, impl->chain[1], impl_index)))
		return NULL;   /* a memory source itself (`mmap64(0, size, ...)`) makes an allocator over it */
	if (impl->nchain > 1 && model->nodes[impl->chain[1]].impl == impl_index)
		return NULL;   /* a public entry of its own allocator (impl.c): the same allocator */
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller == (int32_t)m && fact->args && (fact->flow & DIG_FLOW_RETURN) &&
		    !(fact->flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL)) &&
		    !((fact->flow & DIG_FLOW_FILLS) && strchr(fact->args, '&')) &&
		    strcmp(model_call_callee(model, mc), hop) == 0 &&
		    role_args_size(model, node, fact->args))
			return mc;
	}
	return NULL;
}

/* The call of member m that passes its size down (see role_size_call_if), or NULL. */
static const struct model_call *role_size_call(const struct model *model, const struct impl_walk *w, int impl,
                                               uint32_t m)
{
	return role_size_call_if(model, w, impl, m, 0);
}

/* The page allocator member m passes its size to (`vm_page_grab_contig(size, ...)`), or NULL. */
static const char *role_page_call(const struct model *model, const struct impl_walk *w, int impl, uint32_t m)
{
	const struct model_call *mc = role_size_call_if(model, w, impl, m, 1);
	return mc ? model_call_callee(model, mc) : NULL;
}

/* Does definition m pass `name` in the arguments of one of its calls (a map handed on:
 * `kmem_alloc(kalloc_map, ...)`)? */
static int role_passes_name(const struct model *model, const struct model_node *m, const char *name)
{
	uint32_t self = (uint32_t)(m - model->nodes);
	for (uint32_t c = model_calls_of_file(model, m->file_index);
	     c < model->ncalls && model->calls[c].file_index == m->file_index; c++) {
		const char *args = model_call_fact(model, &model->calls[c])->args;
		if (model->calls[c].caller == (int32_t)self && args && model_args_name(args, name))
			return 1;
	}
	return 0;
}

/* Does definition m use a variable defined once in the tree, in a file of another
 * implementation whose entry points use it too (mallocng's realloc reading the allocator's
 * context), other than by handing it on in a call (role_passes_name)? That is the other
 * allocator's state, so m works on its internals. */
static int role_others_state(const struct model *model, const struct model_node *m, int impl)
{
	const struct model_cls *cls = model->cls;
	if (!cls || !m->func)
		return 0;
	for (uint32_t g = 0; g < m->func->nglobals_used; g++) {
		const char *name = m->func->globals_used[g];
		uint32_t count, at = model_globals_find(cls->globals, cls->nglobals, name, &count), fi;
		if (count != 1 || (fi = cls->globals[at].file) == m->file_index || role_passes_name(model, m, name))
			continue;
		for (uint32_t n = model_defs_of_file(model, fi); n < model->ndefs && model->nodes[n].file_index == fi; n++) {
			const struct model_node *t = &model->nodes[n];
			if (t->impl >= 0 && t->impl != impl && model_node_is_entry(t) &&
			    model_strv_has(t->func->globals_used, t->func->nglobals_used, name))
				return 1;
		}
	}
	return 0;
}

/* Does a member on the walk's paths call a helper that another implementation keeps in a
 * header for its own files (static, or defined in a header, and no entry point: mallocng's
 * `get_meta`, `set_size` in meta.h)? Then it works on that allocator's internals and is
 * part of it (an aligned_alloc that moves the slot start through the group's meta), not a
 * wrapper over its entry points; so does a variable of that allocator (role_others_state).
 * A plain function of another file (an `error()` beside an `xmalloc`) says nothing. */
static int role_internals(const struct model *model, const struct impl_walk *w, int impl)
{
	for (uint32_t i = 0; i < w->nset; i++)
		if (role_others_state(model, &model->nodes[w->set[i]], impl))
			return 1;
	for (uint32_t i = 0; i < w->nset; i++)
		for (uint32_t e = model->out_start[w->set[i]]; e < model->out_start[w->set[i] + 1]; e++) {
			const struct model_node *t = &model->nodes[model->edges[e].to];
			if (t->func && t->impl >= 0 && t->impl != impl && (t->flags & MODEL_NODE_HELPER) &&
			    !model_node_is_entry(t) && !(t->flags & MODEL_NODE_BACKEND) &&
			    (t->func->is_static || model_path_is_header(t->file->path)))
				return 1;
		}
	return 0;
}

/* The variable `name` used by definition `node`: defined in node's file (not an extern
 * declaration) or once elsewhere in the tree, else NULL. It is allocator state
 * (role_state_name) when it is no plain number: a free list, a table, a bitmap, an arena
 * pointer are state; a counter (`u_long nbouncebufs`, a statistic both sides bump, an
 * `atomic_t` budget) and a message string (`char Ememory[]`, an array of char) are not. */
static const struct dig_global *role_global(const struct model *model, const struct model_node *node,
                                            const char *name)
{
	const struct dig_file *f = node->file;
	const struct dig_global *g = NULL;
	for (uint32_t j = 0; j < f->nglobals && !g; j++)
		if (!f->globals[j].dead && !f->globals[j].is_extern && strcmp(f->globals[j].name, name) == 0)
			g = &f->globals[j];
	if (!g && model->cls) {
		uint32_t count, at = model_globals_find(model->cls->globals, model->cls->nglobals, name, &count);
		if (count == 1) {
			const struct dig_file *df = &model->tree->files[model->cls->globals[at].file];
			for (uint32_t j = 0; j < df->nglobals && !g; j++)
				if (!df->globals[j].dead && strcmp(df->globals[j].name, name) == 0)
					g = &df->globals[j];
		}
	}
	return g;
}

/* Is `name`, used by definition `node`, allocator state (see role_global)? A lock
 * (`kmutex_t cachefs_kmem_lock` taken around a counter) guards state and is none. */
static int role_state_name(const struct model *model, const struct model_node *node, const char *name)
{
	const struct dig_global *g = role_global(model, node, name);
	return g && model_global_state(g) && !model_global_lock(g);
}

/* Is the variable `name` state of implementation impl's own: defined (not extern) in one of
 * its files, or in a file of the same folder as one of them (a package split into files:
 * `realloc.c` beside the `malloc.c` whose arena `malloc_lmm` it hands to lmm_alloc)? The map
 * of another subsystem's layer handed on (`kmem_alloc_contig(kmem_map, size, ...)` from a
 * driver's header, kmem_map defined in vm/) is no state of impl's own. */
static int role_own_global(const struct model *model, const struct model_impl *impl, const char *name)
{
	const struct dig_file *last = NULL;
	uint32_t count, at;
	for (uint32_t r = 0; r < impl->nnodes; r++) {
		const struct dig_file *f = model->nodes[impl->nodes[r]].file;
		if (!f || f == last)
			continue;
		last = f;
		for (uint32_t j = 0; j < f->nglobals; j++)
			if (!f->globals[j].dead && !f->globals[j].is_extern && strcmp(f->globals[j].name, name) == 0)
				return 1;
	}
	if (!model->cls)
		return 0;
	at = model_globals_find(model->cls->globals, model->cls->nglobals, name, &count);
	for (uint32_t k = 0; k < count; k++) {
		const char *path = model->tree->files[model->cls->globals[at + k].file].path;
		for (uint32_t r = 0; r < impl->nnodes; r++)
			if (model_same_folder(path, model->nodes[impl->nodes[r]].file->path))
				return 1;
	}
	return 0;
}

/* Does definition m use the variable `name` only as something it hands to calls made for
 * their effect: its body (parsed) writes no variable of the file and declares no static,
 * and every call of it that names `name` among its arguments is a statement of its own
 * (its value unused) to no allocator and no lock, at least one (`atomic_add_64(&clstat_debug.
 * dirents.value.ui64, size)`, a statistic; `USB_DPRINTF_L4(mask, usbai_log_handle, ...)`, a
 * log handle)? Then m keeps nothing in it that it hands out: a pop takes a value off a list
 * (`p = TAILQ_FIRST(&head)`), or writes the list head itself; a record whose lock it takes
 * (`qlock(&area)`, then `l = &area.list[sz]` popped through l) holds what the lock guards. */
static int role_passed_only(const struct model *model, uint32_t m, const char *name)
{
	const struct dig_func *f = model->nodes[m].func;
	const char *callee;
	uint32_t first, end;
	int any = 0;
	if (!f || !f->body_parsed || (f->body & (DIG_BODY_WRITES_STATE | DIG_BODY_STATIC)))
		return 0;
	end = model_calls_of_def(model, m, &first);
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller != (int32_t)m || !fact->args || !model_args_name(fact->args, name))
			continue;
		callee = model_call_callee(model, mc);
		if (!fact->discarded || model_name_has_lock(callee) || model_vocab_lock(model->vocab, callee) ||
		    (mc->node >= 0 && (model->nodes[mc->node].flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND))))
			return 0;
		any = 1;
	}
	return any;
}

/* The first variable that a member on the walk's paths and a release entry point of the
 * implementation both use and that is allocator state (role_state_name) and that the
 * member does more with than hand to calls made for their effect (role_passed_only), or NULL. With
 * `own`, only a variable defined in a file of that implementation counts (role_own_global):
 * the map of the layer below that both sides hand on (`kmem_free(kmem_map, ...)`) is no
 * state a wrapper keeps. */
static const char *role_shared_state(const struct model *model, const struct impl_walk *w, const uint32_t *members,
                                     uint32_t nmembers, const struct model_impl *own)
{
	for (uint32_t i = 0; i < w->nset; i++) {
		const struct model_node *m = &model->nodes[w->set[i]];
		for (uint32_t g = 0; g < m->func->nglobals_used; g++) {
			const char *name = m->func->globals_used[g];
			for (uint32_t r = 0; r < nmembers; r++) {
				const struct model_node *rel = &model->nodes[members[r]];
				if (!(rel->flags & MODEL_NODE_FREE) || !rel->func ||
				    !model_strv_has(rel->func->globals_used, rel->func->nglobals_used, name))
					continue;
				if (role_state_name(model, m, name) && (!own || role_own_global(model, own, name)) &&
				    !role_passed_only(model, w->set[i], name))
					return name;
			}
		}
	}
	return NULL;
}

/* Does a member on the walk's paths pass allocator state of its own (role_state_name) to an
 * allocation target outside implementation `impl`? Then the lower allocator works on this
 * one's arena or tables (`lmm_alloc(&malloc_lmm, size, 0)`, `zalloc(k_zone[i])`): it is
 * the state's owner, not a wrapper. State of its own is defined in one of its files
 * (role_own_global): a map of the layer below handed on is the lower allocator's. */
static int role_passes_state(const struct model *model, const struct impl_walk *w, int impl)
{
	for (uint32_t i = 0; i < w->nset; i++) {
		const struct model_node *m = &model->nodes[w->set[i]];
		for (uint32_t c = model_calls_of_file(model, m->file_index);
		     c < model->ncalls && model->calls[c].file_index == m->file_index; c++) {
			const struct model_call *mc = &model->calls[c];
			const char *args = model_call_fact(model, mc)->args;
			int lower = 0;
			if (mc->caller != (int32_t)w->set[i] || (mc->node < 0 && !mc->ncands) || !args || !*args)
				continue;
			for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : 1) && !lower; k++)
				lower = model_impl_lower_target(model, w, impl,
				                                mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node);
			for (uint32_t g = 0; lower && g < m->func->nglobals_used; g++)
				if (model_args_name(args, m->func->globals_used[g]) &&
				    role_state_name(model, m, m->func->globals_used[g]) &&
				    role_own_global(model, &model->impls[impl], m->func->globals_used[g]))
					return 1;
		}
	}
	return 0;
}

/* Are the arguments `args` constants only: numbers and names in capitals (`0`, `0, 1`,
 * `PAL_USER | PAL_ZERO`), at least one? A request that names nothing of the caller's (no
 * parameter, no local, no `sizeof`) asks for the same chunk every time. */
static int role_constant_args(const char *args)
{
	int any = 0;
	for (const char *p = args; p && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')
			any = 1;
		else if (*p >= 'a' && *p <= 'z') {
			if (p == args || !(p[-1] >= '0' && p[-1] <= '9') || !strchr("xulUL", *p))
				return 0;   /* a word, not a suffix of a number (`0x10`, `1ul`) */
		} else if (!strchr(" ,|()", *p))
			return 0;
	}
	return any;
}

/* Does entry point `entry`'s own body, after line `after`, ask a lower allocator for a
 * chunk with constant arguments only (role_constant_args: `a = get_page(0)`,
 * `get_pages(0, 1)`) and push onto a list (a call that is a statement of its own, to a
 * definition that moves only, whose first argument is the address of a field: `&d->free`)?
 * Beside a call that carries the caller's size (`get_pages(0, n)` on a large path), it
 * refills a free list of blocks it carves from that chunk: memory it keeps, so no wrapper,
 * and no page-level allocator by the large path's rounding alone. A fixed buffer handed
 * out as is on another path (`kmalloc(T_BUF_SIZE, GFP_DMA)`) is carved into nothing. */
static int role_refills(const struct model *model, const struct impl_walk *w, int impl, uint32_t entry,
                        uint32_t after)
{
	uint32_t first, end = model_calls_of_def(model, entry, &first);
	int refill = 0, push = 0;
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const char *a = fact->args;
		if (mc->caller != (int32_t)entry || mc->node < 0 || mc->ncands || fact->line <= after)
			continue;
		if (role_constant_args(a) && model_impl_lower_target(model, w, impl, (uint32_t)mc->node))
			refill = 1;
		while (a && *a == ' ')
			a++;
		if (fact->discarded && a && *a == '&' && strchr(a, ',') && memchr(a, '>', (size_t)(strchr(a, ',') - a)) &&
		    model->nodes[mc->node].func && model_moves_only(model, (uint32_t)mc->node))
			push = 1;
	}
	return refill && push;
}

/* A wrapper by behaviour, whatever the length of its body (issue 11): the main entry point
 * passes its size down to another allocator (role_size_call), and nothing on its paths
 * keeps state that a release entry point of the implementation takes back into
 * (role_shared_state): no free list, table or bitmap of its own, only error handling,
 * bookkeeping of what it got (a DMA map filled, a list record, a counter) and messages.
 * Sets the role and the evidence and returns 1, else 0. */
static int role_forwards_down(struct model *model, struct impl_walk *w, int index, struct model_impl *impl,
                              uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct model_call *via = NULL;
	const struct model_node *by = NULL;
	const char *page = NULL;
	const char *src = NULL;
	if (!(me->flags & MODEL_NODE_ALLOC) || !me->func)
		return 0;
	model_impl_entry_paths(model, w, index, main_entry);
	/* the entry's own body (and its twins under #if): a helper that takes the size may carve
	 * (`mkbin(bin, size)` growing a region) */
	for (uint32_t i = 0; i < w->level[1] && !via; i++) {
		via = role_size_call(model, w, index, w->set[i]);
		by = &model->nodes[w->set[i]];
	}
	/* else the call whose value it hands out carries the size to where the memory comes
	 * from, through a helper that fills a record (role_size_source) */
	for (uint32_t i = 0; i < w->level[1] && !via; i++) {
		via = role_size_source(model, w, index, w->set[i], &src);
		by = &model->nodes[w->set[i]];
	}
	/* else the main entry point hands its size to the chain's first link (role_size_chain) */
	if (!via && (via = role_size_chain(model, impl, index, main_entry)) != NULL)
		by = me;
	/* a backend by name forwards only when it hands the request to a map's range allocator */
	if (!via || ((me->flags & MODEL_NODE_BACKEND) && !role_map_call(model, via, index)) ||
	    role_shared_state(model, w, impl->nodes, impl->nnodes, impl) || role_passes_state(model, w, index) ||
	    role_refills(model, w, index, main_entry, 0))
		return 0;
	/* the size goes to a page allocator (`vm_page_grab_contig(size, ...)`): its unit is a page */
	for (uint32_t i = 0; i < w->level[1] && !page; i++)
		page = role_page_call(model, w, index, w->set[i]);
	impl->role = page ? MODEL_ROLE_PAGE : MODEL_ROLE_WRAPPER;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) passes its size to %s (%s:%u)%s%s%s and "
	                                  "nothing on its paths keeps state a release takes back%s%s%s", me->name,
	                                  me->file->path, me->func->line, model_call_callee(model, via), by->file->path,
	                                  model_call_fact(model, via)->line,
	                                  src && strcmp(src, model_call_callee(model, via)) ? ", where what it hands out "
	                                  "comes from " : "", src && strcmp(src, model_call_callee(model, via)) ? src : "",
	                                  src ? " (the call's value flows out)" : "",
	                                  page ? "; it takes pages from " : "", page ? page : "",
	                                  page ? ": page-level" : ": a wrapper");
	return 1;
}

/* Page-level by what the main entry point's own body works on: a free list of pages, state
 * whose name says page and free (`vm_page_queue_free`, `page_freelist`); page headers or
 * boot segments alone are no page free list. The walk holds
 * the main entry point's paths (level 0: its own body). Sets the role and returns 1, else 0. */
static int role_page_state(struct model *model, struct model_impl *impl, const struct impl_walk *w)
{
	for (uint32_t i = 0; i < w->level[1]; i++) {
		const struct model_node *m = &model->nodes[w->set[i]];
		if (!m->func || !(m->flags & MODEL_NODE_ALLOC))
			continue;
		for (uint32_t g = 0; g < m->func->nglobals_used; g++) {
			const char *name = m->func->globals_used[g];
			if (!role_page_word(model->vocab, name) || !strstr(name, "free") || !role_state_name(model, m, name))
				continue;
			impl->role = MODEL_ROLE_PAGE;
			impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) works on '%s', page state",
			                                  m->name, m->file->path, m->func->line, name);
			return 1;
		}
	}
	return 0;
}

/* Are the arguments `args` literal numbers only, not all zero (`1024`, `2000, 0`; `sbrk(0)`
 * only reads the break)? */
static int role_literal_args(const char *args)
{
	int digits = 0;
	for (const char *p = args; p && *p; p++) {
		if (*p >= '1' && *p <= '9')
			digits = 1;
		else if (*p == '0')
			continue;
		else if (*p != ' ' && *p != ',' && *p != 'x' && *p != 'X' && *p != 'L' && *p != 'U' && *p != 'l' && *p != 'u')
			return 0;
	}
	return digits;
}

/* Does the argument text `args` name a parameter of f? */
static int role_args_param(const char *args, const struct dig_func *f)
{
	for (int i = 0; i < f->nparams && f->param_names && args; i++)
		if (f->param_names[i] && *f->param_names[i] && model_args_name(args, f->param_names[i]))
			return 1;
	return 0;
}

/* Does entry point `entry` hand out memory it keeps itself rather than what a lower
 * allocator returns? It takes a size (a parameter named as one), and every call to a lower
 * allocator in its own body asks for a fixed chunk of literal size (`sbrk(1024)`,
 * `sbrk(2000)`) with none of its parameters, and its value does not reach what the entry
 * returns (where the parser read the body; the lexer records no flow): the request is served from the chunk by state it keeps across calls (a bump
 * pointer, `p = curbase; curbase += n`), not forwarded. Or it takes a handle, and every
 * such call asks for a block of a size it computed (`malloc(incr_size)`: none of its
 * parameters, neither the size asked for nor the handle's memory, and no `sizeof`: one
 * record of a type is an object it builds) whose value is both kept in what a pointer
 * parameter points to (flow OUT: `heap->top = p + incr_size`) and handed out as is (flow
 * RETURN, not only a field of it): the request is carved from the block its handle holds
 * (`p = heap->next; heap->next = p + size`), which the lower call only refills, though the
 * new block's start is handed out too. Then it is no wrapper, however short. The lower
 * call that refills it, else NULL. */
static const struct model_call *role_keeps_own(const struct model *model, const struct impl_walk *w, int impl,
                                               uint32_t entry)
{
	const struct model_node *n = &model->nodes[entry];
	const struct model_call *lower = NULL;
	if (!model_size_param(model->vocab, n->func))
		return NULL;
	for (uint32_t c = model_calls_of_file(model, n->file_index);
	     c < model->ncalls && model->calls[c].file_index == n->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact;
		int hit = 0;
		if (mc->caller != (int32_t)entry || (mc->node < 0 && !mc->ncands))
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : 1) && !hit; k++)
			hit = model_impl_lower_target(model, w, impl, mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node);
		if (!hit)
			continue;
		fact = model_call_fact(model, mc);
		if ((!role_literal_args(fact->args) || (fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS))) &&
		    (!(n->sig & SIG_HANDLE_PARAM) || !fact->args || strstr(fact->args, "sizeof") ||
		     (fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_WEAK | DIG_FLOW_BYVAL)) !=
		         (DIG_FLOW_RETURN | DIG_FLOW_OUT) || role_args_param(fact->args, n->func)))
			return NULL;
		lower = lower ? lower : mc;
	}
	return lower;
}

/* The end of a cast at `p` (`(void *)`, `(union hdr *)`: words and stars in parentheses),
 * else NULL. */
static const char *role_cast_end(const char *p)
{
	if (*p != '(')
		return NULL;
	for (p++; *p && *p != ')'; p++)
		if (!model_ident_char(*p) && *p != ' ' && *p != '*')
			return NULL;
	return *p == ')' ? p + 1 : NULL;
}

/* Is the first argument of `args` computed: no name, field or address of one (`++leftover`,
 * `chunk2mem(p)`, `(char *)p + n`; not `p`, `mbx->msgs`, nor a cast of one, `(pointer) hp`),
 * a piece cut from a block rather than a block kept somewhere? */
static int role_computed_arg(const char *args)
{
	const char *p = args, *cast;
	while (p && *p == ' ')
		p++;
	while (p && (cast = role_cast_end(p)) != NULL)
		for (p = cast; *p == ' ';)
			p++;
	if (!p || !*p || *p == '&')
		return 0;
	for (; *p && *p != ','; p++) {
		if (p[0] == '-' && p[1] == '>')
			p++;
		else if (!model_ident_char(*p) && *p != ' ' && *p != '.')
			return 1;
	}
	return 0;
}

/* Does the first argument of `args` name a parameter of f? */
static int role_first_arg_param(const char *args, const struct dig_func *f)
{
	char first[161];
	return model_arg_text(args, 0, first, sizeof first, 0) && role_args_param(first, f);
}

/* Does a helper `t` of another implementation, no entry point of it, work on that
 * allocator's free state: a release entry point of its implementation calls it and it
 * writes what it is given or state (musl's `__bin_chunk`, which free also calls)? */
static int role_release_helper(const struct model *model, const struct model_node *t, int impl)
{
	if (!t->func || t->impl < 0 || t->impl == impl || model_node_is_entry(t) || !(t->flags & MODEL_NODE_HELPER) ||
	    !(t->func->body & (DIG_BODY_WRITES_STATE | DIG_BODY_WRITES_THROUGH)))
		return 0;
	for (uint32_t e = model->in_start[t - model->nodes]; e < model->in_start[t - model->nodes + 1]; e++) {
		const struct model_node *from = &model->nodes[model->edges[model->in_edges[e]].from];
		if ((from->flags & MODEL_NODE_FREE) && from->impl == t->impl)
			return 1;
	}
	return 0;
}

/* Does definition t put what it is given onto a list, as a release does: no entry point, its
 * body writes through a pointer (`prev->flink = node`), and a release (by its kind, or named
 * as one) calls it too (NuttX's `mm_addfreechunk(heap, node)`, an inline helper of the
 * heap's header that mm_free also calls)? */
static int role_list_helper(const struct model *model, const struct model_node *t)
{
	if (!t->func || model_node_is_entry(t) || (t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) ||
	    (t->func->body_parsed && !(t->func->body & DIG_BODY_WRITES_THROUGH)))
		return 0;
	for (uint32_t e = model->in_start[t - model->nodes]; e < model->in_start[t - model->nodes + 1]; e++) {
		const struct model_node *from = &model->nodes[model->edges[model->in_edges[e]].from];
		if (from != t && ((from->flags & MODEL_NODE_FREE) || (from->sig & SIG_NAME_FREE)))
			return 1;
	}
	return 0;
}

/* Are the parameter types a and b one pointer to one record type, words in capitals in front
 * aside (`FAR struct mm_heap_s *` as a body the lexer read keeps it, `struct mm_heap_s *`)?
 * The type's last word and its stars decide. */
static int role_same_record(const char *a, const char *b)
{
	const char *sa = strchr(a, '*'), *sb = strchr(b, '*'), *wa, *wb;
	if (!sa || !sb || strcmp(sa, sb) != 0)
		return 0;
	while (sa > a && sa[-1] == ' ')
		sa--;
	while (sb > b && sb[-1] == ' ')
		sb--;
	for (wa = sa; wa > a && model_ident_char(wa[-1]);)
		wa--;
	for (wb = sb; wb > b && model_ident_char(wb[-1]);)
		wb--;
	return sa > wa && sa - wa == sb - wb && strncmp(wa, wb, (size_t)(sa - wa)) == 0;
}

/* Does the call `args` of entry point f's body hand a release's list helper its own handle
 * and a piece of its own (`mm_addfreechunk(heap, remainder)`): the first argument is a
 * pointer parameter of f to a record, of the type the helper takes first (`bcopy(s, new,
 * len)` of a dup hands on a string), the second is a local of f, one name and none of its
 * parameters (casts aside), that the helper takes as a pointer (`dev_err(dip, CE_WARN,
 * ...)` logs; `dbwarn(vm, NIL(Vmuchar_t *), ...)` is given no piece)? */
static int role_handle_piece(const struct model *model, const char *args, const struct dig_func *f,
                             const struct model_node *t)
{
	char first[161], second[161];
	const char *type = NULL;
	if (!model_arg_text(args, 0, first, sizeof first, 1) || !model_arg_text(args, 1, second, sizeof second, 1) ||
	    !*second || role_args_param(second, f) || !f->param_types || !f->param_names)
		return 0;
	for (int i = 0; i < f->nparams && !type; i++)
		if (f->param_names[i] && strcmp(first, f->param_names[i]) == 0)
			type = f->param_types[i];
	return type && model_claim_index_kinds(f, second) == 1 && !strpbrk(second, "()[]-.+ ") &&
	       t->func->nparams >= 2 && t->func->param_types && t->func->param_types[0] && t->func->param_types[1] &&
	       strchr(t->func->param_types[1], '*') && role_same_record(type, t->func->param_types[0]) &&
	       (strstr(type, "struct ") || model_handle_type(model, type));
}

/* Does the main entry point's own body give a piece of a block back to a heap: a call that
 * is a statement of its own, to a release (by its kind, or named as one) with a computed
 * pointer (`free(++leftover)` of the remainder of a region, `free(chunk2mem(p))` of the
 * leader cut off for alignment), or to a helper of another allocator that its release uses
 * to take chunks back (role_release_helper: `__bin_chunk(c)`), with none of the entry's
 * parameters first, or to a helper that links what it is given into a list and that a
 * release calls too, with the entry's own handle first and a piece that is none of its
 * parameters second (role_list_helper, role_handle_piece: `mm_addfreechunk(heap,
 * remainder)`; `(struct node *)old - 1`, a whole block it was given, is no piece)? Then it
 * splits chunks of that heap itself (an aligned_alloc, a
 * realloc growing in place, a malloc putting a region's leftover on its list): the heap's
 * role, no wrapper, whatever it forwards. That call, else NULL. */
static const struct model_call *role_gives_back(const struct model *model, int impl, uint32_t entry)
{
	const struct model_node *n = &model->nodes[entry];
	uint32_t first, end = model_calls_of_def(model, entry, &first);
	if (!n->func || !(n->flags & MODEL_NODE_ALLOC))
		return NULL;
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const struct model_node *t = mc->node >= 0 && !mc->ncands ? &model->nodes[mc->node] : NULL;
		if (mc->caller != (int32_t)entry || !t || !t->func || t == n || !fact->discarded || !fact->args)
			continue;
		if (role_handle_piece(model, fact->args, n->func, t) && role_list_helper(model, t))
			return mc;
		if (role_first_arg_param(fact->args, n->func))
			continue;
		if (role_release_helper(model, t, impl) ||
		    (((t->flags & MODEL_NODE_FREE) || (t->sig & SIG_NAME_FREE)) && role_computed_arg(fact->args)))
			return mc;
	}
	return NULL;
}

/* Is a call of `callee` with `args` a round trip through a count of pages: a conversion
 * named by two units' letters around `to`, one of them `p` for pages, applied to the other
 * conversion back (`ptob(btopr(size))`: bytes to pages, rounded up, and back to bytes;
 * `ptob(btop(len))`)? Its value is the request in whole pages. Clicks (`ctob(btoc(n))`)
 * are no pages. */
static int role_page_trip(const char *callee, const char *args)
{
	const char *q;
	if (strlen(callee) != 4 || strncmp(callee + 1, "to", 2) != 0 || (callee[0] != 'p' && callee[3] != 'p'))
		return 0;
	while (*args == ' ')
		args++;
	if (args[0] != callee[3] || strncmp(args + 1, "to", 2) != 0 || args[3] != callee[0])
		return 0;
	for (q = args + 4 + (args[4] == 'r'); *q == ' ';)
		q++;
	return *q == '(';
}

/* Is a call of `callee` with `args` a rounding to pages: a round or align word in the
 * callee and a page word in it (`round_page`, `PGROUNDUP`, `PAGE_ALIGN`) or a page size in
 * the arguments (`roundup(size, PAGE_SIZE)`), or a round trip through a page count
 * (role_page_trip: `ptob(btopr(size))`)? */
static int role_page_round(const struct model_vocab *v, const char *callee, const char *args)
{
	char low[64];
	size_t i;
	if (role_page_trip(callee, args))
		return 1;
	for (i = 0; callee[i] && i + 1 < sizeof low; i++)
		low[i] = (char)(callee[i] >= 'A' && callee[i] <= 'Z' ? callee[i] - 'A' + 'a' : callee[i]);
	low[i] = '\0';
	if (!strstr(low, "round") && !strstr(low, "align"))
		return 0;
	return role_page_word(v, callee) || strstr(args, "PAGE") || strstr(args, "PGSIZE") || strstr(args, "NBPG");
}

/* Page-level by what the main entry point does with its request: before any call to a lower
 * allocator, its own body rounds a parameter to pages (`size = round_page(size)`,
 * `a = PGROUNDUP(oldsz)`) and then calls one, so every path hands out whole pages (a
 * rounding with no allocation after it counts slots of a table); a rounding inside the
 * arguments of a lower call (`uvm_km_alloc(map, round_page(size))` on a large path) or after
 * one (a small path served first) says nothing of the other paths, and neither does one
 * served first when a later call asks a lower allocator for a fixed chunk (role_refills: a
 * large request rounded to pages and returned early, then the small path's refill from
 * the page source carved into size-class blocks: `a = get_pages(0, DIV_ROUND_UP(size,
 * PGSIZE))` ... `a = get_page(0)`). Sets the role and returns 1, else 0. */
static int role_page_rounds(struct model *model, const struct impl_walk *w, int index, struct model_impl *impl,
                            uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	const struct model_call *round = NULL, *got = NULL;
	if (!f || !(me->flags & MODEL_NODE_ALLOC) || f->nparams <= 0 || !f->param_names)
		return 0;
	for (uint32_t c = model_calls_of_file(model, me->file_index);
	     c < model->ncalls && model->calls[c].file_index == me->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		int lower = 0;
		if (mc->caller != (int32_t)main_entry)
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : (mc->node >= 0)) && !lower; k++)
			lower = model_impl_lower_target(model, w, index, mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node);
		if (lower && (!round || fact->line <= model_call_fact(model, round)->line))
			return 0;
		/* rounded, then allocated: from a lower allocator, a member of its own that hands
		 * out (`kmem_alloc_pages`), or a call whose value is what it hands out
		 * (`vm_map_find_entry(map, &addr, size, ...)`) */
		if (round && (lower || (fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS)) ||
		              (mc->node >= 0 && model->nodes[mc->node].impl == index &&
		               (model->nodes[mc->node].flags & (MODEL_NODE_ALLOC | MODEL_NODE_BACKEND))))) {
			got = mc;
			break;
		}
		if (lower || round || !fact->args || !role_page_round(model->vocab, model_call_callee(model, mc), fact->args))
			continue;
		for (int i = 0; i < f->nparams && !round; i++)
			if (f->param_names[i] && *f->param_names[i] && model_args_name(fact->args, f->param_names[i]))
				round = mc;
	}
	if (!round || !got || role_refills(model, w, index, main_entry, model_call_fact(model, got)->line))
		return 0;
	impl->role = MODEL_ROLE_PAGE;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) rounds its request to pages (%s, %s:%u) "
	                                  "before it allocates", me->name, me->file->path, f->line,
	                                  model_call_callee(model, round), me->file->path,
	                                  model_call_fact(model, round)->line);
	return 1;
}

/* Is the identifier at `p` (length n) of `args` multiplied or shifted by a page size: a
 * page-size identifier (role_page_word: `PGSIZE`, `PAGE_SIZE`, `PAGE_SHIFT`) as the other
 * operand of a `*` or `<<` beside it (`PGSIZE * page_cnt`, `npages << PAGE_SHIFT`)? */
static int role_page_operand(const struct model_vocab *v, const char *args, const char *p, size_t n)
{
	char id[64];
	const char *q = p + n, *a, *b;
	size_t k = 0;
	while (*q == ' ')
		q++;
	if (*q == '*' || (q[0] == '<' && q[1] == '<')) {   /* the parameter, then the page size */
		q += *q == '*' ? 1 : 2;
		while (*q == ' ')
			q++;
		while (model_ident_char(*q) && k + 1 < sizeof id)
			id[k++] = *q++;
		id[k] = '\0';
		if (k && role_page_word(v, id))
			return 1;
	}
	for (b = p; b > args && b[-1] == ' '; b--)
		;
	if (b == args || b[-1] != '*')      /* the page size, then `*`, then the parameter */
		return 0;
	for (b--; b > args && b[-1] == ' '; b--)
		;
	for (a = b; a > args && model_ident_char(a[-1]); a--)
		;
	if (a == b || (size_t)(b - a) >= sizeof id)
		return 0;
	memcpy(id, a, (size_t)(b - a));
	id[b - a] = '\0';
	return role_page_word(v, id);
}

/* Page-level by the unit of the main entry point's size: it returns memory (a pointer, or an
 * address as a number: `uintptr_t mm_pgalloc(unsigned int npages)`) and its own body scales
 * its size parameter by the page size in a call (`memset(pages, 0, PGSIZE * page_cnt)`,
 * `zero(p, npages << PAGE_SHIFT)`): the size counts pages. A rounding
 * of a byte size to pages is role_page_rounds' question. Sets the role and returns 1, else
 * 0. */
static int role_page_scaled(struct model *model, struct model_impl *impl, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	uint32_t first, end;
	if (!f || !(me->flags & MODEL_NODE_ALLOC) || !(f->returns_pointer || role_address_type(f->return_type, 0)) ||
	    !f->param_names || !f->param_types)
		return 0;
	end = model_calls_of_def(model, main_entry, &first);
	for (int i = 0; i < f->nparams; i++) {
		/* a size by its name (`nbytes`) or its type (`size_t page_cnt`), as classify.c reads it */
		const char *size = f->param_names[i], *pt = f->param_types[i];
		size_t n = size ? strlen(size) : 0;
		if (!n || !(model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, size) ||
		            (pt && !strchr(pt, '*') && model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, pt))))
			continue;
		for (uint32_t c = first; c < end; c++) {
			const struct model_call *mc = &model->calls[c];
			const char *args = model_call_fact(model, mc)->args, *p;
			if (mc->caller != (int32_t)main_entry || !args)
				continue;
			for (p = args; (p = strstr(p, size)) != NULL; p += n) {
				if ((p > args && (model_ident_char(p[-1]) || p[-1] == '.' || p[-1] == '>')) ||
				    model_ident_char(p[n]) || !role_page_operand(model->vocab, args, p, n))
					continue;
				impl->role = MODEL_ROLE_PAGE;
				impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) counts its size '%s' in pages "
				                                  "(%s(%s), %s:%u)", me->name, me->file->path, f->line, size,
				                                  model_call_callee(model, mc), args, me->file->path,
				                                  model_call_fact(model, mc)->line);
				return 1;
			}
		}
	}
	return 0;
}

/* The wrapper rules (the theory above): every entry point forwards, or the main entry point
 * forwards with nothing stateful on its paths, or it passes its size down
 * (role_forwards_down); never when it works on another allocator's internals, nor when
 * what it hands out is not what the lower allocator returned (role_keeps_own). Sets the
 * role and returns 1, else 0. */
static int role_wrapper(struct model *model, struct impl_walk *walk, int index, struct model_impl *impl,
                        uint32_t main_entry, int all_wrappers, const struct model_call *own)
{
	const struct model_node *m = &model->nodes[main_entry];
	model_impl_entry_paths(model, walk, index, main_entry);
	if (own || role_internals(model, walk, index))
		return 0;
	if (all_wrappers) {
		impl->role = MODEL_ROLE_WRAPPER;
		impl->role_why = "every entry point forwards to another allocator and keeps no state";
		return 1;
	}
	/* a dup by its body, whatever its name (`newstr(s)`: malloc(strlen(s) + 1), strlcpy, return
	 * the copy): it hands out the lower allocator's memory holding a copy of what it is given */
	if ((m->flags & MODEL_NODE_ALLOC) && model_dup_shape(model, main_entry)) {
		impl->role = MODEL_ROLE_WRAPPER;
		impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) is a dup: it allocates from another "
		                                  "allocator, copies what its pointer parameter points to in and returns "
		                                  "that copy", m->name, m->file->path, m->func->line);
		return 1;
	}
	if (role_entry_forwards(model, walk, index, main_entry)) {
		impl->role = MODEL_ROLE_WRAPPER;
		impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) forwards to another allocator, and "
		                                  "nothing on its paths keeps state of its own", m->name, m->file->path,
		                                  m->func->line);
		return 1;
	}
	return role_forwards_down(model, walk, index, impl, main_entry);
}

/* Is the parameter type t raw memory: one pointer to a mem-type word (`void *`, `const
 * char *`), no record? */
static int role_raw_pointer(const struct model *model, const char *t)
{
	char base[64];
	size_t n;
	if (!t || !strchr(t, '*') || strchr(t, '*') != strrchr(t, '*'))
		return 0;
	if (strncmp(t, "const ", 6) == 0)
		t += 6;
	n = strcspn(t, " *");
	if (!n || n >= sizeof base)
		return 0;
	memcpy(base, t, n);
	base[n] = '\0';
	return model_vocab_match(model->vocab, VOCAB_MEM_TYPE, base);
}

/* Does definition m give one of its parameters, raw memory (role_raw_pointer: `void *ptr`),
 * as is and first, to a release entry point (`zfree_no_tcache(ptr)` after copying it into a
 * new block)? That parameter is a block it moves, as a realloc does, no handle of a cache (a
 * device record released on an error path is none: `struct dev *`). */
static int role_releases_param(const struct model *model, uint32_t m)
{
	const struct dig_func *f = model->nodes[m].func;
	uint32_t first, end = model_calls_of_def(model, m, &first);
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *args = model_call_fact(model, mc)->args;
		if (mc->caller != (int32_t)m || mc->node < 0 || mc->ncands || !args ||
		    !(model->nodes[mc->node].flags & MODEL_NODE_FREE))
			continue;
		while (*args == ' ')
			args++;
		for (int i = 0; i < f->nparams && f->param_names && f->param_types; i++) {
			size_t n = f->param_names[i] ? strlen(f->param_names[i]) : 0;
			if (n && strncmp(args, f->param_names[i], n) == 0 && strspn(args + n, " ") + n == strcspn(args, ",") &&
			    role_raw_pointer(model, f->param_types[i]))
				return 1;
		}
	}
	return 0;
}

/* Fixed-size objects, from the main entry point's paths: a zone, slab, cache or pool word
 * in an allocating entry point's name or first parameter type when it takes no size, or a
 * handle and no size. Sets the role and returns 1, else 0. */
static int role_fixed(struct model *model, struct model_impl *impl, const uint32_t *path, uint32_t npath)
{
	const struct model_vocab *v = model->vocab;
	const char *w;
	for (uint32_t i = 0; i < npath; i++) {
		const struct model_node *n = &model->nodes[path[i]];
		const char *pt;
		if (!(n->flags & MODEL_NODE_ALLOC) || (n->flags & MODEL_NODE_WRAPPER))
			continue;
		pt = n->func->nparams > 0 && n->func->param_types ? n->func->param_types[0] : NULL;
		/* a zone, slab, cache or pool word: one size per cache only when the entry takes no
		 * size (`___m_alloc(pool, size)` hands out variable sizes from its pool) */
		if (!(n->sig & SIG_SIZE_PARAM) && ((w = model_vocab_find(v, VOCAB_ROLE_FIXED, n->name)) != NULL ||
		                                   (pt && (w = model_vocab_find(v, VOCAB_ROLE_FIXED, pt)) != NULL))) {
			impl->role = MODEL_ROLE_FIXED;
			impl->role_why = model_mem_printf(model, "entry point %s (%s:%u) takes no size: one size per '%s'", n->name,
			                                  n->file->path, n->func->line, w);
			return 1;
		}
		if ((n->sig & SIG_HANDLE_PARAM) && !(n->sig & SIG_SIZE_PARAM) &&
		    n->func->returns_pointer && !role_releases_param(model, path[i])) {
			impl->role = MODEL_ROLE_FIXED;
			impl->role_why = model_mem_printf(model, "%s (%s:%u) takes a handle and no size", n->name, n->file->path,
			                                  n->func->line);
			return 1;
		}
	}
	return 0;
}

/* Is the lower call mc of entry point n a request of one fixed size: it goes to an allocator
 * that takes no size (`kmem_cache_alloc(&thread_stack_cache)`, one size per cache; a page
 * layer's `page_alloc(pmap, 0, try)` for a pv chunk: n's parameters it passes are handles
 * and flags, as n takes no size), unless n's own name says page (`vm_page_alloc` asking
 * its reservation layer is a page allocator: role.c's page words decide); or its arguments
 * name none of n's parameters and either say `sizeof` (`malloc(sizeof(struct cthread))`) or
 * name the state a release also uses (`state`: `pool_cache_get(mutex_obj_cache,
 * PR_WAITOK)`, the cache the release puts the object back into)? */
static int role_fixed_request(const struct model *model, const struct model_node *n, const struct model_call *mc,
                              const char *state)
{
	const char *args = model_call_fact(model, mc)->args;
	int nosize = mc->ncands || mc->node < 0 ? 0 : 1;
	if (!args || !*args)
		return 0;
	if (nosize) {
		const struct model_node *t = &model->nodes[mc->node];
		nosize = t->func && t->func->nparams > 0 && !(t->sig & SIG_SIZE_PARAM);
	}
	/* the cache the release gives back to, asked by an allocator that takes no size: the
	 * entry's other parameters are flags or fields (`kmem_cache_alloc(sk_cachep, priority)`) */
	if (nosize && !role_page_word(model->vocab, n->name))
		return 1;
	for (int i = 0; i < n->func->nparams && n->func->param_names; i++)
		if (n->func->param_names[i] && *n->func->param_names[i] && model_args_name(args, n->func->param_names[i]))
			return 0;
	if (state && model_args_name(args, state))
		return 1;   /* one object of the cache that the release gives back to */
	return nosize || strstr(args, "sizeof") != NULL;
}

/* Fixed-size objects by behaviour, a cache in front of a backend: the main entry point takes
 * no parameter named as a size, returns no plain number (`id_alloc(space)` hands out ids), its paths use state a release entry point also uses (a free
 * list of the objects: role_shared_state), and every lower allocator its own body calls is
 * asked for one fixed size (role_fixed_request): `cthread_alloc` pops `free_cthreads`, else
 * `malloc(sizeof(struct cthread))`. Sets the role and returns 1, else 0. */
static int role_fixed_cache(struct model *model, const struct impl_walk *w, int index, struct model_impl *impl,
                            uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct model_call *got = NULL;
	const char *state;
	if (!me->func || !(me->flags & MODEL_NODE_ALLOC) || me->func->nparams < 0 ||
	    (!me->func->returns_pointer && model_number_type(me->func->return_type)))
		return 0;   /* a plain number handed out is an id of a namespace, no object */
	if (model_size_param(model->vocab, me->func))
		return 0;
	if (!(state = role_shared_state(model, w, impl->nodes, impl->nnodes, NULL)))
		return 0;
	for (uint32_t c = model_calls_of_file(model, me->file_index);
	     c < model->ncalls && model->calls[c].file_index == me->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		int lower = 0;
		if (mc->caller != (int32_t)main_entry)
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : (mc->node >= 0)) && !lower; k++) {
			uint32_t t = mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node;
			const struct model_node *tn = &model->nodes[t];
			/* a macro of a header named like an allocator too, and a function in no
			 * implementation that returns the memory the entry hands out
			 * (`pool_cache_get_paddr` behind the `pool_cache_get` macro), as flow.c takes one */
			lower = model_impl_lower_target(model, w, index, t) ||
			        (!tn->func && model_impl_flow_accept(model, w, index, t)) ||
			        (tn->func && tn->impl < 0 && !(tn->sig & SIG_LOCKNAME) &&
			         (tn->func->returns_pointer || (tn->sig & SIG_RET_MEM)) &&
			         (model_call_fact(model, mc)->flow & DIG_FLOW_RETURN) &&
			         !(model_call_fact(model, mc)->flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)));
		}
		if (!lower)
			continue;
		if (!role_fixed_request(model, me, mc, state))
			return 0;
		got = got ? got : mc;
	}
	if (!got)
		return 0;
	impl->role = MODEL_ROLE_FIXED;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes no size, hands out from '%s' that a "
	                                  "release also uses, and asks %s (%s:%u) for one fixed size: a cache of one "
	                                  "object size", me->name, me->file->path, me->func->line, state,
	                                  model_call_callee(model, got), me->file->path, model_call_fact(model, got)->line);
	return 1;
}

/* General-purpose by what the main entry point does with its size: it takes one (a parameter
 * named as a size), its own body reads a table of its file (an array of records, no string:
 * `cache_sizes[]`, `kmemzones[]`, `kmem_alloc_table[]`) and asks an allocating definition
 * that takes a handle and no size (an object cache: `__kmem_cache_alloc(csizep->cs_cachep,
 * flags)`, `uma_zalloc(zone, flags)`) for one object, without passing its size down. The
 * size picks one of several caches, so the entry hands out variable sizes to any caller: a
 * size-indexed front over caches, however fixed-size the caches behind it are, and no
 * wrapper even when a large path forwards the size (`uma_large_malloc(size, flags)`). Sets the
 * role and returns 1, else 0. */
static int role_size_table(struct model *model, const struct impl_walk *w, struct model_impl *impl,
                           uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const char *table = NULL;
	if (!me->func || !(me->flags & MODEL_NODE_ALLOC) || !model_size_param(model->vocab, me->func))
		return 0;
	for (uint32_t g = 0; g < me->func->nglobals_used && !table; g++) {
		const struct dig_global *gl = role_global(model, me, me->func->globals_used[g]);
		if (gl && gl->is_array && strcmp(gl->type ? gl->type : "", "char") != 0)
			table = gl->name;
	}
	if (!table)
		return 0;
	for (uint32_t i = 0; i < w->level[1]; i++) {
		const struct model_node *m = &model->nodes[w->set[i]];
		for (uint32_t c = model_calls_of_file(model, m->file_index);
		     c < model->ncalls && model->calls[c].file_index == m->file_index; c++) {
			const struct model_call *mc = &model->calls[c];
			const char *args = model_call_fact(model, mc)->args;
			const struct model_node *t;
			if (mc->caller != (int32_t)w->set[i] || mc->node < 0 || mc->ncands || !args ||
			    role_args_size(model, m, args))
				continue;
			t = &model->nodes[mc->node];
			if (!t->func || t == m || !(t->flags & MODEL_NODE_ALLOC) || (t->flags & MODEL_NODE_BACKEND) ||
			    t->func->nparams <= 0 || !(t->sig & SIG_HANDLE_PARAM) || (t->sig & SIG_SIZE_PARAM))
				continue;
			impl->role = impl->domain == MODEL_DOMAIN_KERNEL ? MODEL_ROLE_KERNEL : MODEL_ROLE_GENERAL;
			impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes a size ('%s'), reads the "
			                                  "table '%s' and asks %s (%s:%u), which takes a cache and no size, for "
			                                  "one object: the size picks a cache, variable sizes", me->name,
			                                  me->file->path, me->func->line, model_size_param(model->vocab, me->func), table,
			                                  t->name, m->file->path, model_call_fact(model, mc)->line);
			return 1;
		}
	}
	return 0;
}

/* Resource map by what the main entry point hands out from its table: it takes no size (no
 * parameter named as one, none of a size type), returns a plain number (a definition with
 * a prototype: an old-style implicit int returned pointers too) and passes nothing out
 * through a pointer to a pointer (then the number is a status), and its own body uses a
 * table (an array) that a release entry point also uses (`newque(key, msgflg)` takes the
 * first IPC_UNUSED slot of `msgque[]` and returns an id made from it; `freeque` sets the slot
 * unused again). The number is an id of a namespace, a slot of the table, whatever object
 * goes with it; a pool or list with no table behind it (`l2cap_request_alloc` returning 0 or
 * ENOMEM) says nothing of what the number is. Sets the role and returns
 * 1, else 0. */
/* The first table (an array of records or pointers, no string) that the main entry point's
 * own body and a release entry point of the implementation both use, or NULL. */
static const char *role_shared_table(const struct model *model, const struct impl_walk *w, const uint32_t *members,
                                     uint32_t nmembers)
{
	for (uint32_t i = 0; i < w->level[1]; i++) {
		const struct model_node *m = &model->nodes[w->set[i]];
		for (uint32_t g = 0; g < m->func->nglobals_used; g++) {
			const struct dig_global *gl = role_global(model, m, m->func->globals_used[g]);
			if (!gl || !gl->is_array || strcmp(gl->type ? gl->type : "", "char") == 0)
				continue;
			for (uint32_t r = 0; r < nmembers; r++) {
				const struct model_node *rel = &model->nodes[members[r]];
				if ((rel->flags & MODEL_NODE_FREE) && rel->func &&
				    model_strv_has(rel->func->globals_used, rel->func->nglobals_used, gl->name))
					return gl->name;
			}
		}
	}
	return NULL;
}

/* Does f take a pointer to a pointer (`void **vaddr`, `struct rwlock **lockp`): memory or an
 * object goes out through it, or a list head is handed in? */
static int role_takes_ptrptr(const struct dig_func *f)
{
	for (int i = 0; i < f->nparams && f->param_types; i++)
		if (f->param_types[i] && strstr(f->param_types[i], "**"))
			return 1;
	return 0;
}

static int role_number_unit(struct model *model, const struct impl_walk *w, struct model_impl *impl,
                            uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	const char *state;
	if (!f || !(me->flags & MODEL_NODE_ALLOC) || f->nparams <= 0 || f->returns_pointer || f->knr ||
	    (me->sig & (SIG_SIZE_PARAM | SIG_RET_MEM)) || !(me->sig & SIG_RET_INT) || !f->return_type ||
	    !model_number_type(f->return_type) || me->file->shallow || (me->file->lexed_defs && f->line >= me->file->lexed_line))
		return 0;
	if (role_takes_ptrptr(f))
		return 0;
	if (!(state = role_shared_table(model, w, impl->nodes, impl->nnodes)))
		return 0;
	impl->role = MODEL_ROLE_RMAP;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes no size, returns a number ('%s') and "
	                                  "hands out from the table '%s' that a release also uses: an id of a namespace",
	                                  me->name, me->file->path, f->line, f->return_type, state);
	return 1;
}

/* Does definition m call a definition with `flag` (MODEL_NODE_ALLOC or MODEL_NODE_FREE) of
 * another implementation (`free(df, M_PCPU)` of kern_malloc.c)? */
static int role_calls_other(const struct model *model, uint32_t m, int impl, unsigned flag)
{
	for (uint32_t e = model->out_start[m]; e < model->out_start[m + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (t->func && t->impl >= 0 && t->impl != impl && (t->flags & flag))
			return 1;
	}
	return 0;
}

/* Resource map by how it keeps its free space: the main entry point takes a size and gives
 * records back to another allocator, and a release entry point of the implementation takes
 * records from one (`dpcpu_alloc(size)` frees the extent record it used up, `dpcpu_free`
 * mallocs one for the range it gets back). The free ranges are kept as records apart from
 * the space they describe, which is never touched: ranges of a namespace (a static area, an
 * address window), not memory carved with headers of its own. Sets the role and returns 1,
 * else 0. */
static int role_range_records(struct model *model, int index, struct model_impl *impl, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	if (!me->func || !(me->flags & MODEL_NODE_ALLOC) || !model_size_param(model->vocab, me->func) ||
	    !role_calls_other(model, main_entry, index, MODEL_NODE_FREE))
		return 0;
	for (uint32_t r = 0; r < impl->nnodes; r++) {
		const struct model_node *rel = &model->nodes[impl->nodes[r]];
		if (!rel->func || !(rel->flags & MODEL_NODE_FREE) || (rel->flags & (MODEL_NODE_ALLOC | MODEL_NODE_WRAPPER)) ||
		    !role_calls_other(model, impl->nodes[r], index, MODEL_NODE_ALLOC))
			continue;
		impl->role = MODEL_ROLE_RMAP;
		impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes a size and gives records back to "
		                                  "another allocator, and the release %s (%s:%u) takes records from one: "
		                                  "free ranges kept as records apart from the space, a range map", me->name,
		                                  me->file->path, me->func->line, rel->name, rel->file->path, rel->func->line);
		return 1;
	}
	return 0;
}

/* Resource map by what the main entry point hands out: it takes a parameter named as a size
 * and returns a plain number, no pointer and no address of memory (`daddr_t
 * ffs_hashalloc(ip, cg, pref, size, ...)`: a block number of a namespace; `vaddr_t`,
 * `uintptr_t` and `long` carry addresses of memory, `caddr_t` and `vm_offset_t` are no
 * number words), and passes out nothing through a
 * pointer to a pointer (`int f(void **out, size_t size)` returns a status), or returns a status and writes
 * the plain number through its last parameter, a `T *` (`int rlist_alloc(struct rlist
 * **rlp, unsigned size, unsigned *loc)`: the `**` is the map's list head); an old-style
 * definition of int (often implicit; the lexer cannot tell) is no evidence, it returned
 * pointers as int. Sets the role and returns 1, else 0. */
static int role_sized_number(struct model *model, struct model_impl *impl, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	const char *size;
	int out = 0;
	char t[64] = "";
	if (!f || !(me->flags & MODEL_NODE_ALLOC) || f->returns_pointer || !f->return_type ||
	    strcmp(f->return_type, "void") == 0 || !model_number_type(f->return_type) ||
	    (strcmp(f->return_type, "int") == 0 && (f->knr || me->file->shallow ||
	                                            (me->file->lexed_defs && f->line >= me->file->lexed_line))))
		return 0;   /* an old-style `getblk(size)` of implicit int returns a pointer as int */
	if (role_address_type(f->return_type, 1))
		return 0;
	if (strcmp(f->return_type, "int") == 0 && f->nparams >= 3 && f->param_types && f->param_types[f->nparams - 1]) {
		/* a status, the number through the last parameter: `int rlist_alloc(struct rlist
		 * **rlp, unsigned size, unsigned *loc)`, its `**` the list head of the map */
		const char *last = f->param_types[f->nparams - 1];
		size_t n = strlen(last);
		if (n > 2 && n < sizeof t && strcmp(last + n - 2, " *") == 0 && !memchr(last, '*', n - 2)) {
			memcpy(t, last, n - 2);
			t[n - 2] = '\0';
			out = model_number_type(t) && !role_address_type(t, 1);
		}
	}
	size = model_size_param(model->vocab, f);
	if (out) {   /* the number a start in the units of its size (`unsigned size`) */
		int same = 0;
		for (int i = 0; size && i < f->nparams && f->param_names; i++)
			same |= f->param_names[i] && strcmp(f->param_names[i], size) == 0 && f->param_types[i] &&
			        strcmp(f->param_types[i], t) == 0;
		out = same;
	}
	for (int i = 0; !out && i < f->nparams && f->param_names; i++)
		if (f->param_types && f->param_types[i] && strstr(f->param_types[i], "**"))
			return 0;
	if (!size)
		return 0;
	impl->role = MODEL_ROLE_RMAP;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes a size ('%s') and returns a number "
	                                  "('%s'), no memory: a range of a namespace", me->name, me->file->path, f->line,
	                                  size, f->return_type);
	return 1;
}

/* Resource map by what the main entry point passes out: it takes a size, returns no
 * pointer (a status) and passes out through a parameter the number a definition of the
 * tree returns (role_number_out: `sector = bitmap_scan_and_flip(map, 0, cnt, false)`,
 * `*sectorp = sector`): a run of a namespace. Sets the role and returns 1, else 0. */
static int role_sized_out(struct model *model, struct model_impl *impl, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const char *num = NULL;
	if (!me->func || !(me->flags & MODEL_NODE_ALLOC) || !(me->sig & SIG_SIZE_PARAM) ||
	    !role_number_out(model, me, &num))
		return 0;
	impl->role = MODEL_ROLE_RMAP;
	impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) takes a size and passes out the number "
	                                  "%s() returns, no memory: a range of a namespace", me->name, me->file->path,
	                                  me->func->line, num);
	return 1;
}

/* Resource map by what the main entry point's paths claim: a bit of a map that a release
 * clears (claim.c, SIG_CLAIM), one number of a namespace per claim, whatever the entry
 * returns (the in-core inode bound to the number) and whatever it forwards through (the
 * map is the claimer's state); or the main entry point is a face that passes out the
 * number an entry point of its file hands out (claim.c, SIG_FACE). Fixed-size when they
 * pop a list of their handle that a release pushes onto (listpool.c, SIG_LISTPOOL): one
 * node per call, whatever size they extend the list by; fixed-size too when they claim
 * a record of a table by a flag a release sets back (slot.c, SIG_FLAG_CLAIM), whatever
 * their parameters (`get_request(n, dev)`: n bounds the search). Sets the role and
 * returns 1, else 0. */
static int role_claims(struct model *model, struct model_impl *impl, const struct impl_walk *walk)
{
	static const struct {
		unsigned sig;
		enum model_role role;
		const char *why;
	} by[] = {
		{ SIG_CLAIM, MODEL_ROLE_RMAP, "claims a bit of a map that a release clears: one number of a namespace per call" },
		{ SIG_LISTPOOL, MODEL_ROLE_FIXED, "pops a list of the handle it takes, which a release pushes onto: one node "
		                                  "per call" },
		{ SIG_FLAG_CLAIM, MODEL_ROLE_FIXED, "claims a record of a table by a flag that a release sets back: one "
		                                    "record per call" },
	};

	for (size_t r = 0; r < sizeof by / sizeof by[0]; r++)
		for (uint32_t i = 0; i < walk->nset; i++) {
			const struct model_node *n = &model->nodes[walk->set[i]];
			if ((n->sig & by[r].sig) && (n->flags & MODEL_NODE_ALLOC)) {
				impl->role = by[r].role;
				impl->role_why = model_mem_printf(model, "%s (%s:%u) %s", n->name, n->file->path, n->func->line,
				                                  by[r].why);
				return 1;
			}
		}
	if (walk->nset && (model->nodes[walk->set[0]].sig & SIG_FACE)) {
		const struct model_node *n = &model->nodes[walk->set[0]];
		impl->role = MODEL_ROLE_RMAP;
		impl->role_why = model_mem_printf(model, "%s (%s:%u) passes out the number an allocation entry point of "
		                                  "its file hands out: one number of a namespace per call", n->name,
		                                  n->file->path, n->func->line);
		return 1;
	}
	return 0;
}

/* Does release r's own body work the other half of the helper pair whose taking half is
 * `callee` (the clear of a set by claim.c's words, `gran_set`/`gran_clear`, or a give name
 * beside a take name, `usemap_alloc`/`usemap_free`) on the map `map` (its first argument,
 * the same text), with an index that is a local or a parameter of r? */
static int role_pair_back(const struct model *model, uint32_t r, const char *callee, const char *map)
{
	char stem[96], s[96], a[161];
	int half = model_claim_half(callee, stem, sizeof stem);
	const struct dig_func *rf = model->nodes[r].func;
	uint32_t first, end = model_calls_of_def(model, r, &first);
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const char *rc = model_call_callee(model, mc);
		if (mc->caller != (int32_t)r || !fact->args || fact->nargs < 2 ||
		    !(half ? model_claim_half(rc, s, sizeof s) == -half && strcmp(s, stem) == 0
		           : model_partner_names_pair(model, callee, rc)) ||
		    !model_arg_text(fact->args, 0, a, sizeof a, 1) || strcmp(a, map) != 0)
			continue;
		for (int k = 1; model_arg_text(fact->args, k, a, sizeof a, 1); k++)
			if (model_claim_index_kinds(rf, a) & 3)
				return 1;
	}
	return 0;
}

/* Resource map by a claim through a pair of helpers: the main entry point's own body calls a
 * helper that is no allocator (a definition of the tree, no entry point, that calls none:
 * not `yds_allocmem` over bus_dmamem_alloc), called as a statement of its own (it only
 * marks: `ppod = alloc_ppods(td, n, &db->region)` hands a number back), and that is the taking
 * half of a pair (a set word, `gran_set(gran, posi, ngran)`, or a take word whose give word
 * names the other half, `usemap_alloc(pmp, cn)`), on a map (its first argument) with an
 * index that is a scalar local of the entry (the number its search found, not an
 * out-parameter `&x`), and a release entry point of the implementation calls the other half
 * on the same map (role_pair_back: `gran_clear(gran, posi, ngran)` in gran_free,
 * `usemap_free(pmp, cluster)` in clusterfree). The entry hands out a unit of what the map
 * counts: a number (it returns none of memory: `clusteralloc` writes the cluster through
 * `*retcluster`) or, when it takes a size, a run of units it turns into an address
 * (`gran_alloc`: heapstart + posi << log2gran). A bitmap of a slab's objects, handed out
 * as memory one object per call with no size, stays a cache. Sets the role and returns 1,
 * else 0. */
static int role_helper_claim(struct model *model, struct model_impl *impl, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	uint32_t first, end;
	char stem[96], map[161], idx[161];
	if (!f || !(me->flags & MODEL_NODE_ALLOC) || ((f->returns_pointer || (me->sig & SIG_RET_MEM)) &&
	                                              !(me->sig & SIG_SIZE_PARAM)))
		return 0;
	end = model_calls_of_def(model, main_entry, &first);
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const struct model_node *t = mc->node >= 0 && !mc->ncands ? &model->nodes[mc->node] : NULL;
		const char *callee = model_call_callee(model, mc);
		int local = 0;
		if (mc->caller != (int32_t)main_entry || !t || !t->func || t == me || model_node_is_entry(t) ||
		    (t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND | MODEL_NODE_WRAPPER)) ||
		    (t->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) ||
		    !fact->discarded ||
		    !fact->args || fact->nargs < 2 || !model_arg_text(fact->args, 0, map, sizeof map, 1) || !*map ||
		    !(model_claim_half(callee, stem, sizeof stem) == 1 || model_partner_take_named(model, callee)))
			continue;
		for (int k = 1; !local && model_arg_text(fact->args, k, idx, sizeof idx, 0); k++)
			local = idx[strspn(idx, " ")] != '&' && model_claim_index_kinds(f, idx) == 1;
		for (uint32_t r = 0; local && r < impl->nnodes; r++) {
			const struct model_node *rel = &model->nodes[impl->nodes[r]];
			if (!(rel->flags & MODEL_NODE_FREE) || !rel->func || !role_pair_back(model, impl->nodes[r], callee, map))
				continue;
			impl->role = MODEL_ROLE_RMAP;
			impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) claims units of a map through %s "
			                                  "(%s:%u) with an index it found, and %s (%s:%u) gives them back "
			                                  "through the pair's other half: a namespace's units",
			                                  me->name, me->file->path, f->line, callee, me->file->path,
			                                  fact->line, rel->name, rel->file->path, rel->func->line);
			return 1;
		}
	}
	return 0;
}

/* Is node t, where what an entry point of implementation impl hands out comes from (as the
 * chain takes it), another allocator by what it takes: a definition outside impl that takes a
 * size and releases nothing (`rman_reserve_resource(rm, start, end, count, ...)`), no memory
 * source but a map's range allocator? A lookup (`device_get_softc(dev)`) takes no size. */
static int role_sized_source(const struct model *model, int impl, uint32_t t)
{
	const struct model_node *tn = &model->nodes[t];
	return tn->func && tn->impl != impl && (tn->sig & SIG_SIZE_PARAM) &&
	       !(tn->flags & MODEL_NODE_FREE) && (!(tn->flags & MODEL_NODE_BACKEND) || role_map_entry(model, t, impl));
}

/* The call of the main entry point's own body whose value it returns as is, to another
 * allocator: the source the flow picked (`pick`) is its callee, its value reaches the
 * return (flow RETURN, neither only a field of a record nor a pointer handed in by value),
 * and the entry returns memory (a pointer: a number it returns is a unit of a namespace),
 * reads no static of its body and writes no variable but its locals (DIG_BODY_WRITES_STATE:
 * no `--free_count`, no `free_list = n->next`; DIG_BODY_WRITES_THROUGH: no pop of its handle's
 * list or array, `o = pc->objs[--pc->nobjs]`, `z->free = o->next`) and calls no allocating member of its own
 * implementation (a helper that carves: `new_slab(z)` before the pop), and no other call's
 * value reaches its return (`blk = pop(pool)` then `blk = unpoison(blk, n)`: the second
 * only passes the first on). Then the entry only
 * passes on what another allocator gives, whatever its name or handle says (`return
 * (*sc->node_alloc)(ic)`, `return lower_alloc(mem, type_size(t), name)`). NULL otherwise. */
static const struct model_call *role_direct_source(const struct model *model, const struct impl_walk *w, int impl,
                                                   uint32_t main_entry, const struct model_flow_pick *pick)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	const struct model_call *hit = NULL;
	if (!f->body_parsed || (f->body & (DIG_BODY_WRITES_STATE | DIG_BODY_WRITES_THROUGH | DIG_BODY_STATIC)) ||
	    !(f->returns_pointer || (me->sig & SIG_RET_MEM)))
		return NULL;
	for (uint32_t c = model_calls_of_file(model, me->file_index);
	     c < model->ncalls && model->calls[c].file_index == me->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		unsigned flow = model_call_fact(model, mc)->flow;
		if (mc->caller != (int32_t)main_entry)
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : (mc->node >= 0)); k++) {
			const struct model_node *t = &model->nodes[mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node];
			if (t->impl == impl && t != me && (t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_BACKEND)))
				return NULL;
		}
		if (hit || !(flow & DIG_FLOW_RETURN) || (flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL)))
			continue;
		if (pick->n ? (mc->node == pick->node || (mc->ncands && role_other_allocator(model, w, impl, mc)))
		            : mc == pick->amb)
			hit = mc;
	}
	/* another call whose value reaches the return, but for one in hit's arguments */
	for (uint32_t c = model_calls_of_file(model, me->file_index); hit &&
	     c < model->ncalls && model->calls[c].file_index == me->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		unsigned flow = model_call_fact(model, mc)->flow;
		const char *args = model_call_fact(model, hit)->args;
		if (mc != hit && mc->caller == (int32_t)main_entry && (flow & DIG_FLOW_RETURN) &&
		    !(flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL)) &&
		    (!args || !model_args_name(args, model_call_callee(model, mc))))
			return NULL;
	}
	return hit;
}

/* A wrapper by where its output comes from, when no other rule decided: what the main entry
 * point hands out is the value of a call to another allocator (flow.c, as the chain takes
 * it: `rv = rman_reserve_resource(rm, rle->start, rle->end, rle->count, ...); return rv`,
 * `mem = malloc(size)` of a size it computed), that allocator is no memory source (a
 * backend, but for a map's range allocator: an allocator over `mmap` is one of its own),
 * and nothing on its paths keeps state a release takes back or hands state of its own
 * down (role_shared_state, role_passes_state): it keeps nothing, it passes on what it got.
 * Sets the role and returns 1, else 0. */
static int role_passes_on(struct model *model, struct impl_walk *w, int index, struct model_impl *impl,
                          uint32_t main_entry, int direct)
{
	const struct model_node *me = &model->nodes[main_entry];
	struct model_flow_pick pick;
	const struct model_call *by = NULL;
	const char *src = NULL;
	if (!me->func || !(me->flags & MODEL_NODE_ALLOC) || (me->flags & MODEL_NODE_BACKEND))
		return 0;
	model_impl_entry_paths(model, w, index, main_entry);
	if (!model_impl_flow_source(model, w, index, main_entry, &pick) ||
	    (direct && !(by = role_direct_source(model, w, index, main_entry, &pick))))
		return 0;
	if (pick.n && (role_lower_source(model, w, index, (uint32_t)pick.node) || role_sized_source(model, index, (uint32_t)pick.node)))
		src = model->nodes[pick.node].name;
	else if (!pick.n && pick.amb && role_other_allocator(model, w, index, pick.amb))
		src = model_call_callee(model, pick.amb);
	else if (by && !pick.n && pick.amb && impl->chain_ambiguous &&
	         strcmp(model_call_callee(model, pick.amb), impl->chain_ambiguous) == 0)
		src = impl->chain_ambiguous;   /* a call through a pointer the chain stops at */
	if (!src || role_internals(model, w, index) || role_shared_state(model, w, impl->nodes, impl->nnodes, impl) ||
	    role_passes_state(model, w, index) || role_refills(model, w, index, main_entry, 0))
		return 0;
	impl->role = MODEL_ROLE_WRAPPER;
	if (by)
		impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) returns what its call of %s (%s:%u) "
		                                  "returns%s%s, writes no state and nothing on its paths keeps state a "
		                                  "release takes back: a wrapper, however it is named or whatever handle it "
		                                  "takes", me->name, me->file->path, me->func->line,
		                                  model_call_callee(model, by), me->file->path, model_call_fact(model, by)->line,
		                                  strcmp(src, model_call_callee(model, by)) ? ", from " : "",
		                                  strcmp(src, model_call_callee(model, by)) ? src : "");
	else
		impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) hands out what %s returns, and nothing "
		                                  "on its paths keeps state a release takes back: a wrapper", me->name,
		                                  me->file->path, me->func->line, src);
	return 1;
}

/* The call of the main entry point's own body through one of its parameters (the callee's
 * name is a parameter's: `f(sz, UMEM_DEFAULT)` in `startd_alloc_retry(void *f(size_t, int),
 * size_t sz)`) that carries its size and whose value it returns (flow RETURN, neither only a
 * field of a record nor a pointer handed in by value): it hands out what the allocation
 * function it is given returns. NULL when there is none. */
static const struct model_call *role_param_source(const struct model *model, uint32_t main_entry)
{
	const struct model_node *me = &model->nodes[main_entry];
	const struct dig_func *f = me->func;
	uint32_t first, end = model_calls_of_def(model, main_entry, &first);
	for (uint32_t c = first; f && f->param_names && c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller != (int32_t)main_entry || !(fact->flow & DIG_FLOW_RETURN) ||
		    (fact->flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL)) || !fact->args || !role_args_size(model, me, fact->args))
			continue;
		for (int i = 0; i < f->nparams; i++)
			if (f->param_names[i] && strcmp(f->param_names[i], model_call_callee(model, mc)) == 0)
				return mc;
	}
	return NULL;
}

/* The last rules, when none before decided: a wrapper by where its output comes from
 * (role_passes_on, never when the entry keeps what it hands out: `own`), or by the allocation
 * function it is given as a parameter and calls with its size (role_param_source), else variable sizes:
 * kernel general in the kernel, general-purpose elsewhere. */
static void role_last(struct model *model, struct impl_walk *walk, int index, struct model_impl *impl,
                      uint32_t main_entry, const struct model_call *own, const struct model_call *split)
{
	const struct model_call *fn = NULL;
	if (!own && !split && main_entry < model->ndefs && role_passes_on(model, walk, index, impl, main_entry, 0))
		return;
	/* the allocation function it is given: a wrapper when nothing on its paths keeps state */
	if (!own && !split && main_entry < model->ndefs && (fn = role_param_source(model, main_entry)) != NULL) {
		const struct model_node *me = &model->nodes[main_entry];
		model_impl_entry_paths(model, walk, index, main_entry);
		if (!role_shared_state(model, walk, impl->nodes, impl->nnodes, impl) && !role_passes_state(model, walk, index)) {
			impl->role = MODEL_ROLE_WRAPPER;
			impl->role_why = model_mem_printf(model, "main entry point %s (%s:%u) returns what %s, the allocation "
			                                  "function it is given, returns for its size (%s:%u), and nothing on "
			                                  "its paths keeps state a release takes back: a wrapper", me->name,
			                                  me->file->path, me->func->line, model_call_callee(model, fn),
			                                  me->file->path, model_call_fact(model, fn)->line);
			return;
		}
	}
	impl->role = impl->domain == MODEL_DOMAIN_KERNEL ? MODEL_ROLE_KERNEL : MODEL_ROLE_GENERAL;
	impl->role_why = impl->domain == MODEL_DOMAIN_KERNEL ? "variable sizes, kernel domain" : "variable sizes, outside the kernel";
	if (own) {
		const struct model_node *me = &model->nodes[main_entry];
		impl->role_why = model_mem_printf(model, "%s; main entry point %s (%s:%u) hands out memory it keeps across "
		                                  "calls, %s (%s:%u) only refills it: no wrapper", impl->role_why, me->name,
		                                  me->file->path, me->func->line, model_call_callee(model, own),
		                                  me->file->path, model_call_fact(model, own)->line);
	} else if (split) {
		const struct model_node *me = &model->nodes[main_entry];
		impl->role_why = model_mem_printf(model, "%s; main entry point %s (%s:%u) gives a piece of a block back to "
		                                  "the heap (%s(%s), %s:%u): it splits the heap's chunks itself, no wrapper",
		                                  impl->role_why, me->name, me->file->path, me->func->line,
		                                  model_call_callee(model, split), model_call_fact(model, split)->args,
		                                  me->file->path, model_call_fact(model, split)->line);
	}
}

/* Forwarding only, before the fixed-size rules read its handle or its name: the main entry
 * point's own body returns what another allocator gives (role_passes_on, direct). The walk
 * is left on the main entry point's paths. Sets the role and returns 1, else 0. */
static int role_forwards_only(struct model *model, struct impl_walk *walk, int index, struct model_impl *impl,
                              uint32_t main_entry, const struct model_call *own)
{
	if (!own && main_entry < model->ndefs && role_passes_on(model, walk, index, impl, main_entry, 1))
		return 1;
	model_impl_entry_paths(model, walk, index, main_entry);
	return 0;
}

/* An implementation of backends only, with no release, one of which moves a break of its
 * own kept in a static of its body and reaches no lower source (model_body_break: newlib's
 * `_sbrk` bumping heap_end through the linker's `_heap` .. `_eheap`): a bump over a region
 * it owns, never given back -> early-boot. A break moved through a system call
 * (`brk_`) is the operating system's page source: page-level. */
static int role_owned_break(struct model *model, struct model_impl *impl, const uint32_t *members, uint32_t nmembers)
{
	const struct model_node *brk = NULL;
	for (uint32_t i = 0; i < nmembers; i++) {
		const struct model_node *n = &model->nodes[members[i]];
		if (n->flags & MODEL_NODE_FREE)
			return 0;
		if (!brk && (n->flags & MODEL_NODE_ALLOC) && n->func && model_body_break(model, members[i]))
			brk = n;
	}
	if (!brk)
		return 0;
	impl->role = MODEL_ROLE_BOOT;
	impl->role_why = model_mem_printf(model, "%s (%s:%u) bumps a break kept in a static of its body, reaching no "
	                                  "lower source, and nothing gives memory back", brk->name, brk->file->path,
	                                  brk->func->line);
	return 1;
}

/* Has the implementation an entry point (an allocating or releasing member)? *all_wrappers
 * and *all_backends are cleared unless every entry point is a wrapper, a backend. */
static int role_entry_kinds(const struct model *model, const uint32_t *members, uint32_t nmembers, int *all_wrappers,
                            int *all_backends)
{
	int any = 0;
	for (uint32_t i = 0; i < nmembers; i++) {
		const struct model_node *n = &model->nodes[members[i]];
		if (!(n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			continue;
		any = 1;
		if (!(n->flags & MODEL_NODE_WRAPPER))
			*all_wrappers = 0;
		if (!(n->flags & MODEL_NODE_BACKEND))
			*all_backends = 0;
	}
	return any;
}

/* Role from the entry points' shapes and names (see the theory above). */
static void role_decide(struct model *model, struct impl_walk *walk, int index, struct model_impl *impl,
                      const uint32_t *members, uint32_t nmembers)
{
	const struct model_vocab *v = model->vocab;
	int all_wrappers = 1, all_backends = 1, any_entry = role_entry_kinds(model, members, nmembers, &all_wrappers,
	                                                                     &all_backends);
	const char *w;
	const struct model_call *own = NULL, *split = NULL;
	uint32_t main_entry = model_impl_main_entry(model, members, nmembers), npath;
	const uint32_t *path;
	if (main_entry < model->ndefs) {
		model_impl_entry_paths(model, walk, index, main_entry);
		if (role_claims(model, impl, walk) || role_helper_claim(model, impl, main_entry))
			return;
		own = role_keeps_own(model, walk, index, main_entry);
		split = own ? NULL : role_gives_back(model, index, main_entry);
	}
	if (main_entry < model->ndefs && role_size_table(model, walk, impl, main_entry))
		return;
	if (role_wrapper(model, walk, index, impl, main_entry, any_entry && all_wrappers, own ? own : split))
		return;
	if (impl->domain == MODEL_DOMAIN_BOOT) {
		impl->role = MODEL_ROLE_BOOT;
		impl->role_why = model_mem_printf(model, "boot domain (%s)", impl->domain_why);
		return;
	}
	/* the words decide only on the main entry point's paths: a function glued beside it
	 * (a driver's pool, an entry of another layer in the same file) says nothing of it */
	model_impl_entry_paths(model, walk, index, main_entry);
	path = walk->set;
	npath = walk->nset;
	if (role_page_state(model, impl, walk) || role_page_rounds(model, walk, index, impl, main_entry) ||
	    role_page_scaled(model, impl, main_entry))
		return;
	for (uint32_t i = 0; i < npath; i++) {
		const struct model_node *n = &model->nodes[path[i]];
		if ((n->flags & MODEL_NODE_ALLOC) && !(n->flags & MODEL_NODE_WRAPPER) &&
		    (w = model_vocab_find(v, VOCAB_ROLE_BOOT, n->name)) != NULL) {
			impl->role = MODEL_ROLE_BOOT;
			impl->role_why = model_mem_printf(model, "entry point %s names '%s'", n->name, w);
			return;
		}
	}
	for (uint32_t i = 0; i < npath; i++) {
		const struct model_node *n = &model->nodes[path[i]];
		/* a definition named like a backend that takes a map and a size and keeps state of
		 * its own file is one too (`vm_map_enter(map, &addr, size, ...)`: a free range of
		 * the map); one that only asks another function for the range (`kmem_alloc(map,
		 * &addr, size)`) is not; the unit is a number, or a status's out-parameter when it
		 * takes a size, never what goes out through a `T **` */
		int entry = ((n->flags & MODEL_NODE_ALLOC) && !(n->flags & MODEL_NODE_BACKEND)) ||
		            ((n->flags & MODEL_NODE_BACKEND) && n->func && (n->sig & SIG_SIZE_PARAM) &&
		             (n->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA)));
		if (entry && !(n->flags & MODEL_NODE_FREE) && n->func && !n->func->returns_pointer &&
		    (n->sig & SIG_RMAP_PARAM) && (n->sig & SIG_RET_INT) && !role_takes_ptrptr(n->func) &&
		    ((n->sig & SIG_SIZE_PARAM) || model_number_type(n->func->return_type))) {
			impl->role = MODEL_ROLE_RMAP;
			impl->role_why = model_mem_printf(model, "%s (%s:%u) takes a map and a size and returns a unit of the "
			                                  "map, no memory", n->name, n->file->path, n->func->line);
			return;
		}
	}
	if (role_forwards_only(model, walk, index, impl, main_entry, own ? own : split) ||
	    role_fixed_cache(model, walk, index, impl, main_entry) ||
	    role_fixed(model, impl, path, npath) || role_sized_number(model, impl, main_entry) ||
	    role_sized_out(model, impl, main_entry) || role_range_records(model, index, impl, main_entry) ||
	    role_number_unit(model, walk, impl, main_entry))
		return;
	for (uint32_t i = 0; i < npath; i++) {
		const struct model_node *n = &model->nodes[path[i]];
		if (!(n->flags & MODEL_NODE_ALLOC) || (n->flags & MODEL_NODE_WRAPPER))
			continue;
		if ((w = model_vocab_find(v, VOCAB_ROLE_PAGE, n->name)) != NULL) {
			impl->role = MODEL_ROLE_PAGE;
			impl->role_why = model_mem_printf(model, "entry point %s names '%s'", n->name, w);
			return;
		}
	}
	/* one unit per call when the main entry point takes no size; when it takes one (even
	 * to forward it), an accessor glued beside it (kalloc_max_get() by kalloc(size)) does
	 * not make it a table; otherwise only when no allocating entry point takes a size */
	{
		const struct model_node *unit = NULL, *me = &model->nodes[main_entry];
		int sized = 0;
		if ((me->flags & MODEL_NODE_ALLOC) && me->func) {
			sized = !role_takes_no_size(model, me);
			unit = sized || (me->flags & MODEL_NODE_WRAPPER) ? NULL : me;
		}
		for (uint32_t i = 0; i < nmembers && !sized && !unit; i++) {
			const struct model_node *n = &model->nodes[members[i]];
			if (!(n->flags & MODEL_NODE_ALLOC) || !n->func)
				continue;
			if (!role_takes_no_size(model, n))
				sized = 1;     /* a sized entry, a forwarding one too (kalloc(size)) */
			else if (!unit && !(n->flags & MODEL_NODE_WRAPPER))
				unit = n;
		}
		if (unit && !sized) {
			role_unit(model, impl, unit, members, nmembers);
			return;
		}
	}
	if (all_backends && role_owned_break(model, impl, members, nmembers))
		return;
	/* the backends: its allocating entry points, or, where it has none, the memory source
	 * it defines (group.c rule 5: `__get_free_pages` beside free_pages) */
	if (all_backends || (model->nodes[main_entry].flags & (MODEL_NODE_ALLOC | MODEL_NODE_BACKEND)) == MODEL_NODE_BACKEND) {
		impl->role = MODEL_ROLE_PAGE;
		impl->role_why = "its entry points are backends";
		return;
	}
	role_last(model, walk, index, impl, main_entry, own, split);
}

/* Every implementation's role, then whether it is self-contained (no lower allocator, no
 * wrapper, no ambiguous call into one). */
int model_roles_build(struct model *model)
{
	struct impl_walk w;
	if (model_impl_walk_init(model, &w))
		return -1;
	for (uint32_t g = 0; g < model->nimpls; g++) {
		struct model_impl *impl = &model->impls[g];
		role_decide(model, &w, (int)g, impl, impl->nodes, impl->nnodes);
		impl->self_contained = impl->nchain == 1 && impl->role != MODEL_ROLE_WRAPPER && !impl->chain_ambiguous;
	}
	model_impl_walk_fini(&w);
	return 0;
}
