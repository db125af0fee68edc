/* One of the headers sys/param.h brings. */
int part56_get(int);
#define PART56_GET(x) part56_get(x)
