/* The compiler's arena: a bump pointer and its limit, shared by its files (as old
 * compilers kept them, in a header). */
char *curbase;
char *coremax;
char *sbrk();
