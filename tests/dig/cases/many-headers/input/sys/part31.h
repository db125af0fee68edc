/* One of the headers sys/param.h brings. */
int part31_get(int);
#define PART31_GET(x) part31_get(x)
