/*
 * dig/model/lockhelp.c: the locks an allocator takes through small functions of its own.
 *
 * Many allocators serialise through helpers whose names are in no vocabulary: a static
 * inline `lock(p)` that spins on an atomic swap and sleeps on a futex-style wait, an
 * `unlock(p)` that stores and wakes, a `my_lock()` around pthread_mutex_lock. A lock
 * helper is a small function whose job is to take or release one lock. A called definition
 * is a candidate when it is no allocation entry point, backend or test and at most
 * LOCKHELP_LOC lines long; its body's calls are read (lockhelp_body_read), and it is a lock
 * helper by the first rule that holds, with at most LOCKHELP_OTHER calls to anything but
 * locks, atomics, assertions and logging (more is work under a lock):
 *   1. Forwarder (lockhelp_forwards): it calls a lock primitive of the vocabulary
 *      (lock-mutex, lock-spin, lock-other) or one lock helper (one level: `lock_bin(i)` ->
 *      `lock(p)`); it is that kind when it is a few lines (LOCKHELP_FWD_LOC), makes at most
 *      LOCKHELP_LOCKS such calls, only takes or only releases (told by the names: unlock,
 *      exit, clear, splx...; a body that does both is a critical section, not a lock), and
 *      its own name says that it locks or unlocks, the same way (`lock_bin`, `rdlock`,
 *      `hat_exit`; not `dnode_rele` taking a mutex to drop a reference). Setting a lock up
 *      or tearing it down (mutex_init, rwlock_destroy) is other work, not a lock call.
 *   2. Spinlock (lockhelp_spins): it calls an atomic swap / test-and-set or compare-and-swap
 *      (lock-swap, lock-cas) whose operands after the address are constants (a lock word
 *      set to 1, 0 swapped for INT_MIN+1), or either of them beside a futex-style wait or
 *      wake (lock-wait); without a wait, only when the body makes no other call (else it is
 *      a once-flag). A swap or CAS of a variable without a wait is lock-free code, not a
 *      lock.
 *   3. Waiter: it only waits or wakes on an address: "other" (the release half of a futex
 *      lock).
 * A helper body's call the link left external is looked up as a static function of a
 * header its file includes, or, when its name is a macro's named for a lock (`LOCK(l)`), as
 * what that macro renames to (`__lock`). Each call the implementation makes to a helper,
 * outside the helpers themselves, is a line of evidence "KIND:HELPER (PRIMITIVES)", or
 * "KIND:HELPER (INNER: PRIMITIVES)" through one inner helper (model_lockhelp_what); names
 * and the primitives text are cut to a fixed length (LOCKHELP_NAME_MAX, LOCKHELP_PRIMS_MAX),
 * so no evidence or summary line grows with the tree. Answers are memoised per
 * implementation (struct model_lockmemo), keyed by node and depth.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* Headers followed from a file for its lock helpers, how deep, and how many quoted
 * includes per implementation may be looked up by name across the whole tree. */
#define LOCKHELP_INC_MAX 32
#define LOCKHELP_INC_DEPTH 3

/* The headers a file reaches through its quoted includes. */
struct lockhelp_incs {
	uint32_t file[LOCKHELP_INC_MAX];
	uint32_t n;
};

/* The index of the file at exactly `path`, or UINT32_MAX (the tree is in path order). */
static uint32_t lockhelp_file_at(const struct dig_tree *tree, const char *path)
{
	uint32_t lo = 0, hi = tree->nfiles;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(tree->files[mid].path, path);
		if (c == 0)
			return model_file_live(&tree->files[mid]) ? mid : UINT32_MAX;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return UINT32_MAX;
}

/* Resolve `#include "name"` of file `fi` as a compiler does first (the includer's folder,
 * `../` followed), else, when by_tail, by the one file of that path tail nearest the
 * includer (an include path such as -Isrc/internal: model_include_resolve). UINT32_MAX:
 * none. */
