/*
 * dig/model/link.c: one symbol table over the tree and every live call resolved against it.
 *
 * Nodes: live definitions in path, line order, then external names in name order. Names:
 * a definition's own, after the renames of the headers its file includes that keep the
 * arguments (object-like, or function-like passing them on: model/include.c), plus symbol
 * aliases (`weak_alias(f, malloc);`). A call links under its name after the header renames
 * (unless the renamed name has no definition that takes it and the written one has: the
 * #define's condition is unknown; for a function-like rename, whose arity is unknown,
 * unless the renamed name has no definition at all: a debug build's `kmalloc(a, b)` ->
 * `deb_kmalloc(__FILE__, __LINE__, a, b)`, the option set nowhere in the tree). A call to a statement macro that reaches the file (its
 * own or a header's: `#define MALLOC(p, t, s) (p) = (t)malloc(s)`) and that no definition
 * takes is a call of each name the macro's body calls, through further macros
 * (link_statement: `MGET` -> `MALLOC` -> `malloc`), all at the use's site. Link units come
 * first: programs are linked separately, so a definition inside a program is no candidate
 * for a call from outside it. A program is a subfolder of a programs folder (`cmd/ls/`,
 * `usr.bin/awk/`: vocabulary kind dir-programs), or a user folder that holds a `main`
 * definition (kernel folders hold the kernel's `main` beside shared code, so they are not
 * programs); everything else (libraries, kernels) is shared. A call then resolves by these
 * rules, in order (link_resolve):
 *   1. a definition in the caller's own file;
 *   2. visibility (link_visible): no file-static function of another file (except static
 *      functions of a header the caller includes, or, when nothing else of the name is
 *      visible, of the one header of the tree that defines it: reached through the
 *      headers the caller includes), nothing of another link unit, no other
 *      machine port's copy (link_ports_build, link_ports_filter; ports build kernels and
 *      boot loaders apart, so a user caller still sees user libraries under another
 *      port's folder), and, for
 *      non-test callers, no definition under a test folder (test callers keep those of their
 *      own test folder only);
 *   3. arity: nargs against nparams (unknown or variadic parameter lists accept any count,
 *      from the `...` on; a call through a function-like macro has unknown arity); a
 *      definition that cannot take the call is no candidate even when it is the only one;
 *   3b. separate images: a user caller drops kernel and boot candidates when a user one (or
 *      one of an undecided folder) remains;
 *   4. nearness: the longest common folder prefix, then a header of the caller's includes
 *      named like the definition's file;
 *   5. the one definition in the caller's domain (kernel, user, boot, root, test by folder
 *      words), if exactly one is.
 * Several survivors make the call AMBIGUOUS with every one listed; none makes it external
 * (the name gets an external node). Dispatch calls join registrations of the same field
 * whose struct types agree (or one is unknown). A call of a name no definition takes, or
 * through a pointer `(*hook)(n)`, joins the functions stored into a variable of that name
 * (`hook = func`, `void *(*hook)(size_t) = func`: DIG_REG_HOOK) as a dispatch does. Edges
 * aggregate the calls with one target (or a dispatch's), indexed both ways.
 */
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* A live ops-table registration and its file (the dispatch index). */
struct link_reg {
	const struct dig_reg *reg;
	uint32_t file;
};

/* A (name, node) pair of the sorted name index. */
struct link_name {
	const char *name;
	uint32_t node;
	int alias;                 /* an alias of the node (weak_alias(node, name)): exported even
	                              when the node is static */
};

/* The stems of one file's #include targets, sorted: one malloc'd block, the pointers then
 * the strings (a file's stems are built by the thread that links its calls, so they take
 * nothing from the model's arena). */
struct link_stems {
	const char **v;
	uint32_t n;
	int built;
};

struct link_state {
	struct model *model;
	struct link_name *names;   /* definitions, sorted by name then node */
	uint32_t nnames;
	struct model_strmap names_map; /* name -> its run in names (val first, n count) */
	char **ext;                /* external names, sorted, unique */
	uint32_t next;
	struct model_strmap ext_map; /* external name -> its index in ext */
	int32_t *file_first;       /* per file: first node index of its definitions, or -1 */
	signed char *file_domain;  /* per file: its folder domain (MODEL_DOMAIN_* or -1) */
	uint32_t *scratch;         /* candidate buffer, ndefs long */
	struct link_reg *regs;     /* live registrations, sorted by field */
	uint32_t nregs;
	struct model_renames *ren; /* per file: renames inherited from included headers */
	struct link_stems *stems;  /* per file: stems of its #includes (built on first use) */
	struct model_node *defs_tmp; /* the definition nodes until the externals join them */
	int32_t *caller_map;       /* per function of file caller_file: its node, or -1 (dead) */
	uint32_t caller_cap;
	int64_t caller_file;       /* the file caller_map is for (-1: none yet) */
	uint32_t renamed_cap;      /* capacity of model->renamed (a worker: of w_renamed) */
	uint32_t cands_cap;        /* capacity of model->cands (a worker: of w_cands) */
	struct link_extra *extra;  /* the further calls of statement macros' uses, by call */
	uint32_t nextra, extra_cap;
	/* a worker's copy of the state (link_calls_resolve): what its files' calls add, in
	 * call order, merged into the model's arrays afterwards */
	int worker;
	uint32_t *w_cands, w_ncands;   /* candidate lists; a call's cands_at is an offset here */
	struct model_renamed *w_renamed; /* renamed calls */
	uint32_t w_nrenamed;
	uint32_t ambiguous, dispatch;  /* calls of those targets */
	uint32_t *buf;                 /* candidate buffer, nnames + 1 */
};

/* A statement macro's use calls every name its body calls: the first goes to the use's own
 * call, each further one is one more call at the same site (link_extras_merge). */
struct link_extra {
	uint32_t at;               /* the use's call (index into model->calls) */
	const char *callee;        /* the name called */
	const char *via;           /* the macro */
};

#define LINK_EXPAND_MAX 16     /* names one statement macro's use calls */
#define LINK_EXPAND_DEPTH 4    /* statement macros inside statement macros */

/* Order name entries by name, then node index. */
static int link_name_cmp(const void *a, const void *b)
{
	const struct link_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->node < y->node ? -1 : x->node > y->node;
}


/* The range of definitions named `name`: *first and the count (one hash probe). */
static uint32_t link_name_range(const struct link_state *st, const char *name, uint32_t *first)
{
	const struct model_strmap_slot *s = model_strmap_slot(&st->names_map, name, model_str_hash(name));
	*first = s->key ? s->val : 0;
	return s->key ? s->n : 0;
}

/* The external node of `name`, or -1. */
static int32_t link_external_find(const struct link_state *st, const char *name)
{
	const struct model_strmap_slot *s = model_strmap_slot(&st->ext_map, name, model_str_hash(name));
	return s->key ? (int32_t)(st->model->ndefs + s->val) : -1;
}

/* The stem of a path or #include token: its last component without quotes, brackets or
 * extension, into buf (empty when too long). */
static const char *link_stem(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/'), *end;
	size_t n;
	base = base ? base + 1 : path;
	while (*base == '<' || *base == '"')
		base++;
	end = strrchr(base, '.');
	n = end ? (size_t)(end - base) : strcspn(base, "\">");
	if (n >= size)
		n = 0;
	memcpy(buf, base, n);
	buf[n] = '\0';
	return buf;
}

/* The sorted stems of the headers file fi includes, built on first use. */
static const struct link_stems *link_file_stems(struct link_state *st, uint32_t fi)
{
	struct link_stems *s = &st->stems[fi];
	const struct dig_file *file = &st->model->tree->files[fi];
	char buf[256], *at = NULL;
	size_t bytes = 0;
	uint32_t n = 0;
	if (s->built)
		return s;
	s->built = 1;
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < file->nevidence; i++) {
			const struct dig_evidence *ev = &file->evidence[i];
			if (ev->kind != DIG_EV_INCLUDE || ev->dead || !ev->token || !*link_stem(ev->token, buf, sizeof buf))
				continue;
			if (pass == 0) {
				n++;
				bytes += strlen(buf) + 1;
				continue;
			}
			s->v[s->n++] = at;
			at = stpcpy(at, buf) + 1;
		}
		if (pass == 0 && (n == 0 || !(s->v = malloc(n * sizeof *s->v + bytes))))
			return s;   /* none, or out of memory: no include decides */
		at = (char *)(s->v + n);
	}
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, model_str_cmp);
	return s;
}

/* Does file fi include a header whose name (without folders and extension) is the stem
 * of `path`? */
static int link_include_matches(struct link_state *st, uint32_t fi, const char *path)
{
	const struct link_stems *s = link_file_stems(st, fi);
	char buf[256];
	return s->n && model_strv_has(s->v, s->n, link_stem(path, buf, sizeof buf));
}

/* Does a definition accept `nargs` arguments? */
static int link_arity_ok(const struct dig_func *f, int nargs)
{
	if (f->nparams < 0)
		return 1;
	for (int i = 0; i < f->nparams; i++) {
		const char *dot = f->param_types && f->param_types[i] ? strchr(f->param_types[i], '.') : NULL;
		if (dot && strstr(dot, "..."))   /* a type has no '.' but an ellipsis */
			return nargs >= i;
	}
	if (model_params_void(f))
		return nargs == 0;
	return f->nparams == nargs;
}

/* The depth of the first folder of `path` named by a test word (tests/, bench/ ...), plus
 * one; 0 when none. */
