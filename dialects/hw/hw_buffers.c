/* Buffer sizes, views, the buffers each hw instruction touches and buffer
 * lifetimes (include/ipu/hw.h): one definition for the verifiers, the
 * memory planner and the emitter. */
#include <stdlib.h>
#include <string.h>

#include "ipu/hw.h"
#include "ipu/opdef.h"

int64_t ipuHwElementBytes(IpuType t) {
  if (!t)
    return 0;
  if (ipuTypeGetKind(t) == IPU_TYPE_INTEGER) {
    unsigned w = ipuIntegerTypeGetWidth(t);
    return w == 1 ? 1 : (w == 8 || w == 16 || w == 32 || w == 64) ? w / 8 : 0;
  }
  if (ipuTypeIsFloat(t)) {
    unsigned w = ipuFloatTypeGetWidth(t);
    return (w == 16 || w == 32 || w == 64) ? w / 8 : 0;
  }
  return 0;
}

static bool tensorBytes(IpuType t, int64_t *bytes, int64_t *dim0) {
  if (!t || ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(t))
    return false;
  int64_t size = ipuHwElementBytes(ipuShapedTypeGetElementType(t));
  if (!size)
    return false;
  intptr_t rank = ipuShapedTypeGetRank(t);
  for (intptr_t i = 0; i < rank; ++i) {
    int64_t d = ipuShapedTypeGetDimSize(t, i);
    if (d < 0 || (d && size > INT64_MAX / 2 / d))
      return false;
    size *= d;
  }
  *bytes = size;
  *dim0 = rank ? ipuShapedTypeGetDimSize(t, 0) : 1;
  return true;
}

static bool getInt(const IpuOp *op, const char *name, int64_t *value) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_INTEGER)
    return false;
  *value = ipuIntegerAttrGetInt(a);
  return true;
}

bool ipuHwBufferSlotBytes(const IpuOp *buffer, int64_t *bytes) {
  IpuAttr type = ipuOpGetAttr(buffer, "type");
  int64_t whole, dim0, rows;
  if (!type || ipuAttrGetKind(type) != IPU_ATTR_TYPE ||
      !tensorBytes(ipuTypeAttrGetValue(type), &whole, &dim0))
    return false;
  if (!getInt(buffer, "stream_rows", &rows) || dim0 <= 0 || rows >= dim0) {
    *bytes = whole;
    return true;
  }
  if (rows < 1)
    return false;
  *bytes = rows * (whole / dim0);
  return true;
}

bool ipuHwBufferBytes(const IpuOp *buffer, int64_t *bytes) {
  int64_t slot, slots = 1;
  if (!ipuHwBufferSlotBytes(buffer, &slot))
    return false;
  getInt(buffer, "slots", &slots);
  if (slots < 1 || slots > 2)
    return false;
  *bytes = slot * slots;
  return true;
}

/* Chains longer than this are checked against the owner's op count. */
enum { VIEW_CHAIN_CHEAP = 64 };

IpuHwViewResult ipuHwBufferResolveView(IpuOp *buffer,
                                       const IpuSymbolTable *symbols,
                                       IpuOp **root, int64_t *offset) {
  IpuOp *owner = ipuOpGetParentOp(buffer);
  IpuOp *cur = buffer;
  int64_t at = 0, bound = -1;
  *root = buffer;
  *offset = 0;
  for (int64_t steps = 0;; ++steps) {
    IpuAttr base = ipuOpGetAttr(cur, "base");
    if (!base)
      break;
    if (ipuAttrGetKind(base) != IPU_ATTR_SYMBOL_REF ||
        ipuSymbolRefAttrGetNumNested(base) != 0 || !owner)
      return IPU_HW_VIEW_BAD_BASE;
    int64_t delta = 0;
    if (ipuOpGetAttr(cur, "base_offset") &&
        !getInt(cur, "base_offset", &delta))
      return IPU_HW_VIEW_BAD_BASE;
    if (delta < 0 || at > INT64_MAX - delta)
      return IPU_HW_VIEW_BAD_BASE;
    at += delta;
    IpuOp *next =
        symbols ? ipuSymbolTableLookup(symbols,
                                       ipuIdentStr(ipuSymbolRefAttrGetRoot(base)))
                : ipuSymbolLookupIn(owner, base);
    if (!next || !ipuOpIsA(next, "hw.buffer") ||
        ipuOpGetParentOp(next) != owner)
      return IPU_HW_VIEW_BAD_BASE;
    if (steps >= VIEW_CHAIN_CHEAP) {
      if (bound < 0) {
        bound = 0;
        IpuBlock *body = ipuOpGetBlock(buffer);
        for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
             op = ipuOpGetNext(op))
          ++bound;
      }
      if (steps > bound)
        return IPU_HW_VIEW_CYCLE;
    }
    cur = next;
  }
  *root = cur;
  *offset = at;
  return IPU_HW_VIEW_OK;
}

