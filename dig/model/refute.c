/*
 * dig/model/refute.c: entry points whose behaviour shows they are no allocator (issue 11,
 * item 1: precision).
 *
 * The entry rules of classify.c and partner.c read a definition's own name, shape and
 * state; some definitions pass them and still hand nothing out. Fifteen behaviours undo an
 * allocation entry point they found (before the release rules, which then no longer see
 * it beside its release):
 *   nothing handed out  every live call of it is a statement of its own (its value
 *       unused) and passes no address (`&x`), no call of its body sends memory out
 *       through a parameter (dig_call.flow OUT) and it takes no `T **`: its callers get
 *       nothing from it (a call through a macro, `MALLOC(p, ...);`, may assign the value
 *       and counts as a use). Only where the tree shows all its callers: a static function, or
 *       one of a separately linked program or of the kernel (a library's `sbrk`, called
 *       once in the tree as `sbrk(0);`, has its users outside), and not a function-like
 *       macro's body read as a definition (it assigns to its arguments by name). A
 *       routine that fills a global table (`talloc() { for (...) tmp[i] = malloc(SL); }`,
 *       called `talloc();`), preallocates a segment for a bump pointer others use, or
 *       claims one flag and sleeps until it is free (a lock) is a set-up, not an
 *       allocator. An allocator whose value one caller discards keeps it while another
 *       uses it; one never called is not judged.
 *   drained  every live call of it is in a while condition (`while (alloc()) i++`, `while
 *       (n = alloc()) check(n)`), where the tree shows all its callers: its callers take
 *       unit after unit until none is left, to count or check them (a file system's free
 *       list walked by df or icheck); no allocation takes everything there is. (An
 *       allocator whose only callers retry it, `while ((p = get()) == NULL) wait();`,
 *       looks the same; a condition that tests for failure, `== NULL`, `== 0`, a `!`,
 *       marks no drain: scan_loop_retries.)
 *   constructor that registers  it returns an object (a pointer, or a pointer's typedef)
 *       that a lower allocator gives it for one fixed size (the call's arguments hold
 *       `sizeof`, its value is what the function returns), takes no size, and nothing
 *       takes the object back: no release of its own file, and none in the tree whose
 *       first parameter is its return type. It mallocs, fills in and links the object on
 *       a list (`cproc_alloc`, a parser's `stAlloc`): an object constructor over the lower
 *       allocator. A wrapper that passes its caller's size on (`xmalloc(n)`) takes a size;
 *       an object cache has its release; a node allocator whose nodes another file frees
 *       has that release.
 *   memory laid out  it returns memory, takes untyped memory (`void *ptr`; a `char *` is
 *       as often a name, `strcpmalloc(char *str)` a dup) and no size, and
 *       calls no allocator or backend: what it returns is a place in the memory its
 *       caller gave it (a driver's `alloc_rfa(dev, ptr)` lays a descriptor ring out in the
 *       card's shared memory and returns where the ring ends). A bump allocator over a
 *       caller's region takes the size it carves; a cache's get that reaches an allocator
 *       through a function of its own file (its slow path) hands out that allocator's
 *       memory, whatever it takes (`pool_cache_get_paddr(pc, flags, paddr_t *pap)`).
 *   stub  every `return` of its parsed body returns a null constant (`NULL`, `0`, through
 *       casts; dig_func.body), it returns a pointer, calls no allocator or backend and
 *       sends nothing out through a parameter: a library's `memalign` that sets EINVAL and
 *       returns NULL hands out nothing, whatever state (errno) it touches. An allocator
 *       that fails on some path returns something else on another.
 *   nothing to take back  it keeps no state (no file-scope or shared variable, no static
 *       of its own, none through a static helper), takes no handle (a first parameter read
 *       as one, or a struct or union pointer anywhere), calls no allocator or backend and
 *       no call's value reaches what it hands out; and its file has releases, every one of
 *       them empty (no statement line, no call, no variable): what it gives is arithmetic
 *       on its arguments (a bus space that rounds the start it is given to a page and
 *       whose free is a no-op), with nothing to give out twice or take back. A bump
 *       allocator with an empty free keeps its place in state or in a handle.
 *   composite constructor  it returns a fixed-size object a lower allocator gives
 *       (as above), keeps no static arena or static of its own, and keeps what another
 *       allocator call gives it without handing that out (the value is used and reaches
 *       neither its return nor a parameter: it goes into the object): an object made of
 *       parts (a thread's emulation record holding a pid record and a pid), whose
 *       callers get an object and whose release takes the parts apart. The line: one
 *       allocation that the entry fills in, initialises through other subsystems or
 *       counts (a credential from its pool cache, refcount set, hooks run) is an object
 *       allocator; parts from further allocations make a constructor. A size it takes
 *       may only describe the object (a pager's mapping extent, from which it computes
 *       its page array): when an allocator call names a parameter, a header with data
 *       of the caller's size (an rpc header off a free list, its buffer mallocz(msize)),
 *       it hands out memory of that size: an allocator; so does one returning a field
 *       of the object (a DMA buffer whose list record it mallocs, `return p->addr`), or,
 *       taking a size, one whose allocator call fills memory into the object through
 *       an address (`drm_pci_alloc`: a handle with DMA memory of the caller's size). A
 *       variable of its file that it only reads or enters the object on through a call
 *       (a pager list a lookup searches first, `queue_enter(&list, pager)`) is a
 *       registry; one it writes by hand (`freelist = rp->next`, a pop) is a table it
 *       hands out from: an allocator (a receive-buffer pool refilled with DMA buffers).
 *   formatter  it returns memory (a pointer) an allocator gives it for no size its
 *       caller asks (no size parameter, no static buffer), and the format, append and
 *       copy calls that write into a buffer of its own (their first argument names no
 *       parameter; the vocabulary's `format` words, snprintf, strcat ..., and its `copy`
 *       words) compose two pieces or more: a format's conversions (`"%s.%s"` two), an
 *       append's or a copy's source that is a variable (`strcpy(t, wikidir); strcat(t,
 *       "/"); strcat(t, s)` two). A formatter or a concat of its inputs returning its
 *       output is a constructor, whatever its name (`from_freebsd_extattr`, a `wname`
 *       that joins a folder and a name); a parsed body must show the allocation
 *       returned. A dup composes one piece (malloc and a copy of its input), and so does
 *       a dup with a constant suffix (`strcat(t, ".x")`, `strcat(t, AU_SUFFIX)`): a
 *       wrapper that stays.
 *   claims for itself  it returns a status (no pointer or object), takes no size, keeps
 *       no state, sends nothing out through a parameter (no OUT flow, no `T **`), and
 *       calls a lower allocator or backend whose value reaches neither its return nor a
 *       parameter (a helper's status may): a driver's attach step that claims its own
 *       I/O port and interrupt with bus_alloc_resource into the softc it fetched
 *       (`sc = device_get_softc(dev); sc->port = bus_alloc_resource(...)`) and returns
 *       0 or ENOMEM. What it gets stays with the caller's own object; nothing is handed
 *       out. An allocator returning through `*out` sends out, and so does one that
 *       takes a pointer it fills by hand (`u_long *retcluster`, set to the cluster
 *       number it marked in the handle's map: a status return, the unit through the
 *       pointer); an sbrk-like grow of the caller's process takes the size it grows by.
 *   sets up its own  it returns a status (no pointer or object) and every `return` of its
 *       parsed body is a constant (DIG_BODY_RET_VAR: none reads a variable), takes no
 *       size, sends nothing out through a parameter (no OUT flow, no `T **`, no pointer it
 *       may fill by hand), and calls a lower allocator or backend: what it gets goes into
 *       variables of its file or the record it is given, never to its caller (a driver's
 *       `alloc_bufs(void)` filling its packet and header areas, a module growing its own
 *       table, `return ENOMEM` or `return OK`). Unless an allocation entry point calls it:
 *       a chunk refill that the pool's own get calls when its free list is empty feeds
 *       that allocator and stays with it. A grow of the caller's process takes the size it
 *       grows by; a unit allocator returns the unit or fills `*idp`.
 *   status only  it returns a status (no pointer or object) and every `return` of its
 *       parsed body is a constant (none reads a local, a parameter or a variable of the
 *       file: DIG_BODY_RET_VAR), it writes no shared state (no assignment to a variable
 *       that is no local or parameter, DIG_BODY_WRITES_STATE: it claims nothing from a
 *       table), calls no allocator or backend (itself or through a
 *       function of its file), no call of a function the tree defines gives its return
 *       or a parameter a value (a macro's may: `config = TO_EVENTMASK(code)`), and it
 *       takes no pointer it could fill by hand (a pointer to anything but a struct
 *       or union: `int *idp`): a performance-counter driver's allocate hook that checks
 *       the counter can count the event and stores its selector in the counter's
 *       record, returning 0 or EINVAL. A unit allocator returns the unit it takes
 *       (`return u`) or fills `*idp`; a map-register allocator that marks its entries
 *       taken (`maptbl[i + j] = 1`) and puts the first in the DMA map it is given
 *       (`map->tbl = i`) writes a table.
 *   arithmetic  its parsed body computes only (model.c, model_computes_only: one
 *       statement that keeps no state, no variable of its file or of the tree, no static,
 *       writes none, and calls nothing but functions that compute only themselves, an
 *       alignment's rounding), and it takes no size: what it returns is computed from its
 *       arguments (`return (uintptr_t) block +
 *       HEADER_SIZE`, a heap block's user area), the same answer for the same
 *       arguments, nothing taken. A bump allocator over a handle takes the size it carves
 *       (`return (h->top += n) - n`); a pop off a handle's list (`p = h->free; h->free =
 *       p->next; return p`) is more than one statement or calls the list's helpers.
 *   predicate  it returns a truth value (`bool`, `_Bool`, `boolean_t`), takes no pointer
 *       it could fill by hand (no `T **`, no `int *`) and no call of its body sends a value
 *       out through a parameter: a yes or a no hands out nothing, whatever its name says
 *       (`allocator_is_owner()`, asking whether the thread holds the allocators' lock). A
 *       bool allocator passes what it hands out through a pointer (`bool
 *       workspace_allocate(size_t n, void **p)`).
 *   reads only  its parsed body writes nothing (no variable of the file or the tree, no
 *       static, nothing through a local or a parameter: no DIG_BODY_WRITES_STATE or
 *       DIG_BODY_WRITES_THROUGH) and holds no inline assembly (DIG_BODY_ASM: Linux 0.11's
 *       get_free_page claims a page of mem_map in `std; repne; scasb`), calls nothing (no function, no macro), takes no `T **`
 *       and is no function-like macro's body: every call gives the same answer for the
 *       same state, nothing is taken from anywhere, so nothing is handed out (the name of
 *       a memory type picked from a static table, `memtype_alloc_str(type)`). A pop
 *       writes the list head, a bump its top, a bitmap its bit, and a getter over a
 *       lower allocator calls it.
 *   lock object  it returns an object a lower allocator gives it for one fixed size (the
 *       call's arguments hold `sizeof`, its value is what the function returns), takes no
 *       size, and initialises a lock in what it got: a call of the vocabulary's lock
 *       words whose name says init (`mutex_init`, `spin_lock_init`) on a local (`&rc->lock`,
 *       `mp`), no parameter and no variable of the file. What it builds is a live,
 *       synchronised object that callers use in place and whose release tears the lock
 *       down (a readdir cache entry with its lock, condition variable and reference count;
 *       a thread library's mutex hook), not memory handed out: a constructor. A wrapper
 *       that passes its caller's size on takes a size; an object cache's get takes its
 *       objects from a cache (no `sizeof`), their locks made once by the cache's own
 *       constructor; a free list's lock is a variable of the file; and a pool that pops
 *       a free list before it asks the lower allocator (`cthread_alloc`) writes its
 *       file's state in the entry and in a release that pushes the object back, where a
 *       constructor that registers its object on a list (`kphysm_allocate_mem_handle`)
 *       has a release that tears it down. A part set up the same way is as good as a lock
 *       when a release of the file that takes the object (its first parameter of the type
 *       the entry returns) takes that part apart: an `init` call on `&local->part`
 *       (`strbuf_init(&data->buf, 0)`) and, in the release, another call on
 *       `&x->part` (`strbuf_release(&d->buf)`) before the object is freed: a hook's
 *       feed state, built for a callback and torn down by its free hook, not memory
 *       handed out. An object whose release gives it back whole (`free(it)`, a link
 *       set up but never taken apart) stays, and so does a pool that pops a list (its
 *       release takes the object back for the next get: no part taken apart). The
 *       object may come from a statement macro that stores one `sizeof`-sized
 *       allocation into its first argument, a local the entry returns (Git's
 *       `CALLOC_ARRAY(data, 1)`, `(x) = xcalloc((alloc), sizeof(*(x)))`), whose use
 *       the parser sees as a call with no value.
 * After them, round after round: an entry point whose calls reach no allocator and whose
 * returned value comes only from entry points undone here as builders (constructor,
 * composite, formatter, lock object; every candidate) forwards what they give (`bsd_comp_alloc`
 * returning `bsd_alloc(options, len, 0)`, a compressor state's constructor; a read-only
 * pager's alloc over a pager constructor): undone too.
 * Names never decide here: they read calls, flows, types and what bodies return.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* Does a call's argument text pass an address (`&x`, not `&&`)? */
