/* A memory tracker's names for messages. */

enum memtype { MT_KMALLOC, MT_VMALLOC, MT_CACHE, MT_COUNT };

static const char *type_names[MT_COUNT] = { "kmalloc", "vmalloc", "kmem_cache_alloc" };

/* The name of a memory type: a look-up in a static table, nothing handed out. */
const char *memtype_alloc_str(enum memtype t)
{
	switch (t) {
	case MT_KMALLOC:
	case MT_VMALLOC:
	case MT_CACHE:
		return type_names[t];
	default:
		return "(unknown allocation type)";
	}
}

static const char *free_names[MT_COUNT] = { "kfree", "vfree", "kmem_cache_free" };

/* The name of a memory type's release, the same way. */
const char *memtype_free_str(enum memtype t)
{
	switch (t) {
	case MT_KMALLOC:
	case MT_VMALLOC:
	case MT_CACHE:
		return free_names[t];
	default:
		return "(unknown allocation type)";
	}
}

extern int printf(const char *, ...);

/* Say which pair a leak came from. */
void memtype_report(enum memtype t)
{
	printf("%s without %s\n", memtype_alloc_str(t), memtype_free_str(t));
}
