/* The loader's <stdlib.h> is its library's. */
#include "../libsa/stand.h"
