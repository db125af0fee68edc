/* One of the headers sys/param.h brings. */
int part55_get(int);
#define PART55_GET(x) part55_get(x)
