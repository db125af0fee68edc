/* One of the headers sys/param.h brings. */
int part44_get(int);
#define PART44_GET(x) part44_get(x)
