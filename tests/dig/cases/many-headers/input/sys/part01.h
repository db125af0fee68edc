/* One of the headers sys/param.h brings. */
int part01_get(int);
#define PART01_GET(x) part01_get(x)
