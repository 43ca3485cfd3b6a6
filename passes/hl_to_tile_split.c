/* hl-to-tile, part 0: the SRAM a layer needs on its tile (the estimator
 * the splits share) and the output-channel split of layers too big for one.
 *
 * A lowered layer's i32 product streams through its epilogue (the ADC
 * epilogue of the issue 5 contract: two rows resident), so its tile holds
 * the input map, the value at the end of the epilogue chain and those two
 * rows. When that exceeds the budget (90% of the tile's SRAM, leaving room
 * for alignment and small buffers) and the input alone is at most half of
 * it, the layer is cut over its output channels into k layers (the
 * smallest k that fits) with sliced weights and bias, each followed by a
 * copy of the channel-separable part of the epilogue (its per-channel
 * constants sliced), and the parts' values are joined by one hl.concat on
 * the channel axis. Each part is lowered as a layer of its own, so under
 * an array budget it gets arrays, hence a tile, of its own. Every part
 * computes the same integers as the whole layer on its channels, so the
 * result is bit-exact. */
#include <string.h>

#include "hl_to_tile.h"

int64_t htSramBudget(const HtState *st) {
  return st->target.sramBytesPerTile / 10 * 9;
}

int64_t htTensorBytes(IpuType t) {
  if (!t || ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(t))
    return -1;
  int64_t elem = (int64_t)ipuDenseElementStorageBytes(
      ipuShapedTypeGetElementType(t));
  return ipuShapedTypeGetNumElements(t) * (elem > 0 ? elem : 1);
}

bool htIsIntegerTensor(IpuType t) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuTypeIsInteger(ipuShapedTypeGetElementType(t));
}

/* The single op reading `v` (NULL when none or several). */
static IpuOp *soleUser(IpuValue v) {
  IpuOpOperand *u = ipuValueGetFirstUse(v);
  if (!u || ipuOpOperandGetNextUse(u))
    return NULL;
  return ipuOpOperandGetOwner(u);
}

/* Whether `user`, reading `v`, may continue the chain (which ops may is
 * isSeparable's test): in the same block, its other operands constants
 * and its one result an integer tensor (a float result goes to the host:
 * `v` leaves the tile there). */
static bool continuesChain(IpuOp *user, IpuValue v, IpuBlock *block) {
  if (!user || ipuOpGetBlock(user) != block ||
      ipuOpGetNumResults(user) != 1 ||
      !htIsIntegerTensor(ipuValueGetType(ipuOpGetResult(user, 0))))
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(user); ++i) {
    IpuValue o = ipuOpGetOperand(user, i);
    if (o != v && !ipuPassMatchHlConstant(o, NULL))
      return false;
  }
  return true;
}

static bool isLayer(IpuOp *op) {
  return ipuOpIsA(op, "hl.conv2d") || ipuOpIsA(op, "hl.gemm") ||
         ipuOpIsA(op, "hl.matmul");
}

/* The columns of one mvm product row of a layer: the output channels of
 * one group (conv) or N (gemm / matmul). */
static int64_t productColumns(IpuOp *op) {
  IpuType yt = ipuValueGetType(ipuOpGetResult(op, 0));
  if (htTensorBytes(yt) < 0)
    return 0;
  intptr_t rank = ipuShapedTypeGetRank(yt);
  if (ipuOpIsA(op, "hl.conv2d")) {
    IpuAttr g = ipuOpGetAttr(op, "groups");
    int64_t groups = g && ipuAttrGetKind(g) == IPU_ATTR_INTEGER
                         ? ipuIntegerAttrGetInt(g) : 1;
    return rank >= 2 && groups >= 1 ? ipuShapedTypeGetDimSize(yt, 1) / groups
                                    : 0;
  }
  return rank >= 1 ? ipuShapedTypeGetDimSize(yt, rank - 1) : 0;
}

