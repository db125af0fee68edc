/* sock_alloc takes a family and allocation flags, no size, and asks the object cache
 * sock_cachep (one size: sizeof(struct sock)) for one object, passing its flags along;
 * sock_free gives it back to the same cache: fixed-size objects. */
struct cache;
struct cache *cache_create(const char *name, unsigned long objsize);
void *cache_alloc(struct cache *cp, int flags);
void cache_free(struct cache *cp, void *obj);
void *memset(void *s, int c, unsigned long n);
struct sock { int family; int state; struct sock *next; };
static struct cache *sock_cachep;

struct sock *sock_alloc(int family, int priority, int zero_it)
{
	struct sock *sk = cache_alloc(sock_cachep, priority);
	if (sk) {
		if (zero_it)
			memset(sk, 0, sizeof(struct sock));
		sk->family = family;
	}
	return sk;
}

void sock_free(struct sock *sk)
{
	cache_free(sock_cachep, sk);
}

void sock_init(void)
{
	sock_cachep = cache_create("sock", sizeof(struct sock));
}
