/*
 * cmake/ts_lib.c: tree-sitter's runtime (lib.c, fetched from npm) built as it comes, plus one
 * function that reads its internals: strata_ts_children, all the children of a node at once.
 *
 * Why. The tree walk (dig/scan/extract.c) visits every child of most nodes. Through a
 * TSTreeCursor each step to the next sibling pops the cursor's entry, rebuilds the parent's
 * child iterator, skips back to the entry and steps again, and walks up and down the hidden
 * nodes between (a statement list is a balanced tree of hidden repeat nodes): callgrind put
 * about 800 instructions on every ts_tree_cursor_goto_next_sibling, 7% of a scan. Reading
 * the children with the runtime's own node iterator (node.c), descending into hidden nodes
 * the way the cursor does, costs a few dozen a child.
 *
 * What it answers is what the cursor answers: the visible children in order (a child is
 * visible when its symbol is, or when its parent's production aliases it; a hidden child
 * with visible children is descended into, one without is passed over), each as the node
 * ts_tree_cursor_current_node would give and with the field ts_tree_cursor_current_field_id
 * would give (the first non-inherited field-map entry for the child's structural index in
 * its parent's production, then the same for each hidden ancestor up to the node; none for
 * an extra).
 */
#include STRATA_TS_LIB

#include <stdlib.h>

/* The visible children of node into kids[0..cap) and, unless fields is NULL, their fields
 * into fields[0..cap). Returns how many there are (when more than cap, call again with room
 * for all), or UINT32_MAX when out of memory. Flattened: the runtime's small static
 * helpers (the node iterator) are not all inlined at -O2 otherwise. */
uint32_t strata_ts_children(TSNode node, TSNode *kids, TSFieldId *fields, uint32_t cap)
	__attribute__((flatten));

uint32_t strata_ts_children(TSNode node, TSNode *kids, TSFieldId *fields, uint32_t cap)
{
	NodeChildIterator local[32], *st = local;
	uint32_t depth = sizeof(local) / sizeof(local[0]), top = 0, n = 0;
	const TSLanguage *lang = node.tree->language;
	TSNode child;

	st[0] = ts_node_iterate_children(&node);
	for (;;) {
		if (!ts_node_child_iterator_next(&st[top], &child)) {
			if (top == 0)
				break;
			top--;
			continue;
		}
		Subtree sub = ts_node__subtree(child);
		if (!ts_node__is_relevant(child, true)) {
			if (ts_subtree_visible_child_count(sub) == 0)
				continue;
			if (top + 1 == depth) {       /* hidden nodes nested deeper than ever seen */
				NodeChildIterator *p = malloc(2 * (size_t)depth * sizeof(*p));
				if (!p) {
					if (st != local)
						free(st);
					return UINT32_MAX;
				}
				memcpy(p, st, (size_t)depth * sizeof(*p));
				if (st != local)
					free(st);
				st = p;
				depth *= 2;
			}
			st[++top] = ts_node_iterate_children(&child);
			continue;
		}
		if (n < cap && !fields) {
			kids[n] = child;
		} else if (n < cap) {
			TSFieldId field = 0;
			/* the child in frame top, then each hidden node in the frame below it */
			for (uint32_t k = top + 1; k-- > 0;) {
				const Subtree *entry = &ts_subtree_children(st[k].parent)[st[k].child_index - 1];
				if (ts_subtree_extra(*entry))
					break;
				const TSFieldMapEntry *map, *end;
				ts_language_field_map(lang, st[k].parent.ptr->production_id, &map, &end);
				for (; map < end; map++)
					if (!map->inherited && map->child_index == st[k].structural_child_index - 1) {
						field = map->field_id;
						break;
					}
				if (field)
					break;
			}
			kids[n] = child;
			fields[n] = field;
		}
		n++;
	}
	if (st != local)
		free(st);
	return n;
}
