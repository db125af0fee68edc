/*
 * tests/dig/scan/test_scan_cache.c: the fact cache. A second scan re-parses nothing; a
 * touched file is re-parsed alone; facts from the cache equal fresh facts field by field;
 * dig_cache_load gives the same tree; cached facts are as compact as fresh ones (strings
 * interned per file, one block no larger than the parse's); a cache corrupted anywhere
 * (every byte flipped in turn over the header and a sample of the rest, truncations) is
 * ignored or partly used, never trusted into a crash, by a load or a scan; an unwritable
 * cache folder is a diagnostic. Keys: content (XXH3), with the times as a shortcut only
 * when size, mtime, ctime and inode match and the record is not racy; a same-length edit
 * with the mtime put back is parsed again; a flipped byte in a record is said and parsed.
 * A file is parsed again when a header it includes gives its #if conditions other values.
 */
#include <fcntl.h>
#include <time.h>

#include "dig/scan/arena.h"
#include "scan_test.h"
#include "scan_tree.h"

static const char *const exts[] = { ".c", ".h" };

/* Options every scan here shares: root, .c and .h, default excludes, 2 jobs, cache in dir. */
static void scan_opts(struct dig_scan_opts *o, const char *root, const char *dir)
{
	memset(o, 0, sizeof(*o));
	o->root = root;
	o->exts = exts;
	o->nexts = 2;
	o->default_excludes = 1;
	o->jobs = 2;
	o->cache_dir = dir;
}

/* Scan root with the cache in dir and these deep words (NULL: none). */
static struct dig_tree *scan_with_words(const char *root, const char *dir, const char *const *words, int n)
{
	struct dig_scan_opts o;
	struct dig_tree *t = NULL;
	const char *err;

	scan_opts(&o, root, dir);
	o.deep_words = words;
	o.ndeep_words = n;
	if (dig_scan(&o, &t, &err) != 0)
		return NULL;
	return t;
}

/* Scan root with the cache in dir, one exclude (or NULL) and cache_fresh. */
static struct dig_tree *scan_excluding(const char *root, const char *dir, const char *exclude, int fresh)
{
	struct dig_scan_opts o;
	struct dig_tree *t = NULL;
	const char *err;

	scan_opts(&o, root, dir);
	o.excludes = &exclude;
	o.nexcludes = exclude ? 1 : 0;
	o.cache_fresh = fresh;
	if (dig_scan(&o, &t, &err) != 0)
		return NULL;
	return t;
}

/* Is path among the files of the cache in dir? */
static int cache_has(const char *dir, const char *path)
{
	struct dig_tree *t = NULL;
	int found = 0;

	if (dig_cache_load(dir, &t) != 0)
		return -1;
	for (uint32_t i = 0; i < t->nfiles; i++)
		found |= strcmp(t->files[i].path, path) == 0;
	dig_tree_free(t);
	return found;
}

/* A re-scan that no longer reads a file drops its entry: the cache holds this scan's files
 * only, with the cache read (the unchanged files are hits) or written fresh. */
static void test_stale(const char *root, const char *dir)
{
	CHECK(tree_put(root, "keep.c", "int keep(void) { return kalloc(1); }\n") == 0);
	CHECK(tree_put(root, "gone/old.c", "int old(void) { return kalloc(2); }\n") == 0);
	struct dig_tree *t = scan_excluding(root, dir, NULL, 0);
	CHECK(t && t->nfiles == 2 && cache_has(dir, "gone/old.c") == 1);
	dig_tree_free(t);
	t = scan_excluding(root, dir, "gone", 0);
	CHECK(t && t->nfiles == 1 && t->cached == 1);
	CHECK(cache_has(dir, "gone/old.c") == 0 && cache_has(dir, "keep.c") == 1);
	dig_tree_free(t);
	t = scan_excluding(root, dir, NULL, 0);
	CHECK(t && t->nfiles == 2 && t->cached == 1 && cache_has(dir, "gone/old.c") == 1);
	dig_tree_free(t);
	t = scan_excluding(root, dir, "gone", 1);     /* fresh: nothing read, the cache rewritten */
	CHECK(t && t->nfiles == 1 && t->cached == 0 && t->parsed == 1);
	CHECK(cache_has(dir, "gone/old.c") == 0 && cache_has(dir, "keep.c") == 1);
	dig_tree_free(t);
}

