/* hl-to-tile, part 1b: a grouped conv's join (the concat of its groups on
 * axis 1) sunk through the channel-separable epilogue that follows it.
 *
 * lowerConv gives each group, or each block-diagonal pack of groups (a
 * "leaf" here: HtJoin.leafChannelBegin gives its channels), a chain of
 * hl ops right after its mvm (transpose, reshape, bias slice) and joins
 * the chains' values. Here the ops after the join that act on each
 * position and channel alone (requantize, add, sub, mul, max, min, relu,
 * clip, neg, abs) whose other operands are sunk values too or constants
 * that broadcast per channel
 * (sliced per group) or not at all (kept) are copied into every group's
 * chain, in block order, until the first op that does not qualify. Each
 * group's chain then becomes one tile.simd reading only its mvm product
 * (an ADC epilogue streamed as the products arrive) instead of one
 * tile.simd holding every group's i32 product. The values that ops left
 * outside still read are joined again (concat per part, then of the
 * parts), and the sunk originals are erased. Each copy computes the same
 * integers as the original on its channels, so the result is bit-exact.
 *
 * The per-channel slicing of types, constants and requantize parameters
 * lives here too, shared with the output-channel split
 * (hl_to_tile_split.c), so both cut channels the same way. */
#include <string.h>

#include "hl_to_tile.h"

IpuType htWithDim(IpuContext *ctx, IpuType t, intptr_t dim, int64_t size) {
  int64_t shape[IPU_TENSOR_MAX_RANK];
  intptr_t rank = ipuShapedTypeGetRank(t);
  if (rank > IPU_TENSOR_MAX_RANK || dim < 0 || dim >= rank)
    return NULL;
  memcpy(shape, ipuShapedTypeGetShape(t), (size_t)rank * sizeof *shape);
  shape[dim] = size;
  return ipuRankedTensorTypeGet(ctx, rank, shape,
                                ipuShapedTypeGetElementType(t), NULL);
}

/* The concat of `values` on axis 1; `values[0]` itself when there is one,
 * unless `always`: a layer packed whole into one block-diagonal pack still
 * gets a concat (of one operand) as its join, which the partitioner puts
 * in a region alone, so that the ops after it (a requantize widening the
 * value for a pooling) do not join the pack's streamed epilogue and make
 * it yield a whole i32 tensor. (The cleanup after hl-to-tile folds the
 * concat, leaving a tile.simd that passes its argument on.) */
static IpuValue concatOnAxis1(HtState *st, IpuLocation loc, intptr_t n,
                              const IpuValue *values, bool always) {
  IpuContext *ctx = st->ctx;
  if (n == 1 && !always)
    return values[0];
  IpuType first = ipuValueGetType(values[0]);
  int64_t channels = 0;
  for (intptr_t i = 0; i < n; ++i)
    channels += ipuShapedTypeGetDimSize(ipuValueGetType(values[i]), 1);
  const char *name = "axis";
  IpuAttr axis =
      ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), 1);
  IpuOp *cat = htBuild1(st, "hl.concat", loc, n, values,
                        htWithDim(ctx, first, 1, channels), 1, &name,
                        &axis);
  if (cat && !ipuPtrMapPutInt(&st->joinOps, cat, 1)) {
    ipuEmitError(ctx, loc, "hl-to-tile: out of memory");
    return NULL;
  }
  return cat ? ipuOpGetResult(cat, 0) : NULL;
}

IpuValue htJoinGroups(HtState *st, const HtJoin *j, IpuLocation loc,
                      const IpuValue *values) {
  if (j->numParts <= 1)
    return concatOnAxis1(st, loc, j->numGroups, values, true);
  IpuValue *parts = ipuCalloc(st->ctx, (size_t)j->numParts, sizeof *parts);
  if (!parts) {
    ipuEmitError(st->ctx, loc, "hl-to-tile: out of memory");
    return NULL;
  }
  bool ok = true;
  for (intptr_t p = 0; ok && p < j->numParts; ++p) {
    intptr_t begin = j->partBegin[p];
    parts[p] = concatOnAxis1(st, loc, j->partBegin[p + 1] - begin,
                             values + begin, false);
    ok = parts[p] != NULL;
  }
  IpuValue joined =
      ok ? concatOnAxis1(st, loc, j->numParts, parts, false) : NULL;
  ipuFree(st->ctx, parts);
  return joined;
}

