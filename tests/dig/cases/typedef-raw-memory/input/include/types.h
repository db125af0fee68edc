/* The library's own names for C types: an untyped pointer, a character, and a handle. */
#include <stddef.h>

typedef void *anyptr;
typedef char letter;
typedef struct node *node_ref;

anyptr mem_alloc(size_t nbytes);
void mem_free(anyptr p);
