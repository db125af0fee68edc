/* The I/O processor's heap, reached through firmware requests: an allocation code to get
 * size bytes, a release code to give them back. */
#define FW_HEAP_ALLOC 0x100
#define FW_HEAP_FREE 0x101

int fw_call(int code, void *arg, int *result);

struct heap_alloc_arg {
	int size;
};

struct heap_free_arg {
	void *addr;
};

void *iop_allocheap(int size)
{
	struct heap_alloc_arg arg;
	int result;

	arg.size = size;
	if (fw_call(FW_HEAP_ALLOC, &arg, &result) < 0)
		return 0;
	return (void *)result;
}

int iop_freeheap(void *addr)
{
	struct heap_free_arg arg;
	int result;

	arg.addr = addr;
	if (fw_call(FW_HEAP_FREE, &arg, &result) < 0)
		return -1;
	return result;
}
