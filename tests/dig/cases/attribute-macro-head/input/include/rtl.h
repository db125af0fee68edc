#ifndef RTL_H
#define RTL_H
#include "types.h"
#define RTL_API __DLLEXPORT

RTL_API
PVOID
RtlAllocateZeroed (
    UINTN Size
    );

RTL_API
void
RtlFreeZeroed (
    PVOID Block
    );
#endif
