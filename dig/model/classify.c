/*
 * dig/model/classify.c: which functions hand out memory, which take it back, which only
 * forward, and which are the memory sources below them.
 *
 * Signals per definition (SIG_*), three kinds:
 *   name       an allocation or release verb (vocabulary), a lock primitive's name, a
 *              backend's name;
 *   shape      a raw-memory return (or units: an integer), a size-like, handle or map
 *              parameter;
 *   behaviour  touches file-scope state (a name written as a type anywhere in the tree is
 *              never state: a parser without a preprocessor misreads declarations), uses a
 *              static array, calls a backend or another allocation name; the state of a
 *              verbless static helper of its own file whose value it returns is its own
 *              (`zalloc(n) { return carve(n, 1); }`).
 * Rules, in order (classify_entries):
 *   1. Allocation entry point: verb, shape and behaviour, all three, so `allocproc()`
 *      returning `struct proc *` (an object constructor: it calls an allocator) is a
 *      caller, while `kalloc(void)` returning `char *` off a free list is one, and so is
 *      `struct store *malloc(nbytes)` carving its own arena, and so is a table, free-list or
 *      bitmap allocator that hands out a typed handle or a number from its own file's state,
 *      takes at most a device number and gets no memory from another allocator
 *      (`struct file *filealloc(void)`, `uint balloc(uint dev)`). A definition named like a
 *      backend is the backend unless it keeps state, calls an allocation entry point
 *      of its own file (then it is that file's API: `kmem_alloc` over kmem_intr_alloc) or
 *      gets memory from an allocator (a layer over it, not the bottom: `kmem_alloc_contig`
 *      over the contiguous page allocator), or keeps its break in a static of its own
 *      body and uses no call's value (newlib's `_sbrk(incr)` bumping `static char
 *      *heap_end` through the linker's heap: the bump allocator itself, no system call
 *      stub). A definition that asks a service for memory by request code is its
 *      caller, the service its backend: it passes an allocation constant
 *      (`FW_HEAP_ALLOC`) to a function that a release of its file calls with a release
 *      constant (`FW_HEAP_FREE`; a firmware or hypervisor call, an ioctl).
 *      Test, benchmark and example code never has entry points; lock primitives' names
 *      are never entry points (`release`).
 *      Without any verb, a dup is one (`strdup`: a short body that calls an allocator and
 *      copies a pointer parameter in with a copy function, keeping no state; `pstrdup(pool,
 *      s)` gives its first pointer, a handle, to the allocator and copies the second): a
 *      wrapper.
 *   1b. Refuted (refute.c): an entry point every caller of which discards its value
 *      (nothing handed out), that constructs and registers an object nothing takes back,
 *      or that lays out memory its caller gives it, is undone.
 *   1c. Found by what they write (after 1b): a slot of a table claimed by its count
 *      (slot.c); a bit of a map claimed with one half of a set/clear pair that a release
 *      of the file undoes, a number of a namespace (claim.c: `get_unnamed_dev` and
 *      `put_unnamed_dev` on test_and_set_bit/test_and_clear_bit); a node popped off a list
 *      of the handle it takes, which a release taking that handle pushes onto
 *      (listpool.c: `list_get(&info->inactive)`, `list_append(&info->inactive, ...)`).
 *   2. Release entry point: the verb, a parameter, and one of: an allocation entry point
 *      in its own file, forwarding its raw-memory parameter to a release entry point,
 *      calling one of its own file, or sharing a global with an allocation entry point
 *      elsewhere.
 *   3. A function reached through an ops table that returns memory for a size is a backend
 *      (a page source).
 *   4. Wrapper: an entry point that keeps no state of its own file and forwards to another
 *      allocator within a short body.
 * The indexes built here (types, globals, ambiguous calls by caller) stay on the model
 * (model->cls) for group.c and impl.c.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/hash.h"
#include "dig/model/model_impl.h"

/* Order type words by their bytes, then length. */
static int classify_word_cmp(const void *a, const void *b)
{
	const struct model_typeword *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	if (c)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* Add the identifier words of a type text to the list. */
static int classify_type_words(const char *type, struct model_typeword **arr, uint32_t *n, uint32_t *cap)
{
	const char *p = type;
#define CLASSIFY_SKIP(w) { w, sizeof w - 1 }
	static const struct { const char *w; size_t n; } skip[] = {
		CLASSIFY_SKIP("const"), CLASSIFY_SKIP("volatile"), CLASSIFY_SKIP("struct"), CLASSIFY_SKIP("union"),
		CLASSIFY_SKIP("enum"), CLASSIFY_SKIP("unsigned"), CLASSIFY_SKIP("signed"), CLASSIFY_SKIP("register"),
		CLASSIFY_SKIP("static"), CLASSIFY_SKIP("extern"), CLASSIFY_SKIP("restrict"), CLASSIFY_SKIP("int"),
		CLASSIFY_SKIP("char"), CLASSIFY_SKIP("void"), CLASSIFY_SKIP("long"), CLASSIFY_SKIP("short"), { NULL, 0 }
	};
#undef CLASSIFY_SKIP
	while (p && *p) {
		const char *q;
		int skipped = 0;
		while (*p && !(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		q = p;
		while (model_ident_char(*q))
			q++;
		if (q == p)
			break;
		for (int i = 0; skip[i].w && !skipped; i++)
			skipped = skip[i].n == (size_t)(q - p) && memcmp(skip[i].w, p, skip[i].n) == 0;
		/* `struct tag`: tags and variables live in different C namespaces; only plain
		 * words count */
		if (!skipped && !(p - type >= 7 && strncmp(p - 7, "struct ", 7) == 0) &&
		    !(p - type >= 6 && strncmp(p - 6, "union ", 6) == 0)) {
			if (model_grow((void **)arr, *n, cap, sizeof **arr))
				return -1;
			(*arr)[*n].p = p;
			(*arr)[*n].n = (uint32_t)(q - p);
			(*n)++;
		}
		p = q;
	}
	return 0;
}

/* Keep the first of each distinct word of arr[0..n), in order, through a hash set (a few
 * words, `size_t`, `caddr_t`, are most of a tree's million): returns how many are left, or
 * UINT32_MAX when out of memory. */
static uint32_t classify_words_distinct(struct model_typeword *arr, uint32_t n)
{
	uint32_t mask = 15, w = 0, *slot;
	while (mask / 2 < n)
		mask = mask * 2 + 1;
	if (!(slot = calloc((size_t)mask + 1, sizeof *slot)))
		return UINT32_MAX;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h = dig_hash_bytes(DIG_HASH_INIT, arr[i].p, arr[i].n) & mask;
		while (slot[h] && classify_word_cmp(&arr[slot[h] - 1], &arr[i]) != 0)
			h = (h + 1) & mask;
		if (slot[h])
			continue;
		arr[w] = arr[i];
		slot[h] = ++w;
	}
	free(slot);
	return w;
}

/* Identifiers the tree writes as types (model->cls->types): every word of a return,
 * parameter or variable type of the live definitions and globals, sorted, unique, pointing
 * into the facts. Without a preprocessor a declaration the parser misread (`vm_offset_t
 * zalloc_end;` after a macro with no semicolon) looks like a global named `vm_offset_t`, and
 * a cast `(vm_offset_t)x` like a use of it; a name that is a type anywhere in the tree is
 * never file-scope state. */
static int classify_types_build(struct model *model)
{
	const struct dig_tree *tree = model->tree;
	struct model_typeword *arr = NULL;
	uint32_t n = 0, cap = 0, w = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nfuncs; j++) {
			const struct dig_func *fn = &f->funcs[j];
			if (fn->dead)
				continue;
			if (classify_type_words(fn->return_type, &arr, &n, &cap))
				goto fail;
			for (int i = 0; i < fn->nparams && fn->param_types; i++)
				if (classify_type_words(fn->param_types[i], &arr, &n, &cap))
					goto fail;
		}
		for (uint32_t j = 0; j < f->nglobals; j++)
			if (!f->globals[j].dead && classify_type_words(f->globals[j].type, &arr, &n, &cap))
				goto fail;
	}
	if ((w = classify_words_distinct(arr, n)) == UINT32_MAX)
		goto fail;
	if (w)
		qsort(arr, w, sizeof *arr, classify_word_cmp);
	model->cls->types = arr;
	model->cls->ntypes = w;
	return 0;
fail:
	free(arr);
	return -1;
}

/* Is `name` written as a type somewhere in the tree? */
static int classify_is_type(const struct model_cls *cls, const char *name)
{
	struct model_typeword key = { name, (uint32_t)strlen(name) };
	return cls->ntypes && bsearch(&key, cls->types, cls->ntypes, sizeof *cls->types, classify_word_cmp) != NULL;
}

/* The names the tree's live files #undef, sorted (malloc'd array). */
static int classify_undefs_index(const struct dig_tree *tree, const char ***out, uint32_t *n)
{
	uint32_t cap = 0;
	*out = NULL;
	*n = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		for (uint32_t u = 0; model_file_live(&tree->files[fi]) && u < tree->files[fi].nundefs; u++) {
			if (model_grow((void **)out, *n, &cap, sizeof **out))
				return -1;
			(*out)[(*n)++] = tree->files[fi].undefs[u].name;
		}
	if (*n)
		qsort(*out, *n, sizeof **out, model_str_cmp);
	return 0;
}

