/* One of the headers sys/param.h brings. */
int part65_get(int);
#define PART65_GET(x) part65_get(x)
