/* Another program beside ls. */
#include <stdlib.h>

int main(void)
{
	char *buf = malloc(4096);
	free(buf);
	return 0;
}
