/* One of the headers sys/param.h brings. */
int part42_get(int);
#define PART42_GET(x) part42_get(x)
