/* One of the headers sys/param.h brings. */
int part22_get(int);
#define PART22_GET(x) part22_get(x)
