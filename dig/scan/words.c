/*
 * dig/scan/words.c: the deep-word matcher. Decides, at memory speed, whether a file (or one
 * identifier) mentions a word that makes it worth parsing in depth.
 *
 * Theory. The words are patterns in the vocabulary's own syntax (model/vocab.c): a word
 * may start and/or end with '*', and matching is case-blind against whole identifiers.
 * `*alloc*` matches any identifier containing "alloc", `*free` one ending in "free",
 * `kmem_alloc*` one starting with "kmem_alloc", `sbrk` only `sbrk`. An identifier matches a
 * pattern exactly when the pattern's core occurs in it with an identifier boundary on each
 * side that has no star. So "the text mentions an identifier matching one of the patterns"
 * is "one of the cores occurs in the text, with the boundaries its stars ask for" -- a
 * multi-pattern substring search, which one pass of an Aho-Corasick automaton answers.
 * Comments and strings count too: the answer may only err on the side of "deep".
 *
 * Data structures: the cores, lower-cased, form a trie whose failure links are folded into
 * a full transition table (a DFA), indexed by state and byte class. Bytes are first mapped
 * to classes (one per distinct lower-cased byte of the cores, class 0 for every other
 * byte), so the table is states x classes, a few tens of KB for a vocabulary of a few
 * hundred words, and stays in cache. Each state keeps the boundary rules of the cores that
 * end exactly there (four bits: which of "no boundary", "left", "right", "both" some core
 * asks for) and a dictionary link to the nearest shorter state on its failure chain that
 * ends a core, so every core ending at a position is checked.
 *
 * Identifier bytes are those of the lexer (lex.c): letters, digits, '_', '$' and every
 * byte >= 0x80. Leading underscores do not count against a left boundary: the model takes
 * `__mmap` for `mmap` (an internal alias), so `mmap` must make a file mentioning `__mmap`
 * deep; for other words this only errs towards "deep". Case folding is ASCII only, like strncasecmp in the C locale the model's
 * matcher uses. A pattern whose core is empty ("*", "**") matches every identifier.
 *
 * Failure: create returns NULL only when out of memory; the matcher is immutable after
 * create and shared by every scan thread without locks.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan_impl.h"

/* Boundary rules of a core ending at a state (bit set: some pattern asks for it). */
#define WORDS_ANY 1u     /* *core*: no boundary */
#define WORDS_LEFT 2u    /* core*: identifier starts at the core */
#define WORDS_RIGHT 4u   /* *core: identifier ends at the core */
#define WORDS_BOTH 8u    /* core: the whole identifier */

struct scan_words {
	uint32_t nstates;
	uint32_t nclasses;
	unsigned char cls[256];        /* byte -> class (0: in no core) */
	uint32_t *delta;               /* nstates x nclasses: the DFA */
	uint32_t *step;                /* delta for the pass: the next state's row offset
	                                  (state x nclasses) times 2, plus 1 when it reports */
	unsigned char *rules;          /* per state: WORDS_* of the cores ending exactly there */
	int32_t *dict;                 /* per state: nearest failure-chain state with rules, or -1 */
	int32_t *report;               /* per state: itself when it has rules, else dict */
	uint32_t *depth;               /* per state: length of its string */
	int empty;                     /* a pattern with an empty core: every identifier matches */
	int none;                      /* no pattern at all: nothing matches */
};

/* ASCII lower case. */
static unsigned char words_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Build the automaton: classes, trie, then failure links by breadth-first order. */
struct scan_words *scan_words_create(const char *const *words, int nwords)
{
	struct scan_words *w = calloc(1, sizeof(*w));
	size_t total = 1;
	uint32_t *fail = NULL, *queue = NULL;

