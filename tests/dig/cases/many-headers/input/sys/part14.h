/* One of the headers sys/param.h brings. */
int part14_get(int);
#define PART14_GET(x) part14_get(x)
