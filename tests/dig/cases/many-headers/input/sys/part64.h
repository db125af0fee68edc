/* One of the headers sys/param.h brings. */
int part64_get(int);
#define PART64_GET(x) part64_get(x)