/* Scan root with the cache in dir. */
static struct dig_tree *scan_with_cache(const char *root, const char *dir)
{
	return scan_with_words(root, dir, NULL, 0);
}

/* Equal strings, both NULL allowed. */
static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Compare two files' facts field by field (every field of facts.h but the arena). */
static int same_facts(const struct dig_file *a, const struct dig_file *b)
{
	if (strcmp(a->path, b->path) || a->size != b->size || a->hash != b->hash || a->lines != b->lines ||
	    a->loc != b->loc || a->status != b->status || a->nfuncs != b->nfuncs || a->ncalls != b->ncalls ||
	    a->nmacros != b->nmacros || a->nregs != b->nregs || a->nglobals != b->nglobals ||
	    a->nevidence != b->nevidence || a->dead_lines != b->dead_lines || a->dead_calls != b->dead_calls ||
	    a->shallow != b->shallow || a->syntax_errors != b->syntax_errors || a->mtime_ns != b->mtime_ns ||
	    a->dead_branches != b->dead_branches || a->lexed_defs != b->lexed_defs || a->lexed_line != b->lexed_line ||
	    a->nundefs != b->nundefs ||
	    !same_str(a->reason, b->reason) || !same_str(a->copy_of, b->copy_of))
		return 0;
	for (uint32_t i = 0; i < a->nfuncs; i++) {
		const struct dig_func *x = &a->funcs[i], *y = &b->funcs[i];
		if (strcmp(x->name, y->name) || strcmp(x->written_name, y->written_name) ||
		    strcmp(x->return_type, y->return_type) || x->returns_pointer != y->returns_pointer ||
		    x->nparams != y->nparams || x->is_static != y->is_static || x->dead != y->dead ||
		    x->line != y->line || x->end_line != y->end_line || x->loc != y->loc || x->knr != y->knr ||
		    x->body_parsed != y->body_parsed || x->body != y->body || x->nglobals_used != y->nglobals_used)
			return 0;
		if ((x->nparams > 0) != (x->param_types != NULL) || (x->nparams > 0) != (y->param_types != NULL))
			return 0;
		for (int k = 0; k < x->nparams; k++)
			if (strcmp(x->param_types[k], y->param_types[k]) || strcmp(x->param_names[k], y->param_names[k]))
				return 0;
		for (uint32_t k = 0; k < x->nglobals_used; k++)
			if (strcmp(x->globals_used[k], y->globals_used[k]))
				return 0;
	}
	for (uint32_t i = 0; i < a->ncalls; i++) {
		const struct dig_call *x = &a->calls[i], *y = &b->calls[i];
		if (strcmp(x->callee, y->callee) || strcmp(x->written, y->written) ||
		    !same_str(x->via_macro, y->via_macro) || !same_str(x->dispatch_type, y->dispatch_type) ||
		    strcmp(x->args, y->args) || x->func != y->func || x->nargs != y->nargs || x->kind != y->kind ||
		    x->line != y->line || x->col != y->col || x->dead != y->dead || x->discarded != y->discarded)
			return 0;
	}
	for (uint32_t i = 0; i < a->nmacros; i++) {
		const struct dig_macro *x = &a->macros[i], *y = &b->macros[i];
		if (strcmp(x->name, y->name) || x->function_like != y->function_like || x->nparams != y->nparams ||
		    strcmp(x->body, y->body) || !same_str(x->renames_to, y->renames_to) || x->dead != y->dead ||
		    x->line != y->line || x->ncalls != y->ncalls || x->undef_line != y->undef_line)
			return 0;
		for (uint32_t k = 0; k < x->ncalls; k++)
			if (strcmp(x->calls[k], y->calls[k]))
				return 0;
	}
	for (uint32_t i = 0; i < a->nundefs; i++)
		if (strcmp(a->undefs[i].name, b->undefs[i].name) || a->undefs[i].line != b->undefs[i].line)
			return 0;
	for (uint32_t i = 0; i < a->nregs; i++) {
		const struct dig_reg *x = &a->regs[i], *y = &b->regs[i];
		if (!same_str(x->struct_type, y->struct_type) || !same_str(x->field, y->field) ||
		    strcmp(x->func, y->func) || x->in_func != y->in_func || x->dead != y->dead || x->line != y->line)
			return 0;
	}
	for (uint32_t i = 0; i < a->nglobals; i++) {
		const struct dig_global *x = &a->globals[i], *y = &b->globals[i];
		if (strcmp(x->name, y->name) || strcmp(x->type, y->type) || x->is_static != y->is_static ||
		    x->is_extern != y->is_extern || x->is_array != y->is_array || x->is_fnptr != y->is_fnptr || x->array_bytes != y->array_bytes ||
		    x->dead != y->dead || x->line != y->line)
			return 0;
	}
	for (uint32_t i = 0; i < a->nevidence; i++) {
		const struct dig_evidence *x = &a->evidence[i], *y = &b->evidence[i];
		if (x->kind != y->kind || strcmp(x->token, y->token) || strcmp(x->text, y->text) ||
		    x->func != y->func || x->dead != y->dead || x->line != y->line)
			return 0;
	}
	return 1;
}

