/* One of the headers sys/param.h brings. */
int part59_get(int);
#define PART59_GET(x) part59_get(x)
