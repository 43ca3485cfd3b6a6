/* hl-to-tile, part 1: quantized conv2d / gemm / matmul with constant i8
 * weights become weight-stationary blocks, tile.mvm and tile.accumulate.
 *
 * Every layer is a K x N weight matrix (per group for grouped convs) cut
 * into row blocks (K) and column blocks (N) of at most the array's size;
 * conv row blocks end on channel boundaries so that each is one
 * tile.windows channel range. Each block gets one tile.mvm per layer
 * using it (layers with equal weight matrices share blocks); the partial
 * sums of a column block's row blocks meet in a tile.accumulate. The hl
 * ops that join the column blocks back into the layer's result and add
 * the bias are left in the body, where the partitioner puts them on the
 * SIMD unit. A grouped conv's consecutive groups share block-diagonal
 * blocks (groupsPerPack: one windows and one mvm a pack), each pack's
 * product goes through a chain of its own and the packs are joined (see
 * hl_to_tile_sink.c); under an array budget, the groups split into parts
 * when one tile could not hold the layer (partsFor), packs within parts. */
#include <stdio.h>
#include <string.h>

#include "hl_to_tile.h"

static IpuType i8Type(IpuContext *ctx) {
  return ipuIntegerTypeGet(ctx, 8, IPU_SIGNLESS);
}
static IpuType i32Type(IpuContext *ctx) {
  return ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
}
static IpuType matType(IpuContext *ctx, int64_t rows, int64_t cols,
                       IpuType elem) {
  int64_t shape[2] = {rows, cols};
  return ipuRankedTensorTypeGet(ctx, 2, shape, elem, NULL);
}

static bool isStaticTensorOf(IpuType t, unsigned width) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeHasStaticShape(t) &&
         ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(t), width);
}

IpuOp *htBuild1(HtState *st, const char *name, IpuLocation loc,
                intptr_t numOperands, const IpuValue *operands,
                IpuType result, intptr_t numAttrs, const char **names,
                const IpuAttr *attrs) {
  IpuOpState os;
  ipuOpStateInit(&os, st->ctx, ipuStringRefFromCString(name), loc);
  ipuOpStateAddOperands(&os, numOperands, operands);
  ipuOpStateAddResults(&os, 1, &result);
  for (intptr_t i = 0; i < numAttrs; ++i)
    ipuOpStateAddAttr(&os, names[i], attrs[i]);
  IpuOp *op = ipuBuilderCreate(&st->b, &os);
  if (!op)
    ipuEmitError(st->ctx, loc, "hl-to-tile: cannot create '%s'", name);
  else if (!strncmp(name, "tile.", 5) &&
           !ipuPtrMapPutInt(&st->layerOf, op, st->currentLayer)) {
    ipuEmitError(st->ctx, loc, "hl-to-tile: out of memory");
    return NULL;
  }
  return op;
}

IpuValue htReshapeTo(HtState *st, IpuLocation loc, IpuValue v,
                     IpuType type) {
  if (ipuValueGetType(v) == type)
    return v;
  IpuAttr shape = ipuDenseI64ArrayAttrGet(st->ctx, ipuShapedTypeGetRank(type),
                                          ipuShapedTypeGetShape(type));
  const char *n = "shape";
  IpuOp *op = htBuild1(st, "hl.reshape", loc, 1, &v, type, 1, &n, &shape);
  return op ? ipuOpGetResult(op, 0) : NULL;
}

/* FNV-1a over a layer's K x N weight matrix: with its size, what tells
 * that two layers read the same weights (equal blocks still have to be
 * equal values, so a collision could only share equal blocks). */
static uint64_t hashMatrix(const int8_t *w, int64_t count) {
  uint64_t h = 0xcbf29ce484222325u;
  for (int64_t i = 0; i < count; ++i) {
    h ^= (uint8_t)w[i];
    h *= 0x100000001b3u;
  }
  return h;
}

/* The block an earlier layer made that `blk` may use instead of a new
 * one: the same value, cut at the same corner of an equal matrix. -1 when
 * there is none. Sharing is between layers that read the same weights:
 * equal groups of one conv keep blocks of their own. */
static intptr_t findSharedBlock(const HtState *st, const HtBlock *blk) {
  for (intptr_t i = ipuPtrMapGetInt(&st->blockByValue, blk->value, 0) - 1;
       i >= 0; i = st->blocks[i].nextSameValue - 1) {
    const HtBlock *b = &st->blocks[i];
    if (b->value == blk->value && b->source != blk->source &&
        b->matrixHash == blk->matrixHash &&
        b->matrixRows == blk->matrixRows &&
        b->matrixCols == blk->matrixCols && b->rowBegin == blk->rowBegin &&
        b->colBegin == blk->colBegin)
      return i;
  }
  return -1;
}

static bool addMvm(HtState *st, HtBlock *blk, IpuOp *mvm, int64_t macs) {
  if (blk->numMvms == blk->capMvms) {
    intptr_t cap = blk->capMvms ? 2 * blk->capMvms : 2;
    IpuOp **grown = ipuRealloc(st->ctx, blk->mvms, cap * sizeof *grown);
    if (!grown)
      return false;
    blk->mvms = grown;
    blk->capMvms = cap;
  }
  blk->mvms[blk->numMvms++] = mvm;
  blk->macs += macs;
  return true;
}

