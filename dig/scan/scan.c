/*
 * dig/scan/scan.c: the scan stage's main file: walk -> read -> parse -> facts, in parallel.
 *
 * Theory. The scan turns a folder of C into one struct dig_tree (facts.h) and knows no
 * allocator vocabulary: it records every definition, call, macro, registration, global
 * and piece of evidence, each with its line, and the model decides what matters.
 *
 *   walk (walk.c)     the files, sorted by path bytes, with diagnostics for what it skips;
 *   phase 0 (here)    every header of the walk (whatever the shard) read by pp.c alone for
 *                     the values it gives #if conditions (headers.c): the files that
 *                     include it are decided with them in phase 2, and a cached file
 *                     whose headers now tell it something else is parsed again;
 *   phase 1 (here)    each file from the cache (path, size, mtime unchanged: not even
 *                     read -- cache.c), or read whole and hashed (64-bit);
 *   copies (here)     files with equal size and hash, confirmed byte for byte, point at
 *                     the first such path (copy_of); they are not parsed but share their
 *                     original's facts, and the model counts them once;
 *   phase 2 (here)    every remaining file read again and, in parse.c:
 *     classify        binary / not-text files skipped, lightly broken UTF-8 parsed;
 *     pp (pp.c)       lexical pass: macros, #include, #if 0 ranges, line and LOC counts,
 *                     and the ranges hidden from the parser (C++-only, unbalanced #else);
 *     depth           with opts->deep_words (vocabulary patterns, words.c: one automaton
 *                     pass over the bytes), files that mention none are read by the lexer
 *                     (lex.c) only; of the others, the lexer decides: a file that only
 *                     calls them by name keeps the lexer's facts (its calls are what the
 *                     model needs of it); in the rest the parser reads the file scope and
 *                     the bodies that matter -- definitions named like a deep word, the
 *                     file's functions they call, bodies using a deep word as a value or a
 *                     field, and (beside a deep-named definition) bodies touching a
 *                     file-scope static -- while the other bodies are hidden from it and
 *                     keep the lexer's calls;
 *     parse           the rest: tree-sitter C under a per-file CPU-time budget;
 *     knr (knr.c)     recovery of the K&R definitions the grammar misreads silently;
 *     extract         the tree walk into facts (extract.c); the tree is freed at once and
 *                     the facts packed into one exactly-sized block per file (unit.c);
 *   cache (cache.c)   the new cache written atomically (temp + rename); with
 *                     opts->cache_later on a thread of its own, beside the caller's model
 *                     (tree.c, which also loads a whole tree from the cache and frees it).
 *
 * Parallelism: `jobs` threads (0 = one per online CPU) take file indices from one atomic
 * counter; each owns a TSParser, a scan_unit and a read buffer, so nothing is shared but
 * the counter and the output slots (one per file, written by exactly one thread). Each
 * file's facts live in its own arena; the file's bytes are dropped as soon as it is
 * extracted, so memory is facts + (threads x largest file), never the tree's text.
 *
 * Failure: only an unreadable root is an error. Every file-level problem is a diagnostic
 * "path: reason" in tree->diags (sorted) and a status on the file; out-of-memory inside a
 * file marks that file skipped. Nothing prints except the progress line (opts->progress),
 * redrawn at most ten times a second on stderr and erased at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dig/scan/scan_impl.h"

#define SCAN_DEFAULT_MAX_BYTES (16u << 20)
#define SCAN_MAX_THREADS 64
#define SCAN_THREAD_STACK (16u << 20)

/* Shared state of one scan run. */
struct scan_run {
	const struct dig_scan_opts *opts;
	const struct scan_entry *entries;
	struct dig_file *files;
	uint32_t nfiles;
	struct scan_cache *cache;
	const struct scan_words *words; /* compiled opts->deep_words, or NULL: every file deep */
	int phase;                    /* 0: headers' values; 1: cache or read + hash; 2: read + parse */
	struct scan_headers *hdrs;    /* the tree's header values (phase 0), or NULL */
	const uint32_t *todo;         /* file indices of this phase */
	uint32_t ntodo;
	atomic_uint next;             /* next todo slot to take */
	atomic_uint done;             /* todo slots finished */
	atomic_ullong bytes;          /* bytes read in this phase */
	atomic_uint cached;           /* files taken from the cache */
	atomic_uint restat;           /* of those, found by content (their times changed) */
	atomic_uint parsed;           /* files parsed */
	unsigned char *from_cache;    /* per file: 1 when its facts came from the cache, 2 when
	                                 its cache record was damaged (then it was parsed) */
	pthread_mutex_t lock;         /* guards finished_threads and the condition */
	pthread_cond_t cond;
	int finished_threads;
	size_t max_bytes;
};

/* Read a whole regular file (never blocking on a FIFO swapped in after the walk). Returns
 * 0, 1 when it is larger than max, or -1 with a reason in *why. */
