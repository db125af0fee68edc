/*
 * dig/scan/headers.c: what the tree's headers tell a file's #if conditions, and the
 * #include resolver the scan and the model share.
 *
 * A compiler decides `#if !CHECKS` or `#if FOO_VERSION >= 3` with the values the headers a
 * file includes give; the scan reads one file at a time, so before any file is parsed a
 * lexical pre-pass (phase 0 of scan.c) reads every header of the walk (every file that
 * does not end in `.c`, whatever the shard) with pp.c alone -- directive lines, no parse
 * -- and keeps, per header (struct scan_hdr):
 *   - its values: each name it defines or #undefs, with what a file that includes it
 *     knows of it: a sure object-like definition (one the header reads whatever the build
 *     says: pp.c's sure, include guards seen through) gives its body; a config default --
 *     `#ifndef NAME` / `#define NAME value` / `#endif`, or `#if !defined NAME || ...` --
 *     gives its value as the tree's value unless the tree defines NAME another way
 *     elsewhere (another body, a function-like macro, an #undef, in any header: then it
 *     is unknown, as a port's or an application's config header may set it); anything
 *     else (a definition under an unknown condition, a function-like macro, a body cut at
 *     SCAN_BODY_MAX, a later #undef) is unknown. A header's own conditions are decided
 *     from its own definitions only in this pre-pass (its values do not depend on other
 *     headers' values: no fixed point to find).
 *   - its live #include lines, resolved against the walk's files by the rule the
 *     model's include resolver uses (scan_inc_resolve below): the includer's folder and
 *     its -I folders (--compdb) by exact path first, else the files whose path ends in
 *     the named path, the one sharing the longest folder prefix with the includer winning.
 *     An #include that ties between several equally near files (one config header per
 *     port) is not followed: which one a build reads, the tree does not say.
 * Then, while pp.c reads a file top to bottom, each live #include adds the headers it
 * reaches (transitively, SCAN_INC_DEPTH levels, SCAN_INC_VISIT headers at most) to the
 * file's reach, and a name the file itself says nothing about is looked up among the
 * headers reached so far (scan_hdr_lookup): unknown as soon as one of them leaves it
 * unknown or two sure ones disagree; else a sure value, else an undisputed default.
 * A header never makes a name surely undefined (the build may define it).
 *
 * The fact cache (cache.c) keys each file on its bytes and also on scan_hdr_key: a hash
 * of every header each of its #include lines reaches (live or not, in order) with those
 * headers' values, so a file is parsed again when a header it includes changes what it
 * tells, and not when an unrelated one does.
 *
 * Limits: only headers give values (a .c file's #define reaches no other file); byte-
 * identical files share one parse (scan.c's copies) even where their includes resolve to
 * different headers.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/hash.h"
#include "dig/scan/scan_impl.h"

/* ---- the shared resolver -------------------------------------------------------------- */

const char *dig_inc_basename(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

const char *dig_inc_target(const char *token, char *buf, size_t size)
{
	const char *p = token, *e;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '"' && *p != '<')
		return NULL;
	p++;
	e = strpbrk(p, "\">");
	n = e ? (size_t)(e - p) : strlen(p);
	while (n >= 2 && p[0] == '.' && (p[1] == '/' || (n >= 3 && p[1] == '.' && p[2] == '/'))) {
		size_t skip = p[1] == '/' ? 2 : 3;
		p += skip;
		n -= skip;
	}
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

int dig_path_common_depth(const char *a, const char *b)
{
	/* a folder component both share ends in a '/' inside their common prefix, and every
	 * '/' there ends one: count them in one pass (the resolver and the link's nearness ask
	 * this of every candidate) */
	const uint64_t ones = 0x0101010101010101ull, low7 = 0x7f7f7f7f7f7f7f7full, slashes = ones * '/';
	size_t n = strlen(a), nb = strlen(b), i = 0;
	int depth = 0;

	if (nb < n)
		n = nb;
	/* eight bytes at a time while they are equal: each '/' there is a zero byte of x ^
	 * slashes, and (v & low7) + low7 | v has the high bit of every nonzero byte v */
	for (uint64_t x, y; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
		uint64_t v = x ^ slashes;
		depth += 8 - __builtin_popcountll((((v & low7) + low7) | v) & ~low7);
	}
	for (; i < n && a[i] == b[i]; i++)
		depth += a[i] == '/';
	return depth;
}

/* Order basename entries by basename, then file. */
static int inc_base_cmp(const void *a, const void *b)
{
	const struct dig_inc_base *x = a, *y = b;
	int c = strcmp(x->base, y->base);

	if (c)
		return c;
	return x->file < y->file ? -1 : x->file > y->file;
}

void dig_inc_index_sort(struct dig_inc_base *bases, uint32_t n)
{
	if (n > 1)
		qsort(bases, n, sizeof(*bases), inc_base_cmp);
}

/* The index of path among the sorted paths, or UINT32_MAX. */
static uint32_t inc_find(const struct dig_inc_index *ix, const char *path)
{
	uint32_t lo = 0, hi = ix->npaths;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ix->paths[mid], path);
		if (c == 0)
			return ix->usable && !ix->usable[mid] ? UINT32_MAX : mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return UINT32_MAX;
}

