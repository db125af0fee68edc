/* a terminal: built from the heap and filled in, no reference count; a constructor */
#include <stddef.h>

void *malloc(size_t size);
void free(void *p, size_t size);
void *memset(void *p, int c, size_t n);

struct tty {
	int t_state;
	int t_line;
	char *t_buf;
};

struct tty *ttyget(void)
{
	struct tty *tp;

	tp = malloc(sizeof(struct tty));
	memset(tp, 0, sizeof(*tp));
	tp->t_line = 0;
	return tp;
}

void ttyfree(struct tty *tp)
{
	free(tp, sizeof(*tp));
}

int ttyopen(struct tty **tpp)
{
	*tpp = ttyget();
	return *tpp ? 0 : -1;
}

void ttyclose(struct tty *tp)
{
	ttyfree(tp);
}
