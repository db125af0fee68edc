/* Generic list helpers, inline: they move nodes and allocate nothing. */
#include <stddef.h>

typedef struct chain_node {
	struct chain_node *next;
} chain_node;

typedef struct {
	chain_node *head;
} chain_control;

#define CHAIN_DEFINE_EMPTY(name) chain_control name = { NULL }

static inline int chain_is_empty(const chain_control *c)
{
	return c->head == NULL;
}

static inline chain_node *chain_get_first(chain_control *c)
{
	chain_node *n = c->head;
	c->head = n->next;
	return n;
}

static inline chain_node *chain_get(chain_control *c)
{
	if (chain_is_empty(c))
		return NULL;
	return chain_get_first(c);
}

static inline void chain_append(chain_control *c, chain_node *n)
{
	n->next = c->head;
	c->head = n;
}
