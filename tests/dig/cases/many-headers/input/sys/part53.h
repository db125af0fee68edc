/* One of the headers sys/param.h brings. */
int part53_get(int);
#define PART53_GET(x) part53_get(x)
