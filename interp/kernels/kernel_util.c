/* Shared kernel helpers: error messages, operand checks, typed element
 * access and overflow-checked index arithmetic (see kernel_util.h). */
#include "kernel_util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ipuKFail(IpuKernelError *err, const char *op, const char *fmt, ...) {
  if (!err)
    return false;
  int n = snprintf(err->message, sizeof err->message, "%s: ", op);
  if (n < 0 || (size_t)n >= sizeof err->message)
    return false;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
  va_end(ap);
  return false;
}

bool ipuKCheck(const IpuTensor *t, const char *op, const char *name,
               IpuKernelError *err) {
  if (!t)
    return ipuKFail(err, op, "missing %s", name);
  if (!ipuTensorIsValid(t))
    return ipuKFail(err, op, "%s is not a well-formed tensor", name);
  return true;
}

bool ipuKAlloc(IpuTensor *y, IpuDType dtype, int rank, const int64_t *shape,
               const char *op, IpuKernelError *err) {
  if (!ipuTensorInit(y, dtype, rank, shape))
    return ipuKFail(err, op, "cannot allocate the %s result (too large or "
                    "out of memory)", ipuDTypeName(dtype));
  return true;
}

bool ipuKAxis(int64_t axis, int rank, int64_t *out) {
  if (axis < -(int64_t)rank || axis >= rank)
    return false;
  *out = axis < 0 ? axis + rank : axis;
  return true;
}

bool ipuKIsFloat(IpuDType t) {
  return t == IPU_DTYPE_F32 || t == IPU_DTYPE_F64 || t == IPU_DTYPE_F16 ||
         t == IPU_DTYPE_BF16;
}

bool ipuKIsInteger(IpuDType t) {
  switch (t) {
  case IPU_DTYPE_U8:
  case IPU_DTYPE_I8:
  case IPU_DTYPE_U16:
  case IPU_DTYPE_I16:
  case IPU_DTYPE_I32:
  case IPU_DTYPE_I64:
  case IPU_DTYPE_U32:
  case IPU_DTYPE_U64:
    return true;
  default:
    return false;
  }
}

bool ipuKIsSigned(IpuDType t) {
  return t == IPU_DTYPE_I8 || t == IPU_DTYPE_I16 || t == IPU_DTYPE_I32 ||
         t == IPU_DTYPE_I64;
}

double ipuKLoadF64(const void *data, IpuDType t, int64_t i) {
  switch (t) {
  case IPU_DTYPE_F32: return ((const float *)data)[i];
  case IPU_DTYPE_F64: return ((const double *)data)[i];
  case IPU_DTYPE_F16: return ipuF16ToF32(((const uint16_t *)data)[i]);
  case IPU_DTYPE_BF16: return ipuBF16ToF32(((const uint16_t *)data)[i]);
  case IPU_DTYPE_U8: return ((const uint8_t *)data)[i];
  case IPU_DTYPE_I8: return ((const int8_t *)data)[i];
  case IPU_DTYPE_U16: return ((const uint16_t *)data)[i];
  case IPU_DTYPE_I16: return ((const int16_t *)data)[i];
  case IPU_DTYPE_I32: return ((const int32_t *)data)[i];
  case IPU_DTYPE_I64: return (double)((const int64_t *)data)[i];
  case IPU_DTYPE_U32: return ((const uint32_t *)data)[i];
  case IPU_DTYPE_U64: return (double)((const uint64_t *)data)[i];
  case IPU_DTYPE_BOOL: return ((const uint8_t *)data)[i] != 0;
  default: return 0;
  }
}

/* Saturating, truncating conversion of a double into [lo, hi]; the
 * comparisons happen in double, where INT64_MAX rounds up to 2^63. */
static int64_t truncSat(double v, int64_t lo, int64_t hi) {
  if (isnan(v))
    return 0;
  if (v <= (double)lo)
    return lo;
  if (v >= (double)hi)
    return hi;
  return (int64_t)v;
}