static int scan_read(const char *abs, char **buf, size_t *cap, size_t *len, size_t max,
                     const char **why, struct stat *st)
{
	int fd = open(abs, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	*len = 0;
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		*why = "not a regular file";
		close(fd);
		return -1;
	}
	if ((uint64_t)st->st_size > max) {
		*why = NULL;
		close(fd);
		return 1;
	}
	for (;;) {
		if (*len + 1 >= *cap) {
			size_t ncap = *cap ? *cap * 2 : (size_t)st->st_size + 4096;
			if (ncap > max + 4096)
				ncap = max + 4096;
			if (ncap <= *len + 1) {
				close(fd);
				return 1;      /* grew past the limit while being read */
			}
			char *nb = realloc(*buf, ncap);
			if (!nb) {
				*why = "out of memory reading it";
				close(fd);
				return -1;
			}
			*buf = nb;
			*cap = ncap;
		}
		ssize_t got = read(fd, *buf + *len, *cap - *len - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			close(fd);
			return -1;
		}
		if (got == 0)
			break;
		*len += (size_t)got;
	}
	close(fd);
	(*buf)[*len] = '\0';
	return 0;
}

/* Mark a file skipped with a reason (in a small arena of its own). */
static void scan_skip(struct dig_file *f, const char *reason)
{
	f->status = DIG_FILE_SKIPPED;
	if (!f->arena)
		f->arena = dig_arena_create_sized(strlen(reason) + 16);
	f->reason = f->arena ? dig_arena_strdup(f->arena, reason) : NULL;
	if (!f->reason)
		f->reason = "skipped (out of memory)";
}