static int link_test_depth(const struct model *model, const char *path)
{
	char part[256];
	int depth = 0;
	for (const char *p = path, *slash; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		size_t n = (size_t)(slash - p);
		depth++;
		if (n == 0 || n >= sizeof part)
			continue;
		memcpy(part, p, n);
		part[n] = '\0';
		if (model_vocab_match(model->vocab, VOCAB_DIR_TEST, part))
			return depth;
	}
	return 0;
}

/* Is a folder domain a kernel or boot image (linked apart from user programs)? */
static int link_domain_image(int domain)
{
	return domain == MODEL_DOMAIN_KERNEL || domain == MODEL_DOMAIN_BOOT;
}

/* The link unit of every file (model->unit_len): the prefix up to and including the first
 * subfolder of a programs folder, else the folder of a user-domain file when some file of
 * that folder defines `main`. */
static int link_units_build(struct link_state *st)
{
	const struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	unsigned char *has_main = calloc((size_t)tree->nfiles + 1, 1);
	uint16_t *unit_len = model_mem_alloc(st->model, ((size_t)tree->nfiles + 1) * sizeof *unit_len);
	char part[256];
	if (!has_main || !unit_len) {
		free(has_main);
		return -1;
	}
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (strcmp(model->nodes[n].name, "main") == 0 && !model->nodes[n].func->is_static)
			has_main[model->nodes[n].file_index] = 1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const char *path = tree->files[fi].path, *p = path, *slash;
		int after_programs = 0;
		while ((slash = strchr(p, '/')) != NULL) {
			size_t n = (size_t)(slash - p);
			if (after_programs) {
				if ((size_t)(slash + 1 - path) < UINT16_MAX)
					unit_len[fi] = (uint16_t)(slash + 1 - path);
				break;
			}
			if (n && n < sizeof part) {
				memcpy(part, p, n);
				part[n] = '\0';
				after_programs = model_vocab_match(model->vocab, VOCAB_DIR_PROGRAMS, part);
			}
			p = slash + 1;
		}
	}
	/* user folders holding a main: a hash set of their paths */
	{
		struct model_strmap dirs;
		char dir[4096];
		if (model_strmap_init(&dirs, tree->nfiles)) {
			free(has_main);
			return -1;
		}
		for (int pass = 0; pass < 2; pass++)
			for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
				const char *path = tree->files[fi].path, *base = strrchr(path, '/');
				size_t dl = base ? (size_t)(base + 1 - path) : 0;
				struct model_strmap_slot *slot;
				uint32_t h;
				if (dl == 0 || dl >= sizeof dir || dl >= UINT16_MAX || st->file_domain[fi] != MODEL_DOMAIN_USER ||
				    (pass == 0 && !has_main[fi]) || (pass == 1 && unit_len[fi]))
					continue;
				memcpy(dir, path, dl);
				dir[dl] = '\0';
				h = model_str_hash(dir);
				slot = model_strmap_slot(&dirs, dir, h);
				if (pass == 1) {
					if (slot->key)
						unit_len[fi] = (uint16_t)dl;
				} else if (!slot->key) {
					slot->key = model_mem_printf(st->model, "%s", dir);
					slot->hash = h;
				}
			}
		model_strmap_fini(&dirs);
	}
	free(has_main);
	st->model->unit_len = unit_len;
	return 0;
}

/* ---- machine ports: sibling folders built one per kernel ---------------------------- */

#define LINK_PORT_MAX_DEFS 16    /* definitions of one name compared pairwise */
#define LINK_PORT_MIN_SHARED 2   /* public names two sibling folders both define */

/* Two sibling folders that both define a public kernel or boot function of one name. */
struct link_port_pair {
	const char *a, *b;         /* the two paths; the folders are their first la, lb bytes */
	uint32_t la, lb;
	const char *name;
};

/* The length of `path`'s prefix through its component after its first `depth` folders,
 * slash included; 0 when that component is the file itself. */
static uint32_t link_prefix_at(const char *path, int depth)
{
	const char *p = path;
	for (int d = 0; d <= depth; d++) {
		const char *slash = strchr(p, '/');
		if (!slash)
			return 0;
		p = slash + 1;
	}
	return (uint32_t)(p - path);
}

/* Order prefixes: by bytes, then length. */
static int link_prefix_cmp(const char *a, uint32_t la, const char *b, uint32_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

static int link_port_pair_cmp(const void *x, const void *y)
{
	const struct link_port_pair *p = x, *q = y;
	int c = link_prefix_cmp(p->a, p->la, q->a, q->la);
	if (!c)
		c = link_prefix_cmp(p->b, p->lb, q->b, q->lb);
	return c ? c : strcmp(p->name, q->name);
}

static int link_str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Is path[0..len) a port folder (model->ports)? */
static int link_is_port(const struct model *model, const char *path, uint32_t len)
{
	uint32_t lo = 0, hi = model->nports;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = link_prefix_cmp(model->ports[mid], (uint32_t)strlen(model->ports[mid]), path, len);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int model_ports_apart(const struct model *model, uint32_t fa, uint32_t fb)
{
	uint32_t ma = model->port_mask ? model->port_mask[fa] : 0, mb = ma ? model->port_mask[fb] : 0;
	int c;
	if (!(ma & mb))
		return 0;
	c = model_path_common_depth(model->tree->files[fa].path, model->tree->files[fb].path);
	return c < 32 && ((ma & mb) >> c & 1u);
}

/* Add path[0..len) to the port list. Returns -1 when out of memory. */
static int link_port_add(struct model *model, uint32_t *cap, const char *path, uint32_t len)
{
	const char *s = model_mem_printf(model, "%.*s", (int)len, path);
	if (!s || model_grow((void **)&model->ports, model->nports, cap, sizeof *model->ports))
		return -1;
	model->ports[model->nports++] = s;
	return 0;
}

/* The pairs of sibling folders that define a public kernel or boot function of one name
 * (the name's definitions in the same domain compared pairwise, where their paths part
 * into two folders), into *out. Returns their count, or -1 when out of memory. */
static int64_t link_port_pairs(const struct link_state *st, struct link_port_pair **out)
{
	const struct model *model = st->model;
	struct link_port_pair *v = NULL;
	uint32_t n = 0, cap = 0;

	for (uint32_t i = 0; i < st->nnames;) {
		uint32_t j = i + 1;
		while (j < st->nnames && strcmp(st->names[j].name, st->names[i].name) == 0)
			j++;
		for (uint32_t x = i; x < j && j - i <= LINK_PORT_MAX_DEFS; x++)
			for (uint32_t y = x + 1; y < j; y++) {
				const struct model_node *p = &model->nodes[st->names[x].node], *q = &model->nodes[st->names[y].node];
				int dp = st->file_domain[p->file_index], c;
				if (p->func->is_static || q->func->is_static || !link_domain_image(dp) ||
				    st->file_domain[q->file_index] != dp || strcmp(p->name, "main") == 0)
					continue;
				c = model_path_common_depth(p->file->path, q->file->path);
				uint32_t la = link_prefix_at(p->file->path, c), lb = link_prefix_at(q->file->path, c);
				if (!la || !lb)
					continue;
				if (model_grow((void **)&v, n, &cap, sizeof *v)) {
					free(v);
					return -1;
				}
				v[n] = (struct link_port_pair){ p->file->path, q->file->path, la, lb, p->name };
				if (link_prefix_cmp(v[n].a, la, v[n].b, lb) > 0)
					v[n] = (struct link_port_pair){ q->file->path, p->file->path, lb, la, p->name };
				n++;
			}
		i = j;
	}
	*out = v;
	return n;
}

/* The machine ports (model->ports, sorted folder prefixes "arch/i386/"): the subfolders of
 * a ports folder (vocabulary kind dir-ports: `arch/<machine>/`), and sibling folders of kernel or
 * boot code that both define public functions of one name (LINK_PORT_MIN_SHARED of them:
 * `sys/hp300/` and `sys/i386/`, `uts/sun4u/` and `uts/i86pc/`). One kernel cannot link two
 * public definitions of one name, so such folders are built apart, one per machine. A
 * call from one port then never binds to another port's copy (link_visible), and a
 * per-port family of one allocator counts once toward redundancy (measure.c). */
static int link_ports_build(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	struct link_port_pair *pairs = NULL;
	uint32_t cap = 0, w = 0;
	char part[256];
	int64_t np;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const char *path = tree->files[fi].path, *p = path, *slash;
		while ((slash = strchr(p, '/')) != NULL) {
			size_t n = (size_t)(slash - p);
			const char *next = strchr(slash + 1, '/');
			if (n && n < sizeof part && next) {
				memcpy(part, p, n);
				part[n] = '\0';
				if (model_vocab_match(model->vocab, VOCAB_DIR_PORTS, part) &&
				    link_port_add(model, &cap, path, (uint32_t)(next + 1 - path)))
					return -1;
			}
			p = slash + 1;
		}
	}
	np = link_port_pairs(st, &pairs);
	if (np < 0)
		return -1;
	if (np > 1)
		qsort(pairs, (size_t)np, sizeof *pairs, link_port_pair_cmp);
	for (int64_t i = 0; i < np;) {
		int64_t j = i + 1;
		uint32_t names = 1;
		for (; j < np && link_prefix_cmp(pairs[j].a, pairs[j].la, pairs[i].a, pairs[i].la) == 0 &&
		       link_prefix_cmp(pairs[j].b, pairs[j].lb, pairs[i].b, pairs[i].lb) == 0; j++)
			names += strcmp(pairs[j].name, pairs[j - 1].name) != 0;
		if (names >= LINK_PORT_MIN_SHARED && (link_port_add(model, &cap, pairs[i].a, pairs[i].la) ||
		                                      link_port_add(model, &cap, pairs[i].b, pairs[i].lb))) {
			free(pairs);
			return -1;
		}
		i = j;
	}
	free(pairs);
	if (model->nports > 1)
		qsort(model->ports, model->nports, sizeof *model->ports, link_str_cmp);
	for (uint32_t i = 0; i < model->nports; i++)
		if (!w || strcmp(model->ports[w - 1], model->ports[i]) != 0)
			model->ports[w++] = model->ports[i];
	model->nports = w;
	/* per file, the depths at which its path enters a port folder (model_ports_apart) */
	model->port_mask = model_mem_alloc(model, ((size_t)tree->nfiles + 1) * sizeof *model->port_mask);
	if (!model->port_mask)
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const char *path = tree->files[fi].path;
		uint32_t mask = 0, len;
		for (int d = 0; w && d < 32 && (len = link_prefix_at(path, d)) != 0; d++)
			if (link_is_port(model, path, len))
				mask |= 1u << d;
		model->port_mask[fi] = mask;
	}
	return 0;
}

