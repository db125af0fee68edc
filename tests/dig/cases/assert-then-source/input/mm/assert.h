/* the assertion: gone from a build without it; its argument is only tested */
void assert_fail(const char *file, int line, const char *expr);
#define ASSERT(c) do { if (!(c)) assert_fail(__FILE__, __LINE__, #c); } while (0)
