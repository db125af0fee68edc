/* A sibling game: fortune's pool is not linked into it. */
#include <stdlib.h>

int main(void)
{
	void *monster = malloc(64);
	free(monster);
	return 0;
}
