/*
 * dig/model/vocab.c: the vocabulary of allocation, as data.
 *
 * The classifier never names a function or a path of one codebase; what it knows about
 * C allocation in general is here, as lines of text in the same format a user's
 * `--vocab FILE` uses:
 *
 *     # comment
 *     KIND WORD [WORD ...]
 *
 * KIND is one of the names in kind_names[] below; a WORD may start and/or end with '*'
 * (a wildcard: `*alloc*` matches any name containing "alloc"). Matching is case-blind.
 * A user's file adds words to the built-in table; `-KIND WORD` removes a built-in word.
 * mem-type words are base types: a pointer return whose base is one of them is raw memory
 * (`void *`, `char *`), and so is a non-pointer return of any of them but void/char
 * (`vm_offset_t kalloc(size)`).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

static const char *const kind_names[VOCAB_KIND_COUNT] = {
	[VOCAB_ALLOC] = "alloc",
	[VOCAB_FREE] = "free",
	[VOCAB_BACKEND] = "backend",
	[VOCAB_LOCK_MUTEX] = "lock-mutex",
	[VOCAB_LOCK_SPIN] = "lock-spin",
	[VOCAB_LOCK_OTHER] = "lock-other",
	[VOCAB_ASSERT] = "assert",
	[VOCAB_LOG] = "log",
	[VOCAB_WALKER] = "walker",
	[VOCAB_CLEAR] = "clear",
	[VOCAB_ZERO_API] = "zero-api",
	[VOCAB_ALIGN_API] = "align-api",
	[VOCAB_DIR_KERNEL] = "dir-kernel",
	[VOCAB_DIR_USER] = "dir-user",
	[VOCAB_DIR_BOOT] = "dir-boot",
	[VOCAB_DIR_TEST] = "dir-test",
	[VOCAB_KERNEL_CALL] = "kernel-call",
	[VOCAB_USER_CALL] = "user-call",
	[VOCAB_ROLE_FIXED] = "role-fixed",
	[VOCAB_ROLE_PAGE] = "role-page",
	[VOCAB_ROLE_BOOT] = "role-boot",
	[VOCAB_ROLE_RMAP] = "role-rmap",
	[VOCAB_SIZE_PARAM] = "size-param",
	[VOCAB_MEM_TYPE] = "mem-type",
	[VOCAB_NOT_ALLOC] = "not-alloc",
	[VOCAB_DIR_PROGRAMS] = "dir-programs",
	[VOCAB_LOCK_SWAP] = "lock-swap",
	[VOCAB_LOCK_CAS] = "lock-cas",
	[VOCAB_LOCK_WAIT] = "lock-wait",
	[VOCAB_DIR_PORTS] = "dir-ports",
	[VOCAB_COPY] = "copy",
	[VOCAB_FORMAT] = "format",
	[VOCAB_PAIR_TAKE] = "pair-take",
	[VOCAB_PAIR_GIVE] = "pair-give",
};

/* The built-in vocabulary: general knowledge of C allocators, no codebase's names. */
static const char *const builtin[] = {
	"alloc *alloc* *memalign* *zget *kget get_free_page* *getblk_mem *get_space *getpage*",
	"free *free *free_* *dealloc* *release* *_put *zput cfree",
	"backend sbrk brk mmap mmap64 munmap mremap morecore vm_map vm_allocate vm_deallocate",
	"backend kmem_alloc* kmem_free* kmem_suballoc vm_map_enter vm_page_alloc* vmem_alloc vmem_xalloc",
	"backend VirtualAlloc VirtualFree HeapAlloc get_free_pages alloc_pages __get_free_pages",
	"lock-mutex mutex_lock mutex_unlock mutex_enter mutex_exit mutex_trylock mutex_init",
	"lock-mutex pthread_mutex_lock pthread_mutex_unlock pthread_mutex_trylock lck_mtx_lock",
	"lock-mutex lck_mtx_unlock mtx_lock mtx_unlock _mutex_lock _mutex_unlock lmutex_lock lmutex_unlock",
	"lock-spin spin_lock spin_unlock spin_lock_init spin_trylock simple_lock simple_unlock",
	"lock-spin simple_lock_init spin_lock_irqsave spin_unlock_irqrestore acquire release",
	"lock-spin pthread_spin_lock pthread_spin_unlock mtx_lock_spin mtx_unlock_spin lock_set lock_clear",
	"lock-spin ilock iunlock",
	"lock-other splhigh splvm splimp splbio splx spl0 spl7 splnet splclock lock_write lock_done",
	"lock-other lock_read rw_enter rw_exit rw_rdlock rw_wrlock rw_unlock pthread_rwlock_*",
	"lock-other disable_interrupts enable_interrupts cli sti pushcli popcli",
	"assert assert ASSERT ASSERT3* VERIFY* panic abort botch Assert kassert KASSERT BUG_ON",
	"log printf kprintf fprintf dprintf syslog log_* cmn_err printk debug_printf trace_*",
	"walker *check* *verify* *validate* *audit* *walk* *dump* showall",
	"clear memset bzero explicit_bzero memclr blkclr",
	"zero-api *calloc* *zalloc_zero* *_zero_alloc* *alloc_zeroed*",
	"align-api *memalign* valloc pvalloc aligned_alloc *aligned*",
	"dir-kernel kernel kern sys uts os vm mach arch drivers ipc mm kernel_legacy",
	"dir-user lib* usr cmd cmds bin sbin user userland usr.bin usr.sbin libexec libc servers",
	"dir-boot boot *boot bootstrap boot2 stand standalone loader firmware efi bootloader",
	"dir-test test tests testing testsuite t bench benchmark benchmarks bench* example examples demo demos sample samples",
	"dir-test sim simulator simulation fuzz",
	"kernel-call panic splx splhigh splvm kmem_* vm_page_* thread_block thread_wakeup assert_wait",
	"kernel-call simple_lock simple_unlock printk kprintf cmn_err spin_lock acquire release",
	"user-call sbrk brk mmap munmap pthread_* fprintf write exit getpagesize sysconf",
	"role-fixed zone *zone* slab *slab* cache *cache* pool *pool* objcache zget zalloc zinit",
	"role-page page *page* pages pg kalloc_page get_free_page",
	"role-boot boot *boot* early bootstrap steal *steal*",
	"role-rmap map *map* rmap coremap swapmap",
	"size-param size *size nbytes *_bytes nb bytes n len *len length nelem elsize nunits count cnt",
	"size-param num sz want request amount npages size_t vm_size_t unsigned u_int uint k_size_t incr increment",
	"mem-type void char caddr_t vm_offset_t vm_address_t uintptr_t ptr_t *addr_t genptr_t",
	"not-alloc *allocated* *allocation* *allocator_init* *freeze* *freeing_*",
	"dir-programs cmd cmds bin sbin usr.bin usr.sbin libexec commands",
	"dir-ports arch archs ports platforms",
	"copy memcpy memmove bcopy strcpy strncpy stpcpy stpncpy strlcpy wmemcpy wcscpy __builtin_memcpy",
	"copy strlen strnlen wcslen memchr",
	"format sprintf snprintf vsprintf vsnprintf sprint snprint seprint vseprint strcat strncat",
	"format strlcat wcscat wcsncat",
	/* the two halves of one API's names (partner.c, listpool.c): matched as words */
	"pair-take get new grab alloc malloc allocate",
	"pair-give put free release dealloc deallocate mfree dispose",
	/* the atomics and waits a hand-written lock is made of (features.c: lock helpers) */
	"lock-swap a_swap a_swap_p __sync_lock_test_and_set __atomic_exchange* atomic_exchange*",
	"lock-swap __atomic_test_and_set atomic_flag_test_and_set* InterlockedExchange xchg",
	"lock-swap test_and_set testandset tas",
	"lock-cas a_cas a_cas_p __sync_bool_compare_and_swap __sync_val_compare_and_swap",
	"lock-cas __atomic_compare_exchange* atomic_compare_exchange* InterlockedCompareExchange*",
	"lock-cas cmpxchg* compare_and_swap* atomic_cas_*",
	"lock-wait futex futex_wait* futex_wake* sys_futex __futexwait __wait __wake _umtx_op",
	"lock-wait __ulock_wait __ulock_wake WaitOnAddress WakeByAddressSingle WakeByAddressAll",
};

