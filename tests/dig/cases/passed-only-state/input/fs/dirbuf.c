/* A file system's directory buffers: the heap's memory as is; a statistics record both
 * sides bump through atomic calls and a log handle both sides print with are handed to
 * calls made for their effect, no state of an allocator: a wrapper. */
#include <stddef.h>

void *heap_malloc(unsigned long n);
void heap_free(void *p);
void atomic_add_64(unsigned long *target, long delta);
void fs_log(void *handle, const char *fmt, ...);

struct fs_stats {
	struct {
		unsigned long bytes;
		unsigned long count;
	} dirbufs;
};

struct fs_stats fs_stats_debug;
void *fs_log_handle;

char *dirbuf_alloc(size_t size)
{
	char *p = heap_malloc(size);
	if (p != NULL)
		atomic_add_64(&fs_stats_debug.dirbufs.bytes, (long)size);
	fs_log(fs_log_handle, "dirbuf_alloc: %p", p);
	return p;
}

void dirbuf_free(char *p, size_t size)
{
	fs_log(fs_log_handle, "dirbuf_free: %p", p);
	atomic_add_64(&fs_stats_debug.dirbufs.bytes, -(long)size);
	heap_free(p);
}
