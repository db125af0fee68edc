/*
 * Zeroed blocks from the C library's heap, each definition's head on lines of its own with
 * a blank before the parameters: the linkage macro (an attribute, behind a macro of a
 * macro, defined in the headers) on the first line, the return type (a pointer typedef)
 * on the second. The type is the second word, the first is hidden from the parser.
 */
#include <stdlib.h>
#include <string.h>
#include "../include/rtl.h"

RTL_API
PVOID
RtlAllocateZeroed (
    UINTN Size
    )
{
    PVOID Block;

    Block = malloc(Size);
    if (Block != NULL) {
        memset(Block, 0, Size);
    }
    return Block;
}

RTL_API
void
RtlFreeZeroed (
    PVOID Block
    )
{
    free(Block);
}
