/* tile-to-hw's in-place buffers: after the programs are built, each tile's
 * joins (a hw.exec that only concatenates), slices (one that only cuts a
 * box out of a tensor) and position-wise SIMD code that may overwrite an
 * input get views (hw.buffer `base`), so that plan-memory gives a family
 * one allocation. */
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
  bool hasBoxIndex;   /* a join's piece: where it sits as a box of the
                         result, kept in case its base becomes strided */
  int64_t boxIndex[IPU_HW_MAX_RANK];
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

/* Makes buffer `view` a view of `base`: at byte `offset`, or, with
 * `index` (one entry per dim), the box of `base` starting there. */
static void makeView(Tile *tl, intptr_t view, intptr_t base, int64_t offset,
                     const int64_t *index, intptr_t rank) {
  IpuContext *ctx = tl->t->ctx;
  IpuOp *b = tl->uses[base].op;
  ipuOpSetAttr(tl->uses[view].op, "base",
               ipuFlatSymbolRefAttrGet(
                   ctx, ipuIdentGet(ctx, ipuStringAttrGetValue(
                                             ipuOpGetSymbolName(b)))));
  if (index)
    ipuOpSetAttr(tl->uses[view].op, "base_index",
                 ipuDenseI64ArrayAttrGet(ctx, rank, index));
  else if (offset)
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

/* Before `piece` becomes a strided box of a join's result, the views on
 * it must become boxes of it: a join's piece (it knows its index) or a
 * view of the same type (index 0), with no views of their own. False when
 * one cannot (the piece is then copied). */
static bool boxTheViewsOf(Tile *tl, intptr_t piece, bool apply) {
  IpuContext *ctx = tl->t->ctx;
  IpuType type = bufferType(tl->uses[piece].op);
  int64_t zeros[IPU_HW_MAX_RANK] = {0};
  for (intptr_t c = 0; c < tl->numBuffers; ++c) {
    Use *child = &tl->uses[c];
    if (child->base != piece)
      continue;
    if (!apply) {
      for (intptr_t g = 0; g < tl->numBuffers; ++g)
        if (tl->uses[g].base == c)
          return false;
      if (!child->hasBoxIndex && bufferType(child->op) != type)
        return false;
      continue;
    }
    const int64_t *index = child->hasBoxIndex ? child->boxIndex : zeros;
    ipuOpSetAttr(child->op, "base_offset", NULL);
    ipuOpSetAttr(child->op, "base_index",
                 ipuDenseI64ArrayAttrGet(ctx, ipuShapedTypeGetRank(type),
                                         index));
  }
  return true;
}

/* The exec's region when it is one op of `name` on block arguments whose
 * one result the hw.yield returns; else NULL. */
static IpuOp *soleOp(IpuOp *exec, const char *name) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
  IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL;
  IpuOp *yield = op ? ipuOpGetNext(op) : NULL;
  if (!op || !ipuOpIsA(op, name) || !yield || !ipuOpIsA(yield, "hw.yield") ||
      ipuOpGetNext(yield) || ipuOpGetNumOperands(yield) != 1 ||
      ipuOpGetNumResults(op) != 1 ||
      ipuOpGetOperand(yield, 0) != ipuOpGetResult(op, 0))
    return NULL;
  return op;
}

static intptr_t argumentIndex(IpuBlock *body, IpuValue v) {
  return ipuValueGetOwnerBlock(v) == body ? ipuValueGetIndex(v) : -1;
}

/* A join: the exec's region is one hl.concat of its arguments. Each piece
 * that nothing else uses becomes a view of the result: a contiguous one
 * (`base_offset`) when every dim before the axis is 1 and the piece starts
 * at an aligned byte, else a box view (`base_index`) whose rows of the
 * axis interleave with the other pieces'. */
