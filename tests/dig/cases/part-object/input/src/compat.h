/* The wrappers, the statement macro that stores one fixed-size object into its first argument, and a growable buffer. */
#include <stddef.h>
void *xcalloc(size_t n, size_t size);
void *xmalloc(size_t size);
#define CALLOC_ARRAY(x, alloc) (x) = xcalloc((alloc), sizeof(*(x)))
struct strbuf { char *buf; size_t len, alloc; };
void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
