/* One of the headers sys/param.h brings. */
int part25_get(int);
#define PART25_GET(x) part25_get(x)
