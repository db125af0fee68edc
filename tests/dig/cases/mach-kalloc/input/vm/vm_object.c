typedef unsigned long vm_offset_t;
typedef struct zone *zone_t;

zone_t vm_object_zone;

struct vm_object *
vm_object_allocate(unsigned long size)
{
	struct vm_object *object;

	object = (struct vm_object *)zalloc(vm_object_zone);
	return object;
}
