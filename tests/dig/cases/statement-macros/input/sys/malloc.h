/* BSD-style kernel malloc: the MALLOC macro is a statement, an assignment around a call. */
#ifndef _SYS_MALLOC_H_
#define _SYS_MALLOC_H_
#define M_DEVBUF 2
#define M_MBUF 3
#define M_WAITOK 0
void *malloc(unsigned long size, int type, int flags);
void free(void *addr, int type);
#define MALLOC(space, cast, size, type, flags) \
	(space) = (cast)malloc((unsigned long)(size), (type), (flags))
#define FREE(addr, type) do { \
	if ((addr) != 0) \
		free((void *)(addr), (type)); \
} while (0)
#endif
