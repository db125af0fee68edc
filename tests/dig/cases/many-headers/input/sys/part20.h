/* One of the headers sys/param.h brings. */
int part20_get(int);
#define PART20_GET(x) part20_get(x)