/* The names of the tree's live function-like macros that no live definition has, sorted
 * (malloc'd array): a call of one is a macro's use, not of a function defined elsewhere.
 * A rename the tree also #undefs somewhere (`#define malloc(n) dbg_malloc(n, ...)`, then
 * `#undef malloc`) is left out: where its header reaches, include.c applied it, so a call
 * still written malloc is one after the #undef, of the function of that name. */
static int classify_macros_index(const struct model *model, const char ***out, uint32_t *n)
{
	const struct dig_tree *tree = model->tree;
	const char **undefs;
	uint32_t cap = 0, nundefs;
	*out = NULL;
	*n = 0;
	if (classify_undefs_index(tree, &undefs, &nundefs))
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nmacros; j++) {
			const struct dig_macro *m = &f->macros[j];
			if (m->dead || !m->function_like || !m->name)
				continue;
			if (m->renames_to && strcmp(m->renames_to, m->name) != 0 && model_strv_has(undefs, nundefs, m->name))
				continue;
			if (model_grow((void **)out, *n, &cap, sizeof **out)) {
				free(undefs);
				return -1;
			}
			(*out)[(*n)++] = m->name;
		}
	}
	free(undefs);
	if (*n)
		qsort(*out, *n, sizeof **out, model_str_cmp);
	/* a name the tree also defines as a function (`malloc`) stays a function name */
	{
		struct model_strmap defs;   /* the definitions' names, a set */
		uint32_t w = 0;
		if (model_strmap_init(&defs, model->ndefs))
			return -1;
		for (uint32_t k = 0; k < model->ndefs; k++) {
			uint32_t h = model_str_hash(model->nodes[k].name);
			struct model_strmap_slot *slot = model_strmap_slot(&defs, model->nodes[k].name, h);
			slot->key = model->nodes[k].name;
			slot->hash = h;
		}
		for (uint32_t i = 0; i < *n; i++)
			if (!model_strmap_slot(&defs, (*out)[i], model_str_hash((*out)[i]))->key)
				(*out)[w++] = (*out)[i];
		*n = w;
		model_strmap_fini(&defs);
	}
	return 0;
}

/* Is a one-parameter macro's body a condition read as it is: its one word (the parameter)
 * in parentheses or negated twice, `(expr)`, `(!!(x))`, or a branch hint over it,
 * `__builtin_expect (...)`? */
static int classify_cond_body(const char *b)
{
	while (*b == ' ' || *b == '(' || *b == '!')
		b++;
	if (strncmp(b, "__builtin_expect", 16) == 0 && !model_ident_char(b[16]))
		return 1;
	if (!model_ident_char(*b) || (*b >= '0' && *b <= '9'))
		return 0;
	while (model_ident_char(*b))
		b++;
	while (*b == ' ' || *b == ')')
		b++;
	return *b == '\0';
}

/* The names of the tree's condition macros (SIG_COND_MACRO), sorted (malloc'd array):
 * every live definition of the name takes one parameter and reads it as it is
 * (classify_cond_body): `#define G_LIKELY(expr) (__builtin_expect (..., 1))` beside `(expr)`
 * under an #else. Names with any other definition are left out. */
static int classify_cond_macros(const struct model *model, const char ***out, uint32_t *n)
{
	const struct dig_tree *tree = model->tree;
	uint32_t cap = 0, w = 0, nbad = 0, bcap = 0;
	const char **bad = NULL;
	*out = NULL;
	*n = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		for (uint32_t j = 0; model_file_live(f) && j < f->nmacros; j++) {
			const struct dig_macro *m = &f->macros[j];
			int cond;
			if (m->dead || !m->name || !m->body)
				continue;
			cond = m->function_like && m->nparams == 1 && classify_cond_body(m->body);
			if (!cond && model_grow((void **)&bad, nbad, &bcap, sizeof *bad))
				goto oom;
			if (!cond)
				bad[nbad++] = m->name;
			else if (model_grow((void **)out, *n, &cap, sizeof **out))
				goto oom;
			else
				(*out)[(*n)++] = m->name;
		}
	}
	if (*n) {
		if (nbad)
			qsort(bad, nbad, sizeof *bad, model_str_cmp);
		qsort(*out, *n, sizeof **out, model_str_cmp);
		for (uint32_t i = 0; i < *n; i++)
			if ((w == 0 || strcmp((*out)[w - 1], (*out)[i]) != 0) && !model_strv_has(bad, nbad, (*out)[i]))
				(*out)[w++] = (*out)[i];
	}
	*n = w;
	free(bad);
	return 0;
oom:
	free(bad);
	return -1;
}

/* The names of the tree's object-like macros that stand for a raw-memory type in some
 * build, sorted (malloc'd array): every live definition of the name is one word, and one
 * of those words is a mem-type word (`#define Wchar char`, beside `#define Wchar wchar_t`
 * under an #ifdef: uClibc's string functions, written once for both widths). A pointer to
 * one is raw memory, as a pointer to the word would be (`Wchar *strdup(const Wchar *s)`).
 * Two passes over the macros: the names with a mem-type definition, then those of them
 * that also have a definition of more than one word are dropped. */
static int classify_type_macros(const struct model *model, const char ***out, uint32_t *n)
{
	const struct dig_tree *tree = model->tree;
	unsigned char *drop = NULL;
	uint32_t cap = 0, w = 0;
	*out = NULL;
	*n = 0;
	for (int pass = 0; pass < 2 && (pass == 0 || *n); pass++) {
		for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
			const struct dig_file *f = &tree->files[fi];
			for (uint32_t j = 0; model_file_live(f) && j < f->nmacros; j++) {
				const struct dig_macro *m = &f->macros[j];
				int word = m->renames_to && m->body && strcmp(m->body, m->renames_to) == 0;
				const char **hit;
				if (m->dead || m->function_like || !m->name)
					continue;
				if (pass == 0 && word && model_vocab_match(model->vocab, VOCAB_MEM_TYPE, m->body)) {
					if (model_grow((void **)out, *n, &cap, sizeof **out))
						return -1;
					(*out)[(*n)++] = m->name;
				} else if (pass == 1 && !word && (hit = bsearch(&m->name, *out, *n, sizeof **out, model_str_cmp))) {
					drop[hit - *out] = 1;
				}
			}
		}
		if (pass == 0 && *n) {
			qsort(*out, *n, sizeof **out, model_str_cmp);
			for (uint32_t i = 0; i < *n; i++)
				if (w == 0 || strcmp((*out)[w - 1], (*out)[i]) != 0)
					(*out)[w++] = (*out)[i];
			*n = w;
			if (!(drop = calloc(*n, 1)))
				return -1;
		}
	}
	w = 0;
	for (uint32_t i = 0; i < *n; i++)
		if (!drop[i])
			(*out)[w++] = (*out)[i];
	free(drop);
	*n = w;
	return 0;
}

/* Strip qualifiers and stars from a type into buf: "const char *" -> "char". */
static const char *classify_base_type(const char *type, char *buf, size_t size)
{
	size_t n = 0;
	const char *p = type ? type : "";
	if (strncmp(p, "const ", 6) == 0)
		p += 6;
	if (strncmp(p, "static ", 7) == 0)
		p += 7;
	if (strncmp(p, "register ", 9) == 0)
		p += 9;
	for (; *p && n + 1 < size; p++)
		if (*p != '*' && *p != ' ')
			buf[n++] = *p;
	buf[n] = '\0';
	return buf;
}

/* One file's live globals sorted by name (indices into file->globals), made once per file
 * as the definitions come file by file: a file of n functions and m globals costs
 * (n + m) log m, not n * m. */
struct classify_fglobals {
	const struct dig_file *file;   /* the file the index is of (NULL: none) */
	uint32_t *idx;
	uint32_t n, cap;
};

/* Order a file's globals by name (qsort_r: the file is the argument). */
static int classify_fglobal_cmp(const void *a, const void *b, void *arg)
{
	const struct dig_file *file = arg;
	return strcmp(file->globals[*(const uint32_t *)a].name, file->globals[*(const uint32_t *)b].name);
}

/* The index of file's globals (built when the file changes); -1 when out of memory. */
static int classify_fglobals_of(struct classify_fglobals *fg, const struct dig_file *file)
{
	if (fg->file == file)
		return 0;
	fg->file = NULL;
	if (fg->cap < file->nglobals) {
		uint32_t *p = realloc(fg->idx, (size_t)file->nglobals * sizeof *p);
		if (!p)
			return -1;
		fg->idx = p;
		fg->cap = file->nglobals;
	}
	fg->n = 0;
	for (uint32_t j = 0; j < file->nglobals; j++)
		if (!file->globals[j].dead)
			fg->idx[fg->n++] = j;
	if (fg->n > 1)
		qsort_r(fg->idx, fg->n, sizeof *fg->idx, classify_fglobal_cmp, (void *)file);
	fg->file = file;
	return 0;
}

/* Does f touch file-scope state (a global of its own file, or one defined once elsewhere)?
 * *arena gets 2 for a file global defined here, 1 for a static array defined here, 4 for
 * a global defined once, in another file of this one's folder. A pointer to a function
 * (`void (*xmalloc_failed)(size_t)`, a hook the function tests and calls) is no state: it
 * cannot hold a list, a count or an arena for the function to change. */
