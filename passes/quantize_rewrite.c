/* quantize, part 3: rewriting a float function into int8 arithmetic.
 *
 * One walk over the body in program order. Each float value that gets an
 * integer form maps to (an i8 value, its scale; zero point 0). conv2d,
 * gemm and matmul become integer ops with i32 accumulators followed by a
 * per-channel hl.requantize whose clamp holds a fused relu / clip; other
 * fused activations dequantize the accumulators exactly (scale
 * s_in * s_w[c]) and apply the float activation. add / sub align their
 * operands to a common fine scale in i32 (max(s_a, s_b) / 2^16), add, and
 * requantize; mul multiplies in i32; concat requantizes each input to the
 * output scale; shape ops and maxpool run on i8 unchanged, and so does a
 * multiplication or division by a positive scalar constant, folded into
 * the scale (the next requantize's multiplier). Everything else
 * stays float: its quantized operands are dequantized before it, and a
 * float value is quantized (hl.quantize) before its first integer user,
 * function arguments included. Returned values are dequantized, so the
 * signature stays float. Replaced float ops are erased at the end. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "quantize_rewrite.h"

/* ---- Small builders. ---- */

IpuType qWithElement(IpuContext *ctx, IpuType t, IpuType elem) {
  return ipuRankedTensorTypeGet(ctx, ipuShapedTypeGetRank(t),
                                ipuShapedTypeGetShape(t), elem, NULL);
}

static IpuType qI8Type(IpuContext *ctx) {
  return ipuIntegerTypeGet(ctx, 8, IPU_SIGNLESS);
}
IpuType qI32Type(IpuContext *ctx) {
  return ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
}

/* The qmax of float value `v`'s integer form: 127 (i8), or larger when
 * it was chosen to be a wide (16-bit) activation. */
int qQmaxOf(Rewriter *rw, IpuValue v) {
  intptr_t q = ipuPtrMapGetInt(&rw->wide, v, 0);
  return q > 127 ? (int)q : 127;
}

/* The storage type for values within +-qmax. */
static IpuType qStorageType(IpuContext *ctx, int qmax) {
  return ipuIntegerTypeGet(ctx, qmax > 127 ? 16 : 8, IPU_SIGNLESS);
}

/* The range of the storage: i8's full range, or +-qmax for a wide value
 * (which the DAC slicing and the accumulator bound rely on). */
static int64_t storageMin(int qmax) { return qmax > 127 ? -qmax : -128; }

static bool isQuantAttr(IpuIdent name) {
  return !strncmp(ipuIdentCStr(name), "quant.", 6);
}

/* Copies the attributes of `from` except those named in `skip`. */
static void copyAttrs(IpuOpState *os, IpuOp *from, const char *const *skip) {
  IpuAttr dicts[2] = {ipuOpGetProperties(from), ipuOpGetAttrDict(from)};
  for (int d = 0; d < 2; ++d) {
    if (!dicts[d] || ipuAttrGetKind(dicts[d]) != IPU_ATTR_DICTIONARY)
      continue;
    for (intptr_t i = 0; i < ipuDictionaryAttrGetNumEntries(dicts[d]); ++i) {
      IpuNamedAttr e = ipuDictionaryAttrGetEntry(dicts[d], i);
      bool skipped = isQuantAttr(e.name);
      for (int k = 0; skip && skip[k] && !skipped; ++k)
        skipped = !strcmp(ipuIdentCStr(e.name), skip[k]);
      if (!skipped)
        ipuOpStateAddAttr(os, ipuIdentCStr(e.name), e.value);
    }
  }
}

IpuOp *qBuild(Rewriter *rw, const char *name, IpuLocation loc, intptr_t n,
              const IpuValue *operands, IpuType result, IpuOp *attrsFrom,
              const char *const *skip) {
  IpuOpState os;
  ipuOpStateInit(&os, rw->ctx, ipuStringRefFromCString(name), loc);
  ipuOpStateAddOperands(&os, n, operands);
  ipuOpStateAddResults(&os, 1, &result);
  if (attrsFrom)
    copyAttrs(&os, attrsFrom, skip);
  return ipuBuilderCreate(&rw->b, &os);
}

static IpuAttr zeroPoint(IpuContext *ctx, IpuType elem) {
  int64_t one = 1;
  int64_t zero = 0;
  IpuType t = ipuRankedTensorTypeGet(ctx, 1, &one, elem, NULL);
  return ipuDenseElementsAttrGet(ctx, t, &zero,
                                 ipuDenseElementStorageBytes(elem), true);
}

static IpuAttr f32Array(IpuContext *ctx, intptr_t n, const float *v) {
  return ipuDenseArrayAttrGet(ctx, ipuFloatTypeGet(ctx, IPU_F32), n, v);
}

IpuAttr qI64Attr(IpuContext *ctx, int64_t v) {
  return ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), v);
}

/* hl.requantize of `x` by factors[0..n) (per channel on `axis` when
 * n > 1) to `elem` (i8 or i32). */
IpuOp *qRequantize(Rewriter *rw, IpuValue x, intptr_t n, const double *factors,
                   int64_t axis, IpuType elem, IpuLocation loc) {
  IpuContext *ctx = rw->ctx;
  int64_t mult[n], shift[n];
  for (intptr_t c = 0; c < n; ++c)
    qMultiplier(factors[c], &mult[c], &shift[c]);
  IpuOpState os;
  ipuOpStateInit(&os, ctx, ipuStringRefFromCString("hl.requantize"), loc);
  ipuOpStateAddOperands(&os, 1, &x);
  IpuType result = qWithElement(ctx, ipuValueGetType(x), elem);
  ipuOpStateAddResults(&os, 1, &result);
  ipuOpStateAddAttr(&os, "multiplier", ipuDenseI64ArrayAttrGet(ctx, n, mult));
  ipuOpStateAddAttr(&os, "shift", ipuDenseI64ArrayAttrGet(ctx, n, shift));
  ipuOpStateAddAttr(&os, "zero_point", zeroPoint(ctx, elem));
  if (n > 1)
    ipuOpStateAddAttr(&os, "axis", qI64Attr(ctx, axis));
  return ipuBuilderCreate(&rw->b, &os);
}

static int64_t clampAttr(IpuOp *op, const char *name, int64_t dflt) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER ? ipuIntegerAttrGetInt(a)
                                                    : dflt;
}

/* Narrows the clamp of requantize `rq` (whose values lie within the
 * storage range of `qmax`) to the stored-domain bounds [lo, hi]
 * (infinite: no bound). False, changing nothing, when the result would be
 * empty. */
