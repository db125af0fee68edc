/* The allocator's internals, shared by its files through this header. */
struct meta { struct meta *next; unsigned long size; };
extern struct meta *ng_heads[8];

static inline struct meta *get_meta(void *p)
{
	return (struct meta *)p - 1;
}

static inline void set_size(void *p, unsigned long n)
{
	get_meta(p)->size = n;
}

static inline void free_meta(struct meta *m)
{
	m->next = ng_heads[0];
	ng_heads[0] = m;
}
