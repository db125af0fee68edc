/* One of the headers sys/param.h brings. */
int part30_get(int);
#define PART30_GET(x) part30_get(x)
