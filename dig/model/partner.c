/*
 * dig/model/partner.c: allocators found by their release partner (issue 11, item 1).
 *
 * The shape rules of classify.c want a raw-memory return and a size, or a table allocator
 * with at most a device number. Many allocators have neither: they return a typed handle
 * (`vm_page_t vm_page_grab(void)`, `Chan *newchan(void)`), a status or a count with the
 * memory in an out-parameter (`int allocuvm(pgdir, oldsz, newsz)`, `kern_return_t
 * kmem_alloc(map, &addr, size)`), or a number of a namespace taken through a handle
 * (`alloc(dev)`, `extent_alloc(ex, size, ...)`, `rmalloc(map, size)`). What makes them
 * allocators is that a release function of their own file (a release verb, a parameter)
 * takes back what they hand out; a static (inline) release of a header the file includes
 * is its own too (`ipc_entry_dealloc` in ipc_space.h). A definition that returns a value (no test code, no
 * lock, release or walker name) is an allocation entry point when such a release is its
 * partner:
 *   object   the release takes the handle type it returns (`Chan *`, `vm_page_t`), both
 *            use a variable defined in their file (the free list, the table), and it takes
 *            no parameter (a lookup takes a key, an operation an object): `newchan` and
 *            `chanfree` on chanalloc;
 * or, when their names are one API's two halves (an allocation word where the release has
 * a release word, or the release prefixed de/un: `umbmalloc`/`umbfree`,
 * `vm_allocate`/`vm_deallocate`, `pool_get`/`pool_put`):
 *   state    both use a variable defined in their file (`umbmalloc`/`umbfree` on rmapumb),
 *            and it builds nothing from inputs (at most four parameters, no string or
 *            read-only object: `zfs_znode_alloc(zfsvfs, db, ...)` is a constructor);
 *   handle   both take the same handle type first (not a number, a size or raw memory:
 *            `vm_map_t`, `struct extent *`, `dev_t`), and it takes only that handle
 *            (`alloc(dev)`, no pointer: a driver's `alloc_lists(ring)` fills what it is
 *            given), or takes a size (or returns raw memory) and hands the release what it
 *            takes back (its return type, or the T of a `T *` out-parameter) or has the
 *            release's parameter list (`allocuvm`/`deallocuvm(pgdir, oldsz, newsz)`);
 *   backend  it calls an allocation entry point whose file's release the partner calls,
 *            returns no pointer and takes none, only a size or flags (`vm_page_grab(flags)`
 *            over vm_page_alloc_pa, `vm_page_release` over vm_page_free_pa);
 *   lookup   both call one defined function returning a pointer (no entry point, no verb:
 *            the state's lookup, `get_super(dev)`), the release takes back what it hands
 *            out (its object first, or its parameters then the number it returns:
 *            `new_block(dev)`/`free_block(dev, block)` on the superblock's bitmap, set and
 *            cleared by macros the model cannot read), and it calls no allocator.
 *   kept     it keeps what it hands out in its file's state (a free list, a cache
 *            table) and the release takes that object back first (`newpage`/`putpage`,
 *            `allocb(size)`/`freeb`), building nothing from inputs; one that gets the
 *            object from an allocator and fills it in for no size is a constructor
 *            (`tty_alloc(void)`);
 *   out      for a size, it writes a handle through a `T *` out-parameter that the
 *            release takes by value (`alloc_contig_mem(size, ..., &pages)`/
 *            `free_contig_mem(pages, size)`); a driver filling the caller's ring passes
 *            one pointer to both, and a device's queue or handle taken for no size
 *            (`hwq_alloc(dev, flags, &q)`) is no memory;
 *   map      both take the same pointer first and it returns a number for a size that
 *            the release takes back: the pointer is the map the number comes from
 *            (`rmalloc(void *mp, size)`, `rmfree(mp, size, addr)`), or it returns a
 *            status and writes that number through its last parameter, a `T *` with T
 *            a plain C number by its spelling and the type of its size (`rlist_alloc(struct
 *            rlist **rlp, unsigned size, unsigned *loc)`; a bus space's
 *            `bus_space_handle_t *` is a handle, `int *rsegs` beside a `size_t size` a count),
 *            `rlist_free(rlp, unsigned start, unsigned end)`: first fit over a list of
 *            free ranges);
 *   entry    it returns a status for one unit of a namespace behind the handle both
 *            take first, the release takes back by value every handle it writes out,
 *            and it reaches an allocator (itself or through a function of its file) that
 *            backs the namespace's table (`ipc_entry_alloc(space, &name, &entry)` off the
 *            space's free list, the table grown by kalloc; `ipc_entry_dealloc(space,
 *            name, entry)`); a device's queue taken for no size reaches none;
 *   list     for a size it fills a list (a handle pointer both take) that the release
 *            takes back as its one parameter, both halves working one state, itself or
 *            through its static helpers (`uvm_pglistalloc(size, ..., rlist, ...)` over
 *            uvm_pglistalloc_simple, `uvm_pglistfree(list)`, both on the free lists
 *            behind uvm_fpageqlock); a driver's descriptor chain freed with its softc is
 *            not one.
 * With no name pair, beside the `object` shape: a definition with an allocation verb that
 * returns an object of its file's state (itself or through its static helpers) and gets
 * it from no allocator of another file, taken back first by a release sharing that state,
 * is an allocator whatever parameters it takes (`uvm_pagealloc_strat(obj, off, anon,
 * flags, strat, free_list)` and `uvm_pagefree(pg)`; `zfs_znode_alloc` fills what
 * kmem_cache_alloc gives: a constructor). So is a layer that returns, unchanged, the
 * handle of the same type an allocator of another file gave, when the release taking that
 * handle first gives it back to that allocator's file (itself, through a release it calls,
 * or through a static helper: `vm_page_alloc` over vm_phys_alloc_pages, vm_page_free_toq
 * over vm_phys_free_pages); a constructor turns raw memory into an object of another
 * type, unless the halves are a name pair and the block is sized by the caller: it gives
 * that allocator a size parameter of its own (a header and the caller's bytes behind it:
 * `usb_alloc_xfer_request(bufsize)` over `memget(sizeof ... + bufsize)`, its release
 * over memfree). And so is one that, for a size, returns an object its release takes back first,
 * both working one variable of their file (`alloc_skb(size, gfp)`, `kfree_skbmem`, on the
 * head cache and a count).
 * And so is the face of a pool of its own: a take that returns what another file's
 * allocator gives out of a pool the take names as that allocator's first argument -- the
 * address of a variable of its file (`memb_alloc(&bufmem)`, the pool a macro of the file
 * declares with its storage and in-use flags) or a field of one of its parameters
 * (`cache_alloc(cq->cache)`) -- the allocator taking that handle and no size, while the
 * give half of its name pair gives the object back to that allocator's file naming the
 * same pool (`memb_free(&bufmem, b)`): the pool, not a
 * size, says whose objects they are (a constructor asks a general allocator for `sizeof`
 * its record; a driver's set-up hands an allocator its device and a ring's size).
 * A handle may be a typedef of a pointer (`vm_page_t`, `pv_entry_t`): the `kept` shape
 * takes it when the release takes that type first, and an allocator the definition calls
 * in its own file is its own state (`vm_phys_alloc_pages` over its queue helper), not
 * memory from elsewhere. A few numbers by value (six at most), one named as a size, are a
 * request's bounds, not a constructor's inputs (`vm_phys_alloc_contig(npages, low, high,
 * alignment, boundary)`; `ip_masq_new`'s eight addresses, ports and flags build an entry). A release taking back a number of raw memory (`vm_offset_t`)
 * after the map both take first is handed what a `kmem_alloc(map, size)` returns.
 * The release half of a name pair needs no release verb of the vocabulary, only a give
 * word at a word start (`freeb`, `pool_cache_put_paddr`); it becomes the release entry.
 * A get paired so hands out what an allocator it calls (itself or through a function of
 * its file) gave (a cache over `pool_get`), not bytes of a message it walks
 * (`getbytes`/`putbytes`).
 * A get whose put hands back raw memory too (what its store displaces: `void
 * *oidmap_put(map, entry)` returns the entry it replaced) is a map's lookup, not a pool's
 * take: it hands nothing out (a pool's put takes the memory back and returns nothing).
 * A get hands out raw memory for a handle and flags (`pool_get(pp, flags)`): a get that
 * returns an object or a string is a reference, a received packet or a lookup, unless it
 * returns what an allocator of another file gave while its release gives back to that
 * allocator (`m_get` over the mbuf zone, `m_free`; a body the parser did not read, short
 * and returning a pointer, is taken to return its call's value; one object of a `sizeof`
 * from a general allocator, filled in for no size, or one built from a string, is a
 * constructor's: `getnetconninfo(dir, fd)`, unless it sets a count of that object to a
 * literal that its release, taking the object, steps down before giving it back: a
 * reference-counted object handed out, whatever the take word of the pair: `crget`
 * MALLOCs a ucred with cr_ref 1, `crfree` drops cr_ref and FREEs it at 0), or its release is a
 * free (not a put: a reference dropped) that shares its file's state and takes the
 * object back, the get reaching an allocator to refill that state (`get_pv_entry` off the
 * pv chunks' bitmaps, a new chunk page from vm_page_alloc; `free_pv_entry`); a get whose
 * two halves call a lower allocator's two halves (the `backend` shape: a number for a size,
 * `swp_pager_getswapspace(npages)` over blist_alloc and its free over blist_free) hands
 * out what that allocator gave.
 * A table allocator whose slots carry memory from another allocator is found by its
 * release's behaviour, whatever that release is named: it has an allocation verb, returns
 * an object for no parameter, works on its file's state and returns none of the memory it
 * gets from an allocator (`allocproc`: an UNUSED slot of ptable, a kernel stack from kalloc
 * into the slot), and a function of its file sharing that state gives memory back to that
 * allocator's release (`wait`: kfree of the stack, the slot UNUSED again).
 * A pool of objects refilled from below is found by what its functions do with one
 * variable of its file, whatever they are named: a definition that takes nothing (a lookup
 * takes a key) returns an object (no raw memory, no lower allocator's value: one object
 * per call from below is a constructor's) and uses that variable; a function of its file
 * it calls uses the variable too and calls a source of pages, a backend or a page
 * allocator (a page carved into objects pushed on the list; a driver's attach that
 * mallocs one object itself and links it on its list registers it, a loop's set-up that
 * mallocs its tables prepares them); and another function of the file, taking the
 * object's type, works the same variable (puts one back): `get_unused_buffer_head` off
 * unused_list, refilled by get_more_buffer_heads from get_free_page, put_unused_buffer_head
 * pushing back; `get_empty_inode` off inode_unused, grow_inodes, iput.
 * Four more behaviours hand out memory with no partner at all: a bump allocator that
 * returns memory (or an old-style int) for its one parameter, a size, from a backend it
 * calls directly (`char *gblock(n)` over sbrk), a heap's extend handler that, for a
 * handle and a size, grows the handle's heap from a backend it calls and returns the
 * value of a call given both (`rtems_heap_extend_via_sbrk(heap, alloc_size)`: sbrk, the
 * area added, `_Protected_heap_Allocate(heap, alloc_size)` returned; a driver mapping a
 * window for a size returns what its device makes of the mapping, no allocation for that
 * size), a status-returning allocator that
 * passes memory out through a `void **` parameter for a size it got from another
 * allocator (`posix_memalign`), and a counter bumped by its one parameter, a size, that
 * an allocation verb returns as units from a variable of its file it writes, calling no
 * allocator (`dma_alloc(size)`: `ret = allocated; allocated += size; return ret`). Runs after classify.c's entry rules, twice: an allocator
 * found in the first round is a backend of the second's. Once the release entry points are
 * known, a resizer is found by what it calls: no verb, a size, both halves of a range API
 * (an allocation entry point and a release with its parameter list: `growproc(n)` over
 * allocuvm/deallocuvm), a wrapper of the allocation half.
 * An API written one function a file (`memget.c`, `memfree.c`, its state defined in a
 * third file of the folder) has no release in the allocation half's file: a definition
 * whose file holds none is an allocation entry point when a release of another file of
 * its folder is its name pair's other half (mixed case too: `mailboxAlloc`/`mailboxFree`)
 * and it hands out raw memory, or a number or an object of a variable both use (an
 * object reaching no allocator: a constructor registers what malloc gave), or, writing
 * no shared state, the pointer an allocator of another file gave that the release gives
 * back there (`netGetbuf` over bufget, `netFreebuf` over buffree: then a give word in
 * the release's name is enough). The two files are one implementation (group.c).
 * The object may come from the functions of its file whose value it returns, through that
 * file, a few calls deep: a pool's public take over its timed and trying variants and the
 * static helper that pops the free list the sibling release pushes on (`iob_alloc` over
 * iob_timedalloc, iob_tryalloc and the helper on g_iob_freelist; `iob_free`), none of
 * them calling an allocator of another file; then the allocation half's file may hold the
 * release of another pair (`iob_free_dynamic`), and the state is the take's own (no
 * wrapper: SIG_CHAIN_STATE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dig/model/model_impl.h"
#include "dig/scan/scan.h"

/* Is the text p[0..n) one of the words? */
static int partner_word_in(const char *p, size_t n, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncmp(words[i], p, n) == 0)
			return 1;
	return 0;
}

