/* ipubFromHw: hw IR after plan-memory mapped one to one onto an IpubModule,
 * errors at the offending ops; each hw.exec becomes a func.func @k<i>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/hw.h"
#include "ipu/interp.h"
#include "ipub_internal.h"

/* A view's strides (hw IR) become the binary buffer's, rank for rank. */
_Static_assert(IPU_HW_MAX_RANK == IPU_TENSOR_MAX_RANK,
               "hw views and .ipub buffers have the same maximum rank");

/* The ops each module item came from, for the verifier's errors. */
typedef struct {
  IpuOp *op;
  IpuOp **blocks, **buffers, **instrs;
} TileOps;

typedef struct {
  IpuContext *ctx;
  IpuOp *module;
  IpubModule *m;
  TileOps *tileOps; /* numTiles + 1: the host last */
  IpuOp **routeOps;
  IpuPtrMap routes;  /* route name ident -> index */
  IpuPtrMap locs;    /* location -> debug index */
  uint32_t capLocs;
  IpuOp *kernels;    /* builtin.module of func.func @k<i> */
  IpuBlock *kernelBody;
  IpuSymbolTable *viewSymbols; /* of viewOwner, to resolve views */
  IpuOp *viewOwner;
} Builder;

/* ---- Attributes -------------------------------------------------------- */

static bool intAttr(IpuOp *op, const char *name, int64_t dflt, bool required,
                    int64_t *out) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a) {
    if (required) {
      ipuOpEmitError(op, "requires attribute '%s'", name);
      return false;
    }
    *out = dflt;
    return true;
  }
  if (ipuAttrGetKind(a) != IPU_ATTR_INTEGER) {
    ipuOpEmitError(op, "attribute '%s' must be an integer", name);
    return false;
  }
  *out = ipuIntegerAttrGetInt(a);
  return true;
}

static bool rangedAttr(IpuOp *op, const char *name, int64_t dflt,
                       bool required, int64_t lo, int64_t hi, int64_t *out) {
  if (!intAttr(op, name, dflt, required, out))
    return false;
  if (*out < lo || *out > hi) {
    ipuOpEmitError(op, "attribute '%s' is %lld, outside [%lld, %lld]", name,
                   (long long)*out, (long long)lo, (long long)hi);
    return false;
  }
  return true;
}

static bool u32Attr(IpuOp *op, const char *name, int64_t dflt,
                    uint32_t *out) {
  int64_t v;
  if (!rangedAttr(op, name, dflt, false, 0, UINT32_MAX - 1, &v))
    return false;
  *out = (uint32_t)v;
  return true;
}

/* An i64 dense array of exactly `n` entries, or the default. */
static bool arrayAttr(IpuOp *op, const char *name, intptr_t n,
                      const int64_t *dflt, int64_t *out) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a) {
    memcpy(out, dflt, (size_t)n * sizeof *out);
    return true;
  }
  if (ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      !ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(a), 64) ||
      ipuDenseArrayAttrGetNumElements(a) != n) {
    ipuOpEmitError(op, "attribute '%s' must be an array<i64> of %ld values",
                   name, (long)n);
    return false;
  }
  memcpy(out, ipuDenseArrayAttrGetData(a), (size_t)n * sizeof *out);
  return true;
}

static IpuIdent symbolOf(IpuOp *op) {
  IpuAttr name = ipuOpGetSymbolName(op);
  if (!name || ipuAttrGetKind(name) != IPU_ATTR_STRING) {
    ipuOpEmitError(op, "requires a 'sym_name' string");
    return NULL;
  }
  return ipuIdentGet(ipuOpGetContext(op), ipuStringAttrGetValue(name));
}

static char *dupIdent(Builder *b, IpuIdent id) {
  return ipuStrDup(b->ctx, ipuIdentStr(id));
}

/* A flat reference `@name` resolved in `map`; -1 after an error. */
static int64_t resolveRef(IpuOp *op, IpuAttr ref, const IpuPtrMap *map,
                          const char *name, const char *what) {
  if (!ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF ||
      ipuSymbolRefAttrGetNumNested(ref) != 0) {
    ipuOpEmitError(op, "attribute '%s' must be a flat symbol reference",
                   name);
    return -1;
  }
  IpuIdent id = ipuSymbolRefAttrGetRoot(ref);
  intptr_t index = ipuPtrMapGetInt(map, id, -1);
  if (index < 0)
    ipuOpEmitError(op, "'%s' refers to @%s, which is no %s here", name,
                   ipuIdentCStr(id), what);
  return index;
}

/* ---- Types ------------------------------------------------------------- */

static bool tensorType(IpuOp *op, IpuType type, const char *what,
                       IpuDType *dtype, int *rank, int64_t *shape) {
  if (!type || !ipuTypeIsTensor(type) || !ipuShapedTypeHasRank(type) ||
      !ipuShapedTypeHasStaticShape(type) ||
      ipuShapedTypeGetRank(type) > IPU_TENSOR_MAX_RANK) {
    ipuOpEmitError(op, "%s must be a statically shaped ranked tensor", what);
    return false;
  }
  *dtype = ipuInterpDTypeOf(ipuShapedTypeGetElementType(type));
  if (*dtype == IPU_DTYPE_UNDEFINED || *dtype == IPU_DTYPE_STRING) {
    ipuOpEmitError(op, "%s has an element type the .ipub format cannot "
                       "carry",
                   what);
    return false;
  }
  *rank = (int)ipuShapedTypeGetRank(type);
  if (*rank)
    memcpy(shape, ipuShapedTypeGetShape(type), (size_t)*rank * sizeof *shape);
  return true;
}