bool qNarrowClamp(Rewriter *rw, IpuOp *rq, double lo, double hi, int qmax) {
  int64_t typeLo = storageMin(qmax), typeHi = qmax;
  int64_t curLo = clampAttr(rq, "clamp_min", typeLo);
  int64_t curHi = clampAttr(rq, "clamp_max", typeHi);
  int64_t newLo = lo > typeLo ? (int64_t)nearbyint(lo < typeHi ? lo : typeHi)
                              : typeLo;
  int64_t newHi = hi < typeHi ? (int64_t)nearbyint(hi > typeLo ? hi : typeLo)
                              : typeHi;
  newLo = newLo > curLo ? newLo : curLo;
  newHi = newHi < curHi ? newHi : curHi;
  if (newLo > newHi)
    return false;
  if (newLo != curLo || ipuOpGetAttr(rq, "clamp_min"))
    ipuOpSetAttr(rq, "clamp_min", qI64Attr(rw->ctx, newLo));
  if (newHi != curHi || ipuOpGetAttr(rq, "clamp_max"))
    ipuOpSetAttr(rq, "clamp_max", qI64Attr(rw->ctx, newHi));
  return true;
}

/* requantize to the storage of `qmax`: i8, or i16 clamped to +-qmax. */
IpuOp *qRequantizeTo(Rewriter *rw, IpuValue x, intptr_t n,
                     const double *factors, int64_t axis, int qmax,
                     IpuLocation loc) {
  IpuOp *rq =
      qRequantize(rw, x, n, factors, axis, qStorageType(rw->ctx, qmax), loc);
  if (rq && qmax > 127) {
    ipuOpSetAttr(rq, "clamp_min", qI64Attr(rw->ctx, -qmax));
    ipuOpSetAttr(rq, "clamp_max", qI64Attr(rw->ctx, qmax));
  }
  return rq;
}

bool qFail(Rewriter *rw, IpuOp *at, const char *what) {
  if (!rw->st->failed)
    ipuOpEmitError(at, "quantize: %s", what);
  rw->st->failed = true;
  return false;
}

bool qMapValue(Rewriter *rw, IpuValue floatValue, IpuValue q, float scale,
               int qmax) {
  if (rw->numAll == rw->capAll) {
    intptr_t cap = rw->capAll ? 2 * rw->capAll : 64;
    QVal **grown = ipuRealloc(rw->ctx, rw->all, sizeof(QVal *) * (size_t)cap);
    if (!grown)
      return false;
    rw->all = grown;
    rw->capAll = cap;
  }
  QVal *qv = ipuCalloc(rw->ctx, 1, sizeof *qv);
  if (!qv)
    return false;
  rw->all[rw->numAll++] = qv;
  qv->q = q;
  qv->scale = scale;
  qv->qmax = qmax;
  return ipuPtrMapPut(&rw->values, floatValue, qv);
}

bool qIsFloatTensor(IpuValue v) {
  IpuType t = ipuValueGetType(v);
  return ipuTypeIsTensor(t) && ipuShapedTypeHasRank(t) &&
         ipuShapedTypeHasStaticShape(t) &&
         ipuTypeIsFloat(ipuShapedTypeGetElementType(t));
}

/* The i8 form of float value `v`, quantizing it before the current op if
 * it has none yet; NULL (without error) when it cannot be quantized. */
static QVal *qQuantized(Rewriter *rw, IpuValue v) {
  QVal *qv = ipuPtrMapGet(&rw->values, v);
  if (qv)
    return qv;
  if (!qIsFloatTensor(v) || !qIsInt8Friendly(rw->st, v))
    return NULL;
  QRange *r = qRangeOf(rw->st, v);
  int qmax = qQmaxOf(rw, v);
  float scale = qActivationScale(r, qmax);
  IpuContext *ctx = rw->ctx;
  IpuOp *defining = ipuValueGetDefiningOp(v);
  IpuLocation loc = defining ? ipuOpGetLoc(defining)
                             : ipuOpGetLoc(rw->ops[rw->index]);
  IpuOpState os;
  ipuOpStateInit(&os, ctx, ipuStringRefFromCString("hl.quantize"), loc);
  ipuOpStateAddOperands(&os, 1, &v);
  IpuType elem = qStorageType(ctx, qmax);
  IpuType result = qWithElement(ctx, ipuValueGetType(v), elem);
  ipuOpStateAddResults(&os, 1, &result);
  ipuOpStateAddAttr(&os, "scale", f32Array(ctx, 1, &scale));
  ipuOpStateAddAttr(&os, "zero_point", zeroPoint(ctx, elem));
  if (qmax > 127) {
    ipuOpStateAddAttr(&os, "clamp_min", qI64Attr(ctx, -qmax));
    ipuOpStateAddAttr(&os, "clamp_max", qI64Attr(ctx, qmax));
  }
  IpuOp *q = ipuBuilderCreate(&rw->b, &os);
  if (!q || !qMapValue(rw, v, ipuOpGetResult(q, 0), scale, qmax))
    return NULL;
  return ipuPtrMapGet(&rw->values, v);
}

/* The float form of a replaced value, for a float user. */
static IpuValue dequantized(Rewriter *rw, QVal *qv, IpuLocation loc) {
  if (qv->deq)
    return qv->deq;
  IpuContext *ctx = rw->ctx;
  IpuOpState os;
  ipuOpStateInit(&os, ctx, ipuStringRefFromCString("hl.dequantize"), loc);
  ipuOpStateAddOperands(&os, 1, &qv->q);
  IpuType result =
      qWithElement(ctx, ipuValueGetType(qv->q), ipuFloatTypeGet(ctx, IPU_F32));
  ipuOpStateAddResults(&os, 1, &result);
  ipuOpStateAddAttr(&os, "scale", f32Array(ctx, 1, &qv->scale));
  IpuOp *d = ipuBuilderCreate(&rw->b, &os);
  if (d)
    qv->deq = ipuOpGetResult(d, 0);
  return qv->deq;
}

bool qFinishLayer(Rewriter *rw, IpuOp *x, IpuOp *q, float scale, int qmax) {
  return qMapValue(rw, ipuOpGetResult(x, 0), ipuOpGetResult(q, 0), scale,
                   qmax) &&
         qAddLayer(rw, q, scale) && ipuPtrMapPut(&rw->replaced, x, x);
}

bool qAddLayer(Rewriter *rw, IpuOp *quantOp, float scale) {
  QState *st = rw->st;
  if (st->numLayers == st->capLayers) {
    intptr_t cap = st->capLayers ? 2 * st->capLayers : 32;
    QLayer *grown =
        ipuRealloc(st->ctx, st->layers, sizeof(QLayer) * (size_t)cap);
    if (!grown)
      return false;
    st->layers = grown;
    st->capLayers = cap;
  }
  QLayer *l = &st->layers[st->numLayers++];
  memset(l, 0, sizeof *l);
  l->floatIndex = rw->index;
  l->quantOp = quantOp;
  l->scale = scale;
  l->anchor = quantOp;
  return true;
}

