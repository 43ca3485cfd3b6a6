/* The context: its life cycle, the counting wrapper around the allocator
 * hook, the storage arena and interned identifiers. */
#include <stdalign.h>
#include <string.h>

#include "context_impl.h"

struct IpuArenaChunk {
  IpuArenaChunk *next;
  alignas(16) char data[];
};

enum { ARENA_CHUNK_SIZE = 64 * 1024, ARENA_BIG_OBJECT = 8 * 1024 };

IpuContext *ipuContextCreate(const IpuAllocator *allocator) {
  IpuAllocator hook = allocator ? *allocator : ipuAllocatorDefault();
  IpuContext *ctx = hook.malloc(sizeof(IpuContext), hook.userData);
  if (!ctx)
    return NULL;
  memset(ctx, 0, sizeof *ctx);
  ctx->allocator = hook;
  ctx->liveAllocations = 1; /* the context itself */
  ctx->totalAllocations = 1;
  ipuHashTableInit(&ctx->idents);
  ipuHashTableInit(&ctx->types);
  ipuHashTableInit(&ctx->attrs);
  ipuHashTableInit(&ctx->opNames);
  ipuHashTableInit(&ctx->resources);
  return ctx;
}

void ipuContextDestroy(IpuContext *ctx) {
  if (!ctx)
    return;
  ipuAttrStorageDisposeAll(ctx);
  ipuResourcesDispose(ctx);
  ipuRegistryDispose(ctx);
  ipuSlabDispose(ctx);
  ipuHashTableDispose(ctx, &ctx->idents);
  ipuHashTableDispose(ctx, &ctx->types);
  ipuHashTableDispose(ctx, &ctx->attrs);
  IpuArenaChunk *chunk = ctx->arena.chunks;
  while (chunk) {
    IpuArenaChunk *next = chunk->next;
    ipuFree(ctx, chunk);
    chunk = next;
  }
  IpuAllocator hook = ctx->allocator;
  hook.free(ctx, hook.userData);
}

void ipuContextSetAllowUnregisteredDialects(IpuContext *ctx, bool allow) {
  ctx->allowUnregisteredDialects = allow;
}

bool ipuContextGetAllowUnregisteredDialects(const IpuContext *ctx) {
  return ctx->allowUnregisteredDialects;
}

size_t ipuContextGetLiveAllocations(const IpuContext *ctx) {
  return ctx->liveAllocations;
}

size_t ipuContextGetTotalAllocations(const IpuContext *ctx) {
  return ctx->totalAllocations;
}

/* ---- The allocator wrapper. ------------------------------------------- */

void *ipuAlloc(IpuContext *ctx, size_t size) {
  /* Zero-sized requests still get a distinct block, so that NULL keeps
   * meaning "the hook failed". */
  void *p = ctx->allocator.malloc(size ? size : 1, ctx->allocator.userData);
  if (p) {
    ctx->liveAllocations++;
    ctx->totalAllocations++;
  }
  return p;
}

void *ipuCalloc(IpuContext *ctx, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size)
    return NULL;
  void *p = ipuAlloc(ctx, count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

void *ipuRealloc(IpuContext *ctx, void *ptr, size_t size) {
  if (!ptr)
    return ipuAlloc(ctx, size);
  if (size == 0) {
    ipuFree(ctx, ptr);
    return NULL;
  }
  return ctx->allocator.realloc(ptr, size, ctx->allocator.userData);
}

void ipuFree(IpuContext *ctx, void *ptr) {
  if (!ptr)
    return;
  ctx->liveAllocations--;
  ctx->allocator.free(ptr, ctx->allocator.userData);
}

char *ipuStrDup(IpuContext *ctx, IpuStringRef s) {
  if (s.length == SIZE_MAX)
    return NULL;
  char *copy = ipuAlloc(ctx, s.length + 1);
  if (!copy)
    return NULL;
  if (s.length)
    memcpy(copy, s.data, s.length);
  copy[s.length] = '\0';
  return copy;
}

/* ---- The arena. ------------------------------------------------------- */

static IpuArenaChunk *newChunk(IpuContext *ctx, size_t dataSize) {
  if (dataSize > SIZE_MAX - sizeof(IpuArenaChunk))
    return NULL;
  IpuArenaChunk *chunk = ipuAlloc(ctx, sizeof(IpuArenaChunk) + dataSize);
  if (chunk)
    memset(chunk->data, 0, dataSize);
  return chunk;
}

void *ipuArenaAlloc(IpuContext *ctx, size_t size) {
  IpuArena *arena = &ctx->arena;
  if (size > SIZE_MAX - 7)
    return NULL;
  size = (size + 7) & ~(size_t)7;
  if (size == 0)
    size = 8;
  if (size > ARENA_BIG_OBJECT) {
    /* A chunk of its own, linked behind the current one so the current
     * chunk's free space stays in use. */
    IpuArenaChunk *chunk = newChunk(ctx, size);
    if (!chunk)
      return NULL;
    if (arena->chunks) {
      chunk->next = arena->chunks->next;
      arena->chunks->next = chunk;
    } else {
      chunk->next = NULL;
      arena->chunks = chunk;
    }
    return chunk->data;
  }
  if ((size_t)(arena->end - arena->cur) < size) {
    IpuArenaChunk *chunk = newChunk(ctx, ARENA_CHUNK_SIZE);
    if (!chunk)
      return NULL;
    chunk->next = arena->chunks;
    arena->chunks = chunk;
    arena->cur = chunk->data;
    arena->end = chunk->data + ARENA_CHUNK_SIZE;
  }
  void *p = arena->cur;
  arena->cur += size;
  return p;
}

void *ipuArenaDup(IpuContext *ctx, const void *data, size_t size) {
  if (size == SIZE_MAX)
    return NULL;
  char *copy = ipuArenaAlloc(ctx, size + 1);
  if (copy && size)
    memcpy(copy, data, size);
  return copy; /* the arena zero-fills, so copy[size] is already NUL */
}

/* ---- Interned identifiers. -------------------------------------------- */

IpuIdent ipuIdentGet(IpuContext *ctx, IpuStringRef str) {
  if (!str.data)
    str.data = "";
  uint64_t hash = ipuHashBytes(str.data, str.length);
  struct IpuIdentStorage *found =
      ipuHashTableFind(&ctx->idents, hash, ipuHashMatchStringRef, &str);
  if (found)
    return found;
  if (str.length > SIZE_MAX - sizeof(struct IpuIdentStorage) - 1)
    return NULL;
  struct IpuIdentStorage *id =
      ipuArenaAlloc(ctx, sizeof(struct IpuIdentStorage) + str.length + 1);
  if (!id)
    return NULL;
  if (str.length)
    memcpy(id->data, str.data, str.length);
  id->data[str.length] = '\0';
  id->str = ipuStringRefMake(id->data, str.length);
  id->hash = hash;
  if (!ipuHashTableInsert(ctx, &ctx->idents, hash, id))
    return NULL;
  return id;
}

IpuIdent ipuIdentGetC(IpuContext *ctx, const char *str) {
  return ipuIdentGet(ctx, ipuStringRefFromCString(str));
}

IpuStringRef ipuIdentStr(IpuIdent id) {
  return id ? id->str : ipuStringRefMake("", 0);
}

const char *ipuIdentCStr(IpuIdent id) { return id ? id->data : ""; }