IpuValue htSliceChannels(HtState *st, IpuLocation loc, IpuValue v,
                         intptr_t dim, int64_t begin, int64_t count,
                         IpuType type) {
  IpuContext *ctx = st->ctx;
  IpuAttr value;
  if (ipuPassMatchHlConstant(v, &value)) {
    IpuTensor t;
    memset(&t, 0, sizeof t);
    if (ipuFailed(ipuInterpTensorFromAttr(ctx, loc, value, &t)))
      return NULL;
    int64_t outer = 1, inner = (int64_t)ipuDTypeSize(t.dtype);
    for (int i = 0; i < t.rank; ++i) {
      if (i < dim)
        outer *= t.shape[i];
      else if (i > dim)
        inner *= t.shape[i];
    }
    size_t size = (size_t)(outer * count * inner);
    char *data = ipuAlloc(ctx, size ? size : 1);
    IpuOp *c = NULL;
    if (data && dim < t.rank && begin + count <= t.shape[dim]) {
      for (int64_t o = 0; o < outer; ++o)
        memcpy(data + o * count * inner,
               (const char *)t.data + (o * t.shape[dim] + begin) * inner,
               (size_t)(count * inner));
      c = ipuPassCreateHlConstant(&st->b, type, data, size, "group_slice",
                                  &st->blobCounter, loc);
    } else {
      ipuEmitError(ctx, loc, "hl-to-tile: cannot slice a constant");
    }
    ipuFree(ctx, data);
    ipuTensorFree(&t);
    return c ? ipuOpGetResult(c, 0) : NULL;
  }
  const char *names[3] = {"starts", "ends", "axes"};
  int64_t end = begin + count, axis = dim;
  IpuAttr attrs[3] = {ipuDenseI64ArrayAttrGet(ctx, 1, &begin),
                      ipuDenseI64ArrayAttrGet(ctx, 1, &end),
                      ipuDenseI64ArrayAttrGet(ctx, 1, &axis)};
  IpuOp *slice = htBuild1(st, "hl.slice", loc, 1, &v,
                          htWithDim(ctx, ipuValueGetType(v), dim, count),
                          3, names, attrs);
  return slice ? htReshapeTo(st, loc, ipuOpGetResult(slice, 0), type) : NULL;
}

/* The ops a group's chain may take: each output element depends on the
 * same position and channel of its operands only. */
const char *const htSeparableOps[] = {
    "hl.requantize", "hl.add", "hl.sub", "hl.mul",  "hl.max",
    "hl.min",        "hl.relu", "hl.clip", "hl.neg", "hl.abs", NULL};

typedef struct {
  HtState *st;
  HtJoin *j;
  IpuType joinType; /* 1 x M x H x W */
  int64_t M;
  IpuPtrMap rowOf;  /* sunk value -> row + 1 */
  IpuValue *rows;   /* numRows x numGroups: each sunk value per group */
  IpuValue *origin; /* the value each row stands for */
  intptr_t numRows, capRows;
  IpuOp **sunk;     /* the original ops copied, in block order */
  intptr_t numSunk, capSunk;
  IpuPtrMap constClone; /* constant op -> its clone for the chains */
  IpuPtrMap readConsts; /* constants the sunk ops read */
} Sink;

static bool addRow(Sink *s, IpuValue origin) {
  if (s->numRows == s->capRows) {
    intptr_t cap = s->capRows ? 2 * s->capRows : 8;
    IpuValue *rows = ipuRealloc(s->st->ctx, s->rows,
                                (size_t)(cap * s->j->numGroups) *
                                    sizeof *rows);
    if (!rows)
      return false;
    s->rows = rows;
    IpuValue *origins = ipuRealloc(s->st->ctx, s->origin,
                                   (size_t)cap * sizeof *origins);
    if (!origins)
      return false;
    s->origin = origins;
    s->capRows = cap;
  }
  s->origin[s->numRows] = origin;
  return ipuPtrMapPutInt(&s->rowOf, origin, ++s->numRows);
}

