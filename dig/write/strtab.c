/*
 * dig/write/strtab.c: the string table (strtab.h). Slots are a power of two, at most half
 * full; the hash is the query index's (qx_hash), so an index's lookups and its writer agree.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/query/qindex.h"
#include "dig/write/strtab.h"

/* The slot of s, of hash h (strtab_hash): where it is, or the empty slot where it would go. */
static uint32_t strtab_slot(const struct strtab *t, const char *s, uint32_t h)
{
	uint32_t i = h & t->mask;
	while (t->slots[i] &&
	       (t->hash[t->slots[i] - 1] != h || strcmp(t->pool + t->off[t->slots[i] - 1], s) != 0))
		i = (i + 1) & t->mask;
	return i;
}

/* The low 32 bits of s's qx_hash (the slot is these bits under the mask). */
static uint32_t strtab_hash(const char *s)
{
	return (uint32_t)qx_hash(s, strlen(s));
}

int strtab_init(struct strtab *t, int empty)
{
	memset(t, 0, sizeof *t);
	t->mask = (1u << 12) - 1;
	t->slots = calloc((size_t)t->mask + 1, sizeof *t->slots);
	if (!t->slots)
		return t->failed = -1;
	if (empty && strtab_intern(t, "") == UINT32_MAX)
		return -1;
	return 0;
}

/* Double the slots and put every string back. */
static int strtab_grow(struct strtab *t)
{
	uint32_t mask = t->mask * 2 + 1, *old = t->slots;
	t->slots = calloc((size_t)mask + 1, sizeof *t->slots);
	if (!t->slots) {
		t->slots = old;
		return -1;
	}
	t->mask = mask;
	for (uint32_t n = 0; n < t->count; n++) {   /* distinct strings: the first free slot */
		uint32_t i = t->hash[n] & mask;
		while (t->slots[i])
			i = (i + 1) & mask;
		t->slots[i] = n + 1;
	}
	free(old);
	return 0;
}

uint32_t strtab_intern(struct strtab *t, const char *s)
{
	uint32_t i, h;
	size_t n;
	s = s ? s : "";
	if (t->failed)
		return UINT32_MAX;
	if ((uint64_t)(t->count + 1) * 2 > (uint64_t)t->mask + 1 && strtab_grow(t))
		goto fail;
	h = strtab_hash(s);
	i = strtab_slot(t, s, h);
	if (t->slots[i])
		return t->slots[i] - 1;
	n = strlen(s) + 1;
	if (t->len + n >= (1u << 31))
		goto fail;
	if (t->len + n > t->cap) {
		uint64_t cap = t->cap ? t->cap : 1 << 16;
		char *grown;
		while (cap < t->len + n)
			cap *= 2;
		if (!(grown = realloc(t->pool, cap)))
			goto fail;
		t->pool = grown;
		t->cap = cap;
	}
	if (t->count == t->capoff) {
		uint32_t cap = t->capoff ? t->capoff * 2 : 1024, *grown = realloc(t->off, (size_t)cap * sizeof *grown);
		if (!grown)
			goto fail;
		t->off = grown;
		if (!(grown = realloc(t->hash, (size_t)cap * sizeof *grown)))
			goto fail;
		t->hash = grown;
		t->capoff = cap;
	}
	memcpy(t->pool + t->len, s, n);
	t->off[t->count] = (uint32_t)t->len;
	t->hash[t->count] = h;
	t->len += n;
	t->slots[i] = ++t->count;
	return t->count - 1;
fail:
	t->failed = 1;
	return UINT32_MAX;
}

uint32_t strtab_find(const struct strtab *t, const char *s)
{
	uint32_t i;
	if (t->failed)
		return UINT32_MAX;
	s = s ? s : "";
	i = strtab_slot(t, s, strtab_hash(s));
	return t->slots[i] ? t->slots[i] - 1 : UINT32_MAX;
}

void strtab_fini(struct strtab *t)
{
	free(t->pool);
	free(t->off);
	free(t->hash);
	free(t->slots);
	memset(t, 0, sizeof *t);
}