/* Records `blk` (its mvm list empty) as a new block used by `mvm`. */
static bool addBlock(HtState *st, const HtBlock *blk, IpuOp *mvm,
                     int64_t macs) {
  if (st->numBlocks == st->capBlocks) {
    intptr_t cap = st->capBlocks ? 2 * st->capBlocks : 64;
    HtBlock *grown = ipuRealloc(st->ctx, st->blocks, cap * sizeof *grown);
    if (!grown)
      return false;
    st->blocks = grown;
    st->capBlocks = cap;
  }
  if (!st->blockByValue.ctx)
    ipuPtrMapInit(&st->blockByValue, st->ctx);
  HtBlock *stored = &st->blocks[st->numBlocks];
  *stored = *blk;
  stored->nextSameValue = ipuPtrMapGetInt(&st->blockByValue, blk->value, 0);
  if (!addMvm(st, stored, mvm, macs))
    return false;
  if (!ipuPtrMapPutInt(&st->blockByValue, blk->value, st->numBlocks + 1)) {
    ipuFree(st->ctx, stored->mvms);
    return false;
  }
  st->numBlocks++;
  return true;
}

void htFreeBlocks(HtState *st) {
  for (intptr_t i = 0; i < st->numBlocks; ++i)
    ipuFree(st->ctx, st->blocks[i].mvms);
  ipuFree(st->ctx, st->blocks);
  st->blocks = NULL;
  st->numBlocks = st->capBlocks = 0;
  if (st->blockByValue.ctx)
    ipuPtrMapDestroy(&st->blockByValue);
}

int64_t htMaxBlockRows(const HtState *st) {
  int64_t rows = st->target.arrayRows;
  if (st->target.adcBits < 32) {
    int64_t limit = (((int64_t)1 << (st->target.adcBits - 1)) - 1) /
                    (128 * 127);
    if (limit < 1)
      limit = 1;
    if (limit < rows)
      rows = limit;
  }
  return rows;
}

/* The bits of one input slice: the target's DAC, at most 8. */
static int64_t dacBits(const HtState *st) {
  return st->target.inputBits < 8 ? st->target.inputBits : 8;
}

/* Activations the arrays take: i8, or wide i16 (streamed in slices), on
 * a target whose DAC can slice them (at least 2 bits: 1 unsigned bit
 * below the sign); otherwise the layer stays on the host. */
static bool isActivationTensor(const HtState *st, IpuType t) {
  return st->target.inputBits >= 2 &&
         (isStaticTensorOf(t, 8) || isStaticTensorOf(t, 16));
}

/* The largest |x| the activation `x` can hold: the clamp of the
 * quantize / requantize that made it (looking through ops that keep the
 * values: reshapes, maxpool, relu), else its type's range. */
static int64_t activationBound(IpuValue x) {
  static const char *const keeps[] = {"hl.reshape", "hl.flatten",
                                      "hl.transpose", "hl.squeeze",
                                      "hl.unsqueeze", "hl.maxpool",
                                      "hl.relu", "hl.slice"};
  IpuType t = ipuValueGetType(x);
  int64_t typeBound = isStaticTensorOf(t, 8) ? 128 : 32768;
  for (int depth = 0; depth < 64; ++depth) {
    IpuOp *def = ipuValueGetDefiningOp(x);
    if (!def)
      return typeBound;
    bool keep = false;
    for (size_t i = 0; i < sizeof keeps / sizeof *keeps && !keep; ++i)
      keep = ipuOpIsA(def, keeps[i]);
    if (keep && ipuOpGetNumOperands(def) >= 1) {
      x = ipuOpGetOperand(def, 0);
      continue;
    }
    if (!ipuOpIsA(def, "hl.quantize") && !ipuOpIsA(def, "hl.requantize"))
      return typeBound;
    IpuAttr lo = ipuOpGetAttr(def, "clamp_min");
    IpuAttr hi = ipuOpGetAttr(def, "clamp_max");
    IpuAttr zp = ipuOpGetAttr(def, "zero_point");
    if (!lo || !hi || ipuAttrGetKind(lo) != IPU_ATTR_INTEGER ||
        ipuAttrGetKind(hi) != IPU_ATTR_INTEGER || !zp ||
        ipuAttrGetKind(zp) != IPU_ATTR_DENSE_ELEMENTS ||
        ipuDenseElementsAttrGetInt(zp, 0) != 0)
      return typeBound;
    int64_t a = ipuIntegerAttrGetInt(lo), b = ipuIntegerAttrGetInt(hi);
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    int64_t bound = a > b ? a : b;
    return bound < typeBound ? bound : typeBound;
  }
  return typeBound;
}

/* DAC passes for inputs of magnitude at most `bound`: slices of b - 1
 * unsigned bits below a signed b-bit top slice, enough for the signed
 * width of [-bound, bound]. */
static int64_t inputSlicesFor(const HtState *st, IpuValue x) {
  int64_t bound = activationBound(x), bits = 1;
  while (bits < 62 && ((int64_t)1 << (bits - 1)) < bound)
    ++bits;
  /* bound == 2^(bits-1) fits only as the negative end (-128 in i8). */
  int64_t b = dacBits(st), n = 1;
  while ((n - 1) * (b - 1) + b < bits)
    ++n;
  return n;
}

/* One weight matrix, K x N row-major in `w`, applied to `numChunks` row
 * ranges: `inputs[i]` (P x counts[i], i8) meets rows [begins[i],
 * begins[i] + counts[i]). Returns the P x N i32 product. */
