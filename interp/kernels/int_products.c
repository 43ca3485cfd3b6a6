/* Integer conv2d and gemm as the hl ops define them for quantized
 * networks: 8-bit or 16-bit activations times 8-bit weights, wrapping
 * int32 accumulation, plus an int32 bias (per output channel) or c
 * (broadcast as ONNX Gemm's). */
#include "kernel_util.h"

#include <string.h>

bool ipuKernelConvIntegerBias(const IpuConvParams *p, const IpuTensor *x,
                              const IpuTensor *w, const IpuTensor *bias,
                              IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "ConvInteger";
  if (!ipuKernelConvInteger(p, x, w, NULL, NULL, y, err))
    return false;
  if (!bias)
    return true;
  int64_t m = y->rank >= 2 ? y->shape[1] : 0;
  if (!ipuKCheck(bias, op, "bias", err) || bias->dtype != IPU_DTYPE_I32 ||
      ipuTensorNumElements(bias) != m) {
    ipuTensorFree(y);
    return ipuKFail(err, op, "bias must be int32 with %lld elements",
                    (long long)m);
  }
  int64_t inner = ipuKProduct(y->shape, 2, y->rank);
  int64_t n = ipuTensorNumElements(y);
  int32_t *yd = y->data;
  const int32_t *b = bias->data;
  for (int64_t i = 0; i < n; ++i)
    yd[i] = (int32_t)((int64_t)yd[i] + b[(i / inner) % m]);
  return true;
}

/* A transposed copy of a 2-D tensor. */
static bool transposed(const IpuTensor *t, IpuTensor *out, const char *op,
                       IpuKernelError *err) {
  int64_t shape[2] = {t->shape[1], t->shape[0]};
  if (!ipuKAlloc(out, t->dtype, 2, shape, op, err))
    return false;
  size_t es = ipuDTypeSize(t->dtype);
  const char *src = t->data;
  char *dst = out->data;
  for (int64_t r = 0; r < t->shape[0]; ++r)
    for (int64_t c = 0; c < t->shape[1]; ++c)
      memcpy(dst + (size_t)(c * t->shape[0] + r) * es,
             src + (size_t)(r * t->shape[1] + c) * es, es);
  return true;
}

bool ipuKernelGemmInteger(bool transA, bool transB, const IpuTensor *a,
                          const IpuTensor *b, const IpuTensor *c,
                          IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "GemmInteger";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(a, op, "A", err) || !ipuKCheck(b, op, "B", err))
    return false;
  if (a->rank != 2 || b->rank != 2)
    return ipuKFail(err, op, "A and B must be 2-D");
  IpuTensor at, bt;
  memset(&at, 0, sizeof at);
  memset(&bt, 0, sizeof bt);
  if ((transA && !transposed(a, &at, op, err)) ||
      (transB && !transposed(b, &bt, op, err))) {
    ipuTensorFree(&at);
    return false;
  }
  bool ok = ipuKernelMatMulInteger(transA ? &at : a, transB ? &bt : b, NULL,
                                   NULL, y, err);
  ipuTensorFree(&at);
  ipuTensorFree(&bt);
  if (!ok || !c)
    return ok;
  int64_t m = y->shape[0], n = y->shape[1];
  int64_t cr = c->rank >= 2 ? c->shape[c->rank - 2] : 1;
  int64_t cc = c->rank >= 1 ? c->shape[c->rank - 1] : 1;
  if (!ipuKCheck(c, op, "C", err) || c->dtype != IPU_DTYPE_I32 ||
      c->rank > 2 || (cr != 1 && cr != m) || (cc != 1 && cc != n)) {
    ipuTensorFree(y);
    return ipuKFail(err, op, "C must be int32 and broadcastable to %lldx%lld",
                    (long long)m, (long long)n);
  }
  int32_t *yd = y->data;
  const int32_t *cd = c->data;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      yd[i * n + j] = (int32_t)((int64_t)yd[i * n + j] +
                                cd[(cr == 1 ? 0 : i) * cc + (cc == 1 ? 0 : j)]);
  return true;
}