static int refute_passes_address(const char *args)
{
	for (const char *a = args; a && (a = strchr(a, '&')) != NULL; a++)
		if (a[1] != '&' && (a == args || a[-1] != '&'))
			return 1;
	return 0;
}

/* Does a call use the value of what it calls, or pass an address (`&x`) it may get
 * memory back through? A call made through a macro (a statement macro's use `MALLOC(p,
 * ...);` that assigns malloc's value to p, a rename) may use it whatever its statement
 * says. */
static int refute_call_used(const struct model *model, const struct model_call *mc)
{
	const struct dig_call *c = model_call_fact(model, mc);
	return !c->discarded || model_call_via(model, mc) || refute_passes_address(c->args);
}

/* What the live calls of a definition show (refute_uses): */
enum {
	REFUTE_CALLED = 1,       /* some live call reaches it */
	REFUTE_VALUED = 2,       /* some call uses its value (refute_call_used) */
	REFUTE_UNLOOPED = 4,     /* some call is outside a while condition (DIG_FLOW_LOOP) */
	REFUTE_BUILDS = 8,       /* this pass undid it as a constructor, a composite or a
	                            formatter: it builds what it returns (model_refute_entries) */
	REFUTE_ENTRY = 16        /* an allocation entry point when this pass began (the pass
	                            clears MODEL_NODE_ALLOC as it goes: ask this bit instead) */
};