/* ---- conv2d / gemm / matmul. ---- */

typedef struct {
  int64_t perChannel; /* conv: elements per output channel */
  int64_t cols;       /* gemm / matmul: columns of the weight matrix */
  bool rowsAreChannels;
} ChannelMap;

static int64_t channelOfWeight(const IpuTensor *w, int64_t i,
                               const void *data) {
  const ChannelMap *m = data;
  if (m->perChannel)
    return i / m->perChannel;
  return m->rowsAreChannels ? i / m->cols : i % m->cols;
}

static bool locHasName(IpuLocation loc, const char *name, int depth) {
  if (!loc || depth > 16)
    return false;
  switch (ipuAttrGetKind(loc)) {
  case IPU_ATTR_LOC_NAME:
    return !strcmp(ipuIdentCStr(ipuLocNameGetName(loc)), name) ||
           locHasName(ipuLocNameGetChild(loc), name, depth + 1);
  case IPU_ATTR_LOC_FUSED:
    for (intptr_t i = 0; i < ipuLocFusedGetNumLocations(loc); ++i)
      if (locHasName(ipuLocFusedGetLocation(loc, i), name, depth + 1))
        return true;
    return false;
  case IPU_ATTR_LOC_CALLSITE:
    return locHasName(ipuLocCallSiteGetCallee(loc), name, depth + 1);
  default:
    return false;
  }
}

bool qLocHasName(IpuLocation loc, const char *name) {
  return locHasName(loc, name, 0);
}

/* 7 for 4-bit weights (the op's quant.weight_bits = 4, or its location
 * named in weight-bits-4), else 127. */
static int weightQMax(Rewriter *rw, IpuOp *op) {
  IpuAttr bits = ipuOpGetAttr(op, "quant.weight_bits");
  if (bits && ipuAttrGetKind(bits) == IPU_ATTR_INTEGER &&
      ipuIntegerAttrGetInt(bits) == 4)
    return 7;
  const char *list = rw->st->weightBits4;
  while (list && *list) {
    const char *end = strchr(list, ',');
    size_t len = end ? (size_t)(end - list) : strlen(list);
    char name[256];
    if (len > 0 && len < sizeof name) {
      memcpy(name, list, len);
      name[len] = 0;
      if (locHasName(ipuOpGetLoc(op), name, 0))
        return 7;
    }
    list = end ? end + 1 : NULL;
  }
  return 127;
}

static const char *stringAttr(IpuOp *op, const char *name, char *buf,
                              size_t size) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_STRING)
    return NULL;
  IpuStringRef s = ipuStringAttrGetValue(a);
  size_t n = s.length < size - 1 ? s.length : size - 1;
  memcpy(buf, s.data, n);
  buf[n] = 0;
  return buf;
}

double qFloatAttr(IpuOp *op, const char *name, double dflt) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_FLOAT ? ipuFloatAttrGetValue(a)
                                                  : dflt;
}

static bool boolAttr(IpuOp *op, const char *name) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrIsBool(a) && ipuBoolAttrGetValue(a);
}

/* Activation parameter i of a fused activation. */
float qActivationParam(IpuOp *op, int i, float dflt) {
  IpuAttr a = ipuOpGetAttr(op, "activation_params");
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(a) <= i)
    return dflt;
  return ((const float *)ipuDenseArrayAttrGetData(a))[i];
}

/* Whether `op` multiplies or divides a float tensor by a positive
 * scalar constant c (every element equal, same shape as the result):
 * then *operand is the other operand and *factor what it is multiplied
 * by (c or 1 / c). Its integer form is the operand's integers at the
 * scale times the factor: no op at all (hard-swish's division by 6). */
bool qIsScalarScale(IpuContext *ctx, IpuOp *op, IpuValue *operand,
                    double *factor) {
  bool mul = ipuOpIsA(op, "hl.mul"), div = ipuOpIsA(op, "hl.div");
  if ((!mul && !div) || ipuOpGetNumOperands(op) != 2 ||
      ipuOpGetNumResults(op) != 1)
    return false;
  for (int side = div ? 1 : 0; side < 2; ++side) {
    IpuValue x = ipuOpGetOperand(op, 1 - side);
    IpuAttr value;
    if (!ipuPassMatchHlConstant(ipuOpGetOperand(op, side), &value) ||
        ipuPassMatchHlConstant(x, NULL) ||
        ipuValueGetType(x) != ipuValueGetType(ipuOpGetResult(op, 0)))
      continue;
    /* A splat or a single element: cheap to read, whatever its size. */
    IpuValue c0 = ipuOpGetOperand(op, side);
    if (ipuShapedTypeGetNumElements(ipuValueGetType(c0)) != 1 &&
        !(ipuAttrGetKind(value) == IPU_ATTR_DENSE_ELEMENTS &&
          ipuDenseElementsAttrIsSplat(value)))
      continue;
    IpuTensor t;
    if (ipuFailed(ipuInterpTensorFromAttr(ctx, ipuOpGetLoc(op), value, &t)))
      continue;
    int64_t n = ipuTensorNumElements(&t);
    bool ok = ipuPassTensorIsFloat(&t) && n >= 1;
    double c = ok ? ipuPassTensorGetF(&t, 0) : 0;
    for (int64_t i = 1; ok && i < n; ++i)
      ok = ipuPassTensorGetF(&t, i) == c;
    ipuTensorFree(&t);
    /* Positive and not so extreme that the scale over- or underflows. */
    if (!ok || !(c >= 1e-12 && c <= 1e12))
      continue;
    *operand = x;
    *factor = div ? 1.0 / c : c;
    return true;
  }
  return false;
}

/* Whether `v` has or will likely get an integer form: it has one, is a
 * constant, or comes from an op the rewrite makes integer. An element-wise
 * op with a float operand of another kind (a mean, a norm) stays float,
 * so that its other operand need not be rounded to int8 first: x -
 * mean(x) cancels most of x. */
static bool intLike(Rewriter *rw, IpuValue v) {
  if (ipuPtrMapGet(&rw->values, v) || ipuPassMatchHlConstant(v, NULL))
    return true;
  IpuOp *def = ipuValueGetDefiningOp(v);
  static const char *const producers[] = {
      "hl.conv2d", "hl.gemm", "hl.matmul", "hl.add", "hl.sub", "hl.mul",
      "hl.concat", "hl.relu", "hl.clip", "hl.maxpool", "hl.reshape",
      "hl.flatten", "hl.transpose", "hl.global_avgpool",
      "hl.hard_sigmoid", "hl.leaky_relu", NULL};
  if (def && ipuPassOpIsOneOf(def, producers))
    return true;
  IpuValue x;
  double factor;
  return def && (qIsScalarScale(rw->ctx, def, &x, &factor) ||
                 qIsScalarBound(def, &x, &factor)) &&
         ipuPtrMapGet(&rw->values, x);
}

