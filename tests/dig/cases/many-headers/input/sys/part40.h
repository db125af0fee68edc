/* One of the headers sys/param.h brings. */
int part40_get(int);
#define PART40_GET(x) part40_get(x)