typedef struct {
  const int8_t *w;
  int64_t K, N, P;
  intptr_t numChunks;
  const IpuValue *inputs;
  const int64_t *begins, *counts;
  const char *prefix;
  int64_t inputSlices; /* DAC passes per input vector (wide inputs) */
} HtMatrix;

/* Every block of the matrix is looked up among the blocks made so far
 * (findSharedBlock): a layer whose weights equal an earlier layer's uses
 * that layer's blocks, with mvms of its own. */
static IpuValue lowerMatrix(HtState *st, IpuLocation loc, const HtMatrix *m) {
  IpuContext *ctx = st->ctx;
  int64_t cols = st->target.arrayCols;
  uint64_t matrixHash = hashMatrix(m->w, m->K * m->N);
  int64_t numN = (m->N + cols - 1) / cols;
  IpuValue *pieces = ipuCalloc(ctx, (size_t)numN, sizeof *pieces);
  IpuValue *partials = ipuCalloc(ctx, (size_t)m->numChunks + 1,
                                 sizeof *partials);
  IpuValue result = NULL;
  if (!pieces || !partials)
    goto done;
  int64_t adcBits = st->target.adcBits < 32 ? st->target.adcBits : 32;
  for (int64_t nb = 0; nb < numN; ++nb) {
    int64_t n0 = nb * cols;
    int64_t nCount = m->N - n0 < cols ? m->N - n0 : cols;
    IpuType partType = matType(ctx, m->P, nCount, i32Type(ctx));
    for (intptr_t kb = 0; kb < m->numChunks; ++kb) {
      int64_t k0 = m->begins[kb], kCount = m->counts[kb];
      int8_t *data = ipuAlloc(ctx, (size_t)(kCount * nCount));
      if (!data)
        goto done;
      for (int64_t k = 0; k < kCount; ++k)
        for (int64_t n = 0; n < nCount; ++n)
          data[k * nCount + n] = m->w[(k0 + k) * m->N + n0 + n];
      HtBlock blk;
      memset(&blk, 0, sizeof blk);
      blk.value = ipuDenseElementsAttrGetOwned(
          ctx, matType(ctx, kCount, nCount, i8Type(ctx)), data,
          (size_t)(kCount * nCount), false);
      if (!blk.value)
        goto done;
      blk.rows = kCount;
      blk.cols = nCount;
      blk.layer = st->currentLayer;
      blk.source = st->currentSource;
      blk.matrixHash = matrixHash;
      blk.matrixRows = m->K;
      blk.matrixCols = m->N;
      blk.rowBegin = k0;
      blk.colBegin = n0;
      intptr_t shared = findSharedBlock(st, &blk);
      if (shared >= 0)
        memcpy(blk.name, st->blocks[shared].name, sizeof blk.name);
      else
        snprintf(blk.name, sizeof blk.name, "%s_k%jd_n%jd", m->prefix,
                 (intmax_t)kb, (intmax_t)nb);
      IpuIdent nested = ipuIdentGetC(ctx, blk.name);
      const char *names[5] = {"block", "adc_bits", "adc_shift", "input_bits",
                              "input_slices"};
      IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
      IpuAttr attrs[5] = {
          ipuSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "unplaced"), 1, &nested),
          ipuIntegerAttrGet(ctx, i64, adcBits), ipuIntegerAttrGet(ctx, i64, 0),
          ipuIntegerAttrGet(ctx, i64, dacBits(st)),
          ipuIntegerAttrGet(ctx, i64, m->inputSlices)};
      /* The DAC attributes only when they are not the 8-bit default. */
      int numAttrs = m->inputSlices > 1 || dacBits(st) != 8 ? 5 : 3;
      IpuOp *mvm = htBuild1(st, "tile.mvm", loc, 1, &m->inputs[kb], partType,
                          numAttrs, names, attrs);
      if (!mvm)
        goto done;
      int64_t macs = m->P * kCount * nCount;
      if (shared >= 0 ? !addMvm(st, &st->blocks[shared], mvm, macs)
                      : !addBlock(st, &blk, mvm, macs))
        goto done;
      partials[kb] = ipuOpGetResult(mvm, 0);
    }
    if (m->numChunks == 1) {
      pieces[nb] = partials[0];
    } else {
      IpuOp *acc = htBuild1(st, "tile.accumulate", loc, m->numChunks, partials,
                          partType, 0, NULL, NULL);
      if (!acc)
        goto done;
      pieces[nb] = ipuOpGetResult(acc, 0);
    }
  }
  if (numN == 1) {
    result = pieces[0];
  } else {
    const char *n = "axis";
    IpuAttr axis = ipuIntegerAttrGet(
        ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), 1);
    IpuOp *cat = htBuild1(st, "hl.concat", loc, numN, pieces,
                        matType(ctx, m->P, m->N, i32Type(ctx)), 1, &n, &axis);
    result = cat ? ipuOpGetResult(cat, 0) : NULL;
  }
done:
  if (!result && pieces)
    ipuEmitError(ctx, loc, "hl-to-tile: out of memory");
  ipuFree(ctx, pieces);
  ipuFree(ctx, partials);
  return result;
}

/* The i8 data of a constant weight; false, without an error, when the
 * operand is not a readable i8 constant or a weight does not fit the
 * target's cells (symmetric `weightBits`: -128 never does), so that the
 * layer stays on the host. */
