#include <stdlib.h>

char *
getline_buf(size_t n)
{
	char *b = malloc(n);

	free(b);
	return malloc(n * 2);
}
