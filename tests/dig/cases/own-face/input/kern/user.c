/* Callers of the frame pool, and a forwarder of another file's allocator: a layer that
 * the face rule leaves to the wrapper rules (it takes no size, so it stays a caller). */
#include <stddef.h>

void *frame_alloc_one(int flags);
void frame_free_one(void *p);

void *user_page_alloc(int flags)
{
	return frame_alloc_one(flags);
}

int use(void)
{
	void *p = frame_alloc_one(0);
	void *q = user_page_alloc(1);
	frame_free_one(p);
	frame_free_one(q);
	return 0;
}
