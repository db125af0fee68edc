/* One of the headers sys/param.h brings. */
int part17_get(int);
#define PART17_GET(x) part17_get(x)
