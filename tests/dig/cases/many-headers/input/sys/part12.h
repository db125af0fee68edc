/* One of the headers sys/param.h brings. */
int part12_get(int);
#define PART12_GET(x) part12_get(x)
