/* One of the headers sys/param.h brings. */
int part60_get(int);
#define PART60_GET(x) part60_get(x)
