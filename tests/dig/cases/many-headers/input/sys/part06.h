/* One of the headers sys/param.h brings. */
int part06_get(int);
#define PART06_GET(x) part06_get(x)
