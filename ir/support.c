/* The small shared vocabulary of the C API: string references and the
 * default allocator hook (the C library's malloc family). */
#include <stdlib.h>
#include <string.h>

#include "ipu/support.h"

IpuStringRef ipuStringRefFromCString(const char *s) {
  IpuStringRef r = {s ? s : "", s ? strlen(s) : 0};
  return r;
}

bool ipuStringRefEqual(IpuStringRef a, IpuStringRef b) {
  if (a.length != b.length)
    return false;
  return a.length == 0 || a.data == b.data ||
         memcmp(a.data, b.data, a.length) == 0;
}

static void *defaultMalloc(size_t size, void *userData) {
  return malloc(size);
}

static void *defaultRealloc(void *ptr, size_t size, void *userData) {
  return realloc(ptr, size);
}

static void defaultFree(void *ptr, void *userData) { free(ptr); }

IpuAllocator ipuAllocatorDefault(void) {
  IpuAllocator a = {defaultMalloc, defaultRealloc, defaultFree, NULL};
  return a;
}
