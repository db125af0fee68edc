#include "../include/kernel.h"

struct tab {
	struct tab *next;
	int size;
};

struct tab *tablist;               /* every table made, for a walk */
