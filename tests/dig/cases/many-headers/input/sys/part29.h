/* One of the headers sys/param.h brings. */
int part29_get(int);
#define PART29_GET(x) part29_get(x)
