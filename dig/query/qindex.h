/*
 * dig/query/qindex.h: the query index, OUT/.strata-index, and its reader. Theory.
 *
 * `strata dig` writes the index beside the fact cache (dig/write/qindex.c); `strata
 * callers|callees|trace` answer from it alone: they map the file, look NAME up in a hash
 * table and read the few records the answer needs, so a query costs a process start and a
 * handful of pages, not a model rebuild (MINIX: 4 s and 395 MiB before the index).
 *
 * Layout (little-endian, every section 8-byte aligned, offsets from the file's start):
 *
 *   [0, 4096)        header: magic "STRQIDX1", version, sizes, the section directory and
 *                    a checksum of the header itself
 *   [4096, table)    the sections, checksummed in QX_BLOCK-byte blocks
 *   [table, end)     one 64-bit checksum per block
 *
 * Sections (QX_S_*): the string pool (NUL-terminated strings: names, paths, argument texts,
 * kinds; offset 0 is the empty string), the files (a string offset each), the nodes (one
 * struct qx_node per node of the model: definitions then externals), the names (an
 * open-addressing table of struct qx_name over every distinct node name, slots hold entry
 * + 1, 0 = empty; an entry's nodes are by_name[first .. first + count) in node order), the
 * calls (struct qx_call per live call, grouped by target node: the first candidate for an
 * ambiguous call, unresolved ones last; in file and line order inside a group), the
 * candidates of ambiguous
 * and dispatch calls, the calls grouped by target (every candidate) and by caller with
 * their start arrays (nnodes + 1 each), and the aggregated call-graph edges grouped by
 * their source with a start array.
 *
 * Locality: a query touches pages, and pages are what it costs (time and resident memory).
 * The calls into one node lie together, each followed in the pool by its own text, the
 * caller's name then the arguments ("caller\0args\0", in the same order), so the callers of
 * a node with thousands of call sites read a few contiguous runs, not a page per call.
 *
 * Integrity: the header checksum and the block table's checksum are verified when the
 * index is opened; every block is verified the first time a query reads from it (a query
 * reads few blocks, so it never pays for the whole file). Every offset and index read from
 * the file is bounds-checked before use, so a damaged or hostile index gives an error,
 * never a crash. The version changes whenever the layout or a record's meaning does; an
 * index of another version is refused with a message asking for a new dig.
 *
 * Checksum and hash: qx_hash below (64-bit, over 8-byte words, then the tail), the same in
 * the writer and the reader.
 */
#ifndef STRATA_DIG_QUERY_QINDEX_H
#define STRATA_DIG_QUERY_QINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define QX_MAGIC "STRQIDX1"
#define QX_VERSION 1
#define QX_HEADER 4096u          /* the header's size: one block, sections start after it */
#define QX_BLOCK 4096u           /* checksum block: one page, so a query verifies what it maps */
#define QX_FILE ".strata-index"  /* its name inside OUT */

enum qx_section {
	QX_S_STR = 0,     /* string pool (bytes) */
	QX_S_FILES,       /* uint32_t string offset per file */
	QX_S_NODES,       /* struct qx_node */
	QX_S_SLOTS,       /* uint32_t: name entry + 1, or 0 (a power-of-two count) */
	QX_S_NAMES,       /* struct qx_name */
	QX_S_BYNAME,      /* uint32_t node indices, grouped by name */
	QX_S_CALLS,       /* struct qx_call */
	QX_S_CANDS,       /* uint32_t node indices */
	QX_S_BYTARGET,    /* uint32_t call indices, grouped by target node */
	QX_S_TSTART,      /* uint32_t, nnodes + 1 */
	QX_S_BYCALLER,    /* uint32_t call indices, grouped by caller node */
	QX_S_CSTART,      /* uint32_t, nnodes + 1 */
	QX_S_EDGES,       /* struct qx_edge, grouped by from */
	QX_S_ESTART,      /* uint32_t, nnodes + 1 */
	QX_S_COUNT
};

/* One section: where and how many elements. */
struct qx_dir {
	uint64_t off;
	uint64_t count;
};

/* The header (at offset 0, padded with zeros to QX_HEADER bytes). */
struct qx_header {
	char magic[8];                 /* QX_MAGIC */
	uint32_t version;              /* QX_VERSION */
	uint32_t block;                /* QX_BLOCK */
	uint64_t size;                 /* the file's size: a shorter file was truncated */
	uint64_t table;                /* offset of the block checksums (nblocks of them) */
	uint64_t nblocks;              /* blocks between QX_HEADER and table */
	uint64_t table_sum;            /* qx_hash of the block checksums */
	uint32_t nnodes, ndefs;        /* nodes; the first ndefs are definitions */
	uint32_t nfiles, ncalls;
	struct qx_dir dir[QX_S_COUNT];
	uint64_t header_sum;           /* qx_hash of this struct up to this field */
};