static bool readWeights(HtState *st, IpuValue v, IpuTensor *out) {
  IpuAttr value;
  if (!isStaticTensorOf(ipuValueGetType(v), 8) ||
      !ipuPassMatchHlConstant(v, &value))
    return false;
  if (ipuFailed(ipuInterpTensorFromAttr(st->ctx, ipuValueGetLoc(v), value,
                                        out)) ||
      out->dtype != IPU_DTYPE_I8)
    return false;
  int64_t bits = st->target.weightBits < 8 ? st->target.weightBits : 8;
  int limit = (1 << (bits - 1)) - 1;
  const int8_t *w = out->data;
  for (int64_t i = 0, n = ipuTensorNumElements(out); i < n; ++i)
    if (w[i] > limit || w[i] < -limit)
      return false;
  return true;
}

static int64_t i64Attr(IpuOp *op, const char *name, int64_t dflt) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER ? ipuIntegerAttrGetInt(a)
                                                    : dflt;
}

static bool floatAttrIs(IpuOp *op, const char *name, double want) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return !a || (ipuAttrGetKind(a) == IPU_ATTR_FLOAT &&
                ipuFloatAttrGetValue(a) == want);
}

static bool boolAttr(IpuOp *op, const char *name) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrIsBool(a) && ipuBoolAttrGetValue(a);
}

/* Adds `bias` (broadcastable to `acc`'s type, or NULL) to `acc` and gives
 * the layer's result, replacing `op`. */
static bool finishLayer(HtState *st, IpuOp *op, IpuValue acc, IpuValue bias) {
  IpuLocation loc = ipuOpGetLoc(op);
  IpuValue out = acc;
  IpuType resultType = ipuValueGetType(ipuOpGetResult(op, 0));
  if (bias) {
    IpuOp *add = htBuild1(st, "hl.add", loc, 2, (IpuValue[]){acc, bias},
                        ipuValueGetType(acc), 0, NULL, NULL);
    if (!add)
      return false;
    out = ipuOpGetResult(add, 0);
  }
  out = htReshapeTo(st, loc, out, resultType);
  if (!out)
    return false;
  ipuValueReplaceAllUsesWith(ipuOpGetResult(op, 0), out);
  st->numLayers++;
  return true;
}

/* Parts of a grouped conv: contiguous runs of groups, each a layer of
 * its own for packing (so its own arrays, hence its own tile, under an
 * array budget). A part's tile must hold the whole input map (every
 * part's windows read all of it), the part's share of the output (the
 * epilogue is taken to end at the input's element width, as a quantized
 * layer's requantize does) and two streamed rows of one pack's i32
 * product (`packGroups` groups, see groupsPerPack); the smallest count of
 * parts within 90% of the tile's SRAM is taken. One part without a
 * budget, or when not even one group per part would fit (splitting
 * cannot shrink the input). */
static int64_t partsFor(const HtState *st, IpuType xt, int64_t groups,
                        int64_t Mg, int64_t P, int64_t packGroups) {
  if (st->budget == 0 || groups < 2)
    return 1;
  int64_t elem = (int64_t)ipuDenseElementStorageBytes(
      ipuShapedTypeGetElementType(xt));
  int64_t limit = htSramBudget(st);
  int64_t fixed = ipuShapedTypeGetNumElements(xt) * elem +
                  2 * packGroups * Mg * 4;
  int64_t perGroup = Mg * P * elem;
  if (fixed + perGroup > limit)
    return 1;
  for (int64_t k = 1; k < groups; ++k)
    if (fixed + (groups + k - 1) / k * perGroup <= limit)
      return k;
  return groups;
}

/* A pack's chain from its P x Mg product (Mg: the pack's output channels
 * [c0, c0 + Mg)): transpose to Mg x P, reshape to 1 x Mg x OH x OW, add
 * the pack's slice of the bias. */
static bool groupChain(HtState *st, IpuLocation loc, IpuValue product,
                       IpuValue bias, intptr_t biasDim, int64_t c0,
                       int64_t Mg, IpuType yt, IpuValue *leaf,
                       IpuOp **tail) {
  IpuContext *ctx = st->ctx;
  int64_t P = ipuShapedTypeGetDimSize(ipuValueGetType(product), 0);
  const char *n = "perm";
  IpuAttr perm = ipuDenseI64ArrayAttrGet(ctx, 2, (int64_t[]){1, 0});
  IpuOp *tr = htBuild1(st, "hl.transpose", loc, 1, &product,
                       matType(ctx, Mg, P, i32Type(ctx)), 1, &n, &perm);
  int64_t shape[4] = {1, Mg, ipuShapedTypeGetDimSize(yt, 2),
                      ipuShapedTypeGetDimSize(yt, 3)};
  IpuValue v = tr ? htReshapeTo(st, loc, ipuOpGetResult(tr, 0),
                                ipuRankedTensorTypeGet(ctx, 4, shape,
                                                       i32Type(ctx), NULL))
                  : NULL;
  if (v && bias) {
    IpuType sliceType = ipuRankedTensorTypeGet(
        ctx, 4, (int64_t[]){1, Mg, 1, 1}, i32Type(ctx), NULL);
    IpuValue b = htSliceChannels(st, loc, bias, biasDim, c0, Mg,
                                 sliceType);
    IpuOp *add = b ? htBuild1(st, "hl.add", loc, 2, (IpuValue[]){v, b},
                              ipuValueGetType(v), 0, NULL, NULL)
                   : NULL;
    v = add ? ipuOpGetResult(add, 0) : NULL;
  }
  *leaf = v;
  *tail = v ? ipuValueGetDefiningOp(v) : NULL;
  return v != NULL;
}

