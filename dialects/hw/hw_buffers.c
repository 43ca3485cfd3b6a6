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

/* Chains longer than this look names up in a symbol table of their own
 * (the owner's is not always at hand). */
enum { VIEW_CHAIN_INDEXED = 16 };

/* A buffer's tensor as a layout: shape, element size and row-major
 * strides (the layout of a buffer that is no view). */
typedef struct {
  int rank;
  int64_t dims[IPU_HW_MAX_RANK];
  int64_t elementBytes;
  IpuType elementType;
} Shape;

static bool shapeOf(const IpuOp *buffer, Shape *out) {
  IpuAttr a = ipuOpGetAttr(buffer, "type");
  IpuType t = a && ipuAttrGetKind(a) == IPU_ATTR_TYPE ? ipuTypeAttrGetValue(a)
                                                       : NULL;
  int64_t bytes, dim0;
  if (!tensorBytes(t, &bytes, &dim0) ||
      ipuShapedTypeGetRank(t) > IPU_HW_MAX_RANK)
    return false;
  out->rank = (int)ipuShapedTypeGetRank(t);
  for (int k = 0; k < out->rank; ++k)
    out->dims[k] = ipuShapedTypeGetDimSize(t, k);
  out->elementType = ipuShapedTypeGetElementType(t);
  out->elementBytes = ipuHwElementBytes(out->elementType);
  return true;
}

static void rowMajor(const Shape *s, int64_t *strides) {
  int64_t step = s->elementBytes;
  for (int k = s->rank - 1; k >= 0; --k) {
    strides[k] = step;
    step *= s->dims[k];
  }
}

/* Strides describe one contiguous row-major range unless a dim of more
 * than one element steps differently (a dim of one never steps). */
static bool isStrided(const Shape *s, const int64_t *strides) {
  int64_t want[IPU_HW_MAX_RANK];
  rowMajor(s, want);
  for (int k = 0; k < s->rank; ++k)
    if (s->dims[k] > 1 && strides[k] != want[k])
      return true;
  return false;
}

/* The chain from `buffer` to its root, buffer first; checks each link's
 * base attributes (not the boxes). *chain is `inlineChain` or allocated.
 * Chains end within IPU_HW_MAX_VIEW_CHAIN links: each buffer's check walks
 * its chain, so the depth bounds the work per buffer. */
static IpuHwViewResult walkChain(IpuOp *buffer, const IpuSymbolTable *symbols,
                                 IpuOp **inlineChain, intptr_t inlineCap,
                                 IpuOp ***chain, intptr_t *length) {
  IpuContext *ctx = ipuOpGetContext(buffer);
  IpuOp *owner = ipuOpGetParentOp(buffer);
  IpuOp **ops = inlineChain;
  IpuSymbolTable *own = NULL;
  intptr_t n = 0, cap = inlineCap;
  IpuHwViewResult r = IPU_HW_VIEW_OK;
  for (IpuOp *cur = buffer;;) {
    if (n == IPU_HW_MAX_VIEW_CHAIN + 1) {
      /* Too deep, or around in a circle: the circle passes `cur` again. */
      r = IPU_HW_VIEW_TOO_DEEP;
      for (intptr_t i = 0; i < n; ++i)
        if (ops[i] == cur)
          r = IPU_HW_VIEW_CYCLE;
      break;
    }
    if (n == cap) {
      IpuOp **grown = ipuAlloc(ctx, (size_t)cap * 2 * sizeof *grown);
      if (!grown) {
        r = IPU_HW_VIEW_BAD_BASE; /* out of memory: no layout to give */
        break;
      }
      memcpy(grown, ops, (size_t)n * sizeof *ops);
      if (ops != inlineChain)
        ipuFree(ctx, ops);
      ops = grown;
      cap *= 2;
    }
    ops[n++] = cur;
    IpuAttr base = ipuOpGetAttr(cur, "base");
    if (!base)
      break;
    if (ipuAttrGetKind(base) != IPU_ATTR_SYMBOL_REF ||
        ipuSymbolRefAttrGetNumNested(base) != 0 || !owner) {
      r = IPU_HW_VIEW_BAD_BASE;
      break;
    }
    if (!symbols && n > VIEW_CHAIN_INDEXED)
      symbols = own = ipuSymbolTableCreate(owner);
    IpuOp *next =
        symbols ? ipuSymbolTableLookup(symbols,
                                       ipuIdentStr(ipuSymbolRefAttrGetRoot(base)))
                : ipuSymbolLookupIn(owner, base);
    if (!next || !ipuOpIsA(next, "hw.buffer") ||
        ipuOpGetParentOp(next) != owner) {
      r = IPU_HW_VIEW_BAD_BASE;
      break;
    }
    cur = next;
  }
  if (own)
    ipuSymbolTableDestroy(own);
  *chain = ops;
  *length = n;
  return r;
}