static uint32_t lockhelp_include_resolve(struct model *model, uint32_t fi, const char *tok, size_t len, int by_tail)
{
	const struct dig_tree *tree = model->tree;
	const char *inc = model->tree->files[fi].path, *slash = strrchr(inc, '/');
	char path[512];
	uint32_t best, tied[MODEL_INC_MAX_TIED];
	size_t dl = slash ? (size_t)(slash - inc) : 0;
	const char *t = tok;
	size_t tl = len;

	while (tl >= 3 && strncmp(t, "../", 3) == 0) {
		while (dl && inc[dl - 1] != '/')
			dl--;
		dl -= dl > 0;
		t += 3;
		tl -= 3;
	}
	while (tl >= 2 && strncmp(t, "./", 2) == 0)
		t += 2, tl -= 2;
	if (dl + tl + 2 >= sizeof path)
		return UINT32_MAX;
	snprintf(path, sizeof path, "%.*s%s%.*s", (int)dl, inc, dl ? "/" : "", (int)tl, t);
	if ((best = lockhelp_file_at(tree, path)) != UINT32_MAX || !by_tail)
		return best;
	snprintf(path, sizeof path, "%.*s", (int)tl, t);
	if (model_include_resolve(model, inc, path, tied) == 1 && model_file_live(&tree->files[tied[0]]))
		return tied[0];
	return UINT32_MAX;
}

/* Add the headers file `fi` reaches through quoted includes (to LOCKHELP_INC_DEPTH levels). */
static void lockhelp_includes_walk(struct model *model, struct lockhelp_incs *incs, uint32_t fi, int depth, int by_tail)
{
	const struct dig_file *f = &model->tree->files[fi];
	uint32_t first = incs->n, last;
	for (uint32_t e = 0; e < f->nevidence && incs->n < LOCKHELP_INC_MAX; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *tok = ev->token, *close;
		uint32_t to;
		int seen = 0;
		if (ev->kind != DIG_EV_INCLUDE || ev->dead || !tok || tok[0] != '"' || !(close = strchr(tok + 1, '"')))
			continue;
		to = lockhelp_include_resolve(model, fi, tok + 1, (size_t)(close - tok - 1), by_tail);
		if (to == UINT32_MAX || to == fi)
			continue;
		for (uint32_t i = 0; i < incs->n; i++)
			seen |= incs->file[i] == to;
		if (!seen)
			incs->file[incs->n++] = to;
	}
	/* breadth first: a file's own includes before theirs */
	last = incs->n;
	for (uint32_t i = first; i < last && depth + 1 < LOCKHELP_INC_DEPTH; i++)
		lockhelp_includes_walk(model, incs, incs->file[i], depth + 1, by_tail);
}

/* A definition named `name` in one of the headers, or -1. */
static int32_t lockhelp_header_def(const struct model *model, const struct lockhelp_incs *incs, const char *name)
{
	for (uint32_t i = 0; i < incs->n; i++)
		for (uint32_t d = model_defs_of_file(model, incs->file[i]);
		     d < model->ndefs && model->nodes[d].file_index == incs->file[i]; d++)
			if (strcmp(model->nodes[d].name, name) == 0)
				return (int32_t)d;
	return -1;
}

/* What a macro named `name` of one of the headers renames to, or NULL. */
static const char *lockhelp_header_macro(const struct model *model, const struct lockhelp_incs *incs, const char *name)
{
	for (uint32_t i = 0; i < incs->n; i++) {
		const struct dig_file *f = &model->tree->files[incs->file[i]];
		for (uint32_t m = 0; m < f->nmacros; m++)
			if (!f->macros[m].dead && f->macros[m].renames_to && strcmp(f->macros[m].name, name) == 0)
				return f->macros[m].renames_to;
	}
	return NULL;
}

/* How large and how busy a lock helper may be, and the bounds of its evidence text.
 * - LOCKHELP_LOC: a lock made of atomics spins, backs off and sleeps in one body; musl's
 *   `__lock` is the largest seen, 33 code lines. 40 leaves room, and stops at subsystems.
 * - LOCKHELP_FWD_LOC: a helper around a primitive or another helper (`mx_lock()`,
 *   oldmalloc's `lock_bin(i)`, a `disp_lock_exit_high` that checks, asserts and clears) is a
 *   few lines; 12 keeps them and drops the kernel functions that merely take a lock.
 * - LOCKHELP_OTHER: calls to anything but locks, atomics, assertions and logging (a
 *   fetch-and-add, a panic on misuse); more is work done under the lock, not the lock.
 * - LOCKHELP_LOCKS: lock calls of a forwarding helper: one lock, or a level raise and a
 *   lock (`splvm(); simple_lock(l)`), all of them taking or all releasing.
 * - LOCKHELP_DEPTH: helpers looked through inside a helper: one (`lock_bin` -> `lock`),
 *   so evidence text never holds a chain.
 * - LOCKHELP_PRIMS_MAX, LOCKHELP_NAME_MAX: the primitives text and each name in evidence text;
 *   longer ones are cut with "...". */
