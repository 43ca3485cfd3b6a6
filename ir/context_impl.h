/* The context's private layout: the allocator wrapper, the arena that holds
 * uniqued storage, the uniquing tables, the registry and the resources. */
#ifndef IPU_IR_CONTEXT_IMPL_H
#define IPU_IR_CONTEXT_IMPL_H

#include "hash_table.h"
#include "ipu/diagnostics.h"
#include "ipu/opdef.h"

/* Bump allocation for storage that lives as long as the context (types,
 * attributes, identifiers): one hook allocation per 64 KiB chunk instead of
 * one per object. Big objects get a chunk of their own. */
typedef struct IpuArenaChunk IpuArenaChunk;
typedef struct {
  IpuArenaChunk *chunks; /* owned list, newest first */
  char *cur;             /* free space of the current chunk */
  char *end;
} IpuArena;

/* An interned identifier. `str` comes first so string-keyed hash tables can
 * match it with ipuHashMatchStringRef. */
struct IpuIdentStorage {
  IpuStringRef str; /* points at `data` */
  uint64_t hash;
  char data[];      /* NUL-terminated */
};

/* A registered op definition and the dialect that owns it. */
typedef struct {
  IpuStringRef name; /* def->name */
  const IpuOpDef *def;
  const IpuDialectDef *dialect;
} IpuOpDefEntry;

struct IpuContext {
  IpuAllocator allocator;
  size_t liveAllocations;  /* hook blocks not yet freed */
  size_t totalAllocations; /* hook allocations ever made */
  bool allowUnregisteredDialects;

  IpuArena arena;          /* uniqued storage */
  IpuHashTable idents;     /* struct IpuIdentStorage */
  IpuHashTable types;      /* struct IpuTypeStorage */
  IpuHashTable attrs;      /* struct IpuAttrStorage */

  const IpuDialectDef **dialects; /* owned array of borrowed definitions */
  intptr_t numDialects, capDialects;
  IpuHashTable opDefs;     /* IpuOpDefEntry, owned */

  IpuHashTable resources;  /* IpuResourceBlob by name */
  IpuResourceBlob **resourceList; /* owned array, creation order */
  intptr_t numResources, capResources;

  IpuDiagnosticHandler diagHandler;
  void *diagUserData;
  size_t numErrors;

  /* Handles asked for all the time, made once. */
  IpuAttr unknownLoc;
  IpuAttr unitAttr;
  IpuAttr boolAttrs[2];
};

/* 16-byte aligned, zero-filled storage freed with the context; NULL when the
 * hook fails. */
void *ipuArenaAlloc(IpuContext *ctx, size_t size);
/* Copies `size` bytes into the arena (a NUL byte is appended). */
void *ipuArenaDup(IpuContext *ctx, const void *data, size_t size);

/* Teardown of the parts other files own, called by ipuContextDestroy. */
void ipuAttrStorageDisposeAll(IpuContext *ctx);
void ipuResourcesDispose(IpuContext *ctx);
void ipuRegistryDispose(IpuContext *ctx);

#endif
