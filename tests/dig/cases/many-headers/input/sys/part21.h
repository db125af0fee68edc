/* One of the headers sys/param.h brings. */
int part21_get(int);
#define PART21_GET(x) part21_get(x)