/* Per definition: its REFUTE_* bits (allocation entry points only). NULL when out of
 * memory. */
static unsigned char *refute_uses(const struct model *model)
{
	unsigned char *use = calloc((size_t)model->ndefs + 1, 1);
	if (!use)
		return NULL;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		uint32_t n = mc->target == MODEL_TARGET_NODE ? 1 : mc->ncands;
		const uint32_t *cands = mc->target == MODEL_TARGET_NODE ? NULL : model_call_cands(model, mc);
		if (mc->target == MODEL_TARGET_NONE || (mc->target == MODEL_TARGET_NODE && mc->node < 0))
			continue;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t t = cands ? cands[k] : (uint32_t)mc->node;
			if (t >= model->ndefs || !(model->nodes[t].flags & MODEL_NODE_ALLOC))
				continue;
			use[t] |= REFUTE_CALLED | (refute_call_used(model, mc) ? REFUTE_VALUED : 0) |
			          ((model_call_fact(model, mc)->flow & DIG_FLOW_LOOP) ? 0 : REFUTE_UNLOOPED);
		}
	}
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (model->nodes[n].flags & MODEL_NODE_ALLOC)
			use[n] |= REFUTE_ENTRY;
	return use;
}

/* Does definition n send a call's value out through a parameter, or take a `T **`? */
static int refute_sends_out(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	for (int i = 0; i < f->nparams && f->param_types; i++)
		if (f->param_types[i] && strstr(f->param_types[i], "**"))
			return 1;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++)
		if (model->calls[c].caller == (int32_t)n && (model_call_fact(model, &model->calls[c])->flow & DIG_FLOW_OUT))
			return 1;
	return 0;
}

/* Is definition n a function-like macro's body read as a definition (it assigns to its
 * arguments by name: refute_callers_known)? */
static int refute_macro_body(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_file *file = node->file;
	for (uint32_t j = 0; j < file->nmacros; j++)
		if (file->macros[j].function_like && file->macros[j].line == node->func->line && file->macros[j].name &&
		    strcmp(file->macros[j].name, node->name) == 0)
			return 1;
	return 0;
}

/* May definition n hand out nothing to callers the tree does not show: it is static, or
 * its file is in a separately linked program or in the kernel (a library's function has
 * callers outside the tree: `sbrk` called once as `sbrk(0);` inside it). A definition
 * that is a function-like macro's body (`#define PV_ALLOC(pv_e) { pv_e = ...; }`, read as
 * a definition) assigns to its arguments by name: it hands out through them. */
static int refute_callers_known(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	if (refute_macro_body(model, n))
		return 0;
	return node->func->is_static || (model->unit_len && model->unit_len[node->file_index] > 0) ||
	       node->domain == MODEL_DOMAIN_KERNEL;
}

/* Is node t an allocator seen from a caller: an entry point, a backend, or an allocation
 * name defined nowhere? */
static int refute_is_allocator(const struct model_node *t)
{
	return (t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_BACKEND)) ||
	       (!t->func && (t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME));
}

