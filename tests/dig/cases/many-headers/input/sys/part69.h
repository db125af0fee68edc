/* One of the headers sys/param.h brings. */
int part69_get(int);
#define PART69_GET(x) part69_get(x)