/* Groups one block-diagonal pack holds: G consecutive groups' K = Cg x
 * kh x kw window rows stacked down the block (G x K <= the array's rows,
 * in the order one tile.windows over their G x Cg channels lays them
 * out), their Mg outputs side by side (G x Mg <= its columns), group g's
 * K x Mg weights on the diagonal and zeros elsewhere: one windows and one
 * mvm of P steps instead of G. Each column's sum holds its own group's K
 * products only (the zeros add nothing), so the ADC reads, saturates and
 * shifts the same integer as for the group's block alone: packing is
 * exact whatever the ADC and needs no bound beyond htMaxBlockRows on K
 * itself. Groups whose K rows need more than one block (row chunks) or
 * whose Mg more than the columns are not packed (1). */
static int64_t groupsPerPack(const HtState *st, int64_t groups, int64_t K,
                             int64_t Mg) {
  if (groups < 2 || K > htMaxBlockRows(st) || Mg > st->target.arrayCols)
    return 1;
  int64_t byRows = st->target.arrayRows / K;
  int64_t byCols = st->target.arrayCols / Mg;
  int64_t g = byRows < byCols ? byRows : byCols;
  if (g > groups)
    g = groups;
  return g < 1 ? 1 : g;
}

static bool lowerConv(HtState *st, IpuOp *op, bool *lowered) {
  IpuContext *ctx = st->ctx;
  IpuValue x = ipuOpGetOperand(op, 0);
  IpuType xt = ipuValueGetType(x), yt = ipuValueGetType(ipuOpGetResult(op, 0));
  IpuValue bias = ipuOpGetNumOperands(op) > 2 ? ipuOpGetOperand(op, 2) : NULL;
  if (!isActivationTensor(st, xt) || !isStaticTensorOf(yt, 32) ||
      ipuShapedTypeGetRank(xt) != 4 || ipuShapedTypeGetDimSize(xt, 0) != 1 ||
      ipuOpGetAttr(op, "activation") ||
      (bias && !isStaticTensorOf(ipuValueGetType(bias), 32)))
    return true;
  IpuTensor w;
  memset(&w, 0, sizeof w);
  if (!readWeights(st, ipuOpGetOperand(op, 1), &w) || w.rank != 4) {
    ipuTensorFree(&w);
    return true;
  }
  int64_t M = w.shape[0], Cg = w.shape[1], kh = w.shape[2], kw = w.shape[3];
  int64_t groups = i64Attr(op, "groups", 1), area = kh * kw;
  int64_t C = ipuShapedTypeGetDimSize(xt, 1);
  int64_t OH = ipuShapedTypeGetDimSize(yt, 2);
  int64_t OW = ipuShapedTypeGetDimSize(yt, 3);
  int64_t rowsMax = htMaxBlockRows(st);
  int64_t chPerBlock = rowsMax / area;
  if (groups < 1 || M % groups || Cg * groups != C || M < 1 || Cg < 1 ||
      area < 1 || OH < 1 || OW < 1) {
    ipuTensorFree(&w);
    return true; /* the verifier's business, or nothing to compute */
  }
  if (chPerBlock > Cg)
    chPerBlock = Cg;
  /* A kernel larger than the array: one channel a window, cut into
   * column slices of at most the block rows. */
  int64_t slicesPerChannel = 1;
  if (chPerBlock < 1) {
    chPerBlock = 1;
    slicesPerChannel = (area + rowsMax - 1) / rowsMax;
  }
  int64_t Mg = M / groups, K = Cg * area, P = OH * OW;
  IpuType xElem = ipuShapedTypeGetElementType(xt);
  IpuLocation loc = ipuOpGetLoc(op);
  intptr_t numChunks = (intptr_t)((Cg + chPerBlock - 1) / chPerBlock *
                                  slicesPerChannel);
  int64_t packMax = groupsPerPack(st, groups, K, Mg);
  int64_t numParts = partsFor(st, xt, groups, Mg, P, packMax);
  IpuValue *inputs = ipuCalloc(ctx, (size_t)numChunks, sizeof *inputs);
  int64_t *begins = ipuCalloc(ctx, (size_t)numChunks, sizeof *begins);
  int64_t *counts = ipuCalloc(ctx, (size_t)numChunks, sizeof *counts);
  IpuValue *groupOut = ipuCalloc(ctx, (size_t)groups, sizeof *groupOut);
  IpuOp **tails = ipuCalloc(ctx, (size_t)groups, sizeof *tails);
  intptr_t *partBegin = ipuCalloc(ctx, (size_t)numParts + 1,
                                  sizeof *partBegin);
  /* Packs: first group of each (packBegin, by group; numPacks + 1),
   * first pack of each part (partPack), first channel of each
   * (packChannel). */
  intptr_t *partPack = ipuCalloc(ctx, (size_t)numParts + 1,
                                 sizeof *partPack);
  int64_t *packBegin = ipuCalloc(ctx, (size_t)groups + 1, sizeof *packBegin);
  int64_t *packChannel = ipuCalloc(ctx, (size_t)groups + 1,
                                   sizeof *packChannel);
  int8_t *wg = ipuAlloc(ctx, (size_t)(K * Mg * packMax * packMax));
  bool allocated = inputs && begins && counts && groupOut && tails &&
                   partBegin && partPack && packBegin && packChannel && wg;
  bool ok = allocated;
  unsigned layer = st->layerCounter++;
  static const char *const copied[] = {"strides", "pads", "dilations"};
  const int8_t *wdata = w.data;
  /* A grouped conv's bias is sliced per group: a 1-D constant directly
   * (a constant per group), else as 1 x M x 1 x 1 (hl.slice). */
  IpuValue groupBias = bias;
  intptr_t biasDim = 0;
  if (ok && bias && groups > 1 &&
      (!ipuPassMatchHlConstant(bias, NULL) ||
       ipuShapedTypeGetRank(ipuValueGetType(bias)) != 1)) {
    groupBias = htReshapeTo(st, loc, bias,
                            ipuRankedTensorTypeGet(ctx, 4,
                                                   (int64_t[]){1, M, 1, 1},
                                                   i32Type(ctx), NULL));
    biasDim = 1;
    ok = groupBias != NULL;
  }
  for (int64_t p = 0; ok && p <= numParts; ++p)
    partBegin[p] = (intptr_t)((groups * p + numParts - 1) / numParts);
  /* Each part's groups in as few packs as fit, of balanced sizes (the
   * zeros stored grow with the square of a pack's groups). */
  intptr_t numPacks = 0;
  for (int64_t p = 0; ok && p < numParts; ++p) {
    int64_t first = partBegin[p], n = partBegin[p + 1] - first;
    int64_t np = (n + packMax - 1) / packMax;
    partPack[p] = numPacks;
    for (int64_t i = 0; i < np; ++i)
      packBegin[numPacks++] = first + (n * i + np - 1) / np;
  }
  partPack[numParts] = numPacks;
  packBegin[numPacks] = groups;
  for (intptr_t q = 0; ok && q <= numPacks; ++q)
    packChannel[q] = packBegin[q] * Mg;
  for (intptr_t q = 0, part = 0; ok && q < numPacks; ++q) {
    if (q == partPack[part + 1]) {
      /* The next part: a layer of its own for packing and channels. */
      ++part;
      st->currentLayer = ++st->numLayerIds;
    }
    /* The pack's G groups from g: a G x K by G x Mg block-diagonal
     * matrix (the group's own K x Mg when G is 1). */
    int64_t g = packBegin[q], G = packBegin[q + 1] - g;
    int64_t packN = G * Mg;
    memset(wg, 0, (size_t)(G * K * packN));
    for (int64_t gl = 0; gl < G; ++gl)
      for (int64_t k = 0; k < K; ++k)
        for (int64_t n = 0; n < Mg; ++n)
          wg[(gl * K + k) * packN + gl * Mg + n] =
              wdata[((g + gl) * Mg + n) * K + k];
    if (G > 1)
      st->numGroupPacks++;
    for (intptr_t c = 0; ok && c < numChunks; c += slicesPerChannel) {
      int64_t ch0 = c / slicesPerChannel * chPerBlock;
      /* A pack has one chunk (its groups' K fit one block): all its
       * channels in one windows. */
      int64_t count = (Cg - ch0 < chPerBlock ? Cg - ch0 : chPerBlock) * G;
      begins[c] = ch0 * area;
      counts[c] = count * area;
      const char *names[6];
      IpuAttr attrs[6];
      intptr_t n = 0;
      IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
      names[n] = "kernel_shape";
      attrs[n++] = ipuDenseI64ArrayAttrGet(ctx, 2, (int64_t[]){kh, kw});
      for (int i = 0; i < 3; ++i)
        if (ipuOpGetAttr(op, copied[i])) {
          names[n] = copied[i];
          attrs[n++] = ipuOpGetAttr(op, copied[i]);
        }
      names[n] = "channel_begin";
      attrs[n++] = ipuIntegerAttrGet(ctx, i64, g * Cg + ch0);
      names[n] = "channel_count";
      attrs[n++] = ipuIntegerAttrGet(ctx, i64, count);
      IpuOp *win = htBuild1(st, "tile.windows", loc, 1, &x,
                            matType(ctx, P, counts[c], xElem), n, names,
                            attrs);
      ok = win != NULL;
      IpuValue window = ok ? ipuOpGetResult(win, 0) : NULL;
      inputs[c] = window;
      for (int64_t j = 0; ok && slicesPerChannel > 1 && j < slicesPerChannel;
           ++j) {
        int64_t lo = j * rowsMax, hi = lo + rowsMax < area ? lo + rowsMax
                                                           : area;
        const char *sn[3] = {"starts", "ends", "axes"};
        IpuAttr sa[3] = {ipuDenseI64ArrayAttrGet(ctx, 1, &lo),
                         ipuDenseI64ArrayAttrGet(ctx, 1, &hi),
                         ipuDenseI64ArrayAttrGet(ctx, 1, (int64_t[]){1})};
        IpuOp *slice = htBuild1(st, "hl.slice", loc, 1, &window,
                                matType(ctx, P, hi - lo, xElem), 3, sn, sa);
        ok = slice != NULL;
        if (ok) {
          inputs[c + j] = ipuOpGetResult(slice, 0);
          begins[c + j] = ch0 * area + lo;
          counts[c + j] = hi - lo;
        }
      }
    }
    if (!ok)
      break;
    char prefix[48];
    if (packMax > 1)
      snprintf(prefix, sizeof prefix, "l%u_p%jd", layer, (intmax_t)q);
    else if (groups > 1)
      snprintf(prefix, sizeof prefix, "l%u_g%jd", layer, (intmax_t)g);
    else
      snprintf(prefix, sizeof prefix, "l%u", layer);
    HtMatrix m = {wg,     G * K,  packN,  P,      numChunks,
                  inputs, begins, counts, prefix, inputSlicesFor(st, x)};
    groupOut[q] = lowerMatrix(st, loc, &m);
    ok = groupOut[q] != NULL;
    /* Each pack's chain right after its mvm: a tile.simd of its own
     * whose only non-constant operand is that product. */
    if (ok && groups > 1)
      ok = groupChain(st, loc, groupOut[q], groupBias, biasDim,
                      packChannel[q], packN, yt, &groupOut[q], &tails[q]);
  }
  IpuValue acc = NULL;
  if (ok && groups > 1) {
    HtJoin join = {numPacks, (intptr_t)numParts, partPack, Mg,
                   groupOut, tails, packChannel};
    acc = htJoinGroups(st, &join, loc, groupOut);
    ok = acc && finishLayer(st, op, acc, NULL) &&
         htSinkJoin(st, &join, acc, op);
    st->numParts += numParts - 1;
  } else if (ok) {
    acc = groupOut[0];
    const char *n = "perm";
    IpuAttr perm = ipuDenseI64ArrayAttrGet(ctx, 2, (int64_t[]){1, 0});
    IpuOp *tr = htBuild1(st, "hl.transpose", loc, 1, &acc,
                         matType(ctx, M, P, i32Type(ctx)), 1, &n, &perm);
    acc = tr ? htReshapeTo(st, loc, ipuOpGetResult(tr, 0), yt) : NULL;
    if (acc && bias) {
      int64_t shape[4] = {1, M, 1, 1};
      bias = htReshapeTo(st, loc, bias,
                         ipuRankedTensorTypeGet(ctx, 4, shape, i32Type(ctx),
                                                NULL));
      acc = bias ? acc : NULL;
    }
    ok = acc && finishLayer(st, op, acc, bias);
  }
  if (!allocated)
    ipuOpEmitError(op, "hl-to-tile: out of memory");
  ipuFree(ctx, inputs);
  ipuFree(ctx, begins);
  ipuFree(ctx, counts);
  ipuFree(ctx, groupOut);
  ipuFree(ctx, tails);
  ipuFree(ctx, partBegin);
  ipuFree(ctx, partPack);
  ipuFree(ctx, packBegin);
  ipuFree(ctx, packChannel);
  ipuFree(ctx, wg);
  ipuTensorFree(&w);
  *lowered = ok;
  return ok;
}

