/* One of the headers sys/param.h brings. */
int part47_get(int);
#define PART47_GET(x) part47_get(x)
