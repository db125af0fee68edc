/* The system call stub of the same library, kept apart from the break. */
#include <stddef.h>

long __syscall6(long n, long a, long b, long c, long d, long e, long f);

/* a system call stub that caches a static: the kernel's memory, not a break of its own */
void *
mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)
{
	static int calls;
	void *ret;

	calls++;
	ret = (void *)__syscall6(9, (long)addr, (long)length, prot, flags, fd, offset);
	return ret;
}
