/* One header that brings the rename and ends it: nothing of it reaches its includers. */
#include "dbgmalloc.h"
#include "nodbg.h"