/* Whether some user of `v` (through relu / clip and scale-preserving ops)
 * will take it as an integer: a conv / gemm / matmul / add / sub / mul /
 * concat. Otherwise an integer producer dequantizes its wide result
 * directly, which is exact, instead of rounding it to int8 first. Past a
 * multiplication / division by a scalar constant (`strict`), an add / sub
 * / mul counts only when its other operand is already an integer or a
 * constant: a float the op would otherwise keep float (a squeeze-excite
 * gate) must not round the value to int8. */
static bool needsInt(Rewriter *rw, IpuValue v, int depth, bool strict) {
  if (depth > 8)
    return true;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    IpuValue x;
    double factor;
    if (ipuOpIsA(user, "hl.conv2d") || ipuOpIsA(user, "hl.gemm") ||
        ipuOpIsA(user, "hl.matmul")) {
      if (qIsInt8Friendly(rw->st, v))
        return true;
    } else if (ipuOpIsA(user, "hl.add") || ipuOpIsA(user, "hl.sub") ||
               ipuOpIsA(user, "hl.mul")) {
      IpuValue other = ipuOpGetNumOperands(user) == 2
                           ? ipuOpGetOperand(user,
                                             1 - ipuOpOperandGetIndex(u))
                           : NULL;
      if (other && (strict ? ipuPtrMapGet(&rw->values, other) ||
                                 ipuPassMatchHlConstant(other, NULL)
                           : intLike(rw, other)))
        return true;
    } else if (ipuOpIsA(user, "hl.concat")) {
      return true;
    } else if (ipuOpIsA(user, "hl.global_avgpool")) {
      if (qIsInt8Friendly(rw->st, v))
        return true;
    } else if ((ipuOpIsA(user, "hl.clip") || qIsScalePreserving(user) ||
                ipuOpIsA(user, "hl.hard_sigmoid") ||
                ipuOpIsA(user, "hl.leaky_relu") ||
                qIsScalarBound(user, &x, &factor)) &&
               ipuOpGetNumResults(user) == 1) {
      if (needsInt(rw, ipuOpGetResult(user, 0), depth + 1, strict))
        return true;
    }
    if (qIsScalarScale(rw->ctx, user, &x, &factor) && x == v &&
        needsInt(rw, ipuOpGetResult(user, 0), depth + 1, true))
      return true;
  }
  return false;
}

/* The exact float value of wide integers `acc` at per-channel scales
 * (one scale: per tensor). */
static IpuOp *dequantizeWide(Rewriter *rw, IpuValue acc, intptr_t n,
                             const double *accScale, int64_t axis,
                             IpuType floatType, IpuLocation loc) {
  float scales[n];
  for (intptr_t c = 0; c < n; ++c)
    scales[c] = (float)accScale[c];
  IpuOpState os;
  ipuOpStateInit(&os, rw->ctx, ipuStringRefFromCString("hl.dequantize"),
                 loc);
  ipuOpStateAddOperands(&os, 1, &acc);
  ipuOpStateAddResults(&os, 1, &floatType);
  ipuOpStateAddAttr(&os, "scale", f32Array(rw->ctx, n, scales));
  if (n > 1)
    ipuOpStateAddAttr(&os, "axis", qI64Attr(rw->ctx, axis));
  return ipuBuilderCreate(&rw->b, &os);
}

/* After the integer op: i32 accumulators `acc` at per-channel scales
 * accScale[0..n) on `axis`; the float op X's fused activation. */
static bool finishAccumulator(Rewriter *rw, IpuOp *x, IpuValue acc,
                              intptr_t n, const double *accScale,
                              int64_t axis) {
  IpuContext *ctx = rw->ctx;
  IpuLocation loc = ipuOpGetLoc(x);
  IpuValue result = ipuOpGetResult(x, 0);
  char act[32];
  const char *activation = stringAttr(x, "activation", act, sizeof act);
  bool toInt = needsInt(rw, result, 0, false);
  if (toInt && qHasIntegerActivation(x, activation)) {
    bool handled = false;
    if (!qIntegerActivation(rw, x, activation, acc, n, accScale, axis,
                            &handled))
      return false;
    if (handled)
      return true;
  }
  if (toInt && (!activation || !strcmp(activation, "relu") ||
                !strcmp(activation, "clip"))) {
    int qmax = qQmaxOf(rw, result);
    float sOut = qActivationScale(qRangeOf(rw->st, result), qmax);
    double factors[n];
    for (intptr_t c = 0; c < n; ++c)
      factors[c] = accScale[c] / sOut;
    IpuOp *rq = qRequantizeTo(rw, acc, n, factors, axis, qmax, loc);
    if (!rq)
      return qFail(rw, x, "cannot build the requantization");
    if (activation && !strcmp(activation, "relu"))
      qNarrowClamp(rw, rq, 0, INFINITY, qmax);
    if (activation && !strcmp(activation, "clip")) {
      double hi = qActivationParam(x, 1, INFINITY) / sOut;
      /* min > max: everything is max, as numpy's clip. */
      if (!qNarrowClamp(rw, rq, qActivationParam(x, 0, -INFINITY) / sOut, hi,
                        qmax))
        qNarrowClamp(rw, rq, hi, hi, qmax);
    }
    return qFinishLayer(rw, x, rq, sOut, qmax);
  }
  /* Exact dequantization of the accumulators, then the float activation. */
  IpuType f32 = ipuValueGetType(result);
  IpuOp *deq = dequantizeWide(rw, acc, n, accScale, axis, f32, loc);
  if (!deq)
    return qFail(rw, x, "cannot build the dequantization");
  if (!activation) {
    IpuValue out = ipuOpGetResult(deq, 0);
    if (!qAliasRange(rw->st, result, out))
      return qFail(rw, x, "out of memory");
    ipuValueReplaceAllUsesWith(result, out);
    return qAddLayer(rw, deq, 0.0f) && ipuPtrMapPut(&rw->replaced, x, x);
  }
  IpuOpState os;
  char opName[48];
  snprintf(opName, sizeof opName, "hl.%s", activation);
  ipuOpStateInit(&os, ctx, ipuStringRefFromCString(opName), loc);
  IpuValue d = ipuOpGetResult(deq, 0);
  ipuOpStateAddOperands(&os, 1, &d);
  ipuOpStateAddResults(&os, 1, &f32);
  IpuType f32Elem = ipuFloatTypeGet(ctx, IPU_F32);
  static const struct {
    const char *act, *p0, *p1;
  } params[] = {{"leaky_relu", "alpha", NULL},
                {"hard_sigmoid", "alpha", "beta"},
                {"clip", "min", "max"}};
  for (size_t i = 0; i < sizeof params / sizeof *params; ++i) {
    if (strcmp(params[i].act, activation))
      continue;
    IpuAttr a = ipuOpGetAttr(x, "activation_params");
    intptr_t np = a && ipuAttrGetKind(a) == IPU_ATTR_DENSE_ARRAY
                      ? ipuDenseArrayAttrGetNumElements(a)
                      : 0;
    float p0 = qActivationParam(x, 0, 0), p1 = qActivationParam(x, 1, 0);
    if (np > 0 && isfinite(p0))
      ipuOpStateAddAttr(&os, params[i].p0, ipuFloatAttrGet(ctx, f32Elem, p0));
    if (np > 1 && params[i].p1 && isfinite(p1))
      ipuOpStateAddAttr(&os, params[i].p1,
                        ipuFloatAttrGet(ctx, f32Elem, p1));
  }
  IpuOp *actOp = ipuBuilderCreate(&rw->b, &os);
  if (!actOp)
    return qFail(rw, x, "cannot build the float activation");
  IpuValue out = ipuOpGetResult(actOp, 0);
  if (!qAliasRange(rw->st, result, out))
    return qFail(rw, x, "out of memory");
  ipuValueReplaceAllUsesWith(result, out);
  return qAddLayer(rw, actOp, 0.0f) && ipuPtrMapPut(&rw->replaced, x, x);
}

