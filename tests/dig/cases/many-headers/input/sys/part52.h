/* One of the headers sys/param.h brings. */
int part52_get(int);
#define PART52_GET(x) part52_get(x)
