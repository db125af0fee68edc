/*
 * tests/dig/model/test_model.c: the model on hand-built facts (no scan), as named cases
 * (cases[] below; `test_dig_model NAME...` runs those whose names contain a NAME): linking
 * by scope, arity, nearness and link units; ambiguity kept; externals as backends; #if 0
 * and copies excluded; tests never allocators; wrappers; dispatch joins; roles, domains,
 * chains; counts and the redundancy factor; grouping (type names are no state, layers and
 * domains stay apart); lone release functions and struct-pointer arenas as entry points;
 * build alternatives and layers left out of the redundancy factor; model_verify on every
 * model built, and on corrupted ones. Every expected value below follows from the facts
 * built here. tests/dig/model.cmake also builds this against the debug model
 * (test_dig_model_debug), where every stage is verified as it finishes.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dig/model/model.h"

#define MAXF 16
#define MAXE 16

struct fake_file {
	struct dig_func funcs[MAXE];
	struct dig_call calls[MAXE];
	struct dig_global globals[MAXE];
	struct dig_reg regs[MAXE];
	struct dig_evidence ev[MAXE];
};

static struct dig_file files[MAXF];
static struct fake_file fakes[MAXF];
static uint32_t nfiles;

/* A new file in path order (callers add files sorted). */
static struct dig_file *file_add(const char *path)
{
	struct dig_file *f = &files[nfiles];
	struct fake_file *k = &fakes[nfiles++];
	memset(f, 0, sizeof *f);
	f->path = path;
	f->funcs = k->funcs;
	f->calls = k->calls;
	f->globals = k->globals;
	f->regs = k->regs;
	f->evidence = k->ev;
	f->lines = 100;
	f->loc = 50;
	return f;
}

/* A function definition; params as "type name" pairs in a NULL-terminated list; globals
 * used as a NULL-terminated list. Returns its index. */
static int32_t func_add(struct dig_file *f, const char *name, const char *ret, int ptr, int is_static,
                        const char *const *types, const char *const *names, int nparams, const char *const *globals,
                        uint32_t line)
{
	struct dig_func *fn = &f->funcs[f->nfuncs];
	memset(fn, 0, sizeof *fn);
	fn->name = name;
	fn->written_name = name;
	fn->return_type = ret;
	fn->returns_pointer = ptr;
	fn->nparams = nparams;
	fn->param_types = (const char **)types;
	fn->param_names = (const char **)names;
	fn->is_static = is_static;
	fn->line = line;
	fn->end_line = line + 5;
	fn->loc = 4;
	fn->globals_used = (const char **)globals;
	while (globals && globals[fn->nglobals_used])
		fn->nglobals_used++;
	return (int32_t)f->nfuncs++;
}

/* A call site inside function `func` of file f. */
static struct dig_call *call_add(struct dig_file *f, int32_t func, const char *callee, int nargs, uint32_t line)
{
	struct dig_call *c = &f->calls[f->ncalls++];
	memset(c, 0, sizeof *c);
	c->callee = callee;
	c->written = callee;
	c->func = func;
	c->nargs = nargs;
	c->args = nargs ? "n" : "";
	c->line = line;
	return c;
}

/* A file-scope variable. */
static void global_add(struct dig_file *f, const char *name, int is_static, int is_array, uint64_t bytes)
{
	struct dig_global *g = &f->globals[f->nglobals++];
	memset(g, 0, sizeof *g);
	g->name = name;
	g->type = "int";
	g->is_static = is_static;
	g->is_array = is_array;
	g->array_bytes = bytes;
	g->line = 1;
}

/* Give the last global added to f a type of its own (global_add's is `int`: a number, no
 * allocator state to the grouping). */
static void global_type(struct dig_file *f, const char *type)
{
	f->globals[f->nglobals - 1].type = type;
}

/* The node defined in `path` named `name`, or -1. */
static int32_t node_of(const struct model *m, const char *path, const char *name)
{
	for (uint32_t i = 0; i < m->nnodes; i++)
		if (strcmp(m->nodes[i].name, name) == 0 &&
		    ((!path && !m->nodes[i].file) || (path && m->nodes[i].file && strcmp(m->nodes[i].file->path, path) == 0)))
			return (int32_t)i;
	return -1;
}

/* The model call at path:line. */
static const struct model_call *call_at(const struct model *m, const char *path, uint32_t line)
{
	for (uint32_t i = 0; i < m->ncalls; i++)
		if (model_call_fact(m, &m->calls[i])->line == line && strcmp(m->tree->files[m->calls[i].file_index].path, path) == 0)
			return &m->calls[i];
	return NULL;
}

static const char *const T_SIZE[] = { "size_t" };
static const char *const N_SIZE[] = { "size" };
static const char *const T_VMSIZE[] = { "vm_size_t" };
static const char *const T_PTR[] = { "void *" };
static const char *const N_PTR[] = { "p" };
static const char *const T_VOID[] = { "void" };
static const char *const N_NONE[] = { "" };
static const char *const T_MAP[] = { "struct map *", "int" };
static const char *const N_MAP[] = { "mp", "size" };
static const char *const T_ZONE[] = { "zone_t" };
static const char *const N_ZONE[] = { "zone" };
static const char *const G_KZONE[] = { "k_zone", NULL };
static const char *const G_KMEM[] = { "kmem", NULL };
static const char *const G_KMEM_PG[] = { "PGSIZE", "kmem", NULL }; /* kfree fills a page */
static const char *const G_ARENA[] = { "arena", "freep", NULL };
static const char *const G_ZONE[] = { "zone_free", NULL };