/* x (P x K, i8) times the K x N matrix `wm`: the input is cut into column
 * slices of at most the block rows. */
static IpuValue lowerDense(HtState *st, IpuOp *op, IpuValue x, int64_t P,
                           const int8_t *wm, int64_t K, int64_t N) {
  IpuContext *ctx = st->ctx;
  IpuLocation loc = ipuOpGetLoc(op);
  int64_t rows = htMaxBlockRows(st);
  intptr_t numChunks = (intptr_t)((K + rows - 1) / rows);
  IpuValue *inputs = ipuCalloc(ctx, (size_t)numChunks, sizeof *inputs);
  int64_t *begins = ipuCalloc(ctx, (size_t)numChunks, sizeof *begins);
  int64_t *counts = ipuCalloc(ctx, (size_t)numChunks, sizeof *counts);
  IpuValue result = NULL;
  bool ok = inputs && begins && counts;
  if (!ok)
    ipuOpEmitError(op, "hl-to-tile: out of memory");
  for (intptr_t c = 0; ok && c < numChunks; ++c) {
    begins[c] = c * rows;
    counts[c] = K - begins[c] < rows ? K - begins[c] : rows;
    inputs[c] = x;
    if (numChunks > 1) {
      const char *names[3] = {"starts", "ends", "axes"};
      IpuAttr attrs[3] = {
          ipuDenseI64ArrayAttrGet(ctx, 1, &begins[c]),
          ipuDenseI64ArrayAttrGet(ctx, 1, (int64_t[]){begins[c] + counts[c]}),
          ipuDenseI64ArrayAttrGet(ctx, 1, (int64_t[]){1})};
      IpuOp *slice = htBuild1(st, "hl.slice", loc, 1, &x,
                            matType(ctx, P, counts[c],
                                    ipuShapedTypeGetElementType(
                                        ipuValueGetType(x))),
                            3, names, attrs);
      ok = slice != NULL;
      if (ok)
        inputs[c] = ipuOpGetResult(slice, 0);
    }
  }
  if (ok) {
    char prefix[48];
    snprintf(prefix, sizeof prefix, "l%u", st->layerCounter++);
    HtMatrix m = {wm,     K,      N,      P,      numChunks,
                  inputs, begins, counts, prefix, inputSlicesFor(st, x)};
    result = lowerMatrix(st, loc, &m);
  }
  ipuFree(ctx, inputs);
  ipuFree(ctx, begins);
  ipuFree(ctx, counts);
  return result;
}

