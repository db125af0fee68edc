/* The library's own names for raw memory: pointers written without a star. */
typedef const void *cpointer;
typedef void *vpointer;
typedef unsigned long usize;