/* The usable file at folder dir[0..dl) ("" the root) + "/" + target, or UINT32_MAX. */
static uint32_t inc_exact(const struct dig_inc_index *ix, const char *dir, size_t dl, const char *target)
{
	size_t tl = strlen(target);
	char buf[1024];

	if (dl + tl + 2 > sizeof buf)
		return UINT32_MAX;
	memcpy(buf, dir, dl);
	buf[dl] = '/';
	memcpy(buf + dl + (dl > 0), target, tl + 1);
	return inc_find(ix, buf);
}

char *dig_inc_root_real(const char *root)
{
	return realpath(root && *root ? root : ".", NULL);
}

/* `#include <glib/gmem.h>` in the tree dug at its own folder glib/: a build finds it
 * through the folder above (-I..), so a target whose leading folders are the last ones of
 * the dug folder's own path names the file at the rest of it, from the root, exactly
 * (root_real ".../glib", "gmem.h"). Into out[0]: 1, or 0 when none is. */
static uint32_t inc_root_named(const struct dig_inc_index *ix, const char *from_path, const char *target,
                               uint32_t *out)
{
	size_t rl = strlen(ix->root_real);
	for (const char *sl = strchr(target, '/'); sl; sl = strchr(sl + 1, '/')) {
		size_t pl = (size_t)(sl - target);
		uint32_t found;
		if (pl == 0 || pl >= rl || ix->root_real[rl - pl - 1] != '/' || memcmp(ix->root_real + rl - pl, target, pl) != 0)
			continue;
		found = inc_exact(ix, "", 0, sl + 1);
		if (found != UINT32_MAX && found != inc_find(ix, from_path)) {
			out[0] = found;
			return 1;
		}
	}
	return 0;
}

uint32_t dig_inc_resolve(const struct dig_inc_index *ix, const char *from_path, const char *const *dirs,
                         uint32_t ndirs, const char *target, uint32_t *out, uint32_t max)
{
	const char *base = dig_inc_basename(target);
	size_t tl = strlen(target), fl = strlen(from_path);
	uint32_t lo = 0, hi = ix->nbases, n = 0;
	int best = -1;

	if (ndirs) {
		/* the includer's folder, then each -I folder, by exact path */
		const char *slash = strrchr(from_path, '/');
		uint32_t found = inc_exact(ix, from_path, slash ? (size_t)(slash - from_path) : 0, target);
		for (uint32_t j = 0; j < ndirs && found == UINT32_MAX; j++)
			found = inc_exact(ix, dirs[j], strlen(dirs[j]), target);
		if (found != UINT32_MAX && found != inc_find(ix, from_path) && max) {
			out[0] = found;
			return 1;
		}
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->bases[mid].base, base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->nbases && strcmp(ix->bases[lo].base, base) == 0; lo++) {
		const char *path = ix->bases[lo].path;
		size_t pl = strlen(path);
		if (pl == fl && memcmp(path, from_path, pl) == 0)
			continue;
		if (pl < tl || strcmp(path + pl - tl, target) != 0 || (pl > tl && path[pl - tl - 1] != '/'))
			continue;
		int depth = dig_path_common_depth(from_path, path);
		if (depth > best) {
			best = depth;
			n = 0;
		}
		if (depth == best && n < max)
			out[n++] = ix->bases[lo].file;
	}
	if (n == 0 && max && ix->root_real && strchr(target, '/'))
		n = inc_root_named(ix, from_path, target, out);
	return n;
}

/* ---- one header's values (phase 0) ------------------------------------------------------ */

/* What a name is in a header. */
enum { HDR_UNKNOWN = 0, HDR_SURE = 1, HDR_DEFAULT = 2 };

