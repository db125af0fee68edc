/* A user of the library. */
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char *copy = strdup(argc > 1 ? argv[1] : "none");

	free(copy);
	return 0;
}
