/*
 * dig/scan/cache.c: the fact cache, so that a second dig (or a callers/callees/trace query)
 * re-parses only what changed.
 *
 * One file per cache folder, `facts.cache`, for one root. Layout (native byte order; the
 * header says which, and a cache from another byte order or version is ignored):
 *
 *   header   "STRATAFC" | u32 version (DIG_FACTS_VERSION) | u32 0x01020304 | str root |
 *            u64 hash of the deep words (0: none) | u32 nfiles
 *   file*    u64 record length | record
 *   record   str path | u64 size, mtime_ns, hash | u32 lines, loc, dead_lines, dead_calls |
 *            u32 status | str reason | u32 syntax_errors | u32 shallow |
 *            i32 copy_of (file index or -1) |
 *            funcs | calls | macros | regs | globals | evidence   (each: u32 count + items)
 *   str      u32 length (0xffffffff for NULL) + bytes
 *
 * Writing: into `facts.cache.tmp.<pid>` beside the target, then rename(2) over it, so a
 * killed run leaves the old cache or the new one, never half of one. Skipped files are not
 * stored (they may be readable next time).
 *
 * Reading: the file is mapped read-only; an index (path -> record) is built once, and a
 * lookup decodes one record into the caller's fresh arena. Every read is bounds-checked
 * against its record; counts are checked against the bytes left; a record that does not
 * decode exactly is treated as a miss, and a corrupt header or index makes the whole cache
 * empty with one diagnostic. The cache is never trusted blindly: a hit needs the same path,
 * size and mtime (nanoseconds), the rule make and git use.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/scan/scan_impl.h"

#define CACHE_MAGIC "STRATAFC"
#define CACHE_ENDIAN 0x01020304u
#define CACHE_NAME "facts.cache"
#define CACHE_NULL 0xffffffffu

/* One indexed record. */
struct cache_rec {
	const char *path;       /* points into the map (not NUL-terminated: plen bytes) */
	uint32_t plen;
	uint64_t size, mtime_ns;
	const unsigned char *rec;   /* record start */
	uint64_t len;               /* record length */
};

struct scan_cache {
	unsigned char *map;
	size_t maplen;
	struct cache_rec *recs;     /* sorted by path bytes */
	uint32_t nrecs;
};

/* ---- writing ---------------------------------------------------------------------- */

/* A growable byte buffer for one record. */
struct cache_buf {
	unsigned char *p;
	size_t n, cap;
	int oom;
};

/* Append bytes. */
static void cb_put(struct cache_buf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n)
			cap *= 2;
		unsigned char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* Append a u32. */
static void cb_u32(struct cache_buf *b, uint32_t v)
{
	cb_put(b, &v, sizeof(v));
}

/* Append a u64. */
static void cb_u64(struct cache_buf *b, uint64_t v)
{
	cb_put(b, &v, sizeof(v));
}

/* Append a string (NULL allowed). */
static void cb_str(struct cache_buf *b, const char *s)
{
	if (!s) {
		cb_u32(b, CACHE_NULL);
		return;
	}
	size_t n = strlen(s);
	cb_u32(b, (uint32_t)n);
	cb_put(b, s, n);
}

