/* tile-to-hw's in-place buffers: after the programs are built, each tile's
 * joins (a hw.exec that only concatenates contiguous pieces) and position-
 * wise SIMD code that may overwrite an input get views (hw.buffer `base`),
 * so that plan-memory gives a family one allocation. */
#include <stdlib.h>

#include "ipu/hw.h"
#include "tile_to_hw.h"

/* What one buffer of the tile is used for, and the view it became. */
typedef struct {
  IpuOp *op;
  intptr_t uses;     /* instruction references, reads and writes */
  intptr_t writes;   /* references as dst / dsts */
  intptr_t writer;   /* the (last) instruction writing it, or -1 */
  intptr_t last;     /* the last instruction using it, or -1 */
  intptr_t base;     /* index of the buffer it is a view of, or -1 */
  intptr_t familyLast; /* a root's: the last use of any of its family */
} Use;

typedef struct {
  T2h *t;
  IpuSymbolTable *symbols;
  IpuPtrMap index; /* hw.buffer -> index + 1 */
  Use *uses;
  intptr_t numBuffers;
  IpuOp **instrs;
  intptr_t numInstrs;
  intptr_t at; /* the instruction being scanned */
} Tile;

static IpuAttr i64Attr(IpuContext *ctx, int64_t v) {
  return ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), v);
}

static IpuType bufferType(const IpuOp *buffer) {
  IpuAttr a = ipuOpGetAttr(buffer, "type");
  return a && ipuAttrGetKind(a) == IPU_ATTR_TYPE ? ipuTypeAttrGetValue(a)
                                                 : NULL;
}

static intptr_t bufferIndex(Tile *tl, IpuAttr ref) {
  if (!ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF ||
      ipuSymbolRefAttrGetNumNested(ref) != 0)
    return -1;
  IpuOp *b = ipuSymbolTableLookup(tl->symbols,
                                  ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)));
  return b ? ipuPtrMapGetInt(&tl->index, b, 0) - 1 : -1;
}

static void noteUse(IpuOp *inst, IpuAttr ref, bool writes, void *userData) {
  Tile *tl = userData;
  intptr_t i = bufferIndex(tl, ref);
  if (i < 0)
    return;
  Use *u = &tl->uses[i];
  u->uses++;
  u->last = u->familyLast = tl->at;
  if (writes) {
    u->writes++;
    u->writer = tl->at;
  }
}

static intptr_t rootOf(const Tile *tl, intptr_t i) {
  while (tl->uses[i].base >= 0) /* views point at earlier-made bases */
    i = tl->uses[i].base;
  return i;
}

/* Makes buffer `view` a view of `base` at byte `offset`. */
static void makeView(Tile *tl, intptr_t view, intptr_t base, int64_t offset) {
  IpuContext *ctx = tl->t->ctx;
  IpuOp *b = tl->uses[base].op;
  ipuOpSetAttr(tl->uses[view].op, "base",
               ipuFlatSymbolRefAttrGet(
                   ctx, ipuIdentGet(ctx, ipuStringAttrGetValue(
                                             ipuOpGetSymbolName(b)))));
  if (offset)
    ipuOpSetAttr(tl->uses[view].op, "base_offset", i64Attr(ctx, offset));
  intptr_t root = rootOf(tl, base);
  if (tl->uses[view].familyLast > tl->uses[root].familyLast)
    tl->uses[root].familyLast = tl->uses[view].familyLast;
  tl->uses[view].base = base;
}

static bool typeBytes(IpuType t, int64_t *bytes, int64_t *elements) {
  if (!t || ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(t))
    return false;
  int64_t size = ipuHwElementBytes(ipuShapedTypeGetElementType(t));
  int64_t n = ipuShapedTypeGetNumElements(t);
  if (!size || n < 0 || (n && size > INT64_MAX / n))
    return false;
  *bytes = size * n;
  *elements = n;
  return true;
}

/* The exec's buffer list `name` as indices into out[0, max); false when a
 * reference is not a buffer of the tile or the count differs. */