/* Is the definition in file df another port's copy for a caller in file fi? Ports are
 * how kernels and boot loaders are built apart; a user program links with the user
 * libraries wherever they sit (`lib/libc/` under another port's folder), so for a user
 * caller only kernel and boot definitions are another port's. */
static int link_port_foreign(const struct link_state *st, uint32_t fi, uint32_t df)
{
	if (st->file_domain[fi] == MODEL_DOMAIN_USER && !link_domain_image(st->file_domain[df]))
		return 0;
	return model_ports_apart(st->model, fi, df);
}

/* A caller in a port does not bind to another port's copy (link_port_foreign) when a
 * definition outside the other ports remains, or when two other ports or more define the
 * name (a per-port family: this port's own is missing or a macro). One other port's only
 * definition stays (a folder shared by a few ports, `arch/x86/`). Filters st->scratch[0..n);
 * returns the count kept. */
static uint32_t link_ports_filter(struct link_state *st, uint32_t fi, uint32_t n)
{
	const struct model *model = st->model;
	const char *path = model->tree->files[fi].path, *first = NULL;
	uint32_t nforeign = 0, kept = 0, lfirst = 0;
	int ports = 0;

	if (!model->port_mask || !model->port_mask[fi] || n == 0)
		return n;
	for (uint32_t i = 0; i < n; i++) {
		const char *dp = model->nodes[st->scratch[i]].file->path;
		if (!link_port_foreign(st, fi, model->nodes[st->scratch[i]].file_index))
			continue;
		uint32_t l = link_prefix_at(dp, model_path_common_depth(path, dp));
		nforeign++;
		if (!first)
			first = dp, lfirst = l, ports = 1;
		else if (ports == 1 && link_prefix_cmp(first, lfirst, dp, l) != 0)
			ports = 2;
	}
	if (nforeign == 0 || (nforeign == n && ports < 2))
		return n;
	for (uint32_t i = 0; i < n; i++)
		if (!link_port_foreign(st, fi, model->nodes[st->scratch[i]].file_index))
			st->scratch[kept++] = st->scratch[i];
	return kept;
}

/* (2a) When nothing of a name is visible to a caller in file fi by the rules of
 * link_visible: a header's static (inline) function it reaches through the headers it
 * includes (freechain.c -> freechainimpl.h -> chainimpl.h's list_get, which link_visible
 * sees only through a direct #include), when one header of the caller's link unit defines
 * the name (twins under #if in it count as one). Into st->scratch; their count. */
static uint32_t link_header_static(struct link_state *st, uint32_t fi, uint32_t first, uint32_t count)
{
	const struct model *model = st->model;
	uint32_t n = 0;
	for (uint32_t i = 0; i < count; i++) {
		const struct model_node *d = &model->nodes[st->names[first + i].node];
		if (!model_path_is_header(d->file->path) || !model_unit_visible(model, fi, d->file_index))
			continue;
		if (n && model->nodes[st->scratch[0]].file_index != d->file_index)
			return 0;   /* several headers define it: the includes would decide */
		st->scratch[n++] = st->names[first + i].node;
	}
	return n;
}

/* (2) The definitions of `name` (its run first .. first + count of the name index) that a
 * caller in file fi sees, into st->scratch: no static function of another file, none of
 * another link unit, no test definition for non-test code. Returns their count. */
static uint32_t link_visible(struct link_state *st, uint32_t fi, uint32_t first, uint32_t count)
{
	const struct model *model = st->model;
	const char *path = model->tree->files[fi].path;
	int caller_test = st->file_domain[fi] == MODEL_DOMAIN_TEST, any_nontest = 0;
	uint32_t n = 0, kept = 0;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t node = st->names[first + i].node;
		/* a static function of another file is invisible, except a static (inline)
		 * function of a header the caller includes: it is part of the includer */
		if (model->nodes[node].func->is_static && !st->names[first + i].alias &&
		    !(model_path_is_header(model->nodes[node].file->path) &&
		      link_include_matches(st, fi, model->nodes[node].file->path)))
			continue;
		/* another program's definition is not linked with this caller */
		if (!model_unit_visible(model, fi, model->nodes[node].file_index))
			continue;
		st->scratch[n++] = node;
	}
	if (n == 0)
		n = link_header_static(st, fi, first, count);
	n = link_ports_filter(st, fi, n);   /* (2b) not another port's copy */
	for (uint32_t i = 0; i < n; i++)
		any_nontest |= model->nodes[st->scratch[i]].domain != MODEL_DOMAIN_TEST;
	if (!any_nontest && caller_test)
		return n;
	if (!caller_test) {
		for (uint32_t i = 0; i < n; i++)
			if (model->nodes[st->scratch[i]].domain != MODEL_DOMAIN_TEST)
				st->scratch[kept++] = st->scratch[i];
	} else {
		/* test code sees the test definitions of its own test folder (below the tests/
		 * word), not another test's fixture of the same name */
		int tdepth = link_test_depth(model, path);
		for (uint32_t i = 0; i < n; i++) {
			const struct model_node *d = &model->nodes[st->scratch[i]];
			if (d->domain != MODEL_DOMAIN_TEST || model_path_common_depth(path, d->file->path) > tdepth)
				st->scratch[kept++] = st->scratch[i];
		}
	}
	return kept;
}

/* Resolve a name called from file `fi` with `nargs` arguments (-1: unknown) into
 * st->scratch; returns the number of candidates (0: defined nowhere usable). */
static uint32_t link_resolve(struct link_state *st, uint32_t fi, const char *name, int nargs)
{
	struct model *model = st->model;
	const struct dig_file *file = &model->tree->files[fi];
	uint32_t first, count = link_name_range(st, name, &first), n = 0, kept;
	int best = -1, own;

	if (count == 0)
		return 0;
	/* (1) the caller's own file */
	for (uint32_t i = 0; i < count; i++) {
		uint32_t node = st->names[first + i].node;
		if (model->nodes[node].file_index == fi)
			st->scratch[n++] = node;
	}
	own = n > 0;
	if (n == 1)
		return 1; /* the caller's own file: static scope wins over arity */
	if (n == 0)
		n = link_visible(st, fi, first, count);
	if (nargs < 0 || n == 0)
		goto near;
	/* (3) arity: a definition that cannot take the call's arguments is no candidate, even
	 * when it is the only one (the call then goes to an external of that name) */
	kept = 0;
	for (uint32_t i = 0; i < n; i++)
		if (link_arity_ok(model->nodes[st->scratch[i]].func, nargs))
			st->scratch[kept++] = st->scratch[i];
	if (kept || !own)
		n = kept; /* several of the caller's own: arity picks, unless it rejects them all */
near:
	if (n <= 1)
		return n;
	/* (3b) separate images: user code does not link with the kernel's or the boot loader's
	 * definitions when a user one, or one of an undecided folder, takes the call (the
	 * converse does not hold: kernels and boot loaders do link libraries, which sit in
	 * user folders) */
	if (st->file_domain[fi] == MODEL_DOMAIN_USER) {
		kept = 0;
		for (uint32_t i = 0; i < n; i++)
			kept += !link_domain_image(st->file_domain[model->nodes[st->scratch[i]].file_index]);
		if (kept && kept < n) {
			kept = 0;
			for (uint32_t i = 0; i < n; i++)
				if (!link_domain_image(st->file_domain[model->nodes[st->scratch[i]].file_index]))
					st->scratch[kept++] = st->scratch[i];
			n = kept;
			if (n == 1)
				return 1;
		}
	}
	/* (4) nearness: common folder depth first, then a matching include breaks ties */
	for (uint32_t i = 0; i < n; i++) {
		int depth = model_path_common_depth(file->path, model->nodes[st->scratch[i]].file->path);
		if (depth > best)
			best = depth;
	}
	kept = 0;
	for (uint32_t i = 0; i < n; i++)
		if (model_path_common_depth(file->path, model->nodes[st->scratch[i]].file->path) == best)
			st->scratch[kept++] = st->scratch[i];
	if (kept > 1) {
		uint32_t inc = 0;
		for (uint32_t i = 0; i < kept; i++)
			if (link_include_matches(st, fi, model->nodes[st->scratch[i]].file->path))
				st->scratch[inc++] = st->scratch[i];
		if (inc == 0)
			inc = kept; /* no include decides: keep them all (scratch is unchanged) */
		kept = inc;
	}
	n = kept;
	/* (5) still several: the one in the caller's own domain (kernel code links with the
	 * kernel's allocator, not the boot loader's), when exactly one is */
	if (n > 1 && st->file_domain[fi] >= 0) {
		uint32_t same = 0, pick = 0;
		for (uint32_t i = 0; i < n; i++)
			if (st->file_domain[model->nodes[st->scratch[i]].file_index] == st->file_domain[fi]) {
				same++;
				pick = st->scratch[i];
			}
		if (same == 1) {
			st->scratch[0] = pick;
			n = 1;
		}
	}
	return n;
}