/* Serialise one file into b. */
static void cache_encode(struct cache_buf *b, const struct dig_file *f, int32_t copy_of)
{
	cb_str(b, f->path);
	cb_u64(b, f->size);
	cb_u64(b, f->mtime_ns);
	cb_u64(b, f->hash);
	cb_u32(b, f->lines);
	cb_u32(b, f->loc);
	cb_u32(b, f->dead_lines);
	cb_u32(b, f->dead_calls);
	cb_u32(b, (uint32_t)f->status);
	cb_str(b, f->reason);
	cb_u32(b, (uint32_t)f->syntax_errors);
	cb_u32(b, (uint32_t)f->shallow);
	cb_u32(b, (uint32_t)copy_of);
	cb_u32(b, f->nfuncs);
	for (uint32_t i = 0; i < f->nfuncs; i++) {
		const struct dig_func *x = &f->funcs[i];
		cb_str(b, x->name);
		cb_str(b, x->written_name);
		cb_str(b, x->return_type);
		cb_u32(b, (uint32_t)x->returns_pointer);
		cb_u32(b, (uint32_t)x->nparams);
		for (int k = 0; k < x->nparams; k++) {
			cb_str(b, x->param_types[k]);
			cb_str(b, x->param_names[k]);
		}
		cb_u32(b, (uint32_t)x->is_static);
		cb_u32(b, (uint32_t)x->knr);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
		cb_u32(b, x->end_line);
		cb_u32(b, x->loc);
		cb_u32(b, x->nglobals_used);
		for (uint32_t k = 0; k < x->nglobals_used; k++)
			cb_str(b, x->globals_used[k]);
	}
	cb_u32(b, f->ncalls);
	for (uint32_t i = 0; i < f->ncalls; i++) {
		const struct dig_call *x = &f->calls[i];
		cb_str(b, x->callee);
		cb_str(b, x->written);
		cb_str(b, x->via_macro);
		cb_str(b, x->dispatch_type);
		cb_str(b, x->args);
		cb_u32(b, (uint32_t)x->func);
		cb_u32(b, (uint32_t)x->nargs);
		cb_u32(b, (uint32_t)x->kind);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
		cb_u32(b, x->col);
	}
	cb_u32(b, f->nmacros);
	for (uint32_t i = 0; i < f->nmacros; i++) {
		const struct dig_macro *x = &f->macros[i];
		cb_str(b, x->name);
		cb_u32(b, (uint32_t)x->function_like);
		cb_u32(b, (uint32_t)x->nparams);
		cb_str(b, x->body);
		cb_str(b, x->renames_to);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
	}
	cb_u32(b, f->nregs);
	for (uint32_t i = 0; i < f->nregs; i++) {
		const struct dig_reg *x = &f->regs[i];
		cb_str(b, x->struct_type);
		cb_str(b, x->field);
		cb_str(b, x->func);
		cb_u32(b, (uint32_t)x->in_func);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
	}
	cb_u32(b, f->nglobals);
	for (uint32_t i = 0; i < f->nglobals; i++) {
		const struct dig_global *x = &f->globals[i];
		cb_str(b, x->name);
		cb_str(b, x->type);
		cb_u32(b, (uint32_t)x->is_static);
		cb_u32(b, (uint32_t)x->is_extern);
		cb_u32(b, (uint32_t)x->is_array);
		cb_u64(b, x->array_bytes);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
	}
	cb_u32(b, f->nevidence);
	for (uint32_t i = 0; i < f->nevidence; i++) {
		const struct dig_evidence *x = &f->evidence[i];
		cb_u32(b, (uint32_t)x->kind);
		cb_str(b, x->token);
		cb_str(b, x->text);
		cb_u32(b, (uint32_t)x->func);
		cb_u32(b, (uint32_t)x->dead);
		cb_u32(b, x->line);
	}
}

/* Path of the cache file (or its temporary) in dir; malloc'd. */
static char *cache_path(const char *dir, const char *suffix)
{
	size_t n = strlen(dir) + strlen(CACHE_NAME) + strlen(suffix) + 32;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s%s", dir, CACHE_NAME, suffix);
	return p;
}

/* Write the tree's facts as the new cache: temp file, then rename over the old one. */
int scan_cache_store(const char *dir, const char *root, uint64_t words, const struct dig_tree *tree,
                     struct scan_diags *diags)
{
	char suffix[48];
	char *tmp, *final;
	FILE *out;
	struct cache_buf b = { 0 };
	int32_t *index = NULL;
	uint32_t stored = 0;
	int rc = -1;

