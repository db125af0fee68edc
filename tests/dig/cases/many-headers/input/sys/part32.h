/* One of the headers sys/param.h brings. */
int part32_get(int);
#define PART32_GET(x) part32_get(x)
