/* One of the headers sys/param.h brings. */
int part46_get(int);
#define PART46_GET(x) part46_get(x)
