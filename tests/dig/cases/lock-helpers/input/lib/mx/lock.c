/* The mutex itself, outside the allocator. */
#include <pthread.h>

pthread_mutex_t mx_mutex = PTHREAD_MUTEX_INITIALIZER;
