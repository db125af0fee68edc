/* The library's own names for C types: an untyped pointer, a character, a handle and a
 * record. */
#include <stddef.h>

typedef void *anyptr;
typedef char letter;
typedef struct node *node_ref;
typedef struct record {
	int count;
	int key;
} Record;

anyptr mem_alloc(size_t nbytes);
void mem_free(anyptr p);
