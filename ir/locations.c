/* Locations: uniqued attributes of the IPU_ATTR_LOC_* kinds, with MLIR's
 * simplifications (fused locations flatten; unknown children vanish). */
#include <string.h>

#include "storage.h"

static struct IpuAttrStorage makeKey(IpuAttrKind kind) {
  struct IpuAttrStorage k;
  memset(&k, 0, sizeof k);
  k.kind = kind;
  return k;
}

IpuLocation ipuLocUnknownGet(IpuContext *ctx) {
  if (!ctx->unknownLoc) {
    struct IpuAttrStorage k = makeKey(IPU_ATTR_LOC_UNKNOWN);
    ctx->unknownLoc = ipuAttrUnique(ctx, &k);
  }
  return ctx->unknownLoc;
}

IpuLocation ipuLocFileRangeGet(IpuContext *ctx, IpuIdent file, unsigned line,
                               unsigned column, unsigned endLine,
                               unsigned endColumn) {
  if (!file)
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_LOC_FILE);
  k.u.fileLoc.file = file;
  k.u.fileLoc.line = line;
  k.u.fileLoc.column = column;
  k.u.fileLoc.endLine = endLine;
  k.u.fileLoc.endColumn = endColumn;
  return ipuAttrUnique(ctx, &k);
}

IpuLocation ipuLocFileGet(IpuContext *ctx, IpuIdent file, unsigned line,
                          unsigned column) {
  return ipuLocFileRangeGet(ctx, file, line, column, 0, 0);
}

IpuLocation ipuLocNameGet(IpuContext *ctx, IpuIdent name, IpuLocation child) {
  if (!name || (child && !ipuAttrIsLocation(child)))
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_LOC_NAME);
  k.u.nameLoc.name = name;
  /* loc("n"(unknown)) is loc("n"), as in MLIR. */
  k.u.nameLoc.child = ipuAttrIsKind(child, IPU_ATTR_LOC_UNKNOWN) ? NULL : child;
  return ipuAttrUnique(ctx, &k);
}

IpuLocation ipuLocCallSiteGet(IpuContext *ctx, IpuLocation callee,
                              IpuLocation caller) {
  if (!ipuAttrIsLocation(callee) || !ipuAttrIsLocation(caller))
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_LOC_CALLSITE);
  k.u.callSite.callee = callee;
  k.u.callSite.caller = caller;
  return ipuAttrUnique(ctx, &k);
}

static bool containsLoc(const IpuLocation *locs, intptr_t n, IpuLocation l) {
  for (intptr_t i = 0; i < n; i++)
    if (locs[i] == l)
      return true;
  return false;
}

/* Appends `l` unless present. The quadratic check is fine: fused locations
 * hold a handful of entries; long ones use a hash set below. */
typedef struct {
  IpuLocation *items;
  intptr_t n;
  IpuHashTable seen; /* used once n grows past a few dozen */
} LocSet;

static bool matchSame(const void *entry, const void *key) {
  return entry == key;
}

static bool locSetAdd(IpuContext *ctx, LocSet *set, IpuLocation l) {
  uint64_t hash = ipuHashPointer(0, l);
  if (set->n < 32) {
    if (containsLoc(set->items, set->n, l))
      return true;
  } else {
    if (set->seen.count == 0)
      for (intptr_t i = 0; i < set->n; i++)
        if (!ipuHashTableInsert(ctx, &set->seen,
                                ipuHashPointer(0, set->items[i]),
                                (void *)set->items[i]))
          return false;
    if (ipuHashTableFind(&set->seen, hash, matchSame, l))
      return true;
    if (!ipuHashTableInsert(ctx, &set->seen, hash, (void *)l))
      return false;
  }
  set->items[set->n++] = l;
  return true;
}

