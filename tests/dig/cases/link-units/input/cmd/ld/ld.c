/* The link editor: built with the runtime linker's private allocator below it. */
#include <stdlib.h>

int main(void)
{
	void *sect = malloc(128);
	free(sect);
	return 0;
}