static bool listIndices(Tile *tl, IpuOp *exec, const char *name,
                        intptr_t *out, intptr_t count) {
  IpuAttr list = ipuOpGetAttr(exec, name);
  if (!list || ipuAttrGetKind(list) != IPU_ATTR_ARRAY ||
      ipuArrayAttrGetNumElements(list) != count)
    return false;
  for (intptr_t i = 0; i < count; ++i)
    if ((out[i] = bufferIndex(tl, ipuArrayAttrGetElement(list, i))) < 0)
      return false;
  return true;
}

/* A piece of a join may live inside the result when the join and its one
 * writer (an mvm, an exec or a receive) are all that touch it. */
static bool isFreePiece(Tile *tl, intptr_t piece, intptr_t join) {
  const Use *u = &tl->uses[piece];
  IpuOp *op = u->op;
  if (u->base >= 0 || u->uses != 2 || u->writes != 1 || u->writer < 0 ||
      u->writer >= join || ipuOpGetAttr(op, "stream_rows"))
    return false;
  int64_t slots = 1;
  IpuAttr a = ipuOpGetAttr(op, "slots");
  if (a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER)
    slots = ipuIntegerAttrGetInt(a);
  IpuOp *writer = tl->instrs[u->writer];
  return slots == 1 &&
         (ipuOpIsA(writer, "hw.exec") || ipuOpIsA(writer, "hw.mvm") ||
          ipuOpIsA(writer, "hw.recv"));
}

/* A join: the exec's region is one hl.concat of its arguments along an
 * axis after dims of 1, so each operand is one byte range of the result.
 * Each piece that nothing else uses becomes a view of the result. */
static int64_t joinInPlace(Tile *tl, intptr_t at) {
  IpuOp *exec = tl->instrs[at];
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
  IpuOp *concat = body ? ipuBlockGetFirstOp(body) : NULL;
  IpuOp *yield = concat ? ipuOpGetNext(concat) : NULL;
  if (!concat || !ipuOpIsA(concat, "hl.concat") || !yield ||
      !ipuOpIsA(yield, "hw.yield") || ipuOpGetNext(yield) ||
      ipuOpGetNumOperands(yield) != 1 ||
      ipuOpGetOperand(yield, 0) != ipuOpGetResult(concat, 0))
    return 0;
  IpuType type = ipuValueGetType(ipuOpGetResult(concat, 0));
  IpuAttr axisAttr = ipuOpGetAttr(concat, "axis");
  int64_t bytes, elements;
  if (!typeBytes(type, &bytes, &elements) || !axisAttr ||
      ipuAttrGetKind(axisAttr) != IPU_ATTR_INTEGER)
    return 0;
  int64_t rank = ipuShapedTypeGetRank(type);
  int64_t axis = ipuIntegerAttrGetInt(axisAttr);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return 0;
  for (int64_t d = 0; d < axis; ++d)
    if (ipuShapedTypeGetDimSize(type, d) != 1)
      return 0;
  intptr_t numArgs = ipuBlockGetNumArguments(body);
  intptr_t n = ipuOpGetNumOperands(concat);
  intptr_t result;
  intptr_t *srcs = ipuCalloc(tl->t->ctx, (size_t)numArgs + 1, sizeof *srcs);
  if (!srcs || !listIndices(tl, exec, "dsts", &result, 1) ||
      !listIndices(tl, exec, "srcs", srcs, numArgs) ||
      tl->uses[result].writes != 1 ||
      ipuOpGetAttr(tl->uses[result].op, "stream_rows")) {
    ipuFree(tl->t->ctx, srcs);
    return 0;
  }
  int64_t offset = 0, made = 0;
  for (intptr_t j = 0; j < n; ++j) {
    IpuValue v = ipuOpGetOperand(concat, j);
    int64_t pieceBytes, pieceElements;
    if (!typeBytes(ipuValueGetType(v), &pieceBytes, &pieceElements))
      break;
    intptr_t arg = -1;
    for (intptr_t k = 0; k < numArgs && arg < 0; ++k)
      if (ipuBlockGetArgument(body, k) == v)
        arg = k;
    /* A piece read twice (or not an argument) is copied. */
    bool once = arg >= 0 && ipuValueHasOneUse(v);
    for (intptr_t k = 0; k < numArgs && once; ++k)
      once = k == arg || srcs[k] != srcs[arg];
    if (once && srcs[arg] != result &&
        offset % IPU_HW_BUFFER_ALIGNMENT == 0 &&
        isFreePiece(tl, srcs[arg], at)) {
      makeView(tl, srcs[arg], result, offset);
      ++made;
    }
    offset += pieceBytes;
  }
  ipuFree(tl->t->ctx, srcs);
  if (made == n && offset == bytes)
    ipuOpSetAttr(exec, "in_place", ipuUnitAttrGet(tl->t->ctx));
  return made;
}

