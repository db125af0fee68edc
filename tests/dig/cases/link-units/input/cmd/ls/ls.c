/* A program: its malloc is the C library's, whichever the build links. */
#include <stdlib.h>

int main(int argc, char **argv)
{
	char *names = malloc(argc * 16);
	(void)argv;
	free(names);
	return 0;
}
