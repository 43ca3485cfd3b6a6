/* hl-to-tile, part 0b: row bands. A windowed op whose feature maps do not
 * fit one tile splits into bands of output rows, each on a tile of its own.
 *
 * On the quantized hl, before lowering, with an array budget: a conv2d
 * with constant weights or an integer maxpool / avgpool whose resident
 * bytes (htResidentBytes: input map + the value ending its epilogue +
 * streamed rows) exceed the budget, and that the output-channel split or
 * a grouped conv's parts cannot make fit (their parts each hold the whole
 * input), is cut into P bands of output rows (the smallest P whose every
 * band fits; a conv reading a band join first tries its producer's
 * bands); a conv given a band count for latency (latencyBands, planned
 * by hl_to_tile_latency.c) gets at least that many, evenly cut, whether
 * or not it overflows. Band p computes rows [o0, o1) from
 * the input rows its windows read, as a slice of the input on axis 2, by
 * a copy of the op that keeps the top pad only where its windows reach
 * above the input and the bottom pad only on the last band; a copy of the
 * epilogue (the position-wise ops after the op, a DAG ending in one value:
 * a quantized leaky relu is two requantizes and an add) follows each band,
 * its constants sliced on their rows when they have more than one; the
 * bands' values are joined by hl.concat on axis 2. Each band is lowered as
 * a layer of its own (own arrays, hence own tile), reading the same weights
 * without sharing their blocks (bandSource). A pool whose input is a band
 * join is banded like its producer (band q starting at the first window
 * inside producer band q), so that it runs on its producer's tile; and
 * when a pool alone reads the value ending an op's epilogue, the op's band
 * boundaries go onto the pool's row grid where they still fit, so that
 * each pool band reads one band.
 *
 * Slices fold so that nothing is copied needlessly: a row slice of a
 * concat on axis 2 takes the pieces of the operands it spans (the operand
 * itself when it lies inside one), of a concat on another axis the concat
 * of the operands' slices, of a slice a slice of its source; a concat of
 * consecutive slices of one value is that value (or one slice of it).
 * Each slice and join is a tile.simd alone (joinOps), which tile-to-hw
 * makes a view. Every band computes the same integers as the whole op on its
 * rows, so the result is bit-exact. */
#include <string.h>

#include "hl_to_tile.h"

enum { MAX_EPILOGUE = 64, MAX_SCAN = 256, MAX_FOLD_DEPTH = 16,
       MAX_BANDS = 256 };
/* joinOps' value for the concat joining an op's bands (other slices and
 * joins have 1). */
enum { BAND_JOIN = 2 };

static const char *const epilogueOps[] = {
    "hl.add",  "hl.sub",  "hl.mul",        "hl.max",
    "hl.min",  "hl.relu", "hl.clip",       "hl.leaky_relu",
    "hl.neg",  "hl.abs",  "hl.requantize", "hl.quantize",
    NULL};

static bool isStatic4d(IpuType t) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeHasStaticShape(t) && ipuShapedTypeGetRank(t) == 4 &&
         ipuShapedTypeGetDimSize(t, 0) == 1;
}

static bool sameShape(IpuType a, IpuType b) {
  intptr_t rank = ipuShapedTypeGetRank(a);
  if (rank != ipuShapedTypeGetRank(b))
    return false;
  for (intptr_t i = 0; i < rank; ++i)
    if (ipuShapedTypeGetDimSize(a, i) != ipuShapedTypeGetDimSize(b, i))
      return false;
  return true;
}

/* Per-axis (re)quantize parameters along the rows would have to be cut
 * with them: such an op ends the epilogue (channels are fine). */
static bool paramsOffRows(IpuOp *op) {
  IpuAttr axis = ipuOpGetAttr(op, "axis");
  if (!axis || ipuAttrGetKind(axis) != IPU_ATTR_INTEGER)
    return true;
  int64_t a = ipuIntegerAttrGetInt(axis);
  return a != 2 && a != -2;
}

static bool inList(IpuOp *const *ops, intptr_t n, IpuOp *op) {
  for (intptr_t i = 0; i < n; ++i)
    if (ops[i] == op)
      return true;
  return false;
}

/* Whether `v` is `root` or a result of ops[0..n). */
static bool inDag(IpuValue root, IpuOp *const *ops, intptr_t n, IpuValue v) {
  if (v == root)
    return true;
  IpuOp *def = ipuValueGetDefiningOp(v);
  return def && inList(ops, n, def);
}

static bool leaves(IpuOp *const *ops, intptr_t n, IpuValue v) {
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    if (!inList(ops, n, ipuOpOperandGetOwner(u)))
      return true;
  return false;
}