/* ---- Tiles: array, buffers --------------------------------------------- */

static bool readArray(Builder *b, IpuOp *array, IpubTile *t, TileOps *ops,
                      IpuPtrMap *blocks) {
  int64_t rows, cols, bits;
  if (!rangedAttr(array, "rows", 0, true, 1, UINT32_MAX, &rows) ||
      !rangedAttr(array, "cols", 0, true, 1, UINT32_MAX, &cols) ||
      !rangedAttr(array, "weight_bits", 8, false, 1, 8, &bits))
    return false;
  t->hasArray = true;
  t->arrayRows = (uint32_t)rows;
  t->arrayCols = (uint32_t)cols;
  t->weightBits = (uint32_t)bits;
  IpuBlock *body = ipuOpGetNumRegions(array) == 1
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(array, 0))
                       : NULL;
  uint32_t n = 0;
  for (IpuOp *o = body ? ipuBlockGetFirstOp(body) : NULL; o;
       o = ipuOpGetNext(o))
    ++n;
  t->blocks = n ? ipuCalloc(b->ctx, n, sizeof *t->blocks) : NULL;
  ops->blocks = n ? ipuCalloc(b->ctx, n, sizeof *ops->blocks) : NULL;
  if (n && (!t->blocks || !ops->blocks)) {
    ipuOpEmitError(array, "out of memory");
    return false;
  }
  for (IpuOp *o = body ? ipuBlockGetFirstOp(body) : NULL; o;
       o = ipuOpGetNext(o)) {
    if (!ipuOpIsA(o, "tile.block")) {
      ipuOpEmitError(o, "unexpected op in a tile.array");
      return false;
    }
    IpubBlock *blk = &t->blocks[t->numBlocks];
    ops->blocks[t->numBlocks] = o;
    int64_t row, col;
    IpuIdent name = symbolOf(o);
    if (!name || !rangedAttr(o, "row", 0, true, 0, UINT32_MAX, &row) ||
        !rangedAttr(o, "col", 0, true, 0, UINT32_MAX, &col))
      return false;
    IpuTensor w = {0};
    if (ipuFailed(ipuInterpTensorFromAttr(b->ctx, ipuOpGetLoc(o),
                                          ipuOpGetAttr(o, "value"), &w)))
      return false;
    bool ok = w.dtype == IPU_DTYPE_I8 && w.rank == 2 && w.shape[0] > 0 &&
              w.shape[1] > 0 && w.shape[0] <= UINT32_MAX &&
              w.shape[1] <= UINT32_MAX;
    if (ok) {
      size_t cells = (size_t)(w.shape[0] * w.shape[1]);
      blk->weights = ipuAlloc(b->ctx, cells);
      blk->name = dupIdent(b, name);
      if (blk->weights)
        memcpy(blk->weights, w.data, cells);
      blk->row = (uint32_t)row;
      blk->col = (uint32_t)col;
      blk->k = (uint32_t)w.shape[0];
      blk->n = (uint32_t)w.shape[1];
      ++t->numBlocks;
      if (!blk->weights || !blk->name) {
        ipuTensorFree(&w);
        ipuOpEmitError(o, "out of memory");
        return false;
      }
    }
    ipuTensorFree(&w);
    if (!ok) {
      ipuOpEmitError(o, "value must be a non-empty 2-D i8 tensor");
      return false;
    }
    if (!ipuPtrMapPutInt(blocks, name, t->numBlocks - 1)) {
      ipuOpEmitError(o, "out of memory");
      return false;
    }
  }
  return true;
}

static bool readBuffer(Builder *b, IpuOp *op, bool host, IpubBuffer *buf,
                       IpuPtrMap *buffers, uint32_t index) {
  IpuIdent name = symbolOf(op);
  if (!name)
    return false;
  IpuAttr type = ipuOpGetAttr(op, "type");
  if (!type || ipuAttrGetKind(type) != IPU_ATTR_TYPE) {
    ipuOpEmitError(op, "requires a 'type' type attribute");
    return false;
  }
  if (!tensorType(op, ipuTypeAttrGetValue(type), "the buffer's type",
                  &buf->dtype, &buf->rank, buf->shape))
    return false;
  int64_t offset = 0, slots, streamRows;
  if (!host && !ipuOpGetAttr(op, "offset")) {
    ipuOpEmitError(op, "has no SRAM offset (run plan-memory before emitting "
                       "the binary)");
    return false;
  }
  if (!rangedAttr(op, "offset", 0, false, 0, INT64_MAX, &offset) ||
      !rangedAttr(op, "slots", 1, false, 1, 2, &slots) ||
      !rangedAttr(op, "stream_rows", 0, false, 0, UINT32_MAX, &streamRows))
    return false;
  buf->offset = (uint64_t)offset;
  buf->slots = (uint32_t)slots;
  buf->streamRows = (uint32_t)streamRows;
  /* A box view keeps its base's strides: the binary carries them, and its
   * offset is that of its first element. */
  IpuHwBufferLayout layout;
  if (!host && ipuOpGetAttr(op, "base")) {
    IpuOp *owner = ipuOpGetParentOp(op);
    if (b->viewOwner != owner) {
      if (b->viewSymbols)
        ipuSymbolTableDestroy(b->viewSymbols);
      b->viewOwner = owner;
      b->viewSymbols = ipuSymbolTableCreate(owner);
    }
    if (!b->viewSymbols ||
        ipuHwBufferResolveLayout(op, b->viewSymbols, &layout) !=
            IPU_HW_VIEW_OK ||
        layout.rank != buf->rank) {
      ipuOpEmitError(op, "is a view whose chain of bases does not resolve");
      return false;
    }
    buf->strided = layout.boxed;
    for (int d = 0; layout.boxed && d < layout.rank; ++d)
      buf->strides[d] = layout.strides[d];
  }
  buf->name = dupIdent(b, name);
  if (!buf->name) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  if (!ipubBufferExpectedBytes(buf, &buf->bytes)) {
    ipuOpEmitError(op, "has an invalid size (stream_rows beyond dim 0, or "
                       "too large)");
    return false;
  }
  if (ipuPtrMapGetInt(buffers, name, -1) >= 0) {
    ipuOpEmitError(op, "redefines buffer @%s", ipuIdentCStr(name));
    return false;
  }
  if (!ipuPtrMapPutInt(buffers, name, index)) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  return true;
}