/* The name a direct call links under, after the renames its file inherits from included
 * headers (*via: the macro, or the file's own call->via_macro). The conditions around a
 * header's #define are not known, so when the renamed name has no definition that takes
 * the call while the written one has, the written name stands. */
static const char *link_callee(struct link_state *st, uint32_t fi, const struct dig_call *call, const char **via,
                               int *nargs)
{
	const char *to, *hvia;
	uint32_t first;
	*via = call->via_macro;
	/* a function-like macro may add or drop arguments: its call's arity is unknown */
	*nargs = call->via_macro ? -1 : call->nargs;
	if (call->via_macro || !st->ren || call->kind != DIG_CALL_DIRECT)
		return call->callee;
	to = model_rename_apply(&st->ren[fi], call->callee, call->line, 1, &hvia);
	if (!to) {
		to = model_rename_apply(&st->ren[fi], call->callee, call->line, 0, &hvia);
		if (!to)
			return call->callee;
		/* a function-like rename to a name the tree defines nowhere, while the written
		 * name has a definition taking the call: the build that defines the macro (a
		 * debug option: `kmalloc(a, b)` -> `deb_kmalloc(__FILE__, __LINE__, a, b)`) is
		 * not the one the tree sets, and the written name stands */
		if (link_name_range(st, to, &first) == 0 && link_resolve(st, fi, call->callee, call->nargs) > 0)
			return call->callee;
		*via = hvia;
		*nargs = -1;
		return to;
	}
	if (link_resolve(st, fi, to, call->nargs) == 0 && link_resolve(st, fi, call->callee, call->nargs) > 0)
		return call->callee;
	*via = hvia;
	return to;
}


/* A copy of a string owned by the model. */
static const char *link_alias_intern(struct model *model, const char *s)
{
	return model_mem_printf(model, "%s", s);
}

/* One argument of a file-scope alias macro, if it is a bare identifier, into buf. */
static const char *link_alias_arg(const char *a, size_t n, char *buf, size_t size)
{
	while (n && (*a == ' ' || *a == '\t'))
		a++, n--;
	while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= size)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!model_ident_char(a[i]) || (i == 0 && a[i] >= '0' && a[i] <= '9'))
			return NULL;
	memcpy(buf, a, n);
	buf[n] = '\0';
	return buf;
}

/* Does a name contain "alias", any case? */
static int link_names_alias(const char *name)
{
	for (const char *p = name; *p; p++)
		if ((p[0] | 32) == 'a' && (p[1] | 32) == 'l' && (p[2] | 32) == 'i' && (p[3] | 32) == 'a' &&
		    (p[4] | 32) == 's')
			return 1;
	return 0;
}

/* Symbol aliases: a file-scope use of an alias macro with two identifiers (`weak_alias(
 * default_malloc, malloc);`, `MALLOC_ALIAS(malloc_face_malloc, strata_malloc);`, any
 * macro whose name says alias), one a function this file defines and the other not, makes
 * the other a second name of that function, exported whatever the function's storage. */
static int link_aliases_add(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	uint32_t cap = st->nnames + 1;
	char b1[128], b2[128];

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f) || st->file_first[fi] < 0)
			continue;
		for (uint32_t c = 0; c < f->ncalls; c++) {
			const struct dig_call *call = &f->calls[c];
			const char *args = call->args, *comma, *x, *y;
			int32_t nx = -1, ny = -1;
			if (call->dead || call->func >= 0 || call->nargs != 2 || !call->callee || !args ||
			    !(link_names_alias(call->callee) || (call->written && link_names_alias(call->written))))
				continue;
			comma = strchr(args, ',');
			if (!comma)
				continue;
			x = link_alias_arg(args, (size_t)(comma - args), b1, sizeof b1);
			y = link_alias_arg(comma + 1, strlen(comma + 1), b2, sizeof b2);
			if (!x || !y || strcmp(x, y) == 0)
				continue;
			for (uint32_t k = (uint32_t)st->file_first[fi]; k < model->ndefs && model->nodes[k].file_index == fi; k++) {
				if (strcmp(model->nodes[k].name, x) == 0)
					nx = (int32_t)k;
				else if (strcmp(model->nodes[k].name, y) == 0)
					ny = (int32_t)k;
			}
			if ((nx < 0) == (ny < 0))
				continue;
			if (st->nnames + 1 >= cap) {
				struct link_name *grown = realloc(st->names, (size_t)cap * 2 * sizeof *grown);
				if (!grown)
					return -1;
				st->names = grown;
				cap *= 2;
			}
			st->names[st->nnames].name = link_alias_intern(model, nx >= 0 ? y : x);
			if (!st->names[st->nnames].name)
				return -1;
			st->names[st->nnames].node = (uint32_t)(nx >= 0 ? nx : ny);
			st->names[st->nnames].alias = 1;
			st->nnames++;
		}
	}
	/* the candidate buffer holds at most every name entry */
	{
		uint32_t *grown = realloc(st->scratch, ((size_t)st->nnames + 1) * sizeof *grown);
		if (!grown)
			return -1;
		st->scratch = grown;
	}
	return 0;
}

/* Create the definition nodes and the name index. */
static int link_nodes_create(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	uint32_t ndefs = 0, k = 0;
	struct model_live live = { .tree = tree };

	while (model_live_funcs_next(&live))
		ndefs++;
	model->dead_funcs += live.dead;
	model->ndefs = ndefs;
	st->names = malloc(((size_t)ndefs + 1) * sizeof *st->names);
	st->scratch = malloc(((size_t)ndefs + 1) * sizeof *st->scratch);
	st->file_first = malloc(((size_t)tree->nfiles + 1) * sizeof *st->file_first);
	st->file_domain = malloc((size_t)tree->nfiles + 1);
	if (!st->names || !st->scratch || !st->file_first || !st->file_domain)
		return -1;
	/* externals are added later: the definitions go to a temporary array now, and into
	 * the model's arena with the externals then */
	st->defs_tmp = calloc((size_t)ndefs + 1, sizeof *st->defs_tmp);
	model->nodes = st->defs_tmp;
	if (!model->nodes)
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		int domain = model_path_domain(model, f->path, NULL);
		st->file_first[fi] = -1;
		st->file_domain[fi] = (signed char)domain;
		if (!model_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nfuncs; j++) {
			struct model_node *node;
			if (f->funcs[j].dead)
				continue;
			if (st->file_first[fi] < 0)
				st->file_first[fi] = (int32_t)k;
			node = &model->nodes[k];
			node->name = f->funcs[j].name ? f->funcs[j].name : "";
			/* a definition no macro of its own file renamed, under a header's rename that
			 * keeps the arguments (`#define malloc __libc_malloc_impl`, `#define
			 * kmem_alloc(s, f) kmem_alloc_debug(s, f)` in an included header); only an
			 * object-like one when the name is in parentheses, `(kmem_alloc) (s, f)` */
			if (st->ren && f->funcs[j].written_name && strcmp(node->name, f->funcs[j].written_name) == 0) {
				const char *via, *to = model_rename_apply(&st->ren[fi], node->name, f->funcs[j].line,
				                                          f->funcs[j].name_parens ? 2 : 1, &via);
				if (to)
					node->name = to;
			}
			node->file = f;
			node->func = &f->funcs[j];
			node->file_index = fi;
			node->domain = domain;
			node->impl = -1;
			st->names[k].name = node->name;
			st->names[k].node = k;
			st->names[k].alias = 0;
			k++;
		}
	}
	st->nnames = k;
	if (link_aliases_add(st))
		return -1;
	qsort(st->names, st->nnames, sizeof *st->names, link_name_cmp);
	k = 0; /* one entry per (name, node): an alias written twice (#ifdef branches) */
	for (uint32_t i = 0; i < st->nnames; i++)
		if (k == 0 || strcmp(st->names[k - 1].name, st->names[i].name) != 0 || st->names[k - 1].node != st->names[i].node)
			st->names[k++] = st->names[i];
	st->nnames = k;
	/* the hash index of the runs: a call's name costs one probe, not a binary search */
	if (model_strmap_init(&st->names_map, st->nnames))
		return -1;
	for (uint32_t i = 0; i < st->nnames;) {
		uint32_t j = i + 1, h = model_str_hash(st->names[i].name);
		struct model_strmap_slot *slot = model_strmap_slot(&st->names_map, st->names[i].name, h);
		while (j < st->nnames && strcmp(st->names[j].name, st->names[i].name) == 0)
			j++;
		slot->key = st->names[i].name;
		slot->hash = h;
		slot->val = i;
		slot->n = j - i;
		i = j;
	}
	return 0;
}

