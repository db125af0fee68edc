/* One of the headers sys/param.h brings. */
int part23_get(int);
#define PART23_GET(x) part23_get(x)