/* ---- Instructions ------------------------------------------------------ */

/* The instruction's location as text (as --mlir-print-debuginfo with
 * --mlir-print-local-scope prints it), shared between equal locations. */
static bool debugIndex(Builder *b, IpuOp *op, uint32_t *out) {
  *out = IPUB_NO_INDEX;
  IpuLocation loc = ipuOpGetLoc(op);
  if (!loc || ipuAttrGetKind(loc) == IPU_ATTR_LOC_UNKNOWN)
    return true;
  intptr_t known = ipuPtrMapGetInt(&b->locs, loc, -1);
  if (known >= 0) {
    *out = (uint32_t)known;
    return true;
  }
  IpubModule *m = b->m;
  if (m->numDebugLocs == b->capLocs) {
    uint32_t cap = b->capLocs ? b->capLocs * 2 : 64;
    char **p = ipuRealloc(b->ctx, m->debugLocs, cap * sizeof *p);
    if (!p)
      return false;
    m->debugLocs = p;
    b->capLocs = cap;
  }
  IpuStrBuf text = {.ctx = b->ctx};
  ipuLocationPrint(loc, ipuStrBufCallback, &text);
  char *printed = ipuStrBufTake(&text);
  if (!printed)
    return false;
  /* Counted first, so that the module frees it whatever happens next. */
  m->debugLocs[m->numDebugLocs] = printed;
  uint32_t index = m->numDebugLocs++;
  if (!ipuPtrMapPutInt(&b->locs, loc, index))
    return false;
  *out = index;
  return true;
}

static bool oneBuffer(IpuOp *op, const char *name, const IpuPtrMap *buffers,
                      uint32_t *n, uint32_t **list, IpuContext *ctx) {
  int64_t index = resolveRef(op, ipuOpGetAttr(op, name), buffers, name,
                             "buffer");
  if (index < 0)
    return false;
  *list = ipuAlloc(ctx, sizeof **list);
  if (!*list) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  (*list)[0] = (uint32_t)index;
  *n = 1;
  return true;
}

static bool bufferList(IpuOp *op, const char *name, const IpuPtrMap *buffers,
                       uint32_t *n, uint32_t **list, IpuContext *ctx) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_ARRAY) {
    ipuOpEmitError(op, "attribute '%s' must be an array of buffer "
                       "references",
                   name);
    return false;
  }
  intptr_t count = ipuArrayAttrGetNumElements(a);
  *n = 0;
  if (!count)
    return true;
  *list = ipuAlloc(ctx, (size_t)count * sizeof **list);
  if (!*list) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  for (intptr_t i = 0; i < count; ++i) {
    int64_t index = resolveRef(op, ipuArrayAttrGetElement(a, i), buffers,
                               name, "buffer");
    if (index < 0)
      return false;
    (*list)[(*n)++] = (uint32_t)index;
  }
  return true;
}

static bool readWindow(IpuOp *op, IpubWindow *w) {
  static const int64_t ones[2] = {1, 1}, zeros[4] = {0, 0, 0, 0};
  int64_t count;
  if (!arrayAttr(op, "kernel_shape", 2, ones, w->kernel) ||
      !arrayAttr(op, "strides", 2, ones, w->strides) ||
      !arrayAttr(op, "pads", 4, zeros, w->pads) ||
      !arrayAttr(op, "dilations", 2, ones, w->dilations) ||
      !intAttr(op, "channel_begin", 0, false, &w->channelBegin) ||
      !intAttr(op, "channel_count", -1, false, &count))
    return false;
  w->channelCount = count;
  return true;
}

/* The func.func @k<index> of an exec's region: a clone of the region with
 * hw.yield turned into func.return. */
