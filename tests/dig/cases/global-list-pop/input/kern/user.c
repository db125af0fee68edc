/* The callers. */
typedef struct proxy proxy;
proxy *proxy_allocate(int id);
void proxy_free(proxy *p);
void proxy_initialize(void);

void proxy_user(void)
{
	proxy *a, *b;
	proxy_initialize();
	a = proxy_allocate(1);
	b = proxy_allocate(2);
	proxy_free(a);
	proxy_free(b);
}