/* Same files with the same facts? */
static int same_tree(const struct dig_tree *a, const struct dig_tree *b)
{
	if (!a || !b || a->nfiles != b->nfiles)
		return 0;
	for (uint32_t i = 0; i < a->nfiles; i++)
		if (!same_facts(&a->files[i], &b->files[i]))
			return 0;
	return 1;
}

/* Read a whole file. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Write a whole file. */
static void spit(const char *path, const char *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(b, 1, len, f);
		fclose(f);
	}
}

/* The cache cycle. */
static void test_cache(const char *root, const char *dir)
{
	char cpath[4096];

	CHECK(tree_put(root, "k.c",
	               "#define malloc(x) Malloc(x)\n"
	               "static struct ops o = { .alloc = kalloc };\n"
	               "char *\nkalloc(n)\nunsigned n;\n{ return malloc(n); }\n"
	               "#if 0\nvoid d(void) { dead(); }\n#endif\n"
	               "#define MGET(m) do { (m) = m_get(1); } while (0)\n#undef MGET\n#undef other\n") == 0);
	CHECK(tree_put(root, "z.c", "static pthread_mutex_t m; int z(int a) { return zalloc(a, 0xdeadbeef); }\n") == 0);
	CHECK(tree_put(root, "dup.c", "static pthread_mutex_t m; int z(int a) { return zalloc(a, 0xdeadbeef); }\n") == 0);
	CHECK(tree_write(root, "skip.c", "\0\0", 2) == 0);

	struct dig_tree *t1 = scan_with_cache(root, dir);
	CHECK(t1 && t1->nfiles == 4 && t1->parsed == 2 && t1->cached == 0 && t1->skipped == 1);
	CHECK(t1 && t1->shared == 1);   /* z.c is a copy of dup.c: not parsed twice */
	struct dig_tree *t2 = scan_with_cache(root, dir);
	CHECK(t2 && t2->cached == 3 && t2->parsed == 0);
	CHECK(same_tree(t1, t2));

	struct dig_tree *t3 = NULL;
	CHECK(dig_cache_load(dir, &t3) == 0);
	CHECK(t3 && t3->nfiles == 3);                 /* the skipped file is not cached */
	if (t3 && t1) {
		int k = 0;
		for (uint32_t i = 0; i < t1->nfiles; i++)
			if (t1->files[i].status != DIG_FILE_SKIPPED)
				CHECK_MSG(k < (int)t3->nfiles && same_facts(&t1->files[i], &t3->files[k++]),
				          "file %s", t1->files[i].path);
		CHECK(t3->files[2].copy_of && strcmp(t3->files[2].copy_of, "dup.c") == 0);
	}
	dig_tree_free(t3);

	/* Touch one file: only it is parsed again. */
	CHECK(tree_put(root, "z.c", "int z(int a) { return zalloc(a, 1) + zfree(a); }\n") == 0);
	struct dig_tree *t4 = scan_with_cache(root, dir);
	CHECK(t4 && t4->parsed == 1 && t4->cached == 2);
	const struct dig_file *z = NULL;
	for (uint32_t i = 0; t4 && i < t4->nfiles; i++)
		if (strcmp(t4->files[i].path, "z.c") == 0)
			z = &t4->files[i];
	CHECK(z && find_call(z, "zfree", 0) != NULL);
	dig_tree_free(t4);

	/* Corruption: flip each byte of the first 200 and every 7th after; truncate; garbage.
	 * Each load must either fail or give a tree; each scan must succeed. */
	tree_path(cpath, sizeof(cpath), dir, "facts.cache");
	size_t len = 0;
	char *good = slurp(cpath, &len);
	CHECK(good != NULL && len > 100);
	int loads = 0, fails = 0;
	for (size_t i = 0; good && i < len; i += i < 200 ? 1 : 7) {
		good[i] ^= 0x5a;
		spit(cpath, good, len);
		good[i] ^= 0x5a;
		struct dig_tree *c = NULL;
		if (dig_cache_load(dir, &c) == 0)
			loads++;
		else
			fails++;
		dig_tree_free(c);
	}
	CHECK(loads + fails > 0);
	CHECK(fails > 0);       /* the header bytes at least must be caught */
	for (size_t cut = 0; good && cut < len; cut += len / 13 + 1) {
		spit(cpath, good, cut);
		struct dig_tree *c = NULL;
		int rc = dig_cache_load(dir, &c);
		CHECK_MSG(rc == -1 || (c && c->nfiles <= 3), "cut at %zu", cut);
		dig_tree_free(c);
	}
	/* A corrupt cache is reported, ignored, and rewritten by the next scan. */
	spit(cpath, "STRATAFC garbage garbage garbage garbage", 40);
	struct dig_tree *t5 = scan_with_cache(root, dir);
	CHECK(t5 && t5->cached == 0 && t5->parsed == 3);
	int reported = 0;
	for (uint32_t i = 0; t5 && i < t5->ndiags; i++)
		reported |= strstr(t5->diags[i].reason, "cache") != NULL;
	CHECK(reported);
	dig_tree_free(t5);
	struct dig_tree *t6 = scan_with_cache(root, dir);
	CHECK(t6 && t6->cached == 3);
	dig_tree_free(t6);
	free(good);

	/* An unwritable cache location: a diagnostic, not a failure. */
	char bad[4096];
	tree_path(bad, sizeof(bad), root, "k.c/cache");      /* under a file */
	struct dig_tree *t7 = scan_with_cache(root, bad);
	CHECK(t7 != NULL);
	reported = 0;
	for (uint32_t i = 0; t7 && i < t7->ndiags; i++)
		reported |= strstr(t7->diags[i].reason, "cache") != NULL;
	CHECK(reported);
	dig_tree_free(t7);
	dig_tree_free(t1);
	dig_tree_free(t2);
	/* Facts made with other deep words are other facts: the cache is rebuilt; the shallow
	 * mark survives the cache. */
	static const char *const w1[] = { "kalloc" }, *const w2[] = { "zalloc" };
	struct dig_tree *a = scan_with_words(root, dir, w1, 1);
	struct dig_tree *b = scan_with_words(root, dir, w1, 1);
	struct dig_tree *c2 = scan_with_words(root, dir, w2, 1);
	CHECK(a && a->cached == 0 && b && b->cached == 3 && c2 && c2->cached == 0);
	CHECK(a && b && same_tree(a, b));
	int shallow_a = 0, shallow_b = 0;
	for (uint32_t i = 0; a && b && i < a->nfiles && i < b->nfiles; i++) {
		shallow_a += a->files[i].shallow;
		shallow_b += b->files[i].shallow;
	}
	CHECK(shallow_a > 0 && shallow_a == shallow_b);
	dig_tree_free(a);
	dig_tree_free(b);
	dig_tree_free(c2);
	/* No cache at all. */
	struct dig_tree *t8 = NULL;
	CHECK(dig_cache_load(root, &t8) == -1 && t8 == NULL);
}