static uint64_t truncSatU64(double v) {
  if (isnan(v) || v <= 0)
    return 0;
  if (v >= 18446744073709551615.0)
    return UINT64_MAX;
  return (uint64_t)v;
}

int64_t ipuKLoadI64(const void *data, IpuDType t, int64_t i) {
  switch (t) {
  case IPU_DTYPE_U8: return ((const uint8_t *)data)[i];
  case IPU_DTYPE_I8: return ((const int8_t *)data)[i];
  case IPU_DTYPE_U16: return ((const uint16_t *)data)[i];
  case IPU_DTYPE_I16: return ((const int16_t *)data)[i];
  case IPU_DTYPE_I32: return ((const int32_t *)data)[i];
  case IPU_DTYPE_I64: return ((const int64_t *)data)[i];
  case IPU_DTYPE_U32: return ((const uint32_t *)data)[i];
  case IPU_DTYPE_U64: return (int64_t)((const uint64_t *)data)[i];
  case IPU_DTYPE_BOOL: return ((const uint8_t *)data)[i] != 0;
  default:
    /* Float types: truncate with saturation, as a cast does. */
    return truncSat(ipuKLoadF64(data, t, i), INT64_MIN, INT64_MAX);
  }
}

void ipuKStoreF64(void *data, IpuDType t, int64_t i, double v) {
  switch (t) {
  case IPU_DTYPE_F32: ((float *)data)[i] = (float)v; break;
  case IPU_DTYPE_F64: ((double *)data)[i] = v; break;
  case IPU_DTYPE_F16: ((uint16_t *)data)[i] = ipuF32ToF16((float)v); break;
  case IPU_DTYPE_BF16: ((uint16_t *)data)[i] = ipuF32ToBF16((float)v); break;
  case IPU_DTYPE_U8: ((uint8_t *)data)[i] = (uint8_t)truncSat(v, 0, 255); break;
  case IPU_DTYPE_I8:
    ((int8_t *)data)[i] = (int8_t)truncSat(v, -128, 127);
    break;
  case IPU_DTYPE_U16:
    ((uint16_t *)data)[i] = (uint16_t)truncSat(v, 0, 65535);
    break;
  case IPU_DTYPE_I16:
    ((int16_t *)data)[i] = (int16_t)truncSat(v, -32768, 32767);
    break;
  case IPU_DTYPE_I32:
    ((int32_t *)data)[i] = (int32_t)truncSat(v, INT32_MIN, INT32_MAX);
    break;
  case IPU_DTYPE_U32:
    ((uint32_t *)data)[i] = (uint32_t)truncSat(v, 0, UINT32_MAX);
    break;
  case IPU_DTYPE_I64:
    ((int64_t *)data)[i] = truncSat(v, INT64_MIN, INT64_MAX);
    break;
  case IPU_DTYPE_U64: ((uint64_t *)data)[i] = truncSatU64(v); break;
  case IPU_DTYPE_BOOL: ((uint8_t *)data)[i] = v != 0; break;
  default: break;
  }
}

void ipuKStoreI64(void *data, IpuDType t, int64_t i, int64_t v) {
  uint64_t u = (uint64_t)v; /* wrap-around through unsigned conversions */
  switch (t) {
  case IPU_DTYPE_U8: ((uint8_t *)data)[i] = (uint8_t)u; break;
  case IPU_DTYPE_I8: ((int8_t *)data)[i] = (int8_t)(uint8_t)u; break;
  case IPU_DTYPE_U16: ((uint16_t *)data)[i] = (uint16_t)u; break;
  case IPU_DTYPE_I16: ((int16_t *)data)[i] = (int16_t)(uint16_t)u; break;
  case IPU_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)(uint32_t)u; break;
  case IPU_DTYPE_U32: ((uint32_t *)data)[i] = (uint32_t)u; break;
  case IPU_DTYPE_I64: ((int64_t *)data)[i] = v; break;
  case IPU_DTYPE_U64: ((uint64_t *)data)[i] = u; break;
  case IPU_DTYPE_BOOL: ((uint8_t *)data)[i] = v != 0; break;
  default: ipuKStoreF64(data, t, i, (double)v); break;
  }
}