/* Read file i into buf; on failure mark it skipped with the reason. Returns 0 or -1. */
static int scan_load(struct scan_run *run, struct dig_file *f, const struct scan_entry *e, char **buf,
                     size_t *cap, size_t *len)
{
	const char *why = NULL;
	char reason[256];
	struct stat st;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	int r = scan_read(e->abs, buf, cap, len, run->max_bytes, &why, &st);

	if (r == 1 || e->size > run->max_bytes) {
		snprintf(reason, sizeof(reason), "larger than the %zu-byte limit (--max-file-size), skipped",
		         run->max_bytes);
		scan_skip(f, reason);
		return -1;
	}
	if (r < 0) {
		snprintf(reason, sizeof(reason), "cannot read, skipped: %s", why);
		scan_skip(f, reason);
		return -1;
	}
	atomic_fetch_add(&run->bytes, (unsigned long long)*len);
	struct scan_stat ss;
	scan_stat_of(&ss, &st);
	f->size = *len;
	f->mtime_ns = ss.mtime_ns;
	f->ctime_ns = ss.ctime_ns;
	f->ino = ss.ino;
	/* a change in the clock tick of this read would keep both times: say so (cache.c) */
	uint64_t at = (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
	f->racy = ss.mtime_ns + DIG_RACY_NS > at || ss.ctime_ns + DIG_RACY_NS > at;
	return 0;
}

/* Phase 0 for one header: read it and keep what it tells #if conditions (headers.c). A
 * header that cannot be read tells nothing (phase 1 says why). */
static void scan_zero(struct scan_run *run, uint32_t i, struct scan_unit *unit, char **buf, size_t *cap)
{
	const struct scan_entry *e = &run->entries[i];
	const char *why = NULL;
	struct stat st;
	size_t len;

	if (scan_read(e->abs, buf, cap, &len, run->max_bytes, &why, &st) != 0 || len > UINT32_MAX ||
	    scan_unit_begin(unit, e->path, *buf, (uint32_t)len))
		return;
	unit->input = NULL;
	unit->include_dirs = NULL;
	unit->ninclude_dirs = 0;
	unit->hdrs = NULL;            /* a header's values are its own (headers.c) */
	if (scan_pp_run(unit) == 0 && scan_hdr_summarise(unit, &run->hdrs->hdr[i]) != 0) {
		dig_arena_destroy(run->hdrs->hdr[i].arena);
		memset(&run->hdrs->hdr[i], 0, sizeof(run->hdrs->hdr[i]));
	}
}

/* The key of what file i's headers tell it (headers.c), from its facts. */
static uint64_t scan_key_of(struct scan_run *run, uint32_t i, struct scan_unit *unit, const struct dig_file *f)
{
	const struct scan_entry *e = &run->entries[i];

	if (!run->hdrs)
		return 0;
	unit->reach.hdrs = run->hdrs;
	return scan_hdr_key(&unit->reach, f->path, (const char *const *)e->include_dirs, e->ninclude_dirs,
	                    f->evidence, f->nevidence);
}

/* A cache hit whose headers now tell it something else: drop its facts (it is parsed). */
static int scan_stale(struct scan_run *run, uint32_t i, struct scan_unit *unit, struct dig_file *f)
{
	if (f->status == DIG_FILE_SKIPPED || scan_key_of(run, i, unit, f) == f->hdr_key)
		return 0;
	const char *path = f->path;
	dig_arena_destroy(f->arena);
	memset(f, 0, sizeof(*f));
	f->path = path;
	return 1;
}

/* Phase 1 for one file: facts from the cache (decoded through the thread's unit, so they
 * are interned and packed as a parse packs them), or read it for its size and hash only. */
static void scan_first(struct scan_run *run, uint32_t i, struct scan_unit *unit, char **buf, size_t *cap)
{
	struct dig_file *f = &run->files[i];
	const struct scan_entry *e = &run->entries[i];
	size_t len;

	if (e->skip) {
		scan_skip(f, e->skip);
		return;
	}
	int got = 0;
	if (run->cache && e->size <= run->max_bytes) {
		struct scan_stat st = { e->size, e->mtime_ns, e->ctime_ns, e->ino };
		got = scan_cache_lookup(run->cache, unit, f->path, &st, f);
		if (got == 1 && scan_stale(run, i, unit, f))
			got = 0;
		if (got == 1) {
			run->from_cache[i] = 1;
			atomic_fetch_add(&run->cached, 1);
			return;
		}
	}
	if (scan_load(run, f, e, buf, cap, &len) != 0)
		return;
	f->hash = scan_hash(*buf, len);
	if (run->cache && got == 0) {
		/* the times changed (or the record is racy): the same content is still a hit */
		struct dig_file now = *f;
		got = scan_cache_lookup_hash(run->cache, unit, f->path, len, f->hash, f);
		if (got == 1 && scan_stale(run, i, unit, f)) {
			*f = now;
			return;
		}
		if (got == 1) {
			f->size = now.size;
			f->mtime_ns = now.mtime_ns;
			f->ctime_ns = now.ctime_ns;
			f->ino = now.ino;
			f->racy = now.racy;
			run->from_cache[i] = 1;
			atomic_fetch_add(&run->cached, 1);
			atomic_fetch_add(&run->restat, 1);
			return;
		}
	}
	if (got < 0)
		run->from_cache[i] = 2;     /* parsed in phase 2, and said so */
}

/* Phase 2 for one file: read it again and parse it. */
static void scan_second(struct scan_run *run, uint32_t i, TSParser *parser, struct scan_unit *unit,
                        char **buf, size_t *cap)
{
	struct dig_file *f = &run->files[i];
	size_t len;

	const struct scan_entry *e = &run->entries[i];
	if (scan_load(run, f, e, buf, cap, &len) != 0)
		return;
	unit->input = e->input >= 0 ? &run->opts->inputs[e->input] : NULL;
	unit->include_dirs = (const char *const *)e->include_dirs;
	unit->ninclude_dirs = e->ninclude_dirs;
	unit->hdrs = run->hdrs;
	if (scan_parse_buffer(parser, unit, f, *buf, len, run->opts, run->words, 0)) {
		/* Out of memory inside this file: drop its facts, keep the others. */
		dig_arena_destroy(f->arena);
		uint64_t hash = f->hash, size = f->size, mtime = f->mtime_ns, ctime = f->ctime_ns, ino = f->ino;
		int racy = f->racy;
		const char *path = f->path;
		memset(f, 0, sizeof(*f));
		f->path = path;
		f->size = size;
		f->mtime_ns = mtime;
		f->ctime_ns = ctime;
		f->ino = ino;
		f->racy = racy;
		f->hash = hash;
		scan_skip(f, "out of memory while extracting, skipped");
		return;
	}
	f->hdr_key = scan_key_of(run, i, unit, f);
	if (f->status != DIG_FILE_SKIPPED)
		atomic_fetch_add(&run->parsed, 1);
}

/* A worker thread: take todo slots until none are left. */
static void *scan_worker(void *arg)
{
	struct scan_run *run = arg;
	TSParser *parser = run->phase == 2 ? strata_ts_parser_new() : NULL;
	struct scan_unit unit;
	char *buf = NULL;
	size_t cap = 0;

	memset(&unit, 0, sizeof(unit));
	if (run->phase < 2 || (parser && ts_parser_set_language(parser, tree_sitter_c()))) {
		for (;;) {
			uint32_t k = atomic_fetch_add(&run->next, 1);
			if (k >= run->ntodo)
				break;
			if (run->phase == 0)
				scan_zero(run, run->todo[k], &unit, &buf, &cap);
			else if (run->phase == 1)
				scan_first(run, run->todo[k], &unit, &buf, &cap);
			else
				scan_second(run, run->todo[k], parser, &unit, &buf, &cap);
			atomic_fetch_add(&run->done, 1);
			/* The big read buffer of a huge file is not kept for the next, small, ones. */
			if (cap > (8u << 20)) {
				free(buf);
				buf = NULL;
				cap = 0;
			}
		}
	}
	free(buf);
	scan_unit_fini(&unit);
	if (parser)
		ts_parser_delete(parser);
	pthread_mutex_lock(&run->lock);
	run->finished_threads++;
	pthread_cond_signal(&run->cond);
	pthread_mutex_unlock(&run->lock);
	return NULL;
}

/* Seconds since an origin. */
static double scan_seconds(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Draw the progress line: files done/total, MB read, MB/s; `last`: the phase's final state,
 * with its time, ending the line so that it stays on the terminal. */
static void scan_progress_draw(struct scan_run *run, const struct timespec *t0, int last)
{
	double s = scan_seconds(t0), mb = (double)atomic_load(&run->bytes) / 1e6;

	fprintf(stderr, "\rstrata: %s %u/%u files, %.1f MB, %.1f MB/s", run->phase == 1 ? "reading" : "parsing",
	        atomic_load(&run->done), run->ntodo, mb, s > 0 ? mb / s : 0.0);
	if (last)
		fprintf(stderr, " in %.1f s", s);
	fputs(last ? "\033[K\n" : "\033[K", stderr);
	fflush(stderr);
}

/* Run one phase's workers over todo and wait, drawing progress at most ten times a
 * second. */
static int scan_parallel(struct scan_run *run, int jobs, int phase, const uint32_t *todo, uint32_t ntodo)
{
	pthread_t threads[SCAN_MAX_THREADS];
	pthread_attr_t attr;
	int started = 0;
	struct timespec t0;

	run->phase = phase;
	run->todo = todo;
	run->ntodo = ntodo;
	atomic_store(&run->next, 0);
	atomic_store(&run->done, 0);
	atomic_store(&run->bytes, 0);
	run->finished_threads = 0;
	if ((uint32_t)jobs > ntodo)
		jobs = ntodo ? (int)ntodo : 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SCAN_THREAD_STACK);
	for (int i = 0; i < jobs; i++)
		if (pthread_create(&threads[started], &attr, scan_worker, run) == 0)
			started++;
	pthread_attr_destroy(&attr);
	if (started == 0) {
		run->finished_threads = 0;
		scan_worker(run);      /* no thread could start: do the work here */
		return 0;
	}
	pthread_mutex_lock(&run->lock);
	while (run->finished_threads < started) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&run->cond, &run->lock, &until);
		if (run->opts->progress && run->phase > 0 && run->finished_threads < started)
			scan_progress_draw(run, &t0, 0);
	}
	pthread_mutex_unlock(&run->lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* the phase's last line stays: what was read, how much, how fast */
	if (run->opts->progress && run->phase > 0 && ntodo)
		scan_progress_draw(run, &t0, 1);
	return 0;
}