/* Cached facts are as compact as fresh ones: decoded through a scan unit, their strings
 * are interned per file (one copy of a callee called twice) and packed into one block no
 * larger than the parse's; the same holds for dig_cache_load. A cache whose records are
 * corrupted or cut is read by a scan without a crash, the files it cannot use parsed. */
static void test_compact(const char *root, const char *dir)
{
	char cpath[4096];

	CHECK(tree_put(root, "a.c",
	               "#define GET(n) kalloc(n)\n"
	               "struct alloc_ops { void *(*get)(unsigned); };\n"
	               "static struct alloc_ops ops = { .get = kget };\n"
	               "static char pool[4 * 1024];\n"
	               "void *kget(unsigned n) { return kalloc(n); }\n"
	               "void twice(unsigned n, struct alloc_ops *o)\n"
	               "{ kfree(kalloc(n)); kfree(kalloc(n)); GET(n); o->get(n); (void)pool; }\n") == 0);
	CHECK(tree_put(root, "b.c", "int b(int x) { return x ? b(x - 1) : 0; }\n") == 0);
	struct dig_tree *t1 = scan_with_cache(root, dir);
	struct dig_tree *t2 = scan_with_cache(root, dir);
	struct dig_tree *t3 = NULL;
	CHECK(t1 && t1->parsed == 2 && t2 && t2->cached == 2 && t2->parsed == 0);
	CHECK(dig_cache_load(dir, &t3) == 0 && t3 && t3->nfiles == 2);
	CHECK(same_tree(t1, t2) && same_tree(t1, t3));
	const struct dig_tree *ts[] = { t1, t2, t3 };
	for (int k = 0; k < 3; k++) {
		const struct dig_file *f = ts[k] ? &ts[k]->files[0] : NULL;
		const struct dig_call *c1 = f ? find_call(f, "kalloc", 0) : NULL;
		const struct dig_call *c2 = NULL;
		for (uint32_t i = 0; f && c1 && i < f->ncalls; i++)
			if (&f->calls[i] != c1 && strcmp(f->calls[i].callee, "kalloc") == 0 &&
			    strcmp(f->calls[i].args, c1->args) == 0)
				c2 = &f->calls[i];
		CHECK_MSG(c1 && c2 && c1->callee == c2->callee && c1->args == c2->args, "tree %d: interned", k);
		CHECK_MSG(f && f->arena && t1->files[0].arena && f->arena->total <= t1->files[0].arena->total,
		          "tree %d: %zu bytes, fresh %zu", k, f && f->arena ? f->arena->total : 0,
		          t1->files[0].arena ? t1->files[0].arena->total : 0);
		CHECK_MSG(f && f->arena && f->arena->head && f->arena->total - f->arena->used < 64,
		          "tree %d: the block is sized exactly", k);
	}
	dig_tree_free(t1);
	dig_tree_free(t2);
	dig_tree_free(t3);

	/* Flip bytes past the header (the records) and cut the file: every scan succeeds and
	 * sees both files; a record it cannot decode is parsed again. */
	tree_path(cpath, sizeof(cpath), dir, "facts.cache");
	size_t len = 0;
	char *good = slurp(cpath, &len);
	CHECK(good != NULL && len > 100);
	int scans = 0;
	for (size_t i = 40; good && i < len; i += 13) {
		good[i] ^= 0xa5;
		spit(cpath, good, len);
		good[i] ^= 0xa5;
		struct dig_tree *t = scan_with_words(root, dir, NULL, 0);
		CHECK_MSG(t && t->nfiles == 2 && t->cached + t->parsed == 2, "flip at %zu", i);
		scans += t != NULL;
		dig_tree_free(t);
		spit(cpath, good, len);      /* the scan rewrote it: start from the good one */
	}
	for (size_t cut = 36; good && cut < len; cut += len / 7 + 1) {
		spit(cpath, good, cut);
		struct dig_tree *t = scan_with_words(root, dir, NULL, 0);
		CHECK_MSG(t && t->nfiles == 2 && t->cached + t->parsed == 2, "cut at %zu", cut);
		dig_tree_free(t);
	}
	CHECK(scans > 0);
	free(good);
}