	snprintf(suffix, sizeof(suffix), ".tmp.%ld", (long)getpid());
	tmp = cache_path(dir, suffix);
	final = cache_path(dir, "");
	if (!tmp || !final)
		goto done;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		scan_diags_add(diags, dir, "cannot create the cache folder; facts not cached");
		goto done;
	}
	/* Stored index of each file (skipped files are not stored), for copy_of. */
	index = malloc(((size_t)tree->nfiles + 1) * sizeof(*index));
	if (!index)
		goto done;
	for (uint32_t i = 0; i < tree->nfiles; i++)
		index[i] = tree->files[i].status == DIG_FILE_SKIPPED ? -1 : (int32_t)stored++;
	out = fopen(tmp, "wb");
	if (!out) {
		scan_diags_add(diags, tmp, "cannot write the fact cache; facts not cached");
		goto done;
	}
	cb_put(&b, CACHE_MAGIC, 8);
	cb_u32(&b, DIG_FACTS_VERSION);
	cb_u32(&b, CACHE_ENDIAN);
	cb_str(&b, root);
	cb_u64(&b, words);
	cb_u32(&b, stored);
	int bad = b.oom || fwrite(b.p, 1, b.n, out) != b.n;
	for (uint32_t i = 0; i < tree->nfiles && !bad; i++) {
		const struct dig_file *f = &tree->files[i];
		if (f->status == DIG_FILE_SKIPPED)
			continue;
		int32_t copy = -1;
		if (f->copy_of) {
			/* The original is an earlier path: find it by a binary search on path order. */
			uint32_t lo = 0, hi = i;
			while (lo < hi) {
				uint32_t mid = lo + (hi - lo) / 2;
				int c = strcmp(tree->files[mid].path, f->copy_of);
				if (c == 0) {
					copy = index[mid];
					break;
				}
				if (c < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
		}
		b.n = 0;
		cache_encode(&b, f, copy);
		uint64_t len = b.n;
		bad = b.oom || fwrite(&len, sizeof(len), 1, out) != 1 || fwrite(b.p, 1, b.n, out) != b.n;
	}
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		bad = 1;
	if (fclose(out) != 0)
		bad = 1;
	if (bad || rename(tmp, final) != 0) {
		unlink(tmp);
		scan_diags_add(diags, final, "cannot write the fact cache; facts not cached");
		goto done;
	}
	rc = 0;
done:
	free(b.p);
	free(index);
	free(tmp);
	free(final);
	return rc;
}

/* ---- reading ---------------------------------------------------------------------- */

/* A bounds-checked reader over one region. */
struct cache_rd {
	const unsigned char *p, *end;
	int ok;
	struct dig_arena *arena;    /* where strings go (NULL: do not copy) */
};

/* Take n bytes, or fail. */
static const unsigned char *rd_take(struct cache_rd *r, size_t n)
{
	const unsigned char *p = r->p;

	if (!r->ok || (size_t)(r->end - r->p) < n) {
		r->ok = 0;
		return NULL;
	}
	r->p += n;
	return p;
}

/* A u32. */
static uint32_t rd_u32(struct cache_rd *r)
{
	uint32_t v = 0;
	const unsigned char *p = rd_take(r, sizeof(v));

	if (p)
		memcpy(&v, p, sizeof(v));
	return v;
}

/* A u64. */
static uint64_t rd_u64(struct cache_rd *r)
{
	uint64_t v = 0;
	const unsigned char *p = rd_take(r, sizeof(v));

	if (p)
		memcpy(&v, p, sizeof(v));
	return v;
}

/* A string copied into the arena (NULL stays NULL; a NUL inside is corruption). */
static const char *rd_str(struct cache_rd *r)
{
	uint32_t n = rd_u32(r);
	const unsigned char *p;

	if (!r->ok || n == CACHE_NULL)
		return NULL;
	p = rd_take(r, n);
	if (!p || memchr(p, '\0', n)) {
		r->ok = 0;
		return NULL;
	}
	char *s = dig_arena_strndup(r->arena, (const char *)p, n);
	if (!s)
		r->ok = 0;
	return s;
}

/* A non-NULL string ("" when the cache says NULL where one is required). */
static const char *rd_str_nn(struct cache_rd *r)
{
	const char *s = rd_str(r);

	return s ? s : "";
}

/* A count that must fit the bytes left (each element takes at least min bytes). */
static uint32_t rd_count(struct cache_rd *r, size_t min)
{
	uint32_t n = rd_u32(r);

	if (r->ok && (size_t)(r->end - r->p) / min < n)
		r->ok = 0;
	return r->ok ? n : 0;
}

/* An array of n elements of size sz in the arena. */
static void *rd_array(struct cache_rd *r, uint32_t n, size_t sz)
{
	void *p;

	if (!r->ok || n == 0)
		return NULL;
	p = dig_arena_alloc(r->arena, (size_t)n * sz);
	if (!p)
		r->ok = 0;
	return p;
}

/* A function index read from the cache must lie in [-1, nfuncs). */
static int32_t rd_func(struct cache_rd *r, uint32_t nfuncs)
{
	int32_t v = (int32_t)rd_u32(r);

	if (v < -1 || (v >= 0 && (uint32_t)v >= nfuncs))
		r->ok = 0;
	return v;
}

/* Decode one record into f (whose arena is set). Returns 1 on success; on failure f's
 * arrays may hold garbage pointers into the arena and the caller resets it. */
static int cache_decode(struct cache_rd *r, struct dig_file *f, int32_t *copy_of)
{
	f->path = rd_str_nn(r);
	f->size = rd_u64(r);
	f->mtime_ns = rd_u64(r);
	f->hash = rd_u64(r);
	f->lines = rd_u32(r);
	f->loc = rd_u32(r);
	f->dead_lines = rd_u32(r);
	f->dead_calls = rd_u32(r);
	uint32_t st = rd_u32(r);
	if (st > DIG_FILE_SKIPPED)
		r->ok = 0;
	f->status = (enum dig_file_status)st;
	f->reason = rd_str(r);
	f->syntax_errors = (int)rd_u32(r);
	f->shallow = (int)rd_u32(r);
	*copy_of = (int32_t)rd_u32(r);
	f->nfuncs = rd_count(r, 40);
	f->funcs = rd_array(r, f->nfuncs, sizeof(*f->funcs));
	for (uint32_t i = 0; i < f->nfuncs && r->ok; i++) {
		struct dig_func *x = &f->funcs[i];
		x->name = rd_str_nn(r);
		x->written_name = rd_str_nn(r);
		x->return_type = rd_str_nn(r);
		x->returns_pointer = (int)rd_u32(r);
		x->nparams = (int)rd_u32(r);
		if (x->nparams < -1 || (x->nparams > 0 && (size_t)(r->end - r->p) / 8 < (size_t)x->nparams))
			r->ok = 0;
		if (r->ok && x->nparams > 0) {
			x->param_types = rd_array(r, (uint32_t)x->nparams, sizeof(char *));
			x->param_names = rd_array(r, (uint32_t)x->nparams, sizeof(char *));
			for (int k = 0; k < x->nparams && r->ok; k++) {
				x->param_types[k] = rd_str_nn(r);
				x->param_names[k] = rd_str_nn(r);
			}
		}
		x->is_static = (int)rd_u32(r);
		x->knr = (int)rd_u32(r);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
		x->end_line = rd_u32(r);
		x->loc = rd_u32(r);
		x->nglobals_used = rd_count(r, 4);
		x->globals_used = rd_array(r, x->nglobals_used, sizeof(char *));
		for (uint32_t k = 0; k < x->nglobals_used && r->ok; k++)
			x->globals_used[k] = rd_str_nn(r);
	}
	f->ncalls = rd_count(r, 44);
	f->calls = rd_array(r, f->ncalls, sizeof(*f->calls));
	for (uint32_t i = 0; i < f->ncalls && r->ok; i++) {
		struct dig_call *x = &f->calls[i];
		x->callee = rd_str_nn(r);
		x->written = rd_str_nn(r);
		x->via_macro = rd_str(r);
		x->dispatch_type = rd_str(r);
		x->args = rd_str_nn(r);
		x->func = rd_func(r, f->nfuncs);
		x->nargs = (int)rd_u32(r);
		uint32_t kind = rd_u32(r);
		if (kind > DIG_CALL_POINTER)
			r->ok = 0;
		x->kind = (enum dig_call_kind)kind;
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
		x->col = rd_u32(r);
	}
	f->nmacros = rd_count(r, 24);
	f->macros = rd_array(r, f->nmacros, sizeof(*f->macros));
	for (uint32_t i = 0; i < f->nmacros && r->ok; i++) {
		struct dig_macro *x = &f->macros[i];
		x->name = rd_str_nn(r);
		x->function_like = (int)rd_u32(r);
		x->nparams = (int)rd_u32(r);
		x->body = rd_str_nn(r);
		x->renames_to = rd_str(r);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	f->nregs = rd_count(r, 24);
	f->regs = rd_array(r, f->nregs, sizeof(*f->regs));
	for (uint32_t i = 0; i < f->nregs && r->ok; i++) {
		struct dig_reg *x = &f->regs[i];
		x->struct_type = rd_str(r);
		x->field = rd_str(r);
		x->func = rd_str_nn(r);
		x->in_func = rd_func(r, f->nfuncs);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	f->nglobals = rd_count(r, 32);
	f->globals = rd_array(r, f->nglobals, sizeof(*f->globals));
	for (uint32_t i = 0; i < f->nglobals && r->ok; i++) {
		struct dig_global *x = &f->globals[i];
		x->name = rd_str_nn(r);
		x->type = rd_str_nn(r);
		x->is_static = (int)rd_u32(r);
		x->is_extern = (int)rd_u32(r);
		x->is_array = (int)rd_u32(r);
		x->array_bytes = rd_u64(r);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	f->nevidence = rd_count(r, 24);
	f->evidence = rd_array(r, f->nevidence, sizeof(*f->evidence));
	for (uint32_t i = 0; i < f->nevidence && r->ok; i++) {
		struct dig_evidence *x = &f->evidence[i];
		uint32_t kind = rd_u32(r);
		if (kind < DIG_EV_ALIGN_MASK || kind > DIG_EV_INCLUDE)
			r->ok = 0;
		x->kind = (enum dig_evidence_kind)kind;
		x->token = rd_str_nn(r);
		x->text = rd_str_nn(r);
		x->func = rd_func(r, f->nfuncs);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	return r->ok && r->p == r->end;
}

/* Order records by path bytes. */
static int cache_cmp_rec(const void *a, const void *b)
{
	const struct cache_rec *x = a, *y = b;
	uint32_t n = x->plen < y->plen ? x->plen : y->plen;
	int c = memcmp(x->path, y->path, n);

	return c ? c : (x->plen > y->plen) - (x->plen < y->plen);
}

/* Map the cache and index its records. With root == NULL any root is accepted. */
static struct scan_cache *cache_open(const char *dir, const char *root, uint64_t words,
                                     struct scan_diags *diags, char **root_out)
{
	char *path = cache_path(dir, "");
	struct scan_cache *c = NULL;
	struct stat st;
	const char *why = NULL;
	int fd = -1;

	if (!path)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 36) {
		if (fd >= 0)
			why = "not a fact cache (too short); ignored";
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		goto out;
	c->maplen = (size_t)st.st_size;
	c->map = mmap(NULL, c->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		why = "cannot map the fact cache; ignored";
		goto out;
	}
	struct cache_rd r = { c->map, c->map + c->maplen, 1, NULL };
	const unsigned char *magic = rd_take(&r, 8);
	if (!magic || memcmp(magic, CACHE_MAGIC, 8) != 0) {
		why = "not a fact cache (bad magic); ignored";
		goto out;
	}
	if (rd_u32(&r) != DIG_FACTS_VERSION || rd_u32(&r) != CACHE_ENDIAN) {
		why = "fact cache from another strata version or machine; ignored";
		goto out;
	}
	uint32_t rl = rd_u32(&r);
	const unsigned char *rp = rl == CACHE_NULL ? NULL : rd_take(&r, rl);
	if (!rp) {
		why = "corrupt fact cache (header); ignored";
		goto out;
	}
	if (root && (strlen(root) != rl || memcmp(rp, root, rl) != 0))
		goto out;             /* another tree's cache: silently rebuilt */
	uint64_t cached_words = rd_u64(&r);
	if (root && r.ok && cached_words != words)
		goto out;             /* made with other deep words: other facts, rebuilt */
	if (root_out) {
		*root_out = malloc((size_t)rl + 1);
		if (*root_out) {
			memcpy(*root_out, rp, rl);
			(*root_out)[rl] = '\0';
		}
	}
	uint32_t n = rd_count(&r, 8);
	c->recs = calloc((size_t)n + 1, sizeof(*c->recs));
	if (!r.ok || !c->recs) {
		why = "corrupt fact cache (header); ignored";
		goto out;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t len = rd_u64(&r);
		if (!r.ok || len > (uint64_t)(r.end - r.p)) {
			why = "corrupt fact cache (record length); ignored";
			goto out;
		}
		struct cache_rec *x = &c->recs[i];
		struct cache_rd rr = { r.p, r.p + len, 1, NULL };
		x->rec = r.p;
		x->len = len;
		x->plen = rd_u32(&rr);
		x->path = (const char *)rd_take(&rr, x->plen);
		x->size = rd_u64(&rr);
		x->mtime_ns = rd_u64(&rr);
		if (!rr.ok || x->plen == CACHE_NULL) {
			why = "corrupt fact cache (record); ignored";
			goto out;
		}
		r.p += len;
	}
	c->nrecs = n;
	if (n > 1)
		qsort(c->recs, n, sizeof(*c->recs), cache_cmp_rec);
	close(fd);
	free(path);
	return c;
out:
	if (why)
		scan_diags_add(diags, path, why);
	if (fd >= 0)
		close(fd);
	scan_cache_close(c);
	if (root_out && *root_out && why) {
		free(*root_out);
		*root_out = NULL;
	}
	free(path);
	return NULL;
}

/* Open the cache of this root (missing, foreign or corrupt: no cache). */
struct scan_cache *scan_cache_open(const char *dir, const char *root, uint64_t words,
                                   struct scan_diags *diags)
{
	return cache_open(dir, root, words, diags, NULL);
}

/* Binary search for a path. */
static const struct cache_rec *cache_find(const struct scan_cache *c, const char *path)
{
	struct cache_rec key;
	uint32_t lo = 0, hi = c->nrecs;

	key.path = path;
	key.plen = (uint32_t)strlen(path);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = cache_cmp_rec(&key, &c->recs[mid]);
		if (cmp == 0)
			return &c->recs[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* An arena for one decoded record: its structs are a little larger than their encoding
 * (pointers for lengths), so 1.5x the record is about right; the rest spills over. */
static struct dig_arena *cache_arena(uint64_t len)
{
	return dig_arena_create_sized((size_t)(len + len / 2 + 64));
}

/* A record is decoded once: give its whole pages back (they stay in the page cache; the
 * private read-only mapping refaults them from the file if anything reads them again), so
 * a warm run's resident memory is the decoded facts, not the facts twice. */
static void cache_drop(const struct scan_cache *c, const unsigned char *rec, uint64_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)rec + page - 1) & ~(page - 1), b = ((uintptr_t)rec + len) & ~(page - 1);

	(void)c;
	if (page && b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

/* How many records the cache holds. */
uint32_t scan_cache_count(const struct scan_cache *cache)
{
	return cache ? cache->nrecs : 0;
}

/* A hit needs path, size and mtime; the record must decode exactly. */
int scan_cache_lookup(struct scan_cache *cache, const char *path, uint64_t size, uint64_t mtime_ns,
                      struct dig_file *file)
{
	const struct cache_rec *x;
	struct dig_file tmp;
	int32_t copy;

	if (!cache || !(x = cache_find(cache, path)) || x->size != size || x->mtime_ns != mtime_ns)
		return 0;
	memset(&tmp, 0, sizeof(tmp));
	tmp.arena = cache_arena(x->len);
	if (!tmp.arena)
		return 0;
	struct cache_rd r = { x->rec, x->rec + x->len, 1, tmp.arena };
	int ok = cache_decode(&r, &tmp, &copy);
	cache_drop(cache, x->rec, x->len);
	if (!ok) {
		dig_arena_destroy(tmp.arena);
		return 0;
	}
	tmp.path = file->path;  /* the tree's copy of the path */
	tmp.copy_of = NULL;     /* recomputed by the scan */
	*file = tmp;
	return 1;
}

/* Unmap and free. */
void scan_cache_close(struct scan_cache *cache)
{
	if (!cache)
		return;
	if (cache->map)
		munmap(cache->map, cache->maplen);
	free(cache->recs);
	free(cache);
}

/* Load a whole cache as a tree (for queries that need no re-scan). */
int dig_cache_load(const char *cache_dir, struct dig_tree **out)
{
	struct scan_diags diags = { { 0 } };
	char *root = NULL;
	struct scan_cache *c;
	struct dig_tree *t;

	*out = NULL;
	c = cache_open(cache_dir, NULL, 0, &diags, &root);
	scan_diags_fini(&diags);
	if (!c) {
		free(root);
		return -1;
	}
	t = calloc(1, sizeof(*t));
	if (!t || !(t->arena = dig_arena_create()) ||
	    !(t->root = dig_arena_strdup(t->arena, root ? root : "")) ||
	    !(t->files = calloc((size_t)c->nrecs + 1, sizeof(*t->files))))
		goto fail;
	/* Records come back in path order (the index is sorted), as a scan gives them. */
	int32_t *copies = calloc((size_t)c->nrecs + 1, sizeof(*copies));
	if (!copies)
		goto fail;
	for (uint32_t i = 0; i < c->nrecs; i++) {
		struct dig_file *f = &t->files[t->nfiles];
		f->arena = cache_arena(c->recs[i].len);
		struct cache_rd r = { c->recs[i].rec, c->recs[i].rec + c->recs[i].len, 1, f->arena };
		int ok = f->arena && cache_decode(&r, f, &copies[t->nfiles]);
		cache_drop(c, c->recs[i].rec, c->recs[i].len);
		if (!ok) {
			dig_arena_destroy(f->arena);
			memset(f, 0, sizeof(*f));
			continue;
		}
		t->nfiles++;
		t->bytes += f->size;
	}
	/* Stored order is path order too, so the stored index of a file is its position among
	 * the stored files, which is its position here unless a record failed to decode. */
	for (uint32_t i = 0; i < t->nfiles; i++) {
		int32_t k = copies[i];
		if (k >= 0 && (uint32_t)k < t->nfiles && (uint32_t)k < i &&
		    t->files[k].hash == t->files[i].hash && t->files[k].size == t->files[i].size) {
			t->files[i].copy_of = t->files[k].path;
			t->copies++;
		}
	}
	free(copies);
	t->cached = t->nfiles;
	free(root);
	scan_cache_close(c);
	*out = t;
	return 0;
fail:
	dig_tree_free(t);
	free(root);
	scan_cache_close(c);
	return -1;
}
