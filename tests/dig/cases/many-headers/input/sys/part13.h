/* One of the headers sys/param.h brings. */
int part13_get(int);
#define PART13_GET(x) part13_get(x)