/* The cache written on a thread (cache_later) while the caller reads the tree, as the
 * model does: the same cache as a serial write; dig_tree_free waits for it; a cache that
 * cannot be written is a diagnostic that dig_scan_cache_wait adds to the tree. */
static void test_later(const char *root, const char *dir)
{
	struct dig_scan_opts o;
	struct dig_tree *t = NULL, *back = NULL;
	const char *err;
	char blocked[4200];

	for (int i = 0; i < 40; i++) {
		char rel[32], text[160];
		snprintf(rel, sizeof(rel), "f%02d.c", i);
		snprintf(text, sizeof(text), "static char pool[64];\nvoid *get%d(unsigned n) { return kalloc(n + %d); }\n", i, i);
		CHECK(tree_put(root, rel, text) == 0);
	}
	scan_opts(&o, root, dir);
	o.cache_later = 1;
	CHECK(dig_scan(&o, &t, &err) == 0 && t && t->nfiles == 40);
	size_t bytes = 0;                  /* read every fact while the cache is written */
	for (uint32_t i = 0; t && i < t->nfiles; i++)
		for (uint32_t k = 0; k < t->files[i].ncalls; k++)
			bytes += strlen(t->files[i].calls[k].callee) + strlen(t->files[i].path);
	CHECK(bytes > 0);
	CHECK(t && dig_scan_cache_wait(t) == 0 && t->cache_job == NULL);
	CHECK(dig_scan_cache_wait(t) == 0);            /* a second wait: nothing to do */
	CHECK(dig_cache_load(dir, &back) == 0 && back && t && back->nfiles == t->nfiles);
	for (uint32_t i = 0; back && t && i < t->nfiles && i < back->nfiles; i++)
		CHECK_MSG(same_facts(&t->files[i], &back->files[i]), "file %s", t->files[i].path);
	dig_tree_free(back);
	dig_tree_free(t);

	/* freed without a wait: dig_tree_free waits (the cache is complete afterwards) */
	CHECK(tree_put(root, "f00.c", "int changed(void) { return kalloc(7); }\n") == 0);
	t = NULL;
	CHECK(dig_scan(&o, &t, &err) == 0 && t && t->parsed == 1);
	dig_tree_free(t);
	back = NULL;
	CHECK(dig_cache_load(dir, &back) == 0 && back && back->nfiles == 40 && cache_has(dir, "f00.c") == 1);
	CHECK(back && back->files[0].nfuncs == 1 && strcmp(back->files[0].funcs[0].name, "changed") == 0);
	dig_tree_free(back);

	/* the cache folder is a file: one diagnostic, after the wait */
	snprintf(blocked, sizeof(blocked), "%s/blocked", dir);
	CHECK(tree_put(dir, "blocked", "not a folder\n") == 0);
	o.cache_dir = blocked;
	t = NULL;
	CHECK(dig_scan(&o, &t, &err) == 0 && t);
	uint32_t before = t ? t->ndiags : 0;
	CHECK(t && dig_scan_cache_wait(t) == 1 && t->ndiags == before + 1 &&
	      strstr(t->diags[before].reason, "not cached") != NULL);
	dig_tree_free(t);
}