int64_t htResidentBytes(const HtState *st, IpuOp *op, IpuType *outType) {
  if (outType)
    *outType = NULL;
  if (!op || ipuOpGetNumOperands(op) < 1 || ipuOpGetNumResults(op) < 1)
    return -1;
  int64_t in = htTensorBytes(ipuValueGetType(ipuOpGetOperand(op, 0)));
  /* The epilogue's end as the row bands take it: it may follow a DAG (a
   * quantized leaky relu: two requantizes of the product and their add)
   * and is its narrowest cut. Asked for no op list, htEpilogueEnd
   * allocates nothing, so `end` is never NULL. */
  IpuValue end = htEpilogueEnd(st->ctx, op, NULL, NULL);
  int64_t out = htTensorBytes(ipuValueGetType(end));
  if (in < 0 || out < 0)
    return -1;
  if (outType)
    *outType = ipuValueGetType(end);
  int64_t streamed = isLayer(op) ? 2 * productColumns(op) * 4 : 0;
  return in + out + streamed;
}

/* ---- The output-channel split. ---------------------------------------- */

/* The axis of a layer's result that holds its output channels. */
static intptr_t channelAxis(IpuOp *layer) {
  if (ipuOpIsA(layer, "hl.matmul"))
    return ipuShapedTypeGetRank(ipuValueGetType(ipuOpGetResult(layer, 0))) -
           1;
  return 1;
}

/* How a constant operand of type `t` meets a value of rank `rank` whose
 * axis `axis` has `n` channels (right-aligned broadcasting): -2 when it
 * does not broadcast per channel, -1 when it is the same for every
 * channel (kept whole), else its dimension holding the n channels (sliced
 * per part). */
static intptr_t constantChannelDim(IpuType t, intptr_t rank, intptr_t axis,
                                   int64_t n) {
  if (!t || ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(t) || ipuShapedTypeGetRank(t) > rank)
    return -2;
  intptr_t dim = axis - (rank - ipuShapedTypeGetRank(t));
  if (dim < 0 || ipuShapedTypeGetDimSize(t, dim) == 1)
    return -1;
  return ipuShapedTypeGetDimSize(t, dim) == n ? dim : -2;
}

/* A part takes a copy of the channel-separable ops (htSeparableOps) whose
 * other operands are constants the same for every channel or one per
 * channel. */
static bool isSeparable(IpuOp *op, IpuValue v, intptr_t axis, int64_t n) {
  if (!ipuPassOpIsOneOf(op, htSeparableOps))
    return false;
  IpuType vt = ipuValueGetType(v), rt = ipuValueGetType(ipuOpGetResult(op, 0));
  /* The value's shape is kept (no broadcast grows it). */
  if (ipuShapedTypeGetRank(rt) != ipuShapedTypeGetRank(vt) ||
      memcmp(ipuShapedTypeGetShape(rt), ipuShapedTypeGetShape(vt),
             (size_t)ipuShapedTypeGetRank(vt) * sizeof(int64_t)))
    return false;
  if (ipuOpIsA(op, "hl.requantize") && !htRequantizeSeparable(op, axis, n))
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuValue o = ipuOpGetOperand(op, i);
    if (o != v && constantChannelDim(ipuValueGetType(o),
                                     ipuShapedTypeGetRank(vt), axis, n) < -1)
      return false;
  }
  return true;
}

/* The ops of `layer`'s epilogue chain a part can copy (at most `cap`),
 * in order; returns their count. */
static intptr_t separableChain(IpuOp *layer, IpuOp **chain, intptr_t cap) {
  IpuValue v = ipuOpGetResult(layer, 0);
  IpuBlock *block = ipuOpGetBlock(layer);
  intptr_t axis = channelAxis(layer);
  int64_t n = ipuShapedTypeGetDimSize(ipuValueGetType(v), axis);
  intptr_t num = 0;
  while (num < cap) {
    IpuOp *user = soleUser(v);
    if (!continuesChain(user, v, block) || !isSeparable(user, v, axis, n))
      break;
    chain[num++] = user;
    v = ipuOpGetResult(user, 0);
  }
  return num;
}

enum { MAX_CHAIN = 64 };

/* A layer the split applies to: conv2d (one group, N = 1), gemm (no
 * transposed A) or matmul with constant i8 weights, a static integer
 * input and an i32 result, no fused activation. */