/* Does call mc of definition n reach a lower allocator (another node, or a candidate)? */
static int refute_call_allocates(const struct model *model, const struct model_call *mc, uint32_t n)
{
	if (mc->target == MODEL_TARGET_NODE)
		return mc->node >= 0 && (uint32_t)mc->node != n && refute_is_allocator(&model->nodes[mc->node]);
	for (uint32_t k = 0; k < mc->ncands; k++)
		if (refute_is_allocator(&model->nodes[model_call_cands(model, mc)[k]]))
			return 1;
	return 0;
}

/* Is the first argument of a call's argument text rooted at a local of f: its first
 * identifier (after `&`, `*`, casts' parentheses) is no parameter of f and no name its body
 * uses that is no local (dig_func.globals_used)? */
static int refute_arg_local(const struct dig_func *f, const char *args)
{
	const char *a = args;
	size_t len = 0;
	while (a && (*a == '&' || *a == '*' || *a == '(' || *a == ' '))
		a++;
	while (a && model_ident_char(a[len]))
		len++;
	if (!len || (*a >= '0' && *a <= '9'))
		return 0;
	for (int i = 0; i < f->nparams && f->param_names; i++)
		if (f->param_names[i] && strlen(f->param_names[i]) == len && strncmp(f->param_names[i], a, len) == 0)
			return 0;
	for (uint32_t g = 0; g < f->nglobals_used; g++)
		if (strlen(f->globals_used[g]) == len && strncmp(f->globals_used[g], a, len) == 0)
			return 0;
	return 1;
}

/* Does a call's argument text name one of f's parameters (as a whole word)? */
static int refute_args_name_param(const struct dig_func *f, const char *args)
{
	for (int i = 0; i < f->nparams && f->param_names; i++) {
		const char *pn = f->param_names[i];
		size_t len = pn ? strlen(pn) : 0;
		if (!len)
			continue;
		for (const char *a = args; (a = strstr(a, pn)) != NULL; a += len)
			if ((a == args || !model_ident_char(a[-1])) && !model_ident_char(a[len]))
				return 1;
	}
	return 0;
}

/* What refute_fixed_object asks besides (its `own` bits): */
enum {
	REFUTE_FIXED_WHOLE = 1,  /* the object itself is returned, not a field of it
	                            (DIG_FLOW_WEAK: a DMA buffer's list record) */
	REFUTE_FIXED_UNSIZED = 2 /* no allocator call of n names one of its parameters in its
	                            arguments or passes an address: the object and its parts
	                            are sized by their types and by what n computes, never by
	                            a size its caller asks for, and no memory is filled into
	                            it (`bus_dmamem_alloc(tag, &dmah->vaddr, ...)` over a tag
	                            made for the caller's size) */
};

/* Does the statement macro `name` store an allocator's value for `sizeof` into its first
 * argument: a live function-like definition whose body starts with that parameter assigned
 * (`(x) = xcalloc((alloc), sizeof(*(x)))`, Git's CALLOC_ARRAY) and holds `sizeof`? Its
 * uses (`CALLOC_ARRAY(data, 1)`) give the variable they name one fixed-size object. */
static int refute_macro_assigns_sized(const struct model *model, const char *name)
{
	for (uint32_t fi = 0; name && fi < model->tree->nfiles; fi++) {
		const struct dig_file *file = &model->tree->files[fi];
		for (uint32_t k = 0; k < file->nmacros; k++) {
			const struct dig_macro *m = &file->macros[k];
			const char *b = m->body;
			if (m->dead || !m->function_like || m->nparams < 1 || !b || strcmp(m->name, name) != 0)
				continue;
			b += *b == '(';
			while (model_ident_char(*b))
				b++;
			b += *b == ')';
			b += *b == ' ';
			return b[0] == '=' && b[1] != '=' && strstr(b, "sizeof") != NULL;
		}
	}
	return 0;
}

/* Does definition n return what a call of a lower allocator for a fixed size gives (the
 * call's value flows to its return, its arguments hold `sizeof`; or a statement macro
 * stores it into a local of n, which returns a variable: refute_macro_assigns_sized),
 * with the REFUTE_FIXED_* bits of own? */
static int refute_fixed_object(const struct model *model, uint32_t n, unsigned own)
{
	const struct model_node *node = &model->nodes[n];
	int fixed = 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller != (int32_t)n || !refute_call_allocates(model, mc, n))
			continue;
		if ((own & REFUTE_FIXED_UNSIZED) && fact->args &&
		    (refute_args_name_param(node->func, fact->args) || refute_passes_address(fact->args)))
			return 0;
		if ((fact->flow & DIG_FLOW_RETURN) && fact->args && strstr(fact->args, "sizeof") &&
		    (!(own & REFUTE_FIXED_WHOLE) || !(fact->flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL))))
			fixed = 1;
		else if (!fact->flow && (node->func->body & DIG_BODY_RET_VAR) && fact->args &&
		         refute_arg_local(node->func, fact->args) && refute_macro_assigns_sized(model, model_call_via(model, mc)))
			fixed = 1;
	}
	return fixed;
}

/* Is definition n a composite constructor: it keeps no static arena of its own and
 * writes no variable of its file by hand (a registry, not a free list), takes no
 * size that an allocator call of it is given (refute_fixed_object's own), returns a
 * fixed-size object a lower allocator gives (refute_fixed_object), and
 * keeps what another allocator call gives it without handing that out (its value is
 * used, and reaches neither the return nor a parameter: it is stored into the object)? */
static int refute_composite(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	unsigned fixed = REFUTE_FIXED_WHOLE | ((node->sig & SIG_SIZE_PARAM) ? REFUTE_FIXED_UNSIZED : 0);
	if ((node->sig & (SIG_STATIC_ARENA | SIG_HELPER_STATE)) || !node->func->body_parsed ||
	    (node->func->body & DIG_BODY_STATIC) ||
	    ((node->sig & SIG_OWN_STATE) && (node->func->body & DIG_BODY_WRITES_STATE)) ||
	    !refute_fixed_object(model, n, fixed))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller == (int32_t)n && !fact->discarded && !model_call_via(model, mc) &&
		    !(fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS | DIG_FLOW_BYVAL | DIG_FLOW_WEAK)) &&
		    refute_call_allocates(model, mc, n))
			return 1;
	}
	return 0;
}

