/* One of the headers sys/param.h brings. */
int part43_get(int);
#define PART43_GET(x) part43_get(x)
