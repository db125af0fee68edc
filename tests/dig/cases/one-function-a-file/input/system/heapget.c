#include "../include/kernel.h"

void *heapget(unsigned nbytes)
{
	struct block *prev, *curr, *rest;

	if (nbytes == 0)
		return (void *)SYSERR;
	prev = &freelist;
	for (curr = freelist.next; curr; prev = curr, curr = curr->next) {
		if (curr->length == nbytes) {
			prev->next = curr->next;
			freelist.length -= nbytes;
			return curr;
		}
		if (curr->length > nbytes) {
			rest = (struct block *)((char *)curr + nbytes);
			prev->next = rest;
			rest->next = curr->next;
			rest->length = curr->length - nbytes;
			freelist.length -= nbytes;
			return curr;
		}
	}
	return (void *)SYSERR;
}
