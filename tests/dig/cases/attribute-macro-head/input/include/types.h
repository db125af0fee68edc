/* The tree's linkage words: an attribute, behind a macro of a macro. */
#ifndef TYPES_H
#define TYPES_H
#define __DLLEXPORT __attribute__ ((visibility ("default")))
typedef void *PVOID;
typedef unsigned long UINTN;
#endif
