/* ONNX Tile: repeats of the whole input along every axis. */
#include "kernel_util.h"
#include "kernels.h"

#include <string.h>

bool ipuKernelTile(const IpuTensor *x, const int64_t *repeats, IpuTensor *y,
                   IpuKernelError *err) {
  static const char op[] = "Tile";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  for (int d = 0; d < x->rank; ++d) {
    if (repeats[d] < 0)
      return ipuKFail(err, op, "repeats must be non-negative, got %lld",
                      (long long)repeats[d]);
    if (!ipuKMul(x->shape[d], repeats[d], &shape[d]))
      return ipuKFail(err, op, "the result is too large");
  }
  if (!ipuKAlloc(y, x->dtype, x->rank, shape, op, err))
    return false;
  int64_t count = ipuTensorNumElements(y);
  if (count == 0)
    return true;
  size_t elem = ipuDTypeSize(x->dtype);
  int64_t inStrides[IPU_TENSOR_MAX_RANK], index[IPU_TENSOR_MAX_RANK] = {0};
  ipuKStrides(x->rank, x->shape, inStrides);
  /* Odometer over the output; the input index is each coordinate modulo
   * the input's extent, tracked incrementally. */
  int64_t src = 0;
  char *dst = y->data;
  for (int64_t i = 0; i < count; ++i) {
    memcpy(dst + (size_t)i * elem, (const char *)x->data + (size_t)src * elem,
           elem);
    for (int d = x->rank; d-- > 0;) {
      int64_t in = index[d] % x->shape[d];
      ++index[d];
      /* Past the input's last coordinate: back to its first. */
      if (in + 1 < x->shape[d])
        src += inStrides[d];
      else
        src -= in * inStrides[d];
      if (index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return true;
}
