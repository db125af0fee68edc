/* One of the headers sys/param.h brings. */
int part18_get(int);
#define PART18_GET(x) part18_get(x)
