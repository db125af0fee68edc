/*
 * dig/scan/tree.c: a scanned tree's life after the scan: its fact cache written (now, or on
 * a thread of its own while the model reads the tree: dig_cache_store, dig_scan_cache_wait),
 * a whole tree loaded from a cache (for the queries and strata merge, which need no
 * re-scan: dig_cache_load), a file found by path (dig_tree_find), and the tree freed.
 *
 * Layering: scan.c and part.c build trees and call here (the cache thread, the free on
 * failure); this file calls cache.c (the records) and the arenas; cache.c calls neither. A
 * tree loaded from the cache is in path order, as a scan gives it: copies are joined again
 * by their stored index, confirmed by hash and size.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan_impl.h"

/* The fact cache written on a thread of its own (dig_scan_opts.cache_later): it only
 * reads the tree, as the model being built beside it does. */
struct scan_cache_job {
	pthread_t thread;
	char *dir;
	const struct dig_tree *tree;
	uint64_t words;
	struct scan_diags diags;       /* its own: joined into the tree's by dig_scan_cache_wait */
	int failed;                    /* the store failed */
};

/* The cache thread: write, keep the diagnostics for dig_scan_cache_wait. */
static void *scan_cache_thread(void *arg)
{
	struct scan_cache_job *job = arg;
	job->failed = scan_cache_store(job->dir, job->tree->root, job->words, job->tree, &job->diags) != 0;
	return NULL;
}

/* Start the cache write on a thread; 0, or -1 (then the caller writes it itself). */
int scan_tree_cache_later(struct dig_tree *tree, const char *dir, uint64_t words)
{
	struct scan_cache_job *job = calloc(1, sizeof(*job));
	if (!job || !(job->dir = strdup(dir))) {
		free(job);
		return -1;
	}
	job->tree = tree;
	job->words = words;
	if (pthread_create(&job->thread, NULL, scan_cache_thread, job) != 0) {
		free(job->dir);
		free(job);
		return -1;
	}
	tree->cache_job = job;
	return 0;
}

/* Append diagnostics to the tree's (copied into its arena); returns how many. */
static uint32_t scan_diags_append(struct dig_tree *tree, const struct scan_diags *diags)
{
	uint32_t n = diags->items.n, added = 0;
	const struct dig_diag *d = diags->items.data;
	struct dig_diag *all = n ? dig_arena_alloc(tree->arena, ((size_t)tree->ndiags + n) * sizeof(*all)) : NULL;
	if (all) {
		memcpy(all, tree->diags, (size_t)tree->ndiags * sizeof(*all));
		for (uint32_t i = 0; i < n; i++) {
			all[tree->ndiags + added].path = dig_arena_strdup(tree->arena, d[i].path);
			all[tree->ndiags + added].reason = dig_arena_strdup(tree->arena, d[i].reason);
			if (all[tree->ndiags + added].path && all[tree->ndiags + added].reason)
				added++;
		}
		tree->diags = all;
		tree->ndiags += added;
	}
	return added;
}

/* Join the cache thread; its diagnostics into the tree's. */
uint32_t dig_scan_cache_wait(struct dig_tree *tree)
{
	struct scan_cache_job *job = tree ? tree->cache_job : NULL;
	if (!job)
		return 0;
	pthread_join(job->thread, NULL);
	tree->cache_job = NULL;
	if (job->failed)
		tree->cache_failed = 1;
	uint32_t added = scan_diags_append(tree, &job->diags);
	scan_diags_fini(&job->diags);
	free(job->dir);
	free(job);
	return added;
}

/* Write the tree's facts as the cache, now or on a thread of its own. */
void dig_cache_store(struct dig_tree *tree, const char *cache_dir, uint64_t key, int later)
{
	struct scan_diags diags = { { 0 }, { 0 } };

	if (later && scan_tree_cache_later(tree, cache_dir, key) == 0)
		return;
	if (scan_cache_store(cache_dir, tree->root, key, tree, &diags) != 0)
		tree->cache_failed = 1;
	scan_diags_append(tree, &diags);
	scan_diags_fini(&diags);
}

/* Load a whole cache as a tree (for queries that need no re-scan). */
int dig_cache_load(const char *cache_dir, struct dig_tree **out)
{
	struct scan_unit unit;
	char *root = NULL;
	struct scan_cache *c;
	struct dig_tree *t;
	uint32_t nrecs;

	*out = NULL;
	memset(&unit, 0, sizeof(unit));
	c = scan_cache_open_any(cache_dir, &root);
	if (!c) {
		free(root);
		return -1;
	}
	nrecs = scan_cache_count(c);
	t = calloc(1, sizeof(*t));
	if (!t || !(t->arena = dig_arena_create()) ||
	    !(t->root = dig_arena_strdup(t->arena, root ? root : "")) ||
	    !(t->files = calloc((size_t)nrecs + 1, sizeof(*t->files))))
		goto fail;
	/* Records come back in path order (the index is sorted), as a scan gives them. */
	int32_t *copies = calloc((size_t)nrecs + 1, sizeof(*copies));
	if (!copies)
		goto fail;
	for (uint32_t i = 0; i < nrecs; i++) {
		struct dig_file *f = &t->files[t->nfiles];
		if (!scan_cache_load_at(c, &unit, i, f, &copies[t->nfiles])) {
			dig_arena_destroy(f->arena);
			memset(f, 0, sizeof(*f));
			continue;
		}
		t->nfiles++;
		if (f->status != DIG_FILE_SKIPPED)
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
	scan_unit_fini(&unit);
	t->cached = t->nfiles;
	free(root);
	scan_cache_close(c);
	*out = t;
	return 0;
fail:
	scan_unit_fini(&unit);
	dig_tree_free(t);
	free(root);
	scan_cache_close(c);
	return -1;
}

/* Binary search of the tree's files (path order) for a path. */
uint32_t dig_tree_find(const struct dig_tree *tree, const char *path)
{
	uint32_t lo = 0, hi = tree->nfiles;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(tree->files[mid].path, path);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return UINT32_MAX;
}

/* Free a tree: every file's arena, the file array, the tree's own arena. */
void dig_tree_free(struct dig_tree *tree)
{
	if (!tree)
		return;
	dig_scan_cache_wait(tree);
	for (uint32_t i = 0; i < tree->nfiles; i++)
		dig_arena_destroy(tree->files[i].arena);
	free(tree->files);
	dig_arena_destroy(tree->arena);
	free(tree);
}