IpuValue htEpilogueEnd(IpuContext *ctx, IpuOp *op, IpuOp ***ops,
                       intptr_t *numOps) {
  IpuValue root = ipuOpGetResult(op, 0), end = root;
  IpuType rootType = ipuValueGetType(root);
  IpuOp *dag[MAX_EPILOGUE];
  intptr_t n = 0, best = 0;
  int scanned = 0;
  if (ops)
    *ops = NULL;
  if (numOps)
    *numOps = 0;
  if (ipuTypeGetKind(rootType) != IPU_TYPE_RANKED_TENSOR)
    return root;
  for (IpuOp *u = ipuOpGetNext(op); u && n < MAX_EPILOGUE &&
                                    scanned < MAX_SCAN;
       u = ipuOpGetNext(u)) {
    if (ipuOpIsA(u, "hl.constant"))
      continue;
    ++scanned;
    bool reads = false, others = false;
    for (intptr_t i = 0; i < ipuOpGetNumOperands(u); ++i) {
      IpuValue o = ipuOpGetOperand(u, i);
      if (inDag(root, dag, n, o))
        reads = true;
      else if (!ipuPassMatchHlConstant(o, NULL))
        others = true;
    }
    if (!reads)
      continue; /* an op of another branch */
    if (others || !ipuPassOpIsOneOf(u, epilogueOps) ||
        ipuOpGetNumResults(u) != 1 || ipuOpGetNumRegions(u) ||
        !htIsIntegerTensor(ipuValueGetType(ipuOpGetResult(u, 0))) ||
        !sameShape(ipuValueGetType(ipuOpGetResult(u, 0)), rootType) ||
        !paramsOffRows(u))
      break;
    dag[n++] = u;
    /* A cut where exactly one value, the newest, leaves the DAG; the
     * narrowest such value (the latest of equals), so that a requantize
     * that only widens the value for a reader outside stays out. */
    intptr_t numLeaving = leaves(dag, n, root) ? 1 : 0;
    for (intptr_t i = 0; i < n && numLeaving < 2; ++i)
      numLeaving += leaves(dag, n, ipuOpGetResult(dag[i], 0));
    IpuValue cut = ipuOpGetResult(u, 0);
    if (numLeaving == 1 && leaves(dag, n, cut) &&
        htTensorBytes(ipuValueGetType(cut)) <=
            htTensorBytes(ipuValueGetType(end))) {
      best = n;
      end = cut;
    }
  }
  if (ops && best) {
    *ops = ipuAlloc(ctx, (size_t)best * sizeof **ops);
    if (!*ops)
      return NULL;
    memcpy(*ops, dag, (size_t)best * sizeof **ops);
  }
  if (numOps)
    *numOps = best;
  return end;
}

/* ---- Row slices and joins, folded. ---------------------------------- */

/* Erases `op` when it is a concat or slice left unused (a join whose
 * readers all read bands now, a piece a fold replaced), and so on up
 * through its operands (a bounded worklist). */
static void eraseDeadJoins(HtState *st, IpuOp *op) {
  IpuOp *stack[MAX_EPILOGUE];
  int n = 0;
  if (op)
    stack[n++] = op;
  while (n) {
    op = stack[--n];
    if ((!ipuOpIsA(op, "hl.concat") && !ipuOpIsA(op, "hl.slice")) ||
        !ipuOpUseEmpty(op))
      continue;
    intptr_t numOperands = ipuOpGetNumOperands(op);
    IpuOp *defs[MAX_EPILOGUE];
    int numDefs = 0;
    for (intptr_t i = 0; i < numOperands && numDefs < MAX_EPILOGUE; ++i) {
      IpuOp *def = ipuValueGetDefiningOp(ipuOpGetOperand(op, i));
      bool seen = !def;
      for (int k = 0; k < numDefs && !seen; ++k)
        seen = defs[k] == def;
      if (!seen)
        defs[numDefs++] = def;
    }
    ipuPtrMapPutInt(&st->joinOps, op, 0);
    ipuOpDestroy(op);
    for (int k = 0; k < numDefs && n < MAX_EPILOGUE; ++k)
      stack[n++] = defs[k];
  }
}

static bool markJoin(HtState *st, IpuOp *op) {
  /* A slice or join is a tile.simd alone (htPartition), which the
   * backend makes a view. */
  if (ipuPtrMapPutInt(&st->joinOps, op, 1))
    return true;
  ipuEmitError(st->ctx, ipuOpGetLoc(op), "hl-to-tile: out of memory");
  return false;
}

static int64_t i64At(IpuAttr a, intptr_t i, int64_t dflt) {
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(a) <= i)
    return dflt;
  return ((const int64_t *)ipuDenseArrayAttrGetData(a))[i];
}

