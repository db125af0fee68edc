/* Without MACH_INCLUDE the Linux names map to the glue; the condition is not evaluated. */
#ifndef MACH_INCLUDE
#define kmalloc linux_kmalloc
#define kfree linux_kfree
#endif