/* The node of the function with index `func` in file `fi`, or -1. The nodes of a file are
 * its live functions in order: the map from function to node is made once per file (calls
 * come file by file), so a file of n functions and m calls costs n + m, not n * m. Returns
 * -2 when out of memory. */
static int32_t link_caller_node(struct link_state *st, uint32_t fi, int32_t func)
{
	const struct dig_file *f = &st->model->tree->files[fi];
	int32_t k = st->file_first[fi];
	if (func < 0 || k < 0 || (uint32_t)func >= f->nfuncs || f->funcs[func].dead)
		return -1;
	if (st->caller_file != (int64_t)fi) {
		if (st->caller_cap < f->nfuncs) {
			int32_t *m = realloc(st->caller_map, (size_t)f->nfuncs * sizeof *m);
			if (!m)
				return -2;
			st->caller_map = m;
			st->caller_cap = f->nfuncs;
		}
		for (uint32_t j = 0; j < f->nfuncs; j++)
			st->caller_map[j] = f->funcs[j].dead ? -1 : k++;
		st->caller_file = fi;
	}
	return st->caller_map[func];
}

/* Is a resolved call a direct call that no definition took (it goes to an external)? */
static int link_call_external(const struct model *model, const struct model_call *mc)
{
	const char *callee;
	if (mc->target != MODEL_TARGET_NONE || model_call_fact(model, mc)->kind != DIG_CALL_DIRECT)
		return 0;
	callee = model_call_callee(model, mc);
	return callee && *callee;
}

/* Add `name` to the growing set `set` unless there; the set doubles at half load. Returns
 * 1 when it was new, 0 when there already, -1 when out of memory. */
static int link_ext_put(struct model_strmap *set, uint32_t count, const char *name)
{
	uint32_t h = model_str_hash(name);
	struct model_strmap_slot *slot = model_strmap_slot(set, name, h);
	if (slot->key)
		return 0;
	slot->key = name;
	slot->hash = h;
	if ((uint64_t)(count + 1) * 2 <= (uint64_t)set->mask + 1)
		return 1;
	struct model_strmap grown;
	if (model_strmap_init(&grown, set->mask + 1))
		return -1;
	for (uint32_t i = 0; i <= set->mask; i++)
		if (set->slot[i].key)
			*model_strmap_slot(&grown, set->slot[i].key, set->slot[i].hash) = set->slot[i];
	model_strmap_fini(set);
	*set = grown;
	return 1;
}

/* The distinct external names, sorted: each name once, as the first call that names it
 * spells it (a hash set of the names first, so only the distinct ones are sorted, not
 * every external call's). Returns the malloc'd array (its count in *n; NULL when there is
 * none), or NULL with *n = UINT32_MAX when out of memory. */
static char **link_externals_names(struct model *model, uint32_t *n)
{
	struct model_strmap set;
	char **names = NULL;
	uint32_t count = 0, cap = 0;
	*n = UINT32_MAX;
	if (model_strmap_init(&set, 1u << 12))
		return NULL;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		if (!link_call_external(model, &model->calls[i]))
			continue;
		const char *name = model_call_callee(model, &model->calls[i]);
		int added = link_ext_put(&set, count, name);
		if (added > 0 && model_grow((void **)&names, count, &cap, sizeof *names) == 0)
			names[count++] = (char *)name;
		else if (added != 0) {
			model_strmap_fini(&set);
			free(names);
			return NULL;
		}
	}
	model_strmap_fini(&set);
	if (count)
		qsort(names, count, sizeof *names, model_str_cmp);
	*n = count;
	return names;
}

/* Collect external names: direct calls that resolved to no definition (after
 * link_calls_resolve), then point those calls at their external nodes. */
static int link_externals_collect(struct link_state *st)
{
	struct model *model = st->model;
	uint32_t n;
	char **names = link_externals_names(model, &n);

	if (!names && n == UINT32_MAX)
		return -1;
	st->next = n;
	st->ext = names;
	if (model_strmap_init(&st->ext_map, st->next))
		return -1;
	for (uint32_t i = 0; i < st->next; i++) {
		uint32_t h = model_str_hash(names[i]);
		struct model_strmap_slot *slot = model_strmap_slot(&st->ext_map, names[i], h);
		slot->key = names[i];
		slot->hash = h;
		slot->val = i;
	}
	{
		struct model_node *nodes = model_mem_alloc(model, ((size_t)model->ndefs + st->next + 1) * sizeof *nodes);
		if (!nodes)
			return -1;
		memcpy(nodes, model->nodes, (size_t)model->ndefs * sizeof *nodes);
		model->nodes = nodes;
		free(st->defs_tmp);
		st->defs_tmp = NULL;
	}
	for (uint32_t i = 0; i < st->next; i++) {
		struct model_node *node = &model->nodes[model->ndefs + i];
		node->name = st->ext[i];
		node->file_index = UINT32_MAX;
		node->flags = MODEL_NODE_EXTERNAL;
		node->domain = -1;
		node->impl = -1;
	}
	model->nnodes = model->ndefs + st->next;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		struct model_call *mc = &model->calls[i];
		if (!link_call_external(model, mc))
			continue;
		mc->node = link_external_find(st, model_call_callee(model, mc));
		mc->target = mc->node >= 0 ? MODEL_TARGET_NODE : MODEL_TARGET_NONE;
	}
	return 0;
}

/* Do the struct types of a registration and a dispatch agree (unknown agrees)? */
static int link_types_agree(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return 1;
	if (strncmp(a, "struct ", 7) == 0)
		a += 7;
	if (strncmp(b, "struct ", 7) == 0)
		b += 7;
	return strcmp(a, b) == 0;
}

/* Order registrations by field, then file, then line. */
static int link_reg_cmp(const void *a, const void *b)
{
	const struct link_reg *x = a, *y = b;
	int c = strcmp(x->reg->field, y->reg->field);
	if (c)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->reg->line < y->reg->line ? -1 : x->reg->line > y->reg->line;
}

/* A registration that stores a parameter of its function (`mp->provider = provider` in
 * an init): the function's name, the parameter's index and the registration (its field
 * and struct type); then what each call of that function passes there is stored. */
struct link_preg {
	const char *fname;
	int k;
	const struct dig_reg *reg;
};

#define LINK_PREG_ROUNDS 3     /* inits that pass their parameter on to another init */

/* Order parameter registrations by function name. */
static int link_preg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct link_preg *)a)->fname, ((const struct link_preg *)b)->fname);
}

/* Is the text a plain name (an identifier, no number: `core_alloc`, not `NULL + 1`)? */
static int link_plain_name(const char *t)
{
	if (!*t || (*t >= '0' && *t <= '9'))
		return 0;
	for (; *t; t++)
		if (!model_ident_char(*t))
			return 0;
	return 1;
}

/* Append one live registration of file fi to the index. */
static int link_reg_push(struct link_state *st, uint32_t *cap, const struct dig_reg *reg, uint32_t fi)
{
	if (model_grow((void **)&st->regs, st->nregs, cap, sizeof *st->regs))
		return -1;
	st->regs[st->nregs].reg = reg;
	st->regs[st->nregs].file = fi;
	st->nregs++;
	return 0;
}

/* One round of parameter registrations: each live direct call of a function in p[0..np)
 * (sorted by name) passes argument k; a plain name there is stored into the registration's
 * field (a new registration of the call's file, on the model's arena, into the index), a
 * parameter of the calling function passes it on (into *next, *nnext of them). */
static int link_pregs_round(struct link_state *st, const struct link_preg *p, uint32_t np, uint32_t *cap,
                            struct link_preg **next, uint32_t *nnext, uint32_t *ncap)
{
	const struct dig_tree *tree = st->model->tree;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		for (uint32_t c = 0; model_file_live(f) && c < f->ncalls; c++) {
			const struct dig_call *call = &f->calls[c];
			struct link_preg key = { call->callee, 0, NULL };
			const struct link_preg *hit;
			char arg[128];
			if (call->dead || call->kind != DIG_CALL_DIRECT || !call->callee ||
			    !(hit = bsearch(&key, p, np, sizeof *p, link_preg_cmp)))
				continue;
			while (hit > p && strcmp(hit[-1].fname, call->callee) == 0)
				hit--;
			for (; hit < p + np && strcmp(hit->fname, call->callee) == 0; hit++) {
				const struct dig_func *caller = call->func >= 0 ? &f->funcs[call->func] : NULL;
				struct dig_reg *r;
				int k;
				if (!model_arg_text(call->args, hit->k, arg, sizeof arg, 1) || !link_plain_name(arg))
					continue;
				if (caller && (k = model_param_index(caller, arg)) >= 0) {
					if (model_grow((void **)next, *nnext, ncap, sizeof **next))
						return -1;
					(*next)[(*nnext)++] = (struct link_preg){ caller->name, k, hit->reg };
					continue;
				}
				uint32_t first;
				if (!link_name_range(st, arg, &first))
					continue; /* a registration stands for a function the tree defines */
				if (!(r = model_mem_alloc(st->model, sizeof *r)))
					return -1;
				*r = *hit->reg;
				r->func = model_mem_printf(st->model, "%s", arg);
				r->in_func = call->func;
				r->line = call->line;
				if (!r->func || link_reg_push(st, cap, r, fi))
					return -1;
			}
		}
	}
	return 0;
}

/* Registrations that store a parameter of their function (`mp->provider = provider`)
 * stand for what the function's callers pass there (`pool_init(&p, n, core_alloc)`),
 * followed through callers that pass their own parameter on (an inline `pool_init` over
 * `pool_init_aligned`), LINK_PREG_ROUNDS deep. */
