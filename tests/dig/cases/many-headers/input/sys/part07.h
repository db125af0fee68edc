/* One of the headers sys/param.h brings. */
int part07_get(int);
#define PART07_GET(x) part07_get(x)