/* Compare two files byte for byte by reading both again (only for equal size + hash). */
int scan_same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	char ba[65536], bb[65536];
	int same = fa && fb;

	while (same) {
		size_t na = fread(ba, 1, sizeof(ba), fa), nb = fread(bb, 1, sizeof(bb), fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			same = 0;
		if (na == 0)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

/* Order of file indices for copy detection: by (size, hash), then path order. */
static int scan_cmp_copy(const void *a, const void *b, void *files)
{
	const struct dig_file *x = (const struct dig_file *)files + *(const uint32_t *)a;
	const struct dig_file *y = (const struct dig_file *)files + *(const uint32_t *)b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

int scan_copies_find(const struct dig_file *files, uint32_t n, int (*same)(void *ctx, uint32_t a, uint32_t b),
                     void *ctx, uint32_t *orig)
{
	uint32_t k = 0;
	uint32_t *idx = malloc((size_t)n * sizeof(*idx) + 1);
	int rc = 0;

	for (uint32_t i = 0; i < n; i++)
		orig[i] = UINT32_MAX;
	if (!idx)
		return -1;
	/* read (a file skipped before it was read has no hash) and not empty */
	for (uint32_t i = 0; i < n; i++)
		if ((files[i].status != DIG_FILE_SKIPPED || files[i].hash != 0) && files[i].size > 0)
			idx[k++] = i;
	if (k > 1)
		qsort_r(idx, k, sizeof(*idx), scan_cmp_copy, (void *)files);
	for (uint32_t a = 0; a < k && rc == 0;) {
		uint32_t b = a + 1;
		const struct dig_file *fa = &files[idx[a]];
		while (b < k && files[idx[b]].size == fa->size && files[idx[b]].hash == fa->hash)
			b++;
		/* idx[a..b) share size and hash; within, the earliest path that matches wins. */
		for (uint32_t i = a + 1; i < b && rc == 0; i++) {
			for (uint32_t j = a; j < i; j++) {
				if (orig[idx[j]] != UINT32_MAX)
					continue;
				int r = same(ctx, idx[j], idx[i]);
				if (r < 0)
					rc = -1;
				if (r) {
					orig[idx[i]] = idx[j];
					break;
				}
			}
		}
		a = b;
	}
	free(idx);
	return rc;
}

void scan_copy_share(struct dig_file *copy, const struct dig_file *orig)
{
	struct dig_file keep = *copy;

	*copy = *orig;
	copy->path = keep.path;
	copy->mtime_ns = keep.mtime_ns;
	copy->ctime_ns = keep.ctime_ns;
	copy->ino = keep.ino;
	copy->racy = keep.racy;
	copy->copy_of = orig->path;
	copy->arena = keep.arena;
}

/* scan_copies_find's question for the walk's files: the same bytes on disk? */
static int scan_same_entries(void *entries, uint32_t a, uint32_t b)
{
	const struct scan_entry *e = entries;

	return scan_same_bytes(e[a].abs, e[b].abs);
}

/* Mark byte-identical copies: each points at the first path (in path order) with the same
 * bytes; orig[i] gets that file's index (UINT32_MAX for files that are no copy). A hash
 * collision between different bytes is caught by the comparison. */
static void scan_copies(struct dig_tree *tree, const struct scan_entry *entries, uint32_t *orig)
{
	if (scan_copies_find(tree->files, tree->nfiles, scan_same_entries, (void *)entries, orig) != 0)
		for (uint32_t i = 0; i < tree->nfiles; i++)
			orig[i] = UINT32_MAX;          /* out of memory: no copies */
	for (uint32_t i = 0; i < tree->nfiles; i++)
		if (orig[i] != UINT32_MAX) {
			tree->files[i].copy_of = tree->files[orig[i]].path;
			tree->copies++;
		}
}

/* Sort diagnostics by path, then reason. */
int scan_cmp_diag(const void *a, const void *b)
{
	const struct dig_diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : strcmp(x->reason, y->reason);
}

/* Number of online CPUs, at least 1. */
static int scan_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > SCAN_MAX_THREADS ? SCAN_MAX_THREADS : (int)n;
}

/* How the depth of a file is decided (lex.c, words.c): a new rule gives other facts for
 * the same words, so it is part of the cache key. */
#define SCAN_DEPTH_RULES 3u

/* Mix one string (NULL apart from "") into a running hash. */
static uint64_t scan_mix_str(uint64_t h, const char *s)
{
	uint64_t x = s ? scan_hash(s, strlen(s)) : 0x9e3779b97f4a7c15ull;

	return (h ^ x) * 1099511628211ull;
}

/* The inputs' -D and -I flags, each list after its path (0 when none has any). */
static uint64_t scan_flags_hash(const struct dig_scan_opts *opts)
{
	uint64_t h = 0;

	for (uint32_t k = 0; opts->inputs && k < opts->ninputs; k++) {
		const struct dig_scan_input *in = &opts->inputs[k];
		if (!in->ndefines && !in->ninclude_dirs)
			continue;
		h = scan_mix_str(h ? h : 7, in->path);
		for (uint32_t i = 0; i < in->ndefines; i++)
			h = scan_mix_str(h, in->defines[i]);
		h = scan_mix_str(h, "-I");
		for (uint32_t i = 0; i < in->ninclude_dirs; i++)
			h = scan_mix_str(h, in->include_dirs[i]);
	}
	return h;
}

/* A hash of the deep words and the depth rules, and of the inputs' flags (0 for neither):
 * facts made with other words or flags are other facts. */
uint64_t dig_scan_facts_key(const struct dig_scan_opts *opts)
{
	uint64_t h = SCAN_DEPTH_RULES, flags = scan_flags_hash(opts);

	if (!opts->deep_words && !flags)
		return 0;
	for (int i = 0; opts->deep_words && i < opts->ndeep_words; i++)
		h = scan_mix_str(h, opts->deep_words[i] ? opts->deep_words[i] : "");
	if (flags)
		h = (h ^ flags) * 1099511628211ull + !opts->deep_words;
	return h ? h : 1;
}

uint64_t dig_scan_config_hash(const struct dig_scan_opts *opts)
{
	uint64_t h = scan_mix_str(0x5354524154414346ull, "strata scan config 1");

	h = scan_mix_str(h, "ext");
	for (int i = 0; i < opts->nexts; i++)
		h = scan_mix_str(h, opts->exts[i]);
	h = scan_mix_str(h, "exclude");
	for (int i = 0; i < opts->nexcludes; i++)
		h = scan_mix_str(h, opts->excludes[i]);
	h = (h ^ (uint64_t)opts->default_excludes) * 1099511628211ull;
	h = (h ^ (uint64_t)(opts->max_file_bytes ? opts->max_file_bytes : SCAN_DEFAULT_MAX_BYTES)) * 1099511628211ull;
	h = (h ^ (uint64_t)(opts->file_ms ? opts->file_ms : 5000)) * 1099511628211ull;
	h = (h ^ dig_scan_facts_key(opts)) * 1099511628211ull;
	h = scan_mix_str(h, opts->inputs ? (opts->inputs_and_headers ? "inputs+headers" : "inputs") : "walk");
	for (uint32_t k = 0; opts->inputs && k < opts->ninputs; k++)
		h = scan_mix_str(h, opts->inputs[k].path);
	return h;
}

/* Lamping and Veach's jump consistent hash: a bucket in [0, n) for a 64-bit key, moving
 * only a 1/n share of the keys when n grows by one ("A Fast, Minimal Memory, Consistent
 * Hash Algorithm", 2014). The doubles are exact here (31-bit numerator, 31-bit divisor). */
static uint32_t scan_jump(uint64_t key, uint32_t n)
{
	int64_t b = -1, j = 0;

	while (j < (int64_t)n) {
		b = j;
		key = key * 2862933555777941757ull + 1;
		j = (int64_t)((double)(b + 1) * ((double)(1ull << 31) / (double)((key >> 33) + 1)));
	}
	return (uint32_t)b;
}

/* The shards' own path hash, FNV-1a over 8-byte words, mixed: fixed, so that a path's
 * shard never moves (scan_hash, the content hash, may change with the facts version). */
static uint64_t scan_path_hash(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t len = strlen(path), i = 0;
	uint64_t h = 1469598103934665603ull ^ len;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 1099511628211ull;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

uint32_t dig_shard_of(const char *path, uint32_t nshards)
{
	if (nshards <= 1)
		return 0;
	return scan_jump(scan_path_hash(path), nshards);
}

/* --shard: keep the entries and the walk's diagnostics of this shard only. */
static void scan_shard_filter(const struct dig_scan_opts *opts, struct scan_vec *entries, struct scan_diags *diags)
{
	struct scan_entry *e = entries->data;
	struct dig_diag *d = diags->items.data;
	uint32_t kept = 0;

	if (opts->nshards <= 1)
		return;
	for (uint32_t i = 0; i < entries->n; i++) {
		if (dig_shard_of(e[i].path, opts->nshards) == opts->shard) {
			e[kept++] = e[i];
			continue;
		}
		scan_entry_free(&e[i]);
	}
	entries->n = kept;
	kept = 0;
	for (uint32_t i = 0; i < diags->items.n; i++) {
		if (dig_shard_of(d[i].path, opts->nshards) == opts->shard) {
			d[kept++] = d[i];
			continue;
		}
		free((char *)d[i].path);
		free((char *)d[i].reason);
	}
	diags->items.n = kept;
}

/* Phase 0: every header of the walk (whatever the shard: a shard's files include the
 * others' headers too) read for what it tells #if conditions (headers.c). Returns the
 * table, or NULL when there is no header or no memory (then no file learns from headers). */
static struct scan_headers *scan_headers_read(const struct dig_scan_opts *opts, const struct scan_vec *entries,
                                             int jobs)
{
	const struct scan_entry *ent = entries->data;
	uint32_t n = entries->n, nh = 0;
	struct scan_headers *t = calloc(1, sizeof(*t));
	uint32_t *todo = malloc(((size_t)n + 1) * sizeof(*todo));
	const char **paths = malloc(((size_t)n + 1) * sizeof(*paths));
	unsigned char *usable = calloc((size_t)n + 1, 1);
	struct dig_inc_base *bases = malloc(((size_t)n + 1) * sizeof(*bases));

	if (t)
		t->arena = dig_arena_create();
	if (!t || !t->arena || !todo || !paths || !usable || !bases || !(t->hdr = calloc((size_t)n + 1, sizeof(*t->hdr)))) {
		free(todo);
		free(paths);
		free(usable);
		free(bases);
		if (t)
			t->ix.npaths = 0;
		scan_headers_free(t);
		return NULL;
	}
	t->ix.paths = paths;
	t->ix.usable = usable;
	t->ix.bases = bases;
	char *real = dig_inc_root_real(opts->root);
	t->ix.root_real = real ? dig_arena_strdup(t->arena, real) : NULL;
	free(real);
	for (uint32_t i = 0; i < n; i++) {
		size_t pl = strlen(ent[i].path);
		if (!(paths[i] = dig_arena_strdup(t->arena, ent[i].path)))
			break;
		t->ix.npaths++;
		if (ent[i].skip)
			continue;
		usable[i] = 1;
		bases[t->ix.nbases].path = paths[i];
		bases[t->ix.nbases].base = dig_inc_basename(paths[i]);
		bases[t->ix.nbases++].file = i;
		if (!(pl >= 2 && strcmp(ent[i].path + pl - 2, ".c") == 0))
			todo[nh++] = i;
	}
	dig_inc_index_sort(bases, t->ix.nbases);
	if (nh && t->ix.npaths == n) {
		struct scan_run run;
		memset(&run, 0, sizeof(run));
		run.opts = opts;
		run.entries = ent;
		run.hdrs = t;
		run.max_bytes = opts->max_file_bytes ? opts->max_file_bytes : SCAN_DEFAULT_MAX_BYTES;
		pthread_mutex_init(&run.lock, NULL);
		pthread_cond_init(&run.cond, NULL);
		scan_parallel(&run, jobs, 0, todo, nh);
		pthread_mutex_destroy(&run.lock);
		pthread_cond_destroy(&run.cond);
	}
	free(todo);
	if (!nh || t->ix.npaths != n || scan_headers_finish(t) != 0) {
		scan_headers_free(t);
		return NULL;
	}
	return t;
}

void scan_tree_tally(struct dig_tree *tree)
{
	tree->bytes = 0;
	tree->skipped = 0;
	tree->copies = 0;
	for (uint32_t i = 0; i < tree->nfiles; i++) {
		const struct dig_file *f = &tree->files[i];
		/* read (its hash was taken) or cached: a file skipped before it was read (too
		 * large, unreadable) has no hash */
		if (f->status != DIG_FILE_SKIPPED || f->hash != 0)
			tree->bytes += f->size;
		if (f->status == DIG_FILE_SKIPPED)
			tree->skipped++;
		if (f->copy_of)
			tree->copies++;
	}
}

/* The whole scan. */
int dig_scan(const struct dig_scan_opts *opts, struct dig_tree **out, const char **err)
{
	struct scan_vec entries = { 0 };
	struct scan_diags diags = { { 0 }, { 0 } };
	struct scan_run run;
	struct dig_tree *tree;
	static const char *oom = "out of memory";

	*out = NULL;
	*err = NULL;
	if (scan_walk(opts, &entries, &diags, err)) {
		scan_walk_free(&entries);
		scan_diags_fini(&diags);
		return -1;
	}
	int jobs = opts->jobs > 0 ? opts->jobs : scan_cpus();
	if (jobs > SCAN_MAX_THREADS)
		jobs = SCAN_MAX_THREADS;
	struct scan_headers *hdrs = scan_headers_read(opts, &entries, jobs);
	scan_shard_filter(opts, &entries, &diags);
	tree = calloc(1, sizeof(*tree));
	if (!tree || !(tree->arena = dig_arena_create()) ||
	    !(tree->root = dig_arena_strdup(tree->arena, opts->root && *opts->root ? opts->root : ".")) ||
	    (entries.n && !(tree->files = calloc(entries.n, sizeof(*tree->files))))) {
		if (tree)
			dig_arena_destroy(tree->arena);
		free(tree);
		scan_headers_free(hdrs);
		scan_walk_free(&entries);
		scan_diags_fini(&diags);
		*err = oom;
		return -1;
	}
	tree->nfiles = entries.n;
	const struct scan_entry *ent = entries.data;
	for (uint32_t i = 0; i < entries.n; i++) {
		tree->files[i].path = dig_arena_strdup(tree->arena, ent[i].path);
		tree->files[i].size = ent[i].size;
		tree->files[i].mtime_ns = ent[i].mtime_ns;
		tree->files[i].ctime_ns = ent[i].ctime_ns;
		tree->files[i].ino = ent[i].ino;
		if (!tree->files[i].path) {
			tree->nfiles = i;
			break;
		}
	}
	memset(&run, 0, sizeof(run));
	run.opts = opts;
	run.entries = ent;
	run.files = tree->files;
	run.nfiles = tree->nfiles;
	run.max_bytes = opts->max_file_bytes ? opts->max_file_bytes : SCAN_DEFAULT_MAX_BYTES;
	run.hdrs = hdrs;
	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.cond, NULL);
	uint64_t words = dig_scan_facts_key(opts);
	struct scan_words *matcher = NULL;
	if (opts->deep_words && !(matcher = scan_words_create(opts->deep_words, opts->ndeep_words))) {
		scan_headers_free(hdrs);
		dig_tree_free(tree);
		scan_walk_free(&entries);
		scan_diags_fini(&diags);
		*err = oom;
		return -1;
	}
	run.words = matcher;
	if (opts->cache_dir && !opts->cache_fresh)
		run.cache = scan_cache_open(opts->cache_dir, tree->root, words, &diags);
	uint32_t *todo = malloc(((size_t)tree->nfiles + 1) * sizeof(*todo));
	uint32_t *orig = malloc(((size_t)tree->nfiles + 1) * sizeof(*orig));
	run.from_cache = calloc((size_t)tree->nfiles + 1, 1);
	if (!todo || !orig || !run.from_cache) {
		free(todo);
		free(orig);
		free(run.from_cache);
		scan_words_destroy(matcher);
		scan_headers_free(hdrs);
		scan_cache_close(run.cache);
		dig_tree_free(tree);
		scan_walk_free(&entries);
		scan_diags_fini(&diags);
		*err = oom;
		return -1;
	}
	/* Phase 1: cache hits, and size + hash of everything else. */
	for (uint32_t i = 0; i < tree->nfiles; i++)
		todo[i] = i;
	scan_parallel(&run, jobs, 1, todo, tree->nfiles);
	/* Copies: known before parsing, so each distinct content is parsed once. */
	scan_copies(tree, ent, orig);
	/* Phase 2: parse what is neither skipped, cached nor a copy. */
	uint32_t n = 0;
	for (uint32_t i = 0; i < tree->nfiles; i++)
		if (tree->files[i].status != DIG_FILE_SKIPPED && run.from_cache[i] != 1 && orig[i] == UINT32_MAX)
			todo[n++] = i;
	scan_parallel(&run, jobs, 2, todo, n);
	/* Copies share their original's facts (same bytes, same facts; only path and mtime
	 * differ). A copy whose own facts came from the cache keeps those. */
	for (uint32_t i = 0; i < tree->nfiles; i++) {
		if (orig[i] == UINT32_MAX || run.from_cache[i] == 1)
			continue;
		scan_copy_share(&tree->files[i], &tree->files[orig[i]]);
		if (tree->files[i].status != DIG_FILE_SKIPPED)
			tree->shared++;
	}
	pthread_mutex_destroy(&run.lock);
	pthread_cond_destroy(&run.cond);
	scan_words_destroy(matcher);
	scan_headers_free(hdrs);
#ifdef __GLIBC__
	/* The workers' read buffers, units and parsers are gone, but their malloc arenas keep
	 * the pages; the model is built next, on top of the facts: give them back. */
	malloc_trim(0);
#endif
	/* Nothing parsed, every cached file used, none found by content (times changed): the
	 * cache on disk is still exact. */
	int cache_exact = run.cache && atomic_load(&run.parsed) == 0 && tree->shared == 0 &&
	                  atomic_load(&run.restat) == 0 && atomic_load(&run.cached) == scan_cache_count(run.cache);
	scan_cache_close(run.cache);
	tree->cached = atomic_load(&run.cached);
	tree->rehashed = atomic_load(&run.restat);
	tree->parsed = atomic_load(&run.parsed);
	scan_tree_tally(tree);
	for (uint32_t i = 0; i < tree->nfiles; i++) {
		struct dig_file *f = &tree->files[i];
		if (f->reason)
			scan_diags_add(&diags, f->path, f->reason);
		if (run.from_cache[i] == 2)
			scan_diags_add(&diags, f->path, "its record in the fact cache is damaged (fails its checksum); parsed again");
	}
	free(todo);
	free(orig);
	free(run.from_cache);
	/* The new cache: where the caller wants it. An exact old cache in another folder is
	 * linked there (it is never changed in place: a new one is always a new file). */
	const char *cache_out = opts->cache_out ? opts->cache_out : opts->cache_dir;
	int store = cache_out && !(cache_exact && cache_out == opts->cache_dir) && !opts->cache_no_store;
	if (store && cache_exact && scan_cache_link(opts->cache_dir, cache_out) == 0)
		store = 0;
	if (store && !(opts->cache_later && scan_tree_cache_later(tree, cache_out, words) == 0))
		tree->cache_failed = scan_cache_store(cache_out, tree->root, words, tree, &diags) != 0;
	/* Diagnostics into the tree arena, sorted. */
	struct dig_diag *d = diags.items.data;
	if (diags.items.n > 1)
		qsort(d, diags.items.n, sizeof(*d), scan_cmp_diag);
	tree->diags = dig_arena_alloc(tree->arena, (size_t)diags.items.n * sizeof(*d) + 1);
	for (uint32_t i = 0; tree->diags && i < diags.items.n; i++) {
		tree->diags[tree->ndiags].path = dig_arena_strdup(tree->arena, d[i].path);
		tree->diags[tree->ndiags].reason = dig_arena_strdup(tree->arena, d[i].reason);
		if (tree->diags[tree->ndiags].path && tree->diags[tree->ndiags].reason)
			tree->ndiags++;
	}
	char **x = diags.excluded.data;
	tree->excluded = dig_arena_alloc(tree->arena, (size_t)diags.excluded.n * sizeof(*tree->excluded) + 1);
	for (uint32_t i = 0; tree->excluded && i < diags.excluded.n; i++)
		if ((tree->excluded[tree->nexcluded] = dig_arena_strdup(tree->arena, x[i])) != NULL)
			tree->nexcluded++;
	scan_diags_fini(&diags);
	scan_walk_free(&entries);
	*out = tree;
	return 0;
}