/* How a constant operand of shape `t` meets the join's 1 x M x H x W:
 * 1 when it has M channels (sliced per group), 0 when it broadcasts over
 * the channels (kept), -1 when neither. */
static int constantChannels(const Sink *s, IpuType t) {
  if (ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(t) || ipuShapedTypeGetRank(t) > 4)
    return -1;
  intptr_t rank = ipuShapedTypeGetRank(t), dim = rank - 3;
  if (dim < 0 || ipuShapedTypeGetDimSize(t, dim) == 1)
    return 0;
  return ipuShapedTypeGetDimSize(t, dim) == s->M ? 1 : -1;
}

static bool isSeparable(const Sink *s, IpuOp *op) {
  if (!ipuPassOpIsOneOf(op, htSeparableOps) || ipuOpGetNumResults(op) != 1 ||
      ipuOpGetNumRegions(op) || ipuOpGetNumOperands(op) < 1)
    return false;
  IpuType rt = ipuValueGetType(ipuOpGetResult(op, 0));
  if (ipuTypeGetKind(rt) != IPU_TYPE_RANKED_TENSOR ||
      !ipuTypeIsInteger(ipuShapedTypeGetElementType(rt)) ||
      ipuShapedTypeGetRank(rt) != 4 ||
      memcmp(ipuShapedTypeGetShape(rt), ipuShapedTypeGetShape(s->joinType),
             4 * sizeof(int64_t)))
    return false;
  bool sunkOperand = false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuValue v = ipuOpGetOperand(op, i);
    if (ipuPtrMapGetInt(&s->rowOf, v, 0)) {
      sunkOperand = true;
      continue;
    }
    if (!ipuPassMatchHlConstant(v, NULL) ||
        !ipuTypeIsInteger(ipuShapedTypeGetElementType(ipuValueGetType(v))) ||
        constantChannels(s, ipuValueGetType(v)) < 0)
      return false;
  }
  return sunkOperand &&
         (!ipuOpIsA(op, "hl.requantize") ||
          htRequantizeSeparable(op, 1, s->M));
}

static int64_t arrayCount(IpuOp *op, const char *name) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_DENSE_ARRAY
             ? ipuDenseArrayAttrGetNumElements(a) : -1;
}

bool htRequantizeSeparable(IpuOp *op, intptr_t axis, int64_t n) {
  int64_t mult = arrayCount(op, "multiplier");
  int64_t shift = arrayCount(op, "shift");
  IpuAttr zp = ipuOpGetAttr(op, "zero_point");
  if (mult < 1 || shift < 1 || !zp ||
      ipuAttrGetKind(zp) != IPU_ATTR_DENSE_ELEMENTS)
    return false;
  int64_t zpCount = ipuShapedTypeGetNumElements(ipuAttrGetType(zp));
  if (mult == 1 && shift == 1 && zpCount == 1)
    return true;
  IpuAttr a = ipuOpGetAttr(op, "axis");
  int64_t at = a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER
                   ? ipuIntegerAttrGetInt(a) : 1;
  return at == axis && (mult == 1 || mult == n) &&
         (shift == 1 || shift == n) && (zpCount == 1 || zpCount == n);
}

/* `a` (an i64 dense array of n entries, or one) for channels [begin,
 * begin + count); one entry stands for every channel, so it is kept. */
static IpuAttr sliceArray(IpuContext *ctx, IpuAttr a, int64_t n,
                          int64_t begin, int64_t count) {
  if (!a || ipuDenseArrayAttrGetNumElements(a) != n || n == 1)
    return a;
  const int64_t *data = ipuDenseArrayAttrGetData(a);
  return ipuDenseI64ArrayAttrGet(ctx, count, data + begin);
}