static bool addKernel(Builder *b, IpuOp *exec, uint32_t index,
                      const IpubTile *t, const IpubInstr *in) {
  IpuContext *ctx = b->ctx;
  IpuRegion *src = ipuOpGetNumRegions(exec) == 1 ? ipuOpGetRegion(exec, 0)
                                                 : NULL;
  IpuBlock *entry = src ? ipuRegionGetFirstBlock(src) : NULL;
  IpuOp *yield = entry ? ipuBlockGetTerminator(entry) : NULL;
  if (!entry || ipuRegionGetNumBlocks(src) != 1 || !yield ||
      !ipuOpIsA(yield, "hw.yield")) {
    ipuOpEmitError(exec, "needs one block ending in hw.yield");
    return false;
  }
  intptr_t numArgs = ipuBlockGetNumArguments(entry);
  intptr_t numResults = ipuOpGetNumOperands(yield);
  if (numArgs != in->numSrcs || numResults != in->numDsts) {
    ipuOpEmitError(exec,
                   "has %ld argument(s) and %ld result(s) for %u source "
                   "and %u destination buffer(s)",
                   (long)numArgs, (long)numResults, in->numSrcs,
                   in->numDsts);
    return false;
  }
  IpuType *types = ipuCalloc(ctx, (size_t)(numArgs + numResults) + 1,
                             sizeof *types);
  if (!types) {
    ipuOpEmitError(exec, "out of memory");
    return false;
  }
  bool ok = true;
  for (intptr_t i = 0; i < numArgs + numResults && ok; ++i) {
    bool arg = i < numArgs;
    IpuType type =
        arg ? ipuValueGetType(ipuBlockGetArgument(entry, i))
            : ipuValueGetType(ipuOpGetOperand(yield, i - numArgs));
    const IpubBuffer *buf =
        &t->buffers[arg ? in->srcs[i] : in->dsts[i - numArgs]];
    IpuDType dtype;
    int rank;
    int64_t shape[IPU_TENSOR_MAX_RANK];
    ok = tensorType(exec, type, arg ? "an argument" : "a result", &dtype,
                    &rank, shape);
    if (ok && (dtype != buf->dtype || rank != buf->rank ||
               (rank &&
                memcmp(shape, buf->shape, (size_t)rank * sizeof *shape)))) {
      ipuOpEmitError(exec, "%s #%ld does not have the type of buffer @%s",
                     arg ? "argument" : "result",
                     (long)(arg ? i : i - numArgs), buf->name);
      ok = false;
    }
    types[i] = type;
  }
  IpuOp *clone = ok ? ipuOpClone(exec) : NULL;
  IpuRegion *body = clone ? ipuRegionCreate(ctx) : NULL;
  if (ok && (!clone || !body)) {
    ipuOpEmitError(exec, "out of memory");
    ok = false;
  }
  if (ok) {
    ipuRegionTakeBody(body, ipuOpGetRegion(clone, 0));
    IpuBlock *block = ipuRegionGetFirstBlock(body);
    IpuOp *oldYield = ipuBlockGetTerminator(block);
    IpuOpState st;
    ipuOpStateInit(&st, ctx, ipuStringRefFromCString("func.return"),
                   ipuOpGetLoc(oldYield));
    for (intptr_t i = 0; i < numResults; ++i) {
      IpuValue v = ipuOpGetOperand(oldYield, i);
      ipuOpStateAddOperands(&st, 1, &v);
    }
    IpuOp *ret = ipuOpCreate(&st);
    if (ret) {
      ipuBlockInsertOpBefore(block, oldYield, ret);
      ipuOpDestroy(oldYield);
    }
    char name[32];
    snprintf(name, sizeof name, "k%u", index);
    IpuType fn = ipuFunctionTypeGet(ctx, numArgs, types, numResults,
                                    types + numArgs);
    ipuOpStateInit(&st, ctx, ipuStringRefFromCString("func.func"),
                   ipuOpGetLoc(exec));
    ipuOpStateAddAttr(&st, "sym_name",
                      ipuStringAttrGet(ctx, ipuStringRefFromCString(name),
                                       NULL));
    ipuOpStateAddAttr(&st, "function_type", ipuTypeAttrGet(ctx, fn));
    ipuOpStateAddOwnedRegions(&st, 1, &body);
    IpuOp *func = ret ? ipuOpCreate(&st) : NULL;
    if (!ret)
      ipuOpStateDispose(&st);
    if (func)
      ipuBlockAppendOp(b->kernelBody, func);
    else
      ok = ipuOpEmitError(exec, "cannot build kernel @%s", name) !=
           IPU_FAILURE;
  }
  if (clone)
    ipuOpDestroy(clone);
  ipuFree(ctx, types);
  return ok;
}