/* Find or add the name's slot in a pointer-keyed table (names are interned in the unit:
 * equal names are equal pointers). Returns the slot or NULL when full. */
static uint32_t *hdr_slot(uint32_t *tab, uint32_t cap, const struct scan_hdr_def *defs, const char *name)
{
	uint32_t mask = cap - 1;

	for (uint32_t i = (uint32_t)(((uintptr_t)name >> 3) * 2654435761u) & mask;; i = (i + 1) & mask)
		if (tab[i] == UINT32_MAX || defs[tab[i]].name == name)
			return &tab[i];
}

int scan_hdr_summarise(struct scan_unit *unit, struct scan_hdr *h)
{
	const struct dig_macro *m = unit->macros.data;
	const uint32_t *und = unit->macro_undef.data;
	const struct dig_undef *u = unit->undefs.data;
	const struct dig_evidence *ev = unit->evidence.data;
	uint32_t nm = unit->macros.n, nu = unit->undefs.n, cap = 16, ndefs = 0, nincs = 0;

	memset(h, 0, sizeof(*h));
	while (cap < 2 * (nm + nu) + 2)
		cap *= 2;
	uint32_t *tab = malloc((size_t)cap * sizeof(*tab));
	struct scan_hdr_def *defs = malloc(((size_t)nm + nu + 1) * sizeof(*defs));
	if (!tab || !defs) {
		free(tab);
		free(defs);
		return -1;
	}
	memset(tab, 0xff, (size_t)cap * sizeof(*tab));
	size_t bytes = 0;
	for (uint32_t k = 0; k < nm + nu; k++) {
		int is_undef = k >= nm;
		const struct dig_macro *x = is_undef ? NULL : &m[k];
		const char *name = is_undef ? u[k - nm].name : x->name;
		if (x && x->dead)
			continue;
		uint32_t *s = hdr_slot(tab, cap, defs, name);
		struct scan_hdr_def *d;
		int how = is_undef || x->function_like || !x->sure || und[k] != UINT32_MAX ? HDR_UNKNOWN : x->sure;
		if (*s == UINT32_MAX) {
			*s = ndefs;
			d = &defs[ndefs++];
			d->name = name;
			d->body = is_undef ? NULL : x->body;
			d->hash = scan_str_hash(name, strlen(name));
			d->other = (unsigned char)(is_undef || x->function_like);
			bytes += strlen(name) + 1 + (d->body ? strlen(d->body) + 1 : 0);
		} else {
			d = &defs[*s];
			if (is_undef || x->function_like || !d->body || strcmp(d->body, x->body) != 0)
				d->other = 1;
			if (is_undef)
				continue;       /* a definition keeps its how: und[] says it ends */
			if (!d->body || strcmp(d->body, x->body) != 0)
				bytes += strlen(x->body) + 1;
			d->body = x->body;
		}
		d->how = (unsigned char)how;
	}
	for (uint32_t k = 0; k < unit->evidence.n; k++)
		if (ev[k].kind == DIG_EV_INCLUDE && !scan_unit_dead(unit, ev[k].line)) {
			nincs++;
			bytes += strlen(ev[k].token) + 1;
		}
	h->arena = dig_arena_create_sized(bytes + (size_t)ndefs * sizeof(*defs) + (size_t)nincs * sizeof(char *) + 64);
	h->defs = h->arena && ndefs ? dig_arena_alloc(h->arena, (size_t)ndefs * sizeof(*defs)) : NULL;
	h->incs = h->arena && nincs ? dig_arena_alloc(h->arena, (size_t)nincs * sizeof(char *)) : NULL;
	int rc = !h->arena || (ndefs && !h->defs) || (nincs && !h->incs) ? -1 : 0;
	for (uint32_t k = 0; rc == 0 && k < ndefs; k++) {
		h->defs[k] = defs[k];
		h->defs[k].name = dig_arena_strdup(h->arena, defs[k].name);
		h->defs[k].body = defs[k].body ? dig_arena_strdup(h->arena, defs[k].body) : NULL;
		if (!h->defs[k].name || (defs[k].body && !h->defs[k].body))
			rc = -1;
	}
	h->ndefs = rc == 0 ? ndefs : 0;
	for (uint32_t k = 0; rc == 0 && k < unit->evidence.n; k++)
		if (ev[k].kind == DIG_EV_INCLUDE && !scan_unit_dead(unit, ev[k].line)) {
			if (!(h->incs[h->nincs] = dig_arena_strdup(h->arena, ev[k].token)))
				rc = -1;
			else
				h->nincs++;
		}
	h->is = 1;
	free(tab);
	free(defs);
	return rc;
}

