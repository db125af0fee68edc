/* Message buffers: an inline get over the mbuf zone, and its free. */
struct zone;
extern struct zone *zone_mbuf;

void *zone_alloc_arg(struct zone *z, void *arg, int flags);
void zone_free_arg(struct zone *z, void *item, void *arg);

struct mbuf {
	struct mbuf *m_next;
	short m_type;
};

struct mb_args {
	int flags;
	short type;
};

static inline struct mbuf *m_get(int how, short type)
{
	struct mb_args args;

	args.flags = 0;
	args.type = type;
	return (struct mbuf *)zone_alloc_arg(zone_mbuf, &args, how);
}

static inline struct mbuf *m_free(struct mbuf *m)
{
	struct mbuf *n = m->m_next;

	zone_free_arg(zone_mbuf, m, 0);
	return n;
}
