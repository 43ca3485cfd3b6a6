/* ONNX LayerNormalization and InstanceNormalization: statistics in double
 * over each normalised slice, then the affine transform. */
#include "kernel_util.h"
#include "kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* `p` (scale or bias) expanded to the `cols` entries of a slice of shape
 * dims[0..rank): numpy broadcasting from the right. */
static bool expandParam(const IpuTensor *p, int rank, const int64_t *dims,
                        int64_t cols, double *out, const char *op,
                        const char *name, IpuKernelError *err) {
  if (p->rank > rank)
    return ipuKFail(err, op, "%s has rank %d, the normalised axes %d", name,
                    p->rank, rank);
  int64_t pStrides[IPU_TENSOR_MAX_RANK];
  ipuKStrides(p->rank, p->shape, pStrides);
  for (int i = 0; i < p->rank; ++i) {
    int64_t pd = p->shape[p->rank - 1 - i], d = dims[rank - 1 - i];
    if (pd != 1 && pd != d)
      return ipuKFail(err, op, "%s does not broadcast to the normalised axes",
                      name);
  }
  int64_t index[IPU_TENSOR_MAX_RANK] = {0};
  for (int64_t j = 0; j < cols; ++j) {
    int64_t off = 0;
    for (int i = 0; i < p->rank; ++i) {
      int pd = p->rank - 1 - i, d = rank - 1 - i;
      if (p->shape[pd] != 1)
        off += index[d] * pStrides[pd];
    }
    out[j] = ipuKLoadF64(p->data, p->dtype, off);
    for (int d = rank; d-- > 0;) {
      if (++index[d] < dims[d])
        break;
      index[d] = 0;
    }
  }
  return true;
}

/* Frees the outputs of a failed layer normalisation (NULL: absent). */
static void freeAll(IpuTensor *y, IpuTensor *mean, IpuTensor *invStdDev) {
  ipuTensorFree(y);
  ipuTensorFree(mean);
  ipuTensorFree(invStdDev);
}

bool ipuKernelLayerNorm(const IpuTensor *x, const IpuTensor *scale,
                        const IpuTensor *bias, int64_t axis, float epsilon,
                        IpuTensor *y, IpuTensor *mean, IpuTensor *invStdDev,
                        IpuKernelError *err) {
  static const char op[] = "LayerNormalization";
  memset(y, 0, sizeof *y);
  if (mean)
    memset(mean, 0, sizeof *mean);
  if (invStdDev)
    memset(invStdDev, 0, sizeof *invStdDev);
  if (!ipuKCheck(x, op, "X", err) || !ipuKCheck(scale, op, "Scale", err) ||
      (bias && !ipuKCheck(bias, op, "B", err)))
    return false;
  if (!ipuKIsFloat(x->dtype) || !ipuKIsFloat(scale->dtype) ||
      (bias && !ipuKIsFloat(bias->dtype)))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  int64_t a;
  if (!ipuKAxis(axis, x->rank, &a))
    return ipuKFail(err, op, "axis %lld is out of range", (long long)axis);
  int64_t statShape[IPU_TENSOR_MAX_RANK];
  for (int d = 0; d < x->rank; ++d)
    statShape[d] = d < a ? x->shape[d] : 1;
  if (ipuTensorNumElements(x) == 0) { /* no work, whatever the extents */
    if (ipuKAlloc(y, x->dtype, x->rank, x->shape, op, err) &&
        (!mean || ipuKAlloc(mean, IPU_DTYPE_F32, x->rank, statShape, op, err)) &&
        (!invStdDev ||
         ipuKAlloc(invStdDev, IPU_DTYPE_F32, x->rank, statShape, op, err)))
      return true;
    freeAll(y, mean, invStdDev);
    return false;
  }
  int64_t rows = ipuKProduct(x->shape, 0, (int)a);
  int64_t cols = ipuKProduct(x->shape, (int)a, x->rank);
  int normRank = x->rank - (int)a;
  double *params = ipuKScratch(2 * cols, sizeof(double));
  if (!params)
    return ipuKFail(err, op, "out of memory");
  double *w = params, *b = params + cols;
  bool ok = expandParam(scale, normRank, x->shape + a, cols, w, op, "Scale",
                        err);
  if (ok && bias)
    ok = expandParam(bias, normRank, x->shape + a, cols, b, op, "B", err);
  else if (ok)
    memset(b, 0, sizeof *b * (size_t)cols);
  ok = ok && ipuKAlloc(y, IPU_DTYPE_F64, x->rank, x->shape, op, err) &&
       (!mean || ipuKAlloc(mean, IPU_DTYPE_F32, x->rank, statShape, op, err)) &&
       (!invStdDev ||
        ipuKAlloc(invStdDev, IPU_DTYPE_F32, x->rank, statShape, op, err));
  if (!ok) {
    free(params);
    freeAll(y, mean, invStdDev);
    return false;
  }
  double *yd = y->data;
  for (int64_t r = 0; r < rows && cols > 0; ++r) {
    double sum = 0, sq = 0;
    for (int64_t j = 0; j < cols; ++j)
      sum += ipuKLoadF64(x->data, x->dtype, r * cols + j);
    double m = sum / (double)cols;
    for (int64_t j = 0; j < cols; ++j) {
      double d = ipuKLoadF64(x->data, x->dtype, r * cols + j) - m;
      yd[r * cols + j] = d;
      sq += d * d;
    }
    double inv = 1.0 / sqrt(sq / (double)cols + (double)epsilon);
    for (int64_t j = 0; j < cols; ++j)
      yd[r * cols + j] = yd[r * cols + j] * inv * w[j] + b[j];
    if (mean)
      ((float *)mean->data)[r] = (float)m;
    if (invStdDev)
      ((float *)invStdDev->data)[r] = (float)inv;
  }
  free(params);
  /* y was computed in f64; store it in x's type. */
  IpuTensor out;
  if (!ipuKernelCast(y, x->dtype, &out, err)) {
    freeAll(y, mean, invStdDev);
    return false;
  }
  ipuTensorFree(y);
  *y = out;
  return true;
}

