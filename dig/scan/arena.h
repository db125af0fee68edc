/*
 * dig/scan/arena.h: a bump allocator that owns the strings and arrays of one file's facts
 * (or of a whole tree's bookkeeping). Everything allocated from an arena dies with it in
 * one dig_arena_destroy(); nothing is freed one by one.
 *
 * Two uses. A file's arena holds its finished facts and is sized exactly (the scan packs
 * the facts into one block, so memory is what the facts need, not a doubling's slack). A
 * thread's scratch arena collects a file's strings while it is extracted, is reset for the
 * next file, and is flattened into the file's block at the end: dig_arena_flatten copies
 * the used bytes of every chunk and dig_arena_moved translates a pointer into the copy.
 * Typed allocations are 8-byte aligned; strings are not aligned (no padding per string).
 * Not thread-safe: one arena has one writer at a time.
 */
#ifndef STRATA_DIG_SCAN_ARENA_H
#define STRATA_DIG_SCAN_ARENA_H

#include <stddef.h>

struct dig_arena_chunk;

struct dig_arena {
	struct dig_arena_chunk *head;  /* newest chunk; older ones are linked behind it */
	size_t used;                   /* bytes used in head */
	size_t cap;                    /* bytes available in head */
	size_t total;                  /* bytes of all chunks, for memory accounting */
	size_t wasted;                 /* bytes left unused at the end of full chunks */
	size_t next_size;              /* size of the next chunk to add (grows to 1 MiB) */
};

/* Where one chunk's used bytes went in a flattened copy. */
struct dig_arena_move {
	const char *from;              /* the chunk's first byte */
	size_t len;                    /* its used bytes */
	char *to;                      /* their copy */
};

/* Create an empty arena; NULL when out of memory. */
struct dig_arena *dig_arena_create(void);
/* Create an arena whose first chunk holds `first` bytes (exact-size blocks). */
struct dig_arena *dig_arena_create_sized(size_t first);
/* Free the arena and everything allocated from it. NULL is allowed. */
void dig_arena_destroy(struct dig_arena *arena);
/* Forget every allocation but keep the newest chunk for reuse. */
void dig_arena_reset(struct dig_arena *arena);
/* Allocate n bytes aligned to 8, zeroed; NULL when out of memory. */
void *dig_arena_alloc(struct dig_arena *arena, size_t n);
/* Copy n bytes of s into the arena and NUL-terminate them (no alignment). */
char *dig_arena_strndup(struct dig_arena *arena, const char *s, size_t n);
/* Copy a NUL-terminated string into the arena (NULL stays NULL). */
char *dig_arena_strdup(struct dig_arena *arena, const char *s);
/* Copy n bytes (an array) into the arena, aligned to 8; NULL when n is 0. */
void *dig_arena_memdup(struct dig_arena *arena, const void *p, size_t n);
/* Bytes a flattened copy of the arena needs (used bytes, each chunk padded to 8). */
size_t dig_arena_used(const struct dig_arena *arena);
/* Copy the used bytes of every chunk into dst (dig_arena_used bytes, 8-aligned) and record
 * the moves; returns the number of moves, or 0 when there are more chunks than cap. */
size_t dig_arena_flatten(const struct dig_arena *arena, char *dst, struct dig_arena_move *moves, size_t cap);
/* Translate a pointer into the arena to its flattened copy; other pointers (string
 * literals, NULL) come back unchanged. */
const void *dig_arena_moved(const struct dig_arena_move *moves, size_t n, const void *p);

#endif /* STRATA_DIG_SCAN_ARENA_H */