static bool isSplittable(IpuOp *op) {
  if (!isLayer(op) || ipuOpGetNumOperands(op) < 2 ||
      ipuOpGetNumResults(op) != 1 || ipuOpGetAttr(op, "activation"))
    return false;
  IpuType xt = ipuValueGetType(ipuOpGetOperand(op, 0));
  IpuType wt = ipuValueGetType(ipuOpGetOperand(op, 1));
  IpuType yt = ipuValueGetType(ipuOpGetResult(op, 0));
  if (htTensorBytes(xt) < 0 || !htIsIntegerTensor(xt) ||
      htTensorBytes(wt) < 0 ||
      !ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(wt), 8) ||
      htTensorBytes(yt) < 0 ||
      !ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(yt), 32) ||
      !ipuPassMatchHlConstant(ipuOpGetOperand(op, 1), NULL))
    return false;
  if (ipuOpGetNumOperands(op) > 2 &&
      !ipuPassMatchHlConstant(ipuOpGetOperand(op, 2), NULL))
    return false;
  if (ipuOpIsA(op, "hl.conv2d")) {
    IpuAttr g = ipuOpGetAttr(op, "groups");
    return (!g || (ipuAttrGetKind(g) == IPU_ATTR_INTEGER &&
                   ipuIntegerAttrGetInt(g) == 1)) &&
           ipuShapedTypeGetRank(yt) == 4 && ipuShapedTypeGetRank(wt) == 4 &&
           ipuShapedTypeGetDimSize(wt, 0) == ipuShapedTypeGetDimSize(yt, 1);
  }
  if (ipuShapedTypeGetRank(wt) != 2 || ipuShapedTypeGetRank(yt) < 1)
    return false;
  if (ipuOpIsA(op, "hl.gemm")) {
    IpuAttr ta = ipuOpGetAttr(op, "trans_a");
    return ipuShapedTypeGetRank(yt) == 2 &&
           !(ta && ipuAttrIsBool(ta) && ipuBoolAttrGetValue(ta));
  }
  return ipuOpGetNumOperands(op) == 2 &&
         ipuShapedTypeGetDimSize(wt, 1) ==
             ipuShapedTypeGetDimSize(yt, ipuShapedTypeGetRank(yt) - 1);
}

int64_t htChannelParts(const HtState *st, IpuOp *op) {
  if (st->budget == 0 || !isSplittable(op))
    return 1;
  int64_t budget = htSramBudget(st);
  int64_t resident = htResidentBytes(st, op, NULL);
  if (resident < 0 || resident <= budget)
    return 1;
  int64_t in = htTensorBytes(ipuValueGetType(ipuOpGetOperand(op, 0)));
  if (2 * in > budget)
    return 0;
  /* A part holds the input, its channels of the value the copied chain
   * ends at and two streamed rows of its i32 product. */
  IpuOp *chain[MAX_CHAIN];
  intptr_t num = separableChain(op, chain, MAX_CHAIN);
  IpuValue end = num ? ipuOpGetResult(chain[num - 1], 0)
                     : ipuOpGetResult(op, 0);
  /* A conv whose parts could not take its whole epilogue (a DAG, as a
   * quantized leaky relu) would join a wider value than the epilogue's
   * end: 0 leaves it to the row bands, whose bands copy the whole DAG. */
  if (ipuOpIsA(op, "hl.conv2d") &&
      end != htEpilogueEnd(st->ctx, op, NULL, NULL))
    return 0;
  int64_t n = ipuShapedTypeGetDimSize(ipuValueGetType(end), channelAxis(op));
  if (n < 2)
    return 1;
  int64_t perChannel = htTensorBytes(ipuValueGetType(end)) / n + 2 * 4;
  int64_t channels = (budget - in) / perChannel;
  if (channels < 1)
    return 0;
  int64_t k = (n + channels - 1) / channels;
  /* More parts than the array budget would share arrays (so tiles) again
   * in the packing: no gain, only more layers. */
  return k <= st->budget ? k : 1;
}

/* The part's copy of constant operand `c` of `op`: sliced on its channel
 * dimension `dim` (c itself when dim < 0). Records what it read. */
