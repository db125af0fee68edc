/* One of the headers sys/param.h brings. */
int part11_get(int);
#define PART11_GET(x) part11_get(x)