/* The file of path among t's, or NULL. */
static const struct dig_file *file_of(const struct dig_tree *t, const char *path)
{
	for (uint32_t i = 0; t && i < t->nfiles; i++)
		if (strcmp(t->files[i].path, path) == 0)
			return &t->files[i];
	return NULL;
}

/* Does some diagnostic of t name path and say `what`? */
static int said(const struct dig_tree *t, const char *path, const char *what)
{
	for (uint32_t i = 0; t && i < t->ndiags; i++)
		if (strcmp(t->diags[i].path, path) == 0 && strstr(t->diags[i].reason, what))
			return 1;
	return 0;
}

/* Keys: a hit is keyed on the content (XXH3); the times are a shortcut only when size,
 * mtime, ctime and inode all match and the record is not racy (read within 2 s of the
 * file's times). A same-length edit with the mtime put back is read and parsed again; a
 * flipped byte in a record is caught by its checksum, said, and the file parsed again. */
static void test_keys(const char *root, const char *dir)
{
	struct timespec aging = { 2, 100000000 };
	char path[4096], cpath[4096];
	struct stat st;

	CHECK(tree_put(root, "a.c", "int a(void) { return kalloc(1); }\n") == 0);
	CHECK(tree_put(root, "b.c", "int b(void) { return kalloc(2); }\n") == 0);
	struct dig_tree *t = scan_with_cache(root, dir);
	CHECK(t && t->parsed == 2 && file_of(t, "a.c") && file_of(t, "a.c")->racy);
	dig_tree_free(t);
	/* just written, just read: racy, so read and hashed again (and still a hit) */
	t = scan_with_cache(root, dir);
	CHECK(t && t->cached == 2 && t->rehashed == 2 && t->parsed == 0);
	dig_tree_free(t);
	nanosleep(&aging, NULL);
	t = scan_with_cache(root, dir);   /* read once more, old enough now: not racy */
	CHECK(t && t->cached == 2 && t->rehashed == 2 && file_of(t, "a.c") && !file_of(t, "a.c")->racy);
	dig_tree_free(t);
	t = scan_with_cache(root, dir);   /* the shortcut: nothing read */
	CHECK(t && t->cached == 2 && t->rehashed == 0 && t->parsed == 0);
	dig_tree_free(t);

	/* same length, mtime put back (touch -r, cp -p, tar do this): the ctime moved */
	tree_path(path, sizeof(path), root, "b.c");
	CHECK(stat(path, &st) == 0);
	CHECK(tree_put(root, "b.c", "int b(void) { return zalloc(2); }\n") == 0);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
	struct stat now;
	CHECK(stat(path, &now) == 0 && now.st_size == st.st_size && now.st_mtim.tv_sec == st.st_mtim.tv_sec &&
	      now.st_mtim.tv_nsec == st.st_mtim.tv_nsec);
	t = scan_with_cache(root, dir);
	CHECK(t && t->parsed == 1 && t->cached == 1);
	CHECK(t && file_of(t, "b.c") && find_call(file_of(t, "b.c"), "zalloc", 0) != NULL);
	dig_tree_free(t);
	nanosleep(&aging, NULL);
	t = scan_with_cache(root, dir);   /* b.c's record is racy (just read): clears it */
	dig_tree_free(t);

	/* a flipped byte inside a.c's record, past the fields the index reads */
	tree_path(cpath, sizeof(cpath), dir, "facts.cache");
	size_t len = 0;
	char *bytes = slurp(cpath, &len);
	size_t at = 0;
	for (size_t i = 0; bytes && i + 3 < len; i++)
		if (memcmp(bytes + i, "a.c", 3) == 0) {
			at = i + 3 + 44 + 8;      /* path, the five u64 and racy, then into the counts */
			break;
		}
	CHECK(at > 0 && at < len);
	if (at > 0 && at < len) {
		bytes[at] ^= 0x01;
		spit(cpath, bytes, len);
	}
	t = scan_with_cache(root, dir);
	CHECK(t && t->parsed == 1 && t->cached == 1);
	CHECK(said(t, "a.c", "damaged"));
	CHECK(t && file_of(t, "a.c") && find_call(file_of(t, "a.c"), "kalloc", 0) != NULL);
	dig_tree_free(t);
	t = scan_with_cache(root, dir);   /* rewritten: nothing to say */
	CHECK(t && !said(t, "a.c", "damaged") && t->parsed == 0);
	dig_tree_free(t);
	free(bytes);
}

