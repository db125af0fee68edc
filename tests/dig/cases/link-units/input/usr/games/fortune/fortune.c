/* A game with its own allocator in its own folder. */
#include <stdlib.h>

int main(void)
{
	char *line = malloc(80);
	free(line);
	return 0;
}