/* ---- the tree's table ------------------------------------------------------------------ */

/* The name's entry in the table's index (or the free slot where it goes). */
static struct scan_hdr_name *hdr_name_slot(const struct scan_headers *t, const char *s, size_t n, uint32_t h)
{
	uint32_t mask = t->ncap - 1;

	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		struct scan_hdr_name *e = &t->names[i];
		if (!e->name || (e->hash == h && strncmp(e->name, s, n) == 0 && e->name[n] == '\0'))
			return e;
	}
}

/* A 64-bit mix of a string into h. */
static uint64_t hdr_mix(uint64_t h, const char *s)
{
	h ^= s ? scan_hash(s, strlen(s)) : 0x9e3779b97f4a7c15ull;
	return h * 0x100000001b3ull + 0x632be59bd9b4e019ull;
}

int scan_headers_finish(struct scan_headers *t)
{
	uint32_t total = 0;

	for (uint32_t i = 0; i < t->ix.npaths; i++)
		total += t->hdr[i].ndefs;
	t->ncap = 16;
	while (t->ncap < 2 * total + 2)
		t->ncap *= 2;
	t->names = calloc(t->ncap, sizeof(*t->names));
	t->who = malloc(((size_t)total + 1) * sizeof(*t->who));
	if (!t->names || !t->who)
		return -1;
	/* count per name, then place: who[] holds each name's definitions together */
	for (uint32_t i = 0; i < t->ix.npaths; i++)
		for (uint32_t k = 0; k < t->hdr[i].ndefs; k++) {
			const struct scan_hdr_def *d = &t->hdr[i].defs[k];
			struct scan_hdr_name *e = hdr_name_slot(t, d->name, strlen(d->name), d->hash);
			if (!e->name) {
				e->name = d->name;
				e->hash = d->hash;
				e->body = d->body;
			}
			/* another way: a second body, a function-like macro, an #undef, anywhere */
			if (d->other || !d->body || !e->body || strcmp(e->body, d->body) != 0)
				e->conflict = 1;
			e->n++;
		}
	uint32_t at = 0;
	for (uint32_t s = 0; s < t->ncap; s++)
		if (t->names[s].name) {
			t->names[s].start = at;
			at += t->names[s].n;
			t->names[s].n = 0;
		}
	for (uint32_t i = 0; i < t->ix.npaths; i++)
		for (uint32_t k = 0; k < t->hdr[i].ndefs; k++) {
			const struct scan_hdr_def *d = &t->hdr[i].defs[k];
			struct scan_hdr_name *e = hdr_name_slot(t, d->name, strlen(d->name), d->hash);
			t->who[e->start + e->n].hdr = i;
			t->who[e->start + e->n].def = k;
			e->n++;
		}
	/* each header's includes, resolved; and the hash of what it tells */
	for (uint32_t i = 0; i < t->ix.npaths; i++) {
		struct scan_hdr *h = &t->hdr[i];
		uint64_t sum = 0x6a09e667f3bcc908ull;
		char buf[1024];
		if (!h->is)
			continue;
		h->edges = h->nincs ? malloc((size_t)h->nincs * sizeof(*h->edges)) : NULL;
		if (h->nincs && !h->edges)
			return -1;
		for (uint32_t k = 0; k < h->nincs; k++) {
			const char *target = dig_inc_target(h->incs[k], buf, sizeof buf);
			uint32_t got[2];
			if (target && dig_inc_resolve(&t->ix, t->ix.paths[i], NULL, 0, target, got, 2) == 1 &&
			    t->hdr[got[0]].is)
				h->edges[h->nedges++] = got[0];
		}
		for (uint32_t k = 0; k < h->ndefs; k++) {
			const struct scan_hdr_def *d = &h->defs[k];
			const struct scan_hdr_name *e = hdr_name_slot(t, d->name, strlen(d->name), d->hash);
			char how[2] = { (char)('0' + d->how + (d->how == HDR_DEFAULT && e->conflict)), 0 };
			/* every body, known or not: pp.c reads a head's attribute words from them */
			sum = hdr_mix(hdr_mix(hdr_mix(sum, d->name), d->body), how);
		}
		h->sum = sum;
	}
	return 0;
}

