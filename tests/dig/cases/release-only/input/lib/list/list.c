/* Destructors: they free the parts of a structure and hand nothing out. No
 * implementation, even where the pointer they free is raw memory (a string vector). */
struct list { char **items; int n; };

void free(void *p);

void list_free(struct list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	free(l);
}

void strv_free(char **v)
{
	for (int i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}
