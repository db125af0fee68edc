#define malloc(n) b_malloc(n)
