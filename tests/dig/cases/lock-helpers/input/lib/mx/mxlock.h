/* The allocator's lock: a pthread mutex behind two helpers. */
#include <pthread.h>

extern pthread_mutex_t mx_mutex;

static inline void mx_lock(void)
{
	pthread_mutex_lock(&mx_mutex);
}

static inline void mx_unlock(void)
{
	pthread_mutex_unlock(&mx_mutex);
}