/* The tree the cases build their models from. */
static struct dig_tree tree;

/* Point the tree at the files added so far. */
static void tree_set(void)
{
	memset(&tree, 0, sizeof tree);
	tree.root = "fake";
	tree.files = files;
	tree.nfiles = nfiles;
}

/* A model of the tree with the built-in vocabulary, its invariants checked (NULL only when
 * out of memory, which fails the check). */
static struct model *model_of_tree(void)
{
	const char *err;
	unsigned line;
	struct model *m = model_create(&tree, model_vocab_create(NULL, &err, &line), 0);
	CHECK(m != NULL);
	if (m)
		CHECK_MSG(model_verify(m, MODEL_STAGE_MEASURE) == NULL, "%s", model_verify(m, MODEL_STAGE_MEASURE));
	return m;
}

/* The main fixture's lists (static: the model keeps pointers into the facts). */
static const char *const G_XA[] = { "xa", NULL };
static const char *const G_XB[] = { "xb", NULL };
static const char *const G_SLABS[] = { "slabs", NULL };
static const char *const T_CHARP[] = { "char *" };

/* The main fixture: kernels, libraries, a program, tests, a copy, #if 0 code, a vtable and
 * a wrapper side by side; its model. */
static struct model *fixture_main(void)
{
	struct dig_file *f;
	int32_t fn, fn2;