static int classify_touches_state(const struct model *model, struct classify_fglobals *fg, const struct dig_func *f,
                                  const struct dig_file *file, int *arena)
{
	const struct model_cls *cls = model->cls;
	int touched = 0;
	if (f->nglobals_used && classify_fglobals_of(fg, file) != 0)
		fg->n = 0;                     /* out of memory: no file globals seen */
	for (uint32_t i = 0; i < f->nglobals_used; i++) {
		const char *g = f->globals_used[i];
		uint32_t lo = 0, hi = fg->n;
		while (lo < hi) {              /* the first global named g */
			uint32_t mid = lo + (hi - lo) / 2;
			if (strcmp(file->globals[fg->idx[mid]].name, g) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		int named = lo < fg->n && strcmp(file->globals[fg->idx[lo]].name, g) == 0 && !classify_is_type(cls, g);
		int hooks = named;             /* every global of this name here is a function pointer */
		if (named)
			for (uint32_t k = lo; k < fg->n && strcmp(file->globals[fg->idx[k]].name, g) == 0; k++) {
				const struct dig_global *x = &file->globals[fg->idx[k]];
				hooks &= x->is_fnptr;
				if (x->is_fnptr)
					continue;
				touched = 1;
				if (!x->is_extern)
					*arena |= 2;
				if (x->is_array && x->is_static && !x->is_extern)
					*arena |= 1;
			}
		if (!touched && !hooks) {
			uint32_t count, at = model_globals_find(cls->globals, cls->nglobals, g, &count);
			touched = count > 0;
			if (count == 1 && model_same_folder(file->path, model->tree->files[cls->globals[at].file].path))
				*arena |= 4;
		}
	}
	return touched;
}

/* The ambiguous calls grouped by caller (counting sort), so that classification can treat
 * a call with several candidates as reaching each of them (model->cls->amb_*; left unbuilt
 * when out of memory: the signals are then weaker). */
static void classify_amb_build(struct model *model)
{
	struct model_cls *cls = model->cls;
	uint32_t *fill;
	cls->amb_start = calloc((size_t)model->ndefs + 2, sizeof *cls->amb_start);
	if (!cls->amb_start)
		return;
	for (uint32_t i = 0; i < model->ncalls; i++)
		if (model->calls[i].target == MODEL_TARGET_AMBIGUOUS && model->calls[i].caller >= 0)
			cls->amb_start[model->calls[i].caller + 1]++;
	for (uint32_t n = 0; n < model->ndefs; n++)
		cls->amb_start[n + 1] += cls->amb_start[n];
	cls->amb_calls = malloc(((size_t)cls->amb_start[model->ndefs] + 1) * sizeof *cls->amb_calls);
	fill = calloc((size_t)model->ndefs + 1, sizeof *fill);
	if (!cls->amb_calls || !fill) {
		free(cls->amb_start);
		free(cls->amb_calls);
		free(fill);
		cls->amb_start = cls->amb_calls = NULL;
		return;
	}
	for (uint32_t i = 0; i < model->ncalls; i++) {
		int32_t c = model->calls[i].caller;
		if (model->calls[i].target == MODEL_TARGET_AMBIGUOUS && c >= 0)
			cls->amb_calls[cls->amb_start[c] + fill[c]++] = i;
	}
	free(fill);
}

/* The ambiguous calls made by definition `node` (model call indices); *n gets the count. */
const uint32_t *model_amb_calls(const struct model *model, uint32_t node, uint32_t *n)
{
	const struct model_cls *cls = model->cls;
	*n = 0;
	if (!cls || !cls->amb_start || node >= model->ndefs)
		return NULL;
	*n = cls->amb_start[node + 1] - cls->amb_start[node];
	return cls->amb_calls + cls->amb_start[node];
}

/* Free classify's indexes (the allocation globals live on the model's arena). */
void model_cls_free(struct model *model)
{
	if (!model->cls)
		return;
	free(model->cls->types);
	free(model->cls->globals);
	free(model->cls->amb_start);
	free(model->cls->amb_calls);
	free(model->cls->pair_files);
	free(model->cls->ptr_types);
	free(model->cls);
	model->cls = NULL;
}

/* Call `visit` for each target of node n's calls (edges, and every candidate of its
 * ambiguous calls). */
static void classify_targets(const struct model *model, uint32_t n, void (*visit)(struct model *, uint32_t, uint32_t, void *), void *ctx)
{
	uint32_t namb;
	const uint32_t *amb;
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++)
		visit((struct model *)model, n, model->edges[e].to, ctx);
	amb = model_amb_calls(model, n, &namb);
	for (uint32_t j = 0; j < namb; j++) {
		const struct model_call *mc = &model->calls[amb[j]];
		for (uint32_t k = 0; k < mc->ncands; k++)
			visit((struct model *)model, n, model_call_cands(model, mc)[k], ctx);
	}
}

/* Visitor: gather behaviour signals of a caller from one target. */
static void classify_sig_visit(struct model *model, uint32_t from, uint32_t to, void *ctx)
{
	const struct model_node *t = &model->nodes[to];
	unsigned *sig = ctx;
	if (from == to)
		return;
	if (t->sig & SIG_BACKEND_NAME)
		*sig |= SIG_CALLS_BACKEND;
	if ((t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME))
		*sig |= SIG_CALLS_ALLOC;
	if ((t->flags & MODEL_NODE_ALLOC) && from != to)
		*sig |= SIG_CALLS_ALLOC;
}

/* The tree's non-static, non-extern globals that are no type names, sorted by name then
 * file (model->cls->globals): the state two files may share. */
static int classify_globals_build(struct model *model)
{
	const struct dig_tree *tree = model->tree;
	struct model_cls *cls = model->cls;
	uint32_t cap = 0;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nglobals; j++) {
			const struct dig_global *g = &f->globals[j];
			if (g->dead || g->is_extern || g->is_static || g->is_fnptr || !g->name || classify_is_type(cls, g->name))
				continue;
			if (model_grow((void **)&cls->globals, cls->nglobals, &cap, sizeof *cls->globals))
				return -1;
			cls->globals[cls->nglobals].name = g->name;
			cls->globals[cls->nglobals].file = fi;
			cls->nglobals++;
		}
	}
	if (cls->nglobals)
		qsort(cls->globals, cls->nglobals, sizeof *cls->globals, model_global_cmp);
	return 0;
}

/* Is `name` a noun holding a release word followed by an allocation verb as its last word
 * (`free_map_allocate`, `freelist_get_alloc`)? The last word (after the last underscore)
 * starts with the allocation verb, and at least one more underscore stands between the
 * release word and it: `free_alloc` and `dealloc` stay releases. */
static int classify_noun_then_verb(const struct model_vocab *v, const char *name)
{
	const char *last = strrchr(name, '_');
	int f = model_vocab_first_at(v, VOCAB_FREE, name);
	if (!last || f < 0 || model_vocab_first_at(v, VOCAB_ALLOC, last + 1) != 0)
		return 0;
	for (const char *p = name + f; p < last; p++)
		if (*p == '_')
			return 1;
	return 0;
}

/* The name signals of a node: a lock primitive's name, an allocation or release verb, a
 * backend's name; none for an external that the tree defines as a function-like macro
 * (MALLOC_ERRNO_SET(...)): a macro, not an allocator defined elsewhere. */
static unsigned classify_name_signals(const struct model_vocab *v, const struct model_node *node,
                                      const char **macros, uint32_t nmacros)
{
	unsigned sig = 0;
	if (model_vocab_lock(v, node->name))
		sig |= SIG_LOCKNAME;
	/* a verb-looking name that is neither (is_allocated, freeze ...) has no verb; a name
	 * with both verbs says the first (get_free_page gets a free page, free_pagelist frees) */
	if (!model_vocab_match(v, VOCAB_NOT_ALLOC, node->name)) {
		const char *bare = node->name + strspn(node->name, "_");
		int fr = model_vocab_match(v, VOCAB_FREE, node->name);
		int al = model_vocab_match(v, VOCAB_ALLOC, node->name) || model_vocab_match(v, VOCAB_ALLOC, bare);
		if (fr && al && model_vocab_first_at(v, VOCAB_ALLOC, node->name) < model_vocab_first_at(v, VOCAB_FREE, node->name))
			fr = 0;
		/* ... unless the release word starts a noun the allocation verb ends
		 * (`free_map_allocate` allocates from the free map): the verb is the name's last
		 * word, two words or more after the release word, of a public definition (a static
		 * helper carving a free area for its file's entry point, `__heap_free_area_alloc`,
		 * is part of that allocator, not an entry point of its own) */
		if (fr && al && node->func && !node->func->is_static && classify_noun_then_verb(v, node->name))
			fr = 0;
		/* a lock release names the lock after the verb (`AcpiOsReleaseLock`,
		 * `releaseintr`, `X_RELEASE_Y_LOCK`): never a free (`spin_free` is one) */
		if (fr && model_name_has_lock(node->name + model_vocab_first_at(v, VOCAB_FREE, node->name)))
			sig |= SIG_LOCKNAME;
		if (fr)
			sig |= SIG_NAME_FREE;
		else if (al)
			sig |= SIG_NAME_ALLOC;
	}
	if (model_vocab_match(v, VOCAB_BACKEND, node->name))
		sig |= SIG_BACKEND_NAME;
	if (model_vocab_match(v, VOCAB_WALKER, node->name))
		sig |= SIG_WALKER;
	if (!node->func && model_strv_has(macros, nmacros, node->name))
		sig &= ~(unsigned)(SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME);
	return sig;
}

