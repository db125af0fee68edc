/* A library that wraps every exported definition's return type in a linkage macro. */
#define LIB_EXPORT(type) type
#define LIB_EXPORT_VA(type) type

typedef unsigned long lib_size;
typedef struct arena arena;

LIB_EXPORT(void *) arena_alloc(arena *a, lib_size size);
LIB_EXPORT(void) arena_reset(arena *a);