/* Add one word (text with optional stars) to a kind; returns -1 out of memory. */
/* The hashed slot of two bytes in a filter's pair set. */
static unsigned vocab_pair(unsigned char a, unsigned char b)
{
	return ((unsigned)a * 64u + b) & 4095u;
}

/* Add one word's bits to the filters f of its kind (model_vocab_filter). */
static void vocab_filter_add(struct model_vocab_filter *f, const struct model_word *word)
{
	const unsigned char *w = (const unsigned char *)word->word;
	if (word->len) {
		unsigned char lo = (unsigned char)tolower(w[0]), up = (unsigned char)toupper(w[0]);
		f->start[lo / 64] |= 1ull << (lo % 64);
		f->start[up / 64] |= 1ull << (up % 64);
	}
	if (word->len < 2) {
		f->slow = 1;
	} else if (word->prefix_star && word->suffix_star) {
		f->any_infix = 1;
		f->pair[vocab_pair(w[0], w[1]) / 64] |= 1ull << (vocab_pair(w[0], w[1]) % 64);
	} else if (word->prefix_star) {
		f->last[w[word->len - 1] / 64] |= 1ull << (w[word->len - 1] % 64);
	} else {
		f->first[w[0] / 64] |= 1ull << (w[0] % 64);
	}
}

