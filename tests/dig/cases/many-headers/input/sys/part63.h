/* One of the headers sys/param.h brings. */
int part63_get(int);
#define PART63_GET(x) part63_get(x)