void scan_headers_free(struct scan_headers *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; i < t->ix.npaths; i++) {
		dig_arena_destroy(t->hdr[i].arena);
		free(t->hdr[i].edges);
	}
	free(t->hdr);
	free(t->names);
	free(t->who);
	free(t->ix.bases);
	free((void *)t->ix.usable);
	free((void *)t->ix.paths);
	dig_arena_destroy(t->arena);
	free(t);
}

/* ---- a file's reach -------------------------------------------------------------------- */

/* Make sure the reach can mark every header; start a new generation of marks. */
static int hdr_reach_gen(struct scan_reach *r)
{
	uint32_t n = r->hdrs->ix.npaths;

	if (r->cap < n) {
		uint32_t *m = realloc(r->mark, ((size_t)n + 1) * sizeof(*m));
		if (!m)
			return -1;
		memset(m, 0, ((size_t)n + 1) * sizeof(*m));
		r->mark = m;
		r->cap = n;
		r->gen = 0;
	}
	if (++r->gen == 0) {
		memset(r->mark, 0, (size_t)r->cap * sizeof(*r->mark));
		r->gen = 1;
	}
	r->n = 0;
	return 0;
}

int scan_reach_begin(struct scan_reach *r, const struct scan_headers *hdrs)
{
	r->hdrs = hdrs;
	r->n = 0;
	return hdrs ? hdr_reach_gen(r) : 0;
}

/* Add header i and what it includes (depth levels below it) to the reach, breadth first;
 * each newly reached header goes to visit(ctx, i). */
static void hdr_reach_from(struct scan_reach *r, uint32_t first, void (*visit)(void *, uint32_t), void *ctx)
{
	const struct scan_headers *t = r->hdrs;
	uint32_t queue[SCAN_INC_VISIT], depth[SCAN_INC_VISIT], qh = 0, qt = 0;

	if (r->mark[first] == r->gen || r->n >= SCAN_INC_VISIT * 4)
		return;
	r->mark[first] = r->gen;
	r->n++;
	queue[qt] = first;
	depth[qt++] = 0;
	while (qh < qt) {
		uint32_t i = queue[qh], d = depth[qh++];
		if (visit)
			visit(ctx, i);
		for (uint32_t k = 0; d < SCAN_INC_DEPTH && k < t->hdr[i].nedges; k++) {
			uint32_t j = t->hdr[i].edges[k];
			if (r->mark[j] == r->gen || qt >= SCAN_INC_VISIT)
				continue;
			r->mark[j] = r->gen;
			r->n++;
			queue[qt] = j;
			depth[qt++] = d + 1;
		}
	}
}

/* The headers an #include token of file `path` names, when it names exactly one: its
 * index, else UINT32_MAX; *n gets the count of candidates. */
static uint32_t hdr_resolve_one(const struct scan_headers *t, const char *path, const char *const *dirs,
                                uint32_t ndirs, const char *token, uint32_t *n)
{
	char buf[1024];
	uint32_t got[2];
	const char *target = dig_inc_target(token, buf, sizeof buf);

	*n = target ? dig_inc_resolve(&t->ix, path, dirs, ndirs, target, got, 2) : 0;
	return *n == 1 && t->hdr[got[0]].is ? got[0] : UINT32_MAX;
}

/* hdr_resolve_one through the reach's memo of this file's tokens: the same token of the
 * same file (path and -I folders, by pointer: each file has its own) resolves the same. */
static uint32_t hdr_resolve_memo(struct scan_reach *r, const char *path, const char *const *dirs, uint32_t ndirs,
                                 const char *token, uint32_t *n)
{
	size_t len = strlen(token);
	uint32_t h = scan_str_hash(token, len), i;

	if (r->memo_hdrs != r->hdrs || r->memo_path != path || r->memo_dirs != dirs || r->memo_ndirs != ndirs) {
		r->memo_hdrs = r->hdrs;
		r->memo_path = path;
		r->memo_dirs = dirs;
		r->memo_ndirs = ndirs;
		r->nmemo = r->memo_used = 0;
	}
	for (uint32_t k = 0; k < r->nmemo; k++) {
		const struct scan_reach_memo *m = &r->memo[k];
		if (m->hash == h && m->len == len && memcmp(r->memo_text + m->off, token, len) == 0) {
			*n = m->n;
			return m->hdr;
		}
	}
	i = hdr_resolve_one(r->hdrs, path, dirs, ndirs, token, n);
	if (r->nmemo < SCAN_REACH_MEMO && len <= SCAN_REACH_MEMO_BYTES - r->memo_used) {
		struct scan_reach_memo *m = &r->memo[r->nmemo++];
		m->hash = h;
		m->off = r->memo_used;
		m->len = (uint32_t)len;
		m->hdr = i;
		m->n = *n;
		memcpy(r->memo_text + r->memo_used, token, len);
		r->memo_used += (uint32_t)len;
	}
	return i;
}