/* partner_word_in, case aside (`Alloc`, `Free` of a mixed-case name). */
static int partner_word_in_blind(const char *p, size_t n, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], p, n) == 0)
			return 1;
	return 0;
}

/* Is `g` a live variable defined (not declared extern) in file `file`? */
static int partner_file_var(const struct dig_file *file, const char *g)
{
	for (uint32_t j = 0; j < file->nglobals; j++)
		if (!file->globals[j].dead && !file->globals[j].is_extern && strcmp(file->globals[j].name, g) == 0)
			return 1;
	return 0;
}

/* Is there a name both sorted lists of used variables hold that `is_state` accepts? */
static int partner_common_used(const struct model *model, const struct model_node *a, const struct model_node *b,
                               int (*is_state)(const struct model *, const struct dig_file *, const char *))
{
	const struct dig_func *x = a->func, *y = b->func;
	uint32_t i = 0, j = 0;
	while (i < x->nglobals_used && j < y->nglobals_used) {   /* both lists are sorted */
		int c = strcmp(x->globals_used[i], y->globals_used[j]);
		if (c == 0 && is_state(model, a->file, x->globals_used[i]))
			return 1;
		i += c <= 0;
		j += c >= 0;
	}
	return 0;
}

/* partner_file_var in partner_common_used's shape. */
static int partner_own_var(const struct model *model, const struct dig_file *file, const char *g)
{
	(void)model;
	return partner_file_var(file, g);
}

/* Do definitions a and b (one file) both use a variable defined in that file? */
static int partner_shares_state(const struct model_node *a, const struct model_node *b)
{
	if (!(a->sig & SIG_OWN_STATE) || !(b->sig & SIG_OWN_STATE))
		return 0;
	return partner_common_used(NULL, a, b, partner_own_var);
}

/* Is `g`, used by a definition of file `file`, state: a variable defined there, or one
 * the tree defines elsewhere (no static, no type name: model->cls->globals; a port or a
 * second kernel may define it again)? */
static int partner_state_var(const struct model *model, const struct dig_file *file, const char *g)
{
	uint32_t count = 0;
	if (partner_file_var(file, g))
		return 1;
	if (model->cls && model->cls->nglobals)
		model_globals_find(model->cls->globals, model->cls->nglobals, g, &count);
	return count > 0;
}

/* Do definitions x and y use one variable that is state (partner_state_var)? */
static int partner_common_var(const struct model *model, const struct model_node *a, const struct model_node *b)
{
	if (!(a->sig & SIG_STATE) || !(b->sig & SIG_STATE))
		return 0;
	return partner_common_used(model, a, b, partner_state_var);
}

/* Does a, or a static function of its file it calls, use a variable that is state and
 * that r uses too (a public entry whose static helpers work the free lists its release
 * works: `uvm_pglistalloc` over uvm_pglistalloc_simple, both halves on uvm_fpageqlock's
 * free lists)? */
static int partner_reaches_state_of(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_node *x = &model->nodes[a], *y = &model->nodes[r];
	if (partner_common_var(model, x, y))
		return 1;
	for (uint32_t e = model->out_start[a]; e < model->out_start[a + 1]; e++) {
		const struct model_node *h = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != a && model->edges[e].to != r && h->func && h->func->is_static &&
		    h->file_index == x->file_index && partner_common_var(model, h, y))
			return 1;
	}
	return 0;
}

/* Do a and r take one handle pointer `T *` (T no number, size or raw memory) at any place:
 * the list a fills and r empties (`uvm_pglistalloc(size, ..., struct pglist *rlist, ...)`,
 * `uvm_pglistfree(struct pglist *list)`)? */
static int partner_shares_list(const struct model *model, const struct dig_func *x, const struct dig_func *y)
{
	for (int i = 0; i < x->nparams && x->param_types; i++) {
		const char *xt = x->param_types[i];
		if (!xt || !strchr(xt, '*') || strstr(xt, "**") || !model_handle_type(model, xt))
			continue;
		for (int j = 0; j < y->nparams && y->param_types; j++)
			if (y->param_types[j] && strcmp(xt, y->param_types[j]) == 0)
				return 1;
	}
	return 0;
}

/* Does the release y take back, by value, every handle a writes through an out-parameter
 * (a `T *` after the first parameter, T a handle: `ipc_entry_alloc(space, mach_port_t
 * *namep, ipc_entry_t *entryp)`, `ipc_entry_dealloc(space, mach_port_t name, ipc_entry_t
 * entry)`), and is there at least one? With `numbers`, T may be a plain number too (a
 * cluster number: `clusteralloc(pmp, u_long *retcluster, ...)`, `clusterfree(pmp, u_long
 * cluster, ...)`). */
static int partner_outs_taken(const struct model *model, const struct dig_func *x, const struct dig_func *y, int numbers)
{
	int outs = 0;
	for (int i = 1; i < x->nparams && x->param_types; i++) {
		const char *xt = x->param_types[i];
		size_t n = xt ? strlen(xt) : 0;
		int taken = 0;
		if (n < 3 || strcmp(xt + n - 2, " *") != 0)
			continue;
		for (int j = 1; j < y->nparams && y->param_types && !taken; j++)
			taken = y->param_types[j] && strlen(y->param_types[j]) == n - 2 &&
			        strncmp(xt, y->param_types[j], n - 2) == 0 &&
			        (model_handle_type(model, y->param_types[j]) || (numbers && model_number_type(y->param_types[j])));
		if (!taken)
			return 0;
		outs++;
	}
	return outs > 0;
}

/* Do a and b take the same handle type first? */
static int partner_shares_handle(const struct model *model, const struct model_node *a, const struct model_node *b)
{
	const struct dig_func *x = a->func, *y = b->func;
	return x->nparams >= 1 && y->nparams >= 1 && x->param_types && y->param_types && x->param_types[0] &&
	       y->param_types[0] && strcmp(x->param_types[0], y->param_types[0]) == 0 &&
	       model_handle_type(model, x->param_types[0]);
}

static int partner_name_pair(const struct model *model, const char *a, const char *r, int *get);

/* Do a and its release r work one state behind the handle they take first through the two
 * halves of one name pair of their file (no get/put: a reference), a calling the taking
 * half and r the giving one, both halves taking that handle first (`usemap_alloc(pmp,
 * cn)` sets a cluster's bit in the mount's in-use map, `usemap_free(pmp, cn)` clears it)? */
static int partner_helper_halves(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_node *x = &model->nodes[a];
	for (uint32_t e = model->out_start[a]; e < model->out_start[a + 1]; e++) {
		uint32_t t = model->edges[e].to;
		const struct model_node *tn = &model->nodes[t];
		if (t == a || t == r || !tn->func || tn->file_index != x->file_index || (tn->sig & SIG_LOCKNAME) ||
		    !partner_shares_handle(model, x, tn))
			continue;
		for (uint32_t k = model->out_start[r]; k < model->out_start[r + 1]; k++) {
			uint32_t u = model->edges[k].to;
			const struct model_node *un = &model->nodes[u];
			int get;
			if (u != a && u != r && u != t && un->func && un->file_index == x->file_index &&
			    !(un->sig & SIG_LOCKNAME) && partner_shares_handle(model, tn, un) &&
			    partner_name_pair(model, tn->name, un->name, &get) && !get)
				return 1;
		}
	}
	return 0;
}

/* Does r take what a hands out: a's return type (no status: a handle or a number's
 * typedef), or the T of a's out-parameter `T *` (T no plain C number), as one of its
 * parameters (`pool_get` returns void * and `pool_put(pp, void *v)`; `ipc_entry_alloc(space,
 * mach_port_t *namep, ...)` and `ipc_entry_dealloc(space, mach_port_t name, ...)`)? A driver
 * that fills the caller's ring in both (`alloc_ring(sc, ring)`, `free_ring(sc, ring)`)
 * hands nothing out. */
static int partner_hands_to(const struct model *model, const struct model_node *a, const struct model_node *r)
{
	const struct dig_func *x = a->func, *y = r->func;
	for (int j = 1; j < y->nparams && y->param_types; j++) {
		const char *pt = y->param_types[j];
		if (!pt)
			continue;
		if (x->return_type && strcmp(x->return_type, pt) == 0 &&
		    (x->returns_pointer || (a->sig & SIG_RET_MEM) || model_handle_type(model, pt)))
			return 1;
		for (int i = 1; i < x->nparams && x->param_types; i++) {
			const char *xt = x->param_types[i];
			size_t n = xt ? strlen(xt) : 0, m = strlen(pt);
			if (n == m + 2 && strncmp(xt, pt, m) == 0 && strcmp(xt + m, " *") == 0 &&
			    !model_scalar_word(pt, m))
				return 1;
		}
	}
	return 0;
}

/* Do f and g take the same parameter types, a range API's two halves (`allocuvm(pgdir,
 * oldsz, newsz)`, `deallocuvm(pgdir, oldsz, newsz)`)? */
static int partner_same_params(const struct dig_func *f, const struct dig_func *g)
{
	if (f->nparams < 2 || f->nparams != g->nparams || !f->param_types || !g->param_types)
		return 0;
	for (int i = 0; i < f->nparams; i++)
		if (!f->param_types[i] || !g->param_types[i] || strcmp(f->param_types[i], g->param_types[i]) != 0)
			return 0;
	return 1;
}

/* Does f take a size by value (a parameter named or typed as one, no pointer: not the
 * `uint_t *actual_size` a hardware queue's set-up reports back)? */
static int partner_sized(const struct model *model, const struct dig_func *f)
{
	for (int i = 0; i < f->nparams && f->param_types && f->param_names; i++) {
		const char *pt = f->param_types[i], *pn = f->param_names[i];
		if (!pt || strchr(pt, '*'))
			continue;
		if ((pn && *pn && model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, pn)) ||
		    model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, pt))
			return 1;
	}
	return 0;
}

