/* One of the headers sys/param.h brings. */
int part41_get(int);
#define PART41_GET(x) part41_get(x)
