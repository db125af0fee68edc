/*
 * dig/model/model.c: from scanned facts to an allocation topology.
 *
 * Theory. The scan gives, per file, definitions, calls, macros, registrations, globals and
 * raw evidence, with lines, and knows nothing about allocation. The model turns them into
 * a call graph and reads the allocators off that graph by analysis:
 *
 *  1. link (link.c): one node per live definition (not in #if 0, not in a byte-identical
 *     copy, which is counted and listed instead) and one per external name (called, never
 *     defined). A call resolves by the rules a C linker and a reader would use, in order:
 *     a definition in the caller's own file; otherwise no file-static function of another
 *     file; the arity of the call against the parameter count (so `kalloc()` and
 *     `kalloc(size)` or `malloc(n)` and `malloc(mp, size)` stay apart, and a call no
 *     definition can take is an external); then nearness in
 *     the tree (the longest common folder prefix, a shared header name breaking ties).
 *     Whatever is still plural stays plural: the call is AMBIGUOUS and lists every
 *     candidate. `obj->field(...)` joins the ops-table registrations of the same field
 *     (and struct type when both are known); a registration alone is never a call. Macro
 *     renames of included headers and symbol aliases apply first (include.c).
 *  2. classify (classify.c): entry points from name *and* structure *and* behaviour (an
 *     allocation verb in the name, a raw-memory return with a size-like parameter or none,
 *     and touching file-scope state or calling a backend or another allocator); release
 *     entry points beside them; wrappers (stateless entry points that forward); backends
 *     (vocabulary names, defined or external). Files with entry points become
 *     implementations, merged when they share non-static data; each gets a domain from
 *     its folder words or, failing that, from what it calls; a role from its entry
 *     points' shapes; a backend chain by following the most-called way down; features
 *     with the lines that show them. Tests, benchmarks and examples never hold entry
 *     points: their functions are callers.
 *  3. measure (measure.c): call counts per API and per file (live calls only), fan-in,
 *     kernel reach, LOC, critical-path allocators and the redundancy factor
 *     RF = stateful implementations / distinct roles among them.
 *
 * Data. Everything the model allocates lives in one arena (struct model_mem: 1 MiB chunks,
 * bump-allocated) and dies with model_destroy(); strings from the facts are borrowed, so
 * the tree must outlive the model.
 * Failure: out of memory gives NULL; nothing is printed (writers print).
 */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dig/model/model_impl.h"

/* The stage clock (model_timing_mark): read once from the environment. */
static struct model_clock {
	int state;           /* 0 not read yet, 1 off, 2 on */
	double wall, cpu;    /* at the previous mark */
} model_clock;