int model_partner_candidate(const struct model *model, const struct model_node *node, int returns)
{
	const struct dig_func *f = node->func;
	(void)model;   /* the vocabulary's answers are in node->sig (classify_name_signals) */
	if (!f || (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_TEST)) ||
	    (node->sig & (SIG_LOCKNAME | SIG_NAME_FREE | SIG_WALKER)))
		return 0;
	return !returns || f->returns_pointer || (f->return_type && strcmp(f->return_type, "void") != 0);
}

/* Does `name` hold a word of `kind` (the pair words: VOCAB_PAIR_TAKE, VOCAB_PAIR_GIVE) at
 * the start of a word (the name's start or after `_`)? */
static int partner_word_start(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name)
{
	for (const char *p = name; *p; p++)
		if ((p == name || p[-1] == '_') && model_vocab_prefix_at(vocab, kind, p, 0))
			return 1;
	return 0;
}

/* Does `name` hold a give word at the start of a word: `freeb`, `pool_cache_put_paddr`;
 * not `input` or `compute`? */
int model_partner_give_named(const struct model *model, const char *name)
{
	return partner_word_start(model->vocab, VOCAB_PAIR_GIVE, name);
}

/* Does `name` hold a take word (get, new, grab, alloc ...) at the start of a word:
 * `ext2_new_inode`, `getblk`; not `budget`? */
int model_partner_take_named(const struct model *model, const char *name)
{
	return partner_word_start(model->vocab, VOCAB_PAIR_TAKE, name);
}

/* Can r be a partner: a parameter, no lock name, no test code, and a release verb (2) or,
 * for a name pair only, a give word at a word start the vocabulary does not call a
 * release (1: `freeb`, `pool_cache_put_paddr`); 0 when not. */
static int partner_release(const struct model *model, const struct model_node *r)
{
	if (!r->func || (r->flags & MODEL_NODE_TEST) || (r->sig & SIG_LOCKNAME) || r->func->nparams < 1)
		return 0;
	if (r->sig & SIG_NAME_FREE)
		return 2;
	return model_partner_give_named(model, r->name) ? 1 : 0;
}

/* Are the names of a and r one API's two halves: the same words around an allocation word
 * in a and a release word in r (`umbmalloc`/`umbfree`, `new_block`/`free_block`,
 * `pool_get`/`pool_put`, `allocb`/`freeb`), or r being a prefixed with de/un
 * (`vm_allocate`/`vm_deallocate`, `allocuvm`/`deallocuvm`)? *get gets 1 when a's word is
 * get (a reference taken, unless a returns new memory). */
static int partner_name_pair_in(const struct model *model, const char *a, const char *r, int *get, int blind)
{
	static const char *const undo[] = { "de", "un", NULL };
	size_t la = strlen(a), lr = strlen(r), p = 0, smax = 0;
	*get = 0;
	while (p < la && p < lr && a[p] == r[p])
		p++;
	while (smax < la - p && smax < lr - p && a[la - 1 - smax] == r[lr - 1 - smax])
		smax++;
	if (la - p - smax == 0)   /* a is r without a prefix */
		return (blind ? partner_word_in_blind : partner_word_in)(r + p, lr - p - smax, undo) &&
		       (p == 0 || a[p - 1] == '_') &&
		       model_vocab_match(model->vocab, VOCAB_ALLOC, a);
	/* the common tail may share letters with the verbs (`get`/`put`): try it shorter */
	for (size_t s = smax + 1; s-- > 0;)
		if (model_vocab_is_word(model->vocab, VOCAB_PAIR_TAKE, a + p, la - p - s, blind) &&
		    model_vocab_is_word(model->vocab, VOCAB_PAIR_GIVE, r + p, lr - p - s, blind)) {
			*get = la - p - s == 3 && strncasecmp(a + p, "get", 3) == 0;
			return 1;
		}
	return 0;
}

/* partner_name_pair_in with the words as written (`pool_get`/`pool_put`). */
static int partner_name_pair(const struct model *model, const char *a, const char *r, int *get)
{
	return partner_name_pair_in(model, a, r, get, 0);
}

/* Are a and r the two halves of one API by their names (partner_name_pair: `usemap_alloc`
 * and `usemap_free`), a reference taken by `get` aside? */
int model_partner_names_pair(const struct model *model, const char *a, const char *r)
{
	int get;
	return partner_name_pair(model, a, r, &get) && !get;
}

/* Does r take back the kind of object a returns: its first parameter is a's return type, a
 * handle (`Chan *` for `Chan *`, `vm_page_t` for `vm_page_t`), and a takes no such object
 * itself (a lookup or a reference count works on one)? */
static int partner_takes_result(const struct model *model, const struct model_node *a, const struct model_node *r)
{
	const struct dig_func *x = a->func, *y = r->func;
	if (!x->return_type || !y->param_types || !y->param_types[0])
		return 0;
	if (strcmp(x->return_type, y->param_types[0]) != 0 || !model_handle_type(model, x->return_type))
		return 0;
	for (int i = 0; i < x->nparams && x->param_types; i++)
		if (x->param_types[i] && strcmp(x->param_types[i], x->return_type) == 0)
			return 0;
	return 1;
}

/* Do a and its release r go through one lower allocator: a calls an allocation entry point
 * whose file defines a release that r calls (`vm_page_grab` calls vm_page_alloc_pa,
 * `vm_page_release` vm_page_free_pa)? Only for a page or a number handed out (no pointer
 * return) for a size or a flag, with no pointer to fill or work on (a driver's set-up
 * fills its softc and the caller's descriptor). */
static int partner_backend_pair(const struct model *model, uint32_t a, uint32_t r)
{
	const struct dig_func *f = model->nodes[a].func;
	if (f->returns_pointer || (f->nparams > 1 && !partner_sized(model, f)))
		return 0;
	for (int i = 0; i < f->nparams && f->param_types; i++)
		if (f->param_types[i] && strchr(f->param_types[i], '*'))
			return 0;
	for (uint32_t e = model->out_start[a]; e < model->out_start[a + 1]; e++) {
		const struct model_node *x = &model->nodes[model->edges[e].to];
		if (model->edges[e].to == a || !x->func || !(x->flags & MODEL_NODE_ALLOC))
			continue;
		for (uint32_t k = model->out_start[r]; k < model->out_start[r + 1]; k++) {
			const struct model_node *y = &model->nodes[model->edges[k].to];
			if (y->func && y->file_index == x->file_index && (y->sig & SIG_NAME_FREE) && !(y->sig & SIG_LOCKNAME))
				return 1;
		}
	}
	return 0;
}

/* At most this many parameters in a request's bounds (partner_builds). */
#define PARTNER_BOUNDS_MAX 6

/* Does f look like a constructor that builds from its inputs rather than an allocator
 * that takes a size, flags or a handle: more than four parameters, or a string or a
 * read-only object among them (`i_ilbd_alloc_sg(char *name)`, `html_alloc(const struct
 * manoutput *)`, `zfs_znode_alloc(zfsvfs, db, blksz, type, hdl)`)? */
static int partner_builds(const struct model *model, const struct dig_func *f)
{
	int numbers = f->param_types != NULL && f->nparams <= PARTNER_BOUNDS_MAX;
	int named = model_size_param(model->vocab, f) != NULL;
	for (int i = 0; i < f->nparams && f->param_types; i++)
		numbers &= f->param_types[i] && !strchr(f->param_types[i], '*');
	/* a few numbers by value, one named as a size, are a request's bounds, not an
	 * object's inputs (`vm_phys_alloc_contig(npages, low, high, alignment, boundary)`;
	 * `ip_masq_new`'s eight addresses, ports and flags build an entry) */
	if (f->nparams > 4 && !(numbers && named))
		return 1;
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *pt = f->param_types[i];
		if (pt && strchr(pt, '*') && (strncmp(pt, "const ", 6) == 0 || strncmp(pt, "char *", 6) == 0))
			return 1;
	}
	return 0;
}

/* Does r take back the number a hands out: a returns a number, and r takes a's parameters
 * and then that number (`int new_block(int dev)`, `void free_block(int dev, int block)`)? */
static int partner_takes_number(const struct dig_func *a, const struct dig_func *r)
{
	if (a->returns_pointer || !a->return_type || strcmp(a->return_type, "void") == 0 || a->nparams < 0 ||
	    r->nparams != a->nparams + 1 || !r->param_types || (a->nparams && !a->param_types))
		return 0;
	for (int i = 0; i < a->nparams; i++)
		if (!a->param_types[i] || !r->param_types[i] || strcmp(a->param_types[i], r->param_types[i]) != 0)
			return 0;
	return r->param_types[a->nparams] && strcmp(r->param_types[a->nparams], a->return_type) == 0;
}

/* Do a and r reach one state through one lookup: both call the same defined function that
 * returns a pointer and is no entry point, lock or verb (`get_super(dev)`, the superblock
 * whose bitmap both work)? */
