/* Per-context slabs for IR objects: 64 KiB hook allocations carved into
 * ops, blocks, regions and block arguments, with a free list per size. */
#include <stdalign.h>
#include <string.h>

#include "context_impl.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
/* Free and not yet handed out slab memory is poisoned, so AddressSanitizer
 * still catches uses of destroyed ops. */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct IpuSlabChunk {
  IpuSlabChunk *next;
  alignas(16) char data[];
};

enum { SLAB_CHUNK_BYTES = 64 * 1024 };

static size_t roundSize(size_t size) {
  return size ? (size + 7) & ~(size_t)7 : 8;
}

void *ipuSlabAlloc(IpuContext *ctx, size_t size) {
  if (size > IPU_SLAB_MAX_OBJECT)
    return ipuAlloc(ctx, size);
  IpuSlab *slab = &ctx->slab;
  size = roundSize(size);
  void **list = &slab->freeLists[size / 8 - 1];
  void *p = *list;
  if (p) {
    UNPOISON(p, size);
    *list = *(void **)p;
  } else {
    if ((size_t)(slab->end - slab->cur) < size) {
      IpuSlabChunk *chunk = ipuAlloc(ctx, sizeof *chunk + SLAB_CHUNK_BYTES);
      if (!chunk)
        return NULL;
      chunk->next = slab->chunks;
      slab->chunks = chunk;
      slab->cur = chunk->data;
      slab->end = chunk->data + SLAB_CHUNK_BYTES;
      POISON(slab->cur, SLAB_CHUNK_BYTES);
    }
    p = slab->cur;
    slab->cur += size;
    UNPOISON(p, size);
  }
  slab->liveObjects++;
  return p;
}

void ipuSlabFree(IpuContext *ctx, void *p, size_t size) {
  if (!p)
    return;
  if (size > IPU_SLAB_MAX_OBJECT) {
    ipuFree(ctx, p);
    return;
  }
  IpuSlab *slab = &ctx->slab;
  size = roundSize(size);
  void **list = &slab->freeLists[size / 8 - 1];
  *(void **)p = *list;
  *list = p;
  POISON(p, size);
  slab->liveObjects--;
}

void ipuSlabDispose(IpuContext *ctx) {
  IpuSlab *slab = &ctx->slab;
  if (slab->liveObjects)
    return;
  for (IpuSlabChunk *chunk = slab->chunks, *next; chunk; chunk = next) {
    next = chunk->next;
    UNPOISON(chunk->data, SLAB_CHUNK_BYTES);
    ipuFree(ctx, chunk);
  }
  memset(slab, 0, sizeof *slab);
}