	nfiles = 0;
	/* root wrapper: malloc(n) -> kalloc(n) (same file defines nothing else) */
	f = file_add("malloc.c");
	fn = func_add(f, "malloc", "char *", 1, 0, T_SIZE, N_SIZE, 1, NULL, 3);
	call_add(f, fn, "kalloc", 1, 4);
	/* tests: a stub allocator and a caller */
	f = file_add("tests/t_alloc.c");
	global_add(f, "pool", 1, 1, 4096);
	fn = func_add(f, "test_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_ARENA, 10);
	call_add(f, fn, "malloc", 1, 11);
	/* Mach-style kalloc(size) over zones, large path to an undefined backend */
	f = file_add("kern/kalloc.c");
	global_add(f, "k_zone", 0, 1, 128);
	fn = func_add(f, "kalloc", "vm_offset_t", 0, 0, T_VMSIZE, N_SIZE, 1, G_KZONE, 20);
	call_add(f, fn, "zalloc", 1, 22);
	call_add(f, fn, "zalloc", 1, 23);
	call_add(f, fn, "kmem_alloc_wired", 3, 25);
	call_add(f, fn, "simple_lock", 1, 26)->dead = 1; /* #if 0: never counted */
	f->dead_calls = 1;
	fn2 = func_add(f, "kfree", "void", 0, 0, T_PTR, N_PTR, 1, G_KZONE, 30);
	call_add(f, fn2, "zfree", 2, 31);
	f->funcs[func_add(f, "kalloc_old", "void *", 1, 0, T_SIZE, N_SIZE, 1, NULL, 40)].dead = 1;
	/* the ipc subsystem calls kalloc(size) */
	f = file_add("kern/ipc.c");
	fn = func_add(f, "ipc_kmsg_alloc", "struct ipc_kmsg *", 1, 0, T_SIZE, N_SIZE, 1, NULL, 5);
	call_add(f, fn, "kalloc", 1, 7);
	call_add(f, fn, "kalloc", 1, 8);
	/* zones: zalloc(zone) touching its free list, lock-typed state, calls kmem_alloc_wired */
	f = file_add("kern/zalloc.c");
	global_add(f, "zone_free", 1, 0, 0);
	fn = func_add(f, "zalloc", "vm_offset_t", 0, 0, T_ZONE, N_ZONE, 1, G_ZONE, 10);
	call_add(f, fn, "simple_lock", 1, 11);
	call_add(f, fn, "kmem_alloc_wired", 3, 12);
	func_add(f, "zfree", "void", 0, 0, T_ZONE, N_ZONE, 1, G_ZONE, 20);
	/* a byte-identical copy of zalloc.c: listed, never counted */
	f = file_add("kern/zalloc_copy.c");
	f->copy_of = "kern/zalloc.c";
	func_add(f, "zalloc", "vm_offset_t", 0, 0, T_ZONE, N_ZONE, 1, G_ZONE, 10);
	/* V7 resource map malloc(mp, size) and a caller */
	f = file_add("sys/malloc.c");
	fn = func_add(f, "malloc", "int", 0, 0, T_MAP, N_MAP, 2, NULL, 3);
	func_add(f, "mfree", "int", 0, 0, T_MAP, N_MAP, 2, NULL, 20);
	f->funcs[fn].knr = 1;
	f = file_add("sys/proc.c");
	fn = func_add(f, "newproc", "int", 0, 0, NULL, NULL, 0, NULL, 3);
	call_add(f, fn, "malloc", 2, 5);
	call_add(f, fn, "mfree", 3, 6);
	/* user libc malloc over sbrk, a page allocator kalloc(void), and a same-name pair */
	f = file_add("usr/lib/libc/malloc.c");
	global_add(f, "arena", 1, 1, 8192);
	fn = func_add(f, "malloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_ARENA, 10);
	call_add(f, fn, "sbrk", 1, 12);
	call_add(f, fn, "mutex_lock", 1, 11);
	func_add(f, "free", "void", 0, 0, T_PTR, N_PTR, 1, G_ARENA, 30);
	f = file_add("usr/cmd/ls.c");
	fn = func_add(f, "main", "int", 0, 0, NULL, NULL, 0, NULL, 3);
	call_add(f, fn, "malloc", 1, 5);
	call_add(f, fn, "xalloc", 1, 6);
	call_add(f, fn, "free", 1, 7);
	f = file_add("usr/lib/a/x.c");
	global_add(f, "xa", 1, 0, 0);
	func_add(f, "xalloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_XA, 3);
	f = file_add("usr/lib/b/x.c");
	global_add(f, "xb", 1, 0, 0);
	func_add(f, "xalloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_XB, 3);
	f = file_add("xv6/kalloc.c");
	global_add(f, "kmem", 0, 0, 0);
	fn = func_add(f, "kalloc", "char *", 1, 0, T_VOID, N_NONE, 0, G_KMEM, 60); /* (void): 0 */
	func_add(f, "kfree", "void", 0, 0, T_CHARP, N_PTR, 1, G_KMEM_PG, 40);
	f = file_add("xv6/vm.c");
	fn = func_add(f, "setupkvm", "pde_t *", 1, 0, T_VOID, N_NONE, 1, NULL, 10);
	call_add(f, fn, "kalloc", 0, 12);
	/* a vtable: .alloc = slab_alloc registered, ops->alloc(n) dispatched */
	f = file_add("zz/slab.c");
	global_add(f, "slabs", 1, 0, 0);
	fn = func_add(f, "slab_alloc", "void *", 1, 1, T_SIZE, N_SIZE, 1, G_SLABS, 5);
	f->regs[f->nregs++] = (struct dig_reg){ .struct_type = "struct alloc_ops", .field = "alloc", .func = "slab_alloc",
	                                        .in_func = -1, .line = 20 };
	fn2 = func_add(f, "use_ops", "void", 0, 0, NULL, NULL, 0, NULL, 30);
	{
		struct dig_call *c = call_add(f, fn2, "alloc", 1, 31);
		c->kind = DIG_CALL_DISPATCH;
		c->dispatch_type = "struct alloc_ops";
	}

	tree_set();
	return model_of_tree();
}

/* scope counts: the copy and the dead function and call are excluded */
static void case_link_scope(void)
{
	struct model *m = fixture_main();

	if (!m)
		return;
	CHECK_EQ(m->copies, 1);
	CHECK_EQ(m->dead_funcs, 1);
	CHECK_EQ(m->dead_calls, 1);
	CHECK(node_of(m, "kern/zalloc_copy.c", "zalloc") < 0);
	CHECK(node_of(m, "kern/kalloc.c", "kalloc_old") < 0);
	model_destroy(m);
}

/* arity and nearness: kalloc(size) from kern/ipc.c, kalloc() from xv6/vm.c */
static void case_link_arity_nearness(void)
{
	struct model *m = fixture_main();

	if (!m)
		return;
	const struct model_call *c = call_at(m, "kern/ipc.c", 7);
	CHECK(c && c->target == MODEL_TARGET_NODE && c->node == node_of(m, "kern/kalloc.c", "kalloc"));
	c = call_at(m, "xv6/vm.c", 12);
	CHECK(c && c->target == MODEL_TARGET_NODE && c->node == node_of(m, "xv6/kalloc.c", "kalloc"));
	/* resource map malloc(mp, size) vs libc malloc(n) */
	c = call_at(m, "sys/proc.c", 5);
	CHECK(c && c->node == node_of(m, "sys/malloc.c", "malloc"));
	c = call_at(m, "usr/cmd/ls.c", 5);
	CHECK(c && c->node == node_of(m, "usr/lib/libc/malloc.c", "malloc"));
	/* a test's malloc is never linked from non-test code; the test calls the near one */
	c = call_at(m, "tests/t_alloc.c", 11);
	CHECK(c && c->target == MODEL_TARGET_AMBIGUOUS);
	/* ambiguity kept: two xalloc at the same distance */
	c = call_at(m, "usr/cmd/ls.c", 6);
	CHECK(c && c->target == MODEL_TARGET_AMBIGUOUS && c->ncands == 2);
	CHECK(c && c->alloc_site);
	/* external backend */
	c = call_at(m, "kern/kalloc.c", 25);
	CHECK(c && c->node == node_of(m, NULL, "kmem_alloc_wired"));
	CHECK(c && (m->nodes[c->node].flags & MODEL_NODE_BACKEND) && (m->nodes[c->node].flags & MODEL_NODE_EXTERNAL));
	/* dispatch joins the registration */
	c = call_at(m, "zz/slab.c", 31);
	CHECK(c && c->target == MODEL_TARGET_DISPATCH && c->node == node_of(m, "zz/slab.c", "slab_alloc"));
	/* the root wrapper's kalloc(n): only the sized kalloc takes one argument */
	c = call_at(m, "malloc.c", 4);
	CHECK(c && c->target == MODEL_TARGET_NODE && c->node == node_of(m, "kern/kalloc.c", "kalloc"));
	model_destroy(m);
}

/* classification */
static void case_classify_entries(void)
{
	struct model *m = fixture_main();

	if (!m)
		return;
	int32_t n;
	n = node_of(m, "tests/t_alloc.c", "test_alloc");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_TEST) && m->nodes[n].impl < 0);
	CHECK(!(m->nodes[n].flags & MODEL_NODE_ALLOC));
	n = node_of(m, "kern/ipc.c", "ipc_kmsg_alloc");
	CHECK(n >= 0 && !(m->nodes[n].flags & MODEL_NODE_ALLOC));
	n = node_of(m, "kern/kalloc.c", "kalloc");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_ALLOC) && !(m->nodes[n].flags & MODEL_NODE_WRAPPER));
	n = node_of(m, "kern/kalloc.c", "kfree");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_FREE));
	n = node_of(m, "xv6/kalloc.c", "kalloc");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_ALLOC));
	n = node_of(m, "sys/malloc.c", "malloc");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_ALLOC));
	n = node_of(m, "sys/malloc.c", "mfree");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_FREE));
	n = node_of(m, "sys/proc.c", "newproc");
	CHECK(n >= 0 && m->nodes[n].impl < 0);
	n = node_of(m, "malloc.c", "malloc");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_WRAPPER));
	n = node_of(m, "usr/lib/libc/malloc.c", "free");
	CHECK(n >= 0 && (m->nodes[n].flags & MODEL_NODE_FREE));
	model_destroy(m);
}