/* What a typedef's text (DIG_EV_TYPEDEF) makes its name: 1, another name for a mem-type
 * word (`typedef char text_t;`: a pointer to it is raw memory); 2, a pointer to one
 * (`typedef void *ptr_t;`: raw memory as it is); 0, anything else. */
static int classify_typedef_kind(const struct model_vocab *v, const char *text)
{
	const char *star = strchr(text, ' ');
	char word[128];
	size_t len = star ? (size_t)(star - text) : strlen(text);
	if (!len || len >= sizeof word)
		return 0;
	memcpy(word, text, len);
	word[len] = '\0';
	return model_vocab_match(v, VOCAB_MEM_TYPE, word) ? (star ? 2 : 1) : 0;
}

/* Does the source file (not a header) of definition `node` typedef `base`, the base word of
 * its return type, as raw memory for itself: `typedef char *pointer;` returned as is, or
 * `typedef void Record;` returned as `Record *`, every typedef of the name in the file
 * agreeing? classify_typedefs reads the headers' typedefs for the whole tree; a source
 * file's reach that file only. */
static int classify_own_typedef(const struct model *model, const struct model_node *node, const char *base)
{
	const struct dig_file *file = node->file;
	const char *text = NULL;
	if (!file || model_path_is_header(file->path))
		return 0;
	for (uint32_t j = 0; j < file->nevidence; j++) {
		const struct dig_evidence *ev = &file->evidence[j];
		if (ev->kind != DIG_EV_TYPEDEF || ev->dead || !ev->token || !ev->text || strcmp(ev->token, base) != 0)
			continue;
		if (text && strcmp(text, ev->text) != 0)
			return 0;
		text = ev->text;
	}
	/* a pointer typedef returned as is, or an alias returned through a pointer */
	return text && classify_typedef_kind(model->vocab, text) == (node->func->returns_pointer ? 1 : 2);
}

/* The shape and state signals of a definition: what it returns, what its parameters are,
 * which file-scope state it touches. */
static unsigned classify_shape_signals(const struct model *model, const struct model_node *node,
                                       struct classify_fglobals *fg, const char **tmacros, uint32_t ntmacros,
                                       const char **tptrs, uint32_t ntptrs)
{
	const struct model_vocab *v = model->vocab;
	const struct dig_func *f = node->func;
	unsigned sig = 0;
	int arena = 0;
	char base[128];
	classify_base_type(f->return_type, base, sizeof base);
	if (f->returns_pointer && (model_vocab_match(v, VOCAB_MEM_TYPE, base) || model_strv_has(tmacros, ntmacros, base)))
		sig |= SIG_RET_MEM;
	else if (!f->returns_pointer && model_strv_has(tptrs, ntptrs, base))
		sig |= SIG_RET_MEM;    /* `ptr_t f(...)`, `typedef void *ptr_t;` */
	else if (classify_own_typedef(model, node, base))
		sig |= SIG_RET_MEM;    /* the same, typedef'd by its own source file */
	else if (!f->returns_pointer && strcmp(base, "void") && strcmp(base, "char") &&
	         model_vocab_match(v, VOCAB_MEM_TYPE, base))
		sig |= SIG_RET_MEM;
	else if (!f->returns_pointer && strcmp(base, "void") != 0 &&
	         strncmp(base, "struct", 6) != 0 && strncmp(base, "union", 5) != 0)
		sig |= SIG_RET_INT;
	for (int i = 0; i < f->nparams; i++) {
		const char *pt = f->param_types ? f->param_types[i] : NULL;
		const char *pn = f->param_names ? f->param_names[i] : NULL;
		int size_like = (pn && *pn && model_vocab_match(v, VOCAB_SIZE_PARAM, pn)) ||
		                (pt && !strchr(pt, '*') && model_vocab_match(v, VOCAB_SIZE_PARAM, pt));
		if (size_like)
			sig |= SIG_SIZE_PARAM;
		else if (pt && (strchr(pt, '*') || model_vocab_find(v, VOCAB_ROLE_FIXED, pt)) && i == 0)
			sig |= SIG_HANDLE_PARAM;
		if ((pt && model_vocab_find(v, VOCAB_ROLE_RMAP, pt)) ||
		    (pn && model_vocab_find(v, VOCAB_ROLE_RMAP, pn) && pt && strchr(pt, '*')))
			sig |= SIG_RMAP_PARAM;
	}
	if (classify_touches_state(model, fg, f, node->file, &arena))
		sig |= SIG_STATE;
	if (arena & 4)
		sig |= SIG_FOLDER_STATE;
	if (arena & 1)
		sig |= SIG_STATIC_ARENA;
	if (arena & 2)
		sig |= SIG_OWN_STATE;
	return sig;
}

/* The state a function reaches through a helper is its own: a definition that returns the
 * value of a static function of its own file with no allocation, release, backend or lock
 * name (`void *zalloc(n) { return carve(n, 1); }`, carve cutting a static arena) gets that
 * helper's state signals, as if the helper's body were written in it. One level: the
 * helper's own helpers are not followed. Runs after every node's own signals (sequential:
 * a caller's bits are written while its callees' are read). */
static void classify_helper_state(struct model *model)
{
	const unsigned named = SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME | SIG_LOCKNAME;
	const unsigned state = SIG_STATE | SIG_OWN_STATE | SIG_STATIC_ARENA;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		const struct model_node *t;
		struct model_node *caller;
		if (mc->target != MODEL_TARGET_NODE || mc->caller < 0 || mc->node == mc->caller ||
		    !(model_call_fact(model, mc)->flow & DIG_FLOW_RETURN))
			continue;
		t = &model->nodes[mc->node];
		caller = &model->nodes[mc->caller];
		if (!t->func || !t->func->is_static || t->file_index != caller->file_index || (t->sig & named) ||
		    !(t->sig & state) || (!t->func->returns_pointer && (!t->func->return_type ||
		                                                        strcmp(t->func->return_type, "void") == 0)))
			continue;
		if ((t->sig & state & ~caller->sig) != 0)
			caller->sig |= (t->sig & state) | SIG_HELPER_STATE;
	}
}

/* Order typedef facts by name, then type. */
static int classify_typedef_cmp(const void *a, const void *b)
{
	const struct dig_evidence *x = *(const struct dig_evidence *const *)a, *y = *(const struct dig_evidence *const *)b;
	int c = strcmp(x->token, y->token);
	return c ? c : strcmp(x->text, y->text);
}

/* The tree's own names for raw memory, from its headers' typedefs (DIG_EV_TYPEDEF) of a
 * mem-type word, when every live typedef of the name agrees (`typedef void *tag_t;` in one port and
 * `typedef struct tag *tag_t;` in another is no raw memory): another name for the word
 * (`typedef char text_t;`) is an alias a pointer to which is raw memory, as
 * classify_type_macros's `#define Wchar char`: appended to *aliases (*nal of them, *alcap
 * allocated); a pointer to the word (`typedef void *ptr_t;`) returned as is is raw memory,
 * as `void *` is: into *ptrs (*np, sorted). Only as a return, and as the parameter a dup
 * copies from (classify_dup_source_param, where the copy call shows it is memory): a
 * parameter of such a type is as often an opaque handle (`typedef void *dev_handle_t`). */
static int classify_typedefs(const struct model *model, const char ***aliases, uint32_t *nal, uint32_t *alcap,
                             const char ***ptrs, uint32_t *np)
{
	const struct dig_tree *tree = model->tree;
	const struct dig_evidence **v = NULL;
	uint32_t nv = 0, vcap = 0, pcap = 0;
	int rc = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		/* a typedef of a source file reaches that file only, as its macros do (a tool's
		 * `typedef void PyObject;` for itself must not make every `PyObject *` of the
		 * tree raw memory): only the headers' typedefs are read, tree-wide */
		if (!model_path_is_header(f->path))
			continue;
		for (uint32_t j = 0; model_file_live(f) && j < f->nevidence; j++) {
			const struct dig_evidence *ev = &f->evidence[j];
			if (ev->kind != DIG_EV_TYPEDEF || ev->dead || !ev->token || !ev->text)
				continue;
			if (model_grow((void **)&v, nv, &vcap, sizeof *v)) {
				free(v);
				return -1;
			}
			v[nv++] = ev;
		}
	}
	if (nv)
		qsort(v, nv, sizeof *v, classify_typedef_cmp);
	for (uint32_t i = 0, end; rc == 0 && i < nv; i = end) {
		const char *text = v[i]->text;
		int kind;
		for (end = i + 1; end < nv && strcmp(v[end]->token, v[i]->token) == 0; end++)
			;
		if (strcmp(v[end - 1]->text, text) != 0 || !(kind = classify_typedef_kind(model->vocab, text)))
			continue;   /* another type, or different types in different builds */
		if (kind == 2 && (rc = model_grow((void **)ptrs, *np, &pcap, sizeof **ptrs)) == 0)
			(*ptrs)[(*np)++] = v[i]->token;
		else if (kind == 1 && (rc = model_grow((void **)aliases, *nal, alcap, sizeof **aliases)) == 0)
			(*aliases)[(*nal)++] = v[i]->token;
	}
	free(v);
	return rc;   /* ptrs come out sorted: v is */
}

/* The node loop of classify_signals: the macro names, and per worker its file-globals
 * index (each node writes only its own sig). */
