/* quantize, part 3b: integer forms of hard_sigmoid, leaky_relu and
 * global_avgpool, and of max / min with a scalar bound, so that the
 * squeeze-excite and leaky-relu networks stay integer on the tiles.
 *
 * Everything is built from ops the SIMD unit runs position-wise
 * (requantize, add): hard_sigmoid adds beta / alpha in i32 at the input's
 * scale and requantizes by alpha * s_in / s_out clamped to [0, 1] (s_out
 * = 1 / qmax); leaky_relu requantizes the input twice to a common fine
 * i32 scale, once for x >= 0 (clamped below at 0) and once times alpha
 * for x < 0 (clamped above at 0), adds, and requantizes to int8;
 * global_avgpool takes the mean of the integers widened to i32 and
 * requantizes it to the result's scale. */
#include <math.h>
#include <string.h>

#include "quantize_rewrite.h"

/* Fine steps a value is widened to (in i32) before an offset is added or
 * two parts are summed: the final rounding then dominates the error. */
enum { FINE_STEPS = 256 };

/* A float activation's parameters: the fused op's activation_params, or
 * the standalone op's alpha / beta attributes; ONNX defaults. */
static void activationParams(IpuOp *x, const char *activation, bool fused,
                             double *alpha, double *beta) {
  bool hardSigmoid = !strcmp(activation, "hard_sigmoid");
  double a = hardSigmoid ? 0.2 : 0.01, b = hardSigmoid ? 0.5 : 0.0;
  if (fused) {
    a = qActivationParam(x, 0, (float)a);
    b = qActivationParam(x, 1, (float)b);
  } else {
    a = qFloatAttr(x, "alpha", (float)a);
    b = qFloatAttr(x, "beta", (float)b);
  }
  *alpha = a;
  *beta = b;
}

static bool usableParams(const char *activation, double alpha, double beta) {
  if (!strcmp(activation, "hard_sigmoid"))
    return alpha > 0 && isfinite(alpha) && isfinite(beta);
  if (!strcmp(activation, "leaky_relu"))
    return alpha >= 0 && alpha <= 1e6;
  return false;
}

bool qHasIntegerActivation(IpuOp *x, const char *activation) {
  double alpha, beta;
  if (!activation || (strcmp(activation, "hard_sigmoid") &&
                      strcmp(activation, "leaky_relu")))
    return false;
  activationParams(x, activation, true, &alpha, &beta);
  return usableParams(activation, alpha, beta);
}

static bool isI32(IpuValue v) {
  IpuType elem = ipuShapedTypeGetElementType(ipuValueGetType(v));
  return ipuTypeIsInteger(elem) && ipuIntegerTypeGetWidth(elem) == 32;
}

/* An i32 constant broadcasting along `axis` of a rank-`rank` value: one
 * element per channel (a scalar when n == 1). */
static IpuValue channelConstant(Rewriter *rw, IpuOp *at, intptr_t n,
                                const int32_t *values, int64_t axis,
                                int64_t rank) {
  IpuTensor t;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  for (int64_t d = 0; d < rank; ++d)
    shape[d] = d == axis ? n : 1;
  if (!ipuTensorInit(&t, IPU_DTYPE_I32, n > 1 ? (int)rank : 0, shape))
    return NULL;
  memcpy(t.data, values, sizeof(int32_t) * (size_t)n);
  IpuValue v = qConstantValue(rw, at, &t, qI32Type(rw->ctx), "qoffset");
  ipuTensorFree(&t);
  return v;
}

static void setClamp(Rewriter *rw, IpuOp *rq, const char *name, int64_t v) {
  ipuOpSetAttr(rq, name, qI64Attr(rw->ctx, v));
}

/* hard_sigmoid: (acc + round(beta / (alpha s_c))) * alpha s_c / s_out,
 * clamped to [0, qmax]. `factors` and `offsets` are n-element scratch. */