/* Is node r a release function (a release verb, no lock, a parameter)? */
static int refute_release(const struct model_node *r)
{
	return r->func && (r->sig & SIG_NAME_FREE) && !(r->sig & SIG_LOCKNAME) && r->func->nparams >= 1;
}

/* The first parameter types of the tree's release functions, sorted (malloc'd; *n the
 * count), or NULL when out of memory. */
static const char **refute_release_types(const struct model *model, uint32_t *n)
{
	const char **v = malloc(((size_t)model->ndefs + 1) * sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (uint32_t k = 0; k < model->ndefs; k++) {
		const struct model_node *r = &model->nodes[k];
		if (refute_release(r) && r->func->param_types && r->func->param_types[0])
			v[(*n)++] = r->func->param_types[0];
	}
	if (*n)
		qsort(v, *n, sizeof *v, model_str_cmp);
	return v;
}

/* Does f return an object: a pointer, or a typedef name that is no C number, size or raw
 * memory (`cproc_t`, a pointer typedef)? */
static int refute_returns_object(const struct model *model, const struct dig_func *f)
{
	static const char *const scalar[] = { "int", "long", "short", "unsigned", "signed", "char", "void",
	                                      "float", "double", "bool", "_Bool", NULL };
	const char *t = f->return_type;
	if (f->returns_pointer)
		return 1;
	if (!t || !*t || strchr(t, ' ') || model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, t) ||
	    model_vocab_match(model->vocab, VOCAB_MEM_TYPE, t))
		return 0;
	for (int i = 0; scalar[i]; i++)
		if (strcmp(t, scalar[i]) == 0)
			return 0;
	return 1;
}

/* Is definition n a constructor that registers its object (the theory above)? rtypes:
 * refute_release_types. */
static int refute_constructor(const struct model *model, uint32_t n, const char **rtypes, uint32_t nrtypes)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	if (!f->return_type || !refute_returns_object(model, f) || (node->sig & (SIG_RET_MEM | SIG_SIZE_PARAM)))
		return 0;
	if (model_strv_has(rtypes, nrtypes, f->return_type) || !refute_fixed_object(model, n, 0))
		return 0;
	for (uint32_t k = model_defs_of_file(model, node->file_index);
	     k < model->ndefs && model->nodes[k].file_index == node->file_index; k++)
		if (refute_release(&model->nodes[k]))
			return 0;
	return 1;
}

/* Does f take untyped memory (`void *ptr`, `caddr_t`)? A `char *` is as often a string
 * (a name, a message) as a buffer, and a function pointer is none. */
static int refute_takes_memory(const struct model *model, const struct dig_func *f)
{
	char base[128];
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *pt = f->param_types[i];
		size_t n = 0;
		if (!pt || strchr(pt, '(') || strncmp(pt, "const ", 6) == 0)
			continue;
		for (; *pt && n + 1 < sizeof base; pt++)
			if (*pt != '*' && *pt != ' ')
				base[n++] = *pt;
		base[n] = '\0';
		if (strchr(f->param_types[i], '*') && strcmp(base, "char") != 0 &&
		    model_vocab_match(model->vocab, VOCAB_MEM_TYPE, base))
			return 1;
	}
	return 0;
}

/* Does definition n lay out memory its caller gives it: it returns memory, takes raw
 * memory and no size, and calls no allocator or backend, itself or through a function of
 * its own file (the theory above; a cache's get that fills in a `paddr_t *` and reaches
 * pool_get through its slow path hands out memory of its own)? */
static int refute_lays_out(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	return (node->sig & SIG_RET_MEM) && !(node->sig & (SIG_SIZE_PARAM | SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) &&
	       refute_takes_memory(model, node->func) && !model_partner_reaches_alloc(model, n);
}

/* Does definition n keep no state: its parsed body touches no file-scope or shared
 * variable (itself or through a static helper) and declares no static of its own? */
static int refute_stateless(const struct model_node *node)
{
	return node->func->body_parsed && !(node->func->body & DIG_BODY_STATIC) &&
	       !(node->sig & (SIG_STATE | SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_HELPER_STATE));
}

/* Does a call of definition n give it what it hands out (its value reaches n's return or
 * what a parameter points to, or fills them)? */
static int refute_call_hands_out(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++)
		if (model->calls[c].caller == (int32_t)n &&
		    (model_call_fact(model, &model->calls[c])->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS)))
			return 1;
	return 0;
}

/* Is definition n a stub: the pointer it returns is a null constant on every path of its
 * parsed body, it calls no allocator or backend and sends nothing out (the theory
 * above)? */
static int refute_stub(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	return f->body_parsed && f->returns_pointer &&
	       (f->body & (DIG_BODY_RET_NULL | DIG_BODY_RET_OTHER)) == DIG_BODY_RET_NULL &&
	       !(node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) && !refute_sends_out(model, n);
}

/* Does definition n take a handle it may carve from: a first parameter read as one
 * (SIG_HANDLE_PARAM), or a pointer to a struct or union anywhere? */
static int refute_takes_handle(const struct model_node *node)
{
	const struct dig_func *f = node->func;
	if (node->sig & SIG_HANDLE_PARAM)
		return 1;
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *pt = f->param_types[i];
		if (pt && strchr(pt, '*') && (strncmp(pt, "struct ", 7) == 0 || strncmp(pt, "union ", 6) == 0 ||
		                              strncmp(pt, "const struct ", 13) == 0))
			return 1;
	}
	return 0;
}

/* Does release k do nothing: its parsed body is empty (no statement line, no call, no
 * variable of the file or tree, no static)? */
static int refute_release_empty(const struct model *model, uint32_t k)
{
	const struct model_node *r = &model->nodes[k];
	const struct dig_func *f = r->func;
	if (!refute_stateless(r) || f->nglobals_used || f->body || f->loc > 2)
		return 0;
	for (uint32_t c = model_calls_of_file(model, r->file_index);
	     c < model->ncalls && model->calls[c].file_index == r->file_index; c++)
		if (model->calls[c].caller == (int32_t)k)
			return 0;
	return 1;
}