static void forEachRef(IpuOp *inst, const char *name, bool writes,
                       IpuHwBufferUseFn fn, void *userData) {
  IpuAttr a = ipuOpGetAttr(inst, name);
  if (!a)
    return;
  if (ipuAttrGetKind(a) == IPU_ATTR_SYMBOL_REF) {
    if (ipuSymbolRefAttrGetNumNested(a) == 0)
      fn(inst, a, writes, userData);
    return;
  }
  if (ipuAttrGetKind(a) != IPU_ATTR_ARRAY)
    return;
  for (intptr_t i = 0, n = ipuArrayAttrGetNumElements(a); i < n; ++i) {
    IpuAttr e = ipuArrayAttrGetElement(a, i);
    if (ipuAttrGetKind(e) == IPU_ATTR_SYMBOL_REF &&
        ipuSymbolRefAttrGetNumNested(e) == 0)
      fn(inst, e, writes, userData);
  }
}

void ipuHwInstrForEachBuffer(IpuOp *inst, IpuHwBufferUseFn fn,
                             void *userData) {
  forEachRef(inst, "src", false, fn, userData);
  forEachRef(inst, "srcs", false, fn, userData);
  forEachRef(inst, "dst", true, fn, userData);
  forEachRef(inst, "dsts", true, fn, userData);
}

IpuOp *ipuHwOwnerGetProgram(IpuOp *owner) {
  IpuRegion *r = ipuOpGetNumRegions(owner) == 1 ? ipuOpGetRegion(owner, 0)
                                                 : NULL;
  IpuBlock *body = r ? ipuRegionGetFirstBlock(r) : NULL;
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "hw.program"))
      return op;
  return NULL;
}

/* Buffers sorted by op address, to find a buffer's index from the op a
 * symbol lookup gives. */
typedef struct {
  const IpuOp *op;
  intptr_t index;
} Slot;

static int compareSlots(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const Slot *)a)->op;
  uintptr_t y = (uintptr_t)((const Slot *)b)->op;
  return (x > y) - (x < y);
}

typedef struct {
  IpuSymbolTable *symbols;
  Slot *slots;
  intptr_t count;
  IpuHwLiveRange *ranges;
  intptr_t at; /* the instruction's index */
} Liveness;

static void noteUse(IpuOp *inst, IpuAttr ref, bool writes, void *userData) {
  Liveness *l = userData;
  IpuOp *buffer =
      ipuSymbolTableLookup(l->symbols, ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)));
  if (!buffer)
    return;
  Slot key = {buffer, 0};
  Slot *s = bsearch(&key, l->slots, (size_t)l->count, sizeof key,
                    compareSlots);
  if (!s)
    return;
  IpuHwLiveRange *r = &l->ranges[s->index];
  if (r->first < 0)
    r->first = l->at;
  r->last = l->at;
  if (writes && ipuOpIsA(inst, "hw.recv"))
    r->received = true;
}

IpuLogicalResult ipuHwComputeLiveRanges(IpuOp *owner, IpuHwLiveRange **ranges,
                                        intptr_t *count) {
  IpuContext *ctx = ipuOpGetContext(owner);
  *ranges = NULL;
  *count = 0;
  IpuRegion *region = ipuOpGetNumRegions(owner) == 1
                          ? ipuOpGetRegion(owner, 0)
                          : NULL;
  IpuBlock *body = region ? ipuRegionGetFirstBlock(region) : NULL;
  if (!body)
    return IPU_SUCCESS;
  intptr_t n = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    n += ipuOpIsA(op, "hw.buffer");
  if (!n)
    return IPU_SUCCESS;
  Liveness l = {.count = n};
  l.ranges = ipuCalloc(ctx, (size_t)n, sizeof *l.ranges);
  l.slots = ipuCalloc(ctx, (size_t)n, sizeof *l.slots);
  l.symbols = ipuSymbolTableCreate(owner);
  if (!l.ranges || !l.slots || !l.symbols) {
    ipuFree(ctx, l.ranges);
    ipuFree(ctx, l.slots);
    if (l.symbols)
      ipuSymbolTableDestroy(l.symbols);
    return ipuOpEmitError(owner, "out of memory");
  }
  intptr_t i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "hw.buffer"))
      continue;
    l.ranges[i] = (IpuHwLiveRange){op, -1, -1, false};
    l.slots[i] = (Slot){op, i};
    ++i;
  }
  qsort(l.slots, (size_t)n, sizeof *l.slots, compareSlots);

  IpuOp *program = ipuHwOwnerGetProgram(owner);
  IpuRegion *pr = program && ipuOpGetNumRegions(program) == 1
                      ? ipuOpGetRegion(program, 0)
                      : NULL;
  IpuBlock *code = pr ? ipuRegionGetFirstBlock(pr) : NULL;
  for (IpuOp *inst = code ? ipuBlockGetFirstOp(code) : NULL; inst;
       inst = ipuOpGetNext(inst), ++l.at)
    ipuHwInstrForEachBuffer(inst, noteUse, &l);
  intptr_t end = l.at ? l.at - 1 : 0;
  for (i = 0; i < n; ++i) {
    if (!l.ranges[i].received)
      continue;
    l.ranges[i].first = 0;
    l.ranges[i].last = end;
  }
  ipuSymbolTableDestroy(l.symbols);
  ipuFree(ctx, l.slots);
  *ranges = l.ranges;
  *count = n;
  return IPU_SUCCESS;
}
