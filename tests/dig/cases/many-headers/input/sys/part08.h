/* One of the headers sys/param.h brings. */
int part08_get(int);
#define PART08_GET(x) part08_get(x)
