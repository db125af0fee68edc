#define xmalloc malloc
#define xfree free
