/* What the allocator's files share. */
#include <stddef.h>
#include "mxlock.h"

#define MX_POOL 4096
