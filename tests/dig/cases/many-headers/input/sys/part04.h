/* One of the headers sys/param.h brings. */
int part04_get(int);
#define PART04_GET(x) part04_get(x)
