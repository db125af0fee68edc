#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_alloc0(size_t n);
void *mem_alloc0_n(size_t n, size_t size);
void *mem_alloc_n(size_t n, size_t size);
void mem_free(void *p);
void *pool_alloc(size_t n);
void *_pool_alloc(size_t n);
void pool_release(void *p);
void *heap_alloc(size_t size);
void *heap_alloc_block(size_t size);
void heap_free(void *p);
void *span_alloc(size_t size);
void *span_alloc_aligned(size_t size, size_t align);
void span_hole(void *p, size_t size);
struct slab;
void *slab_alloc(struct slab *s, size_t n);
void *slab_block_alloc(struct slab *s, size_t n);
void slab_free(struct slab *s, void *p);
void mutex_lock(int *l);
void mutex_unlock(int *l);

static int app_lock;

int use(struct slab *s)
{
	void *a = mem_alloc0_n(4, 8);
	void *b = mem_alloc0_n(2, 8);
	void *c = mem_alloc0_n(3, 8);
	void *d = mem_alloc(3);
	void *e = mem_alloc_n(3, 4);
	void *f = mem_alloc0(3);
	void *g = pool_alloc(16);
	void *h = pool_alloc(32);
	void *i = _pool_alloc(8);
	void *j = pool_alloc(64);
	void *k = pool_alloc(128);
	void *l = heap_alloc(8);
	void *m = heap_alloc(16);
	void *o = heap_alloc_block(4096);
	void *q = slab_alloc(s, 24);
	void *r = slab_alloc(s, 24);
	void *t;
	void *u = span_alloc_aligned(100, 64);
	void *v = span_alloc_aligned(200, 64);
	void *w = span_alloc_aligned(300, 64);
	void *x = span_alloc(16);
	mutex_lock(&app_lock);
	t = slab_block_alloc(s, 24);
	mutex_unlock(&app_lock);
	mem_free(a);
	mem_free(b);
	mem_free(c);
	mem_free(d);
	mem_free(e);
	mem_free(f);
	pool_release(g);
	pool_release(h);
	pool_release(i);
	pool_release(j);
	pool_release(k);
	heap_free(l);
	heap_free(m);
	heap_free(o);
	slab_free(s, q);
	slab_free(s, r);
	slab_free(s, t);
	span_hole(u, 100);
	span_hole(v, 200);
	span_hole(w, 300);
	span_hole(x, 16);
	return 0;
}