static int64_t joinInPlace(Tile *tl, intptr_t at) {
  IpuOp *exec = tl->instrs[at];
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
  IpuOp *concat = soleOp(exec, "hl.concat");
  if (!concat)
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
  if (axis < 0 || axis >= rank || rank > IPU_HW_MAX_RANK)
    return 0;
  bool contiguous = true;
  for (int64_t d = 0; d < axis; ++d)
    contiguous &= ipuShapedTypeGetDimSize(type, d) == 1;
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
  int64_t offset = 0, made = 0, index[IPU_HW_MAX_RANK] = {0};
  for (intptr_t j = 0; j < n; ++j) {
    IpuValue v = ipuOpGetOperand(concat, j);
    IpuType pieceType = ipuValueGetType(v);
    int64_t pieceBytes, pieceElements;
    if (!typeBytes(pieceType, &pieceBytes, &pieceElements) ||
        ipuShapedTypeGetRank(pieceType) != rank)
      break;
    intptr_t arg = argumentIndex(body, v);
    /* A piece read twice (or not an argument) is copied. */
    bool once = arg >= 0 && ipuValueHasOneUse(v);
    for (intptr_t k = 0; k < numArgs && once; ++k)
      once = k == arg || srcs[k] != srcs[arg];
    if (once && srcs[arg] != result && isFreePiece(tl, srcs[arg], at) &&
        (contiguous || boxTheViewsOf(tl, srcs[arg], false))) {
      Use *u = &tl->uses[srcs[arg]];
      if (contiguous && offset % IPU_HW_BUFFER_ALIGNMENT == 0) {
        makeView(tl, srcs[arg], result, offset, NULL, 0);
      } else {
        if (!contiguous)
          boxTheViewsOf(tl, srcs[arg], true);
        makeView(tl, srcs[arg], result, 0, index, rank);
      }
      u->hasBoxIndex = true;
      for (int64_t d = 0; d < rank; ++d)
        u->boxIndex[d] = index[d];
      ++made;
    }
    offset += pieceBytes;
    index[axis] += ipuShapedTypeGetDimSize(pieceType, axis);
  }
  ipuFree(tl->t->ctx, srcs);
  if (made == n && offset == bytes)
    ipuOpSetAttr(exec, "in_place", ipuUnitAttrGet(tl->t->ctx));
  return made;
}

/* The first element a static hl.slice with unit steps keeps, per dim of
 * its input; false for other slices. */
static bool sliceStart(IpuOp *slice, int64_t *start, intptr_t rank) {
  IpuType in = ipuValueGetType(ipuOpGetOperand(slice, 0));
  IpuAttr starts = ipuOpGetAttr(slice, "starts");
  IpuAttr axes = ipuOpGetAttr(slice, "axes");
  IpuAttr steps = ipuOpGetAttr(slice, "steps");
  if (!starts || ipuAttrGetKind(starts) != IPU_ATTR_DENSE_ARRAY ||
      (axes && ipuAttrGetKind(axes) != IPU_ATTR_DENSE_ARRAY) ||
      (steps && ipuAttrGetKind(steps) != IPU_ATTR_DENSE_ARRAY))
    return false;
  intptr_t n = ipuDenseArrayAttrGetNumElements(starts);
  if ((axes && ipuDenseArrayAttrGetNumElements(axes) != n) ||
      (steps && ipuDenseArrayAttrGetNumElements(steps) != n) || n > rank)
    return false;
  const int64_t *s = ipuDenseArrayAttrGetData(starts);
  const int64_t *a = axes ? ipuDenseArrayAttrGetData(axes) : NULL;
  const int64_t *st = steps ? ipuDenseArrayAttrGetData(steps) : NULL;
  for (intptr_t d = 0; d < rank; ++d)
    start[d] = 0;
  for (intptr_t i = 0; i < n; ++i) {
    int64_t axis = a ? a[i] : i;
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank || (st && st[i] != 1))
      return false;
    int64_t dim = ipuShapedTypeGetDimSize(in, axis);
    int64_t first = s[i] < 0 ? s[i] + dim : s[i];
    start[axis] = first < 0 ? 0 : first > dim ? dim : first;
  }
  return true;
}

/* A slice: the exec's region is one hl.slice (static, unit steps) of an
 * argument. Its result becomes the box of its source it reads, so a map
 * cut into row bands (with halos) holds its bytes once. Safe when:
 *  - the source is not streamed (all of it resident) and is written once,
 *    before the slice (tile-to-hw writes every buffer once; a receive
 *    buffer in a family gets one slot from plan-memory, and the simulator
 *    frees that slot only after the last use of any buffer sharing its
 *    bytes, so the router cannot overwrite it under the view);
 *  - the result is written only by this exec, is no view yet, not
 *    streamed;
 *  - nothing writes the source's bytes while the view is live: the only
 *    later writers of bytes of an existing buffer are in-place execs, and
 *    execInPlace refuses a source whose family (which now holds the view)
 *    is used after the exec. */
