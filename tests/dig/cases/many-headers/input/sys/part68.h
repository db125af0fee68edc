/* One of the headers sys/param.h brings. */
int part68_get(int);
#define PART68_GET(x) part68_get(x)