/* Remake the filters of `kind` from its words (after a removal: bits cannot be taken out). */
static void vocab_filter_make(struct model_vocab *vocab, enum model_vocab_kind kind)
{
	memset(&vocab->filter[kind], 0, sizeof vocab->filter[kind]);
	for (uint32_t i = 0; i < vocab->nwords[kind]; i++)
		vocab_filter_add(&vocab->filter[kind], &vocab->words[kind][i]);
}

/* Can the lowered name low[0..n) match a word of the kind whose filters are f? (No: none
 * of the word tests below could succeed.) */
static int vocab_filter_may(const struct model_vocab_filter *f, const unsigned char *low, size_t n)
{
	if (f->slow)
		return 1;
	if (n == 0)
		return 0;       /* every word is two bytes or more */
	if (f->first[low[0] / 64] >> (low[0] % 64) & 1)
		return 1;
	if (f->last[low[n - 1] / 64] >> (low[n - 1] % 64) & 1)
		return 1;
	for (size_t i = 0; f->any_infix && i + 1 < n; i++) {
		unsigned k = vocab_pair(low[i], low[i + 1]);
		if (f->pair[k / 64] >> (k % 64) & 1)
			return 1;
	}
	return 0;
}

static int vocab_word_insert(struct model_vocab *vocab, enum model_vocab_kind kind, const char *w, size_t len)
{
	struct model_word *word;
	if (vocab->nwords[kind] == vocab->cap[kind]) {
		uint32_t cap = vocab->cap[kind] ? vocab->cap[kind] * 2 : 16;
		struct model_word *grown = realloc(vocab->words[kind], cap * sizeof *grown);
		if (!grown)
			return -1;
		vocab->words[kind] = grown;
		vocab->cap[kind] = cap;
	}
	word = &vocab->words[kind][vocab->nwords[kind]];
	word->prefix_star = len && w[0] == '*';
	if (word->prefix_star) {
		w++;
		len--;
	}
	word->suffix_star = len && w[len - 1] == '*';
	if (word->suffix_star)
		len--;
	word->word = malloc(len + 1);
	if (!word->word)
		return -1;
	for (size_t i = 0; i < len; i++)
		word->word[i] = (char)tolower((unsigned char)w[i]);
	word->word[len] = '\0';
	word->len = len;
	vocab->nwords[kind]++;
	vocab_filter_add(&vocab->filter[kind], word);
	return 0;
}

/* Remove every entry of `kind` spelled `w` (stars included). */
static void vocab_word_remove(struct model_vocab *vocab, enum model_vocab_kind kind, const char *w, size_t len)
{
	uint32_t keep = 0;
	for (uint32_t i = 0; i < vocab->nwords[kind]; i++) {
		struct model_word *word = &vocab->words[kind][i];
		char spelled[256];
		snprintf(spelled, sizeof spelled, "%s%s%s", word->prefix_star ? "*" : "", word->word,
		         word->suffix_star ? "*" : "");
		if (strlen(spelled) == len && strncasecmp(spelled, w, len) == 0) {
			free(word->word);
			continue;
		}
		vocab->words[kind][keep++] = *word;
	}
	vocab->nwords[kind] = keep;
	vocab_filter_make(vocab, kind);
}