static bool sliceInPlace(Tile *tl, intptr_t at) {
  IpuOp *exec = tl->instrs[at];
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
  IpuOp *slice = soleOp(exec, "hl.slice");
  if (!slice)
    return false;
  IpuType in = ipuValueGetType(ipuOpGetOperand(slice, 0));
  IpuType out = ipuValueGetType(ipuOpGetResult(slice, 0));
  intptr_t arg = argumentIndex(body, ipuOpGetOperand(slice, 0));
  intptr_t numArgs = ipuBlockGetNumArguments(body), dst, rank;
  int64_t start[IPU_HW_MAX_RANK], bytes, elements;
  if (arg < 0 || !typeBytes(in, &bytes, &elements) ||
      !typeBytes(out, &bytes, &elements) ||
      (rank = ipuShapedTypeGetRank(in)) != ipuShapedTypeGetRank(out) ||
      rank > IPU_HW_MAX_RANK || !sliceStart(slice, start, rank))
    return false;
  for (intptr_t d = 0; d < rank; ++d)
    if (ipuShapedTypeGetDimSize(out, d) >
        ipuShapedTypeGetDimSize(in, d) - start[d])
      return false;
  intptr_t *srcs = ipuCalloc(tl->t->ctx, (size_t)numArgs + 1, sizeof *srcs);
  bool ok = srcs && listIndices(tl, exec, "srcs", srcs, numArgs) &&
            listIndices(tl, exec, "dsts", &dst, 1);
  intptr_t src = ok ? srcs[arg] : -1;
  ipuFree(tl->t->ctx, srcs);
  if (!ok || src == dst)
    return false;
  const Use *s = &tl->uses[src], *d = &tl->uses[dst];
  if (s->writes != 1 || s->writer < 0 || s->writer >= at ||
      ipuOpGetAttr(s->op, "stream_rows") || d->base >= 0 || d->writes != 1 ||
      d->writer != at || ipuOpGetAttr(d->op, "stream_rows") ||
      bufferType(s->op) != in || bufferType(d->op) != out)
    return false;
  makeView(tl, dst, src, 0, start, rank);
  ipuOpSetAttr(exec, "in_place", ipuUnitAttrGet(tl->t->ctx));
  return true;
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

/* Whether the exec's region only hands argument `k` on, as it is or
 * reshaped (the same bytes in the same order): as a view of it, the exec
 * has no work left for the SIMD unit. */
static bool passesOn(IpuBlock *body, intptr_t k) {
  static const char *const sameBytes[] = {"hl.reshape", "hl.flatten",
                                          "hl.identity", "hl.squeeze",
                                          "hl.unsqueeze", NULL};
  IpuOp *yield = ipuBlockGetTerminator(body);
  if (!yield || !ipuOpIsA(yield, "hw.yield") ||
      ipuOpGetNumOperands(yield) != 1)
    return false;
  /* Back through the defining ops, which come earlier in the block (SSA),
   * so the walk ends: at the argument, or at anything else. */
  IpuValue v = ipuOpGetOperand(yield, 0);
  while (v != ipuBlockGetArgument(body, k)) {
    IpuOp *def = ipuValueGetDefiningOp(v);
    if (!def || !ipuPassOpIsOneOf(def, sameBytes) ||
        ipuOpGetNumOperands(def) < 1)
      return false;
    v = ipuOpGetOperand(def, 0);
  }
  return true;
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
  bool passThrough = false;
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
    /* A strided box cannot hold a contiguous result. */
    IpuHwBufferLayout layout;
    if (s->base >= 0 &&
        (ipuHwBufferResolveLayout(s->op, tl->symbols, &layout) !=
             IPU_HW_VIEW_OK ||
         layout.strided))
      continue;
    chosen = srcs[k];
    passThrough = passesOn(body, k);
  }
  ipuFree(tl->t->ctx, srcs);
  if (chosen < 0)
    return false;
  makeView(tl, dst, chosen, 0, NULL, 0);
  if (passThrough)
    ipuOpSetAttr(exec, "in_place", ipuUnitAttrGet(tl->t->ctx));
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
      tl.uses[i] = (Use){op, 0, 0, -1, -1, -1, -1, false, {0}};
      ok = ipuPtrMapPutInt(&tl.index, op, ++i);
    }
  i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(p->code); op && ok;
       op = ipuOpGetNext(op))
    tl.instrs[i++] = op;
  for (tl.at = 0; ok && tl.at < tl.numInstrs; ++tl.at)
    ipuHwInstrForEachBuffer(tl.instrs[tl.at], noteUse, &tl);
  /* Joins first: a piece must be free of other views; then slices; then
   * in-place code, in program order so chains of it share one buffer
   * (it sees the slices' views in the families' last uses). */
  for (intptr_t at = 0; ok && at < tl.numInstrs; ++at)
    if (ipuOpIsA(tl.instrs[at], "hw.exec")) {
      int64_t made = joinInPlace(&tl, at);
      t->numJoinViews += made;
    }
  for (intptr_t at = 0; ok && at < tl.numInstrs; ++at)
    if (ipuOpIsA(tl.instrs[at], "hw.exec") && sliceInPlace(&tl, at))
      ++t->numSliceViews;
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
