/* A page-frame pool: a free list of frames, taken for a count of pages. Its public face
 * takes only flags and hands on one frame (frame_alloc_one): a wrapper of the pool, found
 * by what it passes on, though it has no size parameter. Beside it, two that are not:
 * frame_alloc_marked sets up what it gets (a call for its effect), frame_alloc_tagged takes
 * a tag it never passes on (it builds from its input). */
#include <stddef.h>

struct frame {
	struct frame *next;
	int tag;
};

static struct frame *free_frames;
static unsigned long nfree;

void frame_mark(void *p, int flags);

void *frame_alloc_multiple(int flags, size_t npages)
{
	struct frame *f = free_frames;
	(void)flags;
	if (f == NULL || npages > nfree)
		return NULL;
	free_frames = f->next;
	nfree -= npages;
	return f;
}

void frame_free_multiple(void *p, size_t npages)
{
	struct frame *f = p;
	f->next = free_frames;
	free_frames = f;
	nfree += npages;
}

void *frame_alloc_one(int flags)
{
	return frame_alloc_multiple(flags, 1);
}

void frame_free_one(void *p)
{
	frame_free_multiple(p, 1);
}

void *frame_alloc_marked(int flags)
{
	void *p = frame_alloc_multiple(flags, 1);
	frame_mark(p, flags);
	return p;
}

void *frame_alloc_tagged(int flags, int tag)
{
	return frame_alloc_multiple(flags, 1);
}