static int link_pregs(struct link_state *st, uint32_t *cap)
{
	struct link_preg *p = NULL, *next = NULL;
	uint32_t np = 0, pcap = 0, nnext = 0, ncap = 0, nregs = st->nregs;
	int rc = 0;
	for (uint32_t i = 0; i < nregs && rc == 0; i++) {
		const struct dig_reg *reg = st->regs[i].reg;
		const struct dig_file *f = &st->model->tree->files[st->regs[i].file];
		int k = reg->in_func >= 0 ? model_param_index(&f->funcs[reg->in_func], reg->func) : -1;
		if (k < 0 || (rc = model_grow((void **)&p, np, &pcap, sizeof *p)) != 0)
			continue;
		p[np++] = (struct link_preg){ f->funcs[reg->in_func].name, k, reg };
	}
	for (int round = 0; rc == 0 && np && round < LINK_PREG_ROUNDS; round++) {
		struct link_preg *t = p;
		uint32_t tc = pcap;
		qsort(p, np, sizeof *p, link_preg_cmp);
		nnext = 0;
		rc = link_pregs_round(st, p, np, cap, &next, &nnext, &ncap);
		p = next, pcap = ncap, np = nnext;
		next = t, ncap = tc;
	}
	free(p);
	free(next);
	return rc;
}

/* Index the live registrations by field, with those a parameter stands for (link_pregs). */
static int link_regs_index(struct link_state *st)
{
	const struct dig_tree *tree = st->model->tree;
	uint32_t cap = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f))
			continue;
		for (uint32_t r = 0; r < f->nregs; r++) {
			if (f->regs[r].dead || !f->regs[r].field || !f->regs[r].func)
				continue;
			if (link_reg_push(st, &cap, &f->regs[r], fi))
				return -1;
		}
	}
	/* a parameter's registrations make those of what is passed, then leave the index */
	if (link_pregs(st, &cap))
		return -1;
	uint32_t kept = 0;
	for (uint32_t i = 0; i < st->nregs; i++) {
		const struct dig_reg *reg = st->regs[i].reg;
		const struct dig_file *f = &tree->files[st->regs[i].file];
		if (reg->in_func < 0 || model_param_index(&f->funcs[reg->in_func], reg->func) < 0)
			st->regs[kept++] = st->regs[i];
	}
	st->nregs = kept;
	if (st->nregs)
		qsort(st->regs, st->nregs, sizeof *st->regs, link_reg_cmp);
	return 0;
}

/* Join a dispatch call to registrations of the same field (hook 0), or a call of a variable
 * to the functions stored into it (hook 1: `hook = func`, DIG_REG_HOOK, named `name`);
 * candidates into buf (unique). */
static uint32_t link_dispatch(struct link_state *st, const struct dig_call *call, const char *name, int hook,
                              uint32_t *buf)
{
	struct model *model = st->model;
	uint32_t n = 0, lo = 0, hi = st->nregs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(st->regs[mid].reg->field, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < st->nregs && strcmp(st->regs[lo].reg->field, name) == 0; lo++) {
		const struct dig_reg *reg = st->regs[lo].reg;
		uint32_t m;
		int is_hook = reg->struct_type && strcmp(reg->struct_type, DIG_REG_HOOK) == 0;
		if (is_hook != hook || (!hook && !link_types_agree(reg->struct_type, call->dispatch_type)))
			continue;
		const char *via, *fn = st->ren ? model_rename_apply(&st->ren[st->regs[lo].file], reg->func, reg->line, 1, &via) : NULL;
		m = link_resolve(st, st->regs[lo].file, fn ? fn : reg->func, -1);
		for (uint32_t i = 0; i < m; i++) {
			int dup = 0;
			for (uint32_t j = 0; j < n && !dup; j++)
				dup = buf[j] == st->scratch[i];
			if (!dup && n < model->ndefs && n < 64)
				buf[n++] = st->scratch[i];
		}
	}
	return n;
}

