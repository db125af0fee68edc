/* Ends the debugging rename: files that include this after dbgmalloc.h call the C
 * library's malloc again. */
#undef malloc