/* A requantize's zero point (n entries, or one kept) for the channels. */
static IpuAttr sliceZeroPoint(IpuContext *ctx, IpuAttr zp, int64_t n,
                              int64_t begin, int64_t count) {
  IpuType t = ipuAttrGetType(zp);
  if (ipuShapedTypeGetNumElements(t) != n || n == 1)
    return zp;
  IpuType elem = ipuShapedTypeGetElementType(t);
  IpuType part = ipuRankedTensorTypeGet(ctx, 1, &count, elem, NULL);
  size_t size = ipuDenseElementStorageBytes(elem);
  const char *raw = ipuDenseElementsAttrGetRawData(zp);
  if (ipuDenseElementsAttrIsSplat(zp))
    return ipuDenseElementsAttrGet(ctx, part, raw, size, true);
  return ipuDenseElementsAttrGet(ctx, part, raw + (size_t)begin * size,
                                 (size_t)count * size, false);
}

bool htSliceRequantize(IpuContext *ctx, IpuOp *orig, IpuOp *copy, int64_t n,
                       int64_t begin, int64_t count) {
  IpuAttr mult = sliceArray(ctx, ipuOpGetAttr(orig, "multiplier"), n, begin,
                            count);
  IpuAttr shift = sliceArray(ctx, ipuOpGetAttr(orig, "shift"), n, begin,
                             count);
  IpuAttr zp = sliceZeroPoint(ctx, ipuOpGetAttr(orig, "zero_point"), n, begin,
                              count);
  if (!mult || !shift || !zp)
    return false;
  ipuOpSetAttr(copy, "multiplier", mult);
  ipuOpSetAttr(copy, "shift", shift);
  ipuOpSetAttr(copy, "zero_point", zp);
  return true;
}

/* The first channel of leaf g (a group, or a pack of groups). */
static int64_t leafBegin(const HtJoin *j, intptr_t g) {
  return j->leafChannelBegin ? j->leafChannelBegin[g] : g * j->channels;
}

/* Copies `op` into every group's chain. */
static bool sinkOp(Sink *s, IpuOp *op) {
  HtState *st = s->st;
  IpuContext *ctx = st->ctx;
  HtJoin *j = s->j;
  intptr_t row = s->numRows;
  IpuType rt = ipuValueGetType(ipuOpGetResult(op, 0));
  if (!addRow(s, ipuOpGetResult(op, 0)))
    return false;
  for (intptr_t g = 0; g < j->numGroups; ++g) {
    int64_t c0 = leafBegin(j, g), Mg = leafBegin(j, g + 1) - c0;
    IpuType groupType = htWithDim(ctx, rt, 1, Mg);
    if (!groupType)
      return false;
    IpuOp *tail = j->tails[g];
    ipuBuilderSetInsertionPointAfter(&st->b, tail);
    IpuOp *copy = ipuOpClone(op);
    if (!copy)
      return false;
    bool ok = true;
    for (intptr_t i = 0; ok && i < ipuOpGetNumOperands(op); ++i) {
      IpuValue v = ipuOpGetOperand(op, i);
      intptr_t r = ipuPtrMapGetInt(&s->rowOf, v, 0);
      if (r) {
        ipuOpSetOperand(copy, i, s->rows[(r - 1) * j->numGroups + g]);
        continue;
      }
      IpuOp *def = ipuValueGetDefiningOp(v);
      ok = ipuPtrMapPut(&s->readConsts, def, NULL);
      IpuType ct = ipuValueGetType(v);
      if (ok && constantChannels(s, ct) == 1) {
        intptr_t dim = ipuShapedTypeGetRank(ct) - 3;
        IpuValue part = htSliceChannels(st, ipuOpGetLoc(op), v, dim, c0, Mg,
                                        htWithDim(ctx, ct, dim, Mg));
        ok = part != NULL;
        if (ok)
          ipuOpSetOperand(copy, i, part);
      } else if (ok) {
        /* One clone for every group, before group 0's copy (the chains
         * of later groups come after it). */
        IpuOp *clone = ipuPtrMapGet(&s->constClone, def);
        if (!clone) {
          clone = ipuOpClone(def);
          ok = clone && ipuPtrMapPut(&s->constClone, def, clone);
          if (clone)
            ipuBuilderInsert(&st->b, clone);
        }
        if (ok)
          ipuOpSetOperand(copy, i, ipuOpGetResult(clone, 0));
      }
    }
    ipuValueSetType(ipuOpGetResult(copy, 0), groupType);
    if (ok && ipuOpIsA(op, "hl.requantize"))
      ok = htSliceRequantize(ctx, op, copy, s->M, c0, Mg);
    ipuBuilderInsert(&st->b, copy);
    if (!ok)
      return false;
    j->tails[g] = copy;
    s->rows[row * j->numGroups + g] = ipuOpGetResult(copy, 0);
  }
  st->numSunkOps++;
  if (s->numSunk == s->capSunk) {
    intptr_t cap = s->capSunk ? 2 * s->capSunk : 8;
    IpuOp **grown = ipuRealloc(ctx, s->sunk, (size_t)cap * sizeof *grown);
    if (!grown)
      return false;
    s->sunk = grown;
    s->capSunk = cap;
  }
  s->sunk[s->numSunk++] = op;
  return true;
}