/* The value `v` is a plain slice of on `axis` (rows [*begin, *end)), or
 * NULL. */
static IpuValue sliceSource(IpuValue v, int64_t axis, int64_t *begin,
                            int64_t *end) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  if (!def || !ipuOpIsA(def, "hl.slice"))
    return NULL;
  IpuAttr axes = ipuOpGetAttr(def, "axes"), steps = ipuOpGetAttr(def, "steps");
  IpuAttr starts = ipuOpGetAttr(def, "starts");
  if (!axes || ipuDenseArrayAttrGetNumElements(axes) != 1 ||
      i64At(axes, 0, -1) != axis || i64At(steps, 0, 1) != 1 ||
      i64At(starts, 0, -1) < 0)
    return NULL;
  IpuValue src = ipuOpGetOperand(def, 0);
  *begin = i64At(starts, 0, 0);
  *end = *begin + ipuShapedTypeGetDimSize(ipuValueGetType(v), axis);
  return src;
}

static IpuValue plainSlice(HtState *st, IpuLocation loc, IpuValue v,
                           int64_t axis, int64_t r0, int64_t r1);

/* The concat of `pieces` on `axis`; when they are consecutive slices of
 * one value, that value if they cover it, else one slice of it. */
static IpuValue joinOn(HtState *st, IpuLocation loc, int64_t axis,
                       intptr_t n, const IpuValue *pieces) {
  if (n == 1)
    return pieces[0];
  int64_t begin, end, start, at;
  IpuValue whole = sliceSource(pieces[0], axis, &start, &at);
  for (intptr_t i = 1; whole && i < n; ++i) {
    IpuValue src = sliceSource(pieces[i], axis, &begin, &end);
    if (src != whole || begin != at)
      whole = NULL;
    at = end;
  }
  if (whole) {
    IpuValue merged =
        start == 0 &&
                at == ipuShapedTypeGetDimSize(ipuValueGetType(whole), axis)
            ? whole
            : plainSlice(st, loc, whole, axis, start, at);
    for (intptr_t i = 0; merged && i < n; ++i)
      if (pieces[i] != merged)
        eraseDeadJoins(st, ipuValueGetDefiningOp(pieces[i]));
    return merged;
  }
  int64_t size = 0;
  IpuType first = ipuValueGetType(pieces[0]);
  for (intptr_t i = 0; i < n; ++i)
    size += ipuShapedTypeGetDimSize(ipuValueGetType(pieces[i]), axis);
  const char *name = "axis";
  IpuAttr axisAttr = ipuIntegerAttrGet(
      st->ctx, ipuIntegerTypeGet(st->ctx, 64, IPU_SIGNLESS), axis);
  IpuOp *cat = htBuild1(st, "hl.concat", loc, n, pieces,
                        htWithDim(st->ctx, first, axis, size),
                        1, &name, &axisAttr);
  return cat && markJoin(st, cat) ? ipuOpGetResult(cat, 0) : NULL;
}

static IpuValue plainSlice(HtState *st, IpuLocation loc, IpuValue v,
                           int64_t axis, int64_t r0, int64_t r1) {
  const char *names[3] = {"starts", "ends", "axes"};
  IpuAttr attrs[3] = {ipuDenseI64ArrayAttrGet(st->ctx, 1, &r0),
                      ipuDenseI64ArrayAttrGet(st->ctx, 1, &r1),
                      ipuDenseI64ArrayAttrGet(st->ctx, 1, &axis)};
  IpuOp *slice = htBuild1(st, "hl.slice", loc, 1, &v,
                          htWithDim(st->ctx, ipuValueGetType(v), axis,
                                    r1 - r0),
                          3, names, attrs);
  return slice && markJoin(st, slice) ? ipuOpGetResult(slice, 0) : NULL;
}

/* Rows [r0, r1) of the 4-D `v`, folded through the concats that made it
 * (see the file comment); `depth` bounds the look-through. */