/* Wall seconds (monotonic) and CPU seconds (user + system) of the process. */
static void model_clock_now(double *wall, double *cpu)
{
	struct timespec ts;
	struct rusage ru;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	*wall = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

/* Resident memory now, in KiB (from /proc/self/statm; 0 when unreadable). */
static long model_clock_rss_kib(void)
{
	long size = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * 4;
}

/* Print one stage's wall and CPU time since the previous mark, and the memory. */
void model_timing_mark(const char *stage)
{
	double wall, cpu;
	struct rusage ru;
	if (model_clock.state == 0) {
		const char *e = getenv("STRATA_DIG_TIMINGS");
		model_clock.state = e && *e && strcmp(e, "0") != 0 ? 2 : 1;
	}
	if (model_clock.state != 2)
		return;
	model_clock_now(&wall, &cpu);
	getrusage(RUSAGE_SELF, &ru);
	if (model_clock.wall == 0)
		fprintf(stderr, "strata: timing %-22s cpu %7.2f (process so far) rss %5ld MiB peak %5ld MiB\n", stage, cpu,
		        model_clock_rss_kib() / 1024, ru.ru_maxrss / 1024);
	else
		fprintf(stderr, "strata: timing %-22s wall %6.2f cpu %6.2f rss %5ld MiB peak %5ld MiB\n", stage,
		        wall - model_clock.wall, cpu - model_clock.cpu, model_clock_rss_kib() / 1024, ru.ru_maxrss / 1024);
	model_clock.wall = wall;
	model_clock.cpu = cpu;
}

/* Allocate zeroed memory on the model's arena: carved from the head chunk, or a new head
 * chunk when it is full, or a chunk of its own (linked behind the head) when large. */
void *model_mem_alloc(struct model *model, size_t size)
{
	struct model_mem *m = model->mem;
	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (m && m->cap - m->used >= size) {
		void *p = m->data + m->used;
		m->used += size;
		return p;
	}
	if (size > MODEL_MEM_CHUNK / 4) {
		m = calloc(1, sizeof *m + size);
		if (!m)
			return NULL;
		m->used = m->cap = size;
		if (model->mem) {
			m->next = model->mem->next;
			model->mem->next = m;
		} else {
			model->mem = m;
		}
		return m->data;
	}
	m = calloc(1, sizeof *m + MODEL_MEM_CHUNK);
	if (!m)
		return NULL;
	m->cap = MODEL_MEM_CHUNK;
	m->used = size;
	m->next = model->mem;
	model->mem = m;
	return m->data;
}

/* A formatted string on the model's list. */
const char *model_mem_printf(struct model *model, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return "";
	s = model_mem_alloc(model, (size_t)n + 1);
	if (!s)
		return "";
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Order strings (qsort over const char * elements). */
int model_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Binary search of a sorted string array. */
int model_strv_has(const char *const *v, uint32_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof *v, model_str_cmp) != NULL;
}

/* First index of an array of n elements in file order (each `stride` bytes, with its
 * uint32_t file index at byte offset `off`) whose file index is at least fi. */
static uint32_t model_file_lower_bound(const void *base, uint32_t n, size_t stride, size_t off, uint32_t fi)
{
	const unsigned char *b = base;
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t f;
		memcpy(&f, b + (size_t)mid * stride + off, sizeof f);
		if (f < fi)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Binary search of the definition nodes (in file order) for file fi's first. */
uint32_t model_defs_of_file(const struct model *model, uint32_t fi)
{
	return model_file_lower_bound(model->nodes, model->ndefs, sizeof model->nodes[0],
	                              offsetof(struct model_node, file_index), fi);
}

/* First index of calls of file `fi` (calls are in file order). */
uint32_t model_calls_of_file(const struct model *model, uint32_t fi)
{
	return model_file_lower_bound(model->calls, model->ncalls, sizeof model->calls[0],
	                              offsetof(struct model_call, file_index), fi);
}

/* Binary search of the renamed calls (sorted by call index). */
const struct model_renamed *model_call_renamed(const struct model *model, const struct model_call *mc)
{
	uint32_t at = (uint32_t)(mc - model->calls), lo = 0, hi = model->nrenamed;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (model->renamed[mid].call < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &model->renamed[lo];
}

/* FNV-1a over the bytes of a string. */
uint32_t model_str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* An empty index with room for n keys at half load at most. */
int model_strmap_init(struct model_strmap *m, uint32_t n)
{
	size_t cap = 16;
	while (cap < (size_t)n * 2)
		cap *= 2;
	m->slot = calloc(cap, sizeof *m->slot);
	m->mask = (uint32_t)(cap - 1);
	return m->slot ? 0 : -1;
}

/* Free an index (its keys are borrowed). */
void model_strmap_fini(struct model_strmap *m)
{
	free(m->slot);
	m->slot = NULL;
}

/* Linear probing from the hash: the key's slot, or the empty one that ends its probe. */
struct model_strmap_slot *model_strmap_slot(const struct model_strmap *m, const char *key, uint32_t hash)
{
	for (uint32_t i = hash & m->mask;; i = (i + 1) & m->mask) {
		struct model_strmap_slot *s = &m->slot[i];
		if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0))
			return s;
	}
}

/* Make room for one more element in a malloc'd array. */
int model_grow(void **arr, uint32_t n, uint32_t *cap, size_t elem)
{
	void *grown;
	uint32_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	grown = realloc(*arr, (size_t)ncap * elem);
	if (!grown)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

/* "folder NAME/" on the model's list, or NULL when nobody asked for a reason. */
static const char *part_why(const struct model *model, const char *part, int wanted)
{
	return wanted ? model_mem_printf((struct model *)model, "folder %s/", part) : NULL;
}

/* Domain from the folder words of a path: boot or test anywhere wins, else the deepest
 * kernel or user folder decides. */
int model_path_domain(const struct model *model, const char *path, const char **why)
{
	char part[256];
	const char *p = path;
	int deepest = -1;
	const char *deepest_why = NULL;
	int boot = 0, test = 0;
	const char *boot_why = NULL, *test_why = NULL;

	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len;
		int is_dir = slash != NULL;
		if (!slash)
			slash = p + strlen(p);
		len = (size_t)(slash - p);
		if (len >= sizeof part)
			len = sizeof part - 1;
		memcpy(part, p, len);
		part[len] = '\0';
		if (!is_dir) {
			/* the file's own name: only test words count (test_x.c, x_test.c) */
			char *dot = strrchr(part, '.');
			if (dot)
				*dot = '\0';
			if (model_vocab_match(model->vocab, VOCAB_DIR_TEST, part) && !test) {
				test = 1;
				if (why)
					test_why = model_mem_printf((struct model *)model, "file name %s", part);
			}
			break;
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_TEST, part) && !test) {
			test = 1;
			if (why)
				test_why = model_mem_printf((struct model *)model, "folder %s/", part);
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_BOOT, part) && !boot) {
			boot = 1;
			if (why)
				boot_why = model_mem_printf((struct model *)model, "folder %s/", part);
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_KERNEL, part)) {
			deepest = MODEL_DOMAIN_KERNEL;
			deepest_why = part_why(model, part, why != NULL);
		} else if (model_vocab_match(model->vocab, VOCAB_DIR_USER, part)) {
			deepest = MODEL_DOMAIN_USER;
			deepest_why = part_why(model, part, why != NULL);
		}
		p = slash + 1;
	}
	if (!why)
		why = &deepest_why; /* a scratch slot: the caller does not want the reason */
	if (test) {
		*why = test_why;
		return MODEL_DOMAIN_TEST;
	}
	if (boot) {
		*why = boot_why;
		return MODEL_DOMAIN_BOOT;
	}
	if (!strchr(path, '/')) {
		*why = "file at the root of the tree";
		return MODEL_DOMAIN_ROOT;
	}
	*why = deepest_why;
	return deepest;
}

