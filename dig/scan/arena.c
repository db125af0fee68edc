/*
 * dig/scan/arena.c: the bump allocator behind every fact string (see arena.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dig/scan/arena.h"

#define ARENA_FIRST_CHUNK 4096u
#define ARENA_MAX_CHUNK (1u << 20)
#define ARENA_ALIGN 8u

struct dig_arena_chunk {
	struct dig_arena_chunk *next;   /* the previous (older) chunk */
	size_t size;                    /* usable bytes in data */
	size_t used;                    /* bytes used, once the chunk is no longer the head */
	max_align_t data[];             /* the bytes handed out */
};

/* Create an arena with no chunk yet: the first allocation brings one. */
struct dig_arena *dig_arena_create(void)
{
	struct dig_arena *a = calloc(1, sizeof(struct dig_arena));

	if (a)
		a->next_size = ARENA_FIRST_CHUNK;
	return a;
}

/* Create an arena whose first chunk is exactly `first` bytes. */
struct dig_arena *dig_arena_create_sized(size_t first)
{
	struct dig_arena *a = dig_arena_create();

	if (a && first)
		a->next_size = (first + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	return a;
}

/* Free every chunk, then the arena. */
void dig_arena_destroy(struct dig_arena *arena)
{
	if (!arena)
		return;
	for (struct dig_arena_chunk *c = arena->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(arena);
}

/* Keep the newest (largest) chunk, free the others. */
void dig_arena_reset(struct dig_arena *arena)
{
	struct dig_arena_chunk *c;

	if (!arena->head)
		return;
	for (c = arena->head->next; c;) {
		struct dig_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena->head->next = NULL;
	arena->used = 0;
	arena->total = arena->head->size;
	arena->wasted = 0;
}

/* Room for n bytes at the given alignment: bump in the head chunk, or add a chunk (the
 * next size doubles up to 1 MiB, or is exactly big enough for an oversized request). */
static void *dig_arena_bump(struct dig_arena *arena, size_t n, size_t align)
{
	size_t at = arena->head ? (arena->used + align - 1) & ~(align - 1) : 0;

	if (!arena->head || at > arena->cap || arena->cap - at < n) {
		size_t size = arena->next_size ? arena->next_size : ARENA_FIRST_CHUNK;
		if (size < n)
			size = n;
		if (size > SIZE_MAX - sizeof(struct dig_arena_chunk))
			return NULL;
		struct dig_arena_chunk *c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		if (arena->head) {
			arena->head->used = arena->used;
			arena->wasted += arena->cap - arena->used;
		}
		c->next = arena->head;
		c->size = size;
		c->used = 0;
		arena->head = c;
		arena->used = 0;
		arena->cap = size;
		arena->total += size;
		arena->next_size = arena->next_size * 2 > ARENA_MAX_CHUNK ? ARENA_MAX_CHUNK : arena->next_size * 2;
		if (arena->next_size < ARENA_FIRST_CHUNK)
			arena->next_size = ARENA_FIRST_CHUNK;
		at = 0;
	}
	char *p = (char *)arena->head->data + at;
	arena->used = at + n;
	return p;
}

/* Aligned and zeroed. */
void *dig_arena_alloc(struct dig_arena *arena, size_t n)
{
	void *p = dig_arena_bump(arena, n ? n : 1, ARENA_ALIGN);

	if (p)
		memset(p, 0, n);
	return p;
}

/* Copy a counted string; the copy is always NUL-terminated. */
char *dig_arena_strndup(struct dig_arena *arena, const char *s, size_t n)
{
	char *p = n + 1 > n ? dig_arena_bump(arena, n + 1, 1) : NULL;

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Copy a C string. */
char *dig_arena_strdup(struct dig_arena *arena, const char *s)
{
	return s ? dig_arena_strndup(arena, s, strlen(s)) : NULL;
}

/* Copy an array of n bytes. */
void *dig_arena_memdup(struct dig_arena *arena, const void *p, size_t n)
{
	void *q;

	if (n == 0)
		return NULL;
	q = dig_arena_bump(arena, n, ARENA_ALIGN);
	if (q)
		memcpy(q, p, n);
	return q;
}

/* Used bytes of one chunk. */
static size_t dig_arena_chunk_used(const struct dig_arena *arena, const struct dig_arena_chunk *c)
{
	return c == arena->head ? arena->used : c->used;
}

/* Sum of used bytes, each chunk padded to the alignment. */
size_t dig_arena_used(const struct dig_arena *arena)
{
	size_t n = 0;

	for (const struct dig_arena_chunk *c = arena->head; c; c = c->next)
		n += (dig_arena_chunk_used(arena, c) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	return n;
}

/* Copy chunk by chunk, remembering where each went. */
size_t dig_arena_flatten(const struct dig_arena *arena, char *dst, struct dig_arena_move *moves, size_t cap)
{
	size_t n = 0, at = 0;

	for (const struct dig_arena_chunk *c = arena->head; c; c = c->next) {
		size_t u = dig_arena_chunk_used(arena, c);
		if (n == cap)
			return 0;
		moves[n].from = (const char *)c->data;
		moves[n].len = u;
		moves[n].to = dst + at;
		if (u)
			memcpy(dst + at, c->data, u);
		at += (u + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
		n++;
	}
	return n;
}

/* Find the chunk holding p (a handful of chunks: a linear scan). */
const void *dig_arena_moved(const struct dig_arena_move *moves, size_t n, const void *p)
{
	uintptr_t q = (uintptr_t)p;

	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uintptr_t from = (uintptr_t)moves[i].from;
		if (q >= from && q - from < moves[i].len)
			return moves[i].to + (q - from);
	}
	return p;
}
