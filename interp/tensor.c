/* Concrete tensors (include/ipu/tensor.h): element types, allocation, copies
 * and the 16-bit float conversions every reader and kernel shares. */
#include "ipu/tensor.h"

#include <stdlib.h>
#include <string.h>

/* The largest byte size a tensor may have: 2 GiB, ONNX's own limit (a
 * protobuf message cannot be larger), counting zero extents as one so that
 * index arithmetic over any extent stays far from int64_t overflow. Absurd
 * shapes from a damaged model then fail at once instead of exhausting
 * memory. */
#define MAX_TENSOR_BYTES ((uint64_t)1 << 31)

size_t ipuDTypeSize(IpuDType t) {
  switch (t) {
  case IPU_DTYPE_U8:
  case IPU_DTYPE_I8:
  case IPU_DTYPE_BOOL:
    return 1;
  case IPU_DTYPE_U16:
  case IPU_DTYPE_I16:
  case IPU_DTYPE_F16:
  case IPU_DTYPE_BF16:
    return 2;
  case IPU_DTYPE_F32:
  case IPU_DTYPE_I32:
  case IPU_DTYPE_U32:
    return 4;
  case IPU_DTYPE_I64:
  case IPU_DTYPE_F64:
  case IPU_DTYPE_U64:
    return 8;
  default:
    return 0;
  }
}

const char *ipuDTypeName(IpuDType t) {
  switch (t) {
  case IPU_DTYPE_F32: return "float32";
  case IPU_DTYPE_U8: return "uint8";
  case IPU_DTYPE_I8: return "int8";
  case IPU_DTYPE_U16: return "uint16";
  case IPU_DTYPE_I16: return "int16";
  case IPU_DTYPE_I32: return "int32";
  case IPU_DTYPE_I64: return "int64";
  case IPU_DTYPE_STRING: return "string";
  case IPU_DTYPE_BOOL: return "bool";
  case IPU_DTYPE_F16: return "float16";
  case IPU_DTYPE_F64: return "float64";
  case IPU_DTYPE_U32: return "uint32";
  case IPU_DTYPE_U64: return "uint64";
  case IPU_DTYPE_BF16: return "bfloat16";
  default: return "undefined";
  }
}

int64_t ipuTensorNumElements(const IpuTensor *t) {
  int64_t n = 1;
  for (int i = 0; i < t->rank; i++)
    n *= t->shape[i];
  return n;
}

size_t ipuTensorByteSize(const IpuTensor *t) {
  return (size_t)ipuTensorNumElements(t) * ipuDTypeSize(t->dtype);
}

/* Checks the shape and returns its byte size in *bytes. */
static bool shapeBytes(IpuDType dtype, int rank, const int64_t *shape,
                       uint64_t *bytes) {
  uint64_t elem = ipuDTypeSize(dtype);
  if (elem == 0 || rank < 0 || rank > IPU_TENSOR_MAX_RANK)
    return false;
  uint64_t volume = elem; /* zero extents counted as one */
  bool empty = false;
  for (int i = 0; i < rank; i++) {
    if (shape[i] < 0)
      return false;
    if (shape[i] == 0) {
      empty = true;
      continue;
    }
    if ((uint64_t)shape[i] > MAX_TENSOR_BYTES / volume)
      return false;
    volume *= (uint64_t)shape[i];
  }
  *bytes = empty ? 0 : volume;
  return true;
}

bool ipuTensorInit(IpuTensor *t, IpuDType dtype, int rank,
                   const int64_t *shape) {
  memset(t, 0, sizeof *t);
  uint64_t bytes;
  if (!shapeBytes(dtype, rank, shape, &bytes) || bytes > SIZE_MAX)
    return false;
  /* Empty tensors still get a buffer so that data is never NULL. */
  void *data = calloc(1, bytes ? (size_t)bytes : 1);
  if (!data)
    return false;
  t->dtype = dtype;
  t->rank = rank;
  for (int i = 0; i < rank; i++)
    t->shape[i] = shape[i];
  t->data = data;
  return true;
}

