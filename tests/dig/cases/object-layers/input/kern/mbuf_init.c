/* The mbuf zone is made at start-up. */
#include <stddef.h>

struct zone;
struct zone *zone_create(size_t size);

struct zone *zone_mbuf;

void mbuf_init(void)
{
	zone_mbuf = zone_create(256);
}
