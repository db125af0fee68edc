/* One of the headers sys/param.h brings. */
int part03_get(int);
#define PART03_GET(x) part03_get(x)
