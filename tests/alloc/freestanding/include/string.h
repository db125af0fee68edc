/*
 * tests/alloc/freestanding/include/string.h: the whole <string.h> of the freestanding
 * proof. Any C compiler may emit calls to these four even under -ffreestanding, so every
 * freestanding environment (kernel, firmware) supplies them, and libstrata's core may
 * use them; nothing else of <string.h> exists here. fs_start.c implements them.
 */
#ifndef STRATA_TESTS_FS_STRING_H
#define STRATA_TESTS_FS_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif /* STRATA_TESTS_FS_STRING_H */
