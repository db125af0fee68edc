/*
 * dig/model/features.c: an implementation's feature profile, each with the lines that
 * show it: threading (lock calls and lock-typed declarations; atomics; calls to the
 * implementation's own lock helpers, below), debugging (assertions, logging, poisoning
 * constants, consistency walkers), alignment (rounding
 * masks, with the guaranteed alignment when the mask's constant is a number or a macro
 * defined as one; memalign-style entry points), zeroing (calloc-style entry points and
 * explicit clears: memset with a zero fill, bzero). Only live code counts: calls and
 * evidence inside #if 0 never reach the model. Evidence is taken from the implementation's
 * own functions and from the file scope of its files.
 *
 * Lock helpers. Many allocators serialise through small functions of their own (a static
 * inline `lock(p)` that spins on an atomic swap and sleeps on a futex-style wait, an
 * `unlock(p)` that stores and wakes, a `my_lock()` around pthread_mutex_lock) whose names
 * are in no vocabulary. A lock helper is a small function whose job is to take or release
 * one lock. A called definition is one when it is no allocation entry point, backend or
 * test, makes at most FEAT_HELPER_OTHER calls to anything but locks, atomics, assertions
 * and logging (more is work under a lock), and its body
 *   - calls a lock primitive of the vocabulary (lock-mutex, lock-spin, lock-other), or one
 *     lock helper (one level: `lock_bin(i)` -> `lock(p)`): it is that kind, when it is a few
 *     lines (FEAT_HELPER_FWD_LOC), makes at most FEAT_HELPER_LOCKS such calls, only takes
 *     or only releases (told by the names: unlock, exit, clear, splx...; a body that does
 *     both is a critical section, not a lock), and its own name says that it locks or
 *     unlocks, the same way (`lock_bin`, `rdlock`, `hat_exit`; not `dnode_rele` taking a
 *     mutex to drop a reference). Setting a lock up or tearing it down (mutex_init,
 *     rwlock_destroy) is other work, not a lock call;
 *   - or, within FEAT_HELPER_LOC lines, calls an atomic swap / test-and-set or
 *     compare-and-swap (lock-swap, lock-cas) whose operands after the address are constants
 *     (a lock word set to 1, 0 swapped for INT_MIN+1), or either of them beside a
 *     futex-style wait or wake (lock-wait): a spinlock, spinning on that atomic; without
 *     a wait, only when the body makes no other call (else it is a once-flag);
 *   - or only waits or wakes on an address: "other" (the release half of a futex lock).
 * A swap or CAS of a variable without a wait is taken for lock-free code, not a lock. A
 * helper body's call the link left external is looked up as a static function of a header
 * its file includes, or, when its name is a macro's named for a lock (`LOCK(l)`), as what
 * that macro renames to (`__lock`). Each
 * call the implementation makes to a helper, outside the helpers themselves, is a line of
 * evidence "KIND:HELPER (PRIMITIVES)", or "KIND:HELPER (INNER: PRIMITIVES)" through one
 * inner helper; names and the primitives text are cut to a fixed length (FEAT_NAME_MAX,
 * FEAT_PRIMS_MAX), so no evidence or summary line grows with the tree.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

struct feat_list {
	struct model_evidence *ev;
	uint32_t n, cap;
};

/* Append one line of evidence. */
static int feat_add(struct feat_list *l, const char *path, uint32_t line, const char *what, const char *text)
{
	if (model_grow((void **)&l->ev, l->n, &l->cap, sizeof *l->ev))
		return -1;
	l->ev[l->n].path = path;
	l->ev[l->n].line = line;
	l->ev[l->n].what = what;
	l->ev[l->n].text = text;
	l->n++;
	return 0;
}

/* Append to buf (size bytes, len used) what the format gives, cut at the end of buf:
 * *len never passes size - 1, so the next append cannot run past the buffer. */
static void feat_cat(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int w;
	if (*len >= size - 1)
		return;
	va_start(ap, fmt);
	w = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (w > 0)
		*len = *len + (size_t)w < size - 1 ? *len + (size_t)w : size - 1;
}

/* Order evidence by path, line, what. */
static int feat_ev_cmp(const void *a, const void *b)
{
	const struct model_evidence *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->what, y->what);
}

