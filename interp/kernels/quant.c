/* Quantization: ONNX QuantizeLinear / DequantizeLinear (per tensor and per
 * axis, 8-bit and 16-bit storage) and the fixed-point requantization of
 * int32 accumulators and 8-bit or 16-bit values. */
#include "kernel_util.h"

#include <math.h>
#include <string.h>

/* Round half to even, independent of the floating-point rounding mode. */
static double roundHalfEven(double v) {
  double f = floor(v), d = v - f;
  if (d > 0.5)
    return f + 1;
  if (d < 0.5)
    return f;
  return fmod(f, 2.0) == 0 ? f : f + 1;
}

/* A scale or zero point: a scalar, or 1-D with one entry per index of
 * axis `ax` of x. Sets *perAxis. */
static bool paramShape(const char *op, const char *name, const IpuTensor *t,
                       const IpuTensor *x, int64_t ax, bool *perAxis,
                       IpuKernelError *err) {
  if (!ipuKCheck(t, op, name, err))
    return false;
  int64_t n = ipuTensorNumElements(t);
  if (t->rank == 0 || (t->rank == 1 && n == 1)) {
    *perAxis = false;
    return true;
  }
  if (t->rank == 1 && x->rank > 0 && n == x->shape[ax]) {
    *perAxis = true;
    return true;
  }
  return ipuKFail(err, op, "%s must be a scalar or 1-D with %lld entries",
                  name, (long long)(x->rank > 0 ? x->shape[ax] : 1));
}

/* Index into a per-axis parameter of flat element i of x. */
static inline int64_t channelOf(int64_t i, int64_t dim, int64_t inner,
                                bool perAxis) {
  return perAxis ? (i / inner) % dim : 0;
}

/* Resolves the axis. It only matters (and is only checked) when a scale
 * or zero point is per axis, as ONNX ignores it otherwise. */
static bool quantAxis(const char *op, const IpuTensor *x, int64_t axis,
                      const IpuTensor *const *params, int numParams,
                      int64_t *ax, int64_t *dim, int64_t *inner,
                      IpuKernelError *err) {
  *ax = 0;
  *dim = 1;
  *inner = 1;
  bool perAxis = false;
  for (int i = 0; i < numParams; i++)
    if (params[i] && ipuTensorIsValid(params[i]) &&
        ipuTensorNumElements(params[i]) != 1)
      perAxis = true;
  if (!perAxis)
    return true;
  if (!ipuKAxis(axis, x->rank, ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  *dim = x->shape[*ax];
  *inner = ipuKProduct(x->shape, (int)*ax + 1, x->rank);
  return true;
}

/* The range of an integer storage type the quantization kernels write. */
static bool storageRange(IpuDType t, int64_t *lo, int64_t *hi) {
  switch (t) {
  case IPU_DTYPE_I8: *lo = INT8_MIN, *hi = INT8_MAX; return true;
  case IPU_DTYPE_U8: *lo = 0, *hi = UINT8_MAX; return true;
  case IPU_DTYPE_I16: *lo = INT16_MIN, *hi = INT16_MAX; return true;
  case IPU_DTYPE_U16: *lo = 0, *hi = UINT16_MAX; return true;
  case IPU_DTYPE_I32: *lo = INT32_MIN, *hi = INT32_MAX; return true;
  default: return false;
  }
}

static bool isNarrowInt(IpuDType t) {
  return t == IPU_DTYPE_I8 || t == IPU_DTYPE_U8 || t == IPU_DTYPE_I16 ||
         t == IPU_DTYPE_U16;
}

bool ipuKernelQuantizeLinear(const IpuTensor *x, const IpuTensor *scale,
                             const IpuTensor *zeroPoint, int64_t axis,
                             IpuDType outType, IpuTensor *y,
                             IpuKernelError *err) {
  return ipuKernelQuantizeLinearClamped(x, scale, zeroPoint, axis, outType,
                                        INT64_MIN, INT64_MAX, y, err);
}

bool ipuKernelQuantizeLinearClamped(const IpuTensor *x,
                                    const IpuTensor *scale,
                                    const IpuTensor *zeroPoint, int64_t axis,
                                    IpuDType outType, int64_t clampLo,
                                    int64_t clampHi, IpuTensor *y,
                                    IpuKernelError *err) {
  static const char op[] = "QuantizeLinear";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "x", err))
    return false;
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "x must be a float tensor, not %s",
                    ipuDTypeName(x->dtype));
  int64_t ax, dim, inner;
  bool perScale, perZero = false;
  const IpuTensor *params[2] = {scale, zeroPoint};
  if (!quantAxis(op, x, axis, params, 2, &ax, &dim, &inner, err) ||
      !paramShape(op, "y_scale", scale, x, ax, &perScale, err) ||
      (zeroPoint &&
       !paramShape(op, "y_zero_point", zeroPoint, x, ax, &perZero, err)))
    return false;
  if (!ipuKIsFloat(scale->dtype))
    return ipuKFail(err, op, "y_scale must be a float tensor");
  IpuDType t = zeroPoint ? zeroPoint->dtype
               : outType == IPU_DTYPE_UNDEFINED ? IPU_DTYPE_U8
                                                : outType;
  int64_t typeLo, typeHi;
  if (!isNarrowInt(t) || !storageRange(t, &typeLo, &typeHi))
    return ipuKFail(err, op,
                    "the result type must be int8, uint8, int16 or uint16, "
                    "not %s",
                    ipuDTypeName(t));
  int64_t clampedLo = clampLo > typeLo ? clampLo : typeLo;
  int64_t clampedHi = clampHi < typeHi ? clampHi : typeHi;
  if (clampedLo > clampedHi)
    return ipuKFail(err, op, "the clamp bounds are empty");
  double lo = (double)clampedLo, hi = (double)clampedHi;
  if (!ipuKAlloc(y, t, x->rank, x->shape, op, err))
    return false;
  int64_t n = ipuTensorNumElements(x);
  for (int64_t i = 0; i < n; i++) {
    int64_t c = channelOf(i, dim, inner, perScale);
    int64_t cz = channelOf(i, dim, inner, perZero);
    /* The division in f32, as the reference computes it. */
    float s = (float)ipuKLoadF64(scale->data, scale->dtype, c);
    float q = (float)ipuKLoadF64(x->data, x->dtype, i) / s;
    double zp = zeroPoint ? (double)ipuKLoadI64(zeroPoint->data, t, cz) : 0;
    double v = isnan(q) ? zp : roundHalfEven(q) + zp;
    v = v < lo ? lo : (v > hi ? hi : v);
    ipuKStoreI64(y->data, t, i, (int64_t)v);
  }
  return true;
}

