/*
 * dig/cli/main.c: the strata command. Parses the options and hands them to one command.
 */
#include "dig/cli/commands.h"

int main(int argc, char **argv)
{
	return strata_main(argc, argv);
}
