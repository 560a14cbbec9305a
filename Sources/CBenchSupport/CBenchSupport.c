#include "CBenchSupport.h"
#include <malloc.h>

size_t cbench_allocated_bytes(void) { return mallinfo2().uordblks; }