/* Parse one line "KIND WORD ..." into the vocabulary. Returns 0, -1 on a bad kind, -2 OOM. */
static int vocab_line_parse(struct model_vocab *vocab, const char *line)
{
	const char *p = line;
	const char *kind_start;
	size_t kind_len;
	int remove = 0;
	int kind = -1;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == '\0' || *p == '\n' || *p == '\r')
		return 0;
	if (*p == '-') {
		remove = 1;
		p++;
	}
	kind_start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	kind_len = (size_t)(p - kind_start);
	for (int k = 0; k < VOCAB_KIND_COUNT; k++)
		if (strlen(kind_names[k]) == kind_len && strncmp(kind_names[k], kind_start, kind_len) == 0)
			kind = k;
	if (kind < 0)
		return -1;
	for (;;) {
		const char *w;
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		w = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (remove)
			vocab_word_remove(vocab, (enum model_vocab_kind)kind, w, (size_t)(p - w));
		else if (vocab_word_insert(vocab, (enum model_vocab_kind)kind, w, (size_t)(p - w)))
			return -2;
	}
	return 0;
}

/* Build the built-in vocabulary, then read the user's file on top of it. */
struct model_vocab *model_vocab_create(const char *path, const char **err, unsigned *line)
{
	struct model_vocab *vocab = calloc(1, sizeof *vocab);
	*err = NULL;
	*line = 0;
	if (!vocab) {
		*err = "out of memory";
		return NULL;
	}
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		if (vocab_line_parse(vocab, builtin[i])) {
			*err = "out of memory";
			model_vocab_destroy(vocab);
			return NULL;
		}
	if (path) {
		FILE *f = fopen(path, "r");
		char buf[4096];
		if (!f) {
			*err = "cannot open the vocabulary file";
			model_vocab_destroy(vocab);
			return NULL;
		}
		while (fgets(buf, sizeof buf, f)) {
			int rc;
			(*line)++;
			rc = vocab_line_parse(vocab, buf);
			if (rc) {
				*err = rc == -1 ? "unknown word class (see docs/report-format.md, vocabulary)"
				                : "out of memory";
				fclose(f);
				model_vocab_destroy(vocab);
				return NULL;
			}
		}
		fclose(f);
	}
	return vocab;
}

/* Free the vocabulary. */
void model_vocab_destroy(struct model_vocab *vocab)
{
	if (!vocab)
		return;
	for (int k = 0; k < VOCAB_KIND_COUNT; k++) {
		for (uint32_t i = 0; i < vocab->nwords[k]; i++)
			free(vocab->words[k][i].word);
		free(vocab->words[k]);
	}
	free(vocab);
}

/* Case-blind test of one word against a whole name (the word's stars are wildcards). */
static int vocab_word_test(const struct model_word *word, const char *low, size_t n)
{
	size_t w = word->len;
	char c0 = word->word[0]; /* a cheap first-letter test */
	if (w > n)
		return 0;
	if (word->prefix_star && word->suffix_star) {
		for (size_t i = 0; i + w <= n; i++)
			if (low[i] == c0 && memcmp(low + i, word->word, w) == 0)
				return 1;
		return 0;
	}
	if (word->prefix_star)
		return memcmp(low + n - w, word->word, w) == 0;
	if (word->suffix_star)
		return low[0] == c0 && memcmp(low, word->word, w) == 0;
	return n == w && low[0] == c0 && memcmp(low, word->word, w) == 0;
}

int model_vocab_lock(const struct model_vocab *vocab, const char *name)
{
	return model_vocab_match(vocab, VOCAB_LOCK_MUTEX, name) || model_vocab_match(vocab, VOCAB_LOCK_SPIN, name) ||
	       model_vocab_match(vocab, VOCAB_LOCK_OTHER, name);
}

const char *model_size_param(const struct model_vocab *vocab, const struct dig_func *f)
{
	for (int i = 0; f && f->param_names && i < f->nparams; i++)
		if (f->param_names[i] && *f->param_names[i] && model_vocab_match(vocab, VOCAB_SIZE_PARAM, f->param_names[i]))
			return f->param_names[i];
	return NULL;
}

/* Does `name` match a word of `kind`? Spaces in `name` are ignored ("void *" = "void*");
 * case too: the name is lowered once here (the words were lowered when added), as
 * strncasecmp would in the C locale the dig runs in. */
