/* One of the headers sys/param.h brings. */
int part35_get(int);
#define PART35_GET(x) part35_get(x)
