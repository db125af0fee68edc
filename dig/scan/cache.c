/*
 * dig/scan/cache.c: the fact cache, so that a second dig (or a callers/callees/trace query)
 * re-parses only what changed.
 *
 * One file per cache folder, `facts.cache`, for one root. Layout (native byte order; the
 * header says which, and a cache from another byte order or version is ignored):
 *
 *   header   "STRATAFC" | u32 version (DIG_FACTS_VERSION) | u32 0x01020304 | str root |
 *            u64 hash of the deep words (0: none) | u32 nfiles | u64 XXH3 of the header
 *            bytes before it
 *   file*    u64 record length | u64 XXH3 of the record | record
 *   record   str path | u64 size, mtime_ns, ctime_ns, inode, hash (XXH3 of the file's
 *            bytes), hdr_key (headers.c) | u32 racy | u32 lines, loc, dead_lines, dead_calls |
 *            u32 status | str reason | u32 syntax_errors | u32 shallow |
 *            u32 dead_branches, lexed_defs, lexed_line |
 *            i32 copy_of (file index or -1) |
 *            funcs | calls | macros | undefs | regs | globals | evidence   (each: u32
 *            count + items; a macro's calls: u32 count + strings)
 *   str      u32 length (0xffffffff for NULL) + bytes
 *
 * Writing: into `facts.cache.tmp.<pid>` beside the target, then rename(2) over it, so a
 * killed run leaves the old cache or the new one, never half of one. Skipped files are not
 * stored (they may be readable next time).
 *
 * Reading: the file is mapped read-only while an index (path -> record offset, paths
 * copied out) is built, giving the pages back as it goes, and unmapped after. A lookup
 * preads one record into the calling thread's struct scan_unit buffer and decodes it into
 * the unit -- strings through scan_unit_intern, arrays into its vectors -- and
 * scan_unit_finish packs it into the file's exactly sized block, so a cached file costs
 * the memory of a freshly parsed one and the cache itself is never resident as a whole.
 * Every record read is checked against its XXH3 first (a flipped byte anywhere in it is a
 * miss, and the scan says so on stderr and parses the file again), then bounds-checked
 * field by field; counts are checked against the bytes left; a record that does not
 * decode exactly is a miss too, and a corrupt header or index makes the whole cache empty
 * with one diagnostic.
 *
 * Keys. A hit is keyed on the path and the file's content: its size and XXH3 hash. To spare
 * reading every unchanged file, there is one shortcut (git's): a file whose size, mtime,
 * ctime and inode all equal the record's is taken as unchanged without being read --
 * unless the record is racy: the file was read less than DIG_RACY_NS after its mtime or
 * ctime (a change in the same clock tick as the read would keep the times; scan.c marks
 * it, and the next scan reads and hashes it, and marks it again).
 * `touch -r`, `cp -p` and tar keep the mtime but not the ctime (no program can set it)
 * nor, for a copy, the inode, so they are read and hashed. What the shortcut cannot see:
 * a change that restores size, mtime and ctime (a clock set back, a debugger on the
 * disk), or file times from a clock far behind this one (a network file system).
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

#include <xxhash.h>

#include "dig/scan/scan_impl.h"

#define CACHE_MAGIC "STRATAFC"
#define CACHE_ENDIAN 0x01020304u
#define CACHE_NAME SCAN_CACHE_FILE
#define CACHE_NULL 0xffffffffu
#define CACHE_DROP_STEP (4u << 20)  /* index building gives pages back every 4 MiB read */
#define CACHE_KEEP_BUF (8u << 20)   /* a thread's record buffer is not kept above 8 MiB */

/* One indexed record. */
struct cache_rec {
	const char *path;       /* into scan_cache.paths (not NUL-terminated: plen bytes) */
	size_t at;              /* offset of path in scan_cache.paths (while it grows) */
	uint32_t plen;
	uint64_t size, mtime_ns, ctime_ns, ino, hash;
	uint32_t racy;              /* read too soon after a change to trust its times */
	uint64_t sum;               /* XXH3 of the record */
	uint64_t off;               /* record start in the file */
	uint64_t len;               /* record length */
};