#define LOCKHELP_LOC 40
#define LOCKHELP_FWD_LOC 12
#define LOCKHELP_OTHER 2
#define LOCKHELP_LOCKS 2
#define LOCKHELP_DEPTH 1
#define LOCKHELP_PRIMS_MAX 64
#define LOCKHELP_NAME_MAX 48


/* The definitions looked at for one implementation, keyed by node and depth (a helper
 * judged as nested may not look through another, so the two answers may differ). */
struct model_lockmemo {
	struct model_lockhelp *h;
	uint32_t n, cap;
	uint32_t inc_of;         /* the file whose headers inc holds, UINT32_MAX for none yet */
	struct lockhelp_incs inc;    /* the headers a calling file of the implementation reaches */
	uint32_t hinc_of;        /* the helper file whose headers hinc holds (or UINT32_MAX) */
	struct lockhelp_incs hinc;   /* ... through the includer's folder */
	uint32_t minc_of;        /* the helper file whose headers minc holds (or UINT32_MAX) */
	struct lockhelp_incs minc;   /* ... also by path tail (include paths), for its macros */
};

/* An empty memo, or NULL when out of memory. */
struct model_lockmemo *model_lockmemo_create(void)
{
	struct model_lockmemo *memo = calloc(1, sizeof *memo);
	if (memo)
		memo->inc_of = memo->hinc_of = memo->minc_of = UINT32_MAX;
	return memo;
}

/* Free a memo (NULL allowed). */
void model_lockmemo_destroy(struct model_lockmemo *memo)
{
	if (memo)
		free(memo->h);
	free(memo);
}

/* Is the text from a to e (spaces trimmed at the end) exactly `w`? */
static int lockhelp_text_is(const char *a, const char *e, const char *w)
{
	while (e > a && e[-1] == ' ')
		e--;
	return (size_t)(e - a) == strlen(w) && strncmp(a, w, (size_t)(e - a)) == 0;
}

/* Are the arguments after the first all constants: numbers, upper-case names (INT_MIN,
 * __ATOMIC_ACQUIRE), memory_order_* and operators? True when there are none. With `cas`,
 * the second and third (expected, new) must also differ: a CAS of 0 for 0 is a barrier. */
static int lockhelp_const_operands(const char *args, int cas)
{
	const char *p = args ? args : "", *second, *third;
	int depth = 0;
	for (; *p && !(*p == ',' && depth == 0); p++)
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
	if (!*p)
		return 1;
	second = p + 1;
	while (*second == ' ')
		second++;
	for (third = second, depth = 0; *third && !(*third == ',' && depth == 0); third++)
		depth += *third == '(' ? 1 : *third == ')' ? -1 : 0;
	if (!cas && (lockhelp_text_is(second, third, "NULL") || lockhelp_text_is(second, third, "(void *)0")))
		return 0; /* a pointer taken (swapped for NULL) is ownership, not a lock word */
	if (cas && *third) {
		size_t l2 = (size_t)(third - second), l3;
		const char *e3;
		third++;
		while (*third == ' ')
			third++;
		for (e3 = third, depth = 0; *e3 && !(*e3 == ',' && depth == 0); e3++)
			depth += *e3 == '(' ? 1 : *e3 == ')' ? -1 : 0;
		l3 = (size_t)(e3 - third);
		if (l2 == l3 && strncmp(second, third, l2) == 0)
			return 0;
	}
	for (p++; *p;) {
		if (isdigit((unsigned char)*p)) {
			while (isalnum((unsigned char)*p))
				p++;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			const char *id = p;
			int lower = 0;
			while (isalnum((unsigned char)*p) || *p == '_')
				lower |= islower((unsigned char)*p++) != 0;
			if (lower && strncmp(id, "memory_order", 12) != 0)
				return 0;
		} else if (strchr(" ,()+-~|<", *p)) {
			p++;
		} else {
			return 0; /* &expected, a dereference, a member: a variable's value */
		}
	}
	return 1;
}

