/* One of the headers sys/param.h brings. */
int part62_get(int);
#define PART62_GET(x) part62_get(x)