static IpuOp *hardSigmoid(Rewriter *rw, IpuOp *x, IpuValue acc, intptr_t n,
                          const double *accScale, int64_t axis, double alpha,
                          double beta, int qmax, float sOut, double *factors,
                          int32_t *offsets) {
  IpuLocation loc = ipuOpGetLoc(x);
  int64_t rank = ipuShapedTypeGetRank(ipuValueGetType(acc));
  for (intptr_t c = 0; c < n; ++c) {
    double off = nearbyint(beta / (alpha * accScale[c]));
    /* Far beyond any accumulator: the clamp decides alone. */
    off = off > 1e9 ? 1e9 : off < -1e9 ? -1e9 : off;
    offsets[c] = (int32_t)off;
    factors[c] = alpha * accScale[c] / sOut;
  }
  IpuValue offset = channelConstant(rw, x, n, offsets, axis, rank);
  if (!offset)
    return NULL;
  IpuValue operands[2] = {acc, offset};
  IpuOp *sum = qBuild(rw, "hl.add", loc, 2, operands, ipuValueGetType(acc),
                      NULL, NULL);
  IpuOp *rq = sum ? qRequantizeTo(rw, ipuOpGetResult(sum, 0), n, factors,
                                  axis, qmax, loc)
                  : NULL;
  if (rq && !qNarrowClamp(rw, rq, 0, qmax, qmax))
    return NULL;
  return rq;
}

/* leaky_relu: the parts x >= 0 and alpha x (x < 0) at a common fine i32
 * scale (each requantize clamps the other side to 0), added, then
 * requantized to the output. alpha 0 is a relu: one requantize. */
static IpuOp *leakyRelu(Rewriter *rw, IpuOp *x, IpuValue acc, intptr_t n,
                        const double *accScale, int64_t axis, double alpha,
                        int qmax, float sOut, double *factors) {
  IpuLocation loc = ipuOpGetLoc(x);
  if (alpha == 0) {
    for (intptr_t c = 0; c < n; ++c)
      factors[c] = accScale[c] / sOut;
    IpuOp *rq = qRequantizeTo(rw, acc, n, factors, axis, qmax, loc);
    return rq && qNarrowClamp(rw, rq, 0, INFINITY, qmax) ? rq : NULL;
  }
  double fine = (double)sOut / FINE_STEPS;
  IpuType i32 = qI32Type(rw->ctx);
  for (intptr_t c = 0; c < n; ++c)
    factors[c] = accScale[c] / fine;
  IpuOp *pos = qRequantize(rw, acc, n, factors, axis, i32, loc);
  for (intptr_t c = 0; c < n; ++c)
    factors[c] = alpha * accScale[c] / fine;
  IpuOp *neg = pos ? qRequantize(rw, acc, n, factors, axis, i32, loc) : NULL;
  if (!neg)
    return NULL;
  setClamp(rw, pos, "clamp_min", 0);
  setClamp(rw, neg, "clamp_max", 0);
  IpuValue operands[2] = {ipuOpGetResult(pos, 0), ipuOpGetResult(neg, 0)};
  IpuOp *sum = qBuild(rw, "hl.add", loc, 2, operands,
                      ipuValueGetType(operands[0]), NULL, NULL);
  double down = 1.0 / FINE_STEPS;
  return sum ? qRequantizeTo(rw, ipuOpGetResult(sum, 0), 1, &down, 0, qmax,
                             loc)
             : NULL;
}

/* Integers `in` at per-channel scales, for an activation that adds an
 * offset: i32 at FINE_STEPS finer scales unless already i32. */
static IpuValue widened(Rewriter *rw, IpuOp *x, IpuValue in, intptr_t n,
                        double *scales) {
  if (isI32(in))
    return in;
  double up = FINE_STEPS;
  IpuOp *rq = qRequantize(rw, in, 1, &up, 0, qI32Type(rw->ctx),
                          ipuOpGetLoc(x));
  for (intptr_t c = 0; c < n; ++c)
    scales[c] /= FINE_STEPS;
  return rq ? ipuOpGetResult(rq, 0) : NULL;
}

