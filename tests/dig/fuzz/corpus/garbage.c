int f(void) { return g(((((((((1))))))))); }
#if
#elif 0
#else
#endif
}}}{{{
/* unterminated