/*
 * dig/scan/vocab.c: the few word lists the scan itself needs, as data: what a lock type,
 * an atomic operation and a fill function look like (evidence the model weighs), and the
 * sizes of scalar types (array byte sizes). Allocator vocabulary is not here: the scan
 * records every call and definition, and the model's vocabulary decides what matters.
 * Sizes are those of the LP64 targets the seed trees build for.
 */
#include <string.h>

#include "dig/scan/vocab.h"

/* Lock vocabulary for declared types: a component of the type name (split at '_', ' ' and
 * '*') that ends with one of these marks a lock, unless it is one of the exceptions. */
static const char *const scan_lock_marks[] = {
	"mutex", "lock", "mtx", "sema", "semaphore", "spin", "lck", "futex", "critical_section",
	"rwlock", "condvar",
};
static const char *const scan_lock_exceptions[] = { "block", "clock", "unlock", "flock" };

/* Does a type text name a lock? */
int scan_vocab_is_lock_type(const char *t)
{
	char comp[64];

	while (*t) {
		size_t n = 0;
		while (*t && (*t == '_' || *t == ' ' || *t == '*'))
			t++;
		while (*t && *t != '_' && *t != ' ' && *t != '*') {
			if (n < sizeof(comp) - 1)
				comp[n++] = (char)(*t >= 'A' && *t <= 'Z' ? *t - 'A' + 'a' : *t);
			t++;
		}
		comp[n] = '\0';
		if (n == 0)
			continue;
		int ex = 0;
		for (size_t i = 0; i < sizeof(scan_lock_exceptions) / sizeof(scan_lock_exceptions[0]); i++)
			if (strcmp(comp, scan_lock_exceptions[i]) == 0)
				ex = 1;
		if (ex)
			continue;
		for (size_t i = 0; i < sizeof(scan_lock_marks) / sizeof(scan_lock_marks[0]); i++) {
			size_t ml = strlen(scan_lock_marks[i]);
			if (n >= ml && memcmp(comp + n - ml, scan_lock_marks[i], ml) == 0)
				return 1;
			if (n > ml && memcmp(comp, scan_lock_marks[i], ml) == 0)
				return 1;   /* mutex_t after the split is "mutex" already; "lockdata" too */
		}
	}
	return 0;
}

/* Atomic vocabulary: type names and callee prefixes, with their lengths. */
#define SCAN_PREFIX(s) { s, sizeof(s) - 1 }
static const struct { const char *s; size_t n; } scan_atomic_prefixes[] = {
	SCAN_PREFIX("__sync_"), SCAN_PREFIX("__atomic_"), SCAN_PREFIX("atomic_"), SCAN_PREFIX("__c11_atomic_"),
	SCAN_PREFIX("OSAtomic"), SCAN_PREFIX("Interlocked"), SCAN_PREFIX("_Atomic"),
};
#undef SCAN_PREFIX

/* Does a name start with an atomic prefix? The lexer asks it of every identifier in a
 * body, so a first byte that starts no prefix answers at once. */
int scan_vocab_is_atomic(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '_' && s[0] != 'a' && s[0] != 'O' && s[0] != 'I'))
		return 0;
	for (size_t i = 0; i < sizeof(scan_atomic_prefixes) / sizeof(scan_atomic_prefixes[0]); i++) {
		size_t pl = scan_atomic_prefixes[i].n;
		if (n >= pl && memcmp(s, scan_atomic_prefixes[i].s, pl) == 0)
			return 1;
	}
	return 0;
}

/* Functions whose second argument is a fill byte. */
static const char *const scan_fill_funcs[] = { "memset", "__builtin_memset", "wmemset", "memset_s" };

/* Is the callee a fill function (second argument = the fill byte)? */
int scan_vocab_is_fill(const char *callee)
{
	for (size_t i = 0; i < sizeof(scan_fill_funcs) / sizeof(scan_fill_funcs[0]); i++)
		if (strcmp(callee, scan_fill_funcs[i]) == 0)
			return 1;
	return 0;
}

/* Element sizes of scalar types, for array byte sizes. Data, not code. */
static const struct { const char *type; unsigned size; } scan_scalar_sizes[] = {
	{ "char", 1 }, { "signed char", 1 }, { "unsigned char", 1 }, { "uint8_t", 1 },
	{ "int8_t", 1 }, { "u_char", 1 }, { "uchar_t", 1 }, { "u8", 1 }, { "bool", 1 },
	{ "_Bool", 1 }, { "short", 2 }, { "unsigned short", 2 }, { "uint16_t", 2 },
	{ "int16_t", 2 }, { "u_short", 2 }, { "u16", 2 }, { "int", 4 }, { "unsigned", 4 },
	{ "unsigned int", 4 }, { "signed", 4 }, { "uint32_t", 4 }, { "int32_t", 4 },
	{ "u_int", 4 }, { "u32", 4 }, { "float", 4 }, { "long", 8 }, { "unsigned long", 8 },
	{ "long long", 8 }, { "unsigned long long", 8 }, { "uint64_t", 8 }, { "int64_t", 8 },
	{ "u_long", 8 }, { "u64", 8 }, { "double", 8 }, { "size_t", 8 }, { "ssize_t", 8 },
	{ "uintptr_t", 8 }, { "intptr_t", 8 }, { "long double", 16 },
};

/* Size of a scalar type spelled exactly like one of the table's, or 0. */
unsigned scan_vocab_scalar_size(const char *type)
{
	for (size_t i = 0; i < sizeof(scan_scalar_sizes) / sizeof(scan_scalar_sizes[0]); i++)
		if (strcmp(type, scan_scalar_sizes[i].type) == 0)
			return scan_scalar_sizes[i].size;
	return 0;
}