/* Build the model: link, classify, measure. */
struct model *model_create(const struct dig_tree *tree, struct model_vocab *vocab)
{
	struct model *model = calloc(1, sizeof *model);
	if (!model) {
		model_vocab_destroy(vocab);
		return NULL;
	}
	model->tree = tree;
	model->vocab = vocab;
	model_timing_mark("scan");
	if (model_link_build(model) || model_classify_build(model) || model_measure_build(model)) {
		model_destroy(model);
		return NULL;
	}
	return model;
}

/* Free the model and everything on its list (the tree stays). */
void model_destroy(struct model *model)
{
	struct model_mem *m;
	if (!model)
		return;
	m = model->mem;
	while (m) {
		struct model_mem *next = m->next;
		free(m);
		m = next;
	}
	free(model->cands);
	free(model->renamed);
	model_inc_index_free(model);
	model_vocab_destroy(model->vocab);
	free(model);
}

/* Role names as the writers print them. */
const char *model_role_name(enum model_role role)
{
	static const char *const names[MODEL_ROLE_COUNT] = {
		[MODEL_ROLE_GENERAL] = "general-purpose",
		[MODEL_ROLE_KERNEL] = "kernel general",
		[MODEL_ROLE_FIXED] = "fixed-size objects",
		[MODEL_ROLE_PAGE] = "page-level",
		[MODEL_ROLE_RMAP] = "resource map",
		[MODEL_ROLE_BOOT] = "early-boot",
		[MODEL_ROLE_WRAPPER] = "wrapper",
	};
	return (unsigned)role < MODEL_ROLE_COUNT ? names[role] : "?";
}

/* Domain names as the writers print them. */
const char *model_domain_name(enum model_domain domain)
{
	static const char *const names[MODEL_DOMAIN_COUNT] = {
		[MODEL_DOMAIN_KERNEL] = "kernel",
		[MODEL_DOMAIN_USER] = "user",
		[MODEL_DOMAIN_BOOT] = "boot",
		[MODEL_DOMAIN_ROOT] = "root",
		[MODEL_DOMAIN_TEST] = "test",
	};
	return (unsigned)domain < MODEL_DOMAIN_COUNT ? names[domain] : "?";
}

/* Feature names as the writers print them. */
const char *model_feature_name(enum model_feature feature)
{
	static const char *const names[MODEL_FEAT_COUNT] = {
		[MODEL_FEAT_THREADING] = "threading",
		[MODEL_FEAT_DEBUGGING] = "debugging",
		[MODEL_FEAT_ALIGNMENT] = "alignment",
		[MODEL_FEAT_ZEROING] = "zeroing",
	};
	return (unsigned)feature < MODEL_FEAT_COUNT ? names[feature] : "?";
}

/* One word for what a node is: alloc, free, wrapper, backend, helper, external, function. */
const char *model_node_kind(const struct model *model, uint32_t node)
{
	unsigned f = model->nodes[node].flags;
	if (f & MODEL_NODE_WRAPPER)
		return (f & MODEL_NODE_FREE) ? "wrapper-free" : "wrapper-alloc";
	if (f & MODEL_NODE_BACKEND)
		return (f & MODEL_NODE_EXTERNAL) ? "external-backend" : "backend";
	if (f & MODEL_NODE_ALLOC)
		return "alloc";
	if (f & MODEL_NODE_FREE)
		return "free";
	if (f & MODEL_NODE_HELPER)
		return "helper";
	if (f & MODEL_NODE_EXTERNAL)
		return "external";
	return "function";
}

/* Is `path` inside folder `in` (a path prefix ending at a '/')? */
int model_path_under(const char *path, const char *in)
{
	size_t n;
	while (in[0] == '.' && in[1] == '/')
		in += 2;
	n = strlen(in);
	while (n && in[n - 1] == '/')
		n--;
	if (n == 0 || (n == 1 && in[0] == '.'))
		return 1;
	return strncmp(path, in, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Every node named `name` (definitions under `in` when given; externals only without it). */
uint32_t model_nodes_find(const struct model *model, const char *name, const char *in, uint32_t **out)
{
	uint32_t n = 0;
	*out = malloc(((size_t)model->nnodes + 1) * sizeof **out);
	if (!*out)
		return 0;
	for (uint32_t i = 0; i < model->nnodes; i++) {
		const struct model_node *node = &model->nodes[i];
		if (strcmp(node->name, name) != 0)
			continue;
		if (in && (!node->file || !model_path_under(node->file->path, in)))
			continue;
		(*out)[n++] = i;
	}
	return n;
}