/* Whether `v` has a use outside the sunk ops. */
static bool usedOutside(const IpuPtrMap *sunkOps, IpuValue v) {
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    if (!ipuPtrMapContains(sunkOps, ipuOpOperandGetOwner(u)))
      return true;
  return false;
}

/* Erases the concats that joined `v` (v's own and, for parts, each
 * part's), now unused. */
static void eraseJoin(HtState *st, IpuValue v) {
  IpuOp *cat = ipuValueGetDefiningOp(v);
  if (!cat || ipuValueHasUses(v) ||
      !ipuPtrMapGetInt(&st->joinOps, cat, 0))
    return;
  intptr_t n = ipuOpGetNumOperands(cat);
  IpuValue parts[2];
  IpuValue *operands = n <= 2 ? parts
                              : ipuCalloc(st->ctx, (size_t)n,
                                          sizeof *operands);
  if (!operands)
    return; /* left for the cleanup */
  for (intptr_t i = 0; i < n; ++i)
    operands[i] = ipuOpGetOperand(cat, i);
  ipuPtrMapPutInt(&st->joinOps, cat, 0);
  ipuOpDestroy(cat);
  for (intptr_t i = 0; i < n; ++i)
    eraseJoin(st, operands[i]);
  if (operands != parts)
    ipuFree(st->ctx, operands);
}