static bool readInstr(Builder *b, IpuOp *op, bool host, IpubTile *t,
                      const IpuPtrMap *buffers, IpuIdent arrayName,
                      const IpuPtrMap *blocks, IpubInstr *in) {
  IpuContext *ctx = b->ctx;
  in->route = in->block = in->kernel = in->index = IPUB_NO_INDEX;
  if (!debugIndex(b, op, &in->debugLoc)) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  int64_t v;
  if (ipuOpIsA(op, "hw.recv") || ipuOpIsA(op, "hw.send")) {
    bool send = ipuOpIsA(op, "hw.send");
    in->opcode = send ? IPUB_OP_SEND : IPUB_OP_RECV;
    int64_t route = resolveRef(op, ipuOpGetAttr(op, "route"), &b->routes,
                               "route", "hw.route of the module");
    if (route < 0)
      return false;
    in->route = (uint32_t)route;
    return send ? oneBuffer(op, "src", buffers, &in->numSrcs, &in->srcs, ctx)
                : oneBuffer(op, "dst", buffers, &in->numDsts, &in->dsts, ctx);
  }
  if (ipuOpIsA(op, "hw.mvm")) {
    in->opcode = IPUB_OP_MVM;
    IpuAttr ref = ipuOpGetAttr(op, "block");
    if (!ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF ||
        ipuSymbolRefAttrGetNumNested(ref) != 1 || !arrayName ||
        ipuSymbolRefAttrGetRoot(ref) != arrayName) {
      ipuOpEmitError(op, "'block' must name a block of this tile's array, "
                         "@array::@block");
      return false;
    }
    intptr_t index =
        ipuPtrMapGetInt(blocks, ipuSymbolRefAttrGetNested(ref, 0), -1);
    if (index < 0) {
      ipuOpEmitError(op, "'block' refers to @%s::@%s, which is no block of "
                         "the tile's array",
                     ipuIdentCStr(arrayName),
                     ipuIdentCStr(ipuSymbolRefAttrGetNested(ref, 0)));
      return false;
    }
    in->block = (uint32_t)index;
    in->hasWindow = ipuOpGetAttr(op, "kernel_shape") != NULL;
    return oneBuffer(op, "src", buffers, &in->numSrcs, &in->srcs, ctx) &&
           oneBuffer(op, "dst", buffers, &in->numDsts, &in->dsts, ctx) &&
           u32Attr(op, "adc_bits", 32, &in->adcBits) &&
           u32Attr(op, "adc_shift", 0, &in->adcShift) &&
           u32Attr(op, "input_bits", 8, &in->inputBits) &&
           u32Attr(op, "input_slices", 1, &in->inputSlices) &&
           (!in->hasWindow || readWindow(op, &in->window));
  }
  if (ipuOpIsA(op, "hw.windows")) {
    in->opcode = IPUB_OP_WINDOWS;
    in->hasWindow = true;
    if (!ipuOpGetAttr(op, "kernel_shape")) {
      ipuOpEmitError(op, "requires attribute 'kernel_shape'");
      return false;
    }
    return oneBuffer(op, "src", buffers, &in->numSrcs, &in->srcs, ctx) &&
           oneBuffer(op, "dst", buffers, &in->numDsts, &in->dsts, ctx) &&
           readWindow(op, &in->window);
  }
  if (ipuOpIsA(op, "hw.accumulate")) {
    in->opcode = IPUB_OP_ACCUMULATE;
    return bufferList(op, "srcs", buffers, &in->numSrcs, &in->srcs, ctx) &&
           oneBuffer(op, "dst", buffers, &in->numDsts, &in->dsts, ctx);
  }
  if (ipuOpIsA(op, "hw.exec")) {
    in->opcode = IPUB_OP_EXEC;
    in->kernel = b->m->numKernels;
    in->inPlace = !host && ipuOpGetAttr(op, "in_place") != NULL;
    if (!bufferList(op, "srcs", buffers, &in->numSrcs, &in->srcs, ctx) ||
        !bufferList(op, "dsts", buffers, &in->numDsts, &in->dsts, ctx) ||
        !addKernel(b, op, in->kernel, t, in))
      return false;
    ++b->m->numKernels;
    return true;
  }
  if (ipuOpIsA(op, "hw.input") || ipuOpIsA(op, "hw.output")) {
    bool input = ipuOpIsA(op, "hw.input");
    in->opcode = input ? IPUB_OP_INPUT : IPUB_OP_OUTPUT;
    if (!host) {
      ipuOpEmitError(op, "runs on the host only");
      return false;
    }
    if (!rangedAttr(op, "index", 0, true, 0, UINT32_MAX - 1, &v))
      return false;
    in->index = (uint32_t)v;
    return input ? oneBuffer(op, "dst", buffers, &in->numDsts, &in->dsts, ctx)
                 : oneBuffer(op, "src", buffers, &in->numSrcs, &in->srcs,
                             ctx);
  }
  ipuOpEmitError(op, "is not an instruction of the .ipub format");
  return false;
}

/* ---- hw.tile and hw.host bodies --------------------------------------- */

static bool readPlace(Builder *b, IpuOp *op, bool host, IpubTile *t,
                      TileOps *ops) {
  IpuContext *ctx = b->ctx;
  ops->op = op;
  IpuBlock *body = ipuOpGetNumRegions(op) == 1
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0))
                       : NULL;
  IpuOp *array = NULL, *program = NULL;
  uint32_t numBuffers = 0;
  for (IpuOp *o = body ? ipuBlockGetFirstOp(body) : NULL; o;
       o = ipuOpGetNext(o)) {
    if (ipuOpIsA(o, "hw.buffer")) {
      ++numBuffers;
    } else if (ipuOpIsA(o, "tile.array") && !host && !array) {
      array = o;
    } else if (ipuOpIsA(o, "hw.program") && !program) {
      program = o;
    } else {
      ipuOpEmitError(o, "unexpected op in '%s'", ipuIdentCStr(ipuOpGetName(op)));
      return false;
    }
  }
  if (!program) {
    ipuOpEmitError(op, "has no hw.program");
    return false;
  }
  IpuPtrMap buffers, blocks;
  ipuPtrMapInit(&buffers, ctx);
  ipuPtrMapInit(&blocks, ctx);
  bool ok = true;
  IpuIdent arrayName = NULL;
  if (array) {
    arrayName = symbolOf(array);
    ok = arrayName && readArray(b, array, t, ops, &blocks);
  }
  if (ok && numBuffers) {
    t->buffers = ipuCalloc(ctx, numBuffers, sizeof *t->buffers);
    ops->buffers = ipuCalloc(ctx, numBuffers, sizeof *ops->buffers);
    if (!t->buffers || !ops->buffers)
      ok = ipuOpEmitError(op, "out of memory") != IPU_FAILURE;
  }
  for (IpuOp *o = ipuBlockGetFirstOp(body); o && ok; o = ipuOpGetNext(o)) {
    if (!ipuOpIsA(o, "hw.buffer"))
      continue;
    ops->buffers[t->numBuffers] = o;
    /* Counted first, so a failing buffer's name is freed too. */
    ++t->numBuffers;
    ok = readBuffer(b, o, host, &t->buffers[t->numBuffers - 1], &buffers,
                    t->numBuffers - 1);
  }
  IpuBlock *code = ipuOpGetNumRegions(program) == 1
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(program, 0))
                       : NULL;
  uint32_t numInstrs = 0;
  for (IpuOp *o = code ? ipuBlockGetFirstOp(code) : NULL; o;
       o = ipuOpGetNext(o))
    ++numInstrs;
  if (ok && numInstrs) {
    t->instrs = ipuCalloc(ctx, numInstrs, sizeof *t->instrs);
    ops->instrs = ipuCalloc(ctx, numInstrs, sizeof *ops->instrs);
    if (!t->instrs || !ops->instrs)
      ok = ipuOpEmitError(op, "out of memory") != IPU_FAILURE;
  }
  for (IpuOp *o = code ? ipuBlockGetFirstOp(code) : NULL; o && ok;
       o = ipuOpGetNext(o)) {
    ops->instrs[t->numInstrs] = o;
    /* Counted first, so a failing instruction's lists are freed too. */
    ++t->numInstrs;
    ok = readInstr(b, o, host, t, &buffers, arrayName, &blocks,
                   &t->instrs[t->numInstrs - 1]);
  }
  ipuPtrMapDestroy(&buffers);
  ipuPtrMapDestroy(&blocks);
  return ok;
}

