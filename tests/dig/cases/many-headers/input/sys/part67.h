/* One of the headers sys/param.h brings. */
int part67_get(int);
#define PART67_GET(x) part67_get(x)