struct classify_sig_run {
	struct model *model;
	const char **macros;
	uint32_t nmacros;
	const char **tmacros;           /* classify_type_macros, classify_typedefs's aliases */
	uint32_t ntmacros;
	const char **tptrs;             /* classify_typedefs: pointer typedefs, sorted */
	uint32_t ntptrs;
	struct classify_fglobals *fg;   /* per worker */
	const char **cmacros;           /* classify_cond_macros, sorted */
	uint32_t ncmacros;
};

/* One node's name and shape signals. */
static int classify_signals_one(void *arg, unsigned worker, uint32_t n)
{
	struct classify_sig_run *run = arg;
	struct model_node *node = &run->model->nodes[n];
	node->sig = classify_name_signals(run->model->vocab, node, run->macros, run->nmacros);
	if (!node->func && model_strv_has(run->cmacros, run->ncmacros, node->name))
		node->sig |= SIG_COND_MACRO;
	if (node->func)
		node->sig |= classify_shape_signals(run->model, node, &run->fg[worker], run->tmacros, run->ntmacros, run->tptrs,
		                                    run->ntptrs);
	return 0;
}

/* Name and shape signals of every node; state signals of definitions. The nodes are split
 * across the model's threads (model_parallel_for): a node's signals read the facts, the
 * vocabulary and the indexes built before, and a worker's file-globals index is its own. */
static int classify_signals(struct model *model)
{
	unsigned nw = model_parallel_workers(model);
	struct classify_sig_run run = { model, NULL, 0, NULL, 0, NULL, 0, calloc(nw, sizeof *run.fg), NULL, 0 };
	int rc = -1;

	uint32_t tcap;

	if (run.fg && classify_globals_build(model) == 0 && classify_macros_index(model, &run.macros, &run.nmacros) == 0 &&
	    classify_type_macros(model, &run.tmacros, &run.ntmacros) == 0 &&
	    classify_typedefs(model, &run.tmacros, &run.ntmacros, (tcap = run.ntmacros, &tcap), &run.tptrs, &run.ntptrs) == 0 &&
	    classify_cond_macros(model, &run.cmacros, &run.ncmacros) == 0) {
		if (run.ntmacros)
			qsort(run.tmacros, run.ntmacros, sizeof *run.tmacros, model_str_cmp);
		rc = model_parallel_for(model, model->nnodes, classify_signals_one, &run);
	}
	if (rc == 0)
		classify_helper_state(model);
	for (unsigned k = 0; run.fg && k < nw; k++)
		free(run.fg[k].idx);
	free(run.fg);
	free(run.macros);
	free(run.tmacros);
	model->cls->ptr_types = run.tptrs;   /* the dup rule's parameters too (classify_dup_source_param) */
	model->cls->nptr_types = run.ntptrs;
	free(run.cmacros);
	return rc;
}

/* Is a node's shape that of an allocation entry point? */
static int classify_alloc_shape(const struct model_node *node)
{
	unsigned s = node->sig;
	const struct dig_func *f = node->func;
	int nparams = model_params_void(f) ? 0 : f->nparams;
	if (s & SIG_RET_MEM)
		return nparams <= 0 || (s & (SIG_SIZE_PARAM | SIG_HANDLE_PARAM));
	/* units: out of a map for a size, or one unit with no parameter at all (a page frame's
	 * address off a free list: `unsigned long get_free_page(void)`) */
	if (s & SIG_RET_INT)
		return (f->nparams >= 2 && (s & SIG_SIZE_PARAM) && (s & (SIG_RMAP_PARAM | SIG_BACKEND_NAME))) ||
		       (nparams == 0 && (s & (SIG_OWN_STATE | SIG_STATIC_ARENA)));
	return 0;
}

/* A function returning a pointer to a structure is an allocator (not an object constructor)
 * when it carves the memory itself: it takes a size (a parameter named as one), touches
 * file-scope state of its own file, a static arena, or state another file of its folder
 * defines (`memRegionAlloc(nbytes)` off regfreelist, defined beside it), and calls no other allocator (`struct store *malloc(nbytes)` over sbrk). A
 * constructor calls an allocator and fills the fields (`allocproc()`). */
static int classify_object_arena(const struct model *model, const struct model_node *node)
{
	/* a lookup that checks a block and returns its descriptor (`kalloc_check`) is not one */
	if (node->sig & SIG_WALKER)
		return 0;
	unsigned s = node->sig;
	const struct dig_func *f = node->func;
	if (!f->returns_pointer || (s & (SIG_RET_MEM | SIG_CALLS_ALLOC)))
		return 0;
	/* a size by name (`nbytes`), not just an unsigned parameter (`uint dev`); the state
	 * may be defined in another file of its folder (one function a file) */
	return model_size_param(model->vocab, f) && (s & (SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_FOLDER_STATE));
}

/* Record why a node is an entry point. */
static void classify_why(struct model *model, struct model_node *node, const char *what)
{
	unsigned s = node->sig;
	node->why = model_mem_printf(model, "%s: %s%s%s%s%s%s%s%s%s%s%s%s", what,
	                             (s & SIG_NAME_ALLOC)     ? "allocation verb"
	                             : (s & SIG_NAME_FREE)    ? "release verb"
	                             : (s & SIG_BACKEND_NAME) ? "backend name"
	                                                      : "no verb",
	                             (s & SIG_RET_MEM) ? ", returns memory" : (s & SIG_RET_INT) ? ", returns units" : "",
	                             (s & SIG_SIZE_PARAM) ? ", size parameter" : "",
	                             (s & SIG_RMAP_PARAM) ? ", map parameter" : "",
	                             (s & SIG_STATE) ? ", file-scope state" : "",
	                             (s & SIG_STATIC_ARENA) ? ", static arena" : "",
	                             (s & SIG_HELPER_STATE) ? " (through a static helper)" : "",
	                             (s & SIG_CALLS_BACKEND) ? ", calls a backend" : "",
	                             (s & SIG_CALLS_ALLOC) ? ", calls an allocator" : "",
	                             (s & SIG_PARTNER) ? ", hands out what a release of its file takes back, or memory of a backend" : "",
	                             (s & SIG_LISTPOOL) ? ", pops a list of its handle that a release pushes onto" : "",
	                             (s & SIG_OWN_FACE) ? ", passes out what an allocation entry point of its file returns" : "");
}

/* A forwarder that takes a handle: at most this many distinct callees and code lines (an
 * `ipmi_zalloc(h, size)` that calls calloc and sets h's error; not a `pool_get` working the
 * handle's free lists). */
#define CLASSIFY_FWD_CALLEES 4
#define CLASSIFY_FWD_LOC 15
/* Any wrapper: at most this many code lines. The forwarders read run to 29 (a bounce
 * buffer's alloc, map and undo on failure); bodies that work on the memory they got run
 * longer (musl's aligned_alloc: 38 and 50). */
#define CLASSIFY_WRAP_LOC 30

/* What a would-be wrapper calls: distinct callee names (the candidates of an ambiguous
 * call share one), and how many targets are allocators. */
struct classify_fwd {
	uint32_t callees, allocators;
	const char *names[8];
};

/* Visitor: count one callee of a would-be wrapper. */
static void classify_fwd_visit(struct model *model, uint32_t from, uint32_t to, void *ctx)
{
	struct classify_fwd *fwd = ctx;
	const struct model_node *t = &model->nodes[to];
	int seen = 0;
	if (from == to)
		return;
	for (uint32_t i = 0; i < fwd->callees && i < 8; i++)
		seen |= strcmp(fwd->names[i], t->name) == 0;
	if (!seen) {
		if (fwd->callees < 8)
			fwd->names[fwd->callees] = t->name;
		fwd->callees++;
	}
	/* a definition no rule took that works the same handle (`block_allocate(heap, ...)`
	 * below `heap_allocate(heap, size)`) is a helper of this allocator, and one that only
	 * computes from its arguments (`alloc_area_of_block(b)`) none, whatever their names
	 * say */
	if ((t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND)) ||
	    ((t->sig & (SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME)) &&
	     !(t->func && (model_same_handle(model, from, to) || model_computes_only(model, to)))))
		fwd->allocators++;
}

/* The index of node n's first parameter that is raw memory (`void *p`, `caddr_t a`), or -1. */
static int classify_mem_param(const struct model *model, const struct model_node *node)
{
	const struct dig_func *f = node->func;
	char base[128];
	for (int i = 0; i < f->nparams && f->param_types && f->param_names; i++) {
		const char *pt = f->param_types[i];
		if (!pt || !f->param_names[i] || !*f->param_names[i])
			continue;
		classify_base_type(pt, base, sizeof base);
		if (strcmp(base, "void") == 0 && !strchr(pt, '*'))
			continue;
		if ((strchr(pt, '*') || (strcmp(base, "char") && strcmp(base, "void"))) &&
		    model_vocab_match(model->vocab, VOCAB_MEM_TYPE, base))
			return i;
	}
	return -1;
}

/* Is `arg` (one argument's text, maybe cast) just the identifier `name`? */
static int classify_arg_is(const char *arg, size_t len, const char *name)
{
	size_t nl = strlen(name);
	while (len && *arg == ' ')
		arg++, len--;
	while (len && *arg == '(') { /* a cast: skip to its closing parenthesis */
		size_t depth = 0, i = 0;
		for (; i < len; i++) {
			depth += arg[i] == '(';
			depth -= arg[i] == ')';
			if (depth == 0)
				break;
		}
		if (i >= len)
			return 0;
		arg += i + 1;
		len -= i + 1;
		while (len && *arg == ' ')
			arg++, len--;
	}
	while (len && arg[len - 1] == ' ')
		len--;
	return len == nl && strncmp(arg, name, nl) == 0;
}