bool ipuKernelDequantizeLinear(const IpuTensor *x, const IpuTensor *scale,
                               const IpuTensor *zeroPoint, int64_t axis,
                               IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "DequantizeLinear";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "x", err))
    return false;
  IpuDType t = x->dtype;
  if (!isNarrowInt(t) && t != IPU_DTYPE_I32)
    return ipuKFail(err, op,
                    "x must be int8, uint8, int16, uint16 or int32, not %s",
                    ipuDTypeName(t));
  int64_t ax, dim, inner;
  bool perScale, perZero = false;
  const IpuTensor *params[2] = {scale, zeroPoint};
  if (!quantAxis(op, x, axis, params, 2, &ax, &dim, &inner, err) ||
      !paramShape(op, "x_scale", scale, x, ax, &perScale, err) ||
      (zeroPoint &&
       !paramShape(op, "x_zero_point", zeroPoint, x, ax, &perZero, err)))
    return false;
  if (!ipuKIsFloat(scale->dtype))
    return ipuKFail(err, op, "x_scale must be a float tensor");
  if (zeroPoint && zeroPoint->dtype != t)
    return ipuKFail(err, op, "x_zero_point must be %s like x",
                    ipuDTypeName(t));
  if (zeroPoint && t == IPU_DTYPE_I32) {
    int64_t nz = ipuTensorNumElements(zeroPoint);
    for (int64_t i = 0; i < nz; i++)
      if (ipuKLoadI64(zeroPoint->data, t, i) != 0)
        return ipuKFail(err, op, "an int32 x needs a zero x_zero_point");
  }
  if (!ipuKAlloc(y, IPU_DTYPE_F32, x->rank, x->shape, op, err))
    return false;
  float *yd = y->data;
  int64_t n = ipuTensorNumElements(x);
  for (int64_t i = 0; i < n; i++) {
    int64_t c = channelOf(i, dim, inner, perScale);
    int64_t cz = channelOf(i, dim, inner, perZero);
    int64_t zp = zeroPoint ? ipuKLoadI64(zeroPoint->data, t, cz) : 0;
    float s = (float)ipuKLoadF64(scale->data, scale->dtype, c);
    yd[i] = (float)(ipuKLoadI64(x->data, t, i) - zp) * s;
  }
  return true;
}

/* floor(v / 2^s) for 1 <= s <= 62 without relying on how >> treats
 * negative numbers. */
