/* One of the headers sys/param.h brings. */
int part50_get(int);
#define PART50_GET(x) part50_get(x)