static IpuValue rowSlice(HtState *st, IpuLocation loc, IpuValue v, int64_t r0,
                         int64_t r1, int depth) {
  IpuType t = ipuValueGetType(v);
  if (r0 == 0 && r1 == ipuShapedTypeGetDimSize(t, 2))
    return v;
  IpuOp *def = ipuValueGetDefiningOp(v);
  int64_t begin, end;
  IpuValue src = sliceSource(v, 2, &begin, &end);
  if (src && depth < MAX_FOLD_DEPTH) /* a slice of rows of a slice */
    return rowSlice(st, loc, src, begin + r0, begin + r1, depth + 1);
  IpuAttr axisAttr = def && ipuOpIsA(def, "hl.concat")
                         ? ipuOpGetAttr(def, "axis") : NULL;
  if (depth >= MAX_FOLD_DEPTH || !axisAttr ||
      ipuAttrGetKind(axisAttr) != IPU_ATTR_INTEGER)
    return plainSlice(st, loc, v, 2, r0, r1);
  int64_t axis = ipuIntegerAttrGetInt(axisAttr);
  axis = axis < 0 ? axis + 4 : axis;
  intptr_t n = ipuOpGetNumOperands(def), k = 0;
  IpuValue *pieces = ipuCalloc(st->ctx, (size_t)n, sizeof *pieces);
  if (!pieces) {
    ipuEmitError(st->ctx, loc, "hl-to-tile: out of memory");
    return NULL;
  }
  bool ok = true;
  int64_t at = 0;
  for (intptr_t i = 0; ok && i < n; ++i) {
    IpuValue o = ipuOpGetOperand(def, i);
    if (axis != 2) {
      pieces[k] = rowSlice(st, loc, o, r0, r1, depth + 1);
      ok = pieces[k++] != NULL;
      continue;
    }
    int64_t h = ipuShapedTypeGetDimSize(ipuValueGetType(o), 2);
    int64_t lo = r0 > at ? r0 : at, hi = r1 < at + h ? r1 : at + h;
    if (lo < hi) {
      pieces[k] = rowSlice(st, loc, o, lo - at, hi - at, depth + 1);
      ok = pieces[k++] != NULL;
    }
    at += h;
  }
  IpuValue result = ok ? joinOn(st, loc, axis, k, pieces) : NULL;
  ipuFree(st->ctx, pieces);
  return result;
}

/* ---- Band geometry. ------------------------------------------------- */

typedef struct {
  int64_t H, OH, kh, sh, dh, pt, pb;
  bool ceil, conv;
} Rows;

static bool readRows(IpuOp *op, Rows *g) {
  IpuType xt = ipuValueGetType(ipuOpGetOperand(op, 0));
  IpuType yt = ipuValueGetType(ipuOpGetResult(op, 0));
  if (!isStatic4d(xt) || !isStatic4d(yt))
    return false;
  g->conv = ipuOpIsA(op, "hl.conv2d");
  if (g->conv) {
    IpuType wt = ipuValueGetType(ipuOpGetOperand(op, 1));
    if (ipuShapedTypeGetRank(wt) != 4)
      return false;
    g->kh = ipuShapedTypeGetDimSize(wt, 2);
  } else {
    g->kh = i64At(ipuOpGetAttr(op, "kernel_shape"), 0, 0);
  }
  IpuAttr pads = ipuOpGetAttr(op, "pads"), ceil = ipuOpGetAttr(op,
                                                               "ceil_mode");
  g->sh = i64At(ipuOpGetAttr(op, "strides"), 0, 1);
  g->dh = i64At(ipuOpGetAttr(op, "dilations"), 0, 1);
  g->pt = i64At(pads, 0, 0);
  g->pb = i64At(pads, 2, 0);
  g->ceil = ceil && ipuAttrIsBool(ceil) && ipuBoolAttrGetValue(ceil);
  g->H = ipuShapedTypeGetDimSize(xt, 2);
  g->OH = ipuShapedTypeGetDimSize(yt, 2);
  return g->kh >= 1 && g->sh >= 1 && g->dh >= 1 && g->pt >= 0 &&
         g->pb >= 0 && g->H >= 1 && g->OH >= 2;
}

typedef struct {
  int64_t o0, o1; /* output rows */
  int64_t i0, i1; /* input rows read */
  int64_t pt, pb; /* the band's pads */
  bool ceil;
} Band;

/* The input rows and pads of output rows [o0, o1); false when the band
 * would read no input row or its op would not give exactly those rows. */
static bool bandInput(const Rows *g, int64_t o0, int64_t o1, bool last,
                      Band *b) {
  int64_t s0 = o0 * g->sh - g->pt, eff = (g->kh - 1) * g->dh + 1;
  b->o0 = o0;
  b->o1 = o1;
  b->pt = s0 < 0 ? -s0 : 0;
  b->i0 = s0 < 0 ? 0 : s0;
  if (last) {
    /* The last band keeps the bottom pad and the rounding mode: its
     * output count is the whole op's minus o0, as o0 * sh is whole
     * strides. */
    b->i1 = g->H;
    b->pb = g->pb;
    b->ceil = g->ceil;
  } else {
    int64_t e = (o1 - 1) * g->sh - g->pt + eff;
    b->pb = e > g->H ? e - g->H : 0;
    b->i1 = e > g->H ? g->H : e;
    b->ceil = false;
  }
  if (o0 >= o1 || b->i0 >= b->i1)
    return false;
  int64_t span = b->i1 - b->i0 + b->pt + b->pb - eff;
  if (span < 0)
    return false;
  int64_t out = (b->ceil ? (span + g->sh - 1) / g->sh : span / g->sh) + 1;
  if (b->ceil && (out - 1) * g->sh >= b->i1 - b->i0 + b->pt)
    --out;
  return out == o1 - o0;
}

