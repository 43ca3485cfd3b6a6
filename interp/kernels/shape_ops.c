/* Data movement without arithmetic: Transpose, Concat, Reshape, Flatten,
 * Squeeze, Unsqueeze, Split and Gather, for every element type. */
#include "kernel_util.h"

#include <string.h>

/* Copies one element of `size` bytes. */
static inline void copyElem(char *dst, const char *src, size_t size) {
  switch (size) {
  case 1: *dst = *src; break;
  case 2: memcpy(dst, src, 2); break;
  case 4: memcpy(dst, src, 4); break;
  case 8: memcpy(dst, src, 8); break;
  default: memcpy(dst, src, size); break;
  }
}

bool ipuKernelTranspose(const IpuTensor *x, const int64_t *perm,
                        IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Transpose";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  int r = x->rank;
  int64_t p[IPU_TENSOR_MAX_RANK];
  bool seen[IPU_TENSOR_MAX_RANK] = {false};
  for (int i = 0; i < r; i++) {
    p[i] = perm ? perm[i] : r - 1 - i;
    if (p[i] < 0 || p[i] >= r || seen[p[i]])
      return ipuKFail(err, op, "perm is not a permutation of 0..%d", r - 1);
    seen[p[i]] = true;
  }
  int64_t shape[IPU_TENSOR_MAX_RANK], inStrides[IPU_TENSOR_MAX_RANK];
  int64_t strides[IPU_TENSOR_MAX_RANK]; /* input stride per output axis */
  ipuKStrides(r, x->shape, inStrides);
  for (int i = 0; i < r; i++) {
    shape[i] = x->shape[p[i]];
    strides[i] = inStrides[p[i]];
  }
  if (!ipuKAlloc(y, x->dtype, r, shape, op, err))
    return false;
  size_t es = ipuDTypeSize(x->dtype);
  int64_t total = ipuTensorNumElements(x);
  if (total == 0)
    return true;
  int64_t inner = r > 0 ? shape[r - 1] : 1;
  int64_t innerStride = r > 0 ? strides[r - 1] : 0;
  const char *src = x->data;
  char *dst = y->data;
  int64_t idx[IPU_TENSOR_MAX_RANK] = {0};
  int64_t off = 0;
  for (int64_t o = 0; o < total; o += inner) {
    char *d = dst + (size_t)o * es;
    if (innerStride == 1) {
      memcpy(d, src + (size_t)off * es, (size_t)inner * es);
    } else {
      for (int64_t j = 0; j < inner; j++)
        copyElem(d + (size_t)j * es, src + (size_t)(off + j * innerStride) * es,
                 es);
    }
    for (int a = r - 2; a >= 0; a--) {
      off += strides[a];
      if (++idx[a] < shape[a])
        break;
      off -= strides[a] * shape[a];
      idx[a] = 0;
    }
  }
  return true;
}