static bool integerActivation(Rewriter *rw, IpuOp *x, const char *activation,
                              bool fused, IpuValue acc, intptr_t n,
                              const double *accScale, int64_t axis,
                              bool *handled) {
  *handled = false;
  double alpha, beta;
  activationParams(x, activation, fused, &alpha, &beta);
  if (!usableParams(activation, alpha, beta) || n < 1 || n > 65536)
    return true;
  IpuValue result = ipuOpGetResult(x, 0);
  int qmax = qQmaxOf(rw, result);
  bool hard = !strcmp(activation, "hard_sigmoid");
  /* hard_sigmoid lies in [0, 1]: a fixed scale whatever was observed. */
  float sOut = hard ? 1.0f / (float)qmax
                    : qActivationScale(qRangeOf(rw->st, result), qmax);
  /* Scratch: the scales, the factors and the offsets. */
  double *scales = ipuAlloc(rw->ctx, sizeof(double) * 2 * (size_t)n +
                                         sizeof(int32_t) * (size_t)n);
  if (!scales)
    return qFail(rw, x, "out of memory");
  double *factors = scales + n;
  int32_t *offsets = (int32_t *)(factors + n);
  memcpy(scales, accScale, sizeof(double) * (size_t)n);
  *handled = true;
  IpuOp *rq = NULL;
  if (hard) {
    IpuValue wide = widened(rw, x, acc, n, scales);
    rq = wide ? hardSigmoid(rw, x, wide, n, scales, axis, alpha, beta, qmax,
                            sOut, factors, offsets)
              : NULL;
  } else {
    rq = leakyRelu(rw, x, acc, n, scales, axis, alpha, qmax, sOut, factors);
  }
  ipuFree(rw->ctx, scales);
  if (!rq)
    return qFail(rw, x, "cannot build the integer activation");
  return qFinishLayer(rw, x, rq, sOut, qmax);
}

bool qIntegerActivation(Rewriter *rw, IpuOp *x, const char *activation,
                        IpuValue acc, intptr_t n, const double *accScale,
                        int64_t axis, bool *handled) {
  return integerActivation(rw, x, activation, true, acc, n, accScale, axis,
                           handled);
}

/* ---- Standalone hard_sigmoid / leaky_relu on an integer value. ---- */

