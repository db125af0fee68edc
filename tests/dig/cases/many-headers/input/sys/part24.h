/* One of the headers sys/param.h brings. */
int part24_get(int);
#define PART24_GET(x) part24_get(x)
