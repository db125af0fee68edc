#include <stdlib.h>

#define malloc(n) Malloc(n, __FILE__, __LINE__)
#define free(p) Free(p, __FILE__, __LINE__)

int
main(void)
{
	char *p = malloc(10);

	free(p);
	return 0;
}