bool qRewriteActivation(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  const char *activation = ipuOpIsA(x, "hl.hard_sigmoid") ? "hard_sigmoid"
                           : ipuOpIsA(x, "hl.leaky_relu") ? "leaky_relu"
                                                           : NULL;
  if (!activation || ipuOpGetNumOperands(x) != 1 ||
      ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  QVal *in = ipuPtrMapGet(&rw->values, ipuOpGetOperand(x, 0));
  if (!in || (!qRangeOf(rw->st, ipuOpGetResult(x, 0)) &&
              strcmp(activation, "hard_sigmoid")))
    return true; /* a float input stays float */
  double scale = in->scale;
  if (!integerActivation(rw, x, activation, false, in->q, 1, &scale, 0,
                         handled))
    return false;
  if (*handled)
    rw->st->numQuantized++;
  return true;
}

/* ---- global_avgpool: the mean of the integers. ---- */

/* The input is first widened to i32 at a 2^16 times finer scale, so
 * that the mean keeps 16 more bits than the input's step: the mean of a
 * wide plane is far smaller than its largest element, and rounding it to
 * the input's step loses most of its precision (on ppocr's squeeze-excite
 * blocks the output's cosine on unseen samples fell below 0.99). The mean
 * is then requantized to the result's own calibrated scale, as the float
 * pooling's quantization did. The widening runs on the SIMD unit inside
 * the pooling's region: only the i8 value is stored between layers. */
enum { POOL_WIDEN = 65536 };

bool qRewriteGlobalAvgPool(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  if (!ipuOpIsA(x, "hl.global_avgpool") || ipuOpGetNumOperands(x) != 1 ||
      ipuOpGetNumResults(x) != 1 || !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  QVal *in = ipuPtrMapGet(&rw->values, ipuOpGetOperand(x, 0));
  if (!in)
    return true;
  *handled = true;
  IpuContext *ctx = rw->ctx;
  IpuLocation loc = ipuOpGetLoc(x);
  IpuValue result = ipuOpGetResult(x, 0);
  IpuValue pooled;
  double scale = in->scale;
  /* Wide (16-bit) inputs fit too: 16383 x 2^16 < 2^31. */
  double up = POOL_WIDEN;
  IpuOp *wide = qRequantize(rw, in->q, 1, &up, 0, qI32Type(ctx), loc);
  if (!wide)
    return qFail(rw, x, "cannot build the pooling's widening");
  pooled = ipuOpGetResult(wide, 0);
  scale /= POOL_WIDEN;
  IpuOp *pool = qBuild(
      rw, "hl.global_avgpool", loc, 1, &pooled,
      qWithElement(ctx, ipuValueGetType(result),
                   ipuShapedTypeGetElementType(ipuValueGetType(pooled))),
      x, NULL);
  if (!pool)
    return qFail(rw, x, "cannot build the integer global_avgpool");
  rw->st->numQuantized++;
  int qmax = qQmaxOf(rw, result);
  QRange *r = qRangeOf(rw->st, result);
  float sOut = r ? qActivationScale(r, qmax) : in->scale;
  double factor = scale / sOut;
  IpuOp *rq = qRequantizeTo(rw, ipuOpGetResult(pool, 0), 1, &factor, 0, qmax,
                            loc);
  if (!rq)
    return qFail(rw, x, "cannot build the pooling's requantization");
  return qFinishLayer(rw, x, rq, sOut, qmax);
}

/* ---- max / min with a scalar constant: a clamp bound. ---- */

bool qIsScalarBound(IpuOp *op, IpuValue *operand, double *bound) {
  if ((!ipuOpIsA(op, "hl.max") && !ipuOpIsA(op, "hl.min")) ||
      ipuOpGetNumOperands(op) != 2 || ipuOpGetNumResults(op) != 1)
    return false;
  IpuValue result = ipuOpGetResult(op, 0);
  for (int side = 0; side < 2; ++side) {
    IpuValue v = ipuOpGetOperand(op, 1 - side);
    IpuAttr value;
    if (!ipuPassMatchHlConstant(ipuOpGetOperand(op, side), &value) ||
        ipuPassMatchHlConstant(v, NULL) ||
        ipuValueGetType(v) != ipuValueGetType(result) ||
        ipuAttrGetKind(value) != IPU_ATTR_DENSE_ELEMENTS ||
        !ipuDenseElementsAttrIsSplat(value))
      continue;
    IpuTensor t;
    if (ipuFailed(ipuInterpTensorFromAttr(ipuAttrGetContext(value),
                                          ipuOpGetLoc(op), value, &t)))
      continue;
    bool ok = ipuPassTensorIsFloat(&t) && ipuTensorNumElements(&t) >= 1;
    double c = ok ? ipuPassTensorGetF(&t, 0) : 0;
    ipuTensorFree(&t);
    if (!ok || !isfinite(c))
      continue;
    *operand = v;
    *bound = c;
    return true;
  }
  return false;
}

/* max(x, c) / min(x, c) right after x's requantize, x used by nothing
 * else: c becomes the requantize's lower / upper clamp. */
bool qFoldScalarBound(Rewriter *rw, IpuOp *x, bool *handled) {
  *handled = false;
  IpuValue operand;
  double bound;
  if (!qIsScalarBound(x, &operand, &bound) ||
      !qIsFloatTensor(ipuOpGetResult(x, 0)))
    return true;
  bool max = ipuOpIsA(x, "hl.max");
  return qFoldIntoClamp(rw, x, operand, max ? bound : -INFINITY,
                        max ? INFINITY : bound, handled);
}
