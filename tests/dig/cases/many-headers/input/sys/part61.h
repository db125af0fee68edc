/* One of the headers sys/param.h brings. */
int part61_get(int);
#define PART61_GET(x) part61_get(x)
