/* IpuOpState: the growable description of an op that ipuOpCreate consumes;
 * a failed allocation poisons it (capacity -1) so creation reports it. */
#include <stddef.h>
#include <string.h>

#include "op_impl.h"

/* The fields before the inline arrays: those need no clearing. */
static void clearFields(IpuOpState *st) {
  memset(st, 0, offsetof(IpuOpState, inlineOperands));
}

void ipuOpStateInit(IpuOpState *st, IpuContext *ctx, IpuStringRef name,
                    IpuLocation loc) {
  clearFields(st);
  st->ctx = ctx;
  st->name = name;
  st->loc = loc;
  st->operands = st->inlineOperands;
  st->capOperands = sizeof st->inlineOperands / sizeof *st->inlineOperands;
  st->resultTypes = st->inlineResultTypes;
  st->capResults =
      sizeof st->inlineResultTypes / sizeof *st->inlineResultTypes;
}

void ipuOpStateSetFileLineCol(IpuOpState *st, IpuIdent file, unsigned line,
                              unsigned column) {
  st->loc = NULL;
  st->locFile = file;
  st->locLine = line;
  st->locColumn = column;
}

/* Makes room for `extra` more elements of `elemSize` bytes in *array,
 * which starts out as the state's own `inlineArray`. */
static bool reserve(IpuContext *ctx, void **array, const void *inlineArray,
                    intptr_t num, intptr_t *cap, intptr_t extra,
                    size_t elemSize) {
  if (*cap < 0)
    return false;
  if (extra < 0 || num > INTPTR_MAX / 2 - extra) {
    *cap = -1;
    return false;
  }
  if (num + extra <= *cap)
    return true;
  intptr_t newCap = *cap ? *cap * 2 : 4;
  if (newCap < num + extra)
    newCap = num + extra;
  void *grown;
  if (*array == inlineArray) {
    grown = ipuAlloc(ctx, (size_t)newCap * elemSize);
    if (grown && num)
      memcpy(grown, *array, (size_t)num * elemSize);
  } else {
    grown = ipuRealloc(ctx, *array, (size_t)newCap * elemSize);
  }
  if (!grown) {
    *cap = -1;
    return false;
  }
  *array = grown;
  *cap = newCap;
  return true;
}

void ipuOpStateAddOperands(IpuOpState *st, intptr_t n, const IpuValue *vals) {
  if (n <= 0 || !reserve(st->ctx, (void **)&st->operands, st->inlineOperands,
                         st->numOperands, &st->capOperands, n,
                         sizeof *st->operands))
    return;
  memcpy(st->operands + st->numOperands, vals, (size_t)n * sizeof *vals);
  st->numOperands += n;
}

void ipuOpStateAddResults(IpuOpState *st, intptr_t n, const IpuType *types) {
  if (n <= 0 || !reserve(st->ctx, (void **)&st->resultTypes,
                         st->inlineResultTypes, st->numResults,
                         &st->capResults, n, sizeof *st->resultTypes))
    return;
  if (types)
    memcpy(st->resultTypes + st->numResults, types, (size_t)n * sizeof *types);
  else
    memset(st->resultTypes + st->numResults, 0, (size_t)n * sizeof *types);
  st->numResults += n;
}

void ipuOpStateAddSuccessors(IpuOpState *st, intptr_t n, IpuBlock *const *bs) {
  if (n <= 0 || !reserve(st->ctx, (void **)&st->successors, NULL,
                         st->numSuccessors, &st->capSuccessors, n,
                         sizeof *st->successors))
    return;
  memcpy(st->successors + st->numSuccessors, bs, (size_t)n * sizeof *bs);
  st->numSuccessors += n;
}

void ipuOpStateAddOwnedRegions(IpuOpState *st, intptr_t n,
                               IpuRegion *const *regions) {
  if (n <= 0)
    return;
  if (!reserve(st->ctx, (void **)&st->regions, NULL, st->numRegions,
               &st->capRegions, n, sizeof *st->regions)) {
    /* Ownership moved to us: do not leak what we cannot hold. */
    for (intptr_t i = 0; regions && i < n; ++i)
      if (regions[i])
        ipuRegionDestroy(regions[i]);
    return;
  }
  for (intptr_t i = 0; i < n; ++i)
    st->regions[st->numRegions + i] = regions ? regions[i] : NULL;
  st->numRegions += n;
}

void ipuOpStateAddEmptyRegions(IpuOpState *st, intptr_t n) {
  ipuOpStateAddOwnedRegions(st, n, NULL);
}

void ipuOpStateAddAttr(IpuOpState *st, const char *name, IpuAttr value) {
  IpuIdent id = ipuIdentGetC(st->ctx, name);
  if (!id) {
    st->capOperands = -1;
    return;
  }
  IpuAttr dict = ipuDictionaryAttrSet(st->ctx, st->attributes, id, value);
  if (!dict) {
    st->capOperands = -1;
    return;
  }
  st->attributes = dict;
}

void ipuOpStateDispose(IpuOpState *st) {
  for (intptr_t i = 0; i < st->numRegions; ++i)
    if (st->regions[i])
      ipuRegionDestroy(st->regions[i]);
  if (st->operands != st->inlineOperands)
    ipuFree(st->ctx, st->operands);
  if (st->resultTypes != st->inlineResultTypes)
    ipuFree(st->ctx, st->resultTypes);
  ipuFree(st->ctx, st->successors);
  ipuFree(st->ctx, st->regions);
  IpuContext *ctx = st->ctx;
  clearFields(st);
  st->ctx = ctx;
}