/* Distinct `what` names of a list, joined with ", " (at most 8, then "..."). */
static const char *feat_names(struct model *model, const struct feat_list *l, const char *prefix)
{
	const char *seen[8];
	uint32_t ns = 0;
	int more = 0;
	char buf[512];
	size_t len = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		int dup = 0;
		if (strncmp(l->ev[i].what, prefix, strlen(prefix)) != 0)
			continue;
		for (uint32_t j = 0; j < ns; j++)
			dup |= strcmp(seen[j], l->ev[i].what + strlen(prefix)) == 0;
		if (dup)
			continue;
		if (ns == 8) {
			more = 1;
			continue;
		}
		seen[ns++] = l->ev[i].what + strlen(prefix);
	}
	buf[0] = '\0';
	/* sorted for determinism */
	for (uint32_t i = 1; i < ns; i++)
		for (uint32_t j = i; j > 0 && strcmp(seen[j - 1], seen[j]) > 0; j--) {
			const char *t = seen[j];
			seen[j] = seen[j - 1];
			seen[j - 1] = t;
		}
	for (uint32_t i = 0; i < ns; i++) {
		/* a name that does not fit whole, with room for ", ...", ends the list */
		if (len + 2 + strlen(seen[i]) + 5 >= sizeof buf) {
			more = 1;
			break;
		}
		feat_cat(buf, sizeof buf, &len, "%s%s", i ? ", " : "", seen[i]);
	}
	if (more)
		feat_cat(buf, sizeof buf, &len, "%s...", len ? ", " : "");
	return ns ? model_mem_printf(model, "%s", buf) : NULL;
}

/* Parse an unsigned C integer literal at p (decimal, hex, octal; suffixes ignored). */
static int feat_number(const char *p, unsigned long long *v, const char **end)
{
	char *e;
	if (!isdigit((unsigned char)*p))
		return 0;
	*v = strtoull(p, &e, 0);
	while (*e == 'u' || *e == 'U' || *e == 'l' || *e == 'L')
		e++;
	*end = e;
	return 1;
}

/* The numeric value of a macro named `name` in one of the files, or 0. */
static unsigned long long feat_macro_value(const struct model *model, const uint32_t *files, uint32_t nfiles,
                                           const char *name, size_t len)
{
	for (uint32_t i = 0; i < nfiles; i++) {
		const struct dig_file *f = &model->tree->files[files[i]];
		for (uint32_t j = 0; j < f->nmacros; j++) {
			const struct dig_macro *m = &f->macros[j];
			unsigned long long v;
			const char *end, *b;
			if (m->dead || m->function_like || strlen(m->name) != len || strncmp(m->name, name, len) != 0 || !m->body)
				continue;
			b = m->body;
			while (*b == '(' || *b == ' ')
				b++;
			if (feat_number(b, &v, &end))
				return v;
		}
	}
	return 0;
}

/* The alignment a rounding mask guarantees: ~(A - 1), ~(A-1), & ~M with M + 1 a power of
 * two; A a number or a macro defined as one. 0 when not derivable. */
static unsigned long long feat_align_of(const struct model *model, const uint32_t *files, uint32_t nfiles,
                                        const char *text)
{
	const char *p = text ? strchr(text, '~') : NULL;
	for (; p; p = strchr(p + 1, '~')) {
		const char *q = p + 1, *end;
		unsigned long long v = 0;
		int paren = 0;
		while (*q == ' ' || *q == '(') {
			paren |= *q == '(';
			q++;
		}
		if (feat_number(q, &v, &end)) {
			q = end;
		} else if (isalpha((unsigned char)*q) || *q == '_') {
			const char *id = q;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			v = feat_macro_value(model, files, nfiles, id, (size_t)(q - id));
			if (!v)
				continue;
		} else {
			continue;
		}
		while (*q == ' ')
			q++;
		if (paren && *q == '-') {
			q++;
			while (*q == ' ')
				q++;
			if (*q == '1' && v && (v & (v - 1)) == 0)
				return v;
			continue;
		}
		if (!paren && ((v + 1) & v) == 0)
			return v + 1;
	}
	return 0;
}

/* Is this call an explicit clear (memset(p, 0, n), bzero(p, n))? */
static int feat_is_clear(const struct model *model, const struct dig_call *call)
{
	const char *a, *comma;
	if (!model_vocab_match(model->vocab, VOCAB_CLEAR, call->callee))
		return 0;
	if (call->nargs != 3)
		return 1; /* bzero-style: no fill argument */
	a = call->args ? call->args : "";
	comma = strchr(a, ',');
	if (!comma)
		return 0;
	comma++;
	while (*comma == ' ')
		comma++;
	return strncmp(comma, "0,", 2) == 0 || strncmp(comma, "0 ,", 3) == 0 || strncmp(comma, "'\\0'", 4) == 0 ||
	       strncmp(comma, "0x0,", 4) == 0 || strncmp(comma, "0x00,", 5) == 0;
}

/* Headers followed from a file for its lock helpers, how deep, and how many quoted
 * includes per implementation may be looked up by name across the whole tree. */
#define FEAT_INC_MAX 32
#define FEAT_INC_DEPTH 3

/* The headers a file reaches through its quoted includes. */
struct feat_incs {
	uint32_t file[FEAT_INC_MAX];
	uint32_t n;
};