const float *ipuKAsF32(const IpuTensor *x, IpuTensor *tmp, const char *op,
                       IpuKernelError *err) {
  memset(tmp, 0, sizeof *tmp);
  if (x->dtype == IPU_DTYPE_F32)
    return x->data;
  if (!ipuKIsFloat(x->dtype) && x->dtype != IPU_DTYPE_U8 &&
      x->dtype != IPU_DTYPE_I8) {
    ipuKFail(err, op, "unsupported element type %s", ipuDTypeName(x->dtype));
    return NULL;
  }
  if (!ipuKAlloc(tmp, IPU_DTYPE_F32, x->rank, x->shape, op, err))
    return NULL;
  float *d = tmp->data;
  int64_t n = ipuTensorNumElements(x);
  for (int64_t i = 0; i < n; i++)
    d[i] = (float)ipuKLoadF64(x->data, x->dtype, i);
  return d;
}

bool ipuKFromF32(IpuTensor *y, IpuDType dtype, const char *op,
                 IpuKernelError *err) {
  if (dtype == IPU_DTYPE_F32)
    return true;
  IpuTensor out;
  if (!ipuKAlloc(&out, dtype, y->rank, y->shape, op, err)) {
    ipuTensorFree(y);
    return false;
  }
  const float *s = y->data;
  int64_t n = ipuTensorNumElements(y);
  for (int64_t i = 0; i < n; i++)
    ipuKStoreF64(out.data, dtype, i, s[i]);
  ipuTensorFree(y);
  *y = out;
  return true;
}

void *ipuKScratch(int64_t count, size_t size) {
  const uint64_t limit = (uint64_t)1 << 31;
  if (count < 0 || size == 0 || (uint64_t)count > limit / size)
    return NULL;
  size_t bytes = (size_t)count * size;
  return malloc(bytes ? bytes : 1);
}

void ipuKStrides(int rank, const int64_t *shape, int64_t *strides) {
  int64_t s = 1;
  for (int i = rank - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
}

int64_t ipuKProduct(const int64_t *shape, int from, int to) {
  int64_t p = 1;
  for (int i = from; i < to; i++)
    p *= shape[i];
  return p;
}

bool ipuKMul(int64_t a, int64_t b, int64_t *r) {
#if defined(__GNUC__) || defined(__clang__)
  return !__builtin_mul_overflow(a, b, r);
#else
  if (a != 0 && (b > INT64_MAX / (a < 0 ? -a : a) ||
                 b < -(INT64_MAX / (a < 0 ? -a : a))))
    return false;
  *r = a * b;
  return true;
#endif
}

bool ipuKAdd(int64_t a, int64_t b, int64_t *r) {
#if defined(__GNUC__) || defined(__clang__)
  return !__builtin_add_overflow(a, b, r);
#else
  if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
    return false;
  *r = a + b;
  return true;
#endif
}

bool ipuKCheckZeroPoint(const char *op, const char *name, const IpuTensor *zp,
                        IpuDType type, int64_t count, IpuKernelError *err) {
  if (!zp)
    return true;
  if (!ipuKCheck(zp, op, name, err))
    return false;
  if (zp->dtype != type)
    return ipuKFail(err, op, "%s must be %s like its operand", name,
                    ipuDTypeName(type));
  int64_t n = ipuTensorNumElements(zp);
  if (n != 1 && !(zp->rank == 1 && n == count))
    return ipuKFail(err, op, "%s must be a scalar or have %lld entries", name,
                    (long long)count);
  return true;
}
