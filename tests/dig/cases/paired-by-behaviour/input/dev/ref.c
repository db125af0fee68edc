/* A reference taken on an object it is given, and dropped: no allocator. */
struct obj {
	int ref;
};

extern void obj_destroy(struct obj *o);

struct obj *obj_get(struct obj *o, int flags)
{
	o->ref += flags ? 1 : 1;
	return o;
}

void obj_put(struct obj *o)
{
	if (--o->ref == 0)
		obj_destroy(o);
}