/* Append `word` to a ", "-joined list in buf (size bytes, at least 8) of at most four
 * distinct words; a word that does not fit, or a fifth, ends the list with "...". */
static void lockhelp_prims_add(char *buf, size_t size, uint32_t *n, const char *word)
{
	size_t len = strlen(buf), wl = strlen(word);
	if (len >= 3 && strcmp(buf + len - 3, "...") == 0)
		return; /* already cut */
	for (const char *p = buf; (p = strstr(p, word)) != NULL; p += wl)
		if ((p == buf || p[-1] == ' ') && (p[wl] == ',' || p[wl] == '\0'))
			return; /* already listed */
	if (*n == 4 || len + 2 + wl + 5 >= size) {
		/* room for ", ..." is kept by every word added below */
		snprintf(buf + len, size - len, "%s...", len ? ", " : "");
		return;
	}
	snprintf(buf + len, size - len, "%s%s", len ? ", " : "", word);
	(*n)++;
}

/* Is `name` spelled like a macro (upper case, digits, underscores)? */
static int lockhelp_macro_like(const char *name)
{
	int upper = 0;
	for (const char *p = name; *p; p++) {
		if (islower((unsigned char)*p))
			return 0;
		upper |= isupper((unsigned char)*p) != 0;
	}
	return upper;
}

/* Is `name` a lock or atomic word of the vocabulary? */
static int lockhelp_lock_word(const struct model_vocab *v, const char *name)
{
	return model_vocab_lock(v, name) || model_vocab_match(v, VOCAB_LOCK_SWAP, name) ||
	       model_vocab_match(v, VOCAB_LOCK_CAS, name) || model_vocab_match(v, VOCAB_LOCK_WAIT, name);
}

/* Does a lock primitive or helper named `name` release (unlock, exit, clear, restore the
 * level) rather than take? Told by the words C lock APIs are spelled with. */
static int lockhelp_releases(const char *name)
{
	static const char *const words[] = { "unlock", "exit", "release", "clear", "done", "rele", "splx",
	                                     "spl0", "enable", "popcli", "sti", "give", "put", "post", "drop" };
	char low[64];
	size_t i;
	for (i = 0; name[i] && i < sizeof low - 1; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[i] = '\0';
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		const char *p = strstr(low, words[w]);
		/* a word of its own: "sti" is no release inside "list" */
		if (p && (strlen(words[w]) > 3 || ((p == low || !isalpha((unsigned char)p[-1])) &&
		                                   !isalpha((unsigned char)p[strlen(words[w])]))))
			return 1;
	}
	return 0;
}

/* Does a primitive named `name` set a lock up or tear it down (mutex_init,
 * spin_lock_init, rwlock_destroy) rather than take or release it? */
static int lockhelp_lock_setup(const char *name)
{
	return strstr(name, "init") || strstr(name, "Init") || strstr(name, "destroy") || strstr(name, "fini");
}


/* What a candidate helper's body calls, as the rules read it. */
struct lockhelp_body {
	unsigned fwd;            /* MODEL_THREAD_* bits of the lock primitives and helpers called */
	int swap, cas, wait;     /* an atomic swap, a CAS, a futex-style wait or wake is called */
	int constant;            /* a swap or CAS with constant operands (a lock word) */
	int takes, releases;     /* lock calls that take, that release (by their names) */
	uint32_t nprims, nlocks, nother; /* primitives listed, lock calls, calls of other work */
	const char *via;         /* the one helper called (rule 1, one level), or NULL */
	const char *via_prims;   /* ... and its primitives */
	char prims[LOCKHELP_PRIMS_MAX]; /* the primitives called, ", "-joined */
};

/* The first call of the file at or after line `line` (the file's calls are contiguous and
 * in line order): galloping from the file's first call, then a binary search, so O(log)
 * however many calls the file makes. */