/* Reads a constant float operand; false when it is not one. */
static bool constantOperand(Rewriter *rw, IpuOp *op, intptr_t i,
                            IpuTensor *t) {
  IpuAttr value;
  if (i >= ipuOpGetNumOperands(op) ||
      !ipuPassMatchHlConstant(ipuOpGetOperand(op, i), &value))
    return false;
  if (ipuFailed(ipuInterpTensorFromAttr(rw->ctx, ipuOpGetLoc(op), value, t)))
    return false;
  if (!ipuPassTensorIsFloat(t)) {
    ipuTensorFree(t);
    return false;
  }
  return true;
}

IpuValue qConstantValue(Rewriter *rw, IpuOp *at, const IpuTensor *t,
                        IpuType elem, const char *hint) {
  IpuType type = ipuRankedTensorTypeGet(rw->ctx, t->rank, t->shape, elem, NULL);
  IpuOp *c = ipuPassCreateHlConstant(&rw->b, type, t->data,
                                     ipuTensorByteSize(t), hint,
                                     &rw->st->blobCounter, ipuOpGetLoc(at));
  return c ? ipuOpGetResult(c, 0) : NULL;
}

/* The 2-D weight of a gemm / matmul rounded by GPTQ: rows of the n x k
 * matrix are the output channels (the weight itself with trans_b, else
 * its transpose). */
static bool gptqWeights(Rewriter *rw, const IpuTensor *w, bool transB,
                        int qmax, const double *gram, IpuTensor *wq,
                        float *scales) {
  int64_t n = transB ? w->shape[0] : w->shape[1];
  int64_t k = transB ? w->shape[1] : w->shape[0];
  double *m = ipuAlloc(rw->ctx, sizeof(double) * (size_t)(n * k));
  int8_t *q = ipuAlloc(rw->ctx, (size_t)(n * k));
  bool ok = m && q && ipuTensorInit(wq, IPU_DTYPE_I8, w->rank, w->shape);
  for (int64_t r = 0; ok && r < n; ++r)
    for (int64_t c = 0; c < k; ++c)
      m[r * k + c] = ipuPassTensorGetF(w, transB ? r * k + c : c * n + r);
  if (ok) {
    qGptqRound(rw->ctx, m, n, k, gram, qmax, q, scales);
    int8_t *out = wq->data;
    for (int64_t r = 0; r < n; ++r)
      for (int64_t c = 0; c < k; ++c)
        out[transB ? r * k + c : c * n + r] = q[r * k + c];
  }
  ipuFree(rw->ctx, m);
  ipuFree(rw->ctx, q);
  return ok;
}

/* Whether every use of `v` leads to the function's results through ops
 * of one operand only (activations, softmax, reshapes): the layer that
 * makes an output, which float-output-layers keeps in float. */
static bool feedsOnlyOutputs(IpuValue v, int depth) {
  if (depth > 8 || !ipuValueHasUses(v))
    return false;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (ipuOpIsA(user, "func.return"))
      continue;
    if (ipuOpGetNumOperands(user) != 1 || ipuOpGetNumResults(user) != 1 ||
        !feedsOnlyOutputs(ipuOpGetResult(user, 0), depth + 1))
      return false;
  }
  return true;
}

/* conv2d, gemm (no trans_a) and matmul with a constant 2-D right-hand
 * side: per-output-channel weights. */
