/* One of the headers sys/param.h brings. */
int part02_get(int);
#define PART02_GET(x) part02_get(x)