static int partner_common_lookup(const struct model *model, uint32_t a, uint32_t r)
{
	for (uint32_t e = model->out_start[a]; e < model->out_start[a + 1]; e++) {
		uint32_t t = model->edges[e].to;
		const struct model_node *tn = &model->nodes[t];
		if (t == a || t == r || !tn->func || !tn->func->returns_pointer ||
		    (tn->sig & (SIG_LOCKNAME | SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME)) ||
		    (tn->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			continue;
		for (uint32_t k = model->out_start[r]; k < model->out_start[r + 1]; k++)
			if (model->edges[k].to == t)
				return 1;
	}
	return 0;
}

/* Does a hand the release r, by value, what it writes through an out-parameter: a `T *`
 * parameter of a and a `T` parameter of r, at any place, T a handle (no plain C number):
 * `alloc_contig_mem(size, ..., vm_page_t *pages)` and `free_contig_mem(vm_page_t pages,
 * size)`? A driver filling the caller's ring passes the same `struct ring *` to both. */
static int partner_out_param(const struct model *model, const struct dig_func *x, const struct dig_func *y)
{
	for (int i = 0; i < x->nparams && x->param_types; i++) {
		const char *xt = x->param_types[i];
		size_t n = xt ? strlen(xt) : 0;
		if (n < 3 || strcmp(xt + n - 2, " *") != 0)
			continue;
		for (int j = 0; j < y->nparams && y->param_types; j++) {
			const char *pt = y->param_types[j];
			if (pt && strlen(pt) == n - 2 && strncmp(xt, pt, n - 2) == 0 && model_handle_type(model, pt))
				return 1;
		}
	}
	return 0;
}

/* Is type text t a plain C number by its spelling: each word a qualifier, a number word
 * (`unsigned`, `long`), one with `u` or `u_` before it (`u_long`, `uint`), or a number
 * typedef (`uint32_t`); no handle typedef (`bus_space_handle_t`), no void? */
static int partner_plain_number(const char *t)
{
	static const char *const quals[] = { "const", "volatile", "register", NULL };
	int any = 0;
	for (const char *p = t; *p;) {
		const char *q = p, *b;
		while (model_ident_char(*q))
			q++;
		if (q == p) {
			if (*p != ' ')
				return 0;
			p++;
			continue;
		}
		b = p + (p[0] == 'u' ? (p[1] == '_' ? 2 : 1) : 0);
		if (partner_word_in(p, (size_t)(q - p), quals)) {
			p = q;
			continue;
		}
		if (!(model_scalar_word(p, (size_t)(q - p)) || model_scalar_word(b, (size_t)(q - b)))) {
			char w[64];
			if ((size_t)(q - p) >= sizeof w)
				return 0;
			memcpy(w, p, (size_t)(q - p));
			w[q - p] = '\0';
			if (!model_number_typedef(w))
				return 0;
		} else if (strncmp(b, "void", 4) == 0 || strncmp(b, "float", 5) == 0 || strncmp(b, "double", 6) == 0)
			return 0;
		any = 1;
		p = q;
	}
	return any;
}

/* Do a and r take the same pointer first while a returns a number (no plain C int) that r
 * takes back: the pointer is the map the number comes from, not memory handed out
 * (`ulong_t rmalloc(void *mp, size_t size)`, `rmfree(void *mp, size_t size, ulong_t
 * addr)`; a bus-space `int alloc(void *t, ...)` returns a status), or a returns a status
 * and writes the number through its last parameter, a `T *` of a plain C number, T the
 * type of its size (a start in the units it is asked for), that r takes
 * (`rlist_alloc(rlp, unsigned size, unsigned *loc)`, `rlist_free(rlp, unsigned start,
 * unsigned end)`; `bus_dmamem_alloc(t, size_t size, ..., int *rsegs)` counts segments)? */
static int partner_map_pointer(const struct model *model, const struct dig_func *x, const struct dig_func *y)
{
	char num[64];
	const char *last, *size = model_size_param(model->vocab, x);
	size_t n;
	if (x->returns_pointer || !x->return_type || strcmp(x->return_type, "void") == 0 || x->nparams < 2 ||
	    y->nparams < 2 || !x->param_types || !y->param_types || !x->param_types[0] || !y->param_types[0] ||
	    !strchr(x->param_types[0], '*') || strcmp(x->param_types[0], y->param_types[0]) != 0)
		return 0;
	if (strcmp(x->return_type, "int") != 0)
		snprintf(num, sizeof num, "%s", x->return_type);
	else if ((last = x->param_types[x->nparams - 1]) && x->nparams >= 3 && (n = strlen(last)) > 2 && n < sizeof num &&
	         strcmp(last + n - 2, " *") == 0 && !memchr(last, '*', n - 2) && !strstr(last, "struct") &&
	         !strstr(last, "union")) {
		/* a status, the number through the last parameter, a `T *`: `int rlist_alloc(struct
		 * rlist **rlp, unsigned size, unsigned *loc)` and `rlist_free(rlp, unsigned start,
		 * unsigned end)` */
		memcpy(num, last, n - 2);
		num[n - 2] = '\0';
		int unit = 0;
		for (int i = 0; size && i < x->nparams && x->param_names; i++)
			unit |= x->param_names[i] && strcmp(x->param_names[i], size) == 0 && x->param_types[i] &&
			        strcmp(x->param_types[i], num) == 0;
		if (!unit || !partner_plain_number(num))
			return 0;   /* a bus space's `bus_space_handle_t *bshp` is a handle; a count of
			             * segments (`int *rsegs` for a size_t size) is no start */
	} else
		return 0;
	for (int j = 1; j < y->nparams; j++)
		if (y->param_types[j] && strcmp(y->param_types[j], num) == 0)
			return 1;
	return 0;
}

/* Does a get (a name pair on the word get) hand out new memory rather than a reference, a
 * received packet or a looked-up string: raw memory for a handle and flags (`pool_get(pp,
 * flags)`; not a `char *`, not the object it is given)? */
static int partner_get_hands_out(const struct model_node *node)
{
	const struct dig_func *f = node->func;
	if (!(node->sig & SIG_RET_MEM) || f->nparams < 2 || (f->return_type && strstr(f->return_type, "char *")))
		return 0;
	return !(f->param_types && f->param_types[0] && f->return_type && strcmp(f->param_types[0], f->return_type) == 0);
}

/* Does the put r of a get's name pair hand back raw memory too: the entry its store
 * displaces (`void *oidmap_put(map, entry)` returns the entry it replaced, `void
 * *strmap_put(map, str, data)` the old value)? Then the two halves are a map's: the get
 * looks an entry up (`oidmap_get(map, key)`), it hands nothing out. A pool's put takes
 * the memory back and returns nothing, or a status. */
static int partner_put_displaces(const struct model_node *rel)
{
	return rel->func && rel->func->returns_pointer && (rel->sig & SIG_RET_MEM);
}

/* Is t an allocator a call can reach: an allocation entry point (found so far, partners
 * too) or an allocation name (no lock)? */
static int partner_allocator(const struct model_node *t)
{
	return (t->flags & MODEL_NODE_ALLOC) || ((t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME));
}

/* How deep partner_return_chain follows the functions whose value is returned. */
#define PARTNER_RETURN_DEPTH 4

/* What the functions of a's file whose value a returns do (and so on through that file,
 * at most `depth` calls deep): bit 1, one of them uses a variable that is state and that r
 * uses too; bit 2, a or one of them calls an allocator of another file (the object is
 * then that allocator's, filled in). What a returns is what that function handed it: a
 * public face over its timed and trying variants (`iob_alloc` returns iob_timedalloc's
 * value, which returns iob_tryalloc's, which returns what its static helper popped off
 * g_iob_freelist, the list iob_free pushes on). */
static unsigned partner_return_chain(const struct model *model, uint32_t a, uint32_t r, int depth)
{
	const struct model_node *x = &model->nodes[a];
	unsigned got = 0;
	uint32_t lo, hi;
	for (uint32_t e = model->out_start[a]; e < model->out_start[a + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != a && t->file_index != x->file_index && partner_allocator(t))
			got |= 2;
	}
	if (depth <= 0)
		return got;
	hi = model_calls_of_def(model, a, &lo);
	for (uint32_t c = lo; c < hi; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *h;
		if (mc->caller != (int32_t)a || mc->target != MODEL_TARGET_NODE || (uint32_t)mc->node == a ||
		    (uint32_t)mc->node == r || !(model_call_fact(model, mc)->flow & DIG_FLOW_RETURN))
			continue;
		h = &model->nodes[mc->node];
		if (!h->func || h->file_index != x->file_index || (h->sig & (SIG_LOCKNAME | SIG_NAME_FREE)))
			continue;
		if (partner_common_var(model, h, &model->nodes[r]))
			got |= 1;
		got |= partner_return_chain(model, (uint32_t)mc->node, r, depth - 1);
	}
	return got;
}

/* Does n call an allocator, itself or through a function of its own file it calls (a
 * cache's slow path: `pool_cache_get_paddr` over pool_cache_get_slow over pool_get)? */
int model_partner_reaches_alloc(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		uint32_t to = model->edges[e].to;
		const struct model_node *t = &model->nodes[to];
		if (to == n)
			continue;
		if (partner_allocator(t))
			return 1;
		if (!t->func || t->file_index != model->nodes[n].file_index)
			continue;
		for (uint32_t k = model->out_start[to]; k < model->out_start[to + 1]; k++)
			if (model->edges[k].to != to && model->edges[k].to != n && partner_allocator(&model->nodes[model->edges[k].to]))
				return 1;
	}
	return 0;
}

/* Does n, with an allocation verb, hand out an object of its own file's state: it
 * returns a pointer to an object (not raw memory), reads no string or read-only object
 * (a constructor builds from those), and no call whose value it returns reaches an
 * allocator or backend outside its file (`uvm_pagealloc_strat(obj, off, anon, flags,
 * strat, free_list)` returns what its static uvm_pagealloc_pgfl takes off the free lists;
 * `zfs_znode_alloc` returns what kmem_cache_alloc gave, filled in)? */
static int partner_own_object(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	if (!(node->sig & SIG_NAME_ALLOC) || !f->returns_pointer || (node->sig & SIG_RET_MEM))
		return 0;
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *pt = f->param_types[i];
		if (pt && strchr(pt, '*') && (strncmp(pt, "const ", 6) == 0 || strncmp(pt, "char *", 6) == 0))
			return 0;
	}
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		uint32_t nt = mc->target == MODEL_TARGET_NODE ? 1 : mc->ncands;
		if (mc->caller != (int32_t)n || mc->node < 0 || !(model_call_fact(model, mc)->flow & DIG_FLOW_RETURN))
			continue;
		for (uint32_t k = 0; k < nt; k++) {
			const struct model_node *t =
			        &model->nodes[mc->target == MODEL_TARGET_NODE ? (uint32_t)mc->node : model_call_cands(model, mc)[k]];
			if (t != node && (partner_allocator(t) || (t->flags & MODEL_NODE_BACKEND)) &&
			    (!t->func || t->file_index != node->file_index))
				return 0;
		}
	}
	return 1;
}

/* Is the count evidence text "OBJ OP" (DIG_EV_COUNT) of object `obj` with an op in ops
 * (NULL-terminated)? */
static int partner_count_write_is(const char *text, const char *obj, const char *const *ops)
{
	const char *sp = strrchr(text, ' ');
	size_t n = strlen(obj);
	if (!sp || (size_t)(sp - text) != n || strncmp(text, obj, n) != 0)
		return 0;
	for (int i = 0; ops[i]; i++)
		if (strcmp(sp + 1, ops[i]) == 0)
			return 1;
	return 0;
}

int model_partner_count_claims(const char *text)
{
	const char *sp = strrchr(text, ' ');
	return sp && (strcmp(sp + 1, "++") == 0 || (sp[1] == '=' && sp[2] != ':' && strcmp(sp + 1, "=0") != 0));
}

int model_partner_count_back(const struct model *model, uint32_t r, const char *type, const char *field)
{
	static const char *const back[] = { "--", "=0", NULL };
	return model_partner_count_back_ops(model, r, type, field, back);
}

int model_partner_count_back_ops(const struct model *model, uint32_t r, const char *type, const char *field,
                                 const char *const *back)
{
	const struct model_node *rel = &model->nodes[r];
	const struct dig_file *f = rel->file;
	int32_t fi;
	if (!rel->func || (rel->flags & MODEL_NODE_TEST) || (rel->sig & SIG_LOCKNAME))
		return 0;
	fi = model_func_index(rel);
	for (int j = 0; j < rel->func->nparams && rel->func->param_types && rel->func->param_names; j++) {
		const char *pn = rel->func->param_names[j];
		if (!rel->func->param_types[j] || strcmp(rel->func->param_types[j], type) != 0 || !pn || !*pn)
			continue;
		for (uint32_t e = 0; e < f->nevidence; e++) {
			const struct dig_evidence *ev = &f->evidence[e];
			if (ev->kind == DIG_EV_COUNT && ev->func == fi && !ev->dead && strcmp(ev->token, field) == 0 &&
			    partner_count_write_is(ev->text, pn, back))
				return 1;
		}
	}
	return 0;
}

/* Does definition a set a count of an object to a literal other than 0 (or step it up)
 * while r, taking a's return type, steps that field of its parameter down or clears it (a
 * reference count: `crget` sets cr_ref 1, `crfree` drops it before it frees)? */
static int partner_counted(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_node *node = &model->nodes[a];
	const struct dig_file *f = node->file;
	int32_t fi;
	/* a count set on an object it built for no input (a pointer-returning definition
	 * with parameters claims flags of the table it searches: slot.c) */
	if (!node->func || !node->func->return_type || !model_takes_nothing(node->func))
		return 0;
	fi = model_func_index(node);
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		if (ev->kind == DIG_EV_COUNT && ev->func == fi && !ev->dead && model_partner_count_claims(ev->text) &&
		    model_partner_count_back(model, r, node->func->return_type, ev->token))
			return 1;
	}
	return 0;
}

/* A short body: at most this many code lines. */
#define PARTNER_SHORT_LOC 15

