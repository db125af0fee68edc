/* The library's build words: WSD marks writable static data (empty unless a port keeps
 * such data elsewhere). */
#ifdef OMIT_WSD
#define LIB_WSD const
#else
#define LIB_WSD
#endif

struct mem_methods {
	void *(*xMalloc)(int);
	void (*xFree)(void *);
};