static bool lowerGemmOrMatmul(HtState *st, IpuOp *op, bool isGemm,
                              bool *lowered) {
  IpuContext *ctx = st->ctx;
  IpuValue x = ipuOpGetOperand(op, 0);
  IpuType xt = ipuValueGetType(x), yt = ipuValueGetType(ipuOpGetResult(op, 0));
  IpuValue bias = isGemm && ipuOpGetNumOperands(op) > 2
                      ? ipuOpGetOperand(op, 2) : NULL;
  if (!isActivationTensor(st, xt) || !isStaticTensorOf(yt, 32) ||
      ipuOpGetAttr(op, "activation") ||
      (bias && !isStaticTensorOf(ipuValueGetType(bias), 32)))
    return true;
  if (isGemm && (boolAttr(op, "trans_a") || !floatAttrIs(op, "alpha", 1.0) ||
                 !floatAttrIs(op, "beta", 1.0)))
    return true;
  intptr_t rank = ipuShapedTypeGetRank(xt);
  if (rank < 1 || (isGemm && rank != 2))
    return true;
  IpuTensor w;
  memset(&w, 0, sizeof w);
  if (!readWeights(st, ipuOpGetOperand(op, 1), &w) || w.rank != 2) {
    ipuTensorFree(&w);
    return true;
  }
  bool transB = isGemm && boolAttr(op, "trans_b");
  int64_t K = transB ? w.shape[1] : w.shape[0];
  int64_t N = transB ? w.shape[0] : w.shape[1];
  int64_t P = ipuShapedTypeGetNumElements(xt) / (K ? K : 1);
  if (K < 1 || N < 1 || P < 1 || ipuShapedTypeGetDimSize(xt, rank - 1) != K) {
    ipuTensorFree(&w);
    return true;
  }
  int8_t *wm = ipuAlloc(ctx, (size_t)(K * N));
  if (!wm) {
    ipuTensorFree(&w);
    return ipuSucceeded(ipuOpEmitError(op, "hl-to-tile: out of memory"));
  }
  const int8_t *src = w.data;
  for (int64_t k = 0; k < K; ++k)
    for (int64_t n = 0; n < N; ++n)
      wm[k * N + n] = transB ? src[n * K + k] : src[k * N + n];
  ipuTensorFree(&w);
  IpuValue x2 = htReshapeTo(st, ipuOpGetLoc(op), x,
                          matType(ctx, P, K, ipuShapedTypeGetElementType(xt)));
  IpuValue acc = x2 ? lowerDense(st, op, x2, P, wm, K, N) : NULL;
  ipuFree(ctx, wm);
  bool ok = acc && finishLayer(st, op, acc, bias);
  *lowered = ok;
  return ok;
}