static bool readTilePosition(IpuOp *op, IpubTile *t) {
  int64_t chip, x, y;
  if (!rangedAttr(op, "chip", 0, false, 0, INT32_MAX, &chip) ||
      !rangedAttr(op, "x", 0, true, 0, INT32_MAX, &x) ||
      !rangedAttr(op, "y", 0, true, 0, INT32_MAX, &y))
    return false;
  t->chip = (int32_t)chip;
  t->x = (int32_t)x;
  t->y = (int32_t)y;
  return true;
}

static bool readSignature(Builder *b, IpuOp *host) {
  IpubModule *m = b->m;
  IpuAttr fn = ipuOpGetAttr(host, "function_type");
  IpuType type = fn && ipuAttrGetKind(fn) == IPU_ATTR_TYPE
                     ? ipuTypeAttrGetValue(fn)
                     : NULL;
  if (!type || ipuTypeGetKind(type) != IPU_TYPE_FUNCTION) {
    ipuOpEmitError(host, "requires a 'function_type' function type");
    return false;
  }
  for (int side = 0; side < 2; ++side) {
    bool inputs = side == 0;
    intptr_t n = inputs ? ipuFunctionTypeGetNumInputs(type)
                        : ipuFunctionTypeGetNumResults(type);
    IpuAttr names = ipuOpGetAttr(host, inputs ? "arg_names" : "result_names");
    if (names && (ipuAttrGetKind(names) != IPU_ATTR_ARRAY ||
                  ipuArrayAttrGetNumElements(names) != n)) {
      ipuOpEmitError(host, "'%s' must hold one string per %s",
                     inputs ? "arg_names" : "result_names",
                     inputs ? "input" : "result");
      return false;
    }
    IpubTensorDesc *d =
        n ? ipuCalloc(b->ctx, (size_t)n, sizeof *d) : NULL;
    if (n && !d) {
      ipuOpEmitError(host, "out of memory");
      return false;
    }
    if (inputs) {
      m->inputs = d;
      m->numInputs = (uint32_t)n;
    } else {
      m->outputs = d;
      m->numOutputs = (uint32_t)n;
    }
    for (intptr_t i = 0; i < n; ++i) {
      IpuType t = inputs ? ipuFunctionTypeGetInput(type, i)
                         : ipuFunctionTypeGetResult(type, i);
      IpuAttr name = names ? ipuArrayAttrGetElement(names, i) : NULL;
      if (name && ipuAttrGetKind(name) != IPU_ATTR_STRING) {
        ipuOpEmitError(host, "names must be strings");
        return false;
      }
      IpuStringRef text = name ? ipuStringAttrGetValue(name)
                               : ipuStringRefMake("", 0);
      if (memchr(text.data, 0, text.length) || text.length > IPUB_MAX_NAME) {
        ipuOpEmitError(host, "name #%ld cannot be stored", (long)i);
        return false;
      }
      d[i].name = ipuStrDup(b->ctx, text);
      if (!d[i].name) {
        ipuOpEmitError(host, "out of memory");
        return false;
      }
      if (!tensorType(host, t, inputs ? "an input" : "a result", &d[i].dtype,
                      &d[i].rank, d[i].shape))
        return false;
    }
  }
  return true;
}

