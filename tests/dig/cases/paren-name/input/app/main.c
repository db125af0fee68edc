#include "text.h"

int main (int argc, char **argv)
{
	char *name = text_dup (argv[0]);

	return name == NULL || argc < 0;
}