/* Are files a and r an allocation entry point's and its paired release's, one function a
 * file (model_partner_siblings)? */
static int partner_files_paired(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_cls *cls = model->cls;
	for (uint32_t i = 0; cls && i < cls->npairs; i++)
		if (cls->pair_files[2 * i] == a && cls->pair_files[2 * i + 1] == r)
			return 1;
	return 0;
}

/* Does r give memory back to file `xfile`: does it, or a release of another file it calls
 * (an inline in a header: `m_free` over uma.h's `uma_zfree` over uma_zfree_arg) or a static
 * helper of its own file (`vm_reserv_free_page` over vm_reserv_depopulate), call a release
 * (flagged, or a release verb with no lock) defined there, or the release paired with
 * xfile's allocation entry point in a file of its own (`buffree.c` beside `bufget.c`)? */
static int partner_gives_back_deep(const struct model *model, uint32_t r, uint32_t xfile, int depth)
{
	for (uint32_t e = model->out_start[r]; e < model->out_start[r + 1]; e++) {
		uint32_t to = model->edges[e].to;
		const struct model_node *y = &model->nodes[to];
		int rel;
		if (to == r || !y->func || (y->sig & SIG_LOCKNAME))
			continue;
		rel = (y->flags & MODEL_NODE_FREE) || (y->sig & SIG_NAME_FREE);
		if (rel && (y->file_index == xfile || partner_files_paired(model, xfile, y->file_index)))
			return 1;
		if (depth > 0 && (rel || (y->func->is_static && y->file_index == model->nodes[r].file_index &&
		                          !(y->sig & SIG_NAME_ALLOC))) &&
		    partner_gives_back_deep(model, to, xfile, depth - 1))
			return 1;
	}
	return 0;
}

/* Does an argument text name, as a whole word, a parameter of f named as a size (by its
 * name: `u_int flags` is no size): the caller's size passed on to the allocator
 * (`memget(sizeof (struct usb_xfer_request) + bufsize)`)? */
static int partner_args_sized(const struct model *model, const struct dig_func *f, const char *args)
{
	for (int i = 0; args && i < f->nparams && f->param_types && f->param_names; i++) {
		const char *pt = f->param_types[i], *pn = f->param_names[i];
		size_t n = pn ? strlen(pn) : 0;
		if (!pt || !n || strchr(pt, '*') || !model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, pn))
			continue;
		for (const char *p = strstr(args, pn); p; p = strstr(p + 1, pn))
			if ((p == args || !model_ident_char(p[-1])) && !model_ident_char(p[n]))
				return 1;
	}
	return 0;
}

/* Does a return what an allocation entry point t of another file gives (a call of it whose
 * value a returns, not only a field of it), while r gives memory back to a release of t's
 * file? With `same`, t must also return a's own type, so that a passes t's handle on
 * unchanged (`vm_page_t vm_page_alloc(...)` over `vm_page_t vm_phys_alloc_pages`, whose
 * pages vm_page_free_toq gives back with vm_phys_free_pages); a constructor turns raw
 * memory into an object of another type. With `same` 2, t's call must instead be given
 * a size parameter of a's, its value returned as the parser read it (not taken from a
 * short body's shape): a header and the caller's bytes in one block, whatever the type
 * (`usb_alloc_xfer_request(bufsize)` over `memget(sizeof ... + bufsize)`). */
static int partner_passes_through(const struct model *model, uint32_t a, uint32_t r, int same)
{
	const struct model_node *node = &model->nodes[a];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *t;
		unsigned flow;
		if (mc->caller != (int32_t)a || mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == a)
			continue;
		/* a body the lexer read, or a call a statement macro makes (`MGET(m, how,
		 * type)` assigns m inside), has no flow the parser saw: in a short body returning
		 * a pointer it is taken to give the value returned (a header's inline `m_get`) */
		flow = model_call_fact(model, mc)->flow;
		if ((flow & (DIG_FLOW_RETURN | DIG_FLOW_WEAK)) != DIG_FLOW_RETURN &&
		    (same == 2 || !((!node->func->body_parsed || model_call_via(model, mc)) && !(flow & DIG_FLOW_OUT) &&
		                    node->func->returns_pointer && node->func->loc <= PARTNER_SHORT_LOC)))
			continue;
		t = &model->nodes[mc->node];
		if (!t->func || !(t->flags & MODEL_NODE_ALLOC) || t->file_index == node->file_index)
			continue;
		if (same == 1 && (!t->func->return_type || !node->func->return_type ||
		                  strcmp(t->func->return_type, node->func->return_type) != 0))
			continue;
		if (same == 2 && !partner_args_sized(model, node->func, model_call_fact(model, mc)->args))
			continue;
		/* one object of a fixed size from a general allocator, filled in, for no size
		 * of the caller's: a constructor's (`malloc(sizeof *nci)`), not a cache's
		 * object passed on (`m_tag_get(type, len, wait)` takes len + sizeof) */
		if (!same && model_call_fact(model, mc)->args && strstr(model_call_fact(model, mc)->args, "sizeof") &&
		    !partner_sized(model, node->func) && !partner_counted(model, a, r))
			continue;
		if (partner_gives_back_deep(model, r, t->file_index, 1))
			return 1;
	}
	return 0;
}

/* The first argument of args, spaces trimmed: its start, its length in *n. */
static const char *partner_first_arg(const char *args, size_t *n)
{
	while (*args == ' ')
		args++;
	*n = strcspn(args, ",");
	while (*n && args[*n - 1] == ' ')
		(*n)--;
	return args;
}

/* The pool named by the first argument of args, as f's own: the address of a variable its
 * body uses that is no local or parameter (`&bufmem`, a pool a macro of its file declares;
 * of a body the lexer read, no parameter), or a field of one of its pointer parameters
 * (`cq->cache`). Its length (the text up to the first comma, spaces trimmed) with *pool
 * at its start, or 0 when it is neither. */
static size_t partner_pool_arg(const struct dig_func *f, const char *args, const char **pool)
{
	size_t n, k;
	char name[128];
	if (!args)
		return 0;
	*pool = args = partner_first_arg(args, &n);
	if (n > 1 && args[0] == '&') {
		const char *p = args + 1;
		while (*p == ' ')
			p++;
		for (k = 0; model_ident_char(p[k]) && k + 1 < sizeof name; k++)
			name[k] = p[k];
		name[k] = '\0';
		if (!k || p + k != args + n || (name[0] >= '0' && name[0] <= '9'))
			return 0;
		if (f->body_parsed)
			return model_strv_has(f->globals_used, f->nglobals_used, name) ? n : 0;
		/* a body the lexer read lists no globals used: no parameter will do */
		for (int i = 0; i < f->nparams && f->param_names; i++)
			if (f->param_names[i] && strcmp(f->param_names[i], name) == 0)
				return 0;
		return n;
	}
	for (k = 0; k < n && model_ident_char(args[k]) && k + 1 < sizeof name; k++)
		name[k] = args[k];
	name[k] = '\0';
	if (!k || k + 2 >= n || args[k] != '-' || args[k + 1] != '>')
		return 0;
	for (size_t i = k + 2; i < n; i++)
		if (!model_ident_char(args[i]))
			return 0;
	for (int i = 0; i < f->nparams && f->param_names && f->param_types; i++)
		if (f->param_names[i] && strcmp(f->param_names[i], name) == 0 && f->param_types[i] &&
		    strchr(f->param_types[i], '*'))
			return n;
	return 0;
}

/* Does r give back to file `xfile`, through a release of that file (or of its paired
 * file) it calls, the pool pool[0..n) by the same text (`memb_free(&bufmem, b)`)? */
static int partner_gives_pool(const struct model *model, uint32_t r, uint32_t xfile, const char *pool, size_t n)
{
	uint32_t fi = model->nodes[r].file_index;
	for (uint32_t c = model_calls_of_file(model, fi); c < model->ncalls && model->calls[c].file_index == fi; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *y;
		const char *args = model_call_fact(model, mc)->args;
		size_t m;
		if (mc->caller != (int32_t)r || mc->target != MODEL_TARGET_NODE || mc->node < 0 || !args)
			continue;
		y = &model->nodes[mc->node];
		if (!y->func || (y->sig & SIG_LOCKNAME) || !((y->flags & MODEL_NODE_FREE) || (y->sig & SIG_NAME_FREE)) ||
		    !(y->file_index == xfile || partner_files_paired(model, xfile, y->file_index)))
			continue;
		args = partner_first_arg(args, &m);
		if (m == n && strncmp(args, pool, n) == 0)
			return 1;
	}
	return 0;
}

/* Is a the face of a pool of its own over another file's allocator: it returns (itself,
 * or stored through a parameter first) what an allocation entry point t of another file
 * gives out of the pool a names as its first argument (partner_pool_arg; t takes a handle
 * there and no size: one object of the pool's size), and r gives it back to a release of
 * t's file naming the same pool: `memb_alloc(&bufmem)` and `memb_free(&bufmem, b)`, `cache_alloc(cq->cache)` and
 * `cache_free(cq->cache, it)`? The pool, not a size, says whose objects they are: a
 * constructor asks a general allocator for `sizeof` its record, and a driver's set-up
 * gives one its device and the size of its ring (`zalloc(sc->dev, flags, size)`); a
 * status-returning step that puts a buffer into the caller's request fills what it is
 * given. */
static int partner_pool_face(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_node *node = &model->nodes[a];
	if (!node->func->returns_pointer)
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *t;
		const char *pool = NULL;
		unsigned flow;
		size_t n;
		if (mc->caller != (int32_t)a || mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == a)
			continue;
		flow = model_call_fact(model, mc)->flow;
		/* a body the lexer read has no flow: a short one returning a pointer is taken
		 * to hand out its call's value, as in partner_passes_through */
		if ((!(flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT)) || (flow & DIG_FLOW_WEAK)) &&
		    (node->func->body_parsed || !node->func->returns_pointer || node->func->loc > PARTNER_SHORT_LOC))
			continue;
		t = &model->nodes[mc->node];
		if (!t->func || !(t->flags & MODEL_NODE_ALLOC) || t->file_index == node->file_index || t->func->nparams < 1 ||
		    !t->func->param_types || !t->func->param_types[0] || !model_handle_type(model, t->func->param_types[0]) ||
		    partner_sized(model, t->func) || model_size_param(model->vocab, t->func))
			continue;
		if ((n = partner_pool_arg(node->func, model_call_fact(model, mc)->args, &pool)) &&
		    partner_gives_pool(model, r, t->file_index, pool, n))
			return 1;
	}
	return 0;
}

/* Does n call an allocator (an entry point or an allocation name, no lock) that is not a
 * definition of its own file: memory from elsewhere, not from its own free lists through
 * a helper (`vm_phys_alloc_pages` over vm_phys_alloc_freelist_pages of its file)? */
static int partner_allocs_elsewhere(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != n && partner_allocator(t) &&
		    (!t->func || t->file_index != model->nodes[n].file_index))
			return 1;
	}
	return 0;
}

/* Does n call a copy or a format function (memcpy, strcpy, sprintf ...): it fills what
 * it returns from its inputs, a decoder's or a constructor's work? */
static int partner_copies(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const char *t = model->nodes[model->edges[e].to].name;
		if (model_vocab_match(model->vocab, VOCAB_COPY, t) || model_vocab_match(model->vocab, VOCAB_FORMAT, t))
			return 1;
	}
	return 0;
}

