/* One of the headers sys/param.h brings. */
int part48_get(int);
#define PART48_GET(x) part48_get(x)
