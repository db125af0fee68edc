/* One page for callers: vm_page_grab(flags) over vm_page_alloc_pa, vm_page_release over
 * vm_page_free_pa (no state of its own). */
typedef struct vm_page *vm_page_t;

extern vm_page_t vm_page_alloc_pa(unsigned order);
extern void vm_page_free_pa(vm_page_t m, unsigned order);
extern void vm_page_wait(void);

vm_page_t vm_page_grab(unsigned flags)
{
	vm_page_t m = vm_page_alloc_pa(0);
	if (m == 0 && (flags & 1))
		vm_page_wait();
	return m;
}

void vm_page_release(vm_page_t m)
{
	vm_page_free_pa(m, 0);
}
