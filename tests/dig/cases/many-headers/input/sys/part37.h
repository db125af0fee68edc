/* One of the headers sys/param.h brings. */
int part37_get(int);
#define PART37_GET(x) part37_get(x)