/* qx_node.flags */
enum {
	QX_NODE_BACKEND = 1,   /* a backend: a trace stops here */
	QX_NODE_REACHES = 2,   /* an allocator API or calls into one (what a trace follows) */
	QX_NODE_EXTERNAL = 4,  /* called but defined nowhere: no file, no line */
	QX_NODE_NPARAMS = 8    /* nparams is known */
};

struct qx_node {
	uint32_t name;                 /* string */
	uint32_t file;                 /* file index, or UINT32_MAX for an external */
	uint32_t line;
	int32_t nparams;
	uint32_t kind;                 /* string: alloc, free, wrapper-alloc, helper, function ... */
	uint32_t owner;                /* string: the implementation id, or external-backend,
	                                  backend, external, function */
	uint32_t impl;                 /* string: the implementation id, or 0 (none) */
	uint32_t flags;                /* QX_NODE_* */
};

struct qx_name {
	uint32_t name;                 /* string */
	uint32_t first;                /* into QX_S_BYNAME */
	uint32_t count;
};

/* qx_call.target */
enum { QX_TARGET_NODE = 0, QX_TARGET_AMBIGUOUS, QX_TARGET_DISPATCH, QX_TARGET_NONE };

struct qx_call {
	uint32_t file;                 /* file index */
	int32_t caller;                /* node index of the enclosing function, or -1 */
	uint32_t line;
	uint32_t callee;               /* string: the name linked */
	uint32_t text;                 /* string: the caller's name ("" at file scope), followed
	                                  in the pool by the argument text */
	uint32_t via;                  /* string: the renaming macro, 0 for none */
	int32_t node;                  /* the target node, or -1 */
	uint32_t target;               /* QX_TARGET_* */
	uint32_t cands;                /* into QX_S_CANDS (AMBIGUOUS, DISPATCH) */
	uint32_t ncands;
};

struct qx_edge {
	uint32_t to;
	uint32_t count;                /* live call sites along it */
};

/* The checksum and name hash: 64-bit, over 8-byte words, then the tail. */
static inline uint64_t qx_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)len;
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = 0;
		memcpy(&w, p, len);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	}
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 29;
	return h;
}

/* ---- the reader ---- */

/* An open index (opaque). */
struct qx;

/* Open and verify OUT/.strata-index. Returns NULL with a message in err (why, and what to
 * do) when it is missing, truncated, damaged or of another version. */
struct qx *qx_open(const char *out, char *err, size_t errlen);
/* The same through dirfd, a descriptor of OUT (out only names it in messages): what the
 * queries use, so that the index read is the one of the output whose marker was checked. */
struct qx *qx_open_at(int dirfd, const char *out, char *err, size_t errlen);
void qx_close(struct qx *ix);

/* The error of the first failed read (a block whose checksum does not match, an offset out
 * of bounds), or NULL when every read so far was good. */
const char *qx_error(const struct qx *ix);

/* The nodes named `name` (defined under `in` when given; NULL for all), into out[0..max):
 * returns how many there are (may exceed max), or 0 after an error. */
uint32_t qx_find(struct qx *ix, const char *name, const char *in, uint32_t *out, uint32_t max);

/* Records and strings; each returns NULL after a read error (see qx_error). */
const struct qx_node *qx_node_get(struct qx *ix, uint32_t n);
const struct qx_call *qx_call_get(struct qx *ix, uint32_t c);
const char *qx_str(struct qx *ix, uint32_t off);
const char *qx_file(struct qx *ix, uint32_t f);
/* The argument text of a call (the string after its caller's name). */
const char *qx_call_args(struct qx *ix, const struct qx_call *c);
/* The calls into node n (by target) or made by n (by caller): *count of them; returns the
 * call indices, or NULL (with *count 0 after an error). */
const uint32_t *qx_callers(struct qx *ix, uint32_t n, uint32_t *count);
const uint32_t *qx_callees(struct qx *ix, uint32_t n, uint32_t *count);
const uint32_t *qx_cands(struct qx *ix, const struct qx_call *c);
const struct qx_edge *qx_edges(struct qx *ix, uint32_t n, uint32_t *count);
uint32_t qx_nnodes(const struct qx *ix);

#endif /* STRATA_DIG_QUERY_QINDEX_H */