/* The index of the file at exactly `path`, or UINT32_MAX (the tree is in path order). */
static uint32_t feat_file_at(const struct dig_tree *tree, const char *path)
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
static uint32_t feat_include_resolve(struct model *model, uint32_t fi, const char *tok, size_t len, int by_tail)
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
	if ((best = feat_file_at(tree, path)) != UINT32_MAX || !by_tail)
		return best;
	snprintf(path, sizeof path, "%.*s", (int)tl, t);
	if (model_include_resolve(model, inc, path, tied) == 1 && model_file_live(&tree->files[tied[0]]))
		return tied[0];
	return UINT32_MAX;
}

/* Add the headers file `fi` reaches through quoted includes (to FEAT_INC_DEPTH levels). */
static void feat_includes_walk(struct model *model, struct feat_incs *incs, uint32_t fi, int depth, int by_tail)
{
	const struct dig_file *f = &model->tree->files[fi];
	uint32_t first = incs->n, last;
	for (uint32_t e = 0; e < f->nevidence && incs->n < FEAT_INC_MAX; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *tok = ev->token, *close;
		uint32_t to;
		int seen = 0;
		if (ev->kind != DIG_EV_INCLUDE || ev->dead || !tok || tok[0] != '"' || !(close = strchr(tok + 1, '"')))
			continue;
		to = feat_include_resolve(model, fi, tok + 1, (size_t)(close - tok - 1), by_tail);
		if (to == UINT32_MAX || to == fi)
			continue;
		for (uint32_t i = 0; i < incs->n; i++)
			seen |= incs->file[i] == to;
		if (!seen)
			incs->file[incs->n++] = to;
	}
	/* breadth first: a file's own includes before theirs */
	last = incs->n;
	for (uint32_t i = first; i < last && depth + 1 < FEAT_INC_DEPTH; i++)
		feat_includes_walk(model, incs, incs->file[i], depth + 1, by_tail);
}

/* A definition named `name` in one of the headers, or -1. */
static int32_t feat_header_def(const struct model *model, const struct feat_incs *incs, const char *name)
{
	for (uint32_t i = 0; i < incs->n; i++)
		for (uint32_t d = model_defs_of_file(model, incs->file[i]);
		     d < model->ndefs && model->nodes[d].file_index == incs->file[i]; d++)
			if (strcmp(model->nodes[d].name, name) == 0)
				return (int32_t)d;
	return -1;
}