/* Is `node`, returning raw memory out of a pool, given that memory back by `rel` (the
 * two halves of one name pair; partner_found's raw-pool shape)? Either the pool is its
 * file's: `node` takes no parameter, gets the memory from a static arena of the file or
 * an allocator it refills from, and `rel` takes that type as its one parameter, the two
 * sharing a variable of their file (`void *page_get(void)`, `page_put(void *)`; a queue's
 * put stores the pointer in a slot of its ring, `ring[w++] = m`, and is no release); or the
 * pool is a handle: `node` takes only that handle and refills from an allocator, and
 * `rel` takes the same handle and then that memory (`void *zone_get(struct zone *)`
 * carving a fresh page when the zone's list is empty, `zone_put(struct zone *, void *)`);
 * a string or a block filled by a copy is a decoder's result (`char *get_string(ctx)`
 * mallocs and copies out of the message, `put_string(ctx, buf)` copies in). */
static int partner_raw_pool(const struct model *model, uint32_t n, const struct model_node *rel)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func, *g = rel->func;
	int refill = (node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) || model_partner_reaches_alloc(model, n);
	if (!(node->sig & SIG_RET_MEM) || !f->return_type || !g->param_types || !g->param_types[0])
		return 0;
	if (model_takes_nothing(f))
		return g->nparams == 1 && strcmp(f->return_type, g->param_types[0]) == 0 &&
		       ((node->sig & SIG_STATIC_ARENA) || refill) && partner_shares_state(node, rel) &&
		       !model_stores_param(rel, 0);
	return f->nparams == 1 && (node->sig & SIG_HANDLE_PARAM) && refill && !strstr(f->return_type, "char") &&
	       !partner_copies(model, n) && g->nparams == 2 &&
	       f->param_types && f->param_types[0] && strcmp(f->param_types[0], g->param_types[0]) == 0 &&
	       g->param_types[1] && strcmp(f->return_type, g->param_types[1]) == 0;
}

/* Is n, of a name pair whose give half is r, the face of a pool of its own over another
 * file's allocator, r giving the object back to that pool (partner_pool_face:
 * `memb_alloc(&bufmem)` and `memb_free(&bufmem, b)`)? */
static int partner_pool_pair(const struct model *model, uint32_t n, uint32_t r)
{
	const struct model_node *node = &model->nodes[n];
	return partner_release(model, &model->nodes[r]) >= 1 && !partner_builds(model, node->func) &&
	       partner_pool_face(model, n, r);
}

/* Is one of the releases rels[0..nrels) of n's file its partner (the theory above)? The
 * release found, or -1. */
static int64_t partner_found(const struct model *model, uint32_t n, const uint32_t *rels, uint32_t nrels)
{
	const struct model_node *node = &model->nodes[n];
	for (uint32_t k = 0; k < nrels; k++) {
		uint32_t r = rels[k];
		const struct model_node *rel = &model->nodes[r];
		int get, takes;
		if (r == n)
			continue;
		takes = partner_takes_result(model, node, rel);
		/* no name pair: the object it returns goes back into the state they share, and
		 * it takes nothing (a lookup takes a key, an operation an object) */
		if (takes && node->func->nparams <= 0 && partner_shares_state(node, rel) && partner_release(model, rel) == 2)
			return r;
		/* ... or it takes parameters (where, for whom, how) but says it allocates, and
		 * the object comes out of that state (itself or through its static helpers),
		 * not from another file's allocator (a constructor fills what one gives it): a
		 * page off the free lists */
		if (takes && partner_release(model, rel) == 2 && partner_own_object(model, n) && partner_reaches_state_of(model, n, r))
			return r;
		/* ... or it is a layer over another file's allocator of the same handle: it
		 * returns that allocator's handle unchanged and the release gives it back there
		 * (`vm_page_alloc` over vm_phys_alloc_pages, vm_page_free_toq over
		 * vm_phys_free_pages) */
		if (takes && partner_release(model, rel) == 2 && partner_passes_through(model, n, r, 1))
			return r;
		/* ... or, for a size, it returns an object that the release takes back, both
		 * working one variable of their file (the cache the heads come from, a count):
		 * `alloc_skb(size, gfp)` and kfree_skbmem on skbuff_head_cache */
		if (takes && partner_release(model, rel) == 2 && node->func->returns_pointer && partner_sized(model, node->func) &&
		    partner_shares_state(node, rel) && !partner_builds(model, node->func))
			return r;
		if (!partner_name_pair(model, node->name, rel->name, &get))
			continue;
		/* a take of raw memory off a pool its give half puts it back on (page_get/page_put),
		 * or the face of a pool of its own over another file's allocator (partner_pool_pair) */
		if (partner_raw_pool(model, n, rel) || partner_pool_pair(model, n, r))
			return r;
		/* a get over a release no verb names (`pool_cache_put_paddr`) hands out what an
		 * allocator below gave: `getbytes(m, n)`/`putbytes(m, a, n)` walk a message; a
		 * get whose halves go through one lower allocator's two halves hands out what it
		 * gave (`swp_pager_getswapspace(npages)` over blist_alloc, its free over
		 * blist_free: swap blocks, no reference) */
		/* a get of an object is a reference, a packet or a lookup, unless it returns what
		 * an allocator of another file gave and its put gives it back to that allocator
		 * (`m_get` over the mbuf zone, `m_free` giving it back), or it hands out an object
		 * of its file's state that a free (not a put: a reference dropped) takes back,
		 * reaching an allocator to refill that state (`get_pv_entry` off the pv chunks'
		 * bitmaps, a new chunk page from vm_page_alloc; `free_pv_entry`) */
		if ((get || partner_counted(model, n, r)) && takes && !partner_builds(model, node->func) &&
		    partner_passes_through(model, n, r, 0))
			return r;
		/* ... or it gives an allocator of another file the size its caller asked for
		 * and returns that block as its object (a header with the bytes behind it),
		 * which the release, taking it back, gives back there: a layer over that
		 * allocator, whatever type it returns (`usb_alloc_xfer_request(bufsize)` over
		 * memget, usb_free_xfer_request over memfree) */
		if (takes && partner_release(model, rel) == 2 && !partner_builds(model, node->func) &&
		    partner_passes_through(model, n, r, 2))
			return r;
		if (get && partner_release(model, rel) == 2 && strstr(rel->name, "free") && !partner_builds(model, node->func) &&
		    partner_shares_state(node, rel) &&
		    (takes || partner_hands_to(model, node, rel)) && model_partner_reaches_alloc(model, n))
			return r;
		if (get && (!partner_get_hands_out(node) || partner_put_displaces(rel) ||
		            (partner_release(model, rel) == 1 && !model_partner_reaches_alloc(model, n))) &&
		    !partner_backend_pair(model, n, r))
			continue;
		/* the state they reach through one lookup, handing out what the release takes
		 * back (an object, or a number after the same parameters) and getting no memory
		 * from an allocator (a constructor does) */
		if ((takes || partner_takes_number(node->func, rel->func)) && !(node->sig & SIG_CALLS_ALLOC) &&
		    partner_common_lookup(model, n, r))
			return r;
		/* the state they share, or reach through one handle: taking only that handle, a
		 * number (`alloc(dev)`; a driver's `alloc_lists(ring)` fills what it is given),
		 * or handing out what the release takes; a backend both use says allocator only
		 * for a number or status handed out for a size (an object malloc'd and freed is
		 * a constructor's) */
		if ((partner_shares_state(node, rel) && !partner_builds(model, node->func)) || partner_backend_pair(model, n, r))
			return r;
		/* kept: the object it keeps in its file's state (a free list, a cache) and the release
		 * takes back (`newpage`/`putpage`, `allocb(size)`/`freeb` on dblk caches; an object
		 * got from an allocator and filled in for no size is a constructor's: `tty_alloc`),
		 * or what it writes through an out-parameter and the release takes by value */
		if (!partner_builds(model, node->func) &&
		    ((takes && (node->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA)) &&
		      (!(node->sig & SIG_CALLS_ALLOC) || partner_sized(model, node->func) || !partner_allocs_elsewhere(model, n))) ||
		     (partner_sized(model, node->func) && partner_out_param(model, node->func, rel->func))))
			return r;
		if (partner_map_pointer(model, node->func, rel->func) && partner_sized(model, node->func))
			return r;
		/* entry: a status for one unit of a namespace behind the handle both take
		 * first, every handle it writes out taken back by the release, the namespace's
		 * table backed by an allocator it reaches (a port name and entry off the space's
		 * free list, the table grown by kalloc; a device's queue reaches none) */
		if (!get && !node->func->returns_pointer && partner_shares_handle(model, node, rel) &&
		    partner_outs_taken(model, node->func, rel->func, 0) && model_partner_reaches_alloc(model, n))
			return r;
		/* ... or a number of that namespace written out and taken back by value, the
		 * state behind the handle worked by the two halves of one pair of its file,
		 * one half each (a cluster's bit set in the mount's in-use map by
		 * `usemap_alloc(pmp, cn)`, cleared by `usemap_free(pmp, cn)`) */
		if (!get && !node->func->returns_pointer && partner_shares_handle(model, node, rel) &&
		    partner_outs_taken(model, node->func, rel->func, 1) && partner_helper_halves(model, n, r))
			return r;
		/* list: for a size it fills a list that the release takes back as its one
		 * parameter, both halves working one state (its static helpers for it): a list
		 * of pages off the free lists (a driver's chain freed with its softc is not) */
		if (!get && partner_release(model, rel) == 2 && rel->func->nparams == 1 && partner_sized(model, node->func) &&
		    partner_shares_list(model, node->func, rel->func) && partner_reaches_state_of(model, n, r))
			return r;
		if (partner_shares_handle(model, node, rel) &&
		    ((node->func->nparams == 1 && !strchr(node->func->param_types[0], '*')) ||
		     (((node->sig & SIG_RET_MEM) || partner_sized(model, node->func)) &&
		      (partner_hands_to(model, node, rel) || partner_same_params(node->func, rel->func)))))
			return r;
	}
	return -1;
}

static int partner_has_word(const char *t, const char *w, size_t n);

/* Does node n, taking a handle and then a size (nothing else), return the value of a call
 * given both, as they are: memory for the size out of the handle's heap, which n grows
 * from a backend it calls (`rtems_heap_extend_via_sbrk(heap, alloc_size)`: sbrk, the new
 * area added to the heap, then `_Protected_heap_Allocate(heap, alloc_size)` returned)? */
static int partner_grows_then_allocates(const struct model *model, const struct model_node *node)
{
	const struct dig_func *f = node->func;
	const char *h, *z;
	if (f->nparams != 2 || !f->param_types || !f->param_names || !(node->sig & SIG_HANDLE_PARAM) ||
	    !model_handle_type(model, f->param_types[0]) || !(h = f->param_names[0]) || !*h || !(z = f->param_names[1]) ||
	    !*z || !f->param_types[1] || strchr(f->param_types[1], '*') ||
	    !(model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, z) ||
	      model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, f->param_types[1])))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *dc = model_call_fact(model, mc);
		if (mc->caller == (int32_t)(node - model->nodes) && (dc->flow & DIG_FLOW_RETURN) &&
		    !(dc->flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)) && dc->args &&
		    partner_has_word(dc->args, h, strlen(h)) && partner_has_word(dc->args, z, strlen(z)))
			return 1;
	}
	return 0;
}

/* Does n return memory it hands out without a partner: a bump allocator over a backend
 * (memory for its one parameter, a size, from a backend it calls directly; an int is an
 * address in old code: `getblk(size)` over sbrk), or a status with the memory in a `void **`
 * parameter it got from another allocator? */
