/*
 * dig/query/qindex.c: the index reader. Maps OUT/.strata-index read-only, verifies the
 * header and the block table at open, and every block the first time a read touches it;
 * every offset and index taken from the file is checked against its section before use.
 * The first failed check is kept (qx_error) and every later read returns NULL, so the
 * callers print what they have and stop with that message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/model/model.h"
#include "dig/query/qindex.h"

struct qx {
	const unsigned char *base;     /* the mapping */
	uint64_t size;
	const struct qx_header *h;
	const uint64_t *sums;          /* the block checksums */
	unsigned char *checked;        /* per block: verified */
	char error[256];               /* the first failed read, or "" */
	const char *path;
};

/* Keep the first error. */
static void qx_fail(struct qx *ix, const char *why)
{
	if (!ix->error[0])
		snprintf(ix->error, sizeof ix->error, "%s: %s; run 'strata dig' again to rewrite it", ix->path, why);
}

const char *qx_error(const struct qx *ix)
{
	return ix->error[0] ? ix->error : NULL;
}

/* Verify the blocks under [off, off + len) (file offsets inside the checksummed region). */
static int qx_verify(struct qx *ix, uint64_t off, uint64_t len)
{
	uint64_t first, last;
	if (ix->error[0])
		return -1;
	if (off < QX_HEADER || len > ix->h->table || off > ix->h->table - len) {
		qx_fail(ix, "an offset points outside the index");
		return -1;
	}
	if (!len)
		return 0;
	first = (off - QX_HEADER) / QX_BLOCK;
	last = (off + len - 1 - QX_HEADER) / QX_BLOCK;
	for (uint64_t b = first; b <= last; b++) {
		if (ix->checked[b])
			continue;
		if (qx_hash(ix->base + QX_HEADER + b * QX_BLOCK, QX_BLOCK) != ix->sums[b]) {
			char why[96];
			snprintf(why, sizeof why, "damaged (block %llu fails its checksum)", (unsigned long long)b);
			qx_fail(ix, why);
			return -1;
		}
		ix->checked[b] = 1;
	}
	return 0;
}

/* Element i of section s (elem bytes each), verified; NULL when out of range or damaged. */
static const void *qx_elem(struct qx *ix, enum qx_section s, uint64_t i, size_t elem)
{
	const struct qx_dir *d = &ix->h->dir[s];
	if (i >= d->count) {
		qx_fail(ix, "a record points past the end of its section");
		return NULL;
	}
	if (qx_verify(ix, d->off + i * elem, elem))
		return NULL;
	return ix->base + d->off + i * elem;
}

/* A run of n elements of section s from i. */
static const void *qx_run(struct qx *ix, enum qx_section s, uint64_t i, uint64_t n, size_t elem)
{
	const struct qx_dir *d = &ix->h->dir[s];
	if (i > d->count || n > d->count - i) {
		qx_fail(ix, "a record points past the end of its section");
		return NULL;
	}
	if (qx_verify(ix, d->off + i * elem, n * elem))
		return NULL;
	return ix->base + d->off + i * elem;
}

/* Check the header and the section directory against the file; "" when good. */
static const char *qx_check_header(const struct qx_header *h, uint64_t size)
{
	static const size_t elem[QX_S_COUNT] = {
		[QX_S_STR] = 1, [QX_S_FILES] = 4, [QX_S_NODES] = sizeof(struct qx_node), [QX_S_SLOTS] = 4,
		[QX_S_NAMES] = sizeof(struct qx_name), [QX_S_BYNAME] = 4, [QX_S_CALLS] = sizeof(struct qx_call),
		[QX_S_CANDS] = 4, [QX_S_BYTARGET] = 4, [QX_S_TSTART] = 4, [QX_S_BYCALLER] = 4, [QX_S_CSTART] = 4,
		[QX_S_EDGES] = sizeof(struct qx_edge), [QX_S_ESTART] = 4,
	};
	if (h->header_sum != qx_hash(h, offsetof(struct qx_header, header_sum)))
		return "damaged (the header fails its checksum)";
	if (h->block != QX_BLOCK || h->size != size || h->table < QX_HEADER || (h->table - QX_HEADER) % QX_BLOCK ||
	    h->nblocks != (h->table - QX_HEADER) / QX_BLOCK || h->nblocks > size / 8 ||
	    h->size != h->table + h->nblocks * 8)
		return h->size != size ? "truncated (shorter or longer than its header says)" : "damaged (bad sizes)";
	for (int s = 0; s < QX_S_COUNT; s++) {
		const struct qx_dir *d = &h->dir[s];
		if (d->off < QX_HEADER || d->off > h->table || d->count > (h->table - d->off) / elem[s])
			return "damaged (a section lies outside the file)";
	}
	if (h->dir[QX_S_NODES].count != h->nnodes || h->dir[QX_S_TSTART].count != (uint64_t)h->nnodes + 1 ||
	    h->dir[QX_S_CSTART].count != (uint64_t)h->nnodes + 1 || h->dir[QX_S_ESTART].count != (uint64_t)h->nnodes + 1 ||
	    h->dir[QX_S_FILES].count != h->nfiles || h->dir[QX_S_CALLS].count != h->ncalls ||
	    h->dir[QX_S_BYNAME].count != h->nnodes || h->dir[QX_S_STR].count == 0 ||
	    (h->dir[QX_S_SLOTS].count & (h->dir[QX_S_SLOTS].count - 1)) != 0 || h->dir[QX_S_SLOTS].count == 0)
		return "damaged (inconsistent section sizes)";
	return "";
}