bool htSinkJoin(HtState *st, HtJoin *j, IpuValue joined, IpuOp *layerOp) {
  IpuContext *ctx = st->ctx;
  Sink s;
  memset(&s, 0, sizeof s);
  s.st = st;
  s.j = j;
  s.joinType = ipuValueGetType(joined);
  s.M = ipuShapedTypeGetDimSize(s.joinType, 1);
  ipuPtrMapInit(&s.rowOf, ctx);
  ipuPtrMapInit(&s.constClone, ctx);
  ipuPtrMapInit(&s.readConsts, ctx);
  IpuPtrMap sunkOps, candidates;
  ipuPtrMapInit(&sunkOps, ctx);
  ipuPtrMapInit(&candidates, ctx);
  bool ok = addRow(&s, joined);
  for (intptr_t g = 0; ok && g < j->numGroups; ++g)
    s.rows[g] = j->leaves[g];
  /* The candidates: the run of separable ops after the join (the
   * lowered op, still there without uses, and constants passed over). */
  IpuOp **run = NULL;
  intptr_t numRun = 0, capRun = 0;
  IpuOp *op = ipuValueGetDefiningOp(joined);
  for (op = op ? ipuOpGetNext(op) : NULL; ok && op; op = ipuOpGetNext(op)) {
    if (op == layerOp || ipuOpIsA(op, "hl.constant"))
      continue;
    if (!isSeparable(&s, op))
      break;
    if (numRun == capRun) {
      capRun = capRun ? 2 * capRun : 8;
      IpuOp **grown = ipuRealloc(ctx, run, (size_t)capRun * sizeof *grown);
      ok = grown != NULL;
      if (!ok)
        break;
      run = grown;
    }
    run[numRun++] = op;
    ok = ipuPtrMapPutInt(&s.rowOf, ipuOpGetResult(op, 0), 1) &&
         ipuPtrMapPutInt(&candidates, op, 1);
  }
  /* Last first, the run loses the ops that only widen a value for readers
   * outside (a requantize to i32 feeding a pooling): joining their
   * narrower operands instead takes less SRAM. */
  for (intptr_t i = numRun - 1; ok && i >= 0; --i) {
    IpuValue r = ipuOpGetResult(run[i], 0);
    bool onlyOutside = true;
    for (IpuOpOperand *u = ipuValueGetFirstUse(r); u && onlyOutside;
         u = ipuOpOperandGetNextUse(u))
      onlyOutside = !ipuPtrMapGetInt(&candidates, ipuOpOperandGetOwner(u), 0);
    unsigned width = ipuIntegerTypeGetWidth(
        ipuShapedTypeGetElementType(ipuValueGetType(r)));
    bool widens = true;
    for (intptr_t k = 0; k < ipuOpGetNumOperands(run[i]); ++k) {
      IpuValue v = ipuOpGetOperand(run[i], k);
      if (ipuPtrMapGetInt(&s.rowOf, v, 0) &&
          ipuIntegerTypeGetWidth(ipuShapedTypeGetElementType(
              ipuValueGetType(v))) >= width)
        widens = false;
    }
    if (onlyOutside && widens) {
      ok = ipuPtrMapPutInt(&candidates, run[i], 0);
      run[i] = NULL;
    }
  }
  ipuPtrMapDestroy(&s.rowOf);
  ipuPtrMapInit(&s.rowOf, ctx);
  ok = ok && ipuPtrMapPutInt(&s.rowOf, joined, 1);
  for (intptr_t i = 0; ok && i < numRun; ++i)
    if (run[i])
      ok = sinkOp(&s, run[i]) && ipuPtrMapPut(&sunkOps, run[i], NULL);
  ipuFree(ctx, run);
  /* Values still read outside are joined again after the last group's
   * chain; the sunk originals go. */
  if (ok && s.numSunk) {
    ipuBuilderSetInsertionPointAfter(&st->b, j->tails[j->numGroups - 1]);
    IpuLocation loc = ipuOpGetLoc(s.sunk[s.numSunk - 1]);
    for (intptr_t r = 1; ok && r < s.numRows; ++r) {
      if (!usedOutside(&sunkOps, s.origin[r]))
        continue;
      IpuValue again = htJoinGroups(st, j, loc,
                                    s.rows + r * j->numGroups);
      ok = again != NULL;
      if (ok)
        ipuValueReplaceAllUsesWith(s.origin[r], again);
    }
    for (intptr_t i = s.numSunk - 1; ok && i >= 0; --i) {
      IpuOp *dead = s.sunk[i];
      /* Uses left are the later sunk ops, erased first. */
      ipuOpDestroy(dead);
    }
    if (ok && !usedOutside(&sunkOps, joined))
      eraseJoin(st, joined);
    if (ok)
      ipuPassEraseDeadConstantsIn(&s.readConsts);
    /* Clones no copy ended up reading. */
    for (size_t i = 0; i < s.constClone.capacity; ++i)
      if (s.constClone.slots[i].key)
        ipuPassEraseIfDeadConstant(s.constClone.slots[i].value);
  }
  if (!ok)
    ipuEmitError(ctx, ipuValueGetLoc(joined),
                 "hl-to-tile: cannot sink a grouped layer's join");
  ipuPtrMapDestroy(&s.rowOf);
  ipuPtrMapDestroy(&s.constClone);
  ipuPtrMapDestroy(&s.readConsts);
  ipuPtrMapDestroy(&sunkOps);
  ipuPtrMapDestroy(&candidates);
  ipuFree(ctx, s.rows);
  ipuFree(ctx, s.origin);
  ipuFree(ctx, s.sunk);
  return ok;
}