static bool rewriteWeighted(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  bool conv = ipuOpIsA(x, "hl.conv2d"), gemm = ipuOpIsA(x, "hl.gemm");
  bool matmul = ipuOpIsA(x, "hl.matmul");
  if (!conv && !gemm && !matmul)
    return true;
  if (ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)) ||
      !qIsFloatTensor(ipuOpGetOperand(x, 0)) ||
      (gemm && boolAttr(x, "trans_a")) ||
      (rw->st->floatOutputLayers && feedsOnlyOutputs(ipuOpGetResult(x, 0), 0)))
    return true;
  IpuTensor w, bias;
  memset(&bias, 0, sizeof bias);
  if (!constantOperand(rw, x, 1, &w))
    return true;
  intptr_t numOperands = ipuOpGetNumOperands(x);
  bool hasBias = numOperands > 2;
  bool transB = gemm && boolAttr(x, "trans_b");
  ChannelMap map = {0, 0, false};
  int64_t channels;
  if (conv && w.rank == 4 && w.shape[0] > 0) {
    channels = w.shape[0];
    map.perChannel = ipuTensorNumElements(&w) / channels;
  } else if (!conv && w.rank == 2 && w.shape[1] > 0 &&
             ipuShapedTypeGetRank(ipuValueGetType(ipuOpGetOperand(x, 0))) >=
                 2) {
    map.cols = w.shape[1];
    map.rowsAreChannels = transB;
    channels = transB ? w.shape[0] : w.shape[1];
  } else {
    ipuTensorFree(&w);
    return true;
  }
  if (hasBias) {
    if (!constantOperand(rw, x, 2, &bias)) {
      ipuTensorFree(&w);
      return true;
    }
    int64_t nb = ipuTensorNumElements(&bias);
    bool fits = conv ? nb == channels
                     : nb == 1 || (nb == channels &&
                                   (bias.rank == 1 ||
                                    (bias.rank == 2 && bias.shape[0] == 1)));
    if (!fits) {
      ipuTensorFree(&w);
      ipuTensorFree(&bias);
      return true;
    }
  }
  QVal *in = qQuantized(rw, ipuOpGetOperand(x, 0));
  if (!in) {
    ipuTensorFree(&w);
    ipuTensorFree(&bias);
    return true;
  }
  *handled = true;
  if (in->qmax > 127)
    rw->st->numWide++;
  if (gemm) {
    double alpha = qFloatAttr(x, "alpha", 1.0);
    int64_t n = ipuTensorNumElements(&w);
    for (int64_t i = 0; i < n && alpha != 1.0; ++i)
      ipuPassTensorSetF(&w, i, ipuPassTensorGetF(&w, i) * alpha);
  }
  int qmax = weightQMax(rw, x);
  if (qmax == 7)
    rw->st->numWeights4++;
  float *wScale = ipuAlloc(rw->ctx, sizeof(float) * (size_t)channels);
  double *accScale = ipuAlloc(rw->ctx, sizeof(double) * (size_t)channels);
  IpuTensor wq, bq;
  memset(&wq, 0, sizeof wq);
  memset(&bq, 0, sizeof bq);
  QRange *inRange = qRangeOf(rw->st, ipuOpGetOperand(x, 0));
  bool ok = wScale && accScale;
  if (ok && !conv && rw->st->gptq && inRange && inRange->gram &&
      inRange->gramK == (transB ? w.shape[1] : w.shape[0]))
    ok = gptqWeights(rw, &w, transB, qmax, inRange->gram, &wq, wScale);
  else if (ok)
    ok = qQuantizeWeights(&w, channels, channelOfWeight, &map, qmax, &wq,
                          wScale);
  for (int64_t c = 0; ok && c < channels; ++c)
    accScale[c] = (double)in->scale * wScale[c];
  if (ok && hasBias) {
    double beta = gemm ? qFloatAttr(x, "beta", 1.0) : 1.0;
    int64_t shape[1] = {channels};
    ok = ipuTensorInit(&bq, IPU_DTYPE_I32, 1, shape);
    int64_t nb = ipuTensorNumElements(&bias);
    for (int64_t c = 0; ok && c < channels; ++c) {
      double v = nearbyint(beta * ipuPassTensorGetF(&bias, nb == 1 ? 0 : c) /
                           accScale[c]);
      v = v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : v;
      ((int32_t *)bq.data)[c] = (int32_t)(isnan(v) ? 0 : v);
    }
  }
  IpuValue operands[3] = {in->q, NULL, NULL};
  if (ok) {
    char hint[32];
    snprintf(hint, sizeof hint, "qweight");
    operands[1] = qConstantValue(rw, x, &wq, qI8Type(rw->ctx), hint);
    ok = operands[1] != NULL;
    if (ok && hasBias) {
      snprintf(hint, sizeof hint, "qbias");
      operands[2] = qConstantValue(rw, x, &bq, qI32Type(rw->ctx), hint);
      ok = operands[2] != NULL;
    }
  }
  IpuOp *intOp = NULL;
  if (ok) {
    static const char *const skip[] = {"activation", "activation_params",
                                       "alpha", "beta", NULL};
    IpuType accType = qWithElement(
        rw->ctx, ipuValueGetType(ipuOpGetResult(x, 0)), qI32Type(rw->ctx));
    intOp = qBuild(rw, ipuIdentCStr(ipuOpGetName(x)), ipuOpGetLoc(x),
                   hasBias ? 3 : 2, operands, accType, x, skip);
    ok = intOp != NULL;
  }
  if (ok) {
    int64_t rank = ipuShapedTypeGetRank(ipuValueGetType(ipuOpGetResult(x, 0)));
    int64_t axis = conv ? 1 : rank - 1;
    ok = finishAccumulator(rw, x, ipuOpGetResult(intOp, 0), channels,
                           accScale, axis);
    rw->st->numQuantized++;
  } else {
    qFail(rw, x, "cannot build the integer form");
  }
  ipuFree(rw->ctx, wScale);
  ipuFree(rw->ctx, accScale);
  ipuTensorFree(&w);
  ipuTensorFree(&bias);
  ipuTensorFree(&wq);
  ipuTensorFree(&bq);
  return ok;
}

/* matmul of two activations: per-tensor scales, s_a * s_b. */
static bool rewriteMatmulDynamic(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  if (!ipuOpIsA(x, "hl.matmul") || ipuOpGetNumResults(x) != 1 ||
      !qIsFloatTensor(ipuOpGetResult(x, 0)) ||
      ipuPassMatchHlConstant(ipuOpGetOperand(x, 1), NULL))
    return true;
  for (int i = 0; i < 2; ++i) {
    IpuType t = ipuValueGetType(ipuOpGetOperand(x, i));
    if (!qIsFloatTensor(ipuOpGetOperand(x, i)) || ipuShapedTypeGetRank(t) < 2)
      return true;
  }
  QVal *a = qQuantized(rw, ipuOpGetOperand(x, 0));
  QVal *b = a ? qQuantized(rw, ipuOpGetOperand(x, 1)) : NULL;
  if (!b || b->qmax > 127)
    return true; /* only the first operand of a product may be wide */
  *handled = true;
  IpuValue operands[2] = {a->q, b->q};
  static const char *const skip[] = {"activation", "activation_params", NULL};
  IpuOp *intOp =
      qBuild(rw, "hl.matmul", ipuOpGetLoc(x), 2, operands,
             qWithElement(rw->ctx, ipuValueGetType(ipuOpGetResult(x, 0)),
                          qI32Type(rw->ctx)),
             x, skip);
  if (!intOp)
    return qFail(rw, x, "cannot build the integer matmul");
  double accScale = (double)a->scale * b->scale;
  rw->st->numQuantized++;
  return finishAccumulator(rw, x, ipuOpGetResult(intOp, 0), 1, &accScale, 0);
}

/* ---- Element-wise add / sub / mul. ---- */

