/*
 * dig/write/qindex.c: the query index, OUT/.strata-index (its layout and theory are in
 * dig/query/qindex.h). One more writer of the table in write.c, so it is written into the
 * new OUT with everything else and replaces the old one in the same swap.
 *
 * The file is streamed: the header's block is left as zeros, the sections follow through a
 * one-block buffer that checksums each block as it fills, the block checksums go last, and
 * the header is written over the zeros at the end. Memory: the deduplicated names (paths,
 * function names, kinds) and their hash set until the call records are out, then one
 * word per call (its position in the index, for the by-target and by-caller lists);
 * argument texts go straight to the file, and the calls' order is walked from the write
 * index (qx_walk), not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/query/qindex.h"
#include "dig/write/strtab.h"
#include "dig/write/write_impl.h"

/* The streaming writer: a block buffer and the checksums of the blocks written. */
struct qx_out {
	FILE *to;
	uint64_t pos;                  /* bytes written after the header */
	unsigned char block[QX_BLOCK];
	uint32_t fill;
	uint64_t *sums;
	uint64_t nsums, capsums;
	int failed;
};

/* Write bytes through the block buffer. */
static void qx_put(struct qx_out *o, const void *data, size_t len)
{
	const unsigned char *p = data;
	while (len && !o->failed) {
		size_t take = QX_BLOCK - o->fill;
		if (take > len)
			take = len;
		memcpy(o->block + o->fill, p, take);
		o->fill += (uint32_t)take;
		o->pos += take;
		p += take;
		len -= take;
		if (o->fill == QX_BLOCK) {
			if (o->nsums == o->capsums) {
				uint64_t cap = o->capsums ? o->capsums * 2 : 1024;
				uint64_t *grown = realloc(o->sums, cap * sizeof *grown);
				if (!grown) {
					o->failed = 1;
					return;
				}
				o->sums = grown;
				o->capsums = cap;
			}
			o->sums[o->nsums++] = qx_hash(o->block, QX_BLOCK);
			if (fwrite(o->block, 1, QX_BLOCK, o->to) != QX_BLOCK)
				o->failed = 1;
			o->fill = 0;
		}
	}
}

/* Pad with zeros to a multiple of `align` bytes. */
static void qx_align(struct qx_out *o, uint32_t align)
{
	static const unsigned char zeros[QX_BLOCK];
	uint64_t over = o->pos % align;
	if (over)
		qx_put(o, zeros, align - over);
}

static void qx_u32(struct qx_out *o, uint32_t v)
{
	qx_put(o, &v, sizeof v);
}

/* Start a section: align, and note where it starts (file offset). */
static void qx_begin(struct qx_out *o, struct qx_header *h, enum qx_section s, uint64_t count)
{
	qx_align(o, 8);
	h->dir[s].off = QX_HEADER + o->pos;
	h->dir[s].count = count;
}

/* The pool offset of a string, interned when new (0 for NULL and "", and after a failure). */
static uint32_t qx_intern(struct strtab *s, const char *str)
{
	uint32_t n = strtab_intern(s, str);
	return n == UINT32_MAX ? 0 : s->off[n];
}

/* The pool offset of an interned string. */
static uint32_t qx_lookup(const struct strtab *s, const char *str)
{
	uint32_t n = strtab_find(s, str);
	return n == UINT32_MAX ? 0 : s->off[n];
}

/* Pool offsets remembered by the string's address: the scan keeps one copy of a name per
 * file, so a file's calls name the same few addresses over and over, and an address seen
 * before costs no hash and no probe of the table. Direct-mapped; a miss only costs the
 * lookup it would have cost anyway. */
#define QX_MEMO 4096u
struct qx_memo {
	const char *key[QX_MEMO];
	uint32_t off[QX_MEMO];
};

/* The memo's slot for an address. */
static uint32_t qx_memo_slot(const char *str)
{
	return (uint32_t)(((uint64_t)(uintptr_t)str * 0x9e3779b97f4a7c15ull) >> 52) & (QX_MEMO - 1);
}