typedef struct {
  int64_t inRow, outRow, fixed, budget;
} Cost;

static bool bandsFit(const Rows *g, const Cost *c, intptr_t n,
                     const int64_t *bounds, Band *bands) {
  for (intptr_t p = 0; p < n; ++p) {
    Band *b = &bands[p];
    if (!bandInput(g, bounds[p], bounds[p + 1], p == n - 1, b) ||
        (b->i1 - b->i0) * c->inRow + (b->o1 - b->o0) * c->outRow + c->fixed >
            c->budget)
      return false;
  }
  return true;
}

/* Boundaries aligned to the producer's bands (`x` a band join): band q
 * starts at the first output row whose window starts inside producer
 * band q. The count of bands, 0 when `x` is not a band join. */
static intptr_t alignedBounds(const HtState *st, const Rows *g, IpuValue x,
                              int64_t *bounds) {
  IpuOp *def = ipuValueGetDefiningOp(x);
  if (!def || ipuPtrMapGetInt(&st->joinOps, def, 0) != BAND_JOIN ||
      ipuOpGetNumOperands(def) > MAX_BANDS)
    return 0;
  intptr_t n = 0;
  int64_t at = 0;
  bounds[0] = 0;
  for (intptr_t q = 0; q + 1 < ipuOpGetNumOperands(def); ++q) {
    at += ipuShapedTypeGetDimSize(ipuValueGetType(ipuOpGetOperand(def, q)), 2);
    int64_t o = (at + g->pt + g->sh - 1) / g->sh;
    if (o > bounds[n] && o < g->OH)
      bounds[++n] = o;
  }
  bounds[++n] = g->OH;
  return n >= 2 ? n : 0;
}

/* The row grid of the pool that reads `end` alone (its stride and top
 * pad), so that bands ending on it give the pool bands reading one band
 * each; stride 1 (no grid) otherwise. */
static void poolGrid(IpuValue end, int64_t *stride, int64_t *pad) {
  IpuOpOperand *use = ipuValueGetFirstUse(end);
  IpuOp *pool = use && !ipuOpOperandGetNextUse(use) &&
                        ipuOpOperandGetIndex(use) == 0
                    ? ipuOpOperandGetOwner(use) : NULL;
  if (!pool || (!ipuOpIsA(pool, "hl.maxpool") && !ipuOpIsA(pool,
                                                          "hl.avgpool")))
    return;
  int64_t s = i64At(ipuOpGetAttr(pool, "strides"), 0, 1);
  int64_t p = i64At(ipuOpGetAttr(pool, "pads"), 0, 0);
  if (s > 1 && p >= 0) {
    *stride = s;
    *pad = p;
  }
}

/* Whether the bands of `bounds` fit; with a pool grid (stride > 1),
 * first with every inner boundary moved onto it (down, then up). */
static bool fitOnGrid(const Rows *g, const Cost *c, intptr_t n,
                      int64_t *bounds, Band *bands, int64_t stride,
                      int64_t pad) {
  int64_t *saved = bounds + MAX_BANDS + 1;
  memcpy(saved, bounds, (size_t)(n + 1) * sizeof *bounds);
  for (int up = 0; stride > 1 && up < 2; ++up) {
    bool valid = true;
    for (intptr_t q = 1; q < n; ++q) {
      int64_t r = (saved[q] + pad) % stride;
      bounds[q] = up ? saved[q] + (r ? stride - r : 0) : saved[q] - r;
      valid = valid && bounds[q] > bounds[q - 1] && bounds[q] < g->OH;
    }
    if (valid && bandsFit(g, c, n, bounds, bands))
      return true;
    memcpy(bounds, saved, (size_t)(n + 1) * sizeof *bounds);
  }
  return bandsFit(g, c, n, bounds, bands);
}

/* ---- The split. ----------------------------------------------------- */

/* Moves `c` (a constant) before `pos` when it comes after it. */
static void hoistConstant(IpuOp *c, IpuOp *pos) {
  if (ipuOpGetBlock(c) == ipuOpGetBlock(pos) && ipuOpIsBeforeInBlock(pos, c))
    ipuOpMoveBefore(c, pos);
}

