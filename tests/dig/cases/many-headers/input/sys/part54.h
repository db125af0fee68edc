/* One of the headers sys/param.h brings. */
int part54_get(int);
#define PART54_GET(x) part54_get(x)
