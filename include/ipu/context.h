/* The context: owner of uniqued types and attributes, interned identifiers,
 * the dialect registry, resource blobs and the diagnostic handler. */
#ifndef IPU_CONTEXT_H
#define IPU_CONTEXT_H

#include "ipu/support.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct IpuContext IpuContext;
/* An interned identifier: equal strings give the same pointer. */
typedef const struct IpuIdentStorage *IpuIdent;

/* Creates a context that allocates through `allocator` (NULL: the default). */
IpuContext *ipuContextCreate(const IpuAllocator *allocator);
void ipuContextDestroy(IpuContext *ctx);

/* Unregistered dialects' ops, types and attributes are accepted only when
 * this is on (MLIR's --allow-unregistered-dialect). Off by default. */
void ipuContextSetAllowUnregisteredDialects(IpuContext *ctx, bool allow);
bool ipuContextGetAllowUnregisteredDialects(const IpuContext *ctx);

/* Memory through the context's allocator hook. ipuAlloc returns NULL only
 * when the hook fails. ipuCalloc zero-fills. */
void *ipuAlloc(IpuContext *ctx, size_t size);
void *ipuCalloc(IpuContext *ctx, size_t count, size_t size);
void *ipuRealloc(IpuContext *ctx, void *ptr, size_t size);
void ipuFree(IpuContext *ctx, void *ptr);
/* A NUL-terminated copy of `s` owned by the caller (free with ipuFree). */
char *ipuStrDup(IpuContext *ctx, IpuStringRef s);

/* A growing NUL-terminated string in the context's memory, for reports,
 * listings and printer output (ir/str_buf.c). Start it as
 * `IpuStrBuf b = {.ctx = ctx};`. After an allocation fails every append is
 * a no-op and `failed` stays set. */
typedef struct {
  IpuContext *ctx;
  char *data; /* NULL until something is appended */
  size_t length, capacity;
  bool failed;
} IpuStrBuf;
void ipuStrBufAppend(IpuStrBuf *b, const char *s, size_t n);
void ipuStrBufPrintf(IpuStrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* `s` as a JSON string literal: quoted, with '"', '\\' and control
 * characters escaped. */
void ipuStrBufAppendJsonString(IpuStrBuf *b, const char *s);
/* An IpuStringCallback (the printer's output) appending to the IpuStrBuf
 * `userData`. */
void ipuStrBufCallback(IpuStringRef piece, void *userData);
/* The text, owned by the caller (ipuFree; "" if nothing was appended), or
 * NULL after a failed allocation; either way `b` is left empty. */
char *ipuStrBufTake(IpuStrBuf *b);

/* Interned identifiers, owned by the context. */
IpuIdent ipuIdentGet(IpuContext *ctx, IpuStringRef str);
IpuIdent ipuIdentGetC(IpuContext *ctx, const char *str);
IpuStringRef ipuIdentStr(IpuIdent id);
/* NUL-terminated spelling. */
const char *ipuIdentCStr(IpuIdent id);

/* Resource blobs (the builtin dialect's dense_resource data). A blob is
 * owned by the context and looked up by name. */
typedef struct IpuResourceBlob IpuResourceBlob;
/* Returns the handle named `name`, creating an empty one if absent. */
IpuResourceBlob *ipuResourceGetOrCreate(IpuContext *ctx, IpuStringRef name);
/* Looks a handle up; NULL if there is none. */
IpuResourceBlob *ipuResourceLookup(IpuContext *ctx, IpuStringRef name);
/* Copies `size` bytes into the blob with the given alignment (a power of
 * two, at least 1); replaces earlier data. Fails only on allocation. */
IpuLogicalResult ipuResourceSetData(IpuContext *ctx, IpuResourceBlob *blob,
                                    const void *data, size_t size,
                                    uint32_t alignment);
/* Gives the blob a buffer of `size` bytes to fill in place (the parser
 * decodes hex straight into it). Returns NULL on allocation failure. */
void *ipuResourceAllocateData(IpuContext *ctx, IpuResourceBlob *blob,
                              size_t size, uint32_t alignment);
IpuStringRef ipuResourceGetName(const IpuResourceBlob *blob);
bool ipuResourceHasData(const IpuResourceBlob *blob);
const void *ipuResourceGetData(const IpuResourceBlob *blob);
size_t ipuResourceGetSize(const IpuResourceBlob *blob);
uint32_t ipuResourceGetAlignment(const IpuResourceBlob *blob);
/* Every blob of the context, in creation order. Alignments that are zero or
 * not a power of two make SetData fail and AllocateData return NULL (no
 * diagnostic: the caller words it). */
intptr_t ipuContextGetNumResources(const IpuContext *ctx);
IpuResourceBlob *ipuContextGetResource(const IpuContext *ctx, intptr_t i);

/* Allocation statistics of the hook, for tests: live blocks and the total
 * number of allocations made so far (the context's own block included;
 * uniqued storage is carved out of 64 KiB chunks, one block each). */
size_t ipuContextGetLiveAllocations(const IpuContext *ctx);
size_t ipuContextGetTotalAllocations(const IpuContext *ctx);

#ifdef __cplusplus
}
#endif
#endif
