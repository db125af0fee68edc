/* One of the headers sys/param.h brings. */
int part70_get(int);
#define PART70_GET(x) part70_get(x)