/* Moves the hl ops a layer's lowering made after its first tile op (the
 * joins of column blocks and groups) to just before the layer's op, so
 * that they and the layer's epilogue form one run for the partitioner. */
static void gatherEpilogue(IpuOp *first, IpuOp *op) {
  bool seenTile = false;
  IpuOp *stop = ipuOpGetPrev(op), *next;
  for (IpuOp *it = first; it && it != op; it = next) {
    next = it == stop ? NULL : ipuOpGetNext(it);
    const char *name = ipuIdentCStr(ipuOpGetName(it));
    bool feedsTile = false;
    for (intptr_t i = 0; i < ipuOpGetNumResults(it); ++i)
      for (IpuOpOperand *u = ipuValueGetFirstUse(ipuOpGetResult(it, i)); u;
           u = ipuOpOperandGetNextUse(u))
        feedsTile = feedsTile ||
                    !strncmp(ipuIdentCStr(ipuOpGetName(
                                 ipuOpOperandGetOwner(u))), "tile.", 5);
    if (!strncmp(name, "tile.", 5))
      seenTile = true;
    else if (seenTile && !feedsTile)
      ipuOpMoveBefore(it, op);
  }
}

bool htLowerLayers(HtState *st, IpuBlock *body) {
  IpuOp *next;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = next) {
    next = ipuOpGetNext(op);
    bool lowered = false, ok = true;
    IpuOp *prev = ipuOpGetPrev(op);
    st->currentLayer = st->currentSource = ++st->numLayerIds;
    /* Row bands of one layer (hl_to_tile_bands.c) read equal weights but
     * each needs arrays of its own: one source id for all of them keeps
     * findSharedBlock from sharing their blocks. */
    intptr_t bandSource = ipuPtrMapGetInt(&st->bandSource, op, 0);
    if (bandSource)
      st->currentSource = bandSource;
    ipuBuilderSetInsertionPointBefore(&st->b, op);
    bool grouped = false;
    if (ipuOpIsA(op, "hl.conv2d")) {
      grouped = i64Attr(op, "groups", 1) > 1;
      ok = lowerConv(st, op, &lowered);
    } else if (ipuOpIsA(op, "hl.gemm")) {
      ok = lowerGemmOrMatmul(st, op, true, &lowered);
    } else if (ipuOpIsA(op, "hl.matmul")) {
      ok = lowerGemmOrMatmul(st, op, false, &lowered);
    }
    if (!ok)
      return false;
    if (lowered) {
      /* A grouped conv's chains sit after their mvms already (and its
       * epilogue may have been sunk into them, erasing ops after it). */
      if (!grouped)
        gatherEpilogue(prev ? ipuOpGetNext(prev) : ipuBlockGetFirstOp(body),
                       op);
      next = ipuOpGetNext(op);
      IpuOp *weights = ipuValueGetDefiningOp(ipuOpGetOperand(op, 1));
      ipuOpDestroy(op);
      if (weights && weights == next)
        next = ipuOpGetNext(next);
      if (weights)
        ipuPassEraseIfDeadConstant(weights);
    }
  }
  return true;
}