typedef struct {
  Tile *tl;
  intptr_t buffer;
  bool found;
} Find;

static void findUse(IpuOp *inst, IpuAttr ref, bool writes, void *userData) {
  Find *f = userData;
  if (!writes && bufferIndex(f->tl, ref) == f->buffer)
    f->found = true;
}

static bool readsBuffer(Tile *tl, IpuOp *inst, intptr_t buffer) {
  Find f = {tl, buffer, false};
  ipuHwInstrForEachBuffer(inst, findUse, &f);
  return f.found;
}

/* Whether every op that reads argument `k` of the exec's block, directly
 * or through other ops, is position-wise without transpose (ops that do
 * not depend on it never touch its bytes). The block is in SSA order, so
 * one forward pass finds the ops that depend on it. */
static bool readsPositionWise(Tile *tl, IpuBlock *body, intptr_t k) {
  IpuPtrMap slice;
  ipuPtrMapInit(&slice, tl->t->ctx);
  IpuValue arg = ipuBlockGetArgument(body, k);
  bool ok = true;
  for (IpuOp *o = ipuBlockGetFirstOp(body); o && ok; o = ipuOpGetNext(o)) {
    bool depends = false;
    for (intptr_t i = 0, n = ipuOpGetNumOperands(o); i < n && !depends;
         ++i) {
      IpuValue v = ipuOpGetOperand(o, i);
      IpuOp *def = ipuValueGetDefiningOp(v);
      depends = v == arg || (def && ipuPtrMapContains(&slice, def));
    }
    if (!depends)
      continue;
    ok = ipuOpGetNumRegions(o) == 0 &&
         (ipuOpIsA(o, "hw.yield") || t2hIsPositionWise(o, false)) &&
         ipuPtrMapPut(&slice, o, o);
  }
  ipuPtrMapDestroy(&slice);
  return ok;
}

/* An exec with one result may write it over a source of the same bytes
 * and elements that nothing reads afterwards when the code reading that
 * source is position-wise without transpose: the SIMD unit reads each
 * element before it writes it. */