int model_vocab_match(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name)
{
	char flat[256];
	size_t n = 0;
	if (!name)
		return 0;
	for (const char *p = name; *p && n + 1 < sizeof flat; p++)
		if (*p != ' ' && *p != '\t')
			flat[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	flat[n] = '\0';
	if (vocab_filter_may(&vocab->filter[kind], (const unsigned char *)flat, n))
		for (uint32_t i = 0; i < vocab->nwords[kind]; i++)
			if (vocab_word_test(&vocab->words[kind][i], flat, n))
				return 1;
	/* an internal alias of a backend or primitive (`__mmap`, `__syscall_brk`'s `__brk`,
	 * `_mutex_lock`) is that backend or primitive */
	if (flat[0] == '_' && (kind == VOCAB_BACKEND || kind == VOCAB_USER_CALL || kind == VOCAB_KERNEL_CALL ||
	                       kind == VOCAB_LOCK_MUTEX || kind == VOCAB_LOCK_SPIN || kind == VOCAB_LOCK_OTHER ||
	                       kind == VOCAB_LOCK_SWAP || kind == VOCAB_LOCK_CAS || kind == VOCAB_LOCK_WAIT)) {
		size_t skip = 0;
		while (flat[skip] == '_')
			skip++;
		if (flat[skip])
			return model_vocab_match(vocab, kind, flat + skip);
	}
	return 0;
}

/* The first word of `kind` (wildcards ignored) that occurs in `text` between non-identifier
 * characters or underscores; used for role words inside names and types. */
const char *model_vocab_find(const struct model_vocab *vocab, enum model_vocab_kind kind,
                             const char *text)
{
	if (!text)
		return NULL;
	for (uint32_t i = 0; i < vocab->nwords[kind]; i++) {
		const struct model_word *word = &vocab->words[kind][i];
		size_t w = word->len;
		if (!w)
			continue;
		for (const char *p = text; *p; p++) {
			int left_ok, right_ok;
			if (tolower((unsigned char)*p) != (unsigned char)word->word[0] || strncasecmp(p, word->word, w) != 0)
				continue;
			left_ok = word->prefix_star || p == text || !isalnum((unsigned char)p[-1]);
			right_ok = word->suffix_star || !isalnum((unsigned char)p[w]);
			if (left_ok && right_ok)
				return word->word;
		}
	}
	return NULL;
}

/* Can a word of `kind` start with byte c (model_vocab_filter.start)? */
static int vocab_may_start(const struct model_vocab *vocab, enum model_vocab_kind kind, unsigned char c)
{
	return (int)(vocab->filter[kind].start[c / 64] >> (c % 64) & 1);
}

int model_vocab_is_word(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *p, size_t n,
                        int blind)
{
	if (n && !vocab_may_start(vocab, kind, (unsigned char)p[0]))
		return 0;
	for (uint32_t i = 0; i < vocab->nwords[kind]; i++) {
		const struct model_word *word = &vocab->words[kind][i];
		if (word->len == n && (blind ? strncasecmp(p, word->word, n) : strncmp(p, word->word, n)) == 0)
			return 1;
	}
	return 0;
}

int model_vocab_prefix_at(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *p, int blind)
{
	if (!vocab_may_start(vocab, kind, (unsigned char)p[0]))
		return 0;
	for (uint32_t i = 0; i < vocab->nwords[kind]; i++) {
		const struct model_word *word = &vocab->words[kind][i];
		if (word->len && (blind ? strncasecmp(p, word->word, word->len) : strncmp(p, word->word, word->len)) == 0)
			return 1;
	}
	return 0;
}

/* The offset in `name` of the first occurrence of any word of `kind` (stars ignored,
 * case-blind), or -1. Tells which of two words a name says first: `__get_free_pages`
 * says get before free. */
int model_vocab_first_at(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name)
{
	int best = -1;
	for (uint32_t i = 0; name && i < vocab->nwords[kind]; i++) {
		const struct model_word *word = &vocab->words[kind][i];
		for (const char *p = name; word->len && *p && (best < 0 || p - name < best); p++)
			if (strncasecmp(p, word->word, word->len) == 0) {
				best = (int)(p - name);
				break;
			}
	}
	return best;
}

/* The words whose mention makes a file worth a full parse (scan.h deep_words): the names
 * that can make a function an allocation entry point, a release point, a wrapper or a
 * backend, or a call an allocation site. A file that mentions none of them defines none of
 * those and calls none by name; the lexer's facts serve it. Spelled with their stars, in
 * the vocabulary's syntax (the scan matches them the same way, case-blind, and also after
 * leading underscores, as model_vocab_match does for aliases). One malloc'd block: free()
 * it once. */
static const enum model_vocab_kind vocab_deep[] = { VOCAB_ALLOC, VOCAB_FREE, VOCAB_BACKEND, VOCAB_ZERO_API,
                                                    VOCAB_ALIGN_API };

int model_vocab_deep(const struct model_vocab *vocab, const char *name)
{
	for (size_t k = 0; k < sizeof vocab_deep / sizeof vocab_deep[0]; k++)
		if (model_vocab_match(vocab, vocab_deep[k], name))
			return 1;
	return 0;
}

char **model_vocab_deep_words(const struct model_vocab *vocab, int *n)
{
	const enum model_vocab_kind *deep = vocab_deep;
	size_t ndeep = sizeof vocab_deep / sizeof vocab_deep[0];
	size_t count = 0, bytes = 0;
	char **out, *at;

	*n = 0;
	for (size_t k = 0; k < ndeep; k++)
		for (uint32_t i = 0; i < vocab->nwords[deep[k]]; i++) {
			count++;
			bytes += strlen(vocab->words[deep[k]][i].word) + 3;
		}
	out = malloc((count + 1) * sizeof *out + bytes + 1);
	if (!out)
		return NULL;
	at = (char *)(out + count + 1);
	for (size_t k = 0; k < ndeep; k++)
		for (uint32_t i = 0; i < vocab->nwords[deep[k]]; i++) {
			const struct model_word *w = &vocab->words[deep[k]][i];
			out[(*n)++] = at;
			at += sprintf(at, "%s%s%s", w->prefix_star ? "*" : "", w->word, w->suffix_star ? "*" : "") + 1;
		}
	out[*n] = NULL;
	return out;
}

/* The next word of a name at *p into w (lower case, at most size - 1 bytes kept): words
 * split at '_', digits and lower-to-upper case changes. Returns its length (0 at the end). */
static size_t vocab_name_word(const char **p, char *w, size_t size)
{
	const char *q = *p;
	size_t n = 0;
	while (*q == '_' || isdigit((unsigned char)*q))
		q++;
	while (*q && *q != '_' && !isdigit((unsigned char)*q)) {
		if (n && isupper((unsigned char)*q) && islower((unsigned char)q[-1]))
			break;
		if (n < size - 1)
			w[n++] = (char)tolower((unsigned char)*q);
		q++;
	}
	w[n] = '\0';
	*p = q;
	return n;
}

/* Does a name's word w (length n) name a lock: ends in "lock" (not block or clock), or is
 * one of the words C lock APIs are spelled with? */
static int vocab_lock_noun(const char *w, size_t n)
{
	static const char *const nouns[] = { "mutex", "mtx", "spin", "lck", "crit", "critical" };
	if (n >= 4 && strcmp(w + n - 4, "lock") == 0 &&
	    !(n >= 5 && (strcmp(w + n - 5, "block") == 0 || strcmp(w + n - 5, "clock") == 0)))
		return 1;
	for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (strcmp(w, nouns[i]) == 0)
			return 1;
	return 0;
}

/* What a name says about locking (a forwarding lock helper's): 2 releases (a word of it is
 * unlock, exit, release, leave, or ends in "unlock"), 1 takes (a word names a lock, or is
 * enter or acquire), 0 neither: a function named for other work that happens to take a
 * lock (a reference `_rele`, a `_destroy`, a random-bytes getter) is no lock helper. */
int model_name_lock(const char *name)
{
	static const char *const releases[] = { "exit", "release", "leave" };
	int says = 0;
	const char *p = name;
	char w[32];
	size_t n;
	while ((n = vocab_name_word(&p, w, sizeof w)) != 0 || *p) {
		if (n >= 6 && strcmp(w + n - 6, "unlock") == 0)
			return 2;
		for (size_t i = 0; i < sizeof releases / sizeof releases[0]; i++)
			if (strcmp(w, releases[i]) == 0)
				return 2;
		says |= vocab_lock_noun(w, n) || strcmp(w, "enter") == 0 || strcmp(w, "acquire") == 0;
	}
	return says;
}

/* Does a name name a lock or an interrupt level (a word is a lock noun, or ends in "intr":
 * `AcpiOsReleaseLock`, `releaseintr`)? Then releasing it frees no memory. */
int model_name_has_lock(const char *name)
{
	const char *p = name;
	char w[32];
	size_t n;
	while ((n = vocab_name_word(&p, w, sizeof w)) != 0 || *p)
		if (vocab_lock_noun(w, n) || (n >= 4 && strcmp(w + n - 4, "intr") == 0))
			return 1;
	return 0;
}