/* Is definition n an entry whose release does nothing: it keeps no state, takes no
 * handle, calls no allocator or backend and no call gives it what it hands out, and its
 * file has releases, all of them empty (the theory above)? */
static int refute_nothing_taken_back(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	int releases = 0;
	if (!refute_stateless(node) || refute_takes_handle(node) || (node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) ||
	    refute_call_hands_out(model, n))
		return 0;
	for (uint32_t k = model_defs_of_file(model, node->file_index);
	     k < model->ndefs && model->nodes[k].file_index == node->file_index; k++) {
		if (!refute_release(&model->nodes[k]))
			continue;
		if (!refute_release_empty(model, k))
			return 0;
		releases++;
	}
	return releases > 0;
}

/* Does f take a pointer it may fill by hand: a pointer parameter to anything but a struct
 * or union, not const and no function pointer (`int *idp`, `vm_offset_t *addrp`,
 * `void **pp`)? */
static int refute_takes_out_pointer(const struct dig_func *f)
{
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *pt = f->param_types[i];
		if (pt && strchr(pt, '*') && !strchr(pt, '(') && strncmp(pt, "struct ", 7) != 0 &&
		    strncmp(pt, "union ", 6) != 0 && strncmp(pt, "const ", 6) != 0)
			return 1;
	}
	return 0;
}

/* Is definition n a set-up step that claims what it gets for its own object: it returns
 * a status (no pointer or object), keeps no state, sends nothing out through a parameter
 * (nor takes a pointer it may fill by hand), calls a lower allocator or backend, and no
 * call's value that reaches its return comes from an allocator (the status of a helper
 * may)? */
static int refute_claims_for_itself(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	if (!node->func->body_parsed || refute_returns_object(model, node->func) || !refute_stateless(node) ||
	    (node->sig & SIG_SIZE_PARAM) || !(node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) ||
	    refute_sends_out(model, n) || refute_takes_out_pointer(node->func))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		if (mc->caller == (int32_t)n && (model_call_fact(model, mc)->flow & (DIG_FLOW_RETURN | DIG_FLOW_FILLS)) &&
		    (refute_call_allocates(model, mc, n) ||
		     (mc->target == MODEL_TARGET_NODE && mc->node >= 0 && (model->nodes[mc->node].sig & SIG_NAME_ALLOC))))
			return 0;
	}
	return 1;
}

/* Does an allocation entry point other than n call n (an edge into n from one)? A grow
 * step an allocator calls to refill its own list feeds that allocator. Entry points are
 * those the pass began with (REFUTE_ENTRY), so the answer does not hang on the order of
 * the definitions. */
static int refute_fed_to_allocator(const struct model *model, const unsigned char *use, uint32_t n)
{
	for (uint32_t k = model->in_start[n]; k < model->in_start[n + 1]; k++) {
		uint32_t from = model->edges[model->in_edges[k]].from;
		if (from != n && from < model->ndefs && (use[from] & REFUTE_ENTRY))
			return 1;
	}
	return 0;
}

/* Is definition n a set-up step that fills buffers of its own (the theory above): it
 * returns a status whose every `return` is a constant, takes no size, sends nothing out
 * through a parameter (nor takes a pointer it may fill by hand), calls a lower allocator
 * or backend, and no allocation entry point calls it? */
static int refute_sets_up(const struct model *model, const unsigned char *use, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	return f->body_parsed && (f->body & (DIG_BODY_RET_NULL | DIG_BODY_RET_OTHER)) && !(f->body & DIG_BODY_RET_VAR) &&
	       !refute_returns_object(model, f) && !(node->sig & SIG_SIZE_PARAM) &&
	       (node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) && !refute_sends_out(model, n) &&
	       !refute_takes_out_pointer(f) && !refute_fed_to_allocator(model, use, n);
}

/* Does a call of definition n to a function the tree defines give it what it hands out
 * (its value reaches n's return or what a parameter points to)? A call of a macro or of
 * an external (`config = TO_EVENTMASK(code)`, stored in the record it is given) computes
 * a value. */
static int refute_defined_call_flows(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		int defined = mc->target == MODEL_TARGET_NODE ? mc->node >= 0 && model->nodes[mc->node].func != NULL
		                                              : mc->target != MODEL_TARGET_NONE;
		if (mc->caller == (int32_t)n && defined &&
		    (model_call_fact(model, mc)->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS)))
			return 1;
	}
	return 0;
}

/* Is definition n a check that hands out nothing: it returns a status (no pointer or
 * object) and every `return` of its body is a constant (none reads a variable), it
 * writes no shared state (no assignment to a variable that is no local or
 * parameter: it claims nothing), it calls no allocator or backend (itself or through a
 * function of its file), no call of a defined function gives its return or a parameter a
 * value, and it takes no pointer it could fill by hand (the theory above)? */
static int refute_status_only(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	return f->body_parsed && (f->body & (DIG_BODY_RET_NULL | DIG_BODY_RET_OTHER)) &&
	       !(f->body & (DIG_BODY_RET_VAR | DIG_BODY_WRITES_STATE)) &&
	       !refute_returns_object(model, f) && !(node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) &&
	       !refute_takes_out_pointer(f) && !refute_defined_call_flows(model, n) && !model_partner_reaches_alloc(model, n);
}

/* Is definition n a predicate: it returns a truth value (`bool`, `_Bool`, `boolean_t`),
 * takes no pointer it could fill by hand and sends nothing out through a parameter (the
 * theory above)? */
static int refute_predicate(const struct model *model, uint32_t n)
{
	const struct dig_func *f = model->nodes[n].func;
	const char *rt = f->return_type;
	if (!rt || f->returns_pointer)
		return 0;
	if (strncmp(rt, "static ", 7) == 0)
		rt += 7;
	if (strncmp(rt, "inline ", 7) == 0)
		rt += 7;
	return (strcmp(rt, "bool") == 0 || strcmp(rt, "_Bool") == 0 || strcmp(rt, "boolean_t") == 0) &&
	       !refute_takes_out_pointer(f) && !refute_sends_out(model, n);
}

