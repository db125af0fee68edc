/* The simulator's allocation hooks are macros over the C library. */
#include <stdlib.h>
#define sim_alloc(size) calloc(1, size)
#define sim_free(p) free(p)