	if (!w)
		return NULL;
	w->none = 1;
	/* Classes: one per distinct folded byte that occurs in some core. */
	w->nclasses = 1;
	for (int i = 0; i < nwords; i++) {
		const char *s = words[i];
		if (!s)
			continue;
		size_t n = strlen(s);
		size_t a = n && s[0] == '*' ? 1 : 0;
		while (n > a && s[n - 1] == '*')
			n--;
		while (a < n && s[a] == '*')
			a++;
		w->none = 0;
		if (a == n)
			w->empty = 1;
		total += n - a;
		for (size_t k = a; k < n; k++) {
			unsigned char c = words_fold((unsigned char)s[k]);
			if (!w->cls[c])
				w->cls[c] = (unsigned char)w->nclasses++;
		}
	}
	/* Upper-case letters share their lower-case class. */
	for (int c = 'A'; c <= 'Z'; c++)
		w->cls[c] = w->cls[c - 'A' + 'a'];
	size_t cells = total * w->nclasses;
	w->delta = calloc(cells, sizeof(*w->delta));
	w->rules = calloc(total, 1);
	w->dict = malloc(total * sizeof(*w->dict));
	w->report = malloc(total * sizeof(*w->report));
	w->depth = calloc(total, sizeof(*w->depth));
	fail = calloc(total, sizeof(*fail));
	queue = malloc(total * sizeof(*queue));
	if (!w->delta || !w->rules || !w->dict || !w->report || !w->depth || !fail || !queue)
		goto oom;
	/* The trie: delta holds goto edges (0 = none; the root is state 0, never a target). */
	w->nstates = 1;
	for (int i = 0; i < nwords; i++) {
		const char *s = words[i];
		if (!s)
			continue;
		size_t n = strlen(s);
		int pre = n && s[0] == '*';
		size_t a = pre ? 1 : 0;
		int suf = 0;
		while (n > a && s[n - 1] == '*') {
			n--;
			suf = 1;
		}
		while (a < n && s[a] == '*') {
			a++;
			pre = 1;
		}
		if (a == n)
			continue;
		uint32_t st = 0;
		for (size_t k = a; k < n; k++) {
			uint32_t c = w->cls[(unsigned char)s[k]];
			uint32_t *to = &w->delta[(size_t)st * w->nclasses + c];
			if (!*to) {
				*to = w->nstates;
				w->depth[w->nstates] = w->depth[st] + 1;
				w->nstates++;
			}
			st = *to;
		}
		w->rules[st] |= pre && suf ? WORDS_ANY : pre ? WORDS_RIGHT : suf ? WORDS_LEFT : WORDS_BOTH;
	}
	/* Failure links and the DFA, breadth first: a missing edge of s on c is the edge of
	 * fail(s) on c, already final because fail(s) is shallower. */
	uint32_t head = 0, tail = 0;
	w->dict[0] = -1;
	w->report[0] = -1;
	for (uint32_t c = 0; c < w->nclasses; c++) {
		uint32_t to = w->delta[c];
		if (to) {
			fail[to] = 0;
			queue[tail++] = to;
		}
	}
	while (head < tail) {
		uint32_t s = queue[head++];
		uint32_t f = fail[s];
		w->dict[s] = w->rules[f] ? (int32_t)f : w->dict[f];
		w->report[s] = w->rules[s] ? (int32_t)s : w->dict[s];
		for (uint32_t c = 0; c < w->nclasses; c++) {
			uint32_t *to = &w->delta[(size_t)s * w->nclasses + c];
			uint32_t via = w->delta[(size_t)f * w->nclasses + c];
			if (*to) {
				fail[*to] = via;
				queue[tail++] = *to;
			} else {
				*to = via;
			}
		}
	}
	/* the pass's table: row offsets, so a step is one load and an add, and the report
	 * flag beside them, so a state without rules costs no second load */
	if ((size_t)w->nstates * w->nclasses * 2 >= UINT32_MAX ||
	    !(w->step = malloc((size_t)w->nstates * w->nclasses * sizeof(*w->step))))
		goto oom;
	for (size_t k = 0; k < (size_t)w->nstates * w->nclasses; k++)
		w->step[k] = w->delta[k] * w->nclasses * 2 + (w->report[w->delta[k]] > 0);
	free(fail);
	free(queue);
	return w;
oom:
	free(fail);
	free(queue);
	scan_words_destroy(w);
	return NULL;
}

/* Free the matcher. NULL is allowed. */
void scan_words_destroy(struct scan_words *w)
{
	if (!w)
		return;
	free(w->delta);
	free(w->step);
	free(w->rules);
	free(w->dict);
	free(w->report);
	free(w->depth);
	free(w);
}

/* Does a core ending at byte i (inclusive) of t[0..len) satisfy one of the rules of state
 * q? */
static int words_fits(const struct scan_words *w, uint32_t q, const unsigned char *t, size_t len, size_t i)
{
	unsigned r = w->rules[q];
	size_t start = i + 1 - w->depth[q];
	while (start > 0 && t[start - 1] == '_')
		start--;              /* `__mmap` is `mmap` (the model's aliases) */
	int left = start == 0 || !scan_ident_byte(t[start - 1]);
	int right = i + 1 >= len || !scan_ident_byte(t[i + 1]);

	return (r & WORDS_ANY) || ((r & WORDS_LEFT) && left) || ((r & WORDS_RIGHT) && right) ||
	       ((r & WORDS_BOTH) && left && right);
}

/* One pass of the DFA; the first core that fits its boundaries answers. */
int scan_words_in_text(const struct scan_words *w, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;

	if (!w || w->none)
		return 0;
	const uint32_t *step = w->step;
	const unsigned char *cls = w->cls;
	uint32_t x = 0;     /* the state's row offset x 2, plus its report flag */
	if (w->empty) {
		for (size_t i = 0; i < len; i++)
			if (scan_ident_byte(t[i]))
				return 1;
	}
	for (size_t i = 0; i < len; i++) {
		x = step[(x >> 1) + cls[t[i]]];
		if (!(x & 1))
			continue;
		for (int32_t q = w->report[(x >> 1) / w->nclasses]; q > 0; q = w->dict[q])
			if (words_fits(w, (uint32_t)q, t, len, i))
				return 1;
	}
	return 0;
}

/* An identifier is a text of identifier bytes only: its ends are its boundaries. */
int scan_words_ident(const struct scan_words *w, const char *s, size_t n)
{
	return scan_words_in_text(w, s, n);
}

/* Does a loop condition's text test for failure: `== NULL`, `== 0`, `== nil`, `== (T *)0`,
 * `==` a named constant in capitals (`== SWAPBLK_NONE`, `== NOBLK`) or a `!` that is no `!=`?
 * Such a loop retries its calls until one succeeds (`while ((p = get()) == NULL) wait();`):
 * its calls are no drain (DIG_FLOW_LOOP). A drain loops while the values vary (`!= 0`,
 * `!= NOBLK`); a loop that goes on while the value is one constant waits for another. */
int scan_loop_retries(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '!' && (i + 1 >= n || s[i + 1] != '='))
			return 1;
		if (s[i] != '=' || i + 1 >= n || s[i + 1] != '=' || (i > 0 && strchr("!<>=", s[i - 1])))
			continue;
		size_t j = i + 2;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < n && (s[j] == '0' || s[j] == '('))
			return 1;
		if (n - j >= 4 && memcmp(s + j, "NULL", 4) == 0)
			return 1;
		if (n - j >= 3 && memcmp(s + j, "nil", 3) == 0)
			return 1;
		if (j < n && s[j] >= 'A' && s[j] <= 'Z') {
			size_t k = j;
			while (k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
				k++;
			if (k == n || !scan_ident_byte(s[k]))
				return 1;
		}
	}
	return 0;
}
