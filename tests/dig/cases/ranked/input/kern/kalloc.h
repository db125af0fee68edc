void *kalloc(vm_size_t size);
void kfree(void *p, vm_size_t size);
void *kzalloc(vm_size_t size);
