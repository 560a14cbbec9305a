/* Helpers for `adaptive bench`: memory accounting from glibc. Not a stable API. */
#ifndef CBENCHSUPPORT_H
#define CBENCHSUPPORT_H
#include <stddef.h>
/** Bytes currently allocated with malloc (glibc's mallinfo2().uordblks). */
size_t cbench_allocated_bytes(void);
#endif
