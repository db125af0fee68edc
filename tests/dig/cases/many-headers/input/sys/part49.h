/* One of the headers sys/param.h brings. */
int part49_get(int);
#define PART49_GET(x) part49_get(x)