/* Does definition n pass its raw-memory parameter, as is, to a release entry point or to
 * an external release name (`free(void *p) { __libc_free(p); }`), or call a release entry
 * point of its own file? */
static int classify_forwards_release(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	int pi = classify_mem_param(model, node);
	const char *pname;
	if (pi < 0)
		return 0;
	pname = node->func->param_names[pi];
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *a = model_call_fact(model, mc)->args ? model_call_fact(model, mc)->args : "", *comma;
		int rel = 0;
		if (mc->caller != (int32_t)n || mc->node < 0 || (uint32_t)mc->node == n)
			continue;
		for (uint32_t k = 0; k < (mc->ncands ? mc->ncands : 1) && !rel; k++) {
			const struct model_node *t = &model->nodes[mc->ncands ? model_call_cands(model, mc)[k] : (uint32_t)mc->node];
			rel = (t->flags & MODEL_NODE_FREE) ||
			      (!t->func && (t->sig & SIG_NAME_FREE) && !(t->sig & SIG_LOCKNAME));
		}
		if (!rel)
			continue;
		/* a release entry point of its own file: the public release over static ones */
		if (mc->ncands == 0 && model->nodes[mc->node].file_index == node->file_index)
			return 1;
		comma = strchr(a, ',');
		if (classify_arg_is(a, comma ? (size_t)(comma - a) : strlen(a), pname))
			return 1;
	}
	return 0;
}

/* Does definition n use a global that is defined once in the tree (not a type) and that an
 * allocation entry point of another file uses too? */
static int classify_shares_alloc_state(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct model_cls *cls = model->cls;
	for (uint32_t i = 0; i < node->func->nglobals_used; i++) {
		if (model_strv_has(cls->alloc_globals, cls->nalloc_globals, node->func->globals_used[i]))
			return 1;
	}
	return 0;
}

/* Build model->cls->alloc_globals: globals used by allocation entry points that are
 * defined exactly once in the tree, not static, not a type name. */
static int classify_alloc_globals_build(struct model *model)
{
	struct model_cls *cls = model->cls;
	const char **used = NULL;
	uint32_t nu = 0, cu = 0, w = 0;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		const struct model_node *node = &model->nodes[n];
		if (!(node->flags & MODEL_NODE_ALLOC) || (node->flags & MODEL_NODE_WRAPPER))
			continue;
		for (uint32_t i = 0; i < node->func->nglobals_used; i++) {
			if (model_grow((void **)&used, nu, &cu, sizeof *used)) {
				free(used);
				return -1;
			}
			used[nu++] = node->func->globals_used[i];
		}
	}
	if (nu)
		qsort(used, nu, sizeof *used, model_str_cmp);
	for (uint32_t i = 0; i < nu; i++) {
		uint32_t count;
		if (w && strcmp(used[w - 1], used[i]) == 0)
			continue;
		model_globals_find(cls->globals, cls->nglobals, used[i], &count);
		if (count == 1)
			used[w++] = used[i];
	}
	cls->alloc_globals = model_mem_alloc(model, ((size_t)w + 1) * sizeof *cls->alloc_globals);
	if (cls->alloc_globals && w)
		memcpy(cls->alloc_globals, used, w * sizeof *used);
	cls->nalloc_globals = cls->alloc_globals ? w : 0;
	free(used);
	return cls->alloc_globals ? 0 : -1;
}

/* A table, free-list or bitmap allocator that hands out a typed handle or a number (issue
 * 11: found by what it does, not by returning raw memory): it takes at most one parameter,
 * neither a size by name nor memory (a device: `uint balloc(uint dev)`), works on state of
 * its own file (a static table, a free list, a bitmap) and obtains no memory from another
 * allocator or a backend (a constructor does: a malloc'd object filled in); a backend by
 * name stays a backend (`__get_free_pages(order)`). `struct file
 * *filealloc(void)` over ftable, `struct buf *alloc(dev)` off a superblock's free list. */
static int classify_table_alloc(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	if ((node->sig & (SIG_RET_MEM | SIG_BACKEND_NAME)) || !(node->sig & SIG_NAME_ALLOC) ||
	    !(node->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA)) || f->nparams > 1 || (node->sig & SIG_WALKER))
		return 0;
	if (!f->returns_pointer && (!f->return_type || strcmp(f->return_type, "void") == 0))
		return 0;
	/* the one parameter is a number (a device), not a size, memory or an object to work on
	 * (`allock(union store *q)` checks a block) */
	if (f->nparams == 1 && (model_size_param(model->vocab, f) || classify_mem_param(model, node) >= 0 ||
	                        !f->param_types || !f->param_types[0] || strchr(f->param_types[0], '*')))
		return 0;
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (model->edges[e].to == n || (t->sig & SIG_LOCKNAME))
			continue;
		if (t->sig & SIG_BACKEND_NAME)
			return 0;
		if ((t->sig & SIG_NAME_ALLOC) && (!t->func || t->func->returns_pointer || (t->sig & SIG_RET_MEM)))
			return 0;
	}
	return 1;
}

/* Does call mc (a copy or measure) take pointer parameter `pi` of f, as is (maybe cast),
 * with no argument naming a field or an address (`&ctx->iv`, `p->buf`: a constructor fills
 * fields)? */
static int classify_copies_param(const struct model *model, const struct model_call *mc, const struct dig_func *f, int pi)
{
	const char *a = model_call_fact(model, mc)->args ? model_call_fact(model, mc)->args : "";
	int found = 0;
	if (strstr(a, "->") || strchr(a, '&') || strchr(a, '.'))
		return 0;
	while (*a) {
		const char *comma = strchr(a, ',');
		size_t len = comma ? (size_t)(comma - a) : strlen(a);
		found |= classify_arg_is(a, len, f->param_names[pi]);
		a += len + (comma != NULL);
	}
	return found;
}

/* Is a parameter of type `type` a pointer: written with a `*`, or a typedef of the headers
 * for a pointer to raw memory (`gconstpointer`, `typedef const void *gconstpointer;`)? */
static int classify_param_pointer(const struct model *model, const char *type)
{
	char base[128];
	if (!type)
		return 0;
	if (strchr(type, '*'))
		return 1;
	classify_base_type(type, base, sizeof base);
	return model->cls && model_strv_has(model->cls->ptr_types, model->cls->nptr_types, base);
}

/* The pointer parameter of f a dup copies from (index), or -1: its one pointer parameter,
 * or the second of two when the first is a handle (*pool set to 0: `pstrdup(pool, s)`
 * over the pool's allocator, which must be given that handle). */
static int classify_dup_source_param(const struct model *model, const struct dig_func *f, int *pool)
{
	int at = -1, n = 0;
	*pool = -1;
	for (int i = 0; i < f->nparams && f->param_types && f->param_names; i++)
		if (classify_param_pointer(model, f->param_types[i])) {
			if (n == 2 || !f->param_names[i] || !*f->param_names[i])
				return -1;
			if (n++ == 1) {
				if (at != 0)
					return -1;
				*pool = 0;
			}
			at = i;
		}
	return at;
}

/* Is the first argument of call mc parameter pi of f, as is? */
static int classify_first_arg_is(const struct model *model, const struct model_call *mc, const struct dig_func *f, int pi)
{
	const char *a = model_call_fact(model, mc)->args ? model_call_fact(model, mc)->args : "", *comma = strchr(a, ',');
	return classify_arg_is(a, comma ? (size_t)(comma - a) : strlen(a), f->param_names[pi]);
}

/* A dup, whatever its name (`char *strdup(const char *s)`: malloc, copy s in, return the
 * copy): no allocation, release, backend or lock name (those go through the rules above),
 * returns raw memory, keeps no state of its own file, and has a short body that only
 * measures, allocates and copies: it calls an allocation entry point or an external
 * allocation name (given, as is, the handle a pool's dup takes first) and passes its one
 * other pointer parameter, as is, to a copy or measure
 * function (vocabulary `copy`: memcpy, strcpy, strlen ...; a dup that copies by a loop
 * still measures what it copies), with no argument naming a field or an address; any
 * other call is made for its effect alone (an error report) or is a condition macro
 * (`if G_LIKELY (s)`: SIG_COND_MACRO, the bare condition), none is a release. A
 * formatter (sprintf into a fresh buffer), a lookup that returns a fresh string, a concat,
 * a context set-up that fills fields, a function that frees what it made after using it:
 * none is a dup. It becomes a wrapper of what it calls (classify_wrappers), marked
 * SIG_FOUND_WRAPPER. */
static int classify_dup(const struct model *model, uint32_t n)
{
	const unsigned named = SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME | SIG_LOCKNAME;
	return !(model->nodes[n].sig & named) && model_dup_shape(model, n);
}

/* The body of a dup, whatever the name says (classify_dup's behaviour part; role.c takes a
 * named one, `newstr(s)`, for a wrapper by it). */
