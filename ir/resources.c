/* Resource blobs: named, aligned byte buffers owned by the context, the data
 * behind dense_resource<name> attributes. */
#include <string.h>

#include "context_impl.h"

struct IpuResourceBlob {
  IpuStringRef name; /* first, for ipuHashMatchStringRef; points at nameData */
  void *data;        /* aligned inside `block`; NULL until data is set */
  void *block;       /* the hook allocation holding the data */
  size_t size;
  uint32_t alignment;
  char nameData[];
};

static bool isPowerOfTwo(uint32_t x) { return x && (x & (x - 1)) == 0; }

IpuResourceBlob *ipuResourceLookup(IpuContext *ctx, IpuStringRef name) {
  return ipuHashTableFind(&ctx->resources, ipuHashBytes(name.data, name.length),
                          ipuHashMatchStringRef, &name);
}

IpuResourceBlob *ipuResourceGetOrCreate(IpuContext *ctx, IpuStringRef name) {
  if (name.length && !name.data)
    return NULL;
  if (!name.length)
    name.data = "";
  IpuResourceBlob *blob = ipuResourceLookup(ctx, name);
  if (blob)
    return blob;
  if (ctx->numResources == ctx->capResources) {
    intptr_t cap = ctx->capResources ? ctx->capResources * 2 : 8;
    IpuResourceBlob **list =
        ipuRealloc(ctx, ctx->resourceList, (size_t)cap * sizeof *list);
    if (!list)
      return NULL;
    ctx->resourceList = list;
    ctx->capResources = cap;
  }
  if (name.length > SIZE_MAX - sizeof *blob - 1)
    return NULL;
  blob = ipuAlloc(ctx, sizeof *blob + name.length + 1);
  if (!blob)
    return NULL;
  if (name.length)
    memcpy(blob->nameData, name.data, name.length);
  blob->nameData[name.length] = '\0';
  blob->name = ipuStringRefMake(blob->nameData, name.length);
  blob->data = NULL;
  blob->block = NULL;
  blob->size = 0;
  blob->alignment = 1;
  if (!ipuHashTableInsert(ctx, &ctx->resources,
                          ipuHashBytes(name.data, name.length), blob)) {
    ipuFree(ctx, blob);
    return NULL;
  }
  ctx->resourceList[ctx->numResources++] = blob;
  return blob;
}

void *ipuResourceAllocateData(IpuContext *ctx, IpuResourceBlob *blob,
                              size_t size, uint32_t alignment) {
  if (!blob || !isPowerOfTwo(alignment) || size > SIZE_MAX - alignment)
    return NULL;
  /* Over-allocate and align by hand: the hook promises no alignment. */
  void *block = ipuAlloc(ctx, size + alignment - 1);
  if (!block)
    return NULL;
  uintptr_t addr = (uintptr_t)block;
  uintptr_t aligned = (addr + alignment - 1) & ~(uintptr_t)(alignment - 1);
  ipuFree(ctx, blob->block);
  blob->block = block;
  blob->data = (char *)block + (aligned - addr);
  blob->size = size;
  blob->alignment = alignment;
  return blob->data;
}

IpuLogicalResult ipuResourceSetData(IpuContext *ctx, IpuResourceBlob *blob,
                                    const void *data, size_t size,
                                    uint32_t alignment) {
  if (size && !data)
    return IPU_FAILURE;
  void *dest = ipuResourceAllocateData(ctx, blob, size, alignment);
  if (!dest)
    return IPU_FAILURE;
  if (size)
    memcpy(dest, data, size);
  return IPU_SUCCESS;
}

IpuStringRef ipuResourceGetName(const IpuResourceBlob *blob) {
  return blob ? blob->name : ipuStringRefMake("", 0);
}

bool ipuResourceHasData(const IpuResourceBlob *blob) {
  return blob && blob->data;
}

const void *ipuResourceGetData(const IpuResourceBlob *blob) {
  return blob ? blob->data : NULL;
}

size_t ipuResourceGetSize(const IpuResourceBlob *blob) {
  return blob ? blob->size : 0;
}

uint32_t ipuResourceGetAlignment(const IpuResourceBlob *blob) {
  return blob ? blob->alignment : 1;
}

intptr_t ipuContextGetNumResources(const IpuContext *ctx) {
  return ctx->numResources;
}

IpuResourceBlob *ipuContextGetResource(const IpuContext *ctx, intptr_t i) {
  return i >= 0 && i < ctx->numResources ? ctx->resourceList[i] : NULL;
}

void ipuResourcesDispose(IpuContext *ctx) {
  for (intptr_t i = 0; i < ctx->numResources; i++) {
    ipuFree(ctx, ctx->resourceList[i]->block);
    ipuFree(ctx, ctx->resourceList[i]);
  }
  ipuFree(ctx, ctx->resourceList);
  ctx->resourceList = NULL;
  ctx->numResources = ctx->capResources = 0;
  ipuHashTableDispose(ctx, &ctx->resources);
}
