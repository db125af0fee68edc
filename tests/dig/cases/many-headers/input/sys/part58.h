/* One of the headers sys/param.h brings. */
int part58_get(int);
#define PART58_GET(x) part58_get(x)
