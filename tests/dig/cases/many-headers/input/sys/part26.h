/* One of the headers sys/param.h brings. */
int part26_get(int);
#define PART26_GET(x) part26_get(x)
