/* One of the headers sys/param.h brings. */
int part66_get(int);
#define PART66_GET(x) part66_get(x)
