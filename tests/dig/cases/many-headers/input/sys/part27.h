/* One of the headers sys/param.h brings. */
int part27_get(int);
#define PART27_GET(x) part27_get(x)
