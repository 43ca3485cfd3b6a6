/* ONNX Softmax, LogSoftmax and Hardmax, with both the opset-13 single-axis
 * semantics and the older "coerce to 2-D" ones. */
#include "kernel_util.h"

#include <math.h>
#include <string.h>


/* Normalises `len` values spaced `stride` apart. */
static void softmaxLine(IpuSoftmaxKind kind, const float *x, float *y,
                        int64_t len, int64_t stride) {
  if (len == 0)
    return;
  float mx = x[0];
  int64_t arg = 0;
  for (int64_t i = 1; i < len; i++)
    if (x[i * stride] > mx) {
      mx = x[i * stride];
      arg = i;
    }
  if (kind == IPU_HARDMAX) {
    for (int64_t i = 0; i < len; i++)
      y[i * stride] = i == arg ? 1.0f : 0.0f;
    return;
  }
  double sum = 0;
  for (int64_t i = 0; i < len; i++) {
    float e = expf(x[i * stride] - mx);
    sum += e;
    if (kind == IPU_SOFTMAX)
      y[i * stride] = e;
  }
  if (kind == IPU_SOFTMAX) {
    float inv = (float)(1.0 / sum);
    for (int64_t i = 0; i < len; i++)
      y[i * stride] *= inv;
  } else {
    float lse = (float)log(sum);
    for (int64_t i = 0; i < len; i++)
      y[i * stride] = x[i * stride] - mx - lse;
  }
}

bool ipuKernelSoftmax(IpuSoftmaxKind kind, int64_t axis, bool coerceTo2D,
                      const IpuTensor *x, IpuTensor *y, IpuKernelError *err) {
  const char *op = kind == IPU_SOFTMAX       ? "Softmax"
                   : kind == IPU_LOG_SOFTMAX ? "LogSoftmax"
                                             : "Hardmax";
  memset(y, 0, sizeof *y);
  if ((unsigned)kind > IPU_HARDMAX)
    return ipuKFail(err, op, "unknown kind %d", (int)kind);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  /* A scalar is treated as a single-element vector. */
  int rank = x->rank > 0 ? x->rank : 1;
  int64_t shape1[1] = {1};
  const int64_t *shape = x->rank > 0 ? x->shape : shape1;
  int64_t ax;
  if (!ipuKAxis(axis, rank, &ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  int64_t outer, len, inner;
  if (coerceTo2D) {
    outer = ipuKProduct(shape, 0, (int)ax);
    len = ipuKProduct(shape, (int)ax, rank);
    inner = 1;
  } else {
    outer = ipuKProduct(shape, 0, (int)ax);
    len = shape[ax];
    inner = ipuKProduct(shape, (int)ax + 1, rank);
  }
  IpuTensor tx;
  const float *xd = ipuKAsF32(x, &tx, op, err);
  if (!xd || !ipuKAlloc(y, IPU_DTYPE_F32, x->rank, x->shape, op, err)) {
    ipuTensorFree(&tx);
    return false;
  }
  float *yd = y->data;
  if (len == 0)
    outer = 0; /* an empty input: the other extents may be huge */
  for (int64_t o = 0; o < outer; o++)
    for (int64_t i = 0; i < inner; i++) {
      int64_t base = o * len * inner + i;
      softmaxLine(kind, xd + base, yd + base, len, inner);
    }
  ipuTensorFree(&tx);
  return ipuKFromF32(y, x->dtype, op, err);
}
