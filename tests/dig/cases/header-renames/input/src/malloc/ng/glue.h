/* The engine's public names are renamed for the whole engine. */
#define malloc __libc_malloc_impl
#define free __libc_free
