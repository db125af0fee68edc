/* Near miss: an object-descriptor allocator that takes the caller's module name and line
 * (a string, not memory to lay out) and hands out an object from its cache. */
struct object {
	struct object *next;
	int type;
};

static struct object *operand_cache;
void *acquire_object(struct object **cache);
void release_object(struct object **cache, void *o);

void *
obj_desc_alloc(const char *module, int line)
{
	struct object *o = acquire_object(&operand_cache);
	if (!o)
		return 0;
	o->type = line;
	return o;
}

int
obj_use(void)
{
	void *o = obj_desc_alloc("mod", 1);
	release_object(&operand_cache, o);
	return 0;
}