bool ipuKernelConcat(int n, const IpuTensor *const *xs, int64_t axis,
                     IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Concat";
  memset(y, 0, sizeof *y);
  if (n < 1 || !xs)
    return ipuKFail(err, op, "needs at least one input");
  for (int i = 0; i < n; i++)
    if (!ipuKCheck(xs[i], op, "input", err))
      return false;
  const IpuTensor *first = xs[0];
  int r = first->rank;
  int64_t ax;
  if (!ipuKAxis(axis, r, &ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, r);
  int64_t shape[IPU_TENSOR_MAX_RANK];
  memcpy(shape, first->shape, sizeof shape);
  shape[ax] = 0;
  for (int i = 0; i < n; i++) {
    const IpuTensor *t = xs[i];
    if (t->dtype != first->dtype || t->rank != r)
      return ipuKFail(err, op, "input %d has type %s and rank %d, input 0 %s "
                      "and rank %d", i, ipuDTypeName(t->dtype), t->rank,
                      ipuDTypeName(first->dtype), r);
    for (int a = 0; a < r; a++)
      if (a != ax && t->shape[a] != first->shape[a])
        return ipuKFail(err, op, "input %d has extent %lld on axis %d, input "
                        "0 has %lld", i, (long long)t->shape[a], a,
                        (long long)first->shape[a]);
    if (!ipuKAdd(shape[ax], t->shape[ax], &shape[ax]))
      return ipuKFail(err, op, "result too large");
  }
  if (!ipuKAlloc(y, first->dtype, r, shape, op, err))
    return false;
  size_t es = ipuDTypeSize(first->dtype);
  int64_t outer = ipuKProduct(shape, 0, (int)ax);
  int64_t inner = ipuKProduct(shape, (int)ax + 1, r);
  char *dst = y->data;
  if (ipuTensorNumElements(y) == 0)
    outer = 0; /* nothing to copy, however many rows */
  for (int64_t o = 0; o < outer; o++)
    for (int i = 0; i < n; i++) {
      size_t chunk = (size_t)(xs[i]->shape[ax] * inner) * es;
      if (chunk) {
        memcpy(dst, (const char *)xs[i]->data + (size_t)o * chunk, chunk);
        dst += chunk;
      }
    }
  return true;
}

/* A copy of x's data under another shape with the same element count. */
static bool reshaped(const char *op, const IpuTensor *x, int rank,
                     const int64_t *shape, IpuTensor *y,
                     IpuKernelError *err) {
  if (!ipuKAlloc(y, x->dtype, rank, shape, op, err))
    return false;
  if (ipuTensorNumElements(y) != ipuTensorNumElements(x)) {
    ipuTensorFree(y);
    return ipuKFail(err, op, "element counts differ");
  }
  size_t bytes = ipuTensorByteSize(x);
  if (bytes)
    memcpy(y->data, x->data, bytes);
  return true;
}

bool ipuKernelReshape(const IpuTensor *x, int rank, const int64_t *shape,
                      bool allowZero, IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Reshape";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (rank < 0 || rank > IPU_TENSOR_MAX_RANK || (rank > 0 && !shape))
    return ipuKFail(err, op, "invalid target rank %d", rank);
  int64_t out[IPU_TENSOR_MAX_RANK];
  int inferred = -1;
  int64_t known = 1;
  bool hasZero = false;
  for (int i = 0; i < rank; i++) {
    int64_t d = shape[i];
    if (d == -1) {
      if (inferred >= 0)
        return ipuKFail(err, op, "more than one -1 in the shape");
      inferred = i;
      continue;
    }
    if (d < -1)
      return ipuKFail(err, op, "invalid extent %lld", (long long)d);
    if (d == 0 && !allowZero) {
      if (i >= x->rank)
        return ipuKFail(err, op, "extent 0 at %d copies a missing input "
                        "axis", i);
      d = x->shape[i];
    }
    hasZero = hasZero || d == 0;
    out[i] = d;
    if (!ipuKMul(known, d, &known))
      return ipuKFail(err, op, "shape too large");
  }
  int64_t total = ipuTensorNumElements(x);
  if (inferred >= 0) {
    if (hasZero && allowZero)
      return ipuKFail(err, op, "-1 and 0 together with allowzero");
    if (known == 0 || total % known != 0)
      return ipuKFail(err, op, "cannot infer the -1 extent: %lld elements "
                      "over %lld", (long long)total, (long long)known);
    out[inferred] = total / known;
  } else if (known != total) {
    return ipuKFail(err, op, "the shape has %lld elements, the input %lld",
                    (long long)known, (long long)total);
  }
  return reshaped(op, x, rank, out, y, err);
}

bool ipuKernelFlatten(const IpuTensor *x, int64_t axis, IpuTensor *y,
                      IpuKernelError *err) {
  static const char op[] = "Flatten";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  int64_t ax = axis < 0 ? axis + x->rank : axis;
  if (ax < 0 || ax > x->rank)
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  int64_t shape[2] = {ipuKProduct(x->shape, 0, (int)ax),
                      ipuKProduct(x->shape, (int)ax, x->rank)};
  return reshaped(op, x, 2, shape, y, err);
}

bool ipuKernelSqueeze(const IpuTensor *x, int numAxes, const int64_t *axes,
                      IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Squeeze";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (numAxes < 0 || (numAxes > 0 && !axes))
    return ipuKFail(err, op, "invalid axes");
  bool drop[IPU_TENSOR_MAX_RANK] = {false};
  for (int i = 0; i < numAxes; i++) {
    int64_t a;
    if (!ipuKAxis(axes[i], x->rank, &a))
      return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                      (long long)axes[i], x->rank);
    if (x->shape[a] != 1)
      return ipuKFail(err, op, "axis %lld has extent %lld, not 1",
                      (long long)axes[i], (long long)x->shape[a]);
    drop[a] = true;
  }
  if (numAxes == 0)
    for (int i = 0; i < x->rank; i++)
      drop[i] = x->shape[i] == 1;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int r = 0;
  for (int i = 0; i < x->rank; i++)
    if (!drop[i])
      shape[r++] = x->shape[i];
  return reshaped(op, x, r, shape, y, err);
}

bool ipuKernelUnsqueeze(const IpuTensor *x, int numAxes, const int64_t *axes,
                        IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Unsqueeze";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (numAxes < 0 || (numAxes > 0 && !axes))
    return ipuKFail(err, op, "invalid axes");
  int r = x->rank + numAxes;
  if (r > IPU_TENSOR_MAX_RANK)
    return ipuKFail(err, op, "result rank %d is too large", r);
  bool added[IPU_TENSOR_MAX_RANK] = {false};
  for (int i = 0; i < numAxes; i++) {
    int64_t a;
    if (!ipuKAxis(axes[i], r, &a))
      return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                      (long long)axes[i], r);
    if (added[a])
      return ipuKFail(err, op, "axis %lld is repeated", (long long)axes[i]);
    added[a] = true;
  }
  int64_t shape[IPU_TENSOR_MAX_RANK];
  for (int i = 0, j = 0; i < r; i++)
    shape[i] = added[i] ? 1 : x->shape[j++];
  return reshaped(op, x, r, shape, y, err);
}

