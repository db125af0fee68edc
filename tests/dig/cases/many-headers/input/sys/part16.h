/* One of the headers sys/param.h brings. */
int part16_get(int);
#define PART16_GET(x) part16_get(x)