static uint32_t lockhelp_first_call(const struct model *model, uint32_t fi, uint32_t line)
{
	uint32_t lo = model_calls_of_file(model, fi), hi = lo;
	for (uint32_t step = 1; hi < model->ncalls && model->calls[hi].file_index == fi &&
	                        model_call_fact(model, &model->calls[hi])->line < line;
	     step *= 2) {
		lo = hi + 1;
		hi = model->ncalls - hi > step ? hi + step : model->ncalls;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (model->calls[mid].file_index == fi && model_call_fact(model, &model->calls[mid])->line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A callee the link left external, looked up from helper n's file: a static function of a
 * header it includes (*to), or, for a macro named for a lock (`LOCK`, `UNLOCK`,
 * `MUTEX_ENTER`), what a macro of its headers renames it to (`__lock`), whose one definition
 * is *to (-1: none or several). Returns the name to read the call by. */
static const char *lockhelp_callee_resolve(struct model *model, struct model_lockmemo *memo,
                                           const struct model_node *n, const char *name, int32_t *to)
{
	const char *r = NULL;
	if (memo->hinc_of != n->file_index) {
		memo->hinc.n = 0;
		memo->hinc_of = n->file_index;
		lockhelp_includes_walk(model, &memo->hinc, n->file_index, 0, 0);
	}
	if ((*to = lockhelp_header_def(model, &memo->hinc, name)) >= 0 || !lockhelp_macro_like(name) ||
	    !model_name_lock(name))
		return name;
	/* the macro's header may sit on an include path (-Isrc/internal): found by its path
	 * tail, a few times per implementation */
	if (memo->minc_of != n->file_index) {
		memo->minc.n = 0;
		memo->minc_of = n->file_index;
		lockhelp_includes_walk(model, &memo->minc, n->file_index, 0, 1);
	}
	if ((r = lockhelp_header_macro(model, &memo->minc, name)) != NULL) {
		uint32_t *found, nf = model_nodes_find(model, r, NULL, &found), ndef = 0;
		for (uint32_t i = 0; i < nf; i++)
			if (found[i] < model->ndefs)
				*to = ndef++ ? -1 : (int32_t)found[i];
		free(found);
		return r;
	}
	return name;
}

static const struct model_lockhelp *lockhelp_of(struct model *model, struct model_lockmemo *memo, uint32_t node,
                                                int depth);

/* Read one call of a candidate helper's body (callee `name`, definition `to` or -1) into b.
 * Returns -1 when out of memory. */
static int lockhelp_body_call(struct model *model, struct model_lockmemo *memo, struct lockhelp_body *b,
                              uint32_t node, int depth, const char *name, int32_t to, const struct dig_call *call)
{
	const struct model_vocab *v = model->vocab;
	unsigned k = 0;
	if (lockhelp_lock_word(v, name) && lockhelp_lock_setup(name)) {
		b->nother++; /* setting a lock up is work, not taking it */
		return 0;
	} else if (model_vocab_match(v, VOCAB_LOCK_MUTEX, name)) {
		k = MODEL_THREAD_MUTEX;
	} else if (model_vocab_match(v, VOCAB_LOCK_SPIN, name)) {
		k = MODEL_THREAD_SPIN;
	} else if (model_vocab_match(v, VOCAB_LOCK_OTHER, name)) {
		k = MODEL_THREAD_OTHER;
	} else if (model_vocab_match(v, VOCAB_LOCK_SWAP, name)) {
		b->swap = 1;
		b->constant |= lockhelp_const_operands(call->args, 0);
	} else if (model_vocab_match(v, VOCAB_LOCK_CAS, name)) {
		b->cas = 1;
		b->constant |= lockhelp_const_operands(call->args, 1);
	} else if (model_vocab_match(v, VOCAB_LOCK_WAIT, name)) {
		b->wait = 1;
	} else if (depth < LOCKHELP_DEPTH && to >= 0 && (uint32_t)to < model->ndefs && (uint32_t)to != node) {
		const struct model_lockhelp *sub = lockhelp_of(model, memo, (uint32_t)to, depth + 1);
		if (!sub)
			return -1;
		if (!sub->kind) {
			b->nother++;
			return 0;
		}
		/* a helper of a helper: named, with its own primitives (one level) */
		b->fwd |= sub->kind;
		b->nlocks++;
		*(lockhelp_releases(model->nodes[to].name) ? &b->releases : &b->takes) = 1;
		if (b->via && strcmp(b->via, model->nodes[to].name) != 0)
			b->nlocks = LOCKHELP_LOCKS + 1; /* two helpers: a critical section */
		b->via = model->nodes[to].name;
		b->via_prims = sub->prims;
		return 0;
	} else {
		if (!model_vocab_match(v, VOCAB_ASSERT, name) && !model_vocab_match(v, VOCAB_LOG, name))
			b->nother++;
		return 0;
	}
	if (k) {
		b->fwd |= k;
		b->nlocks++;
		*(lockhelp_releases(name) ? &b->releases : &b->takes) = 1;
	}
	lockhelp_prims_add(b->prims, sizeof b->prims, &b->nprims, name);
	return 0;
}

/* Read the calls of definition `node`'s body into b. Returns -1 when out of memory. */
static int lockhelp_body_read(struct model *model, struct model_lockmemo *memo, uint32_t node, int depth,
                              struct lockhelp_body *b)
{
	const struct model_node *n = &model->nodes[node];
	const struct dig_func *fn = n->func;
	for (uint32_t c = lockhelp_first_call(model, n->file_index, fn->line);
	     c < model->ncalls && model->calls[c].file_index == n->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *call = model_call_fact(model, mc);
		const char *name = model_call_callee(model, mc);
		int32_t to = mc->target == MODEL_TARGET_NODE ? mc->node : -1;
		if (call->line > fn->end_line)
			break;
		if (mc->caller != (int32_t)node || !name)
			continue;
		/* defined nowhere the link saw: a static function of a header the helper's file
		 * includes, or a macro of one renaming it (`LOCK(x)` -> `__lock(x)`) */
		if (to >= 0 && (uint32_t)to >= model->ndefs && !lockhelp_lock_word(model->vocab, name))
			name = lockhelp_callee_resolve(model, memo, n, name, &to);
		if (lockhelp_body_call(model, memo, b, node, depth, name, to, call))
			return -1;
	}
	return 0;
}

/* Rule 1: a body that forwards to lock primitives or one helper is a lock when it is a few
 * lines, makes few lock calls, only takes or only releases, and its name says so, the same
 * way. */
static int lockhelp_forwards(const struct lockhelp_body *b, const struct model_node *n)
{
	int says = model_name_lock(n->name);
	return !(n->func->loc > LOCKHELP_FWD_LOC || b->nlocks > LOCKHELP_LOCKS || (b->takes && b->releases) || !says ||
	         (says == 2) != (b->releases != 0));
}

/* Rule 2: a swap or CAS spins as a lock beside a wait, or with constant operands when it is
 * all the body does (beside other work, a constant swap is a once-flag:
 * `if (cas(&busy, 0, 1)) return`). */
static int lockhelp_spins(const struct lockhelp_body *b)
{
	return (b->swap || b->cas) && (b->wait || (b->constant && !b->nother));
}

/* The kind the rules give a read body, 0 when it is no lock: rule 1, else rule 2, else
 * rule 3 (it only waits or wakes on an address: "other", the release half of a futex
 * lock). A body with more than LOCKHELP_OTHER calls of other work is work under a lock. */
static unsigned lockhelp_kind(const struct lockhelp_body *b, const struct model_node *n)
{
	if (b->nother > LOCKHELP_OTHER)
		return 0;
	if (b->fwd)
		return !lockhelp_forwards(b, n)           ? 0
		       : b->fwd & MODEL_THREAD_MUTEX ? MODEL_THREAD_MUTEX
		       : b->fwd & MODEL_THREAD_SPIN  ? MODEL_THREAD_SPIN
		                                     : MODEL_THREAD_OTHER;
	if (lockhelp_spins(b))
		return MODEL_THREAD_SPIN;
	return b->wait ? MODEL_THREAD_OTHER : 0;
}

/* Is definition `node` a lock helper (the theory above), judged at nesting `depth`? Its
 * memo entry, or NULL when out of memory. */
static const struct model_lockhelp *lockhelp_of(struct model *model, struct model_lockmemo *memo, uint32_t node,
                                                int depth)
{
	const struct model_node *n = &model->nodes[node];
	struct lockhelp_body b;
	uint32_t at;
	static const struct model_lockhelp no_helper = { .kind = 0 };

	/* most callees are too large, or no candidates at all: no memo entry for them */
	if (node >= model->ndefs || !n->func || n->func->loc > LOCKHELP_LOC ||
	    (n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND | MODEL_NODE_TEST)))
		return &no_helper;
	for (uint32_t i = 0; i < memo->n; i++)
		if (memo->h[i].node == node && memo->h[i].depth == depth)
			return &memo->h[i];
	if (model_grow((void **)&memo->h, memo->n, &memo->cap, sizeof *memo->h))
		return NULL;
	at = memo->n++;
	memset(&memo->h[at], 0, sizeof memo->h[at]);
	memo->h[at].node = node;
	memo->h[at].depth = depth;
	memset(&b, 0, sizeof b);
	if (lockhelp_body_read(model, memo, node, depth, &b))
		return NULL;
	/* memo->h may have moved while nested helpers were judged: index it again */
	if ((memo->h[at].kind = lockhelp_kind(&b, n)) == 0)
		return &memo->h[at];
	if (b.via && b.nprims)
		b.via = NULL; /* primitives of its own as well: those are named */
	memo->h[at].via = b.via;
	if ((memo->h[at].prims = b.via ? b.via_prims : model_mem_printf(model, "%s", b.prims)) == NULL)
		return NULL;
	return &memo->h[at];
}

/* The lock helper a call of the implementation reaches (every candidate of an ambiguous
 * call must be one; the first is named), or kind 0: none, or the caller is a helper itself
 * (its body is told by the helper's own line). Returns -1 when out of memory. */
int model_lockhelp_call(struct model *model, struct model_lockmemo *memo, const struct model_call *mc,
                            struct model_lockhelp *out)
{
	const struct model_lockhelp *h;
	uint32_t first = (uint32_t)mc->node, n = 1;
	const uint32_t *cands = &first;

	out->kind = 0;
	if (mc->caller < 0 || mc->node < 0 || (mc->target != MODEL_TARGET_NODE && mc->target != MODEL_TARGET_AMBIGUOUS))
		return 0;
	if (mc->target == MODEL_TARGET_AMBIGUOUS) {
		cands = model_call_cands(model, mc);
		n = mc->ncands;
	} else if (first >= model->ndefs) {
		/* an external: a static (inline) function of a header the file reaches through
		 * another header (meta.h -> glue.h), which the link does not follow */
		int32_t d;
		if (memo->inc_of != mc->file_index) {
			memo->inc.n = 0;
			memo->inc_of = mc->file_index;
			lockhelp_includes_walk(model, &memo->inc, mc->file_index, 0, 0);
		}
		if ((d = lockhelp_header_def(model, &memo->inc, model->nodes[first].name)) < 0)
			return 0;
		first = (uint32_t)d;
	}
	for (uint32_t i = n; i-- > 0;) {
		if (cands[i] == (uint32_t)mc->caller)
			return 0;
		if ((h = lockhelp_of(model, memo, cands[i], 0)) == NULL)
			return -1;
		if (!h->kind)
			return 0;
		*out = *h;
	}
	if ((h = lockhelp_of(model, memo, (uint32_t)mc->caller, 0)) == NULL)
		return -1;
	if (h->kind)
		out->kind = 0;
	return 0;
}

/* A name for evidence text: itself, or its first LOCKHELP_NAME_MAX - 3 bytes and "...". */
static void lockhelp_name_cut(char *buf, size_t size, const char *name)
{
	if (strlen(name) < size)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%.*s...", (int)(size - 4), name);
}

/* The `what` of a call to a lock helper: "KIND:HELPER (PRIMITIVES)", or with a helper it
 * calls "KIND:HELPER (INNER: PRIMITIVES)"; at most 2 * LOCKHELP_NAME_MAX + LOCKHELP_PRIMS_MAX + 16
 * bytes. NULL when out of memory. */
const char *model_lockhelp_what(struct model *model, const struct model_lockhelp *h)
{
	char name[LOCKHELP_NAME_MAX], via[LOCKHELP_NAME_MAX];
	lockhelp_name_cut(name, sizeof name, model->nodes[h->node].name);
	lockhelp_name_cut(via, sizeof via, h->via ? h->via : "");
	return model_mem_printf(model, "%s:%s (%s%s%s)",
	                        h->kind == MODEL_THREAD_MUTEX ? "mutex" : h->kind == MODEL_THREAD_SPIN ? "spinlock" : "other",
	                        name, h->via ? via : "", h->via ? ": " : "", h->prims ? h->prims : "");
}
