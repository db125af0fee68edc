/* One of the headers sys/param.h brings. */
int part10_get(int);
#define PART10_GET(x) part10_get(x)
