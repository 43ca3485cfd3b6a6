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

/* Slabs for IR objects (ops, blocks, regions, block arguments): one hook
 * allocation per 64 KiB instead of one per object, and no per-object malloc
 * header. Freed objects go to a free list per 8-byte size class. */
enum { IPU_SLAB_CLASSES = 64, IPU_SLAB_MAX_OBJECT = 8 * IPU_SLAB_CLASSES };
typedef struct IpuSlabChunk IpuSlabChunk;
typedef struct {
  void *freeLists[IPU_SLAB_CLASSES]; /* by (size / 8) - 1 */
  IpuSlabChunk *chunks;              /* owned list, newest first */
  char *cur, *end;                   /* free space of the newest chunk */
  size_t liveObjects;                /* allocated and not yet freed */
} IpuSlab;

/* Files of packed op locations (see ipuIrOpLoc): a packed position names
 * its file by slot number, 1 to IPU_LOC_FILE_SLOTS. */
enum { IPU_LOC_FILE_SLOTS = 127 };

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
  IpuHashTable opNames;    /* IpuOpNameInfo (arena), by name */
  /* Recent name records by the address of their text: callers that pass an
   * interned name (the parser does) skip the hashing. */
  const struct IpuOpNameInfo *nameCache[16];
  IpuSlab slab;            /* ops, blocks, regions, block arguments */
  IpuIdent locFiles[IPU_LOC_FILE_SLOTS];
  int numLocFiles;
  /* An attribute or type holding a location was made: only then can the
   * printer find location aliases without printing debug info. */
  bool locationsNested;
  bool printingNames;      /* a printer uses the values' printId fields */
  /* Ops ever made with successors: while none, the verifier need not look
   * for successors in the middle of blocks. */
  size_t opsWithSuccessors;

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

/* 8-byte aligned, zero-filled storage freed with the context; NULL when the
 * hook fails. */
void *ipuArenaAlloc(IpuContext *ctx, size_t size);
/* Copies `size` bytes into the arena (a NUL byte is appended). */
void *ipuArenaDup(IpuContext *ctx, const void *data, size_t size);

/* Slab objects: `size` bytes (8-byte aligned); the same size must be given
 * to ipuSlabFree. Big objects are hook allocations of their own. */
void *ipuSlabAlloc(IpuContext *ctx, size_t size);
void ipuSlabFree(IpuContext *ctx, void *p, size_t size);
/* Releases the chunks unless objects are still live (a leak, left for the
 * hook's counters and LeakSanitizer to see). */
void ipuSlabDispose(IpuContext *ctx);

/* Teardown of the parts other files own, called by ipuContextDestroy. */
void ipuAttrStorageDisposeAll(IpuContext *ctx);
void ipuResourcesDispose(IpuContext *ctx);
void ipuRegistryDispose(IpuContext *ctx);

#endif