static int64_t floorShift(int64_t v, int s) {
  if (v >= 0)
    return v >> s;
  return -((-(v + 1)) >> s) - 1;
}

bool ipuKernelRequantize(const IpuTensor *acc, const IpuTensor *multiplier,
                         const IpuTensor *shift, int64_t axis,
                         int32_t zeroPoint, IpuDType outType, IpuTensor *y,
                         IpuKernelError *err) {
  memset(y, 0, sizeof *y);
  if (ipuTensorIsValid(acc) && acc->dtype != IPU_DTYPE_I32)
    return ipuKFail(err, "Requantize", "the accumulator must be int32, not %s",
                    ipuDTypeName(acc->dtype));
  if (outType != IPU_DTYPE_I8 && outType != IPU_DTYPE_U8)
    return ipuKFail(err, "Requantize",
                    "the result type must be int8 or uint8, not %s",
                    ipuDTypeName(outType));
  return ipuKernelRequantizeClamped(acc, multiplier, shift, axis, zeroPoint,
                                    outType, INT64_MIN, INT64_MAX, y, err);
}

bool ipuKernelRequantizeClamped(const IpuTensor *acc,
                                const IpuTensor *multiplier,
                                const IpuTensor *shift, int64_t axis,
                                int32_t zeroPoint, IpuDType outType,
                                int64_t clampLo, int64_t clampHi,
                                IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Requantize";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(acc, op, "accumulator", err))
    return false;
  if (acc->dtype != IPU_DTYPE_I32 && !isNarrowInt(acc->dtype))
    return ipuKFail(err, op,
                    "the input must be int32, int8, uint8, int16 or uint16, "
                    "not %s",
                    ipuDTypeName(acc->dtype));
  int64_t lo, hi;
  if (outType != IPU_DTYPE_I32 && !isNarrowInt(outType))
    return ipuKFail(err, op,
                    "the result type must be int8, uint8, int16, uint16 or "
                    "int32, not %s",
                    ipuDTypeName(outType));
  storageRange(outType, &lo, &hi);
  int64_t ax, dim, inner;
  bool perMult, perShift;
  const IpuTensor *params[2] = {multiplier, shift};
  if (!quantAxis(op, acc, axis, params, 2, &ax, &dim, &inner, err) ||
      !paramShape(op, "multiplier", multiplier, acc, ax, &perMult, err) ||
      !paramShape(op, "shift", shift, acc, ax, &perShift, err))
    return false;
  if (multiplier->dtype != IPU_DTYPE_I32 || shift->dtype != IPU_DTYPE_I32)
    return ipuKFail(err, op, "multiplier and shift must be int32");
  int64_t ns = ipuTensorNumElements(shift);
  for (int64_t i = 0; i < ns; i++) {
    int32_t s = ((const int32_t *)shift->data)[i];
    if (s < -30 || s > 31)
      return ipuKFail(err, op, "shift %d is out of range [-30, 31]", s);
  }
  lo = clampLo > lo ? clampLo : lo;
  hi = clampHi < hi ? clampHi : hi;
  if (lo > hi)
    return ipuKFail(err, op, "the clamp bounds are empty");
  if (!ipuKAlloc(y, outType, acc->rank, acc->shape, op, err))
    return false;
  const int32_t *m = multiplier->data, *sh = shift->data;
  int64_t n = ipuTensorNumElements(acc);
  for (int64_t i = 0; i < n; i++) {
    int64_t mult = m[channelOf(i, dim, inner, perMult)];
    int s = 31 + sh[channelOf(i, dim, inner, perShift)];
    int64_t a = ipuKLoadI64(acc->data, acc->dtype, i);
    /* |acc * mult| < 2^62, so adding the rounding half cannot overflow. */
    int64_t prod = a * mult + ((int64_t)1 << (s - 1));
    int64_t v = floorShift(prod, s) + zeroPoint;
    v = v < lo ? lo : (v > hi ? hi : v);
    ipuKStoreI64(y->data, outType, i, v);
  }
  return true;
}

bool ipuQuantizeMultiplier(double scale, int32_t *multiplier,
                           int32_t *shift) {
  if (!(scale > 0) || !isfinite(scale))
    return false;
  int e;
  double q = frexp(scale, &e); /* scale = q * 2^e, q in [0.5, 1) */
  int64_t m = (int64_t)llround(q * 2147483648.0);
  if (m == ((int64_t)1 << 31)) {
    m /= 2;
    e++;
  }
  if (-e < -30 || -e > 31)
    return false;
  *multiplier = (int32_t)m;
  *shift = -e;
  return true;
}
