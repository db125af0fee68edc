/* One of the headers sys/param.h brings. */
int part19_get(int);
#define PART19_GET(x) part19_get(x)