/* qx_intern (lookup = 0) or qx_lookup (lookup = 1) through the memo. */
static uint32_t qx_memo_off(struct qx_memo *memo, struct strtab *s, const char *str, int lookup)
{
	if (!str || !*str)
		return 0;
	uint32_t k = qx_memo_slot(str);
	if (memo->key[k] == str)
		return memo->off[k];
	uint32_t off = lookup ? qx_lookup(s, str) : qx_intern(s, str);
	if (!s->failed) {
		memo->key[k] = str;
		memo->off[k] = off;
	}
	return off;
}

/* Order node indices by their name's pool offset (one offset per distinct name), then index. */
static int qx_byname_cmp(const void *a, const void *b, void *names)
{
	const uint32_t *off = names;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (off[x] != off[y])
		return off[x] < off[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Intern every short string the index names: "", kinds, owners, names, paths, callees. */
static void qx_intern_all(const struct model *m, struct strtab *s, uint32_t *name_off)
{
	struct qx_memo *memo;
	if (strtab_init(s, 1))
		return;
	if (!(memo = calloc(1, sizeof *memo))) {
		s->failed = 1;
		return;
	}
	/* kinds and owners are a few strings named by every node: through the memo */
	for (uint32_t n = 0; n < m->nnodes; n++) {
		name_off[n] = qx_intern(s, m->nodes[n].name);
		qx_memo_off(memo, s, model_node_kind(m, n), 0);
		qx_memo_off(memo, s, write_node_owner(m, n), 0);
	}
	for (uint32_t f = 0; f < m->tree->nfiles; f++)
		qx_intern(s, m->tree->files[f].path);
	for (uint32_t c = 0; c < m->ncalls; c++) {
		qx_memo_off(memo, s, model_call_callee(m, &m->calls[c]), 0);
		qx_memo_off(memo, s, model_call_via(m, &m->calls[c]), 0);
	}
	free(memo);
}

/* The names table: distinct names, their nodes, the hash slots. */
static int qx_write_names(struct write_ctx *ctx, struct qx_out *o, struct qx_header *h, const struct strtab *s,
                          const uint32_t *name_off)
{
	const struct model *m = ctx->model;
	uint32_t *order = malloc(((size_t)m->nnodes + 1) * sizeof *order), *slots = NULL, nnames = 0, mask = 7;
	struct qx_name *names = malloc(((size_t)m->nnodes + 1) * sizeof *names);
	int rc = -1;
	if (!order || !names)
		goto out;
	for (uint32_t n = 0; n < m->nnodes; n++)
		order[n] = n;
	if (m->nnodes)
		qsort_r(order, m->nnodes, sizeof *order, qx_byname_cmp, (void *)name_off);
	for (uint32_t i = 0; i < m->nnodes; i++) {
		if (!nnames || names[nnames - 1].name != name_off[order[i]]) {
			names[nnames].name = name_off[order[i]];
			names[nnames].first = i;
			names[nnames].count = 0;
			nnames++;
		}
		names[nnames - 1].count++;
	}
	while ((uint64_t)mask + 1 < (uint64_t)nnames * 2)
		mask = mask * 2 + 1;
	slots = calloc((size_t)mask + 1, sizeof *slots);
	if (!slots)
		goto out;
	for (uint32_t i = 0; i < nnames; i++) {
		const char *str = s->pool + names[i].name;
		uint32_t j = (uint32_t)qx_hash(str, strlen(str)) & mask;
		while (slots[j])
			j = (j + 1) & mask;
		slots[j] = i + 1;
	}
	qx_begin(o, h, QX_S_SLOTS, (uint64_t)mask + 1);
	qx_put(o, slots, ((size_t)mask + 1) * sizeof *slots);
	qx_begin(o, h, QX_S_NAMES, nnames);
	qx_put(o, names, (size_t)nnames * sizeof *names);
	qx_begin(o, h, QX_S_BYNAME, m->nnodes);
	qx_put(o, order, (size_t)m->nnodes * sizeof *order);
	rc = 0;
out:
	free(order);
	free(names);
	free(slots);
	return rc;
}

/* The calls in index order: grouped by target node (the first candidate of an ambiguous
 * call; unresolved calls last), in call order inside a group. No permutation array is
 * kept: the write index's by_target lists a node's calls in call order, every call whose
 * node that is among them (an ambiguous call under each candidate, the first one its node),
 * so filtering it by node gives the groups; the unresolved calls follow in call order. */
struct qx_walk {
	const struct model *m;
	const struct write_index *idx;
	uint32_t n;                    /* the node whose group is walked (nnodes: the unresolved) */
	uint32_t j;                    /* next entry of by_target, or next call (unresolved) */
};

#define QX_AHEAD 16u                   /* by_target entries fetched ahead of the walk */
#define QX_BATCH 64u                   /* calls walked, and fetched, at a time */

/* A run of calls of the index order and their facts (qx_walk_batch). */
struct qx_batch {
	uint32_t n;
	uint32_t call[QX_BATCH];
	const struct dig_call *fact[QX_BATCH];
};

/* The next call of the index order, or -1 after the last. */
static int64_t qx_walk_next(struct qx_walk *w)
{
	const struct model *m = w->m;
	while (w->n < m->nnodes) {
		if (w->j >= w->idx->target_start[w->n + 1]) {
			if (++w->n == m->nnodes)
				w->j = 0;
			continue;
		}
		/* by_target jumps about the calls: fetch a record ahead of its test */
		if (w->j + QX_AHEAD < w->idx->target_start[m->nnodes])
			__builtin_prefetch(&m->calls[w->idx->by_target[w->j + QX_AHEAD]]);
		uint32_t c = w->idx->by_target[w->j++];
		if (m->calls[c].node == (int32_t)w->n)
			return c;
	}
	while (w->j < m->ncalls) {
		uint32_t c = w->j++;
		if (m->calls[c].node < 0)
			return c;
	}
	return -1;
}

/* The next calls of the index order (at most QX_BATCH; 0 after the last), with their facts
 * and the strings the writers read of them fetched ahead: the index order visits the
 * calls' records, facts and texts out of memory order, so one at a time every read is a
 * cache miss the next cannot overlap. */
static uint32_t qx_walk_batch(struct qx_walk *w, struct qx_batch *b)
{
	const struct model *m = w->m;
	b->n = 0;
	for (int64_t c; b->n < QX_BATCH && (c = qx_walk_next(w)) >= 0;) {
		const struct dig_call *f = model_call_fact(m, &m->calls[c]);
		__builtin_prefetch(f);
		b->call[b->n] = (uint32_t)c;
		b->fact[b->n++] = f;
	}
	for (uint32_t i = 0; i < b->n; i++) {
		const struct model_call *mc = &m->calls[b->call[i]];
		if (b->fact[i]->args)
			__builtin_prefetch(b->fact[i]->args);
		__builtin_prefetch(b->fact[i]->callee);
		if (mc->caller >= 0)
			__builtin_prefetch(m->nodes[mc->caller].name);
	}
	return b->n;
}

/* Start a walk of the calls in index order. */
static struct qx_walk qx_walk_start(const struct model *m, const struct write_index *idx)
{
	return (struct qx_walk){ m, idx, 0, m->nnodes ? idx->target_start[0] : 0 };
}

/* A call's caller name as the pool holds it ("" at file scope). */
static const char *qx_caller_of(const struct model *m, const struct model_call *mc)
{
	return mc->caller >= 0 ? m->nodes[mc->caller].name : "";
}

/* The calls: one record each, in index order; their texts were written to the pool in
 * this same order, from offset `text`. */
static void qx_write_calls(const struct model *m, const struct write_index *idx, struct qx_out *o,
                           struct qx_header *h, struct strtab *s)
{
	uint64_t text = s->len;
	struct qx_walk w = qx_walk_start(m, idx);
	struct qx_batch b;
	struct qx_memo *memo = calloc(1, sizeof *memo);
	if (!memo) {
		o->failed = 1;
		return;
	}
	qx_begin(o, h, QX_S_CALLS, m->ncalls);
	while (qx_walk_batch(&w, &b))
		for (uint32_t i = 0; i < b.n; i++) {
			const struct model_call *mc = &m->calls[b.call[i]];
			const struct dig_call *call = b.fact[i];
			struct qx_call r;
			memset(&r, 0, sizeof r);
			r.file = mc->file_index;
			r.caller = mc->caller;
			r.line = call->line;
			r.callee = qx_memo_off(memo, s, model_call_callee(m, mc), 1);
			r.text = (uint32_t)text;
			text += strlen(qx_caller_of(m, mc)) + 1 + (call->args ? strlen(call->args) : 0) + 1;
			r.via = qx_memo_off(memo, s, model_call_via(m, mc), 1);
			r.node = mc->node;
			r.target = mc->target;
			r.cands = mc->ncands ? mc->cands_at : 0;
			r.ncands = mc->ncands;
			qx_put(o, &r, sizeof r);
		}
	free(memo);
}

/* A grouped list of model call indices, written as index positions. */
static void qx_write_positions(struct qx_out *o, const uint32_t *calls, uint32_t n, const uint32_t *inv)
{
	for (uint32_t i = 0; i < n; i++)
		qx_u32(o, inv[calls[i]]);
}

/* The node records. */
static void qx_write_nodes(struct write_ctx *ctx, struct qx_out *o, struct qx_header *h, struct strtab *s,
                           const uint32_t *name_off)
{
	const struct model *m = ctx->model;
	struct qx_memo *memo = calloc(1, sizeof *memo);
	if (!memo) {
		o->failed = 1;
		return;
	}
	qx_begin(o, h, QX_S_NODES, m->nnodes);
	for (uint32_t n = 0; n < m->nnodes; n++) {
		const struct model_node *node = &m->nodes[n];
		struct qx_node r;
		memset(&r, 0, sizeof r);
		r.name = name_off[n];
		r.file = node->file ? node->file_index : UINT32_MAX;
		r.line = node->func ? node->func->line : 0;
		r.nparams = node->func ? node->func->nparams : -1;
		r.kind = qx_memo_off(memo, s, model_node_kind(m, n), 1);
		r.owner = qx_memo_off(memo, s, write_node_owner(m, n), 1);
		r.impl = node->impl >= 0 ? qx_memo_off(memo, s, m->impls[node->impl].id, 1) : 0;
		r.flags = ((node->flags & MODEL_NODE_BACKEND) ? QX_NODE_BACKEND : 0) |
		          (ctx->idx.reaches[n] ? QX_NODE_REACHES : 0) | (!node->func ? QX_NODE_EXTERNAL : 0) |
		          (node->func && node->func->nparams >= 0 ? QX_NODE_NPARAMS : 0);
		qx_put(o, &r, sizeof r);
	}
	free(memo);
}

/* .strata-index */
int write_query_index(struct write_ctx *ctx, FILE *to)
{
	static const unsigned char zeros[QX_HEADER];
	const struct model *m = ctx->model;
	const struct write_index *idx = &ctx->idx;
	struct qx_out o;
	struct strtab s;
	struct qx_header h;
	uint32_t *name_off = calloc((size_t)m->nnodes + 1, sizeof *name_off), *inv = NULL;
	int rc = -1;

	memset(&o, 0, sizeof o);
	memset(&s, 0, sizeof s);
	memset(&h, 0, sizeof h);
	o.to = to;
	if (!name_off || fwrite(zeros, 1, QX_HEADER, to) != QX_HEADER)
		goto out;
	qx_intern_all(m, &s, name_off);
	if (s.failed)
		goto out;

	/* strings: the interned ones, then every call's text in index order */
	qx_begin(&o, &h, QX_S_STR, 0);
	qx_put(&o, s.pool, s.len);
	{
		uint64_t len = s.len;
		struct qx_walk w = qx_walk_start(m, idx);
		struct qx_batch b;
		while (qx_walk_batch(&w, &b))
			for (uint32_t i = 0; i < b.n; i++) {
				const char *caller = qx_caller_of(m, &m->calls[b.call[i]]), *args = b.fact[i]->args;
				size_t ca = strlen(caller) + 1, ar = (args ? strlen(args) : 0) + 1;
				qx_put(&o, caller, ca);
				qx_put(&o, args ? args : "", ar);
				len += ca + ar;
			}
		if (len >= UINT32_MAX)
			goto out;  /* offsets are 32-bit: refuse rather than wrap */
		h.dir[QX_S_STR].count = len;
		qx_put(&o, "", 1); /* the pool ends with a NUL: the reader's strings stop inside it */
		h.dir[QX_S_STR].count++;
	}
	qx_begin(&o, &h, QX_S_FILES, m->tree->nfiles);
	for (uint32_t f = 0; f < m->tree->nfiles; f++)
		qx_u32(&o, qx_lookup(&s, m->tree->files[f].path));
	qx_write_nodes(ctx, &o, &h, &s, name_off);
	if (qx_write_names(ctx, &o, &h, &s, name_off))
		goto out;
	qx_write_calls(m, idx, &o, &h, &s);
	/* the names are written: their table goes before the positions' map comes */
	strtab_fini(&s);
	free(name_off);
	name_off = NULL;
	inv = malloc(((size_t)m->ncalls + 1) * sizeof *inv);
	if (!inv)
		goto out;
	{
		struct qx_walk w = qx_walk_start(m, idx);
		uint32_t i = 0;
		for (int64_t c; (c = qx_walk_next(&w)) >= 0;)
			inv[c] = i++;
	}
	qx_begin(&o, &h, QX_S_CANDS, m->ncands);
	qx_put(&o, m->cands, (size_t)m->ncands * sizeof *m->cands);
	qx_begin(&o, &h, QX_S_BYTARGET, idx->target_start[m->nnodes]);
	qx_write_positions(&o, idx->by_target, idx->target_start[m->nnodes], inv);
	qx_begin(&o, &h, QX_S_TSTART, (uint64_t)m->nnodes + 1);
	qx_put(&o, idx->target_start, ((size_t)m->nnodes + 1) * sizeof *idx->target_start);
	qx_begin(&o, &h, QX_S_BYCALLER, idx->caller_start[m->nnodes]);
	qx_write_positions(&o, idx->by_caller, idx->caller_start[m->nnodes], inv);
	qx_begin(&o, &h, QX_S_CSTART, (uint64_t)m->nnodes + 1);
	qx_put(&o, idx->caller_start, ((size_t)m->nnodes + 1) * sizeof *idx->caller_start);
	qx_begin(&o, &h, QX_S_EDGES, m->nedges);
	for (uint32_t e = 0; e < m->nedges; e++) {
		struct qx_edge r = { m->edges[e].to, m->edges[e].count };
		qx_put(&o, &r, sizeof r);
	}
	qx_begin(&o, &h, QX_S_ESTART, (uint64_t)m->nnodes + 1);
	qx_put(&o, m->out_start, ((size_t)m->nnodes + 1) * sizeof *m->out_start);
	qx_align(&o, QX_BLOCK);
	if (o.failed)
		goto out;

	/* the block checksums, then the header over the zeros */
	memcpy(h.magic, QX_MAGIC, 8);
	h.version = QX_VERSION;
	h.block = QX_BLOCK;
	h.table = QX_HEADER + o.pos;
	h.nblocks = o.nsums;
	h.table_sum = qx_hash(o.sums, (size_t)o.nsums * sizeof *o.sums);
	h.size = h.table + o.nsums * sizeof *o.sums;
	h.nnodes = m->nnodes;
	h.ndefs = m->ndefs;
	h.nfiles = m->tree->nfiles;
	h.ncalls = m->ncalls;
	h.header_sum = qx_hash(&h, offsetof(struct qx_header, header_sum));
	if (o.nsums && fwrite(o.sums, sizeof *o.sums, o.nsums, to) != o.nsums)
		goto out;
	if (fseek(to, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, to) != 1)
		goto out;
	rc = 0;
out:
	free(o.sums);
	free(inv);
	strtab_fini(&s);
	free(name_off);
	return rc;
}
