typedef unsigned long vm_offset_t;

vm_offset_t
ipc_kmsg_get(unsigned long size)
{
	vm_offset_t kmsg = kalloc(size);

	if (kmsg)
		kfree(kmsg, size);
	return kalloc(size + 16);
}
