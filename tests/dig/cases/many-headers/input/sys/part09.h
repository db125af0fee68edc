/* One of the headers sys/param.h brings. */
int part09_get(int);
#define PART09_GET(x) part09_get(x)
