/* A checked heap and its dups. x_memdup copies from a cpointer, a typedef of the headers
 * for a pointer to raw memory, and returns a vpointer: a dup (x_malloc, then memcpy of the
 * parameter as is), though no `*` is written. x_attach takes a cpointer too but hands it to
 * a set-up call, not a copy: no dup. */
#include <stdlib.h>
#include <string.h>
#include "../include/types.h"

void ctx_attach(vpointer block, cpointer owner);

vpointer x_malloc(usize n_bytes)
{
	vpointer p = malloc(n_bytes);
	if (!p)
		abort();
	return p;
}

void x_free(vpointer p)
{
	free(p);
}

vpointer x_memdup(cpointer mem, usize byte_size)
{
	vpointer new_mem;
	if (mem && byte_size != 0) {
		new_mem = x_malloc(byte_size);
		memcpy(new_mem, mem, byte_size);
	} else
		new_mem = NULL;
	return new_mem;
}

vpointer x_attach(cpointer owner, usize byte_size)
{
	vpointer block = x_malloc(byte_size);
	ctx_attach(block, owner);
	return block;
}
