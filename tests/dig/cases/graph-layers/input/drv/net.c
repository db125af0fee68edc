/* Callers of the zone. */
#include <stddef.h>

struct zone { size_t size; void *free; };
void zone_init(struct zone *z, size_t size);
void *zone_alloc(struct zone *z);
void zone_free(struct zone *z, void *v);

static struct zone bufs;

void net_init(void) { zone_init(&bufs, 128); }
void *net_buf(void) { return zone_alloc(&bufs); }
void *net_hdr(void) { return zone_alloc(&bufs); }
void net_done(void *b) { zone_free(&bufs, b); }
