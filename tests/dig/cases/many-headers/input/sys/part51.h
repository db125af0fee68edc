/* One of the headers sys/param.h brings. */
int part51_get(int);
#define PART51_GET(x) part51_get(x)