static IpuValue partConstant(HtState *st, IpuLocation loc, IpuValue c,
                             intptr_t dim, int64_t begin, int64_t count,
                             IpuPtrMap *read) {
  IpuOp *def = ipuValueGetDefiningOp(c);
  if (def && !ipuPtrMapPut(read, def, NULL))
    return NULL;
  if (dim < 0)
    return c;
  IpuType t = htWithDim(st->ctx, ipuValueGetType(c), dim, count);
  return t ? htSliceChannels(st, loc, c, dim, begin, count, t) : NULL;
}

/* The dimension of `layer`'s weight (operand 1) and bias (operand 2)
 * that holds the output channels. */
static intptr_t weightChannelDim(IpuOp *layer) {
  if (ipuOpIsA(layer, "hl.conv2d"))
    return 0;
  if (ipuOpIsA(layer, "hl.gemm")) {
    IpuAttr tb = ipuOpGetAttr(layer, "trans_b");
    return tb && ipuAttrIsBool(tb) && ipuBoolAttrGetValue(tb) ? 0 : 1;
  }
  return 1;
}

/* One part: a copy of the layer on channels [begin, begin + count), then
 * a copy of each chain op, at the builder's insertion point. The part's
 * chain value, NULL after an error. */
static IpuValue buildPart(HtState *st, IpuOp *layer, IpuOp *const *chain,
                          intptr_t numChain, int64_t begin, int64_t count,
                          IpuPtrMap *read) {
  IpuContext *ctx = st->ctx;
  IpuLocation loc = ipuOpGetLoc(layer);
  intptr_t axis = channelAxis(layer);
  IpuValue y = ipuOpGetResult(layer, 0);
  IpuType yt = ipuValueGetType(y);
  int64_t n = ipuShapedTypeGetDimSize(yt, axis);
  IpuValue w = partConstant(st, loc, ipuOpGetOperand(layer, 1),
                            weightChannelDim(layer), begin, count, read);
  IpuValue bias = NULL;
  if (w && ipuOpGetNumOperands(layer) > 2) {
    IpuValue b = ipuOpGetOperand(layer, 2);
    IpuType bt = ipuValueGetType(b);
    intptr_t dim = ipuOpIsA(layer, "hl.conv2d")
                       ? (ipuShapedTypeGetNumElements(bt) == n ? 0 : -1)
                       : constantChannelDim(bt, ipuShapedTypeGetRank(yt),
                                            axis, n);
    bias = dim < -1 ? NULL : partConstant(st, loc, b, dim, begin, count,
                                          read);
    if (dim < -1)
      ipuOpEmitError(layer, "hl-to-tile: cannot split the bias");
  }
  IpuType partType = htWithDim(ctx, yt, axis, count);
  if (!w || (ipuOpGetNumOperands(layer) > 2 && !bias) || !partType)
    return NULL;
  IpuOp *part = ipuOpClone(layer);
  if (!part) {
    ipuOpEmitError(layer, "hl-to-tile: out of memory");
    return NULL;
  }
  ipuOpSetOperand(part, 1, w);
  if (bias)
    ipuOpSetOperand(part, 2, bias);
  ipuValueSetType(ipuOpGetResult(part, 0), partType);
  ipuBuilderInsert(&st->b, part);
  IpuValue prev = y, v = ipuOpGetResult(part, 0);
  for (intptr_t i = 0; i < numChain; ++i) {
    IpuOp *orig = chain[i];
    IpuOp *copy = ipuOpClone(orig);
    if (!copy) {
      ipuOpEmitError(orig, "hl-to-tile: out of memory");
      return NULL;
    }
    ipuBuilderInsert(&st->b, copy);
    IpuType rt = ipuValueGetType(ipuOpGetResult(orig, 0));
    intptr_t rank = ipuShapedTypeGetRank(rt);
    for (intptr_t j = 0; j < ipuOpGetNumOperands(orig); ++j) {
      IpuValue o = ipuOpGetOperand(orig, j);
      if (o == prev) {
        ipuOpSetOperand(copy, j, v);
        continue;
      }
      /* Constants go before the copy (the builder is past it). */
      IpuBuilder saved = st->b;
      ipuBuilderSetInsertionPointBefore(&st->b, copy);
      IpuValue c = partConstant(st, ipuOpGetLoc(orig), o,
                                constantChannelDim(ipuValueGetType(o), rank,
                                                   axis, n),
                                begin, count, read);
      st->b = saved;
      if (!c)
        return NULL;
      ipuOpSetOperand(copy, j, c);
    }
    if (ipuOpIsA(orig, "hl.requantize") &&
        !htSliceRequantize(ctx, orig, copy, n, begin, count)) {
      ipuOpEmitError(orig, "hl-to-tile: out of memory");
      return NULL;
    }
    ipuValueSetType(ipuOpGetResult(copy, 0), htWithDim(ctx, rt, axis, count));
    prev = ipuOpGetResult(orig, 0);
    v = ipuOpGetResult(copy, 0);
  }
  return v;
}

