/* One of the headers sys/param.h brings. */
int part57_get(int);
#define PART57_GET(x) part57_get(x)