static bool rewriteBinary(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  bool add = ipuOpIsA(x, "hl.add"), sub = ipuOpIsA(x, "hl.sub");
  bool mul = ipuOpIsA(x, "hl.mul");
  if ((!add && !sub && !mul) || ipuOpGetNumOperands(x) != 2 ||
      ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  IpuValue result = ipuOpGetResult(x, 0);
  if (!qRangeOf(rw->st, result))
    return true;
  /* Two float operands stay float: nothing is gained by quantizing; nor
   * does one beside a float of another kind (see intLike). */
  IpuValue lhs = ipuOpGetOperand(x, 0), rhs = ipuOpGetOperand(x, 1);
  if ((!ipuPtrMapGet(&rw->values, lhs) && !ipuPtrMapGet(&rw->values, rhs)) ||
      !intLike(rw, lhs) || !intLike(rw, rhs))
    return true;
  QVal *a = qQuantized(rw, ipuOpGetOperand(x, 0));
  QVal *b = a ? qQuantized(rw, ipuOpGetOperand(x, 1)) : NULL;
  if (!b)
    return true;
  *handled = true;
  IpuContext *ctx = rw->ctx;
  IpuLocation loc = ipuOpGetLoc(x);
  double common, fa, fb;
  if (mul) {
    fa = fb = 1.0;
    common = (double)a->scale * b->scale;
  } else {
    common = (a->scale > b->scale ? a->scale : b->scale) / 65536.0;
    fa = a->scale / common;
    fb = b->scale / common;
  }
  IpuOp *wa = qRequantize(rw, a->q, 1, &fa, 0, qI32Type(ctx), loc);
  IpuOp *wb = wa ? qRequantize(rw, b->q, 1, &fb, 0, qI32Type(ctx), loc) : NULL;
  if (!wb)
    return qFail(rw, x, "cannot build the operand alignment");
  IpuValue operands[2] = {ipuOpGetResult(wa, 0), ipuOpGetResult(wb, 0)};
  IpuOp *sum = qBuild(rw, ipuIdentCStr(ipuOpGetName(x)), loc, 2, operands,
                      qWithElement(ctx, ipuValueGetType(result), qI32Type(ctx)),
                      x, NULL);
  if (!sum)
    return qFail(rw, x, "cannot build the integer op");
  rw->st->numQuantized++;
  if (!needsInt(rw, result, 0, false)) {
    IpuOp *deq = dequantizeWide(rw, ipuOpGetResult(sum, 0), 1, &common, 0,
                                ipuValueGetType(result), loc);
    if (!deq || !qAliasRange(rw->st, result, ipuOpGetResult(deq, 0)))
      return qFail(rw, x, "cannot build the dequantization");
    ipuValueReplaceAllUsesWith(result, ipuOpGetResult(deq, 0));
    return qAddLayer(rw, deq, 0.0f) && ipuPtrMapPut(&rw->replaced, x, x);
  }
  int qmax = qQmaxOf(rw, result);
  float sOut = qActivationScale(qRangeOf(rw->st, result), qmax);
  double factor = common / sOut;
  IpuOp *rq =
      qRequantizeTo(rw, ipuOpGetResult(sum, 0), 1, &factor, 0, qmax, loc);
  if (!rq)
    return qFail(rw, x, "cannot build the requantization");
  return qFinishLayer(rw, x, rq, sOut, qmax);
}

/* ---- Multiplication / division by a positive scalar constant. ---- */

/* The result shares the operand's integers at the scaled scale. Sharing
 * is safe unless a later relu / clip could narrow the clamp of the
 * operand's still unused requantize while the float operand has other
 * users: then the op is left to the other rules. */
static bool rewriteScalarScale(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  IpuValue operand;
  double factor;
  if (!qIsScalarScale(rw->ctx, x, &operand, &factor) ||
      !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  QVal *in = ipuPtrMapGet(&rw->values, operand);
  if (!in)
    return true;
  IpuOpOperand *first = ipuValueGetFirstUse(operand);
  bool onlyUser = first && ipuOpOperandGetOwner(first) == x &&
                  !ipuOpOperandGetNextUse(first);
  if (qFoldableRequantize(in->q) && !onlyUser)
    return true;
  float scale = (float)(in->scale * factor);
  if (!(scale > 0) || !isfinite(scale))
    return true;
  *handled = true;
  return qMapValue(rw, ipuOpGetResult(x, 0), in->q, scale, in->qmax) &&
         ipuPtrMapPut(&rw->replaced, x, x);
}

/* ---- concat: every input at the output's scale. ---- */

static bool rewriteConcat(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  intptr_t n = ipuOpGetNumOperands(x);
  if (!ipuOpIsA(x, "hl.concat") || n < 1 || n > 256 ||
      ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  IpuValue result = ipuOpGetResult(x, 0);
  if (!qRangeOf(rw->st, result))
    return true;
  QVal *ins[256];
  bool anyInt = false;
  for (intptr_t i = 0; i < n; ++i)
    anyInt = anyInt || ipuPtrMapGet(&rw->values, ipuOpGetOperand(x, i));
  if (!anyInt)
    return true;
  for (intptr_t i = 0; i < n; ++i)
    if (!(ins[i] = qQuantized(rw, ipuOpGetOperand(x, i))))
      return true;
  *handled = true;
  int qmax = qQmaxOf(rw, result);
  float sOut = qActivationScale(qRangeOf(rw->st, result), qmax);
  IpuValue operands[256];
  for (intptr_t i = 0; i < n; ++i) {
    operands[i] = ins[i]->q;
    if (ins[i]->scale == sOut && ins[i]->qmax == qmax)
      continue;
    double factor = (double)ins[i]->scale / sOut;
    IpuOp *rq =
        qRequantizeTo(rw, ins[i]->q, 1, &factor, 0, qmax, ipuOpGetLoc(x));
    if (!rq)
      return qFail(rw, x, "cannot build the input alignment");
    operands[i] = ipuOpGetResult(rq, 0);
  }
  IpuOp *cat = qBuild(rw, "hl.concat", ipuOpGetLoc(x), n, operands,
                      qWithElement(rw->ctx, ipuValueGetType(result),
                                   qStorageType(rw->ctx, qmax)),
                      x, NULL);
  if (!cat)
    return qFail(rw, x, "cannot build the integer concat");
  rw->st->numQuantized++;
  return qFinishLayer(rw, x, cat, sOut, qmax);
}

/* ---- Ops that commute with a symmetric per-tensor quantization. ---- */

static const char *const kScalePreserving[] = {
    "hl.reshape", "hl.flatten", "hl.transpose", "hl.maxpool",
    "hl.squeeze", "hl.unsqueeze", "hl.relu", NULL};

/* The requantize that defines `q` and that nothing uses yet, so that a
 * following relu / clip can go into its clamp. */
IpuOp *qFoldableRequantize(IpuValue q) {
  IpuOp *def = ipuValueGetDefiningOp(q);
  return def && ipuOpIsA(def, "hl.requantize") && !ipuValueHasUses(q) ? def
                                                                      : NULL;
}

/* relu / clip after a requantization, its operand's one reader: narrow
 * the requantize's clamp. */
static bool foldClamp(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  bool relu = ipuOpIsA(x, "hl.relu"), clip = ipuOpIsA(x, "hl.clip");
  if ((!relu && !clip) || ipuOpGetNumOperands(x) != 1)
    return true;
  return qFoldIntoClamp(rw, x, ipuOpGetOperand(x, 0),
                        relu ? 0 : qFloatAttr(x, "min", -INFINITY),
                        relu ? INFINITY : qFloatAttr(x, "max", INFINITY),
                        handled);
}

bool qFoldIntoClamp(Rewriter *rw, IpuOp *x, IpuValue operand, double lo,
                    double hi, bool *handled) {
  *handled = false;
  /* The clamp narrows the integers every reader of the float operand
   * gets: only when x is its one reader. */
  QVal *in = ipuPtrMapGet(&rw->values, operand);
  IpuOp *rq = in && ipuValueHasOneUse(operand) ? qFoldableRequantize(in->q)
                                               : NULL;
  if (!rq || !qNarrowClamp(rw, rq, lo / in->scale, hi / in->scale, in->qmax))
    return true;
  *handled = true;
  /* x is now computed by rq: rq takes x's location, the layer rq closes
   * ends with x, and x's result maps to rq's integers. */
  IpuLocation locs[2] = {ipuOpGetLoc(rq), ipuOpGetLoc(x)};
  ipuOpSetLoc(rq, ipuLocFusedGet(rw->ctx, 2, locs, NULL));
  for (intptr_t i = 0; i < rw->st->numLayers; ++i)
    if (rw->st->layers[i].quantOp == rq)
      rw->st->layers[i].floatIndex = rw->index;
  return qMapValue(rw, ipuOpGetResult(x, 0), in->q, in->scale, in->qmax) &&
         ipuPtrMapPut(&rw->replaced, x, x);
}

bool qIsScalePreserving(const IpuOp *op) {
  return ipuPassOpIsOneOf(op, kScalePreserving);
}

static bool rewriteScalePreserving(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  if (!qIsScalePreserving(x) || ipuOpGetNumOperands(x) != 1 ||
      ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  QVal *in = ipuPtrMapGet(&rw->values, ipuOpGetOperand(x, 0));
  if (!in)
    return true; /* float input: the op stays float */
  *handled = true;
  IpuValue result = ipuOpGetResult(x, 0);
  IpuOp *op =
      qBuild(rw, ipuIdentCStr(ipuOpGetName(x)), ipuOpGetLoc(x), 1, &in->q,
             qWithElement(rw->ctx, ipuValueGetType(result),
                          ipuShapedTypeGetElementType(ipuValueGetType(in->q))),
             x, NULL);
  if (!op)
    return qFail(rw, x, "cannot build the integer form");
  return qMapValue(rw, result, ipuOpGetResult(op, 0), in->scale, in->qmax) &&
         ipuPtrMapPut(&rw->replaced, x, x);
}

/* ---- Float ops: their quantized operands dequantized. ---- */

static void keepFloat(Rewriter *rw, IpuOp *x) {
  for (intptr_t i = 0; i < ipuOpGetNumOperands(x); ++i) {
    QVal *qv = ipuPtrMapGet(&rw->values, ipuOpGetOperand(x, i));
    if (!qv || !ipuPtrMapContains(&rw->replaced,
                                  ipuValueGetDefiningOp(ipuOpGetOperand(x, i))))
      continue;
    IpuValue f = dequantized(rw, qv, ipuOpGetLoc(x));
    if (!f) {
      qFail(rw, x, "cannot build the dequantization");
      return;
    }
    ipuOpSetOperand(x, i, f);
  }
}

static void freeValues(Rewriter *rw) {
  for (intptr_t i = 0; i < rw->numAll; ++i)
    ipuFree(rw->ctx, rw->all[i]);
  ipuFree(rw->ctx, rw->all);
  ipuPtrMapDestroy(&rw->values);
  ipuPtrMapDestroy(&rw->replaced);
  ipuPtrMapDestroy(&rw->wide);
}

bool qRewrite(QState *st) {
  Rewriter rw;
  memset(&rw, 0, sizeof rw);
  rw.st = st;
  rw.ctx = st->ctx;
  ipuBuilderInit(&rw.b, st->ctx);
  ipuPtrMapInit(&rw.values, st->ctx);
  ipuPtrMapInit(&rw.replaced, st->ctx);
  ipuPtrMapInit(&rw.wide, st->ctx);
  if (!qWideValues(st, &rw.wide)) {
    freeValues(&rw);
    return false;
  }
  for (IpuOp *op = ipuBlockGetFirstOp(st->body); op; op = ipuOpGetNext(op))
    rw.numOps++;
  rw.ops = ipuAlloc(st->ctx, sizeof(IpuOp *) * (size_t)(rw.numOps + 1));
  if (!rw.ops) {
    freeValues(&rw);
    ipuOpEmitError(st->func, "out of memory");
    return false;
  }
  intptr_t k = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(st->body); op; op = ipuOpGetNext(op))
    rw.ops[k++] = op;
  static const QRule rules[] = {
      rewriteWeighted,       rewriteMatmulDynamic, rewriteScalarScale,
      rewriteBinary,         rewriteConcat,        foldClamp,
      qFoldScalarBound,      rewriteScalePreserving, qRewriteGlobalAvgPool,
      qRewriteActivation};
  for (rw.index = 0; rw.index < rw.numOps && !st->failed; ++rw.index) {
    IpuOp *x = rw.ops[rw.index];
    ipuBuilderSetInsertionPointBefore(&rw.b, x);
    bool handled = false;
    for (size_t r = 0; r < sizeof rules / sizeof *rules && !handled; ++r)
      if (!rules[r](&rw, x, &handled))
        st->failed = true;
    if (!handled && !st->failed && !ipuOpIsA(x, "hl.constant"))
      keepFloat(&rw, x);
  }
  /* Erase the replaced float ops, users (later ops) first, then the
   * float constants (weights) nothing reads any more. */
  IpuPtrMap oldConstants;
  ipuPtrMapInit(&oldConstants, st->ctx);
  for (intptr_t i = rw.numOps - 1; i >= 0 && !st->failed; --i) {
    IpuOp *x = rw.ops[i];
    if (!ipuPtrMapContains(&rw.replaced, x))
      continue;
    bool used = false;
    for (intptr_t r = 0; r < ipuOpGetNumResults(x); ++r)
      used = used || ipuValueHasUses(ipuOpGetResult(x, r));
    if (used)
      continue;
    for (intptr_t o = 0; o < ipuOpGetNumOperands(x); ++o) {
      IpuOp *def = ipuValueGetDefiningOp(ipuOpGetOperand(x, o));
      if (def && ipuOpIsA(def, "hl.constant") &&
          !ipuPtrMapPut(&oldConstants, def, def))
        st->failed = true;
    }
    ipuOpDestroy(x);
  }
  ipuPassEraseDeadConstantsIn(&oldConstants);
  freeValues(&rw);
  ipuFree(st->ctx, rw.ops);
  return !st->failed;
}