/* Is definition n an address computation: its parsed body computes only (model.c: one
 * statement that keeps no state, writes none and calls nothing but computations) and it
 * takes no size (the theory above)? */
static int refute_arithmetic(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	return node->func->body_parsed && !(node->sig & SIG_SIZE_PARAM) && !model_size_param(model->vocab, node->func) &&
	       model_computes_only(model, n);
}

/* The member a call's first argument takes the address of (`&rc->lock`, `&d.buf`: `lock`,
 * `buf`) into buf; 0 when the argument is no `&` of a member. */
static int refute_member_arg(const char *args, char *buf, size_t size)
{
	char arg[160];
	if (!model_arg_text(args, 0, arg, sizeof arg, 0) || arg[0] != '&')
		return 0;
	size_t len = strlen(arg), m = len;
	while (m > 0 && model_ident_char(arg[m - 1]))
		m--;
	if (m == len || m < 2 || !(arg[m - 1] == '.' || (arg[m - 1] == '>' && arg[m - 2] == '-')) ||
	    len - m >= size)
		return 0;
	memcpy(buf, arg + m, len - m + 1);
	return 1;
}

/* Does a release of file fi that takes the object first (its first parameter of type
 * `type`, what the entry returns) take member `member` of it apart: a call of it, other
 * than `init`, on `&x->member` (`strbuf_release(&d->buf)`, `mutex_destroy(&rc->lock)`)?
 * A function that only works a lock of the object (`try_free_snapdata(devvp)` draining
 * `&sn->sn_lock` of a device's record) takes another type. */
static int refute_release_takes_apart(const struct model *model, uint32_t fi, const char *type, const char *member,
                                      const char *init)
{
	char m[64];
	for (uint32_t c = model_calls_of_file(model, fi); c < model->ncalls && model->calls[c].file_index == fi; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *callee = model_call_callee(model, mc);
		const struct model_node *r = mc->caller >= 0 ? &model->nodes[mc->caller] : NULL;
		if (r && refute_release(r) && r->func->param_types && r->func->param_types[0] &&
		    strcmp(r->func->param_types[0], type) == 0 && callee && strcmp(callee, init) != 0 &&
		    refute_member_arg(model_call_fact(model, mc)->args, m, sizeof m) && strcmp(m, member) == 0)
			return 1;
	}
	return 0;
}

/* Does definition n build a live object: it returns an object a lower allocator gives it
 * for one fixed size, takes no size, and initialises on a local a lock, or a part that a
 * release of its file takes apart (the theory above)? */
static int refute_lock_object(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	char member[64];
	if (!f->body_parsed || !f->return_type || !refute_returns_object(model, f) || (node->sig & SIG_SIZE_PARAM) ||
	    model_size_param(model->vocab, f) || !refute_fixed_object(model, n, REFUTE_FIXED_WHOLE))
		return 0;
	/* a pop: the entry and a release of its file both write its file's state */
	for (uint32_t k = model_defs_of_file(model, node->file_index);
	     (f->body & DIG_BODY_WRITES_STATE) && k < model->ndefs && model->nodes[k].file_index == node->file_index; k++)
		if (refute_release(&model->nodes[k]) && (model->nodes[k].func->body & DIG_BODY_WRITES_STATE))
			return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *callee = model_call_callee(model, mc);
		if (mc->caller != (int32_t)n || !callee || !strstr(callee, "init") || !model_call_fact(model, mc)->args ||
		    !refute_arg_local(f, model_call_fact(model, mc)->args))
			continue;
		if (model_vocab_lock(model->vocab, callee))
			return 1;
		if (refute_member_arg(model_call_fact(model, mc)->args, member, sizeof member) &&
		    refute_release_takes_apart(model, node->file_index, f->return_type, member, callee))
			return 1;
	}
	return 0;
}

/* Does definition n call anything (a function, a macro, a pointer)? Any call between its
 * first and last line counts, whatever definition the call was given to (a file the parser
 * read only in part gives a call to the definition it was inside when it lost its place). */
static int refute_calls_any(const struct model *model, uint32_t n)
{
	uint32_t first, end = model_calls_of_def(model, n, &first);
	return end > first;
}

/* Does definition n only read: its parsed body writes nothing (no state, nothing through
 * a pointer, no static), calls nothing, takes no `T **` and is no macro's body (the theory
 * above)? */
static int refute_reads_only(const struct model *model, uint32_t n)
{
	const struct dig_func *f = model->nodes[n].func;
	return f->body_parsed &&
	       !(f->body & (DIG_BODY_WRITES_STATE | DIG_BODY_WRITES_THROUGH | DIG_BODY_STATIC | DIG_BODY_ASM)) &&
	       !refute_calls_any(model, n) && !refute_sends_out(model, n) && !refute_macro_body(model, n);
}

/* The k-th argument of a call's argument text (top level, spaces trimmed) into buf; 0
 * when there is none. */
static int refute_arg(const char *args, int k, char *buf, size_t size)
{
	int depth = 0;
	size_t len = 0;
	for (const char *a = args; a && *a; a++) {
		if (*a == '(' || *a == '[')
			depth++;
		else if ((*a == ')' || *a == ']') && depth > 0)
			depth--;
		else if (*a == ',' && depth == 0) {
			if (k-- == 0)
				break;
			len = 0;
			continue;
		}
		if (k == 0 && len + 1 < size && (len > 0 || *a != ' '))
			buf[len++] = *a;
	}
	while (len > 0 && buf[len - 1] == ' ')
		len--;
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return k <= 0 && len > 0;
}

/* How many pieces of its output a format, append or copy call of a formatter writes: a
 * format's conversions (`"%s.%s"` two; `%%` none), an append's or a copy's source when it
 * is a variable (not a string literal, not a constant in capitals: `strcat(t, s)` one,
 * `strcat(t, "/")` and `strcat(t, AU_SUFFIX)` none). */