bool ipuKernelInstanceNorm(const IpuTensor *x, const IpuTensor *scale,
                           const IpuTensor *bias, float epsilon, IpuTensor *y,
                           IpuKernelError *err) {
  static const char op[] = "InstanceNormalization";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err) || !ipuKCheck(scale, op, "scale", err) ||
      !ipuKCheck(bias, op, "B", err))
    return false;
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  if (x->rank < 3)
    return ipuKFail(err, op, "input must have rank >= 3, not %d", x->rank);
  int64_t c = x->shape[1];
  if (scale->rank != 1 || scale->shape[0] != c || bias->rank != 1 ||
      bias->shape[0] != c || !ipuKIsFloat(scale->dtype) ||
      !ipuKIsFloat(bias->dtype))
    return ipuKFail(err, op, "scale and B must be float tensors of shape "
                    "(%lld)", (long long)c);
  if (!(epsilon >= 0))
    return ipuKFail(err, op, "epsilon must not be negative");
  if (!ipuKAlloc(y, x->dtype, x->rank, x->shape, op, err))
    return false;
  int64_t size = ipuKProduct(x->shape, 2, x->rank);
  int64_t planes = size ? x->shape[0] * c : 0; /* empty: N, C may be huge */
  for (int64_t p = 0; p < planes; ++p) {
    int64_t base = p * size, ch = p % c;
    double sum = 0, sq = 0;
    for (int64_t j = 0; j < size; ++j)
      sum += ipuKLoadF64(x->data, x->dtype, base + j);
    double m = sum / (double)size;
    for (int64_t j = 0; j < size; ++j) {
      double d = ipuKLoadF64(x->data, x->dtype, base + j) - m;
      sq += d * d;
    }
    double a = ipuKLoadF64(scale->data, scale->dtype, ch) /
               sqrt(sq / (double)size + (double)epsilon);
    double b = ipuKLoadF64(bias->data, bias->dtype, ch);
    for (int64_t j = 0; j < size; ++j)
      ipuKStoreF64(y->data, y->dtype, base + j,
                   (ipuKLoadF64(x->data, x->dtype, base + j) - m) * a + b);
  }
  return true;
}
