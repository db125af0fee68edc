/* One of the headers sys/param.h brings. */
int part34_get(int);
#define PART34_GET(x) part34_get(x)
