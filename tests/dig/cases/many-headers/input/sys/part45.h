/* One of the headers sys/param.h brings. */
int part45_get(int);
#define PART45_GET(x) part45_get(x)
