/* A constructor and its destructor: tty_alloc gets a tty from the kernel allocator and
 * fills it in for no size; tty_free gives it back. Not an allocator of its own. */
typedef unsigned long size_t;
struct tty {
	int t_qsize;
	int t_dev;
};

extern void *kmem_zalloc(size_t size, int flags);
extern void kmem_free(void *p, size_t size);

static int tty_qsize = 1024;

struct tty *tty_alloc(void)
{
	struct tty *tp = kmem_zalloc(sizeof(*tp), 0);
	tp->t_qsize = tty_qsize;
	tp->t_dev = -1;
	return tp;
}

void tty_free(struct tty *tp)
{
	kmem_free(tp, sizeof(*tp));
}
