/*
 * tests/alloc/freestanding/fs_start.c: the whole "C runtime" of the freestanding proof.
 *
 * No libc is linked, so this file supplies what a kernel or firmware would: the entry
 * point (_start, which aligns the stack, calls fs_main and exits with its result), two
 * raw Linux x86-64 system calls (write = 1, exit_group = 231) in inline assembly, and the
 * four memory functions the C compiler may emit calls to even under -ffreestanding
 * (memcpy, memmove, memset, memcmp). They are byte loops; GCC is told not to turn those
 * loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

#include "fs.h"

/* _start: %rsp points at argc; align it to 16 as the ABI wants before a call. */
__asm__(".text\n"
        ".globl _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "  xor %ebp, %ebp\n"
        "  and $-16, %rsp\n"
        "  call fs_main\n"
        "  mov %eax, %edi\n"
        "  mov $231, %eax\n"
        "  syscall\n"
        "  hlt\n");

/* write(2) as a raw system call; returns what the kernel returned. */
long fs_sys_write(int fd, const void *buf, size_t len)
{
	long ret;
	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(1L), "D"((long)fd), "S"(buf), "d"(len)
	                 : "rcx", "r11", "memory");
	return ret;
}

/* exit_group(2) as a raw system call; does not return. */
void fs_sys_exit(int code)
{
	for (;;)
		__asm__ volatile("syscall" : : "a"(231L), "D"((long)code) : "rcx", "r11", "memory");
}

#if defined(__GNUC__) && !defined(__clang__)
#define FS_NO_IDIOM __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define FS_NO_IDIOM
#endif

/* Copy n bytes forward (regions must not overlap). */
FS_NO_IDIOM void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Copy n bytes between possibly overlapping regions. */
FS_NO_IDIOM void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

/* Fill n bytes with c. */
FS_NO_IDIOM void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

/* Compare n bytes. */
FS_NO_IDIOM int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}
