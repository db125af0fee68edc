/* tags: numbered records handed out from a static table by a free list */
struct tag {
	struct tag *next;
	int id;
};

static struct tag tags[64];
static struct tag *tag_free_list;

struct tag *tag_alloc(void)
{
	struct tag *t = tag_free_list;
	if (t)
		tag_free_list = t->next;
	return t;
}

void tag_free(struct tag *t)
{
	t->next = tag_free_list;
	tag_free_list = t;
}
