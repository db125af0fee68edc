struct obj;
void *zcalloc(void *opaque, unsigned items, unsigned each);
void zcfree(void *opaque, void *p);
struct obj *obj_alloc(void);
void obj_free(struct obj *o);

int main(void)
{
	void *a = zcalloc(0, 4, 16);
	void *b = zcalloc(0, 8, 16);
	struct obj *o = obj_alloc();
	obj_free(o);
	zcfree(0, a);
	zcfree(0, b);
	return 0;
}
