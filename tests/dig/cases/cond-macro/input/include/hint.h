#ifndef HINT_H
#define HINT_H

/* branch hints: to a compiler without them, the condition as it is */
#if defined (__GNUC__)
#  define LIKELY(expr)   (__builtin_expect (!!(expr), 1))
#  define UNLIKELY(expr) (__builtin_expect (!!(expr), 0))
#else
#  define LIKELY(expr)   (expr)
#  define UNLIKELY(expr) (expr)
#endif

/* not a hint: it calls a check of its own */
#define VALID(p) (valid_pointer (p))

int valid_pointer (const void *p);

#endif