int model_dup_shape(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	int allocates = 0, copies = 0, pi, pool;
	if (!node->func || !(node->sig & SIG_RET_MEM) ||
	    !(node->sig & SIG_CALLS_ALLOC) || (node->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA)) ||
	    node->func->loc > CLASSIFY_FWD_LOC || (pi = classify_dup_source_param(model, node->func, &pool)) < 0)
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *t = mc->node >= 0 ? &model->nodes[mc->node] : NULL;
		if (mc->caller != (int32_t)n || (t && t == node))
			continue;
		if (t && ((t->flags & MODEL_NODE_FREE) || (t->sig & SIG_NAME_FREE)))
			return 0;
		if (t && ((t->flags & MODEL_NODE_ALLOC) || ((t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME))))
			allocates |= pool < 0 || classify_first_arg_is(model, mc, node->func, pool);
		else if (t && model_vocab_match(model->vocab, VOCAB_COPY, t->name))
			copies |= classify_copies_param(model, mc, node->func, pi);
		else if (!model_call_fact(model, mc)->discarded && !(t && (t->sig & SIG_COND_MACRO)) &&
		         !(t && (model_vocab_match(model->vocab, VOCAB_ASSERT, t->name) ||
		                 model_vocab_match(model->vocab, VOCAB_LOG, t->name))))
			return 0;
	}
	return allocates && copies;
}

/* Does definition n call an allocation entry point of its own file (not itself)? */
static int classify_calls_own_entry(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != n && t->func && t->file_index == model->nodes[n].file_index &&
		    (t->flags & MODEL_NODE_ALLOC))
			return 1;
	}
	return 0;
}

/* Does a definition keep a break of its own in a static of its body: it declares a
 * static, returns raw memory read from a variable, calls no backend or allocator and uses
 * the value of no call (a report of its own aside: `PRINTF("Out of heap space")`)? Newlib's
 * `_sbrk(incr)` bumps `static uint8_t *heap_end` from the linker's `_heap` and returns the
 * old end: the break is the bump allocator's only state, and there is no free. A system
 * call stub that keeps a static (a cached page size) returns what the kernel call gives; a
 * bump pointer kept at file scope is state already (SIG_STATE). */
int model_body_break(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	const unsigned want = DIG_BODY_STATIC | DIG_BODY_RET_VAR;
	if (!f || !f->body_parsed || (f->body & want) != want || !(node->sig & SIG_RET_MEM) ||
	    (node->sig & (SIG_CALLS_BACKEND | SIG_CALLS_ALLOC)))
		return 0;
	for (uint32_t c = model_calls_of_file(model, node->file_index);
	     c < model->ncalls && model->calls[c].file_index == node->file_index; c++)
		if (model->calls[c].caller == (int32_t)n && !model_call_fact(model, &model->calls[c])->discarded)
			return 0;
	return 1;
}

/* Does the argument text hold a request code of the kind: a constant (an identifier of
 * capitals, digits and underscores) the vocabulary names an allocation or a release
 * (`SBR_IOPH_ALLOC`, `SBR_IOPH_FREE`)? */
static int classify_request_code(const struct model_vocab *v, const char *args, enum model_vocab_kind kind)
{
	const char *p = args ? args : "";
	while (*p) {
		const char *q = p;
		int lower = 0;
		char w[96];
		while (model_ident_char(*q))
			lower |= *q >= 'a' && *q <= 'z', q++;
		if (q == p) {
			p++;
			continue;
		}
		if (!lower && (size_t)(q - p) < sizeof w && !(*p >= '0' && *p <= '9')) {
			memcpy(w, p, (size_t)(q - p));
			w[q - p] = '\0';
			if (model_vocab_match(v, kind, w) && (kind != VOCAB_ALLOC || !model_vocab_match(v, VOCAB_FREE, w)))
				return 1;
		}
		p = q;
	}
	return 0;
}

/* Does node n ask a service for memory by request code: it calls a function with an
 * allocation code among its arguments, and a release of its file (a release verb, or a
 * give word at a word start: `ps2sif_freeiopheap`) calls the same function with a release
 * code (`sbios_rpc(SBR_IOPH_ALLOC, ...)` and `sbios_rpc(SBR_IOPH_FREE, ...)`: a firmware or
 * hypervisor call, an ioctl)? That service is its backend. The release found, or -1. */
static int64_t classify_requests_service(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	uint32_t lo = model_calls_of_file(model, node->file_index);
	for (uint32_t c = lo; c < model->ncalls && model->calls[c].file_index == node->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const char *callee = model_call_callee(model, mc);
		if (mc->caller != (int32_t)n || !callee ||
		    !classify_request_code(model->vocab, model_call_fact(model, mc)->args, VOCAB_ALLOC))
			continue;
		for (uint32_t k = lo; k < model->ncalls && model->calls[k].file_index == node->file_index; k++) {
			const struct model_call *rc = &model->calls[k];
			const char *rcallee = model_call_callee(model, rc);
			const struct model_node *r = rc->caller >= 0 ? &model->nodes[rc->caller] : NULL;
			if (!r || (uint32_t)rc->caller == n || !rcallee || strcmp(rcallee, callee) != 0 || (r->sig & SIG_LOCKNAME) ||
			    !((r->sig & SIG_NAME_FREE) || model_partner_give_named(model, r->name)))
				continue;
			if (classify_request_code(model->vocab, model_call_fact(model, rc)->args, VOCAB_FREE))
				return rc->caller;
		}
	}
	return -1;
}

/* Does definition n, returning raw memory and taking no size by name, pass a number parameter
 * of its own down as a size: alone or in arithmetic (`nByte + 8`), as the one argument of an
 * allocation call whose value it returns (`p = malloc(nByte + 8)`), or as the argument at
 * the place of a size parameter of an allocation entry point the tree defines
 * (`sqlite3Malloc(nByte)` over `sqlite3Malloc(u64 n)`)? What goes down as a size is one,
 * whatever it is named. */
static int classify_size_by_use(const struct model *model, uint32_t n)
{
	const struct dig_func *f = model->nodes[n].func;
	char arg[256];
	for (uint32_t c = model_calls_of_file(model, model->nodes[n].file_index);
	     c < model->ncalls && model->calls[c].file_index == model->nodes[n].file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *fact = model_call_fact(model, mc);
		const struct model_node *t = mc->node >= 0 ? &model->nodes[mc->node] : NULL;
		if (mc->caller != (int32_t)n || mc->target != MODEL_TARGET_NODE || !t || t == &model->nodes[n] || !fact->args ||
		    !(fact->flow & DIG_FLOW_RETURN) || (fact->flow & (DIG_FLOW_WEAK | DIG_FLOW_BYVAL | DIG_FLOW_FILLS)) ||
		    (t->sig & (SIG_NAME_FREE | SIG_LOCKNAME)) || !((t->flags & MODEL_NODE_ALLOC) || (t->sig & SIG_NAME_ALLOC)))
			continue;
		for (int i = 0; i < f->nparams && f->param_names && f->param_types; i++) {
			const char *pn = f->param_names[i];
			if (!pn || !*pn || !f->param_types[i] || strchr(f->param_types[i], '*') || !model_number_type(f->param_types[i]))
				continue;
			if (!t->func && fact->nargs == 1 && model_args_name(fact->args, pn))
				return 1;
			for (int k = 0; t->func && k < t->func->nparams && t->func->param_names; k++)
				if (t->func->param_names[k] && model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, t->func->param_names[k]) &&
				    model_arg_text(fact->args, k, arg, sizeof arg, 1) && model_args_name(arg, pn))
					return 1;
		}
	}
	return 0;
}

/* 1. Allocation entry points (the theory above): two rounds, so that the second sees
 * the first's flags among the callees' behaviour. file_has_alloc (may be NULL) gets the
 * files that hold one. */
static void classify_alloc_entries(struct model *model, unsigned char *file_has_alloc)
{
	enum { BEHAVIOUR = SIG_STATE | SIG_CALLS_BACKEND | SIG_CALLS_ALLOC | SIG_STATIC_ARENA | SIG_BACKEND_NAME |
	                   SIG_RMAP_PARAM | SIG_HANDLE_PARAM };
	for (int round = 0; round < 2; round++) {
		for (uint32_t n = 0; n < model->ndefs; n++) {
			unsigned sig = model->nodes[n].sig;
			classify_targets(model, n, classify_sig_visit, &sig);
			model->nodes[n].sig = sig;
		}
		for (uint32_t n = 0; n < model->nnodes; n++) {
			struct model_node *node = &model->nodes[n];
			int eligible;
			int64_t rel;
			if (node->sig & SIG_BACKEND_NAME)
				node->flags |= MODEL_NODE_BACKEND;
			if (!node->func)
				continue;
			if (node->domain == MODEL_DOMAIN_TEST) {
				node->flags |= MODEL_NODE_TEST;
				continue;
			}
			eligible = !(node->sig & SIG_LOCKNAME) &&
			           (node->sig & (SIG_NAME_ALLOC | SIG_BACKEND_NAME)) && !(node->sig & SIG_NAME_FREE);
			/* a definition named like a backend (`__mmap` over the syscall, an RPC stub
			 * `vm_allocate`) is the backend itself, not an allocator above it, unless it
			 * keeps state of its own or is its file's API over an allocation entry point
			 * of that file (`kmem_alloc` calling kmem_intr_alloc's size classes), or
			 * keeps its break in a static of its body (model_body_break) */
			if ((node->sig & SIG_BACKEND_NAME) && !(node->sig & (SIG_STATE | SIG_STATIC_ARENA | SIG_CALLS_ALLOC)) &&
			    !classify_calls_own_entry(model, n) && !model_body_break(model, n))
				eligible = 0;
			if (eligible && (node->sig & SIG_RET_MEM) && !(node->sig & SIG_SIZE_PARAM) &&
			    classify_size_by_use(model, n))
				node->sig |= SIG_SIZE_PARAM;   /* `void *memMalloc(int nByte)` over malloc(nByte + 8) */
			if (eligible && !(node->sig & BEHAVIOUR) && (node->sig & SIG_NAME_ALLOC) && classify_alloc_shape(node) &&
			    (rel = classify_requests_service(model, n)) >= 0) {
				node->sig |= SIG_CALLS_BACKEND;
				model->nodes[rel].flags |= MODEL_NODE_FREE;
			}
			if (eligible && (classify_alloc_shape(node) || classify_object_arena(model, node) ||
			                 classify_table_alloc(model, n)) &&
			    (node->sig & BEHAVIOUR)) {
				node->flags |= MODEL_NODE_ALLOC;
				if (file_has_alloc)
					file_has_alloc[node->file_index] = 1;
			} else if (classify_dup(model, n)) {
				node->flags |= MODEL_NODE_ALLOC;
				node->sig |= SIG_FOUND_WRAPPER;
			}
		}
	}
}