void scan_reach_include(struct scan_reach *r, const char *path, const char *const *dirs, uint32_t ndirs,
                        const char *token)
{
	uint32_t n, i;

	if (!r->hdrs || !path)
		return;
	i = hdr_resolve_memo(r, path, dirs, ndirs, token, &n);
	if (i != UINT32_MAX)
		hdr_reach_from(r, i, NULL, NULL);
}

/* The table's entry of the name s[0..n) when the file reached headers and one of the
 * tree's headers defines it, else NULL. */
static const struct scan_hdr_name *hdr_reached_name(const struct scan_reach *r, const char *s, size_t n)
{
	const struct scan_headers *t = r ? r->hdrs : NULL;

	if (!t || r->n == 0 || !t->ncap)
		return NULL;
	const struct scan_hdr_name *e = hdr_name_slot(t, s, n, scan_str_hash(s, n));
	return e->name ? e : NULL;
}

/* The name's definition who[w], or NULL when the file did not reach its header. */
static const struct scan_hdr_def *hdr_reached_def(const struct scan_reach *r, uint32_t w)
{
	const struct scan_hdr_who *x = &r->hdrs->who[w];

	return r->mark[x->hdr] == r->gen ? &r->hdrs->hdr[x->hdr].defs[x->def] : NULL;
}

int scan_hdr_lookup(const struct scan_reach *r, const char *s, size_t n, const char **body)
{
	const struct scan_hdr_name *e = hdr_reached_name(r, s, n);
	const char *sure = NULL, *deflt = NULL;

	*body = NULL;
	if (!e)
		return -1;
	for (uint32_t w = e->start; w < e->start + e->n; w++) {
		const struct scan_hdr_def *d = hdr_reached_def(r, w);
		if (!d)
			continue;
		if (d->how == HDR_UNKNOWN || !d->body)
			return -1;
		if (d->how == HDR_SURE) {
			if (sure && strcmp(sure, d->body) != 0)
				return -1;
			sure = d->body;
		} else {
			deflt = d->body;
		}
	}
	if (sure)
		*body = sure;
	else if (deflt && !e->conflict)
		*body = deflt;
	return *body ? 1 : -1;
}

int scan_hdr_bodies(const struct scan_reach *r, const char *s, size_t n, int (*ok)(void *ctx, const char *body),
                    void *ctx)
{
	const struct scan_hdr_name *e = hdr_reached_name(r, s, n);
	int seen = 0;

	for (uint32_t w = e ? e->start : 0; e && w < e->start + e->n; w++) {
		const struct scan_hdr_def *d = hdr_reached_def(r, w);
		if (!d)
			continue;
		if (!d->body || !ok(ctx, d->body))
			return 0;
		seen = 1;
	}
	return seen ? 1 : -1;
}

/* The key's visitor: the header's place and what it tells. */
static void hdr_key_visit(void *ctx, uint32_t i)
{
	uint64_t *k = ((void **)ctx)[0];
	const struct scan_headers *t = ((void **)ctx)[1];

	*k = (*k ^ ((uint64_t)i * 0x9e3779b97f4a7c15ull)) * 0x100000001b3ull;
	*k = (*k ^ t->hdr[i].sum) * 0x100000001b3ull;
}

uint64_t scan_hdr_key(struct scan_reach *r, const char *path, const char *const *dirs, uint32_t ndirs,
                      const struct dig_evidence *ev, uint32_t nev)
{
	uint64_t k = 0;
	void *ctx[2] = { &k, NULL };

	if (!r->hdrs || scan_reach_begin(r, r->hdrs))
		return 0;
	ctx[1] = (void *)r->hdrs;
	k = 0xcbf29ce484222325ull;
	for (uint32_t j = 0; j < nev; j++) {
		uint32_t n, i;
		if (ev[j].kind != DIG_EV_INCLUDE)
			continue;
		i = hdr_resolve_memo(r, path, dirs, ndirs, ev[j].token, &n);
		k = (k ^ (n + 1)) * 0x100000001b3ull;   /* ties and misses count too */
		if (i != UINT32_MAX)
			hdr_reach_from(r, i, hdr_key_visit, ctx);
	}
	r->n = 0;
	return k ? k : 1;
}