IpuLocation ipuLocFusedGet(IpuContext *ctx, intptr_t n,
                           const IpuLocation *locs, IpuAttr metadata) {
  if (n < 0 || (n > 0 && !locs))
    return NULL;
  /* Flattening can only grow the list by nested fused members. */
  size_t capacity = 0;
  for (intptr_t i = 0; i < n; i++) {
    if (!ipuAttrIsLocation(locs[i]))
      return NULL;
    if (ipuAttrIsKind(locs[i], IPU_ATTR_LOC_FUSED))
      capacity += (size_t)locs[i]->u.fused.n;
    else
      capacity++;
  }
  LocSet set;
  set.n = 0;
  ipuHashTableInit(&set.seen);
  set.items = ipuAlloc(ctx, (capacity ? capacity : 1) * sizeof(IpuLocation));
  if (!set.items)
    return NULL;
  bool ok = true;
  for (intptr_t i = 0; i < n && ok; i++) {
    IpuLocation l = locs[i];
    /* Nested fused locations with the same metadata merge into this one
     * (their unknown members were dropped already); unknowns are dropped. */
    if (ipuAttrIsKind(l, IPU_ATTR_LOC_FUSED) && l->u.fused.metadata == metadata) {
      for (intptr_t j = 0; j < l->u.fused.n && ok; j++)
        ok = locSetAdd(ctx, &set, l->u.fused.locs[j]);
    } else if (!ipuAttrIsKind(l, IPU_ATTR_LOC_UNKNOWN)) {
      ok = locSetAdd(ctx, &set, l);
    }
  }
  IpuLocation result = NULL;
  if (ok) {
    if (set.n == 0 && !metadata) {
      result = ipuLocUnknownGet(ctx);
    } else if (set.n == 1 && !metadata) {
      result = set.items[0];
    } else {
      if (set.n == 0)
        set.items[set.n++] = ipuLocUnknownGet(ctx);
      struct IpuAttrStorage k = makeKey(IPU_ATTR_LOC_FUSED);
      k.u.fused.n = set.n;
      k.u.fused.locs = set.items;
      k.u.fused.metadata = metadata;
      result = set.items[0] ? ipuAttrUnique(ctx, &k) : NULL; /* OOM */
    }
  }
  ipuHashTableDispose(ctx, &set.seen);
  ipuFree(ctx, set.items);
  return result;
}

IpuIdent ipuLocFileGetFilename(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FILE) ? l->u.fileLoc.file : NULL;
}

unsigned ipuLocFileGetLine(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FILE) ? l->u.fileLoc.line : 0;
}

unsigned ipuLocFileGetColumn(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FILE) ? l->u.fileLoc.column : 0;
}

unsigned ipuLocFileGetEndLine(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FILE) ? l->u.fileLoc.endLine : 0;
}

unsigned ipuLocFileGetEndColumn(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FILE) ? l->u.fileLoc.endColumn : 0;
}

IpuIdent ipuLocNameGetName(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_NAME) ? l->u.nameLoc.name : NULL;
}

IpuLocation ipuLocNameGetChild(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_NAME) ? l->u.nameLoc.child : NULL;
}

IpuLocation ipuLocCallSiteGetCallee(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_CALLSITE) ? l->u.callSite.callee : NULL;
}

IpuLocation ipuLocCallSiteGetCaller(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_CALLSITE) ? l->u.callSite.caller : NULL;
}

intptr_t ipuLocFusedGetNumLocations(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FUSED) ? l->u.fused.n : 0;
}

IpuLocation ipuLocFusedGetLocation(IpuLocation l, intptr_t i) {
  if (!ipuAttrIsKind(l, IPU_ATTR_LOC_FUSED) || i < 0 || i >= l->u.fused.n)
    return NULL;
  return l->u.fused.locs[i];
}

IpuAttr ipuLocFusedGetMetadata(IpuLocation l) {
  return ipuAttrIsKind(l, IPU_ATTR_LOC_FUSED) ? l->u.fused.metadata : NULL;
}

/* Depth first with an explicit stack: parsed locations may nest deeply. */
IpuLocation ipuLocFindFileLoc(IpuLocation l) {
  if (!ipuAttrIsLocation(l))
    return NULL;
  IpuContext *ctx = l->ctx;
  enum { SMALL = 64 };
  IpuLocation small[SMALL];
  IpuLocation *stack = small;
  size_t depth = 0, capacity = SMALL;
  IpuLocation found = NULL;
  stack[depth++] = l;
  while (depth && !found) {
    IpuLocation cur = stack[--depth];
    IpuLocation children[2];
    const IpuLocation *kids = children;
    size_t numKids = 0;
    switch (cur->kind) {
    case IPU_ATTR_LOC_FILE:
      found = cur;
      continue;
    case IPU_ATTR_LOC_NAME:
      if (cur->u.nameLoc.child)
        children[numKids++] = cur->u.nameLoc.child;
      break;
    case IPU_ATTR_LOC_CALLSITE:
      children[numKids++] = cur->u.callSite.callee;
      children[numKids++] = cur->u.callSite.caller;
      break;
    case IPU_ATTR_LOC_FUSED:
      kids = cur->u.fused.locs;
      numKids = (size_t)cur->u.fused.n;
      break;
    default:
      break;
    }
    if (depth + numKids > capacity) {
      size_t newCapacity = (depth + numKids) * 2;
      IpuLocation *grown = ipuAlloc(ctx, newCapacity * sizeof(IpuLocation));
      if (!grown)
        break;
      memcpy(grown, stack, depth * sizeof(IpuLocation));
      if (stack != small)
        ipuFree(ctx, stack);
      stack = grown;
      capacity = newCapacity;
    }
    /* Pushed in reverse so the first child is visited first. */
    for (size_t i = numKids; i-- > 0;)
      stack[depth++] = kids[i];
  }
  if (stack != small)
    ipuFree(ctx, stack);
  return found;
}
