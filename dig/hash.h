/*
 * dig/hash.h: the one string hash strata dig's tables use, in every layer (scan's intern
 * table and name sets, the model's string indexes, the DOT writer's edge set).
 *
 * 32-bit FNV-1a: a byte at a time, xor then multiply by the FNV prime. It is not
 * cryptographic and need not be: every table that uses it compares keys on a hash match,
 * so a collision costs a probe, never a wrong answer. Names are short (identifiers, paths),
 * where FNV-1a's per-byte loop beats a block hash's set-up. Whole files are hashed with
 * XXH3 instead (scan_hash, scan/unit.c).
 */
#ifndef STRATA_DIG_HASH_H
#define STRATA_DIG_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's 32-bit offset basis: the hash of nothing, where a chain of dig_hash_* starts. */
#define DIG_HASH_INIT 2166136261u

/* The hash h continued over the n bytes of s. */
static inline uint32_t dig_hash_bytes(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The hash h continued over the bytes of the string s, up to its terminating NUL. */
static inline uint32_t dig_hash_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