struct scan_cache {
	int fd;                     /* the cache file, open for pread (-1: none) */
	unsigned char *map;         /* the file, mapped while the index is built (else NULL) */
	size_t maplen;
	struct cache_rec *recs;     /* sorted by path bytes */
	uint32_t nrecs;
	char *paths;                /* the records' paths, copied out of the map */
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
	cb_u64(b, f->ctime_ns);
	cb_u64(b, f->ino);
	cb_u64(b, f->hash);
	cb_u64(b, f->hdr_key);
	cb_u32(b, (uint32_t)f->racy);
	cb_u32(b, f->lines);
	cb_u32(b, f->loc);
	cb_u32(b, f->dead_lines);
	cb_u32(b, f->dead_calls);
	cb_u32(b, (uint32_t)f->status);
	cb_str(b, f->reason);
	cb_u32(b, (uint32_t)f->syntax_errors);
	cb_u32(b, (uint32_t)f->shallow);
	cb_u32(b, f->dead_branches);
	cb_u32(b, f->lexed_defs);
	cb_u32(b, f->lexed_line);
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
		cb_u32(b, (uint32_t)x->knr | (uint32_t)x->body_parsed << 1 | (uint32_t)x->body << 2 |
		           (uint32_t)x->name_parens << 10);
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
		cb_u32(b, (uint32_t)x->dead | (uint32_t)x->discarded << 1 | (uint32_t)x->flow << 2);
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
		cb_u32(b, x->ncalls);
		for (uint32_t k = 0; k < x->ncalls; k++)
			cb_str(b, x->calls[k]);
		cb_u32(b, x->undef_line);
		cb_u32(b, (uint32_t)x->dead | (uint32_t)x->sure << 1);
		cb_u32(b, x->line);
	}
	cb_u32(b, f->nundefs);
	for (uint32_t i = 0; i < f->nundefs; i++) {
		cb_str(b, f->undefs[i].name);
		cb_u32(b, f->undefs[i].line);
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
		cb_u32(b, (uint32_t)x->is_fnptr);
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
	out = dig_fault_point("write cache") ? NULL : fopen(tmp, "wb");
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
	if (!b.oom)
		cb_u64(&b, XXH3_64bits(b.p, b.n));
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
		uint64_t head[2] = { b.n, b.oom ? 0 : XXH3_64bits(b.p, b.n) };
		bad = b.oom || fwrite(head, sizeof(head), 1, out) != 1 || fwrite(b.p, 1, b.n, out) != b.n;
	}
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		bad = 1;
	if (fclose(out) != 0)
		bad = 1;
	if (!bad)
		dig_fault_point("rename cache");
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

/* Link the unchanged cache into the new folder: no copy, the file is never written in
 * place. */
int scan_cache_link(const char *from, const char *to)
{
	char *a = cache_path(from, ""), *b = cache_path(to, "");
	int rc = -1;

	if (a && b && (mkdir(to, 0777) == 0 || errno == EEXIST)) {
		dig_fault_point("link cache");
		rc = link(a, b);
	}
	free(a);
	free(b);
	return rc;
}

/* ---- reading ---------------------------------------------------------------------- */