/* A copy of `op` for `band`: its input `x`, its pads, its rows. */
static IpuOp *bandOp(HtState *st, IpuOp *op, IpuValue x, const Band *band) {
  IpuOp *copy = ipuOpClone(op);
  if (!copy) {
    ipuOpEmitError(op, "hl-to-tile: out of memory");
    return NULL;
  }
  ipuOpSetOperand(copy, 0, x);
  IpuAttr pads = ipuOpGetAttr(op, "pads");
  int64_t p[4] = {band->pt, i64At(pads, 1, 0), band->pb, i64At(pads, 3, 0)};
  if (pads || band->pt || band->pb)
    ipuOpSetAttr(copy, "pads", ipuDenseI64ArrayAttrGet(st->ctx, 4, p));
  if (ipuOpGetAttr(op, "ceil_mode"))
    ipuOpSetAttr(copy, "ceil_mode", ipuBoolAttrGet(st->ctx, band->ceil));
  IpuValue r = ipuOpGetResult(copy, 0);
  ipuValueSetType(r, htWithDim(st->ctx, ipuValueGetType(r), 2,
                              band->o1 - band->o0));
  ipuBlockInsertOpBefore(ipuOpGetBlock(op), op, copy);
  return copy;
}

/* A copy of the epilogue for `band`, reading `value` (the band op's
 * result) for `root`; its end value. */
static IpuValue bandEpilogue(HtState *st, IpuOp *op, IpuOp *const *dag,
                             intptr_t n, const Band *band, IpuValue value) {
  IpuValue root = ipuOpGetResult(op, 0);
  IpuValue *copies = ipuCalloc(st->ctx, (size_t)n + 1, sizeof *copies);
  if (!copies) {
    ipuOpEmitError(op, "hl-to-tile: out of memory");
    return NULL;
  }
  IpuValue result = value;
  for (intptr_t i = 0; result && i < n; ++i) {
    IpuOp *copy = ipuOpClone(dag[i]);
    if (!copy) {
      result = NULL;
      break;
    }
    ipuBlockInsertOpBefore(ipuOpGetBlock(op), op, copy);
    for (intptr_t j = 0; result && j < ipuOpGetNumOperands(copy); ++j) {
      IpuValue o = ipuOpGetOperand(copy, j);
      IpuOp *def = ipuValueGetDefiningOp(o);
      if (o == root) {
        ipuOpSetOperand(copy, j, value);
      } else if (def && inList(dag, i, def)) {
        for (intptr_t k = 0; k < i; ++k)
          if (dag[k] == def)
            ipuOpSetOperand(copy, j, copies[k]);
      } else {
        /* A constant: its rows sliced when it has more than one. */
        IpuType ct = ipuValueGetType(o);
        intptr_t rank = ipuShapedTypeGetRank(ct), dim = rank - 2;
        if (dim >= 0 && ipuShapedTypeGetDimSize(ct, dim) > 1) {
          ipuBuilderSetInsertionPointBefore(&st->b, copy);
          IpuValue s = htSliceChannels(
              st, ipuOpGetLoc(copy), o, dim, band->o0, band->o1 - band->o0,
              htWithDim(st->ctx, ct, dim, band->o1 - band->o0));
          if (s)
            ipuOpSetOperand(copy, j, s);
          else
            result = NULL;
        } else if (def) {
          hoistConstant(def, copy);
        }
      }
    }
    if (!result)
      break;
    IpuValue r = ipuOpGetResult(copy, 0);
    ipuValueSetType(r, htWithDim(st->ctx, ipuValueGetType(r), 2,
                                band->o1 - band->o0));
    copies[i] = r;
    result = r;
  }
  if (!result)
    ipuOpEmitError(op, "hl-to-tile: out of memory");
  ipuFree(st->ctx, copies);
  return result;
}

/* Whether a constant operand of an epilogue op can follow the bands: its
 * rows (one, or the op's rows) sliced per band. */
static bool constantsSliceable(IpuOp *const *dag, intptr_t n, IpuValue root,
                               int64_t OH) {
  for (intptr_t i = 0; i < n; ++i)
    for (intptr_t j = 0; j < ipuOpGetNumOperands(dag[i]); ++j) {
      IpuValue o = ipuOpGetOperand(dag[i], j);
      if (inDag(root, dag, i, o))
        continue;
      IpuType ct = ipuValueGetType(o);
      if (ipuTypeGetKind(ct) != IPU_TYPE_RANKED_TENSOR ||
          !ipuShapedTypeHasStaticShape(ct))
        return false;
      intptr_t rank = ipuShapedTypeGetRank(ct);
      if (rank > 4)
        return false;
      if (rank >= 2) {
        int64_t h = ipuShapedTypeGetDimSize(ct, rank - 2);
        if (h != 1 && h != OH)
          return false;
      }
    }
  return true;
}