/* implementations: roles, domains, chains */
static void case_impl_roles_chains(void)
{
	struct model *m = fixture_main();

	if (!m)
		return;
	int seen = 0;
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		if (strcmp(impl->files[0], "kern/kalloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_KERNEL);
			CHECK_EQ(impl->domain, MODEL_DOMAIN_KERNEL);
			CHECK_EQ(impl->nchain, 3);
			if (impl->nchain == 3) {
				CHECK_STREQ(m->nodes[impl->chain[0]].name, "kalloc");
				CHECK_STREQ(m->nodes[impl->chain[1]].name, "zalloc");
				CHECK_STREQ(m->nodes[impl->chain[2]].name, "kmem_alloc_wired");
			}
			CHECK_EQ(impl->calls, 3);       /* two kern/ipc.c sites, one from malloc.c */
			CHECK_EQ(impl->fanin_funcs, 2);
			CHECK_EQ(impl->fanin_files, 2);
			CHECK_EQ(impl->threading, MODEL_THREAD_NONE); /* its simple_lock is in #if 0 */
		} else if (strcmp(impl->files[0], "kern/zalloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_FIXED);
			CHECK(impl->threading & MODEL_THREAD_SPIN);
		} else if (strcmp(impl->files[0], "xv6/kalloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_PAGE);
		} else if (strcmp(impl->files[0], "sys/malloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_RMAP);
			CHECK_EQ(impl->domain, MODEL_DOMAIN_KERNEL);
			CHECK(impl->self_contained);
		} else if (strcmp(impl->files[0], "usr/lib/libc/malloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_GENERAL);
			CHECK_EQ(impl->domain, MODEL_DOMAIN_USER);
			CHECK(impl->threading & MODEL_THREAD_MUTEX);
			CHECK_EQ(impl->nchain, 2);
		} else if (strcmp(impl->files[0], "malloc.c") == 0) {
			seen++;
			CHECK_EQ(impl->role, MODEL_ROLE_WRAPPER);
			CHECK_EQ(impl->domain, MODEL_DOMAIN_ROOT);
		}
		CHECK(strncmp(impl->files[0], "tests/", 6) != 0);
	}
	CHECK_EQ(seen, 6);
	model_destroy(m);
}

/* RF: stateful implementations over distinct roles (wrapper excluded) */
static void case_measure_rf(void)
{
	struct model *m = fixture_main();

	if (!m)
		return;
	uint32_t wrappers = 0;
	for (uint32_t k = 0; k < m->nimpls; k++)
		wrappers += m->impls[k].role == MODEL_ROLE_WRAPPER;
	/* kern/kalloc (kernel), kern/zalloc + zz/slab (fixed), sys/malloc (rmap), libc + two
	 * xalloc (general), xv6/kalloc (page): I = 8, R = 5; malloc.c is the one wrapper */
	CHECK_EQ(wrappers, 1);
	CHECK_EQ(m->rf.impls, 8);
	CHECK_EQ(m->rf.roles, 5);
	model_destroy(m);
}

/* determinism: a second model of the same tree gives the same answers */
static void case_model_deterministic(void)
{
	struct model *m = fixture_main();
	const char *err;
	unsigned line;

	if (!m)
		return;
	struct model_vocab *v2 = model_vocab_create(NULL, &err, &line);
	struct model *m2 = model_create(&tree, v2, 0);
	CHECK(m2 != NULL);
	if (m2) {
		CHECK_EQ(m2->nimpls, m->nimpls);
		for (uint32_t k = 0; k < m->nimpls && k < m2->nimpls; k++)
			CHECK_STREQ(m2->impls[k].name, m->impls[k].name);
		CHECK_EQ(m2->alloc_sites, m->alloc_sites);
	}
	model_destroy(m2);
	model_destroy(m);
}

/* Vocabulary: a missing file and a bad word class are refused, with the line. */
static void case_vocab_errors(void)
{
	const char *err;
	unsigned line;
	CHECK(model_vocab_create("/nonexistent/vocab", &err, &line) == NULL);
	{
		char path[] = "/tmp/strata-vocab-XXXXXX";
		int fd = mkstemp(path);
		FILE *vf = fd >= 0 ? fdopen(fd, "w") : NULL;
		CHECK(vf != NULL);
		if (vf) {
			fputs("# ok\nbackend my_page_source\nnonsense foo\n", vf);
			fclose(vf);
			CHECK(model_vocab_create(path, &err, &line) == NULL);
			CHECK_EQ(line, 3);
			remove(path);
		}
	}
}

/* vocabulary: a user's folder word changes a domain (zz/ is no folder word built in) */
static void case_vocab_user_domain(void)
{
	struct model *m = fixture_main();
	const char *err;
	unsigned line;

	if (!m)
		return;
	char path[] = "/tmp/strata-vocab-XXXXXX";
	int fd = mkstemp(path);
	FILE *vf = fd >= 0 ? fdopen(fd, "w") : NULL;
	CHECK(vf != NULL);
	if (vf) {
		struct model_vocab *v3;
		struct model *m3;
		fputs("dir-kernel zz  # the slab folder is kernel code\n", vf);
		fclose(vf);
		v3 = model_vocab_create(path, &err, &line);
		CHECK(v3 != NULL);
		m3 = v3 ? model_create(&tree, v3, 0) : NULL;
		CHECK(m3 != NULL);
		for (uint32_t k = 0; m3 && k < m3->nimpls; k++)
			if (strcmp(m3->impls[k].files[0], "zz/slab.c") == 0)
				CHECK_EQ(m3->impls[k].domain, MODEL_DOMAIN_KERNEL);
		for (uint32_t k = 0; k < m->nimpls; k++)
			if (strcmp(m->impls[k].files[0], "zz/slab.c") == 0)
				CHECK_EQ(m->impls[k].domain, MODEL_DOMAIN_USER);
		model_destroy(m3);
		remove(path);
	}
	model_destroy(m);
}

/* a chain that stops at an ambiguous allocator call is not "self-contained" */
static void case_impl_chain_ambiguous(void)
{
	struct dig_file *f;
	int32_t fn;
	static const char *const G_F[] = { "front_state", NULL };
	static const char *const G_P[] = { "p_state", NULL };
	static const char *const G_Q[] = { "q_state", NULL };
	struct model *m4;
	nfiles = 0;
	f = file_add("p/back.c");
	global_add(f, "p_state", 1, 0, 0);
	fn = func_add(f, "back_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_P, 3);
	call_add(f, fn, "sbrk", 1, 4);
	f = file_add("q/back.c");
	global_add(f, "q_state", 1, 0, 0);
	fn = func_add(f, "back_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_Q, 3);
	call_add(f, fn, "sbrk", 1, 4);
	f = file_add("x/front.c");
	global_add(f, "front_state", 1, 0, 0);
	fn = func_add(f, "front_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_F, 3);
	call_add(f, fn, "back_alloc", 1, 5);
	tree_set();
	m4 = model_of_tree();
	for (uint32_t k = 0; m4 && k < m4->nimpls; k++) {
		const struct model_impl *impl = &m4->impls[k];
		if (strcmp(impl->files[0], "x/front.c") == 0) {
			CHECK_EQ(impl->nchain, 1);
			CHECK_STREQ(impl->chain_ambiguous, "back_alloc");
			CHECK_EQ(impl->chain_ambiguous_cands, 2);
			CHECK(!impl->self_contained);
		} else {
			CHECK_EQ(impl->nchain, 2); /* back_alloc -> sbrk */
		}
	}
	CHECK(m4 && m4->nimpls == 3);
	model_destroy(m4);
}

/* grouping (defect 3): a type name the parser took for a global shares nothing; a
 * real global shared by two files of one folder joins them; a face over an engine whose
 * state it reads stays a layer of its own; kernel and library never join */
static void case_group_shared_state(void)
{
	struct dig_file *f;
	int32_t fn;
	static const char *const T_VMOFF[] = { "vm_offset_t" };
	static const char *const G_ZT[] = { "vm_offset_t", "zone_pool", NULL };
	static const char *const G_LT[] = { "lmm_regions", "vm_offset_t", NULL };
	static const char *const G_POOL[] = { "pool_head", NULL };
	static const char *const G_ENG[] = { "engine_state", NULL };
	static const char *const G_SH[] = { "shared_cnt", NULL };
	struct model *m5;
	nfiles = 0;
	f = file_add("a/zalloc.c");
	global_add(f, "vm_offset_t", 0, 0, 0); /* `decl_lock(x)` + `vm_offset_t end;` misread */
	global_add(f, "zone_pool", 1, 0, 0);
	func_add(f, "zalloc", "vm_offset_t", 0, 0, T_ZONE, N_ZONE, 1, G_ZT, 3);
	func_add(f, "zfree", "void", 0, 0, T_VMOFF, N_PTR, 1, G_ZT, 9);
	f = file_add("b/lmm.c");
	global_add(f, "lmm_regions", 1, 0, 0);
	func_add(f, "lmm_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_LT, 3);
	f = file_add("c/pool.c");
	global_add(f, "pool_head", 0, 0, 0);
	global_type(f, "struct pool *");
	func_add(f, "pool_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_POOL, 3);
	f = file_add("c/pool_more.c");
	func_add(f, "pool_alloc_more", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_POOL, 3);
	f = file_add("d/engine.c");
	global_add(f, "engine_state", 0, 0, 0);
	global_type(f, "struct engine");
	func_add(f, "engine_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_ENG, 3);
	f = file_add("d/face.c");
	fn = func_add(f, "face_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_ENG, 3);
	call_add(f, fn, "engine_alloc", 1, 5);
	f = file_add("kern/kshare.c");
	global_add(f, "shared_cnt", 0, 0, 0);
	global_type(f, "struct share *");
	func_add(f, "kshare_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_SH, 3);
	f = file_add("lib/ushare.c");
	func_add(f, "ushare_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_SH, 3);
	tree_set();
	m5 = model_of_tree();
	for (uint32_t k = 0; m5 && k < m5->nimpls; k++) {
		const struct model_impl *impl = &m5->impls[k];
		if (strcmp(impl->files[0], "c/pool.c") == 0)
			CHECK_EQ(impl->nfiles, 2); /* pool.c + pool_more.c share pool_head */
		else
			CHECK_EQ(impl->nfiles, 1);
	}
	/* a/zalloc, b/lmm, c/pool(+more), d/engine, d/face, kern/kshare, lib/ushare */
	CHECK(m5 && m5->nimpls == 7);
	model_destroy(m5);
}

/* entry points (defect 5): a lone release function that forwards its pointer, one that
 * shares the allocator's state from another file, and an arena allocator returning a
 * struct pointer are entry points; a constructor that calls an allocator is not */
static void case_classify_lone_release(void)
{
	struct dig_file *f;
	int32_t fn;
	static const char *const G_HEAP[] = { "heap", NULL };
	static const char *const G_ALLOCP[] = { "allocp", NULL };
	static const char *const G_BUFS[] = { "nbufs", NULL };
	static const char *const T_KR[] = { "int" };
	static const char *const N_KR[] = { "nbytes" };
	struct model *m6;
	int32_t n;
	nfiles = 0;
	f = file_add("e/free.c");
	fn = func_add(f, "free", "void", 0, 0, T_PTR, N_PTR, 1, NULL, 3);
	call_add(f, fn, "__libc_free", 1, 5)->args = "p";
	f = file_add("e/impl/free.c");
	func_add(f, "__libc_free", "void", 0, 0, T_PTR, N_PTR, 1, G_HEAP, 3);
	f = file_add("e/impl/malloc.c");
	global_add(f, "heap", 0, 0, 0);
	global_type(f, "struct heap");
	func_add(f, "__libc_malloc_impl", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_HEAP, 3);
	f = file_add("f77/malloc.c");
	global_add(f, "allocp", 1, 0, 0);
	fn = func_add(f, "malloc", "struct store *", 1, 0, T_KR, N_KR, 1, G_ALLOCP, 3);
	files[nfiles - 1].funcs[fn].knr = 1;
	call_add(f, fn, "sbrk", 1, 8);
	f = file_add("g/buf.c");
	global_add(f, "nbufs", 1, 0, 0);
	fn = func_add(f, "buf_alloc", "struct buf *", 1, 0, T_SIZE, N_SIZE, 1, G_BUFS, 3);
	call_add(f, fn, "__libc_malloc_impl", 1, 5);
	tree_set();
	m6 = model_of_tree();
	if (m6) {
		n = node_of(m6, "e/free.c", "free");
		CHECK(n >= 0 && (m6->nodes[n].flags & MODEL_NODE_FREE) && (m6->nodes[n].flags & MODEL_NODE_WRAPPER));
		n = node_of(m6, "e/impl/free.c", "__libc_free");
		CHECK(n >= 0 && (m6->nodes[n].flags & MODEL_NODE_FREE));
		n = node_of(m6, "f77/malloc.c", "malloc");
		CHECK(n >= 0 && (m6->nodes[n].flags & MODEL_NODE_ALLOC));
		n = node_of(m6, "g/buf.c", "buf_alloc");
		CHECK(n >= 0 && !(m6->nodes[n].flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)));
	}
	model_destroy(m6);
}

/* redundancy (defect 8): two builds of one API in sibling folders count once; a layer
 * that keeps no variable of its own is not counted */
static void case_measure_alternatives(void)
{
	struct dig_file *f;
	int32_t fn;
	static const char *const G_NG[] = { "ng_ctx", NULL };
	static const char *const G_OLD[] = { "old_bins", NULL };
	struct model *m7;
	nfiles = 0;
	f = file_add("m/ng/malloc.c");
	global_add(f, "ng_ctx", 0, 0, 0);
	func_add(f, "__libc_malloc_impl", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_NG, 3);
	func_add(f, "__libc_free", "void", 0, 0, T_PTR, N_PTR, 1, G_NG, 20);
	f = file_add("m/ng/realloc.c");
	fn = func_add(f, "__libc_realloc", "void *", 1, 0, (const char *const[]){ "void *", "size_t" },
	              (const char *const[]){ "p", "n" }, 2, G_NG, 3);
	call_add(f, fn, "__libc_malloc_impl", 1, 6);
	call_add(f, fn, "memcpy", 3, 7);
	call_add(f, fn, "memmove", 3, 8);
	call_add(f, fn, "get_meta", 1, 9);
	call_add(f, fn, "__libc_free", 1, 10);
	files[nfiles - 1].funcs[fn].loc = 30;
	f = file_add("m/old/malloc.c");
	global_add(f, "old_bins", 1, 1, 512);
	func_add(f, "__libc_malloc_impl", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_OLD, 3);
	func_add(f, "__libc_free", "void", 0, 0, T_PTR, N_PTR, 1, G_OLD, 20);
	f = file_add("x/arena.c");
	global_add(f, "arena_top", 1, 0, 0);
	func_add(f, "arena_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, (const char *const[]){ "arena_top", NULL }, 3);
	tree_set();
	m7 = model_of_tree();
	if (m7) {
		CHECK_EQ(m7->nimpls, 4);
		CHECK_EQ(m7->rf.alternatives, 1); /* m/old: the same two public names as m/ng */
		CHECK_EQ(m7->rf.layers, 1);       /* m/ng/realloc.c works on ng_ctx */
		CHECK_EQ(m7->rf.impls, 2);        /* m/ng, x/arena */
		CHECK_EQ(m7->rf.roles, 1);
	}
	model_destroy(m7);
}

/* link units: a program's private definition is no candidate outside the program (a
 * subfolder of a programs folder, or a user folder holding a main); libraries are
 * shared; programs never merge with a library through a global */
static void case_link_units(void)
{
	struct dig_file *f;
	int32_t fn;
	static const char *const G_RTLD[] = { "rtld_top", "heap_peak", NULL };
	static const char *const G_LIBC[] = { "libc_free", NULL };
	static const char *const G_MAP[] = { "map_top", "heap_peak", NULL };
	static const char *const G_POOL[] = { "pool_top", NULL };
	struct model *m8;
	nfiles = 0;
	f = file_add("k/cmd/ld/rtld/malloc.c");
	global_add(f, "rtld_top", 1, 0, 0);
	global_add(f, "heap_peak", 0, 0, 0);
	func_add(f, "malloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_RTLD, 3);
	f = file_add("k/cmd/ld/rtld/use.c");
	fn = func_add(f, "setup", "int", 0, 0, T_VOID, N_NONE, 1, NULL, 3);
	call_add(f, fn, "malloc", 1, 5);
	f = file_add("k/cmd/ls/ls.c");
	fn = func_add(f, "main", "int", 0, 0, T_VOID, N_NONE, 1, NULL, 3);
	call_add(f, fn, "malloc", 1, 5);
	f = file_add("k/lib/libc/malloc.c");
	global_add(f, "libc_free", 1, 0, 0);
	func_add(f, "malloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_LIBC, 3);
	f = file_add("k/lib/libmap/map.c");
	global_add(f, "map_top", 1, 0, 0);
	func_add(f, "map_alloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_MAP, 3);
	f = file_add("usr/games/a/a.c");
	fn = func_add(f, "main", "int", 0, 0, T_VOID, N_NONE, 1, NULL, 3);
	call_add(f, fn, "malloc", 1, 5);
	f = file_add("usr/games/a/pool.c");
	global_add(f, "pool_top", 1, 0, 0);
	func_add(f, "malloc", "void *", 1, 0, T_SIZE, N_SIZE, 1, G_POOL, 3);
	f = file_add("usr/games/b/b.c");
	fn = func_add(f, "main", "int", 0, 0, T_VOID, N_NONE, 1, NULL, 3);
	call_add(f, fn, "malloc", 1, 5);
	tree_set();
	m8 = model_of_tree();
	if (m8) {
		int32_t libc = node_of(m8, "k/lib/libc/malloc.c", "malloc");
		const struct model_call *c;
		CHECK(libc >= 0);
		CHECK_EQ(m8->unit_len[2], strlen("k/cmd/ls/"));  /* cmd/ls/ is a program */
		CHECK_EQ(m8->unit_len[3], 0);                     /* a library: shared */
		CHECK_EQ(m8->unit_len[6], strlen("usr/games/a/")); /* a user folder with main */
		c = call_at(m8, "k/cmd/ld/rtld/use.c", 5);        /* inside rtld's program */
		CHECK(c && c->target == MODEL_TARGET_NODE &&
		      c->node == node_of(m8, "k/cmd/ld/rtld/malloc.c", "malloc"));
		c = call_at(m8, "k/cmd/ls/ls.c", 5);              /* before: rtld's, the nearest */
		CHECK(c && c->target == MODEL_TARGET_NODE && c->node == libc);
		c = call_at(m8, "usr/games/a/a.c", 5);            /* its own folder's pool */
		CHECK(c && c->target == MODEL_TARGET_NODE &&
		      c->node == node_of(m8, "usr/games/a/pool.c", "malloc"));
		c = call_at(m8, "usr/games/b/b.c", 5);            /* not a's pool */
		CHECK(c && c->target == MODEL_TARGET_NODE && c->node == libc);
		/* heap_peak: defined by rtld, used by libmap: another program's global */
		CHECK(m8->nodes[node_of(m8, "k/lib/libmap/map.c", "map_alloc")].impl !=
		      m8->nodes[node_of(m8, "k/cmd/ld/rtld/malloc.c", "malloc")].impl);
	}
	model_destroy(m8);
}

/* A corrupted model fails model_verify, each invariant with its own text: the check can
 * fail, so the debug build's assertions mean something. */
static void case_model_verify_catches(void)
{
	struct model *m = fixture_main();
	struct model_edge e;
	int32_t impl;
	uint32_t x = 0, member;
	if (!m)
		return;
	CHECK(model_verify(m, MODEL_STAGE_MEASURE) == NULL);
	CHECK(m->nedges >= 2);
	if (m->nedges >= 2) {
		/* two edges out of order */
		e = m->edges[0];
		m->edges[0] = m->edges[1];
		m->edges[1] = e;
		CHECK(model_verify(m, MODEL_STAGE_LINK) != NULL);
		m->edges[1] = m->edges[0];
		m->edges[0] = e;
	}
	CHECK(model_verify(m, MODEL_STAGE_MEASURE) == NULL);
	/* a member that names another implementation */
	CHECK(m->nimpls > 1 && m->impls[0].nnodes > 0);
	if (m->nimpls > 1 && m->impls[0].nnodes > 0) {
		member = m->impls[0].nodes[0];
		impl = m->nodes[member].impl;
		m->nodes[member].impl = 1;
		CHECK_STREQ(model_verify(m, MODEL_STAGE_MEASURE), "a member of an implementation does not name it back");
		m->nodes[member].impl = impl;
	}
	/* a call's facts index out of range */
	CHECK(m->ncalls > 0);
	if (m->ncalls > 0) {
		x = m->calls[0].index;
		m->calls[0].index = 1000;
		CHECK_STREQ(model_verify(m, MODEL_STAGE_LINK),
		            "a call's facts index is out of range or in a file that is not live");
		m->calls[0].index = x;
	}
	/* external names out of order */
	CHECK(m->nnodes >= m->ndefs + 2);
	if (m->nnodes >= m->ndefs + 2) {
		const char *name = m->nodes[m->ndefs].name;
		m->nodes[m->ndefs].name = m->nodes[m->ndefs + 1].name;
		m->nodes[m->ndefs + 1].name = name;
		CHECK_STREQ(model_verify(m, MODEL_STAGE_LINK), "external names are not sorted and unique");
		m->nodes[m->ndefs + 1].name = m->nodes[m->ndefs].name;
		m->nodes[m->ndefs].name = name;
	}
	CHECK(model_verify(m, MODEL_STAGE_MEASURE) == NULL);
	model_destroy(m);
}

/* The cases, by name: a failure names its case. */
static const struct {
	const char *name;
	void (*run)(void);
} cases[] = {
	{ "model.link_scope", case_link_scope },
	{ "model.link_arity_nearness", case_link_arity_nearness },
	{ "model.link_units", case_link_units },
	{ "model.classify_entries", case_classify_entries },
	{ "model.classify_lone_release", case_classify_lone_release },
	{ "model.group_shared_state", case_group_shared_state },
	{ "model.impl_roles_chains", case_impl_roles_chains },
	{ "model.impl_chain_ambiguous", case_impl_chain_ambiguous },
	{ "model.measure_rf", case_measure_rf },
	{ "model.measure_alternatives", case_measure_alternatives },
	{ "model.deterministic", case_model_deterministic },
	{ "model.vocab_errors", case_vocab_errors },
	{ "model.vocab_user_domain", case_vocab_user_domain },
	{ "model.verify_catches", case_model_verify_catches },
};

/* Run every case, or those whose names contain one of the arguments. */
int main(int argc, char **argv)
{
	int ran = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long before = check_failed;
		int wanted = argc < 2;
		for (int a = 1; a < argc && !wanted; a++)
			wanted = strstr(cases[i].name, argv[a]) != NULL;
		if (!wanted)
			continue;
		cases[i].run();
		ran++;
		printf("%s: %s\n", cases[i].name, check_failed == before ? "ok" : "FAILED");
	}
	if (ran == 0)
		fprintf(stderr, "no case matches the arguments\n");
	return check_done();
}