/* A bounds-checked reader over one region. */
struct cache_rd {
	const unsigned char *p, *end;
	int ok;
	struct scan_unit *unit;     /* where decoded facts go (NULL: only the index is read) */
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

/* A string's bytes in the record (NULL for the null string or on failure; a NUL inside is
 * corruption). */
static const char *rd_bytes(struct cache_rd *r, uint32_t *n)
{
	const unsigned char *p;

	*n = rd_u32(r);
	if (!r->ok || *n == CACHE_NULL)
		return NULL;
	p = rd_take(r, *n);
	if (!p || memchr(p, '\0', *n)) {
		r->ok = 0;
		return NULL;
	}
	return (const char *)p;
}

/* A string interned in the unit's scratch arena, as the extractor interns its strings
 * (NULL stays NULL). */
static const char *rd_str(struct cache_rd *r)
{
	uint32_t n;
	const char *p = rd_bytes(r, &n);
	const char *s;

	if (!p)
		return NULL;
	s = scan_unit_intern(r->unit, p, n);
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

/* A fact vector of the unit holding n zeroed elements of size sz (NULL when n is 0). */
static void *rd_vec(struct cache_rd *r, struct scan_vec *vec, uint32_t n, size_t sz)
{
	void *p = r->ok ? scan_vec_resize(vec, n, sz) : NULL;

	if (r->ok && n && !p)
		r->ok = 0;
	return p;
}

/* A string array of n entries in the unit's scratch arena (finish moves it with the
 * strings). */
static const char **rd_strv(struct cache_rd *r, uint32_t n)
{
	const char **p;

	if (!r->ok || n == 0)
		return NULL;
	p = dig_arena_alloc(r->unit->arena, (size_t)n * sizeof(char *));
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

/* Decode one record into r->unit (reset here) and pack it into f exactly as a fresh
 * parse is packed (scan_unit_finish: one block of the facts' bytes and `extra` spare
 * bytes, strings interned per file). The record's path is checked but not kept (the
 * caller has the index's copy); f->path and f->copy_of are left NULL. Returns 1 on
 * success; on failure f is untouched and the unit is left for the next scan_unit_begin. */
static int cache_decode(struct cache_rd *r, struct dig_file *f, int32_t *copy_of, size_t extra)
{
	struct scan_unit *u = r->unit;
	struct dig_file d;
	uint32_t plen;

	memset(&d, 0, sizeof(d));
	if (scan_unit_begin(u, NULL, "", 0))
		return 0;
	if (!rd_bytes(r, &plen))
		r->ok = 0;
	d.size = rd_u64(r);
	d.mtime_ns = rd_u64(r);
	d.ctime_ns = rd_u64(r);
	d.ino = rd_u64(r);
	d.hash = rd_u64(r);
	d.hdr_key = rd_u64(r);
	d.racy = (int)rd_u32(r);
	u->lines = rd_u32(r);
	u->loc = rd_u32(r);
	u->dead_lines = rd_u32(r);
	u->dead_calls = rd_u32(r);
	uint32_t st = rd_u32(r);
	if (st > DIG_FILE_SKIPPED)
		r->ok = 0;
	d.status = (enum dig_file_status)st;
	d.reason = rd_str(r);
	d.syntax_errors = (int)rd_u32(r);
	d.shallow = (int)rd_u32(r);
	u->dead_branches = rd_u32(r);
	u->lexed_defs = rd_u32(r);
	u->lexed_line = rd_u32(r);
	*copy_of = (int32_t)rd_u32(r);
	uint32_t nfuncs = rd_count(r, 40);
	struct dig_func *fn = rd_vec(r, &u->funcs, nfuncs, sizeof(*fn));
	for (uint32_t i = 0; i < nfuncs && r->ok; i++) {
		struct dig_func *x = &fn[i];
		x->name = rd_str_nn(r);
		x->written_name = rd_str_nn(r);
		x->return_type = rd_str_nn(r);
		x->returns_pointer = (int)rd_u32(r);
		x->nparams = (int)rd_u32(r);
		if (x->nparams < -1 || (x->nparams > 0 && (size_t)(r->end - r->p) / 8 < (size_t)x->nparams))
			r->ok = 0;
		if (r->ok && x->nparams > 0) {
			x->param_types = rd_strv(r, (uint32_t)x->nparams);
			x->param_names = rd_strv(r, (uint32_t)x->nparams);
			for (int k = 0; k < x->nparams && r->ok; k++) {
				x->param_types[k] = rd_str_nn(r);
				x->param_names[k] = rd_str_nn(r);
			}
		}
		x->is_static = (int)rd_u32(r);
		uint32_t knr = rd_u32(r);
		x->knr = (int)(knr & 1);
		x->body_parsed = (int)(knr >> 1 & 1);
		x->body = (uint8_t)(knr >> 2 & 0xff);
		x->name_parens = (int)(knr >> 10 & 1);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
		x->end_line = rd_u32(r);
		x->loc = rd_u32(r);
		x->nglobals_used = rd_count(r, 4);
		x->globals_used = rd_strv(r, x->nglobals_used);
		for (uint32_t k = 0; k < x->nglobals_used && r->ok; k++)
			x->globals_used[k] = rd_str_nn(r);
	}
	uint32_t ncalls = rd_count(r, 44);
	struct dig_call *call = rd_vec(r, &u->calls, ncalls, sizeof(*call));
	for (uint32_t i = 0; i < ncalls && r->ok; i++) {
		struct dig_call *x = &call[i];
		x->callee = rd_str_nn(r);
		x->written = rd_str_nn(r);
		x->via_macro = rd_str(r);
		x->dispatch_type = rd_str(r);
		x->args = rd_str_nn(r);
		x->func = rd_func(r, nfuncs);
		x->nargs = (int16_t)rd_u32(r);
		uint32_t kind = rd_u32(r);
		if (kind > DIG_CALL_POINTER)
			r->ok = 0;
		x->kind = (uint8_t)kind;
		uint32_t flags = rd_u32(r);
		if (flags > 255)
			r->ok = 0;
		x->dead = (uint8_t)(flags & 1);
		x->discarded = (uint8_t)(flags >> 1 & 1);
		x->flow = (uint8_t)(flags >> 2 & 63);
		x->line = rd_u32(r);
		x->col = rd_u32(r);
	}
	uint32_t nmacros = rd_count(r, 24);
	struct dig_macro *mac = rd_vec(r, &u->macros, nmacros, sizeof(*mac));
	for (uint32_t i = 0; i < nmacros && r->ok; i++) {
		struct dig_macro *x = &mac[i];
		x->name = rd_str_nn(r);
		x->function_like = (int)rd_u32(r);
		x->nparams = (int)rd_u32(r);
		x->body = rd_str_nn(r);
		x->renames_to = rd_str(r);
		x->ncalls = rd_count(r, 4);
		if (x->ncalls > DIG_MACRO_CALLS)
			r->ok = 0;
		x->calls = rd_strv(r, x->ncalls);
		for (uint32_t k = 0; k < x->ncalls && r->ok; k++)
			x->calls[k] = rd_str_nn(r);
		x->undef_line = rd_u32(r);
		uint32_t flags = rd_u32(r);
		x->dead = (int)(flags & 1);
		x->sure = (int)(flags >> 1 & 3);
		x->line = rd_u32(r);
	}
	if (r->ok)
		scan_unit_macro_noted(u, 0);
	uint32_t nundefs = rd_count(r, 8);
	struct dig_undef *und = rd_vec(r, &u->undefs, nundefs, sizeof(*und));
	for (uint32_t i = 0; i < nundefs && r->ok; i++) {
		und[i].name = rd_str_nn(r);
		und[i].line = rd_u32(r);
	}
	uint32_t nregs = rd_count(r, 24);
	struct dig_reg *reg = rd_vec(r, &u->regs, nregs, sizeof(*reg));
	for (uint32_t i = 0; i < nregs && r->ok; i++) {
		struct dig_reg *x = &reg[i];
		x->struct_type = rd_str(r);
		x->field = rd_str(r);
		x->func = rd_str_nn(r);
		x->in_func = rd_func(r, nfuncs);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	uint32_t nglobals = rd_count(r, 32);
	struct dig_global *glob = rd_vec(r, &u->globals, nglobals, sizeof(*glob));
	for (uint32_t i = 0; i < nglobals && r->ok; i++) {
		struct dig_global *x = &glob[i];
		x->name = rd_str_nn(r);
		x->type = rd_str_nn(r);
		x->is_static = (int)rd_u32(r);
		x->is_extern = (int)rd_u32(r);
		x->is_array = (int)rd_u32(r);
		x->is_fnptr = (int)rd_u32(r);
		x->array_bytes = rd_u64(r);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	uint32_t nevidence = rd_count(r, 24);
	struct dig_evidence *ev = rd_vec(r, &u->evidence, nevidence, sizeof(*ev));
	for (uint32_t i = 0; i < nevidence && r->ok; i++) {
		struct dig_evidence *x = &ev[i];
		uint32_t kind = rd_u32(r);
		if (kind < DIG_EV_ALIGN_MASK || kind > DIG_EV_TYPEDEF)
			r->ok = 0;
		x->kind = (enum dig_evidence_kind)kind;
		x->token = rd_str_nn(r);
		x->text = rd_str_nn(r);
		x->func = rd_func(r, nfuncs);
		x->dead = (int)rd_u32(r);
		x->line = rd_u32(r);
	}
	if (!r->ok || r->p != r->end)
		return 0;
	if (scan_unit_finish(u, &d, extra)) {
		dig_arena_destroy(d.arena);
		return 0;
	}
	*f = d;
	return 1;
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
	size_t npaths = 0, cap = 0;
	int fd = -1;

	if (!path)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 44) {
		if (fd >= 0)
			why = "not a fact cache (too short); ignored";
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		goto out;
	c->fd = -1;
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
	uint64_t cached_words = rd_u64(&r);
	uint32_t n = rd_count(&r, 16);
	size_t hlen = (size_t)(r.p - c->map);
	if (!r.ok || rd_u64(&r) != XXH3_64bits(c->map, hlen) || !r.ok) {
		why = "corrupt fact cache (the header fails its checksum); ignored";
		goto out;
	}
	if (root && (strlen(root) != rl || memcmp(rp, root, rl) != 0))
		goto out;             /* another tree's cache: silently rebuilt */
	if (root && cached_words != words)
		goto out;             /* made with other deep words: other facts, rebuilt */
	if (root_out) {
		*root_out = malloc((size_t)rl + 1);
		if (*root_out) {
			memcpy(*root_out, rp, rl);
			(*root_out)[rl] = '\0';
		}
	}
	c->recs = calloc((size_t)n + 1, sizeof(*c->recs));
	if (!c->recs) {
		why = "out of memory reading the fact cache; ignored";
		goto out;
	}
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	if (page == 0 || (page & (page - 1)) != 0)
		page = 0;                 /* unknown: pages are not given back early */
	const unsigned char *kept = c->map;   /* pages below were given back */
	for (uint32_t i = 0; i < n; i++) {
		uint64_t len = rd_u64(&r), sum = rd_u64(&r);
		if (!r.ok || len > (uint64_t)(r.end - r.p)) {
			why = "corrupt fact cache (record length); ignored";
			goto out;
		}
		struct cache_rec *x = &c->recs[i];
		struct cache_rd rr = { r.p, r.p + len, 1, NULL };
		x->off = (uint64_t)(r.p - c->map);
		x->len = len;
		x->sum = sum;
		x->plen = rd_u32(&rr);
		x->path = (const char *)rd_take(&rr, x->plen);
		x->size = rd_u64(&rr);
		x->mtime_ns = rd_u64(&rr);
		x->ctime_ns = rd_u64(&rr);
		x->ino = rd_u64(&rr);
		x->hash = rd_u64(&rr);
		(void)rd_u64(&rr);       /* hdr_key: checked by the caller on the decoded file */
		x->racy = rd_u32(&rr);
		if (!rr.ok || x->plen == CACHE_NULL) {
			why = "corrupt fact cache (record); ignored";
			goto out;
		}
		/* The path is copied out, so that lookups touch no page of the map. */
		if (npaths + x->plen + 1 > cap) {
			size_t ncap = cap ? cap : 65536;
			while (ncap < npaths + x->plen + 1)
				ncap *= 2;
			char *np = realloc(c->paths, ncap);
			if (!np) {
				why = "out of memory reading the fact cache; ignored";
				goto out;
			}
			c->paths = np;
			cap = ncap;
		}
		memcpy(c->paths + npaths, x->path, x->plen);
		x->at = npaths;
		npaths += x->plen;
		r.p += len;
		/* The index reads a few bytes of each record, but the kernel maps the pages around
		 * each (fault-around): give back what lies behind every 4 MiB, lest the whole
		 * cache be resident at once. */
		if (page && (size_t)(r.p - kept) >= CACHE_DROP_STEP) {
			const unsigned char *to = c->map + ((size_t)(r.p - c->map) & ~(page - 1));
			madvise((void *)kept, (size_t)(to - kept), MADV_DONTNEED);
			kept = to;
		}
	}
	for (uint32_t i = 0; i < n; i++)
		c->recs[i].path = c->paths ? c->paths + c->recs[i].at : "";
	c->nrecs = n;
	if (n > 1)
		qsort(c->recs, n, sizeof(*c->recs), cache_cmp_rec);
	/* The map is done with: records are read with pread into the decoding thread's buffer
	 * (cache_read), so a warm run's memory is the decoded facts, not the cache as well. */
	munmap(c->map, c->maplen);
	c->map = NULL;
	c->fd = fd;
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

/* Read one record into the unit's record buffer (grown as needed); NULL when out of
 * memory or when the file no longer holds it (a short read). */
static const unsigned char *cache_read(const struct scan_cache *c, struct scan_unit *unit,
                                       const struct cache_rec *x)
{
	size_t got = 0;

	if (x->len > SIZE_MAX - 1)
		return NULL;
	if (unit->record_cap < x->len || !unit->record) {
		size_t cap = x->len < 65536 ? 65536 : (size_t)x->len;
		unsigned char *p = malloc(cap);
		if (!p)
			return NULL;
		free(unit->record);
		unit->record = p;
		unit->record_cap = cap;
	}
	while (got < x->len) {
		ssize_t n = pread(c->fd, unit->record + got, (size_t)x->len - got, (off_t)(x->off + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		got += (size_t)n;
	}
	return unit->record;
}

/* Decode record x through the unit into f; the buffer of a huge record is not kept.
 * Returns 1, 0 when it cannot be read (out of memory, a short read), -1 when it fails its
 * checksum or does not decode (a damaged record). */
static int cache_load_rec(const struct scan_cache *c, struct scan_unit *unit, const struct cache_rec *x,
                          struct dig_file *f, int32_t *copy_of, size_t extra)
{
	const unsigned char *p = cache_read(c, unit, x);
	int ok = 0;

	if (p) {
		struct cache_rd r = { p, p + x->len, 1, unit };
		ok = XXH3_64bits(p, (size_t)x->len) != x->sum ? -1 : cache_decode(&r, f, copy_of, extra) ? 1 : -1;
	}
	if (unit->record_cap > CACHE_KEEP_BUF) {
		free(unit->record);
		unit->record = NULL;
		unit->record_cap = 0;
	}
	return ok;
}

/* How many records the cache holds. */
uint32_t scan_cache_count(const struct scan_cache *cache)
{
	return cache ? cache->nrecs : 0;
}

/* Decode x into file (its path kept, copy_of left to the scan). 1, 0 or -1 as
 * cache_load_rec. */
static int cache_hit(struct scan_cache *cache, struct scan_unit *unit, const struct cache_rec *x,
                     struct dig_file *file)
{
	struct dig_file tmp;
	int32_t copy;
	int ok = cache_load_rec(cache, unit, x, &tmp, &copy, 0);

	if (ok != 1)
		return ok;
	tmp.path = file->path;  /* the tree's copy of the path */
	tmp.copy_of = NULL;     /* recomputed by the scan */
	*file = tmp;
	return 1;
}

/* The shortcut: size, mtime, ctime and inode all unchanged, and the record not racy. */
int scan_cache_lookup(struct scan_cache *cache, struct scan_unit *unit, const char *path,
                      const struct scan_stat *st, struct dig_file *file)
{
	const struct cache_rec *x;

	if (!cache || !(x = cache_find(cache, path)) || x->size != st->size || x->mtime_ns != st->mtime_ns ||
	    x->ctime_ns != st->ctime_ns || x->ino != st->ino)
		return 0;
	if (x->racy)
		return 0;             /* read too soon after a change: read and hash it */
	return cache_hit(cache, unit, x, file);
}

/* By content: the file was read; same size and XXH3 as the record. */
int scan_cache_lookup_hash(struct scan_cache *cache, struct scan_unit *unit, const char *path, uint64_t size,
                           uint64_t hash, struct dig_file *file)
{
	const struct cache_rec *x;

	if (!cache || !(x = cache_find(cache, path)) || x->size != size || x->hash != hash)
		return 0;
	return cache_hit(cache, unit, x, file);
}

/* Unmap and free. */
void scan_cache_close(struct scan_cache *cache)
{
	if (!cache)
		return;
	if (cache->map)
		munmap(cache->map, cache->maplen);
	if (cache->fd >= 0)
		close(cache->fd);
	free(cache->recs);
	free(cache->paths);
	free(cache);
}

/* Open whatever cache dir holds (any root, any deep words), *root set to its root
 * (malloc'd; NULL when there is no cache). */
struct scan_cache *scan_cache_open_any(const char *dir, char **root)
{
	struct scan_diags diags = { { 0 }, { 0 } };
	struct scan_cache *c;

	*root = NULL;
	c = cache_open(dir, NULL, 0, &diags, root);
	scan_diags_fini(&diags);
	return c;
}

/* Decode record i (in path order) into f with its path; 1 when it decodes. */
int scan_cache_load_at(const struct scan_cache *cache, struct scan_unit *unit, uint32_t i, struct dig_file *f,
                       int32_t *copy_of)
{
	const struct cache_rec *x = &cache->recs[i];
	/* The path goes in the spare bytes of the file's block. */
	int ok = cache_load_rec(cache, unit, x, f, copy_of, (size_t)x->plen + 1) == 1;
	if (ok && !(f->path = dig_arena_strndup(f->arena, x->path, x->plen)))
		ok = 0;
	return ok;
}
