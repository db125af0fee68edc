/* One of the headers sys/param.h brings. */
int part33_get(int);
#define PART33_GET(x) part33_get(x)
