/* Callers of the zone. */
#include <stddef.h>

struct zone { size_t size; void *free; };
void zone_init(struct zone *z, size_t size);
void *zone_get(struct zone *z);
void zone_put(struct zone *z, void *v);

static struct zone bufs;

void net_init(void) { zone_init(&bufs, 128); }
void *net_buf(void) { return zone_get(&bufs); }
void *net_hdr(void) { return zone_get(&bufs); }
void net_done(void *b) { zone_put(&bufs, b); }