static bool isCandidate(HtState *st, IpuOp *op) {
  if (ipuOpIsA(op, "hl.conv2d"))
    return ipuOpGetNumOperands(op) >= 2 &&
           ipuPassMatchHlConstant(ipuOpGetOperand(op, 1), NULL) &&
           !ipuOpGetAttr(op, "activation") &&
           htIsIntegerTensor(ipuValueGetType(ipuOpGetOperand(op, 0)));
  return (ipuOpIsA(op, "hl.maxpool") || ipuOpIsA(op, "hl.avgpool")) &&
         htIsIntegerTensor(ipuValueGetType(ipuOpGetOperand(op, 0))) &&
         htIsIntegerTensor(ipuValueGetType(ipuOpGetResult(op, 0)));
}

/* Whether an overflowing conv is the output-channel split's (groups =
 * 1: htChannelParts) or the grouped parts' case (as partsFor in
 * hl_to_tile_mvm.c: every part holds the whole input, one group's share
 * of the output and the streamed rows). */
static bool leftToParts(const HtState *st, IpuOp *op, const Cost *c,
                        int64_t inBytes, int64_t outBytes) {
  IpuAttr groups = ipuOpGetAttr(op, "groups");
  int64_t g = groups && ipuAttrGetKind(groups) == IPU_ATTR_INTEGER
                  ? ipuIntegerAttrGetInt(groups) : 1;
  if (g > 1)
    return inBytes + c->fixed + outBytes / g <= c->budget;
  return htChannelParts(st, op) != 0;
}

/* Splits `op` into bands when it overflows its tile (or, a pool, when its
 * input is a band join); *resume gets the op after it that the split
 * keeps. */