static bool readRoute(Builder *b, IpuOp *op, IpubRoute *r) {
  int64_t bytes;
  IpuAttr path = ipuOpGetAttr(op, "path");
  if (!rangedAttr(op, "bytes", 0, true, 1, INT64_MAX, &bytes))
    return false;
  if (!path || ipuAttrGetKind(path) != IPU_ATTR_DENSE_ARRAY ||
      !ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(path), 64) ||
      ipuDenseArrayAttrGetNumElements(path) % 3 ||
      ipuDenseArrayAttrGetNumElements(path) < 6) {
    ipuOpEmitError(op, "'path' must be an array<i64> of (chip, x, y) "
                       "triples, at least two");
    return false;
  }
  intptr_t n = ipuDenseArrayAttrGetNumElements(path) / 3;
  const int64_t *v = ipuDenseArrayAttrGetData(path);
  r->bytes = (uint64_t)bytes;
  r->path = ipuCalloc(b->ctx, (size_t)n, sizeof *r->path);
  if (!r->path) {
    ipuOpEmitError(op, "out of memory");
    return false;
  }
  r->numHops = (uint32_t)n;
  for (intptr_t i = 0; i < 3 * n; ++i) {
    if (v[i] < INT32_MIN || v[i] > INT32_MAX) {
      ipuOpEmitError(op, "'path' entry %lld is out of range", (long long)v[i]);
      return false;
    }
  }
  for (intptr_t i = 0; i < n; ++i)
    r->path[i] = (IpubEndpoint){(int32_t)v[3 * i], (int32_t)v[3 * i + 1],
                                (int32_t)v[3 * i + 2]};
  return true;
}

/* ---- The module -------------------------------------------------------- */

static int compareTileOps(const void *a, const void *b) {
  const IpubTile *x = a, *y = b;
  int64_t kx[3] = {x->chip, x->y, x->x}, ky[3] = {y->chip, y->y, y->x};
  for (int i = 0; i < 3; ++i)
    if (kx[i] != ky[i])
      return kx[i] < ky[i] ? -1 : 1;
  return 0;
}

static IpuLocation locateOp(void *userData, IpubWhere w, char *prefix,
                            size_t size, IpuOp **found) {
  Builder *b = userData;
  IpuOp *op = NULL;
  const TileOps *t = w.kind == IPUB_WHERE_TILE || w.kind == IPUB_WHERE_BLOCK ||
                             w.kind == IPUB_WHERE_BUFFER ||
                             w.kind == IPUB_WHERE_INSTR
                         ? &b->tileOps[w.tile]
                         : NULL;
  switch (w.kind) {
  case IPUB_WHERE_TILE: op = t->op; break;
  case IPUB_WHERE_BLOCK: op = t->blocks ? t->blocks[w.index] : t->op; break;
  case IPUB_WHERE_BUFFER: op = t->buffers ? t->buffers[w.index] : t->op; break;
  case IPUB_WHERE_INSTR: op = t->instrs ? t->instrs[w.index] : t->op; break;
  case IPUB_WHERE_ROUTE: op = b->routeOps[w.index]; break;
  case IPUB_WHERE_INPUT:
  case IPUB_WHERE_OUTPUT: op = b->tileOps[b->m->numTiles].op; break;
  default: op = b->module; break;
  }
  prefix[0] = 0;
  (void)size;
  *found = op;
  return op ? ipuOpGetLoc(op) : NULL;
}

/* Tiles sorted by position with the ops they came from. */
typedef struct {
  IpubTile tile;
  TileOps ops;
} SortedTile;

