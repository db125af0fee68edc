#include "../include/rtl.h"

int
main (
    void
    )
{
    PVOID Buffer;

    Buffer = RtlAllocateZeroed(64);
    if (Buffer == 0) {
        return 1;
    }
    RtlFreeZeroed(Buffer);
    return 0;
}