/* 2. Release entry points: beside an allocation entry point in its file; or forwarding its
 * raw-memory parameter to a release entry point (two rounds: a wrapper of a wrapper); or
 * sharing file-scope state with an allocation entry point elsewhere (mallocng's free.c and
 * malloc.c). */
static void classify_release_entries(struct model *model, const unsigned char *file_has_alloc)
{
	if (classify_alloc_globals_build(model))
		model->cls->nalloc_globals = 0; /* out of memory: the shared-state rule is then off */
	for (int round = 0; round < 2; round++)
		for (uint32_t n = 0; n < model->ndefs; n++) {
			struct model_node *node = &model->nodes[n];
			if ((node->flags & (MODEL_NODE_TEST | MODEL_NODE_FREE)) || (node->sig & SIG_LOCKNAME) ||
			    !(node->sig & SIG_NAME_FREE))
				continue;
			if (node->func->nparams == 0)
				continue;
			int beside = file_has_alloc && file_has_alloc[node->file_index];
			int fwd = !beside && classify_forwards_release(model, n);
			if (fwd)
				node->sig |= SIG_FWD_RELEASE;
			if (beside || fwd || classify_shares_alloc_state(model, n))
				node->flags |= MODEL_NODE_FREE;
		}
}

/* 3. Page sources: a function reached only through an ops table (a dispatch joined it)
 * that returns memory for a size and is no entry point is a backend below the allocator
 * that dispatches to it (`ops->map(ctx, size, align)` into page_mmap_map). */
static void classify_ops_sources(struct model *model)
{
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->target != MODEL_TARGET_DISPATCH)
			continue;
		for (uint32_t k = 0; k < mc->ncands; k++) {
			struct model_node *t = &model->nodes[model_call_cands(model, mc)[k]];
			if (t->func && !(t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_TEST)) &&
			    (t->sig & SIG_RET_MEM) && (t->sig & SIG_SIZE_PARAM) && t->func->returns_pointer) {
				t->flags |= MODEL_NODE_BACKEND;
				t->sig |= SIG_OPS_SOURCE;
			}
		}
	}
}

/* 4. Wrappers: entry points that keep no state of their own file and forward to another
 * allocator within a short body, whatever else it does (check for failure and exit, zero,
 * tag, count into another file's statistics: reading another file's flag,
 * `__malloc_replaced`, keeps no state of its own). A longer body works on what it got (an
 * aligned_alloc that moves the chunk's header, a region allocator bumping its pointer):
 * no wrapper. One that takes a handle may keep its state there (`pool_get(pp)` works pp's
 * free lists): it is a wrapper only when its body is shorter still and makes few calls.
 * A slot allocator (slot.c) keeps the table whose counts it writes, a claimer (claim.c)
 * the map whose bits it sets, a list pool (listpool.c) its handle's list, a sibling take
 * (partner.c) the state its file's functions return from, the face of its own file's
 * allocator (listpool.c) is that allocator, and a pop of a list in what it is given
 * (DIG_BODY_POPS: `mp->next = mp->next->next`, then a provider when it is empty) keeps
 * that list: no wrapper. */
static void classify_wrappers(struct model *model)
{
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		struct classify_fwd fwd;
		memset(&fwd, 0, sizeof fwd);
		if (!(node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) ||
		    (node->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_SLOT | SIG_CLAIM | SIG_LISTPOOL | SIG_OWN_FACE |
		                  SIG_CHAIN_STATE)))
			continue;
		/* a pop of a list kept in what it is given (`mp->next = mp->next->next`) keeps its
		 * state there, whatever it calls when the list is empty */
		if ((node->flags & MODEL_NODE_BACKEND) || (node->func->body & DIG_BODY_POPS))
			continue;
		classify_targets(model, n, classify_fwd_visit, &fwd);
		if (fwd.allocators >= 1 && node->func->loc <= CLASSIFY_WRAP_LOC &&
		    (!(node->sig & SIG_HANDLE_PARAM) || (fwd.callees <= CLASSIFY_FWD_CALLEES && node->func->loc <= CLASSIFY_FWD_LOC)))
			node->flags |= MODEL_NODE_WRAPPER;
	}
}

/* 5. The reasons, as the report prints them. */
static void classify_whys(struct model *model)
{
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		if (node->flags & MODEL_NODE_WRAPPER)
			classify_why(model, node, "wrapper");
		else if (node->flags & MODEL_NODE_ALLOC)
			classify_why(model, node, "allocation entry point");
		else if (node->flags & MODEL_NODE_FREE)
			classify_why(model, node, "release entry point");
		else if (node->sig & SIG_OPS_SOURCE)
			node->why = "backend: returns memory for a size, reached through an ops table";
		else if (node->flags & MODEL_NODE_BACKEND)
			node->why = "backend: vocabulary name";
	}
	for (uint32_t n = model->ndefs; n < model->nnodes; n++)
		if (model->nodes[n].flags & MODEL_NODE_BACKEND)
			model->nodes[n].why = "external backend: vocabulary name, defined nowhere in the tree";
}

/* Entry points, release points, wrappers and backends, in that order. */
static void classify_entries(struct model *model)
{
	unsigned char *file_has_alloc = calloc((size_t)model->tree->nfiles + 1, 1);
	model_partner_siblings(model, file_has_alloc);
	classify_alloc_entries(model, file_has_alloc);
	model_partner_entries(model, file_has_alloc);
	model_partner_siblings(model, file_has_alloc);
	model_refute_entries(model, file_has_alloc);
	model_slot_entries(model, file_has_alloc);
	model_claim_entries(model, file_has_alloc);
	model_listpool_entries(model, file_has_alloc);
	model_forward_entries(model, file_has_alloc);
	classify_release_entries(model, file_has_alloc);
	model_partner_resizers(model);
	classify_ops_sources(model);
	classify_wrappers(model);
	classify_whys(model);
	free(file_has_alloc);
}

/* Domains of files that no folder word decides (or at the root of the tree): kernel when
 * they call more kernel primitives than user-space ones, user when they call user-space
 * ones (files at the root stay root then), else as the path said. */
static void classify_file_domains(struct model *model)
{
	uint32_t i = 0;
	while (i < model->ncalls) {
		uint32_t fi = model->calls[i].file_index, k = 0, u = 0, j, lo = model_defs_of_file(model, fi), open = 0;
		for (uint32_t n = lo; n < model->ndefs && model->nodes[n].file_index == fi && !open; n++)
			open = model->nodes[n].domain == -1 || model->nodes[n].domain == MODEL_DOMAIN_ROOT;
		for (j = i; j < model->ncalls && model->calls[j].file_index == fi; j++) {
			const char *callee;
			if (!open)      /* every definition has its domain: the calls decide nothing */
				continue;
			callee = model_call_callee(model, &model->calls[j]);
			int32_t t = model->calls[j].node;
			if (!callee)
				continue;
			/* a file's own panic() says nothing about where it runs */
			if (t >= 0 && model->nodes[t].func && model->nodes[t].file_index == fi)
				continue;
			if (model_vocab_match(model->vocab, VOCAB_KERNEL_CALL, callee))
				k++;
			else if (model_vocab_match(model->vocab, VOCAB_USER_CALL, callee))
				u++;
		}
		for (uint32_t n = lo; n < model->ndefs && model->nodes[n].file_index == fi; n++) {
			struct model_node *node = &model->nodes[n];
			if (node->domain != -1 && node->domain != MODEL_DOMAIN_ROOT)
				continue;
			if (k > u)
				node->domain = MODEL_DOMAIN_KERNEL;
			else if (u && node->domain == -1)
				node->domain = MODEL_DOMAIN_USER;
		}
		i = j;
	}
}

/* Classify: domains of undecided files, call counts, then the signals and the entry
 * points; model->cls is built here for the stages after it. */
int model_classify_build(struct model *model)
{
	classify_file_domains(model);
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->target == MODEL_TARGET_NODE || mc->target == MODEL_TARGET_DISPATCH)
			model->nodes[mc->node].calls_in++;
		else if (mc->target == MODEL_TARGET_AMBIGUOUS)
			for (uint32_t j = 0; j < mc->ncands; j++)
				model->nodes[model_call_cands(model, mc)[j]].calls_maybe++;
	}
	model->cls = calloc(1, sizeof *model->cls);
	if (!model->cls || classify_types_build(model) || classify_signals(model))
		return -1;
	classify_amb_build(model);
	classify_entries(model);
	return 0;
}