static bool build(Builder *b) {
  IpuContext *ctx = b->ctx;
  IpubModule *m = b->m;
  IpuOp *module = b->module;
  if (!ipuOpIsA(module, "builtin.module"))
    return ipuOpEmitError(module, "expected a builtin.module of hw IR") !=
           IPU_FAILURE;
  if (ipuFailed(ipuModuleGetTarget(module, true, &m->target)))
    return false;
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  uint32_t numTiles = 0, numRoutes = 0;
  IpuOp *host = NULL;
  for (IpuOp *o = body ? ipuBlockGetFirstOp(body) : NULL; o;
       o = ipuOpGetNext(o)) {
    if (ipuOpIsA(o, "hw.tile")) {
      ++numTiles;
    } else if (ipuOpIsA(o, "hw.route")) {
      ++numRoutes;
    } else if (ipuOpIsA(o, "hw.host")) {
      if (host)
        return ipuOpEmitError(o, "is a second hw.host") != IPU_FAILURE;
      host = o;
    } else {
      return ipuOpEmitError(o, "cannot be emitted into a .ipub binary (only "
                               "hw.tile, hw.host and hw.route ops may be at "
                               "module level: run tile-to-hw first)") !=
             IPU_FAILURE;
    }
  }
  if (!host)
    return ipuOpEmitError(module, "has no hw.host (run tile-to-hw first)") !=
           IPU_FAILURE;
  b->tileOps = ipuCalloc(ctx, (size_t)numTiles + 1, sizeof *b->tileOps);
  b->routeOps = ipuCalloc(ctx, numRoutes ? numRoutes : 1, sizeof *b->routeOps);
  m->routes = numRoutes ? ipuCalloc(ctx, numRoutes, sizeof *m->routes) : NULL;
  SortedTile *sorted =
      ipuCalloc(ctx, numTiles ? numTiles : 1, sizeof *sorted);
  if (!b->tileOps || !b->routeOps || (numRoutes && !m->routes) || !sorted) {
    ipuFree(ctx, sorted);
    return ipuOpEmitError(module, "out of memory") != IPU_FAILURE;
  }
  /* Routes first: programs refer to them. */
  bool ok = true;
  for (IpuOp *o = ipuBlockGetFirstOp(body); o && ok; o = ipuOpGetNext(o)) {
    if (!ipuOpIsA(o, "hw.route"))
      continue;
    IpuIdent name = symbolOf(o);
    b->routeOps[m->numRoutes] = o;
    ok = name && readRoute(b, o, &m->routes[m->numRoutes++]);
    if (ok && ipuPtrMapGetInt(&b->routes, name, -1) >= 0)
      ok = ipuOpEmitError(o, "redefines route @%s", ipuIdentCStr(name)) !=
           IPU_FAILURE;
    if (ok && !ipuPtrMapPutInt(&b->routes, name, m->numRoutes - 1))
      ok = ipuOpEmitError(o, "out of memory") != IPU_FAILURE;
  }
  /* Tiles in (chip, y, x) order; the kernels then number in that order. */
  uint32_t n = 0;
  for (IpuOp *o = ipuBlockGetFirstOp(body); o && ok; o = ipuOpGetNext(o)) {
    if (!ipuOpIsA(o, "hw.tile"))
      continue;
    sorted[n].ops.op = o;
    ok = readTilePosition(o, &sorted[n++].tile);
  }
  if (ok && numTiles)
    qsort(sorted, numTiles, sizeof *sorted, compareTileOps);
  for (uint32_t i = 1; ok && i < numTiles; ++i)
    if (!compareTileOps(&sorted[i - 1].tile, &sorted[i].tile))
      ok = ipuOpEmitError(sorted[i].ops.op,
                          "is a second hw.tile at (%d, %d, %d)",
                          sorted[i].tile.chip, sorted[i].tile.x,
                          sorted[i].tile.y) != IPU_FAILURE;
  m->tiles = numTiles ? ipuCalloc(ctx, numTiles, sizeof *m->tiles) : NULL;
  if (numTiles && !m->tiles) {
    ipuFree(ctx, sorted);
    return ipuOpEmitError(module, "out of memory") != IPU_FAILURE;
  }
  m->numTiles = ok ? numTiles : 0;
  for (uint32_t i = 0; i < m->numTiles; ++i) {
    m->tiles[i] = sorted[i].tile;
    b->tileOps[i].op = sorted[i].ops.op;
  }
  ipuFree(ctx, sorted);
  for (uint32_t i = 0; i < m->numTiles && ok; ++i)
    ok = readPlace(b, b->tileOps[i].op, false, &m->tiles[i], &b->tileOps[i]);
  if (ok) {
    m->host.chip = IPUB_HOST_CHIP;
    ok = readSignature(b, host) &&
         readPlace(b, host, true, &m->host, &b->tileOps[m->numTiles]);
  }
  return ok;
}

static IpuOp *createKernelModule(IpuContext *ctx, IpuLocation loc,
                                 IpuBlock **body) {
  IpuBlock *top = ipuBlockCreate(ctx, 0, NULL, NULL);
  IpuRegion *region = ipuRegionCreate(ctx);
  if (!top || !region) {
    if (top)
      ipuBlockDestroy(top);
    if (region)
      ipuRegionDestroy(region);
    return NULL;
  }
  ipuRegionAppendBlock(region, top);
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("builtin.module"), loc);
  ipuOpStateAddOwnedRegions(&st, 1, &region);
  IpuOp *module = ipuOpCreate(&st);
  *body = module ? top : NULL;
  return module;
}

static void freeTileOps(Builder *b) {
  for (uint32_t i = 0; b->tileOps && i <= b->m->numTiles; ++i) {
    ipuFree(b->ctx, b->tileOps[i].blocks);
    ipuFree(b->ctx, b->tileOps[i].buffers);
    ipuFree(b->ctx, b->tileOps[i].instrs);
  }
  ipuFree(b->ctx, b->tileOps);
  ipuFree(b->ctx, b->routeOps);
}

IpuLogicalResult ipubFromHw(IpuOp *module, IpubModule **out) {
  *out = NULL;
  IpuContext *ctx = ipuOpGetContext(module);
  Builder b = {.ctx = ctx, .module = module};
  b.m = ipubModuleCreate(ctx);
  if (!b.m)
    return ipuOpEmitError(module, "out of memory");
  ipuPtrMapInit(&b.routes, ctx);
  ipuPtrMapInit(&b.locs, ctx);
  b.kernels = createKernelModule(ctx, ipuOpGetLoc(module), &b.kernelBody);
  bool ok = b.kernels != NULL;
  if (!ok)
    ipuOpEmitError(module, "out of memory");
  ok = ok && build(&b);
  if (ok && b.m->numKernels) {
    IpuPrintOptions opts;
    ipuPrintOptionsInit(&opts);
    opts.generic = true;
    IpuStrBuf text = {.ctx = ctx};
    ipuOpPrint(b.kernels, &opts, ipuStrBufCallback, &text);
    b.m->kernelText = ipuStrBufTake(&text);
    if (!b.m->kernelText)
      ok = ipuOpEmitError(module, "out of memory") != IPU_FAILURE;
  }
  if (ok) {
    IpubLocator locator = {locateOp, &b};
    ok = ipuSucceeded(ipubVerifyWith(b.m, ipuOpGetLoc(module), &locator));
  }
  if (b.kernels)
    ipuOpDestroy(b.kernels);
  ipuPtrMapDestroy(&b.routes);
  ipuPtrMapDestroy(&b.locs);
  if (b.viewSymbols)
    ipuSymbolTableDestroy(b.viewSymbols);
  freeTileOps(&b);
  if (!ok) {
    ipubModuleFree(b.m);
    return IPU_FAILURE;
  }
  *out = b.m;
  return IPU_SUCCESS;
}