void ipuTensorFree(IpuTensor *t) {
  if (!t)
    return;
  free(t->data);
  memset(t, 0, sizeof *t);
}

bool ipuTensorClone(IpuTensor *dst, const IpuTensor *src) {
  if (!ipuTensorIsValid(src)) {
    memset(dst, 0, sizeof *dst);
    return false;
  }
  if (!ipuTensorInit(dst, src->dtype, src->rank, src->shape))
    return false;
  size_t bytes = ipuTensorByteSize(src);
  if (bytes)
    memcpy(dst->data, src->data, bytes);
  return true;
}

bool ipuTensorSameShape(const IpuTensor *a, const IpuTensor *b) {
  if (a->rank != b->rank)
    return false;
  for (int i = 0; i < a->rank; i++)
    if (a->shape[i] != b->shape[i])
      return false;
  return true;
}

bool ipuTensorIsValid(const IpuTensor *t) {
  uint64_t bytes;
  if (!t || !shapeBytes(t->dtype, t->rank, t->shape, &bytes))
    return false;
  return bytes == 0 || t->data != NULL;
}

/* ---- 16-bit floats ---------------------------------------------------- */

static uint32_t floatBits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float bitsFloat(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

float ipuF16ToF32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  if (exp == 0x1f) /* infinity or NaN */
    return bitsFloat(sign | 0x7f800000u | (mant << 13) |
                     (mant ? 0x400000u : 0));
  if (exp == 0) {
    if (mant == 0)
      return bitsFloat(sign);
    /* Subnormal: exact as mant * 2^-24. */
    float v = (float)mant * (1.0f / 16777216.0f);
    return sign ? -v : v;
  }
  return bitsFloat(sign | ((exp + 112u) << 23) | (mant << 13));
}

uint16_t ipuF32ToF16(float f) {
  uint32_t u = floatBits(f);
  uint16_t sign = (uint16_t)((u >> 16) & 0x8000u);
  uint32_t exp = (u >> 23) & 0xffu;
  uint32_t mant = u & 0x7fffffu;
  if (exp == 0xff) /* infinity or NaN (quiet) */
    return (uint16_t)(sign | 0x7c00u | (mant ? 0x200u | (mant >> 13) : 0));
  int32_t e = (int32_t)exp - 127 + 15;
  if (e >= 0x1f)
    return (uint16_t)(sign | 0x7c00u);
  if (e <= 0) {
    if (e < -10) /* below half the smallest subnormal: rounds to zero */
      return sign;
    /* Subnormal result: shift the full significand into place, then round
     * to nearest even on the bits shifted out. */
    uint32_t m = mant | 0x800000u;
    uint32_t shift = (uint32_t)(14 - e);
    uint32_t half = 1u << (shift - 1);
    uint32_t rest = m & ((1u << shift) - 1);
    uint32_t r = m >> shift;
    if (rest > half || (rest == half && (r & 1u)))
      r++;
    return (uint16_t)(sign | r); /* r may carry into the exponent: fine */
  }
  uint32_t r = ((uint32_t)e << 10) | (mant >> 13);
  uint32_t rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (r & 1u)))
    r++; /* may carry up to infinity, which is the right rounding */
  return (uint16_t)(sign | r);
}

float ipuBF16ToF32(uint16_t h) { return bitsFloat((uint32_t)h << 16); }

uint16_t ipuF32ToBF16(float f) {
  uint32_t u = floatBits(f);
  if ((u & 0x7f800000u) == 0x7f800000u && (u & 0x7fffffu))
    return (uint16_t)((u >> 16) | 0x40u); /* quiet NaN */
  u += 0x7fffu + ((u >> 16) & 1u);
  return (uint16_t)(u >> 16);
}
