#define malloc(n) a_malloc(n)
