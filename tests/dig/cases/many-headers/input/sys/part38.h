/* One of the headers sys/param.h brings. */
int part38_get(int);
#define PART38_GET(x) part38_get(x)
