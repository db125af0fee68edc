/* A user program under the i386 port's folder: its malloc is the C library's, not the
 * i386 kernel's malloc beside it (ports build kernels apart; user programs link libc). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

static void
die(const char *msg)
{
	fputs(msg, stderr);
	exit(1);
}

void *
safe_malloc(size_t size)
{
	void *a;

	if ((a = malloc(size)) == NULL)
		die("out of memory\n");
	return a;
}

int
main(int argc, char **argv)
{
	char *buf = safe_malloc(64);

	buf[0] = argc > 1 ? argv[1][0] : 0;
	return buf[0];
}
