/*
 * Bootstrap kalloc: power-of-two free lists, memory from vm_map, one spinlock.
 */
typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;

#define MINSIZE 16
#define NLISTS 12

static spinlock_t kalloc_lock;
static vm_offset_t kfree_list[NLISTS];
static vm_offset_t kalloc_next_space;
static vm_offset_t kalloc_end_of_space;

extern int mach_task_self(void);

static vm_offset_t
kget_space(vm_size_t size)
{
	vm_offset_t addr;

	if (kalloc_next_space + size > kalloc_end_of_space) {
		if (vm_map(mach_task_self(), &addr, size) != 0)
			return 0;
		kalloc_next_space = addr;
		kalloc_end_of_space = addr + size;
	}
	addr = kalloc_next_space;
	kalloc_next_space += size;
	return addr;
}

void
kalloc_init(void)
{
	spin_lock_init(&kalloc_lock);
}

void *
kalloc(vm_size_t size)
{
	vm_size_t allocsize = MINSIZE;
	int i = 0;
	vm_offset_t addr;

	while (allocsize < size) {
		allocsize <<= 1;
		i++;
	}
	spin_lock(&kalloc_lock);
	addr = kfree_list[i];
	if (addr != 0)
		kfree_list[i] = *(vm_offset_t *)addr;
	else
		addr = kget_space(allocsize);
	spin_unlock(&kalloc_lock);
	return (void *)addr;
}

void
kfree(void *data, vm_size_t size)
{
	vm_size_t freesize = MINSIZE;
	int i = 0;

	while (freesize < size) {
		freesize <<= 1;
		i++;
	}
	spin_lock(&kalloc_lock);
	*(vm_offset_t *)data = kfree_list[i];
	kfree_list[i] = (vm_offset_t)data;
	spin_unlock(&kalloc_lock);
}

void *
malloc(vm_size_t size)
{
	return kalloc(size);
}

void
free(void *data)
{
	kfree(data, MINSIZE);
}