/* Order node indices. */
static int link_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Order edges by from, then to. */
static int link_edge_cmp(const void *a, const void *b)
{
	const struct model_edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

/* Record that call `at` (a direct call) links under another name or macro than its facts
 * say (a worker's list, merged by link_calls_merge). Returns -1 when out of memory. */
static int link_renamed_add(struct link_state *st, uint32_t at, const char *callee, const char *via)
{
	struct model_renamed *r;
	if (model_grow((void **)&st->w_renamed, st->w_nrenamed, &st->renamed_cap, sizeof *r))
		return -1;
	r = &st->w_renamed[st->w_nrenamed++];
	r->call = at;
	r->callee = callee;
	r->via_macro = via;
	st->model->calls[at].renamed = 1;
	return 0;
}

/* Append n candidates (sorted) for call mc: to model->cands, or a worker's to its own list
 * (mc->cands_at an offset there until link_calls_merge). Returns -1 when out of memory. */
static int link_cands_add(struct link_state *st, struct model_call *mc, const uint32_t *buf, uint32_t n)
{
	struct model *model = st->model;
	uint32_t **cands = st->worker ? &st->w_cands : &model->cands, *ncands = st->worker ? &st->w_ncands : &model->ncands;
	while (*ncands + n > st->cands_cap) {
		uint32_t *grown;
		st->cands_cap = st->cands_cap ? st->cands_cap * 2 : 4096;
		grown = realloc(*cands, (size_t)st->cands_cap * sizeof *grown);
		if (!grown)
			return -1;
		*cands = grown;
	}
	memcpy(*cands + *ncands, buf, n * sizeof *buf);
	mc->cands_at = *ncands;
	mc->ncands = n;
	*ncands += n;
	return 0;
}

/* Resolve `callee`, called from file fi with nargs arguments, as the target of call mc
 * (a direct call); buf has room for every name entry. Returns -1 when out of memory. */
static int link_target_set(struct link_state *st, struct model_call *mc, uint32_t fi, const char *callee, int nargs,
                           uint32_t *buf)
{
	uint32_t n = link_resolve(st, fi, callee, nargs);
	if (n == 0)
		return 0; /* an external: linked once every external is known */
	memcpy(buf, st->scratch, n * sizeof *buf);
	mc->target = n == 1 ? MODEL_TARGET_NODE : MODEL_TARGET_AMBIGUOUS;
	qsort(buf, n, sizeof *buf, link_u32_cmp);
	mc->node = (int32_t)buf[0];
	if (n > 1 && link_cands_add(st, mc, buf, n))
		return -1;
	if (mc->target == MODEL_TARGET_AMBIGUOUS && st->worker)
		st->ambiguous++;   /* added to the model's count by link_calls_merge */
	else if (mc->target == MODEL_TARGET_AMBIGUOUS)
		st->model->ambiguous_calls++;
	return 0;
}

/* A name a macro pastes together from its arguments (`g_#2#_n`: pp.c's template for
 * `g_##func##_n`), completed with the use's argument text `args` (argument 2 an
 * identifier: `g_malloc_n`): the tree's definition of that name (its own string), or NULL
 * when an argument is no identifier or the tree defines no such name (nothing is made up
 * for a name no build may have). */
static const char *link_paste(const struct link_state *st, const char *tpl, const char *args)
{
	char buf[128], arg[128];
	size_t o = 0;
	uint32_t first;
	for (const char *t = tpl; args && *t && o + 1 < sizeof buf;) {
		const char *e;
		long p;
		if (*t != '#') {
			buf[o++] = *t++;
			continue;
		}
		p = strtol(t + 1, (char **)&t, 10);
		if (*t++ != '#' || p < 0 || p > INT_MAX || !model_arg_text(args, (int)p, arg, sizeof arg, 0) ||
		    (arg[0] >= '0' && arg[0] <= '9'))
			return NULL;
		for (e = arg; model_ident_char(*e); e++)
			;
		if (*e || o + (size_t)(e - arg) + 1 >= sizeof buf)
			return NULL;
		memcpy(buf + o, arg, (size_t)(e - arg));
		o += (size_t)(e - arg);
	}
	if (!args || o + 1 >= sizeof buf)
		return NULL;
	buf[o] = '\0';
	return link_name_range(st, buf, &first) ? st->names[first].name : NULL;
}

/* The names a use of statement macro m at `line` of file fi calls: each name its body
 * calls, after the renames that reach the file, and, when it is itself a statement macro
 * no definition takes, what that one calls (to LINK_EXPAND_DEPTH levels); distinct, into
 * names[*n ..] (at most LINK_EXPAND_MAX). A name the macro pastes from its arguments is
 * completed with the use's arguments `args` (link_paste; NULL: a use inside another macro,
 * whose arguments are not known here, and the name is left out). */
static void link_expand(struct link_state *st, uint32_t fi, const struct model_rename *m, uint32_t line,
                        const char *args, const char **names, uint32_t *n, int depth)
{
	const struct model_renames *t = &st->ren[fi];
	for (uint32_t c = 0; c < m->ncalls && *n < LINK_EXPAND_MAX; c++) {
		const char *via, *name = m->calls[c], *to;
		const struct model_rename *inner;
		int dup = 0;
		if (strchr(name, '#') && !(name = link_paste(st, name, args)))
			continue;
		to = model_rename_apply(t, name, line, 0, &via);
		if (to)
			name = to;
		inner = model_statement_macro(t, name, line);
		if (inner && inner != m && depth < LINK_EXPAND_DEPTH && link_resolve(st, fi, name, -1) == 0) {
			link_expand(st, fi, inner, line, NULL, names, n, depth + 1);
			continue;
		}
		for (uint32_t k = 0; k < *n && !dup; k++)
			dup = strcmp(names[k], name) == 0;
		if (!dup)
			names[(*n)++] = name;
	}
}

/* A direct call to `*callee` that is the use of a statement macro (no definition takes the
 * name): the use calls what the macro's body calls; the first name replaces *callee (its
 * macro in *via, arity unknown), the others are queued as further calls at the same site.
 * Returns -1 when out of memory. */
static int link_statement(struct link_state *st, uint32_t at, uint32_t fi, uint32_t line, const char *args,
                          const char **callee, const char **via, int *nargs)
{
	const char *names[LINK_EXPAND_MAX];
	uint32_t n = 0;
	const struct model_rename *m = st->ren ? model_statement_macro(&st->ren[fi], *callee, line) : NULL;

	if (!m || link_resolve(st, fi, *callee, *nargs) > 0)
		return 0;
	link_expand(st, fi, m, line, args, names, &n, 0);
	if (n == 0)
		return 0;
	if (!*via)
		*via = m->via;
	*callee = names[0];
	*nargs = -1;
	for (uint32_t k = 1; k < n; k++) {
		if (model_grow((void **)&st->extra, st->nextra, &st->extra_cap, sizeof *st->extra))
			return -1;
		st->extra[st->nextra++] = (struct link_extra){ at, names[k], *via };
	}
	return 0;
}

/* The variable a pointer call calls (`(*hook)(n)`, `(hook)(n)`, callee text as the scan
 * gives it) into name (size cap); 0 when the text is no such call. */
static int link_pointer_name(const char *text, char *name, size_t cap)
{
	const char *a = text, *e;
	while (*a == '(' || *a == '*' || *a == ' ')
		a++;
	for (e = a; (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_'; e++)
		;
	if (e == a || (*a >= '0' && *a <= '9') || (size_t)(e - a) >= cap)
		return 0;
	for (const char *p = e; *p; p++)
		if (*p != ')' && *p != ' ')
			return 0;
	memcpy(name, a, (size_t)(e - a));
	name[e - a] = '\0';
	return 1;
}

/* Resolve live call `call` (index c of file fi) into model->calls[at]; buf has room for
 * every name entry. Returns -1 when out of memory. */
static int link_call_one(struct link_state *st, uint32_t at, uint32_t fi, uint32_t c, const struct dig_call *call,
                         uint32_t *buf)
{
	struct model *model = st->model;
	struct model_call *mc = &model->calls[at];
	uint32_t n = 0;
	mc->index = c;
	mc->file_index = fi;
	mc->caller = link_caller_node(st, fi, call->func);
	if (mc->caller == -2)
		return -1;
	mc->node = -1;
	mc->target = MODEL_TARGET_NONE;
	if (!call->callee || !*call->callee)
		return 0;
	if (call->kind == DIG_CALL_DIRECT) {
		int nargs;
		const char *via, *callee = link_callee(st, fi, call, &via, &nargs);
		/* the call's own arguments are the macro's only when no rename came between */
		const char *args = callee == call->callee && !via ? call->args : NULL;
		if (link_statement(st, at, fi, call->line, args, &callee, &via, &nargs))
			return -1;
		if ((callee != call->callee || via != call->via_macro) && link_renamed_add(st, at, callee, via))
			return -1;
		if (link_target_set(st, mc, fi, callee, nargs, buf))
			return -1;
		/* no definition takes the name: a variable functions are stored into? */
		if (mc->node >= 0 || !(n = link_dispatch(st, call, callee, 1, buf)))
			return 0;
	} else if (call->kind == DIG_CALL_DISPATCH) {
		n = link_dispatch(st, call, call->callee, 0, buf);
	} else {
		char name[128];
		n = link_pointer_name(call->callee, name, sizeof name) ? link_dispatch(st, call, name, 1, buf) : 0;
	}
	if (n == 0)
		return 0;
	mc->target = MODEL_TARGET_DISPATCH;
	st->dispatch++;
	qsort(buf, n, sizeof *buf, link_u32_cmp);
	mc->node = (int32_t)buf[0];
	return link_cands_add(st, mc, buf, n);
}

/* The further calls of statement macros' uses (st->extra, by call) join model->calls, each
 * right after its use's call (same site, same caller), with its own name in the renamed
 * side table, resolved like a direct call. In place: both arrays grow by realloc (a big
 * one is remapped, not copied) and are filled from the end, where nothing unread lies
 * (the e-th further call lands at extra[e].at + e + 1, a call c at c + the further calls
 * before it); then the further calls are resolved in call order, so their candidates are
 * appended as a merge into a fresh array would append them. Returns -1 when out of
 * memory. */
static int link_extras_merge(struct link_state *st)
{
	struct model *model = st->model;
	uint32_t n = model->ncalls + st->nextra, w = n, e = st->nextra, r = model->nrenamed;
	struct model_call *calls;
	struct model_renamed *renamed;
	uint32_t *buf;

	if (st->nextra == 0)
		return 0;
	calls = realloc(model->calls, ((size_t)n + 1) * sizeof *calls);
	if (!calls)
		return -1;
	model->calls = calls;
	renamed = realloc(model->renamed, ((size_t)model->nrenamed + st->nextra + 1) * sizeof *renamed);
	if (!renamed)
		return -1;
	model->renamed = renamed;
	buf = malloc(((size_t)st->nnames + 1) * sizeof *buf);
	if (!buf)
		return -1;
	for (uint32_t i = model->ncalls; i > 0; i--) {
		for (; e > 0 && st->extra[e - 1].at == i - 1; e--) {
			struct model_call *mc = &calls[--w];
			*mc = calls[i - 1];
			mc->node = -1;
			mc->target = MODEL_TARGET_NONE;
			mc->cands_at = 0;
			mc->ncands = 0;
			mc->renamed = 1;
		}
		calls[--w] = calls[i - 1];
	}
	for (uint32_t k = model->nrenamed + st->nextra, x = st->nextra; k > 0; k--) {
		if (x > 0 && (r == 0 || st->extra[x - 1].at >= renamed[r - 1].call)) {
			x--;
			renamed[k - 1] = (struct model_renamed){ st->extra[x].at + x + 1, st->extra[x].callee, st->extra[x].via };
		} else {
			r--;
			renamed[k - 1] = renamed[r];
			renamed[k - 1].call += x;
		}
	}
	model->ncalls = n;
	model->nrenamed += st->nextra;
	st->renamed_cap = model->nrenamed;
	for (e = 0; e < st->nextra; e++) {
		struct model_call *mc = &calls[st->extra[e].at + e + 1];
		if (link_target_set(st, mc, mc->file_index, st->extra[e].callee, -1, buf)) {
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}

/* The live calls of file fi, each into its slot of model->calls (from file_at[fi]): one
 * index of model_parallel_for, on worker w's copy of the state. */
struct link_par {
	struct link_state *workers;
	const uint32_t *file_at;       /* per file: its first live call's index in model->calls */
	unsigned char *file_worker;    /* per file: the worker that linked it */
};

static int link_calls_file(void *arg, unsigned w, uint32_t fi)
{
	struct link_par *par = arg;
	struct link_state *ws = &par->workers[w];
	const struct dig_file *f = &ws->model->tree->files[fi];
	uint32_t at = par->file_at[fi];
	par->file_worker[fi] = (unsigned char)w;
	if (!model_file_live(f))
		return 0;
	for (uint32_t c = 0; c < f->ncalls; c++)
		if (!f->calls[c].dead && link_call_one(ws, at++, fi, c, &f->calls[c], ws->buf))
			return -1;
	return 0;
}

/* The workers' lists join the model's in call order, as one thread would have made them:
 * candidates (cands_at rebased), renamed calls, statement macros' further calls. Every
 * list is exactly as long as its total. Returns -1 when out of memory. */
static int link_calls_merge(struct link_state *st, const struct link_par *par, unsigned nw)
{
	struct model *model = st->model;
	uint32_t ncands = 0, nrenamed = 0, nextra = 0, *rcur = calloc((size_t)nw * 2, sizeof *rcur), *ecur = rcur + nw;
	if (!rcur)
		return -1;
	for (unsigned k = 0; k < nw; k++) {
		ncands += par->workers[k].w_ncands;
		nrenamed += par->workers[k].w_nrenamed;
		nextra += par->workers[k].nextra;
		model->ambiguous_calls += par->workers[k].ambiguous;
		model->dispatch_calls += par->workers[k].dispatch;
	}
	model->cands = malloc(((size_t)ncands + 1) * sizeof *model->cands);
	model->renamed = malloc(((size_t)nrenamed + 1) * sizeof *model->renamed);
	st->extra = malloc(((size_t)nextra + 1) * sizeof *st->extra);
	if (!model->cands || !model->renamed || !st->extra) {
		free(rcur);
		return -1;
	}
	st->cands_cap = ncands + 1;
	st->renamed_cap = nrenamed + 1;
	st->extra_cap = nextra + 1;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		struct model_call *mc = &model->calls[i];
		unsigned w = par->file_worker[mc->file_index];
		const struct link_state *ws = &par->workers[w];
		if (mc->ncands) {
			memcpy(model->cands + model->ncands, ws->w_cands + mc->cands_at, mc->ncands * sizeof *model->cands);
			mc->cands_at = model->ncands;
			model->ncands += mc->ncands;
		}
		if (mc->renamed)
			model->renamed[model->nrenamed++] = ws->w_renamed[rcur[w]++];
		for (; ecur[w] < ws->nextra && ws->extra[ecur[w]].at == i; ecur[w]++)
			st->extra[st->nextra++] = ws->extra[ecur[w]];
	}
	free(rcur);
	return 0;
}

/* Free the workers' copies of the state (what is their own). */
static void link_workers_free(struct link_state *workers, unsigned nw)
{
	for (unsigned k = 0; workers && k < nw; k++) {
		free(workers[k].scratch);
		free(workers[k].buf);
		free(workers[k].caller_map);
		free(workers[k].extra);
		free(workers[k].w_cands);
		free(workers[k].w_renamed);
	}
	free(workers);
}

/* Resolve every live call and record it (a direct call no definition takes stays NONE
 * here; link_externals_collect then gives it its external node). Two phases, so that the
 * calls link on the -j threads and the model stays the same for any number of them: the
 * files split across the workers (model_parallel_for), each call into its own slot of
 * model->calls and what it adds (candidates, renamed calls, further calls) into its
 * worker's lists; then one merge in call order (link_calls_merge). A worker reads the
 * shared state and writes only its calls' slots, its own lists and the #include stems of
 * its own files; the stems of the files whose registrations a dispatch call resolves
 * from (link_dispatch) are built before the threads start. */
static int link_calls_resolve(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	unsigned nw = model_parallel_workers(model);
	struct link_par par = { calloc(nw, sizeof *par.workers), NULL, calloc((size_t)tree->nfiles + 1, 1) };
	uint32_t *file_at = malloc(((size_t)tree->nfiles + 1) * sizeof *file_at), total = 0;
	int rc = -1;

	par.file_at = file_at;
	if (!par.workers || !file_at || !par.file_worker)
		goto out;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		file_at[fi] = total;
		for (uint32_t c = 0; model_file_live(f) && c < f->ncalls; c++) {
			total += !f->calls[c].dead;
			model->dead_calls += f->calls[c].dead != 0;
		}
	}
	for (uint32_t r = 0; r < st->nregs; r++)
		link_file_stems(st, st->regs[r].file);
	model->calls = calloc((size_t)total + 1, sizeof *model->calls);   /* model_destroy frees it */
	if (!model->calls)
		goto out;
	model->ncalls = total;
	for (unsigned k = 0; k < nw; k++) {
		struct link_state *ws = &par.workers[k];
		*ws = *st;
		ws->worker = 1;
		ws->caller_map = NULL, ws->caller_cap = 0, ws->caller_file = -1;
		ws->extra = NULL, ws->nextra = ws->extra_cap = 0;
		ws->renamed_cap = ws->cands_cap = 0;
		ws->scratch = malloc(((size_t)st->nnames + 1) * sizeof *ws->scratch);
		ws->buf = malloc(((size_t)st->nnames + 1) * sizeof *ws->buf);
		if (!ws->scratch || !ws->buf)
			goto out;
	}
	if (model_parallel_for(model, tree->nfiles, link_calls_file, &par) == 0)
		rc = link_calls_merge(st, &par, nw);
out:
	link_workers_free(par.workers, nw);
	free(file_at);
	free(par.file_worker);
	return rc;
}

/* Aggregate calls into edges (unique and dispatch targets; ambiguous calls draw no edge)
 * and index them both ways. */
static int link_edges_build(struct model *model)
{
	uint32_t n = 0, w = 0;
	struct model_edge *edges;
	uint32_t *start = calloc((size_t)model->nnodes + 2, sizeof *start);

	/* counting sort by caller (no growth, no merge-sort buffer: a big tree has millions of
	 * calls), then each caller's few edges by callee, then equal pairs summed */
	if (!start)
		return -1;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->caller < 0 || mc->node < 0 || mc->target == MODEL_TARGET_AMBIGUOUS ||
		    mc->target == MODEL_TARGET_NONE)
			continue;
		start[mc->caller + 1] += mc->ncands ? mc->ncands : 1;
	}
	for (uint32_t i = 0; i < model->nnodes; i++)
		start[i + 1] += start[i];
	n = start[model->nnodes];
	edges = malloc(((size_t)n + 1) * sizeof *edges);
	if (!edges) {
		free(start);
		return -1;
	}
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->caller < 0 || mc->node < 0 || mc->target == MODEL_TARGET_AMBIGUOUS ||
		    mc->target == MODEL_TARGET_NONE)
			continue;
		for (uint32_t j = 0; j < (mc->ncands ? mc->ncands : 1); j++) {
			struct model_edge *e = &edges[start[mc->caller]++];
			e->from = (uint32_t)mc->caller;
			e->to = mc->ncands ? model_call_cands(model, mc)[j] : (uint32_t)mc->node;
			e->count = 1;
		}
	}
	/* start[f] is now the end of f's run, which is where f + 1's begins */
	for (uint32_t f = 0, b = 0; f < model->nnodes; f++) {
		if (start[f] - b > 1)
			qsort(edges + b, start[f] - b, sizeof *edges, link_edge_cmp);
		b = start[f];
	}
	free(start);
	for (uint32_t i = 0; i < n; i++) {
		if (w && edges[w - 1].from == edges[i].from && edges[w - 1].to == edges[i].to)
			edges[w - 1].count++;
		else
			edges[w++] = edges[i];
	}
	model->edges = model_mem_alloc(model, ((size_t)w + 1) * sizeof *model->edges);
	model->out_start = model_mem_alloc(model, ((size_t)model->nnodes + 1) * sizeof *model->out_start);
	model->in_start = model_mem_alloc(model, ((size_t)model->nnodes + 2) * sizeof *model->in_start);
	model->in_edges = model_mem_alloc(model, ((size_t)w + 1) * sizeof *model->in_edges);
	if (!model->edges || !model->out_start || !model->in_start || !model->in_edges) {
		free(edges);
		return -1;
	}
	if (w)
		memcpy(model->edges, edges, w * sizeof *edges);
	free(edges);
	model->nedges = w;
	/* out index: edges are sorted by from */
	for (uint32_t i = 0, e = 0; i <= model->nnodes; i++) {
		while (e < w && model->edges[e].from < i)
			e++;
		model->out_start[i] = e;
	}
	/* in index: counting sort by to (stable, so from stays ascending) */
	for (uint32_t e = 0; e < w; e++)
		model->in_start[model->edges[e].to + 1]++;
	for (uint32_t i = 0; i < model->nnodes; i++)
		model->in_start[i + 1] += model->in_start[i];
	{
		uint32_t *fill = calloc((size_t)model->nnodes + 1, sizeof *fill);
		if (!fill)
			return -1;
		for (uint32_t e = 0; e < w; e++) {
			uint32_t to = model->edges[e].to;
			model->in_edges[model->in_start[to] + fill[to]++] = e;
		}
		free(fill);
	}
	return 0;
}