static int partner_unpaired(const struct model *model, const struct model_node *node)
{
	const struct dig_func *f = node->func;
	unsigned s = node->sig;
	int mem = (s & SIG_RET_MEM) || (!f->returns_pointer && f->return_type && strcmp(f->return_type, "int") == 0);
	if (mem && f->nparams == 1 && (s & SIG_SIZE_PARAM) && (s & SIG_CALLS_BACKEND))
		return 1;
	if ((s & SIG_RET_MEM) && (s & SIG_CALLS_BACKEND) && partner_grows_then_allocates(model, node))
		return 1;
	if ((s & SIG_NAME_ALLOC) && (s & SIG_RET_INT) && partner_sized(model, f) && (s & SIG_CALLS_ALLOC))
		for (int i = 0; i < f->nparams && f->param_types; i++)
			if (f->param_types[i] && strcmp(f->param_types[i], "void **") == 0)
				return 1;
	/* a counter bumped by the size: units (an integer) for its one parameter, a size,
	 * from a variable of its own file it writes and returns through a variable, calling
	 * no allocator or backend (a boot DMA area handed out by offset, no free) */
	if ((s & SIG_NAME_ALLOC) && (s & SIG_RET_INT) && (s & SIG_OWN_STATE) && f->nparams == 1 &&
	    (s & SIG_SIZE_PARAM) && !(s & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) &&
	    (f->body & (DIG_BODY_WRITES_STATE | DIG_BODY_RET_VAR)) == (DIG_BODY_WRITES_STATE | DIG_BODY_RET_VAR))
		return 1;
	return 0;
}

/* Does r, or a release named function it calls, give memory back to file `xfile`: does it
 * call a release (verb, no lock) defined there? */
static int partner_gives_back_to(const struct model *model, uint32_t r, uint32_t xfile)
{
	for (uint32_t e = model->out_start[r]; e < model->out_start[r + 1]; e++) {
		const struct model_node *y = &model->nodes[model->edges[e].to];
		if (y->func && y->file_index == xfile && (y->sig & SIG_NAME_FREE) && !(y->sig & SIG_LOCKNAME))
			return 1;
	}
	return 0;
}

/* Does word w (n bytes) occur as a whole identifier in text t? */
static int partner_has_word(const char *t, const char *w, size_t n)
{
	for (const char *p = strstr(t, w); p; p = strstr(p + 1, w)) {
		if (!(p > t && model_ident_char(p[-1])) && !model_ident_char(p[n]))
			return 1;
	}
	return 0;
}

/* Does r work on a variable of its file that a uses: both use it (partner_shares_state),
 * or r passes it to a call (`acquire(&ptable.lock)`: a body the scan only lexed has no
 * list of the names it uses, but its calls' arguments are kept)? */
static int partner_works_on_state(const struct model *model, uint32_t a, uint32_t r)
{
	const struct model_node *x = &model->nodes[a], *y = &model->nodes[r];
	if (partner_shares_state(x, y))
		return 1;
	if (!(x->sig & SIG_OWN_STATE))
		return 0;
	for (uint32_t c = model_calls_of_file(model, y->file_index);
	     c < model->ncalls && model->calls[c].file_index == y->file_index; c++) {
		const char *args;
		if (model->calls[c].caller != (int32_t)r || !(args = model_call_fact(model, &model->calls[c])->args))
			continue;
		for (uint32_t i = 0; i < x->func->nglobals_used; i++)
			if (partner_has_word(args, x->func->globals_used[i], strlen(x->func->globals_used[i])) &&
			    partner_file_var(x->file, x->func->globals_used[i]))
				return 1;
	}
	return 0;
}

/* A table slot with backing memory (the theory above): n, of the file whose definitions
 * are [lo, hi), has an allocation verb (so its body was parsed and the flow of its calls is
 * known), returns a pointer to an object, takes nothing, works on its file's state, and
 * calls allocation entry points none of whose values it returns (`p->kstack = kalloc()`
 * backs the slot it hands out; a constructor returns what it got); a function of its file
 * that shares that state gives memory back to the release of the first such allocator's
 * file (`wait` kfree's p->kstack and marks the slot UNUSED). */
static int partner_table_backed(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	uint32_t xfile = UINT32_MAX;
	if (!(node->sig & SIG_NAME_ALLOC) || !f->returns_pointer || (node->sig & SIG_RET_MEM) || f->nparams > 0 ||
	    !(node->sig & SIG_OWN_STATE))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *x;
		if (mc->caller != (int32_t)n || mc->target != MODEL_TARGET_NODE || (uint32_t)mc->node == n)
			continue;
		x = &model->nodes[mc->node];
		if (!x->func || !(x->flags & MODEL_NODE_ALLOC))
			continue;
		if (model_call_fact(model, mc)->flow & DIG_FLOW_RETURN)
			return 0;
		if (xfile == UINT32_MAX)
			xfile = x->file_index;
	}
	if (xfile == UINT32_MAX || xfile == node->file_index)
		return 0;
	for (uint32_t r = lo; r < hi; r++)
		if (r != n && model->nodes[r].func && !(model->nodes[r].flags & MODEL_NODE_TEST) &&
		    partner_gives_back_to(model, r, xfile) && partner_works_on_state(model, n, r))
			return 1;
	return 0;
}

/* Is t memory from below: an allocator (partner_allocator) or a backend? */
static int partner_lower(const struct model_node *t)
{
	return partner_allocator(t) || (t->flags & MODEL_NODE_BACKEND) || ((t->sig & SIG_BACKEND_NAME) && !(t->sig & SIG_LOCKNAME));
}

/* Is t a source of pages: a backend, or an allocator its name calls one of pages
 * (`get_free_page`)? */
static int partner_page_source(const struct model *model, const struct model_node *t)
{
	if (t->sig & SIG_LOCKNAME)
		return 0;
	return (t->flags & MODEL_NODE_BACKEND) || (t->sig & SIG_BACKEND_NAME) ||
	       (partner_allocator(t) && model_vocab_find(model->vocab, VOCAB_ROLE_PAGE, t->name));
}

/* Does n return the value of a call to a lower allocator or backend (one object per
 * call: a constructor's or a layer's, not a pool's)? */
static int partner_returns_lower(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		if (mc->caller == (int32_t)n && mc->target == MODEL_TARGET_NODE && mc->node >= 0 && (uint32_t)mc->node != n &&
		    (model_call_fact(model, mc)->flow & DIG_FLOW_RETURN) && partner_lower(&model->nodes[mc->node]))
			return 1;
	}
	return 0;
}

/* The function that refills variable v for n: a function of its file n calls, using v
 * and calling a source of pages (a page carved into objects); or -1. One that n does
 * itself links the object it got on a list: a driver's attach registering what it
 * malloc'd, no pool; a set-up that mallocs the tables of a listener is none either. */
static int64_t partner_refiller(const struct model *model, uint32_t n, const char *v)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		uint32_t h = model->edges[e].to;
		const struct model_node *hn = &model->nodes[h];
		if (h == n || !hn->func || hn->file_index != model->nodes[n].file_index || !model_strv_has(hn->func->globals_used, hn->func->nglobals_used, v))
			continue;
		for (uint32_t k = model->out_start[h]; k < model->out_start[h + 1]; k++)
			if (model->edges[k].to != h && partner_page_source(model, &model->nodes[model->edges[k].to]))
				return h;
	}
	return -1;
}

/* A pool of objects refilled from below (the theory above): n takes nothing, returns a
 * handle to an object (no raw memory) that is no lower allocator's value, and uses a
 * variable v of its file that it (or a function of its file it calls) refills by calling a
 * lower allocator or backend, while another function of the file, taking n's return type,
 * works v too (puts an object back): `get_unused_buffer_head` off unused_list, refilled
 * by get_more_buffer_heads from get_free_page, put_unused_buffer_head pushing back. */
static int partner_pool(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	if (f->nparams > 0 || !f->returns_pointer || (node->sig & SIG_RET_MEM) || !(node->sig & SIG_OWN_STATE) ||
	    !f->return_type || !model_handle_type(model, f->return_type) || partner_returns_lower(model, n))
		return 0;
	for (uint32_t i = 0; i < f->nglobals_used; i++) {
		const char *v = f->globals_used[i];
		int64_t h;
		if (!partner_file_var(node->file, v) || (h = partner_refiller(model, n, v)) < 0)
			continue;
		for (uint32_t r = lo; r < hi; r++) {
			const struct dig_func *g = model->nodes[r].func;
			if (r == n || (int64_t)r == h || !g || (model->nodes[r].flags & MODEL_NODE_TEST) || !g->param_types ||
			    !model_strv_has(g->globals_used, g->nglobals_used, v))
				continue;
			for (int k = 0; k < g->nparams; k++)
				if (g->param_types[k] && strcmp(g->param_types[k], f->return_type) == 0)
					return 1;
		}
	}
	return 0;
}

/* At most this many release functions of one file are tried as partners: a file with
 * more is generated code, and each candidate is tested against each release. */
#define PARTNER_MAX_RELEASES 256

/* Add to rels[] the static (inline) releases of the headers file fi includes itself: a
 * static function of a header is part of each includer (`ipc_entry_dealloc` in
 * ipc_space.h gives back what ipc_entry.c's ipc_entry_alloc hands out). */
static uint32_t partner_header_releases(struct model *model, uint32_t fi, uint32_t *rels, uint32_t nrels)
{
	const struct dig_file *f = &model->tree->files[fi];
	uint32_t tied[MODEL_INC_MAX_TIED];
	char buf[256];
	for (uint32_t e = 0; e < f->nevidence && nrels < PARTNER_MAX_RELEASES; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *target;
		uint32_t nt;
		if (ev->kind != DIG_EV_INCLUDE || ev->dead || !ev->token ||
		    !(target = dig_inc_target(ev->token, buf, sizeof buf)) ||
		    (nt = model_include_resolve(model, f->path, target, tied)) != 1 || tied[0] == fi)
			continue;
		for (uint32_t h = model_defs_of_file(model, tied[0]);
		     h < model->ndefs && model->nodes[h].file_index == tied[0] && nrels < PARTNER_MAX_RELEASES; h++)
			if (model->nodes[h].func->is_static && partner_release(model, &model->nodes[h]))
				rels[nrels++] = h;
	}
	return nrels;
}

/* The releases a definition of file fi (definitions [lo, hi)) may pair with: the file's
 * own, then (a source file) the static ones of the headers it includes. Their count. */
static uint32_t partner_file_releases(struct model *model, uint32_t fi, uint32_t lo, uint32_t hi, uint32_t *rels)
{
	uint32_t nrels = 0;
	for (uint32_t n = lo; n < hi; n++)
		if (partner_release(model, &model->nodes[n]) && nrels < PARTNER_MAX_RELEASES)
			rels[nrels++] = n;
	if (!model_path_is_header(model->tree->files[fi].path))
		nrels = partner_header_releases(model, fi, rels, nrels);
	return nrels;
}

/* The files' releases kept from model_partner_entries' first round for its second (what
 * partner_release says reads no flag the rounds set): at[fi] is the offset in pool of
 * the count and the releases, or UINT32_MAX while not gathered. Out of memory, they are
 * gathered again. */
struct partner_memo {
	uint32_t *at;
	uint32_t *pool, npool, cap;
};