static bool execInPlace(Tile *tl, intptr_t at) {
  IpuOp *exec = tl->instrs[at];
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
  if (!body)
    return false;
  intptr_t numArgs = ipuBlockGetNumArguments(body), dst;
  if (!listIndices(tl, exec, "dsts", &dst, 1))
    return false;
  const Use *d = &tl->uses[dst];
  int64_t dstBytes, dstElements;
  if (d->base >= 0 || d->writes != 1 || ipuOpGetAttr(d->op, "stream_rows") ||
      !typeBytes(bufferType(d->op), &dstBytes, &dstElements))
    return false;
  intptr_t *srcs = ipuCalloc(tl->t->ctx, (size_t)numArgs + 1, sizeof *srcs);
  if (!srcs || !listIndices(tl, exec, "srcs", srcs, numArgs)) {
    ipuFree(tl->t->ctx, srcs);
    return false;
  }
  /* An ADC epilogue runs alongside its producer, row by row: a source the
   * producer still reads (its input map) must not be overwritten. */
  IpuOp *paired = NULL;
  if (at > 0 && (ipuOpIsA(tl->instrs[at - 1], "hw.mvm") ||
                 ipuOpIsA(tl->instrs[at - 1], "hw.accumulate")))
    paired = tl->instrs[at - 1];
  intptr_t chosen = -1;
  for (intptr_t k = 0; k < numArgs && chosen < 0; ++k) {
    if ((paired && readsBuffer(tl, paired, srcs[k])) ||
        !readsPositionWise(tl, body, k))
      continue;
    const Use *s = &tl->uses[srcs[k]];
    int64_t bytes, elements, slots = 1;
    IpuAttr a = ipuOpGetAttr(s->op, "slots");
    if (a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER)
      slots = ipuIntegerAttrGetInt(a);
    if (srcs[k] == dst || slots != 1 || s->last != at ||
        ipuOpGetAttr(s->op, "stream_rows") ||
        tl->uses[rootOf(tl, srcs[k])].familyLast > at ||
        !typeBytes(bufferType(s->op), &bytes, &elements) ||
        bytes != dstBytes || elements != dstElements)
      continue;
    chosen = srcs[k];
  }
  ipuFree(tl->t->ctx, srcs);
  if (chosen < 0)
    return false;
  makeView(tl, dst, chosen, 0);
  return true;
}

static IpuLogicalResult viewsOnTile(T2h *t, T2hPlace *p) {
  Tile tl = {.t = t};
  ipuPtrMapInit(&tl.index, t->ctx);
  for (IpuOp *op = ipuBlockGetFirstOp(p->body); op; op = ipuOpGetNext(op))
    tl.numBuffers += ipuOpIsA(op, "hw.buffer");
  for (IpuOp *op = ipuBlockGetFirstOp(p->code); op; op = ipuOpGetNext(op))
    tl.numInstrs++;
  tl.uses = ipuCalloc(t->ctx, (size_t)tl.numBuffers + 1, sizeof *tl.uses);
  tl.instrs = ipuCalloc(t->ctx, (size_t)tl.numInstrs + 1, sizeof *tl.instrs);
  tl.symbols = ipuSymbolTableCreate(p->owner);
  bool ok = tl.uses && tl.instrs && tl.symbols;
  intptr_t i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(p->body); op && ok;
       op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "hw.buffer")) {
      tl.uses[i] = (Use){op, 0, 0, -1, -1, -1, -1};
      ok = ipuPtrMapPutInt(&tl.index, op, ++i);
    }
  i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(p->code); op && ok;
       op = ipuOpGetNext(op))
    tl.instrs[i++] = op;
  for (tl.at = 0; ok && tl.at < tl.numInstrs; ++tl.at)
    ipuHwInstrForEachBuffer(tl.instrs[tl.at], noteUse, &tl);
  /* Joins first: a piece must be free of other views; then in-place
   * code, in program order so chains of it share one buffer. */
  for (intptr_t at = 0; ok && at < tl.numInstrs; ++at)
    if (ipuOpIsA(tl.instrs[at], "hw.exec")) {
      int64_t made = joinInPlace(&tl, at);
      t->numJoinViews += made;
    }
  for (intptr_t at = 0; ok && at < tl.numInstrs; ++at)
    if (ipuOpIsA(tl.instrs[at], "hw.exec") && execInPlace(&tl, at))
      ++t->numExecViews;
  if (tl.symbols)
    ipuSymbolTableDestroy(tl.symbols);
  ipuPtrMapDestroy(&tl.index);
  ipuFree(t->ctx, tl.uses);
  ipuFree(t->ctx, tl.instrs);
  return ok ? IPU_SUCCESS : ipuOpEmitError(p->owner, "out of memory");
}

IpuLogicalResult t2hMakeViews(T2h *t) {
  for (intptr_t i = 0; i < t->numPlaces; ++i)
    if (i != T2H_HOST && t->places[i].owner &&
        ipuFailed(viewsOnTile(t, &t->places[i])))
      return IPU_FAILURE;
  return IPU_SUCCESS;
}
