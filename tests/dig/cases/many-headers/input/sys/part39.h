/* One of the headers sys/param.h brings. */
int part39_get(int);
#define PART39_GET(x) part39_get(x)