static int refute_pieces(const struct model *model, const char *callee, const char *args)
{
	char src[64];
	int conv = 0, caps = 1;
	if (model_vocab_match(model->vocab, VOCAB_FORMAT, callee) && !strstr(callee, "cat")) {
		const char *q = strchr(args, '"');
		for (; q && *++q && *q != '"';)
			if (*q == '%' && *++q != '%')
				conv++;
		return conv;
	}
	if (!refute_arg(args, 1, src, sizeof src) || src[0] == '"')
		return 0;
	for (const char *c = src; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			caps = 0;
	return !caps;
}

/* Is definition n a formatter: it returns memory from an allocator (itself, for no size
 * its caller gives), and the format, append and copy calls of its body that write into a
 * buffer of its own (their first argument names no parameter) compose two pieces or more
 * (refute_pieces)? A parsed body shows the allocation returned. */
static int refute_formatter(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	int returned = !f->body_parsed, pieces = 0, formats = 0;
	if (!f->returns_pointer || !(node->sig & SIG_RET_MEM) || !(node->sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)) ||
	    (node->sig & (SIG_SIZE_PARAM | SIG_STATIC_ARENA)) || (f->body & DIG_BODY_STATIC))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const char *callee = model_call_callee(model, mc);
		char dst[64];
		if (mc->caller != (int32_t)n)
			continue;
		if ((fact->flow & DIG_FLOW_RETURN) && refute_call_allocates(model, mc, n))
			returned = 1;
		if (!callee || !fact->args || strstr(callee, "len") ||
		    !(model_vocab_match(model->vocab, VOCAB_FORMAT, callee) || model_vocab_match(model->vocab, VOCAB_COPY, callee)) ||
		    !refute_arg(fact->args, 0, dst, sizeof dst) || refute_args_name_param(f, dst))
			continue;
		formats |= model_vocab_match(model->vocab, VOCAB_FORMAT, callee);
		pieces += refute_pieces(model, callee, fact->args);
	}
	return returned && formats && pieces >= 2;
}

/* Does definition n only forward what entry points this pass undid as builders give: a
 * call's value that reaches its return goes to such definitions only (REFUTE_BUILDS,
 * every candidate), and no call of it reaches an allocator? */
static int refute_forwards_undone(const struct model *model, uint32_t n, const unsigned char *use)
{
	const struct model_node *node = &model->nodes[n];
	int forwards = 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		uint32_t k, nc = mc->target == MODEL_TARGET_NODE ? 1 : mc->ncands;
		if (mc->caller != (int32_t)n || mc->target == MODEL_TARGET_NONE ||
		    (mc->target == MODEL_TARGET_NODE && mc->node < 0))
			continue;
		if (refute_call_allocates(model, mc, n))
			return 0;
		if (!(model_call_fact(model, mc)->flow & DIG_FLOW_RETURN))
			continue;
		for (k = 0; k < nc; k++) {
			uint32_t t = mc->target == MODEL_TARGET_NODE ? (uint32_t)mc->node : model_call_cands(model, mc)[k];
			if (t >= model->ndefs || !(use[t] & REFUTE_BUILDS))
				break;
		}
		if (k == nc && nc > 0)
			forwards = 1;
	}
	return forwards;
}

/* Undo, round after round, the entry points that only forward what undone builders give (a
 * compressor's `bsd_comp_alloc` returning `bsd_alloc(options, len, 0)`, a constructor:
 * its wrapper constructs too). */
static void refute_forwarders(struct model *model, unsigned char *use)
{
	for (int round = 0, more = 1; more && round < 4; round++) {
		more = 0;
		for (uint32_t n = 0; n < model->ndefs; n++)
			if ((model->nodes[n].flags & MODEL_NODE_ALLOC) && refute_forwards_undone(model, n, use)) {
				model->nodes[n].flags &= ~(unsigned)MODEL_NODE_ALLOC;
				use[n] |= REFUTE_BUILDS;
				more = 1;
			}
	}
}

/* Undo the allocation entry points that hand nothing out, construct and register an
 * object, lay out their caller's memory, are stubs, have nothing to take back, build an
 * object of parts, format their output, claim what they get for their own object, fill
 * buffers of their own, or
 * return only a status, and then those that forward only what undone constructors give
 * (the theory above);
 * file_has_alloc (may be NULL) is made again from what stays. Returns 0, or -1 when out of memory (then nothing is undone). */
int model_refute_entries(struct model *model, unsigned char *file_has_alloc)
{
	uint32_t nrtypes = 0;
	unsigned char *use = refute_uses(model);
	const char **rtypes = use ? refute_release_types(model, &nrtypes) : NULL;
	if (!use || !rtypes) {
		free(use);
		return -1;
	}
	if (file_has_alloc)
		memset(file_has_alloc, 0, (size_t)model->tree->nfiles);
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		if (!(node->flags & MODEL_NODE_ALLOC))
			continue;
		int called = (use[n] & REFUTE_CALLED) && refute_callers_known(model, n);
		int builds = refute_constructor(model, n, rtypes, nrtypes) || refute_composite(model, n) ||
		             refute_formatter(model, n) || refute_lock_object(model, n);
		if (builds || (called && !(use[n] & REFUTE_VALUED) && !refute_sends_out(model, n)) ||
		    (called && !(use[n] & REFUTE_UNLOOPED)) || refute_lays_out(model, n) || refute_stub(model, n) ||
		    refute_nothing_taken_back(model, n) || refute_claims_for_itself(model, n) || refute_sets_up(model, use, n) ||
		    refute_status_only(model, n) || refute_arithmetic(model, n) || refute_predicate(model, n) ||
		    refute_reads_only(model, n)) {
			node->flags &= ~(unsigned)MODEL_NODE_ALLOC;
			use[n] |= builds ? REFUTE_BUILDS : 0;
		}
	}
	refute_forwarders(model, use);
	for (uint32_t n = 0; file_has_alloc && n < model->ndefs; n++)
		if (model->nodes[n].flags & MODEL_NODE_ALLOC)
			file_has_alloc[model->nodes[n].file_index] = 1;
	free(use);
	free(rtypes);
	return 0;
}
