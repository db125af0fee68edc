/* One of the headers sys/param.h brings. */
int part36_get(int);
#define PART36_GET(x) part36_get(x)
