/* One of the headers sys/param.h brings. */
int part28_get(int);
#define PART28_GET(x) part28_get(x)