/* What a macro named `name` of one of the headers renames to, or NULL. */
static const char *feat_header_macro(const struct model *model, const struct feat_incs *incs, const char *name)
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
 * - FEAT_HELPER_LOC: a lock made of atomics spins, backs off and sleeps in one body; musl's
 *   `__lock` is the largest seen, 33 code lines. 40 leaves room, and stops at subsystems.
 * - FEAT_HELPER_FWD_LOC: a helper around a primitive or another helper (`mx_lock()`,
 *   oldmalloc's `lock_bin(i)`, a `disp_lock_exit_high` that checks, asserts and clears) is a
 *   few lines; 12 keeps them and drops the kernel functions that merely take a lock.
 * - FEAT_HELPER_OTHER: calls to anything but locks, atomics, assertions and logging (a
 *   fetch-and-add, a panic on misuse); more is work done under the lock, not the lock.
 * - FEAT_HELPER_LOCKS: lock calls of a forwarding helper: one lock, or a level raise and a
 *   lock (`splvm(); simple_lock(l)`), all of them taking or all releasing.
 * - FEAT_HELPER_DEPTH: helpers looked through inside a helper: one (`lock_bin` -> `lock`),
 *   so evidence text never holds a chain.
 * - FEAT_PRIMS_MAX, FEAT_NAME_MAX: the primitives text and each name in evidence text;
 *   longer ones are cut with "...". */
#define FEAT_HELPER_LOC 40
#define FEAT_HELPER_FWD_LOC 12
#define FEAT_HELPER_OTHER 2
#define FEAT_HELPER_LOCKS 2
#define FEAT_HELPER_DEPTH 1
#define FEAT_PRIMS_MAX 64
#define FEAT_NAME_MAX 48

/* What a called definition is as a lock: one of the implementation's memo entries. */
struct feat_helper {
	uint32_t node;           /* the definition's node index */
	int depth;               /* the nesting it was judged at (0: called by the implementation) */
	unsigned kind;           /* one MODEL_THREAD_* bit, 0 when it is no lock helper */
	const char *prims;       /* the primitives in its body ("a_swap, __wait"), or NULL */
	const char *via;         /* the one helper it calls (its prims are that one's), or NULL */
};

/* The definitions looked at for one implementation, keyed by node and depth (a helper
 * judged as nested may not look through another, so the two answers may differ). */
struct feat_memo {
	struct feat_helper *h;
	uint32_t n, cap;
	uint32_t inc_of;         /* the file whose headers inc holds, UINT32_MAX for none yet */
	struct feat_incs inc;    /* the headers a calling file of the implementation reaches */
	uint32_t hinc_of;        /* the helper file whose headers hinc holds (or UINT32_MAX) */
	struct feat_incs hinc;   /* ... through the includer's folder */
	uint32_t minc_of;        /* the helper file whose headers minc holds (or UINT32_MAX) */
	struct feat_incs minc;   /* ... also by path tail (include paths), for its macros */
};

/* Is the text from a to e (spaces trimmed at the end) exactly `w`? */
static int feat_text_is(const char *a, const char *e, const char *w)
{
	while (e > a && e[-1] == ' ')
		e--;
	return (size_t)(e - a) == strlen(w) && strncmp(a, w, (size_t)(e - a)) == 0;
}

/* Are the arguments after the first all constants: numbers, upper-case names (INT_MIN,
 * __ATOMIC_ACQUIRE), memory_order_* and operators? True when there are none. With `cas`,
 * the second and third (expected, new) must also differ: a CAS of 0 for 0 is a barrier. */
static int feat_const_operands(const char *args, int cas)
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
	if (!cas && (feat_text_is(second, third, "NULL") || feat_text_is(second, third, "(void *)0")))
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
static void feat_prims_add(char *buf, size_t size, uint32_t *n, const char *word)
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
static int feat_macro_like(const char *name)
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
static int feat_lock_word(const struct model_vocab *v, const char *name)
{
	static const enum model_vocab_kind kinds[] = { VOCAB_LOCK_MUTEX, VOCAB_LOCK_SPIN, VOCAB_LOCK_OTHER,
	                                               VOCAB_LOCK_SWAP, VOCAB_LOCK_CAS, VOCAB_LOCK_WAIT };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (model_vocab_match(v, kinds[k], name))
			return 1;
	return 0;
}

/* Does a lock primitive or helper named `name` release (unlock, exit, clear, restore the
 * level) rather than take? Told by the words C lock APIs are spelled with. */
static int feat_releases(const char *name)
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
static int feat_lock_setup(const char *name)
{
	return strstr(name, "init") || strstr(name, "Init") || strstr(name, "destroy") || strstr(name, "fini");
}

/* What the name of a forwarding helper says it does: 2 releases (a word of it is
 * unlock, exit, release, leave, or ends in "unlock"), 1 takes (a word ends in "lock", not
 * block or clock, or is enter, acquire, mutex, mtx, spin, lck, crit), 0 neither: a
 * function named for other work that happens to take a lock (a reference `_rele`, a
 * `_destroy`, a random-bytes getter) is no lock helper. Words split at '_', digits and
 * lower-to-upper case changes. */
static int feat_lock_name(const char *name)
{
	static const char *const takes[] = { "enter", "acquire", "mutex", "mtx", "spin", "lck", "crit", "critical" };
	static const char *const releases[] = { "exit", "release", "leave" };
	int says = 0;
	const char *p = name;
	while (*p) {
		char w[32];
		size_t n = 0;
		while (*p == '_' || isdigit((unsigned char)*p))
			p++;
		while (*p && *p != '_' && !isdigit((unsigned char)*p)) {
			if (n && isupper((unsigned char)*p) && islower((unsigned char)p[-1]))
				break;
			if (n < sizeof w - 1)
				w[n++] = (char)tolower((unsigned char)*p);
			p++;
		}
		w[n] = '\0';
		if (n >= 6 && strcmp(w + n - 6, "unlock") == 0)
			return 2;
		for (size_t i = 0; i < sizeof releases / sizeof releases[0]; i++)
			if (strcmp(w, releases[i]) == 0)
				return 2;
		if (n >= 4 && strcmp(w + n - 4, "lock") == 0 && !(n >= 5 && (strcmp(w + n - 5, "block") == 0 ||
		                                                        strcmp(w + n - 5, "clock") == 0)))
			says = 1;
		for (size_t i = 0; i < sizeof takes / sizeof takes[0]; i++)
			says |= strcmp(w, takes[i]) == 0;
	}
	return says;
}

/* Is definition `node` a lock helper (the theory above), judged at nesting `depth`? Its
 * memo entry, or NULL when out of memory. */
static const struct feat_helper *feat_helper_of(struct model *model, struct feat_memo *memo, uint32_t node, int depth)
{
	const struct model_node *n = &model->nodes[node];
	const struct dig_func *fn = n->func;
	const struct model_vocab *v = model->vocab;
	unsigned fwd = 0;
	int swap = 0, cas = 0, wait = 0, constant = 0, takes = 0, releases = 0;
	uint32_t at, lo, hi, nprims = 0, nlocks = 0, nother = 0;
	const char *via = NULL, *via_prims = NULL;
	char prims[FEAT_PRIMS_MAX];
	static const struct feat_helper no_helper = { .kind = 0 };

	/* most callees are too large, or no candidates at all: no memo entry for them */
	if (node >= model->ndefs || !fn || fn->loc > FEAT_HELPER_LOC ||
	    (n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND | MODEL_NODE_TEST)))
		return &no_helper;
	for (uint32_t i = 0; i < memo->n; i++)
		if (memo->h[i].node == node && memo->h[i].depth == depth)
			return &memo->h[i];
	if (model_grow((void **)&memo->h, memo->n, &memo->cap, sizeof *memo->h))
		return NULL;
	at = memo->n++;
	memo->h[at].node = node;
	memo->h[at].depth = depth;
	memo->h[at].kind = 0;
	memo->h[at].prims = NULL;
	memo->h[at].via = NULL;
	prims[0] = '\0';
	/* the body's calls: the file's calls are contiguous and in line order, so the first
	 * at or after the body's line (or past the file) is found by galloping from the file's
	 * first call, then a binary search: O(log) however many calls the file makes */
	lo = model_calls_of_file(model, n->file_index);
	hi = lo;
	for (uint32_t step = 1; hi < model->ncalls && model->calls[hi].file_index == n->file_index &&
	                        model_call_fact(model, &model->calls[hi])->line < fn->line;
	     step *= 2) {
		lo = hi + 1;
		hi = model->ncalls - hi > step ? hi + step : model->ncalls;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (model->calls[mid].file_index == n->file_index && model_call_fact(model, &model->calls[mid])->line < fn->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t c = lo; c < model->ncalls && model->calls[c].file_index == n->file_index; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *call = model_call_fact(model, mc);
		const char *name = model_call_callee(model, mc);
		int32_t to = mc->target == MODEL_TARGET_NODE ? mc->node : -1;
		unsigned k = 0;
		if (call->line > fn->end_line)
			break;
		if (mc->caller != (int32_t)node || !name)
			continue;
		if (to >= 0 && (uint32_t)to >= model->ndefs && !feat_lock_word(v, name)) {
			/* defined nowhere the link saw: a static function of a header the helper's
			 * file includes, or a macro of one renaming it (`LOCK(x)` -> `__lock(x)`) */
			const char *r = NULL;
			if (memo->hinc_of != n->file_index) {
				memo->hinc.n = 0;
				memo->hinc_of = n->file_index;
				feat_includes_walk(model, &memo->hinc, n->file_index, 0, 0);
			}
			if ((to = feat_header_def(model, &memo->hinc, name)) < 0 && feat_macro_like(name) &&
			    feat_lock_name(name)) {
				/* a macro named for a lock (`LOCK`, `UNLOCK`, `MUTEX_ENTER`); its
				 * header may sit on an include path (-Isrc/internal): found by its path
				 * tail, a few times per implementation */
				if (memo->minc_of != n->file_index) {
					memo->minc.n = 0;
					memo->minc_of = n->file_index;
					feat_includes_walk(model, &memo->minc, n->file_index, 0, 1);
				}
				r = feat_header_macro(model, &memo->minc, name);
			}
			if (r) {
				uint32_t *found, nf = model_nodes_find(model, r, NULL, &found), ndef = 0;
				name = r;
				for (uint32_t i = 0; i < nf; i++)
					if (found[i] < model->ndefs) {
						to = ndef++ ? -1 : (int32_t)found[i];
					}
				free(found);
			}
		}
		if (feat_lock_word(v, name) && feat_lock_setup(name)) {
			nother++; /* setting a lock up is work, not taking it */
			continue;
		} else if (model_vocab_match(v, VOCAB_LOCK_MUTEX, name)) {
			k = MODEL_THREAD_MUTEX;
		} else if (model_vocab_match(v, VOCAB_LOCK_SPIN, name)) {
			k = MODEL_THREAD_SPIN;
		} else if (model_vocab_match(v, VOCAB_LOCK_OTHER, name)) {
			k = MODEL_THREAD_OTHER;
		} else if (model_vocab_match(v, VOCAB_LOCK_SWAP, name)) {
			swap = 1;
			constant |= feat_const_operands(call->args, 0);
		} else if (model_vocab_match(v, VOCAB_LOCK_CAS, name)) {
			cas = 1;
			constant |= feat_const_operands(call->args, 1);
		} else if (model_vocab_match(v, VOCAB_LOCK_WAIT, name)) {
			wait = 1;
		} else if (depth < FEAT_HELPER_DEPTH && to >= 0 && (uint32_t)to < model->ndefs && (uint32_t)to != node) {
			const struct feat_helper *sub = feat_helper_of(model, memo, (uint32_t)to, depth + 1);
			if (!sub)
				return NULL;
			if (!sub->kind) {
				nother++;
				continue;
			}
			/* a helper of a helper: named, with its own primitives (one level) */
			fwd |= sub->kind;
			nlocks++;
			*(feat_releases(model->nodes[to].name) ? &releases : &takes) = 1;
			if (via && strcmp(via, model->nodes[to].name) != 0)
				nlocks = FEAT_HELPER_LOCKS + 1; /* two helpers: a critical section */
			via = model->nodes[to].name;
			via_prims = sub->prims;
			continue;
		} else {
			if (!model_vocab_match(v, VOCAB_ASSERT, name) && !model_vocab_match(v, VOCAB_LOG, name))
				nother++;
			continue;
		}
		if (k) {
			fwd |= k;
			nlocks++;
			*(feat_releases(name) ? &releases : &takes) = 1;
		}
		feat_prims_add(prims, sizeof prims, &nprims, name);
	}
	/* memo->h may have moved while nested helpers were looked at: index it again. The
	 * body must be a lock, not work under one: few other calls; a forwarding helper is
	 * short and takes or releases (a body that does both is a critical section). */
	if (nother > FEAT_HELPER_OTHER)
		return &memo->h[at];
	if (fwd) {
		int says = feat_lock_name(n->name);
		if (fn->loc > FEAT_HELPER_FWD_LOC || nlocks > FEAT_HELPER_LOCKS || (takes && releases) || !says ||
		    (says == 2) != (releases != 0))
			return &memo->h[at];
	} else if ((swap || cas) && !wait && nother) {
		/* a constant swap or CAS with no wait is a lock only when spinning is all the
		 * body does; beside other work it is a once-flag (`if (cas(&busy, 0, 1)) return`) */
		return &memo->h[at];
	}
	if (via && nprims)
		via = NULL; /* primitives of its own as well: those are named */
	if (fwd)
		memo->h[at].kind = fwd & MODEL_THREAD_MUTEX  ? MODEL_THREAD_MUTEX
		                   : fwd & MODEL_THREAD_SPIN ? MODEL_THREAD_SPIN
		                                             : MODEL_THREAD_OTHER;
	else if ((swap || cas) && (constant || wait))
		memo->h[at].kind = MODEL_THREAD_SPIN;
	else if (wait)
		memo->h[at].kind = MODEL_THREAD_OTHER;
	if (!memo->h[at].kind)
		return &memo->h[at];
	memo->h[at].via = via;
	if ((memo->h[at].prims = via ? via_prims : model_mem_printf(model, "%s", prims)) == NULL)
		return NULL;
	return &memo->h[at];
}

/* The lock helper a call of the implementation reaches (every candidate of an ambiguous
 * call must be one; the first is named), or kind 0: none, or the caller is a helper itself
 * (its body is told by the helper's own line). Returns -1 when out of memory. */
static int feat_call_helper(struct model *model, struct feat_memo *memo, const struct model_call *mc,
                            struct feat_helper *out)
{
	const struct feat_helper *h;
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
			feat_includes_walk(model, &memo->inc, mc->file_index, 0, 0);
		}
		if ((d = feat_header_def(model, &memo->inc, model->nodes[first].name)) < 0)
			return 0;
		first = (uint32_t)d;
	}
	for (uint32_t i = n; i-- > 0;) {
		if (cands[i] == (uint32_t)mc->caller)
			return 0;
		if ((h = feat_helper_of(model, memo, cands[i], 0)) == NULL)
			return -1;
		if (!h->kind)
			return 0;
		*out = *h;
	}
	if ((h = feat_helper_of(model, memo, (uint32_t)mc->caller, 0)) == NULL)
		return -1;
	if (h->kind)
		out->kind = 0;
	return 0;
}

