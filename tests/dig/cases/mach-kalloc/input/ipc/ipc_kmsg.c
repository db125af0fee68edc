typedef unsigned long vm_offset_t;

struct ipc_kmsg {
	int ikm_size;
};

struct ipc_kmsg *
ipc_kmsg_alloc(unsigned long size)
{
	struct ipc_kmsg *kmsg;

	kmsg = (struct ipc_kmsg *)kalloc(size);
	if (kmsg != 0)
		kmsg->ikm_size = (int)size;
	return kmsg;
}

void
ipc_kmsg_free(struct ipc_kmsg *kmsg)
{
	kfree((vm_offset_t)kmsg, (unsigned long)kmsg->ikm_size);
}
