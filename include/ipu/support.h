/* Small shared vocabulary of the C API: results, string references, output
 * callbacks and the allocator hook. Every other public header includes this. */
#ifndef IPU_SUPPORT_H
#define IPU_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Success or failure of an operation; failures come with a diagnostic that
 * was reported through the context's handler. */
typedef enum { IPU_FAILURE = 0, IPU_SUCCESS = 1 } IpuLogicalResult;

static inline bool ipuSucceeded(IpuLogicalResult r) { return r == IPU_SUCCESS; }
static inline bool ipuFailed(IpuLogicalResult r) { return r == IPU_FAILURE; }

/* A non-owning view of a byte string; not necessarily NUL-terminated. */
typedef struct {
  const char *data;
  size_t length;
} IpuStringRef;

static inline IpuStringRef ipuStringRefMake(const char *data, size_t length) {
  IpuStringRef s = {data, length};
  return s;
}
IpuStringRef ipuStringRefFromCString(const char *s);
bool ipuStringRefEqual(IpuStringRef a, IpuStringRef b);

/* Receives output in pieces, like MLIR's MlirStringCallback: printers and
 * renderers never write to a FILE themselves. */
typedef void (*IpuStringCallback)(IpuStringRef piece, void *userData);

/* The allocator hook. All memory the library owns goes through it, so tests
 * can count allocations, find leaks and inject failures. `realloc` with a
 * NULL pointer allocates; with size 0 it is never called (use `free`). */
typedef struct {
  void *(*malloc)(size_t size, void *userData);
  void *(*realloc)(void *ptr, size_t size, void *userData);
  void (*free)(void *ptr, void *userData);
  void *userData;
} IpuAllocator;

/* The default allocator (the C library's). */
IpuAllocator ipuAllocatorDefault(void);

#ifdef __cplusplus
}
#endif
#endif