/* Lays view `view` over `base`'s layout `at` (shape `baseShape`). */
static IpuHwViewResult applyLink(const IpuOp *view, const Shape *baseShape,
                                 IpuHwBufferLayout *at, Shape *viewShape) {
  IpuAttr index = ipuOpGetAttr(view, "base_index");
  IpuAttr offsetAttr = ipuOpGetAttr(view, "base_offset");
  if (!shapeOf(view, viewShape))
    return IPU_HW_VIEW_BAD_BASE;
  if (index) {
    if (offsetAttr)
      return IPU_HW_VIEW_BAD_BOX;
    if (ipuAttrGetKind(index) != IPU_ATTR_DENSE_ARRAY ||
        ipuDenseArrayAttrGetNumElements(index) != viewShape->rank ||
        viewShape->rank != baseShape->rank ||
        viewShape->elementType != baseShape->elementType)
      return IPU_HW_VIEW_BAD_BOX;
    IpuType et = ipuDenseArrayAttrGetElementType(index);
    if (!et || ipuTypeGetKind(et) != IPU_TYPE_INTEGER ||
        ipuIntegerTypeGetWidth(et) != 64)
      return IPU_HW_VIEW_BAD_BOX;
    const int64_t *idx = ipuDenseArrayAttrGetData(index);
    for (int k = 0; k < viewShape->rank; ++k) {
      if (idx[k] < 0 || idx[k] > baseShape->dims[k] ||
          viewShape->dims[k] > baseShape->dims[k] - idx[k])
        return IPU_HW_VIEW_BAD_BOX;
      if (viewShape->dims[k])
        at->offset += idx[k] * at->strides[k];
    }
    /* The strides stay the base's. */
    at->boxed = true;
  } else {
    int64_t delta = 0;
    if (offsetAttr && !getInt(view, "base_offset", &delta))
      return IPU_HW_VIEW_BAD_BASE;
    if (delta < 0 || at->offset > INT64_MAX / 2 - delta)
      return IPU_HW_VIEW_BAD_BASE;
    if (at->strided)
      return IPU_HW_VIEW_BAD_BOX;
    at->offset += delta;
    rowMajor(viewShape, at->strides);
  }
  at->rank = viewShape->rank;
  at->strided = isStrided(viewShape, at->strides);
  if (!at->strided)
    rowMajor(viewShape, at->strides);
  return IPU_HW_VIEW_OK;
}

IpuHwViewResult ipuHwBufferResolveLayout(IpuOp *buffer,
                                         const IpuSymbolTable *symbols,
                                         IpuHwBufferLayout *layout) {
  IpuContext *ctx = ipuOpGetContext(buffer);
  IpuOp *inlineChain[16], **chain;
  intptr_t length;
  *layout = (IpuHwBufferLayout){.root = buffer};
  IpuHwViewResult r =
      walkChain(buffer, symbols, inlineChain, 16, &chain, &length);
  IpuOp *root = chain[length - 1];
  Shape shape;
  if (r == IPU_HW_VIEW_OK && length > 1 && !shapeOf(root, &shape))
    r = IPU_HW_VIEW_BAD_BASE;
  if (r == IPU_HW_VIEW_OK && length == 1 && !shapeOf(root, &shape)) {
    /* Not a view, and no tensor a buffer holds: its verifier says so. */
    layout->span = 0;
    return r;
  }
  IpuHwBufferLayout at = {.root = root};
  if (r == IPU_HW_VIEW_OK) {
    at.rank = shape.rank;
    rowMajor(&shape, at.strides);
  }
  for (intptr_t i = length - 2; i >= 0 && r == IPU_HW_VIEW_OK; --i) {
    Shape viewShape;
    r = applyLink(chain[i], &shape, &at, &viewShape);
    shape = viewShape;
  }
  if (chain != inlineChain)
    ipuFree(ctx, chain);
  if (r != IPU_HW_VIEW_OK)
    return r;
  if (length == 1) {
    /* A root spans its slot (a streamed root its resident rows). */
    int64_t bytes = 0;
    ipuHwBufferSlotBytes(root, &bytes);
    at.span = bytes;
  } else {
    bool empty = false;
    at.span = shape.elementBytes;
    for (int k = 0; k < shape.rank; ++k) {
      empty |= shape.dims[k] == 0;
      if (shape.dims[k] > 1)
        at.span += (shape.dims[k] - 1) * at.strides[k];
    }
    if (empty)
      at.span = 0;
  }
  *layout = at;
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
