/* One of the headers sys/param.h brings. */
int part05_get(int);
#define PART05_GET(x) part05_get(x)