/* File fi's releases into rels (partner_file_releases), from the memo when kept there. */
static uint32_t partner_memo_releases(struct model *model, struct partner_memo *memo, uint32_t fi, uint32_t lo,
                                      uint32_t hi, uint32_t *rels)
{
	uint32_t nrels;
	if (memo->at && memo->at[fi] != UINT32_MAX) {
		nrels = memo->pool[memo->at[fi]];
		memcpy(rels, memo->pool + memo->at[fi] + 1, nrels * sizeof *rels);
		return nrels;
	}
	nrels = partner_file_releases(model, fi, lo, hi, rels);
	while (memo->at && memo->npool + 1 + nrels > memo->cap)
		if (model_grow((void **)&memo->pool, memo->npool + 1 + nrels, &memo->cap, sizeof *memo->pool))
			return nrels;
	if (memo->at) {
		memo->at[fi] = memo->npool;
		memo->pool[memo->npool++] = nrels;
		memcpy(memo->pool + memo->npool, rels, nrels * sizeof *rels);
		memo->npool += nrels;
	}
	return nrels;
}

/* Mark the allocation entry points found by a release partner or by an unpaired hand-out
 * (the theory above); file_has_alloc (may be NULL) gets their files. Definitions come file
 * by file: each file's releases are gathered once, with the static releases of the headers
 * it includes, and only when a candidate of the file is looked up among them. */
void model_partner_entries(struct model *model, unsigned char *file_has_alloc)
{
	uint32_t rels[PARTNER_MAX_RELEASES];
	struct partner_memo memo = { malloc(((size_t)model->tree->nfiles + 1) * sizeof *memo.at), NULL, 0, 0 };
	if (memo.at)
		memset(memo.at, 0xff, ((size_t)model->tree->nfiles + 1) * sizeof *memo.at);
	/* two rounds: an allocator found in the first is a backend of the second's */
	for (int round = 0; round < 2; round++)
		for (uint32_t lo = 0, hi; lo < model->ndefs; lo = hi) {
			uint32_t nrels = 0, fi = model->nodes[lo].file_index;
			int gathered = 0;
			for (hi = lo; hi < model->ndefs && model->nodes[hi].file_index == fi; hi++)
				;
			for (uint32_t n = lo; n < hi; n++) {
				struct model_node *node = &model->nodes[n];
				int64_t r = -1;
				if (!model_partner_candidate(model, node, 1))
					continue;
				if (!partner_unpaired(model, node)) {
					/* the file's releases, gathered at its first candidate that needs
					 * them (no flag this loop sets changes what partner_release says) */
					if (!gathered++)
						nrels = partner_memo_releases(model, &memo, fi, lo, hi, rels);
					if ((r = partner_found(model, n, rels, nrels)) < 0 && !partner_table_backed(model, n, lo, hi) &&
					    !partner_pool(model, n, lo, hi))
						continue;
				}
				node->flags |= MODEL_NODE_ALLOC;
				node->sig |= SIG_PARTNER;
				/* a release half no release verb names (`freeb`) is the release entry */
				if (r >= 0 && !(model->nodes[r].sig & SIG_NAME_FREE)) {
					model->nodes[r].flags |= MODEL_NODE_FREE;
					model->nodes[r].sig |= SIG_PARTNER;
				}
				if (file_has_alloc)
					file_has_alloc[fi] = 1;
			}
		}
	free(memo.at);
	free(memo.pool);
}

/* Does node n call both halves of a range API: an allocation entry point and a release
 * with the same parameter list (two or more)? */
static int partner_calls_both_halves(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const struct model_node *a = &model->nodes[model->edges[e].to];
		if (model->edges[e].to == n || !a->func || !(a->flags & MODEL_NODE_ALLOC) || a->func->nparams < 2)
			continue;
		for (uint32_t k = model->out_start[n]; k < model->out_start[n + 1]; k++) {
			const struct model_node *r = &model->nodes[model->edges[k].to];
			if (k != e && r->func && (r->flags & MODEL_NODE_FREE) && partner_same_params(a->func, r->func))
				return 1;
		}
	}
	return 0;
}

/* At most this many code lines in a resizer's body. */
#define PARTNER_RESIZE_LOC 20

/* A resizer is a wrapper whatever its name: a short definition with no verb, no state of
 * its own file and a size parameter that calls both halves of a range API, an allocation
 * entry point and a release with the same parameter list (`growproc(n)`: allocuvm(pgdir,
 * sz, sz + n) to grow, deallocuvm(pgdir, sz, sz + n) to shrink). Runs after the release
 * entry points are known; classify.c then makes it a wrapper. */
void model_partner_resizers(struct model *model)
{
	const unsigned named = SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME | SIG_LOCKNAME;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		if (!node->func || (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_TEST)) ||
		    (node->sig & named) || !(node->sig & SIG_SIZE_PARAM) || (node->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA)) ||
		    node->func->loc > PARTNER_RESIZE_LOC)
			continue;
		if (partner_calls_both_halves(model, n)) {
			node->flags |= MODEL_NODE_ALLOC;
			node->sig |= SIG_FOUND_WRAPPER;
		}
	}
}

/* A release half in another file: the folder's path (its length), and the node. */
struct partner_dirrel {
	const char *path;
	uint32_t dirlen, node;
};

/* Order releases by folder (bytes, then length). */
static int partner_dirrel_cmp(const void *a, const void *b)
{
	const struct partner_dirrel *x = a, *y = b;
	int c = memcmp(x->path, y->path, x->dirlen < y->dirlen ? x->dirlen : y->dirlen);
	if (c)
		return c;
	return (x->dirlen > y->dirlen) - (x->dirlen < y->dirlen);
}

/* Can r be a release half of a sibling pair: partner_release, or a give word starting a
 * word of a mixed-case name (`netFreebuf`, `mailboxFree`)? */
static int partner_sibling_release(const struct model *model, const struct model_node *r)
{
	if (partner_release(model, r))
		return 1;
	if (!r->func || (r->flags & MODEL_NODE_TEST) || (r->sig & SIG_LOCKNAME) || r->func->nparams < 1)
		return 0;
	for (const char *p = r->name + 1; *p; p++)
		if (p[-1] >= 'a' && p[-1] <= 'z' && *p >= 'A' && *p <= 'Z' &&
		    model_vocab_prefix_at(model->vocab, VOCAB_PAIR_GIVE, p, 1))
			return 1;
	return 0;
}

/* Is r, a release of another file of n's folder whose name pairs with n's, its partner:
 * n hands out raw memory (a get of a string is a lookup's), or a number, or an object of
 * a state variable both use (an object reaching no allocator), building nothing from
 * inputs, or (returning a pointer, writing no shared state: a layer) what an allocator
 * of another file gave while r gives it back there (then a give word in r's name is
 * enough: `netGetbuf` over bufget, `netFreebuf` over buffree)? */
static int partner_sibling_pair(const struct model *model, uint32_t n, uint32_t r)
{
	const struct model_node *node = &model->nodes[n], *rel = &model->nodes[r];
	int get, layer;
	if (!partner_name_pair_in(model, node->name, rel->name, &get, 1))
		return 0;
	/* a layer writes no shared state (a constructor registers what it built) */
	layer = node->func->returns_pointer && !(node->func->body & DIG_BODY_WRITES_STATE);
	if (!(rel->sig & SIG_NAME_FREE))    /* a give word only (`netFreebuf`): a layer's */
		return layer && partner_passes_through(model, n, r, 0);
	if ((node->sig & SIG_RET_MEM) && node->func->returns_pointer &&
	    !(get && node->func->return_type && strstr(node->func->return_type, "char *")))
		return 1;
	/* an object of the state, not one an allocator gave and the state registers
	 * (`hashalloc` linking a new table on the list hashfree unlinks it from) */
	if (partner_common_var(model, node, rel) && !partner_builds(model, node->func) &&
	    (!node->func->returns_pointer || !model_partner_reaches_alloc(model, n)))
		return 1;
	/* the same, through the functions of its file whose value it returns */
	if (!partner_builds(model, node->func) && partner_return_chain(model, n, r, PARTNER_RETURN_DEPTH) == 1)
		return 2;
	/* a status is no object handed on (`mach_port_allocate` over its trap) */
	return layer && partner_passes_through(model, n, r, 0);
}

/* An API written one function a file (`memget.c` and `memfree.c`, the state defined in a
 * third file of the folder): a definition whose file holds no release is an allocation
 * entry point when a release of another file of its folder is its name pair's other half
 * and partner_sibling_pair holds. Runs before classify.c's entry rules (a wrapper over it
 * is then found by them) and again after partner.c's (a layer over an allocator found
 * there). */
void model_partner_siblings(struct model *model, unsigned char *file_has_alloc)
{
	struct partner_dirrel *rels = NULL;
	uint32_t nrels = 0, cap = 0;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		if (!partner_sibling_release(model, &model->nodes[n]))
			continue;
		if (model_grow((void **)&rels, nrels, &cap, sizeof *rels)) {
			free(rels);
			return;         /* out of memory: the rule is off */
		}
		rels[nrels].path = model->nodes[n].file->path;
		rels[nrels].dirlen = (uint32_t)model_dir_len(rels[nrels].path);
		rels[nrels++].node = n;
	}
	if (nrels)
		qsort(rels, nrels, sizeof *rels, partner_dirrel_cmp);
	for (uint32_t n = 0; n < model->ndefs && nrels; n++) {
		struct model_node *node = &model->nodes[n];
		struct partner_dirrel key;
		uint32_t lo = 0, hi = nrels, end;
		int own = 0, pair;
		if (!model_partner_candidate(model, node, 1))
			continue;
		key.path = node->file->path;
		key.dirlen = (uint32_t)model_dir_len(key.path);
		while (lo < hi) {                      /* the folder's first release */
			uint32_t mid = lo + (hi - lo) / 2;
			if (partner_dirrel_cmp(&rels[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (end = nrels; hi < end;) {         /* and the first after its folder's */
			uint32_t mid = hi + (end - hi) / 2;
			if (partner_dirrel_cmp(&rels[mid], &key) <= 0)
				hi = mid + 1;
			else
				end = mid;
		}
		/* its file holds a release: partner.c's rules decide (own 1), unless that
		 * release is no half of its name's pair and it hands out the state its sibling
		 * release works through the functions of its file whose value it returns
		 * (`iob_free_dynamic` beside `iob_alloc`, which pairs with iob_free) */
		for (uint32_t k = lo; k < end; k++)
			if (model->nodes[rels[k].node].file_index == node->file_index && own != 1)
				own = partner_name_pair_in(model, node->name, model->nodes[rels[k].node].name, &pair, 1) ? 1 : 2;
		for (uint32_t k = lo; k < end && own != 1; k++)
			if ((pair = partner_sibling_pair(model, n, rels[k].node)) != 0 && (own == 0 || pair == 2)) {
				struct model_cls *cls = model->cls;
				if (model_grow((void **)&cls->pair_files, cls->npairs, &cls->pairs_cap, 2 * sizeof *cls->pair_files) == 0) {
					cls->pair_files[2 * cls->npairs] = node->file_index;
					cls->pair_files[2 * cls->npairs++ + 1] = model->nodes[rels[k].node].file_index;
				}
				node->flags |= MODEL_NODE_ALLOC;
				node->sig |= SIG_PARTNER | (pair == 2 ? SIG_CHAIN_STATE : 0);
				/* the release half is the release entry (its file may share no state
				 * the parser saw with this one) */
				model->nodes[rels[k].node].flags |= MODEL_NODE_FREE;
				if (!(model->nodes[rels[k].node].sig & SIG_NAME_FREE))
					model->nodes[rels[k].node].sig |= SIG_PARTNER;
				if (file_has_alloc)
					file_has_alloc[node->file_index] = 1;
				break;
			}
	}
	free(rels);
}