/* Splits `layer` into `k` parts over its output channels (see the file
 * comment); the originals are erased. */
static bool splitLayer(HtState *st, IpuOp *layer, int64_t k) {
  IpuContext *ctx = st->ctx;
  IpuOp *chain[MAX_CHAIN];
  intptr_t numChain = separableChain(layer, chain, MAX_CHAIN);
  IpuOp *endOp = numChain ? chain[numChain - 1] : layer;
  IpuValue end = ipuOpGetResult(endOp, 0);
  intptr_t axis = channelAxis(layer);
  int64_t n = ipuShapedTypeGetDimSize(ipuValueGetType(end), axis);
  if (k > n)
    k = n;
  IpuValue *values = ipuCalloc(ctx, (size_t)k, sizeof *values);
  IpuPtrMap read;
  ipuPtrMapInit(&read, ctx);
  bool ok = values != NULL;
  if (!ok)
    ipuOpEmitError(layer, "hl-to-tile: out of memory");
  ipuBuilderSetInsertionPointAfter(&st->b, endOp);
  for (int64_t p = 0; ok && p < k; ++p) {
    int64_t begin = n * p / k, stop = n * (p + 1) / k;
    values[p] = buildPart(st, layer, chain, numChain, begin, stop - begin,
                          &read);
    ok = values[p] != NULL;
  }
  IpuOp *cat = NULL;
  if (ok) {
    const char *name = "axis";
    IpuAttr axisAttr = ipuIntegerAttrGet(
        ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), axis);
    cat = htBuild1(st, "hl.concat", ipuOpGetLoc(layer), (intptr_t)k, values,
                   ipuValueGetType(end), 1, &name, &axisAttr);
    ok = cat && ipuPtrMapPutInt(&st->joinOps, cat, 1);
    if (cat && !ok)
      ipuOpEmitError(layer, "hl-to-tile: out of memory");
  }
  if (ok) {
    ipuValueReplaceAllUsesWith(end, ipuOpGetResult(cat, 0));
    for (intptr_t i = numChain; i-- > 0;)
      ipuOpDestroy(chain[i]);
    ipuOpDestroy(layer);
    st->numSplitLayers++;
    st->numSplitParts += k;
  }
  ipuPassEraseDeadConstantsIn(&read);
  ipuFree(ctx, values);
  return ok;
}

bool htSplitChannels(HtState *st, IpuBlock *body) {
  if (st->budget == 0)
    return true;
  IpuOp **layers = NULL;
  int64_t *parts = NULL;
  intptr_t num = 0, cap = 0;
  bool ok = true;
  for (IpuOp *op = ipuBlockGetFirstOp(body); ok && op;
       op = ipuOpGetNext(op)) {
    int64_t k = htChannelParts(st, op);
    if (k < 2)
      continue;
    if (num == cap) {
      intptr_t c = cap ? 2 * cap : 8;
      IpuOp **grownLayers = ipuRealloc(st->ctx, layers, c * sizeof *layers);
      if (grownLayers)
        layers = grownLayers;
      int64_t *grownParts = ipuRealloc(st->ctx, parts, c * sizeof *parts);
      if (grownParts)
        parts = grownParts;
      ok = grownLayers && grownParts;
      if (!ok) {
        ipuOpEmitError(op, "hl-to-tile: out of memory");
        break;
      }
      cap = c;
    }
    layers[num] = op;
    parts[num++] = k;
  }
  for (intptr_t i = 0; ok && i < num; ++i)
    ok = splitLayer(st, layers[i], parts[i]);
  ipuFree(st->ctx, layers);
  ipuFree(st->ctx, parts);
  return ok;
}