/* A name for evidence text: itself, or its first FEAT_NAME_MAX - 3 bytes and "...". */
static void feat_name_cut(char *buf, size_t size, const char *name)
{
	if (strlen(name) < size)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%.*s...", (int)(size - 4), name);
}

/* The `what` of a call to a lock helper: "KIND:HELPER (PRIMITIVES)", or with a helper it
 * calls "KIND:HELPER (INNER: PRIMITIVES)"; at most 2 * FEAT_NAME_MAX + FEAT_PRIMS_MAX + 16
 * bytes. NULL when out of memory. */
static const char *feat_helper_what(struct model *model, const struct feat_helper *h)
{
	char name[FEAT_NAME_MAX], via[FEAT_NAME_MAX];
	feat_name_cut(name, sizeof name, model->nodes[h->node].name);
	feat_name_cut(via, sizeof via, h->via ? h->via : "");
	return model_mem_printf(model, "%s:%s (%s%s%s)",
	                        h->kind == MODEL_THREAD_MUTEX ? "mutex" : h->kind == MODEL_THREAD_SPIN ? "spinlock" : "other",
	                        name, h->via ? via : "", h->via ? ": " : "", h->prims ? h->prims : "");
}

/* Gather one implementation's features. */
int model_features_build(struct model *model, int index, const uint32_t *members, uint32_t nmembers)
{
	struct model_impl *impl = &model->impls[index];
	struct feat_list l[MODEL_FEAT_COUNT];
	struct feat_memo memo = { .inc_of = UINT32_MAX, .hinc_of = UINT32_MAX,
	                          .minc_of = UINT32_MAX };
	uint32_t files[64], nfiles = 0;
	unsigned long long align = 0;
	const char *align_where = NULL;
	int rc = -1;

	memset(l, 0, sizeof l);
	for (uint32_t i = 0; i < nmembers; i++) {
		uint32_t fi = model->nodes[members[i]].file_index;
		int dup = 0;
		for (uint32_t j = 0; j < nfiles; j++)
			dup |= files[j] == fi;
		if (!dup && nfiles < 64)
			files[nfiles++] = fi;
	}
	/* calls made by the implementation's functions (and its files' scope) */
	for (uint32_t k = 0; k < nfiles; k++) {
		const struct dig_file *f = &model->tree->files[files[k]];
		for (uint32_t c = model_calls_of_file(model, files[k]); c < model->ncalls && model->calls[c].file_index == files[k]; c++) {
			const struct model_call *mc = &model->calls[c];
			const struct dig_call *call = model_call_fact(model, mc);
			const char *name = model_call_callee(model, mc), *text;
			const struct model_vocab *v = model->vocab;
			if (mc->caller >= 0 && model->nodes[mc->caller].impl != index)
				continue;
			if (!name)
				continue;
			text = model_mem_printf(model, "%s(%s)", name, call->args ? call->args : "");
			if (model_vocab_match(v, VOCAB_LOCK_MUTEX, name)) {
				impl->threading |= MODEL_THREAD_MUTEX;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "mutex:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOCK_SPIN, name)) {
				impl->threading |= MODEL_THREAD_SPIN;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "spinlock:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOCK_OTHER, name)) {
				impl->threading |= MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "other:%s", name), text))
					goto out;
			} else {
				/* a call to a lock helper of its own (or of a header it includes) */
				struct feat_helper h;
				if (feat_call_helper(model, &memo, mc, &h))
					goto out;
				if (h.kind) {
					impl->threading |= h.kind;
					if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, feat_helper_what(model, &h), text))
						goto out;
				}
			}
			if (model_vocab_match(v, VOCAB_ASSERT, name)) {
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, call->line, model_mem_printf(model, "asserts:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOG, name)) {
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, call->line, model_mem_printf(model, "logging:%s", name), text))
					goto out;
			}
			if (feat_is_clear(model, call))
				if (feat_add(&l[MODEL_FEAT_ZEROING], f->path, call->line, model_mem_printf(model, "clears:%s", name), text))
					goto out;
		}
		/* evidence the scan collected */
		for (uint32_t e = 0; e < f->nevidence; e++) {
			const struct dig_evidence *ev = &f->evidence[e];
			const char *tok = ev->token ? ev->token : "";
			const char *text = ev->text ? ev->text : tok;
			if (ev->dead)
				continue;
			if (ev->func >= 0) {
				/* inside a function: only the implementation's own */
				int mine = 0;
				for (uint32_t i = 0; i < nmembers; i++) {
					const struct model_node *n = &model->nodes[members[i]];
					if (n->file_index == files[k] && n->func == &f->funcs[ev->func])
						mine = 1;
				}
				if (!mine)
					continue;
			}
			switch (ev->kind) {
			case DIG_EV_LOCK_DECL: {
				const char *kind;
				if (strchr(tok, '{'))
					break; /* an inline struct holding a lock: its lock field is evidence too */
				kind = strstr(tok, "spin") || strstr(tok, "simple_lock") ? "spinlock"
				                 : strstr(tok, "mutex") || strstr(tok, "mtx") ? "mutex" : "other";
				impl->threading |= kind[0] == 's' ? MODEL_THREAD_SPIN : kind[0] == 'm' ? MODEL_THREAD_MUTEX : MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, ev->line, model_mem_printf(model, "%s:%s", kind, tok), text))
					goto out;
				break;
			}
			case DIG_EV_ATOMIC:
				impl->threading |= MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, ev->line, model_mem_printf(model, "other:atomic %s", tok), text))
					goto out;
				break;
			case DIG_EV_MAGIC_FILL:
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, ev->line, model_mem_printf(model, "poisoning:%s", tok), text))
					goto out;
				break;
			case DIG_EV_ALIGN_MASK: {
				unsigned long long a = feat_align_of(model, files, nfiles, text);
				if (a > align) {
					align = a;
					align_where = model_mem_printf(model, "%s:%u", f->path, ev->line);
				}
				if (feat_add(&l[MODEL_FEAT_ALIGNMENT], f->path, ev->line,
				             a ? model_mem_printf(model, "rounding:%llu-byte", a) : model_mem_printf(model, "rounding:%s", tok), text))
					goto out;
				break;
			}
			case DIG_EV_INCLUDE:
			case DIG_EV_INCLUDE_DIR:
				break;
			}
		}
	}
	/* entry-point names: walkers, memalign-style, calloc-style */
	for (uint32_t i = 0; i < nmembers; i++) {
		const struct model_node *n = &model->nodes[members[i]];
		const char *text = model_mem_printf(model, "%s %s(...)", n->func->return_type ? n->func->return_type : "", n->name);
		if (model_vocab_match(model->vocab, VOCAB_WALKER, n->name))
			if (feat_add(&l[MODEL_FEAT_DEBUGGING], n->file->path, n->func->line, model_mem_printf(model, "walkers:%s", n->name), text))
				goto out;
		if (!(n->flags & MODEL_NODE_ALLOC))
			continue;
		if (model_vocab_match(model->vocab, VOCAB_ALIGN_API, n->name))
			if (feat_add(&l[MODEL_FEAT_ALIGNMENT], n->file->path, n->func->line, model_mem_printf(model, "api:%s", n->name), text))
				goto out;
		if (model_vocab_match(model->vocab, VOCAB_ZERO_API, n->name))
			if (feat_add(&l[MODEL_FEAT_ZEROING], n->file->path, n->func->line, model_mem_printf(model, "api:%s", n->name), text))
				goto out;
	}
	/* summaries */
	{
		const char *s;
		char buf[1024];
		size_t len;
		struct { const char *prefix, *label; } thr[] = { { "mutex:", "mutex" }, { "spinlock:", "spinlock" }, { "other:", "other" } };
		struct { const char *prefix, *label; } dbg[] = { { "asserts:", "asserts" }, { "logging:", "logging" },
		                                                 { "poisoning:", "poisoning" }, { "walkers:", "consistency walkers" } };
		len = 0;
		buf[0] = '\0';
		for (size_t t = 0; t < 3; t++)
			if ((s = feat_names(model, &l[MODEL_FEAT_THREADING], thr[t].prefix)) != NULL)
				feat_cat(buf, sizeof buf, &len, "%s%s (%s)", len ? "; " : "", thr[t].label, s);
		impl->feat[MODEL_FEAT_THREADING].summary = model_mem_printf(model, "%s", len ? buf : "none");
		len = 0;
		buf[0] = '\0';
		for (size_t t = 0; t < 4; t++)
			if ((s = feat_names(model, &l[MODEL_FEAT_DEBUGGING], dbg[t].prefix)) != NULL)
				feat_cat(buf, sizeof buf, &len, "%s%s (%s)", len ? "; " : "", dbg[t].label, s);
		impl->feat[MODEL_FEAT_DEBUGGING].summary = model_mem_printf(model, "%s", len ? buf : "none");
		len = 0;
		buf[0] = '\0';
		if (align)
			feat_cat(buf, sizeof buf, &len, "%llu-byte rounding (%s)", align, align_where);
		else if (feat_names(model, &l[MODEL_FEAT_ALIGNMENT], "rounding:"))
			feat_cat(buf, sizeof buf, &len, "rounding masks, alignment not derivable");
		if ((s = feat_names(model, &l[MODEL_FEAT_ALIGNMENT], "api:")) != NULL)
			feat_cat(buf, sizeof buf, &len, "%smemalign-style API (%s)", len ? "; " : "", s);
		impl->feat[MODEL_FEAT_ALIGNMENT].summary = model_mem_printf(model, "%s", len ? buf : "none derived");
		len = 0;
		buf[0] = '\0';
		if ((s = feat_names(model, &l[MODEL_FEAT_ZEROING], "api:")) != NULL)
			feat_cat(buf, sizeof buf, &len, "calloc-style API (%s)", s);
		if ((s = feat_names(model, &l[MODEL_FEAT_ZEROING], "clears:")) != NULL)
			feat_cat(buf, sizeof buf, &len, "%sexplicit clears (%s)", len ? "; " : "", s);
		impl->feat[MODEL_FEAT_ZEROING].summary = model_mem_printf(model, "%s", len ? buf : "none");
	}
	for (int k = 0; k < MODEL_FEAT_COUNT; k++) {
		struct model_feature_set *fs = &impl->feat[k];
		if (l[k].n)
			qsort(l[k].ev, l[k].n, sizeof *l[k].ev, feat_ev_cmp);
		fs->ev = model_mem_alloc(model, ((size_t)l[k].n + 1) * sizeof *fs->ev);
		if (!fs->ev)
			goto out;
		if (l[k].n)
			memcpy(fs->ev, l[k].ev, l[k].n * sizeof *fs->ev);
		fs->nev = l[k].n;
	}
	rc = 0;
out:
	for (int k = 0; k < MODEL_FEAT_COUNT; k++)
		free(l[k].ev);
	free(memo.h);
	return rc;
}
