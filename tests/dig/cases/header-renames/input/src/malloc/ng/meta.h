#include "glue.h"

struct heap {
	char *next;
	char *end;
};

extern struct heap heap_ctx;
