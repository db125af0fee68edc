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

/* The lexer's step to the next character, as ts_lexer__advance takes it, with a short way
 * for the common case. The grammar's generated lexer calls it for every byte it reads; the
 * runtime's own path is three calls deep (the step, the move, then decoding the next
 * character through a function pointer), about 9% of a scan's instructions. When the
 * character read is one byte and no newline, the next byte lies in the same included range
 * (a non-empty one) and in the chunk at hand, and it is ASCII, the step is exactly what
 * ts_lexer__do_advance does then: the column (and the column data) one further, the byte
 * position one further, the token start moved along when skipping, and the lookahead that
 * byte, one byte long (what ts_decode_utf8 gives for it). Anything else takes the runtime's
 * path. */
static void strata_ts_lexer_advance(TSLexer *_self, bool skip)
{
	Lexer *self = (Lexer *)_self;

	if (!self->chunk)
		return;
	if (!self->logger.log && self->lookahead_size == 1 && self->data.lookahead != '\n' &&
	    self->current_included_range_index < self->included_range_count) {
		const TSRange *r = &self->included_ranges[self->current_included_range_index];
		uint32_t next = self->current_position.bytes + 1;
		if (next < r->end_byte && r->end_byte != r->start_byte && next >= self->chunk_start &&
		    next - self->chunk_start < self->chunk_size) {
			uint8_t c = ((const uint8_t *)self->chunk)[next - self->chunk_start];
			if (c < 0x80) {
				ts_lexer__increment_column_data(self);
				self->current_position.extent.column++;
				self->current_position.bytes = next;
				if (skip)
					self->token_start_position = self->current_position;
				self->data.lookahead = c;
				self->lookahead_size = 1;
				return;
			}
		}
	}
	ts_lexer__advance(_self, skip);
}

/* A parser as ts_parser_new makes it, its lexer stepping with strata_ts_lexer_advance. */
TSParser *strata_ts_parser_new(void);

TSParser *strata_ts_parser_new(void)
{
	TSParser *parser = ts_parser_new();

	if (parser)
		parser->lexer.data.advance = strata_ts_lexer_advance;
	return parser;
}
