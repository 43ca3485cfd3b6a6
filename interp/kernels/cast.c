/* ONNX Cast between the numeric element types and bool. */
#include "kernel_util.h"

#include <string.h>

bool ipuKernelCast(const IpuTensor *x, IpuDType to, IpuTensor *y,
                   IpuKernelError *err) {
  static const char op[] = "Cast";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (x->dtype == IPU_DTYPE_STRING || ipuDTypeSize(to) == 0 ||
      to == IPU_DTYPE_STRING)
    return ipuKFail(err, op, "unsupported cast from %s to %s",
                    ipuDTypeName(x->dtype), ipuDTypeName(to));
  if (!ipuKAlloc(y, to, x->rank, x->shape, op, err))
    return false;
  int64_t n = ipuTensorNumElements(x);
  IpuDType from = x->dtype;
  if (from == to) {
    memcpy(y->data, x->data, ipuTensorByteSize(x));
    return true;
  }
  bool fromInt = ipuKIsInteger(from) || from == IPU_DTYPE_BOOL;
  if (to == IPU_DTYPE_BOOL) {
    uint8_t *d = y->data;
    for (int64_t i = 0; i < n; i++)
      d[i] = fromInt ? ipuKLoadI64(x->data, from, i) != 0
                     : ipuKLoadF64(x->data, from, i) != 0.0;
    return true;
  }
  if (fromInt && from != IPU_DTYPE_U64 && ipuKIsInteger(to)) {
    for (int64_t i = 0; i < n; i++)
      ipuKStoreI64(y->data, to, i, ipuKLoadI64(x->data, from, i));
    return true;
  }
  if (from == IPU_DTYPE_U64 && ipuKIsInteger(to)) {
    const uint64_t *s = x->data;
    for (int64_t i = 0; i < n; i++)
      ipuKStoreI64(y->data, to, i, (int64_t)s[i]); /* wraps, as C does */
    return true;
  }
  if (from == IPU_DTYPE_I64 && to == IPU_DTYPE_F64) {
    const int64_t *s = x->data;
    double *d = y->data;
    for (int64_t i = 0; i < n; i++)
      d[i] = (double)s[i];
    return true;
  }
  for (int64_t i = 0; i < n; i++)
    ipuKStoreF64(y->data, to, i, ipuKLoadF64(x->data, from, i));
  return true;
}