/* A file's facts depend on the values its headers give its #if conditions (headers.c):
 * a header that now tells another value makes the files that include it parsed again,
 * and only those; unchanged, everything is a hit. */
static void test_header_values(const char *root, const char *dir)
{
	CHECK(tree_put(root, "inc/opt.h", "#ifndef CHECKS\n#define CHECKS 0\n#endif\n") == 0);
	CHECK(tree_put(root, "a.c", "#include \"inc/opt.h\"\n#if !CHECKS\nint fast(void) { return 1; }\n"
	                            "#else\nint slow(void) { return 2; }\n#endif\n") == 0);
	CHECK(tree_put(root, "b.c", "#if !CHECKS\nint b1(void) { return 0; }\n#else\nint b2(void) { return 0; }\n"
	                            "#endif\n") == 0);
	struct dig_tree *t = scan_with_cache(root, dir);
	const struct dig_file *a = t ? file_of(t, "a.c") : NULL, *b = t ? file_of(t, "b.c") : NULL;
	CHECK(t && t->parsed == 3);
	CHECK(a && a->dead_branches == 1 && find_func(a, "fast") && !find_func(a, "fast")->dead &&
	      find_func(a, "slow") && find_func(a, "slow")->dead);
	/* b.c includes nothing: CHECKS is the build's, both branches live */
	CHECK(b && b->dead_branches == 0 && find_func(b, "b1") && !find_func(b, "b1")->dead &&
	      find_func(b, "b2") && !find_func(b, "b2")->dead);
	dig_tree_free(t);
	t = scan_with_cache(root, dir);
	CHECK(t && t->parsed == 0 && t->cached == 3);
	dig_tree_free(t);
	/* the header now says CHECKS 1 for sure: a.c is parsed again, b.c is not */
	CHECK(tree_put(root, "inc/opt.h", "#define CHECKS 1 /* always checked */\n") == 0);
	t = scan_with_cache(root, dir);
	a = t ? file_of(t, "a.c") : NULL;
	CHECK(t && t->parsed == 2 && t->cached == 1);
	CHECK(a && a->dead_branches == 1 && find_func(a, "fast") && find_func(a, "fast")->dead &&
	      find_func(a, "slow") && !find_func(a, "slow")->dead);
	dig_tree_free(t);
	/* the same value in other words (a comment): a.c's facts stand, only the header is read */
	CHECK(tree_put(root, "inc/opt.h", "#define CHECKS 1 /* checked, always */\n") == 0);
	t = scan_with_cache(root, dir);
	CHECK(t && t->parsed == 1 && t->cached == 2);
	dig_tree_free(t);
}

