/* One of the headers sys/param.h brings. */
int part15_get(int);
#define PART15_GET(x) part15_get(x)