struct qx *qx_open(const char *out, char *err, size_t errlen)
{
	return qx_open_at(AT_FDCWD, out, err, errlen);
}

/* Open OUT's index relative to a descriptor of OUT (AT_FDCWD: by out's path). */
struct qx *qx_open_at(int dirfd, const char *out, char *err, size_t errlen)
{
	struct qx *ix = NULL;
	struct stat st;
	char *path;
	size_t n = strlen(out) + sizeof QX_FILE + 2;
	int fd;
	const char *why;
	void *map;

	path = malloc(n);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(path, n, "%s/%s", out, QX_FILE);
	fd = openat(dirfd, dirfd == AT_FDCWD ? path : QX_FILE, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			snprintf(err, errlen, "%s: no query index (no dig output here, or one from an older strata); "
			         "run 'strata dig DIR -o %s' first", path, out);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < QX_HEADER) {
		snprintf(err, errlen, "%s: truncated or not an index; run 'strata dig' again to rewrite it", path);
		close(fd);
		free(path);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	/* a query reads a few scattered records: no readahead around each */
	if (map != MAP_FAILED)
		madvise(map, (size_t)st.st_size, MADV_RANDOM);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "%s: cannot map: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	{
		const struct qx_header *h = map;
		if (memcmp(h->magic, QX_MAGIC, 7) != 0) {
			why = "not a strata query index";
			goto bad;
		}
		if (memcmp(h->magic, QX_MAGIC, 8) != 0 || h->version != QX_VERSION) {
			snprintf(err, errlen, "%s: written by another version of strata (index version %u, this strata reads %u); "
			         "run 'strata dig' again to rewrite it", path, memcmp(h->magic, QX_MAGIC, 8) ? 0 : h->version,
			         QX_VERSION);
			munmap(map, (size_t)st.st_size);
			free(path);
			return NULL;
		}
		why = qx_check_header(h, (uint64_t)st.st_size);
		if (*why)
			goto bad;
		if (h->table_sum != qx_hash((const unsigned char *)map + h->table, h->nblocks * 8)) {
			why = "damaged (the block table fails its checksum)";
			goto bad;
		}
		ix = calloc(1, sizeof *ix);
		if (ix)
			ix->checked = calloc(h->nblocks + 1, 1);
		if (!ix || !ix->checked) {
			free(ix);
			munmap(map, (size_t)st.st_size);
			free(path);
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		ix->base = map;
		ix->size = (uint64_t)st.st_size;
		ix->h = h;
		ix->sums = (const uint64_t *)((const unsigned char *)map + h->table);
		ix->path = path;
		/* the string pool must end with a NUL, so a string read from it stops inside it */
		{
			const char *last = qx_run(ix, QX_S_STR, h->dir[QX_S_STR].count - 1, 1, 1);
			if (!last || *last) {
				snprintf(err, errlen, "%s", ix->error[0] ? ix->error : "the string pool is not terminated");
				qx_close(ix);
				return NULL;
			}
		}
		return ix;
	}
bad:
	snprintf(err, errlen, "%s: %s; run 'strata dig' again to rewrite it", path, why);
	munmap(map, (size_t)st.st_size);
	free(path);
	return NULL;
}

void qx_close(struct qx *ix)
{
	if (!ix)
		return;
	munmap((void *)ix->base, (size_t)ix->size);
	free(ix->checked);
	free((void *)ix->path);
	free(ix);
}

uint32_t qx_nnodes(const struct qx *ix)
{
	return ix->h->nnodes;
}

/* A string: verified block by block up to its NUL (the pool ends with one). */
const char *qx_str(struct qx *ix, uint32_t off)
{
	const struct qx_dir *d = &ix->h->dir[QX_S_STR];
	const char *s;
	uint64_t at;
	if (off >= d->count) {
		qx_fail(ix, "a string offset points past the pool");
		return NULL;
	}
	at = d->off + off;
	for (;;) {
		uint64_t end = QX_HEADER + ((at - QX_HEADER) / QX_BLOCK + 1) * QX_BLOCK;
		uint64_t stop = d->off + d->count;
		if (end > stop)
			end = stop;
		if (qx_verify(ix, at, end - at))
			return NULL;
		if (memchr(ix->base + at, '\0', end - at))
			break;
		at = end;
	}
	s = (const char *)ix->base + d->off + off;
	return s;
}

const char *qx_file(struct qx *ix, uint32_t f)
{
	const uint32_t *p = qx_elem(ix, QX_S_FILES, f, 4);
	return p ? qx_str(ix, *p) : NULL;
}

const char *qx_call_args(struct qx *ix, const struct qx_call *c)
{
	const char *caller = qx_str(ix, c->text);
	if (!caller)
		return NULL;
	if ((uint64_t)c->text + strlen(caller) + 1 >= ix->h->dir[QX_S_STR].count) {
		qx_fail(ix, "a call's text runs past the pool");
		return NULL;
	}
	return qx_str(ix, c->text + (uint32_t)strlen(caller) + 1);
}

const struct qx_node *qx_node_get(struct qx *ix, uint32_t n)
{
	const struct qx_node *node = qx_elem(ix, QX_S_NODES, n, sizeof *node);
	if (node && node->file != UINT32_MAX && node->file >= ix->h->nfiles) {
		qx_fail(ix, "a node names a file that is not there");
		return NULL;
	}
	return node;
}

const struct qx_call *qx_call_get(struct qx *ix, uint32_t c)
{
	const struct qx_call *call = qx_elem(ix, QX_S_CALLS, c, sizeof *call);
	if (call && (call->file >= ix->h->nfiles || (call->caller >= 0 && (uint32_t)call->caller >= ix->h->nnodes) ||
	             (call->node >= 0 && (uint32_t)call->node >= ix->h->nnodes))) {
		qx_fail(ix, "a call names a file or node that is not there");
		return NULL;
	}
	return call;
}

const uint32_t *qx_cands(struct qx *ix, const struct qx_call *c)
{
	const uint32_t *cands = qx_run(ix, QX_S_CANDS, c->cands, c->ncands, 4);
	for (uint32_t i = 0; cands && i < c->ncands; i++)
		if (cands[i] >= ix->h->nnodes) {
			qx_fail(ix, "a candidate names a node that is not there");
			return NULL;
		}
	return cands;
}

/* The run start[n] .. start[n + 1] of a grouped section: its first element and count. */
static int qx_span(struct qx *ix, enum qx_section start, uint32_t n, uint32_t *first, uint32_t *count)
{
	const uint32_t *st;
	*count = 0;
	if (n >= ix->h->nnodes) {
		qx_fail(ix, "a node index is out of range");
		return -1;
	}
	st = qx_run(ix, start, n, 2, 4);
	if (!st)
		return -1;
	if (st[1] < st[0]) {
		qx_fail(ix, "a start array runs backwards");
		return -1;
	}
	*first = st[0];
	*count = st[1] - st[0];
	return 0;
}

/* A grouped list of call indices. */
static const uint32_t *qx_group(struct qx *ix, enum qx_section list, enum qx_section start, uint32_t n,
                                uint32_t *count)
{
	uint32_t first;
	const uint32_t *run;
	if (qx_span(ix, start, n, &first, count))
		return NULL;
	run = qx_run(ix, list, first, *count, 4);
	if (!run)
		*count = 0;
	return run;
}

const uint32_t *qx_callers(struct qx *ix, uint32_t n, uint32_t *count)
{
	return qx_group(ix, QX_S_BYTARGET, QX_S_TSTART, n, count);
}

const uint32_t *qx_callees(struct qx *ix, uint32_t n, uint32_t *count)
{
	return qx_group(ix, QX_S_BYCALLER, QX_S_CSTART, n, count);
}

const struct qx_edge *qx_edges(struct qx *ix, uint32_t n, uint32_t *count)
{
	uint32_t first, k;
	const struct qx_edge *e;
	if (qx_span(ix, QX_S_ESTART, n, &first, &k))
		return NULL;
	e = qx_run(ix, QX_S_EDGES, first, k, sizeof *e);
	if (!e)
		return NULL;
	for (uint32_t i = 0; i < k; i++)
		if (e[i].to >= ix->h->nnodes) {
			qx_fail(ix, "an edge names a node that is not there");
			return NULL;
		}
	*count = k;
	return e;
}

uint32_t qx_find(struct qx *ix, const char *name, const char *in, uint32_t *out, uint32_t max)
{
	const struct qx_dir *slots = &ix->h->dir[QX_S_SLOTS];
	uint64_t mask = slots->count - 1, i = qx_hash(name, strlen(name)) & mask;
	for (uint64_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
		const uint32_t *slot = qx_elem(ix, QX_S_SLOTS, i, 4);
		const struct qx_name *entry;
		const char *s;
		const uint32_t *nodes;
		uint32_t found = 0;
		if (!slot || !*slot)
			return 0;
		entry = qx_elem(ix, QX_S_NAMES, *slot - 1, sizeof *entry);
		if (!entry || !(s = qx_str(ix, entry->name)))
			return 0;
		if (strcmp(s, name) != 0)
			continue;
		nodes = qx_run(ix, QX_S_BYNAME, entry->first, entry->count, 4);
		if (!nodes)
			return 0;
		for (uint32_t k = 0; k < entry->count; k++) {
			const struct qx_node *node = qx_node_get(ix, nodes[k]);
			const char *path;
			if (!node)
				return 0;
			if (in) {
				if (node->file == UINT32_MAX || !(path = qx_file(ix, node->file)))
					continue;
				if (!model_path_under(path, in))
					continue;
			}
			if (found < max)
				out[found] = nodes[k];
			found++;
		}
		return qx_error(ix) ? 0 : found;
	}
	return 0;
}
