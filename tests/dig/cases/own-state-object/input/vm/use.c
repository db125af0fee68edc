/* Callers. */
struct vm_object;
struct tree;
extern struct vm_page *vm_pagealloc_strat(struct vm_object *obj, long off, int flags, int strat, int free_list);
extern void vm_pagefree(struct vm_page *pg);
extern struct node *node_alloc_keyed(struct tree *t, int key, int flags);

struct vm_page *fault_page(struct vm_object *obj, long off)
{
	return vm_pagealloc_strat(obj, off, 0, 0, 0);
}

struct node *tree_add(struct tree *t, int key)
{
	return node_alloc_keyed(t, key, 0);
}