int main(void)
{
	char root[4096], dir[4096];

	if (tree_make(root, sizeof(root), "cache-src") != 0 || tree_make(dir, sizeof(dir), "cache-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_cache(root, dir);
	tree_remove(root);
	tree_remove(dir);
	if (tree_make(root, sizeof(root), "stale-src") != 0 || tree_make(dir, sizeof(dir), "stale-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_stale(root, dir);
	tree_remove(root);
	tree_remove(dir);
	if (tree_make(root, sizeof(root), "later-src") != 0 || tree_make(dir, sizeof(dir), "later-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_later(root, dir);
	tree_remove(root);
	tree_remove(dir);
	if (tree_make(root, sizeof(root), "compact-src") != 0 || tree_make(dir, sizeof(dir), "compact-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_compact(root, dir);
	tree_remove(root);
	tree_remove(dir);
	if (tree_make(root, sizeof(root), "keys-src") != 0 || tree_make(dir, sizeof(dir), "keys-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_keys(root, dir);
	tree_remove(root);
	tree_remove(dir);
	if (tree_make(root, sizeof(root), "hdr-src") != 0 || tree_make(dir, sizeof(dir), "hdr-out") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_header_values(root, dir);
	tree_remove(root);
	tree_remove(dir);
	return check_done();
}