bool ipuKernelSplit(const IpuTensor *x, int64_t axis, int numOutputs,
                    const int64_t *splits, IpuTensor *ys,
                    IpuKernelError *err) {
  static const char op[] = "Split";
  for (int i = 0; i < numOutputs && ys; i++)
    memset(&ys[i], 0, sizeof ys[i]);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (numOutputs < 1 || !ys)
    return ipuKFail(err, op, "needs at least one output");
  int64_t ax;
  if (!ipuKAxis(axis, x->rank, &ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  int64_t dim = x->shape[ax], sum = 0;
  int64_t chunk = (dim + numOutputs - 1) / numOutputs;
  for (int i = 0; i < numOutputs; i++) {
    int64_t s = splits ? splits[i]
                       : (dim - sum < chunk ? dim - sum : chunk);
    if (s < 0 || !ipuKAdd(sum, s, &sum))
      return ipuKFail(err, op, "invalid split %lld", (long long)s);
  }
  if (sum != dim)
    return ipuKFail(err, op, "splits add up to %lld, the axis has %lld",
                    (long long)sum, (long long)dim);
  size_t es = ipuDTypeSize(x->dtype);
  int64_t outer = ipuKProduct(x->shape, 0, (int)ax);
  int64_t inner = ipuKProduct(x->shape, (int)ax + 1, x->rank);
  int64_t start = 0;
  for (int i = 0; i < numOutputs; i++) {
    int64_t s = splits ? splits[i] : (dim - start < chunk ? dim - start : chunk);
    int64_t shape[IPU_TENSOR_MAX_RANK];
    memcpy(shape, x->shape, sizeof shape);
    shape[ax] = s;
    if (!ipuKAlloc(&ys[i], x->dtype, x->rank, shape, op, err)) {
      for (int j = 0; j < i; j++)
        ipuTensorFree(&ys[j]);
      return false;
    }
    size_t bytes = (size_t)(s * inner) * es;
    for (int64_t o = 0; o < outer && bytes; o++)
      memcpy((char *)ys[i].data + (size_t)o * bytes,
             (const char *)x->data + (size_t)((o * dim + start) * inner) * es,
             bytes);
    start += s;
  }
  return true;
}

bool ipuKernelGather(const IpuTensor *x, const IpuTensor *indices,
                     int64_t axis, IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Gather";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "data", err) || !ipuKCheck(indices, op, "indices", err))
    return false;
  if (indices->dtype != IPU_DTYPE_I32 && indices->dtype != IPU_DTYPE_I64)
    return ipuKFail(err, op, "indices must be int32 or int64, not %s",
                    ipuDTypeName(indices->dtype));
  int64_t ax;
  if (!ipuKAxis(axis, x->rank, &ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  int r = indices->rank + x->rank - 1;
  if (r > IPU_TENSOR_MAX_RANK)
    return ipuKFail(err, op, "result rank %d is too large", r);
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int k = 0;
  for (int i = 0; i < ax; i++)
    shape[k++] = x->shape[i];
  for (int i = 0; i < indices->rank; i++)
    shape[k++] = indices->shape[i];
  for (int i = (int)ax + 1; i < x->rank; i++)
    shape[k++] = x->shape[i];
  int64_t dim = x->shape[ax], ni = ipuTensorNumElements(indices);
  for (int64_t i = 0; i < ni; i++) {
    int64_t v = ipuKLoadI64(indices->data, indices->dtype, i);
    if (v < -dim || v >= dim)
      return ipuKFail(err, op, "index %lld is out of range for extent %lld",
                      (long long)v, (long long)dim);
  }
  if (!ipuKAlloc(y, x->dtype, r, shape, op, err))
    return false;
  size_t es = ipuDTypeSize(x->dtype);
  int64_t outer = ipuKProduct(x->shape, 0, (int)ax);
  int64_t inner = ipuKProduct(x->shape, (int)ax + 1, x->rank);
  size_t bytes = (size_t)inner * es;
  char *dst = y->data;
  for (int64_t o = 0; o < outer && bytes; o++)
    for (int64_t i = 0; i < ni; i++) {
      int64_t v = ipuKLoadI64(indices->data, indices->dtype, i);
      if (v < 0)
        v += dim;
      memcpy(dst, (const char *)x->data + (size_t)((o * dim + v) * inner) * es,
             bytes);
      dst += bytes;
    }
  return true;
}
