/* Evaluators of the hl quantization family: quantize, dequantize and
 * requantize, whose per-tensor or per-axis parameters are attributes. */
#include <string.h>

#include "eval.h"

enum { MAX_CHANNELS = 1 << 16 };

/* A 1-D tensor of n values, or a scalar when n is 1 (per tensor). */
static bool vectorTensor(IpuTensor *t, IpuDType dtype, int64_t n) {
  return ipuTensorInit(t, dtype, n == 1 ? 0 : 1, &n);
}

/* The `scale` attribute as an f32 tensor. */
static bool scaleTensor(IpuOp *op, IpuTensor *t) {
  IpuAttr a = ipuOpGetAttr(op, "scale");
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(a) < 1 ||
      ipuDenseArrayAttrGetNumElements(a) > MAX_CHANNELS)
    return ipuOpEmitError(op, "'scale' must be a non-empty f32 array"), false;
  int n;
  if (!vectorTensor(t, IPU_DTYPE_F32, ipuDenseArrayAttrGetNumElements(a)))
    return ipuOpEmitError(op, "out of memory"), false;
  if (!evalAttrF32Array(op, "scale", t->data, MAX_CHANNELS, &n)) {
    ipuTensorFree(t);
    return false;
  }
  return true;
}

/* The `zero_point` elements attribute as a tensor shaped like the scale;
 * absent: no data (the kernels' NULL). */
static bool zeroPointTensor(IpuOp *op, IpuTensor *t, bool *present) {
  IpuAttr a = ipuOpGetAttr(op, "zero_point");
  memset(t, 0, sizeof *t);
  *present = a != NULL;
  if (!a)
    return true;
  IpuTensor raw;
  if (ipuFailed(ipuInterpTensorFromAttr(ipuOpGetContext(op), ipuOpGetLoc(op),
                                        a, &raw)))
    return false;
  int64_t n = ipuTensorNumElements(&raw);
  bool ok = n >= 1 && vectorTensor(t, raw.dtype, n);
  if (ok)
    memcpy(t->data, raw.data, ipuTensorByteSize(&raw));
  ipuTensorFree(&raw);
  if (!ok)
    ipuOpEmitError(op, "'zero_point' must have at least one element");
  return ok;
}

static IpuLogicalResult evalQuantize(IpuOp *op, intptr_t numIns,
                                     const IpuTensor *const *ins,
                                     IpuTensor *outs) {
  int64_t axis;
  IpuDType outType;
  IpuTensor scale, zp;
  bool hasZp;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", 1, &axis) || !evalResultDType(op, 0, &outType))
    return IPU_FAILURE;
  if (!scaleTensor(op, &scale))
    return IPU_FAILURE;
  if (!zeroPointTensor(op, &zp, &hasZp)) {
    ipuTensorFree(&scale);
    return IPU_FAILURE;
  }
  bool quantize = !strcmp(ipuIdentCStr(ipuOpGetName(op)), "hl.quantize");
  int64_t clampLo = INT64_MIN, clampHi = INT64_MAX;
  if (quantize && (!evalAttrI64(op, "clamp_min", INT64_MIN, &clampLo) ||
                   !evalAttrI64(op, "clamp_max", INT64_MAX, &clampHi))) {
    ipuTensorFree(&scale);
    ipuTensorFree(&zp);
    return IPU_FAILURE;
  }
  IpuKernelError err;
  bool ok = quantize ? ipuKernelQuantizeLinearClamped(
                           ins[0], &scale, hasZp ? &zp : NULL, axis, outType,
                           clampLo, clampHi, &outs[0], &err)
                     : ipuKernelDequantizeLinear(ins[0], &scale,
                                                 hasZp ? &zp : NULL, axis,
                                                 &outs[0], &err);
  ipuTensorFree(&scale);
  ipuTensorFree(&zp);
  return evalDone(op, ok, &err);
}

/* An i64 array attribute as an int32 tensor. */
static bool int32Tensor(IpuOp *op, const char *name, IpuTensor *t) {
  IpuAttr a = ipuOpGetAttr(op, name);
  intptr_t n = a && ipuAttrGetKind(a) == IPU_ATTR_DENSE_ARRAY
                   ? ipuDenseArrayAttrGetNumElements(a)
                   : 0;
  if (n < 1 || n > MAX_CHANNELS)
    return ipuOpEmitError(op, "'%s' must be a non-empty i64 array", name),
           false;
  int64_t vals[64], *buf = vals;
  if (n > 64 && !(buf = ipuCalloc(ipuOpGetContext(op), (size_t)n,
                                  sizeof(int64_t))))
    return ipuOpEmitError(op, "out of memory"), false;
  int got;
  bool ok = evalAttrI64Array(op, name, buf, MAX_CHANNELS, &got);
  if (ok && !(ok = vectorTensor(t, IPU_DTYPE_I32, n)))
    ipuOpEmitError(op, "out of memory");
  for (intptr_t i = 0; ok && i < n; ++i) {
    if (buf[i] < INT32_MIN || buf[i] > INT32_MAX) {
      ipuOpEmitError(op, "'%s' value %lld does not fit in i32", name,
                     (long long)buf[i]);
      ipuTensorFree(t);
      ok = false;
    } else {
      ((int32_t *)t->data)[i] = (int32_t)buf[i];
    }
  }
  if (buf != vals)
    ipuFree(ipuOpGetContext(op), buf);
  return ok;
}

static IpuLogicalResult evalRequantize(IpuOp *op, intptr_t numIns,
                                       const IpuTensor *const *ins,
                                       IpuTensor *outs) {
  int64_t axis;
  IpuDType outType;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", 1, &axis) || !evalResultDType(op, 0, &outType))
    return IPU_FAILURE;
  IpuAttr zpAttr = ipuOpGetAttr(op, "zero_point");
  if (!zpAttr || ipuAttrGetKind(zpAttr) != IPU_ATTR_DENSE_ELEMENTS)
    return ipuOpEmitError(op, "'zero_point' must be a dense elements "
                          "attribute");
  int32_t zp = (int32_t)ipuDenseElementsAttrGetInt(zpAttr, 0);
  IpuTensor mult, shift;
  if (!int32Tensor(op, "multiplier", &mult))
    return IPU_FAILURE;
  if (!int32Tensor(op, "shift", &shift)) {
    ipuTensorFree(&mult);
    return IPU_FAILURE;
  }
  int64_t clampLo, clampHi;
  if (!evalAttrI64(op, "clamp_min", INT64_MIN, &clampLo) ||
      !evalAttrI64(op, "clamp_max", INT64_MAX, &clampHi)) {
    ipuTensorFree(&mult);
    ipuTensorFree(&shift);
    return IPU_FAILURE;
  }
  IpuKernelError err;
  bool ok = ipuKernelRequantizeClamped(ins[0], &mult, &shift, axis, zp,
                                       outType, clampLo, clampHi, &outs[0],
                                       &err);
  ipuTensorFree(&mult);
  ipuTensorFree(&shift);
  return evalDone(op, ok, &err);
}

static const EvalEntry entries[] = {
    {"hl.quantize", evalQuantize},
    {"hl.dequantize", evalQuantize},
    {"hl.requantize", evalRequantize},
};

const EvalTable evalQuantTable = {entries, sizeof entries / sizeof *entries};
