/*
 * The pool's options: each one a default the build may override (-D, or a config
 * header of its own), the way configuration-driven C libraries give them.
 */
#ifndef POOL_OPT_H
#define POOL_OPT_H

#ifndef POOL_CHECKS
#define POOL_CHECKS 0
#endif

#if !defined POOL_STATS || defined __DOXYGEN__
#define POOL_STATS 0
#endif

#define POOL_VERSION 3

#endif /* POOL_OPT_H */