/* Link: nodes, externals, calls, edges. */
int model_link_build(struct model *model)
{
	struct link_state st;
	int rc = -1;
	const struct dig_tree *tree = model->tree;

	memset(&st, 0, sizeof st);
	st.model = model;
	st.caller_file = -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		size_t len = strlen(f->path);
		model->files++;
		if (len >= 2 && strcmp(f->path + len - 2, ".h") == 0)
			model->files_h++;
		else
			model->files_c++;
		if (f->status == DIG_FILE_SKIPPED) {
			model->skipped++;
			continue;
		}
		if (f->status == DIG_FILE_PARTIAL)
			model->partial_cut++;
		if (f->copy_of) {
			model->copies++;
			continue;
		}
		if (f->status == DIG_FILE_PARTIAL || f->lexed_defs)
			model->partial++;
		model->lines += f->lines;
		model->loc += f->loc;
		model->dead_lines += f->dead_lines;
	}
	st.stems = calloc((size_t)tree->nfiles + 1, sizeof *st.stems);
	if (st.stems && model_includes_build(model, &st.ren) == 0) {
		model_timing_mark("model: includes");
#ifdef __GLIBC__
		/* the include resolution ran on the -j threads, whose arenas keep the pages of
		 * its scratch: give them back before the link tables, the model's peak, grow */
		malloc_trim(0);
#endif
		if (link_nodes_create(&st) == 0 && link_units_build(&st) == 0 && link_ports_build(&st) == 0 && link_regs_index(&st) == 0) {
			model_timing_mark("model: nodes");
			if (link_calls_resolve(&st) == 0 && link_extras_merge(&st) == 0) {
				model_timing_mark("model: link calls");
				if (link_externals_collect(&st) == 0)
					rc = 0;
				model_timing_mark("model: externals");
			}
		}
	}
	/* the link state (name indexes, rename tables) dies before the edges are built: the
	 * peak of the model's memory is there */
	model_includes_free(st.ren, tree->nfiles);
	for (uint32_t fi = 0; st.stems && fi < tree->nfiles; fi++)
		free(st.stems[fi].v);
	free(st.stems);
	free(st.regs);
	free(st.file_domain);
	free(st.defs_tmp);
	free(st.names);
	free(st.ext);
	model_strmap_fini(&st.names_map);
	model_strmap_fini(&st.ext_map);
	free(st.file_first);
	free(st.caller_map);
	free(st.scratch);
	free(st.extra);
	if (rc == 0) {
		rc = link_edges_build(model);
		model_timing_mark("model: edges");
	}
	return rc;
}