static bool bandOne(HtState *st, IpuOp *op, IpuOp **resume) {
  Rows g;
  if (!isCandidate(st, op) || !readRows(op, &g))
    return true;
  IpuType endType = NULL;
  int64_t total = htResidentBytes(st, op, &endType);
  if (total < 0 || !endType || !isStatic4d(endType))
    return true;
  IpuValue x = ipuOpGetOperand(op, 0);
  int64_t inBytes = htTensorBytes(ipuValueGetType(x));
  int64_t outBytes = htTensorBytes(endType);
  Cost c = {inBytes / g.H, outBytes / g.OH, total - inBytes - outBytes,
            htSramBudget(st)};
  bool overflows = total > c.budget;
  /* Bands planned for latency (htPlanLatency): at least that many. */
  intptr_t want = g.conv ? ipuPtrMapGetInt(&st->latencyBands, op, 0) : 0;
  if (overflows && g.conv && !want &&
      leftToParts(st, op, &c, inBytes, outBytes))
    return true;
  if (!overflows && g.conv && !want)
    return true;
  int64_t *bounds = ipuCalloc(st->ctx, 2 * MAX_BANDS + 2, sizeof *bounds);
  Band *bands = ipuCalloc(st->ctx, MAX_BANDS + 1, sizeof *bands);
  IpuOp **dag = NULL;
  intptr_t numDag = 0, n = 0;
  bool ok = bounds && bands;
  IpuValue end = ok ? htEpilogueEnd(st->ctx, op, &dag, &numDag) : NULL;
  ok = end != NULL;
  /* The epilogue must follow the bands, else the op stays whole. */
  bool bandable = ok && isStatic4d(ipuValueGetType(end)) &&
                  constantsSliceable(dag, numDag, ipuOpGetResult(op, 0), g.OH);
  int64_t gridStride = 1, gridPad = 0;
  if (bandable)
    poolGrid(end, &gridStride, &gridPad);
  if (bandable) {
    n = alignedBounds(st, &g, x, bounds);
    if (n && ((want && n != want) ||
              !fitOnGrid(&g, &c, n, bounds, bands, gridStride, gridPad)))
      n = 0;
  }
  for (intptr_t p = want > 2 ? want : 2;
       bandable && (overflows || want) && !n && p <= g.OH && p <= MAX_BANDS;
       ++p) {
    for (intptr_t q = 0; q <= p; ++q)
      bounds[q] = q * g.OH / p;
    if (fitOnGrid(&g, &c, p, bounds, bands, gridStride, gridPad))
      n = p;
  }
  IpuValue *values = ok && n ? ipuCalloc(st->ctx, (size_t)n, sizeof *values)
                             : NULL;
  ok = ok && (!n || values);
  if (!ok)
    ipuOpEmitError(op, "hl-to-tile: out of memory");
  /* The bands of a conv read equal weights under one source id, so that
   * their blocks are not shared (each band has arrays of its own). */
  intptr_t source = g.conv ? ++st->numLayerIds : 0;
  IpuLocation loc = ipuOpGetLoc(op);
  IpuOp *xDef = ipuValueGetDefiningOp(x);
  for (intptr_t p = 0; ok && p < n; ++p) {
    ipuBuilderSetInsertionPointBefore(&st->b, op);
    IpuValue in = rowSlice(st, loc, x, bands[p].i0, bands[p].i1, 0);
    IpuOp *copy = in ? bandOp(st, op, in, &bands[p]) : NULL;
    ok = copy && (!source || ipuPtrMapPutInt(&st->bandSource, copy, source));
    /* A pool band reads its producer's band directly: a tile.simd of its
     * own, so that each band's pool runs on its producer's tile. */
    ok = ok && (source || markJoin(st, copy));
    values[p] = ok ? bandEpilogue(st, op, dag, numDag, &bands[p],
                                  ipuOpGetResult(copy, 0))
                   : NULL;
    ok = values[p] != NULL;
  }
  if (ok && n) {
    ipuBuilderSetInsertionPointBefore(&st->b, op);
    IpuValue joined = joinOn(st, loc, 2, n, values);
    ok = joined != NULL;
    /* Marked as a band join: its readers may take its bands. */
    IpuOp *joinOp = ok ? ipuValueGetDefiningOp(joined) : NULL;
    if (joinOp && ipuOpIsA(joinOp, "hl.concat"))
      ok = ipuPtrMapPutInt(&st->joinOps, joinOp, BAND_JOIN);
    if (ok) {
      IpuOp *after = ipuOpGetNext(op);
      while (after && (inList(dag, numDag, after) ||
                       ipuOpIsA(after, "hl.constant")))
        after = ipuOpGetNext(after);
      *resume = after;
      ipuValueReplaceAllUsesWith(end, joined);
      for (intptr_t i = numDag - 1; i >= 0; --i)
        ipuOpDestroy(dag[i]);
      IpuOp *weights = g.conv ? ipuValueGetDefiningOp(ipuOpGetOperand(op, 1))
                              : NULL;
      IpuOp *bias = g.conv && ipuOpGetNumOperands(op) > 2
                        ? ipuValueGetDefiningOp(ipuOpGetOperand(op, 2))
                        : NULL;
      ipuOpDestroy(op);
      if (weights)
        ipuPassEraseIfDeadConstant(weights);
      if (bias && bias != weights)
        ipuPassEraseIfDeadConstant(bias);
      eraseDeadJoins(st, xDef);
      st->numBandedLayers++;
      st->numBands += n;
      if (want)
        st->numLatencyBands += n - want; /* the SRAM wanted more */
      IpuOp *origin = st->cloneOrigin ? ipuPtrMapGet(st->cloneOrigin, op)
                                      : NULL;
      if (origin && !ipuPtrMapPutInt(st->recordBands, origin, n)) {
        ipuEmitError(st->ctx, loc, "hl-to-tile: out of memory");
        ok = false;
      }
    }
  }
  ipuFree(st->ctx, values);
  ipuFree(st->ctx, dag);
  ipuFree(st->ctx, bounds);
  ipuFree(st->ctx, bands);
  return ok;
}

int64_t htBandableRows(HtState *st, IpuOp *op) {
  Rows g;
  IpuAttr groups = ipuOpGetAttr(op, "groups");
  if (!ipuOpIsA(op, "hl.conv2d") || !isCandidate(st, op) ||
      !readRows(op, &g) ||
      (groups && (ipuAttrGetKind(groups) != IPU_ATTR_INTEGER ||
                  ipuIntegerAttrGetInt(groups) != 1)))
    return 0;
  IpuOp **dag = NULL;
  intptr_t numDag = 0;
  IpuValue end = htEpilogueEnd(st->ctx, op, &dag, &numDag);
  bool bandable = end && isStatic4d(ipuValueGetType(end)) &&
                  constantsSliceable(dag, numDag, ipuOpGetResult(op, 0),
                                     g.OH);
  ipuFree(st->ctx, dag);
  return bandable ? g.OH : 0;
}

bool htSplitBands(HtState *st, IpuBlock *body) {
  if (st->budget == 0)
    return true;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op;) {
    IpuOp *next = ipuOpGetNext(op);
    /* The bands go before `op`, and its epilogue after it is erased:
     * go on from the first op after it the split keeps. */
    if (!bandOne(st, op, &next))
      return false;
    op = next;
  }
  return true;
}
