/* ONNX BatchNormalization in inference form (running statistics). */
#include "kernel_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


bool ipuKernelBatchNorm(const IpuTensor *x, const IpuTensor *scale,
                        const IpuTensor *bias, const IpuTensor *mean,
                        const IpuTensor *var, float epsilon, IpuTensor *y,
                        IpuKernelError *err) {
  static const char op[] = "BatchNormalization";
  memset(y, 0, sizeof *y);
  const IpuTensor *params[4] = {scale, bias, mean, var};
  static const char *const names[4] = {"scale", "B", "mean", "var"};
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  if (x->rank < 2)
    return ipuKFail(err, op, "input must have rank >= 2, not %d", x->rank);
  int64_t c = x->shape[1];
  for (int i = 0; i < 4; i++) {
    if (!ipuKCheck(params[i], op, names[i], err))
      return false;
    if (params[i]->rank != 1 || params[i]->shape[0] != c)
      return ipuKFail(err, op, "%s must have shape (%lld)", names[i],
                      (long long)c);
    if (!ipuKIsFloat(params[i]->dtype))
      return ipuKFail(err, op, "%s must be a float tensor", names[i]);
  }
  if (!(epsilon >= 0))
    return ipuKFail(err, op, "epsilon must not be negative");
  /* Per channel: y = (x - mean) * a + bias, the order ONNX Runtime uses
   * (folding the mean into the bias loses precision when x ~ mean). */
  float *ab = ipuKScratch(3 * c, sizeof(float));
  if (!ab)
    return ipuKFail(err, op, "out of memory");
  for (int64_t i = 0; i < c; i++) {
    double s = ipuKLoadF64(scale->data, scale->dtype, i);
    double b = ipuKLoadF64(bias->data, bias->dtype, i);
    double m = ipuKLoadF64(mean->data, mean->dtype, i);
    double v = ipuKLoadF64(var->data, var->dtype, i);
    double a = s / sqrt(v + (double)epsilon);
    ab[3 * i] = (float)m;
    ab[3 * i + 1] = (float)a;
    ab[3 * i + 2] = (float)b;
  }
  IpuTensor tx;
  const float *xd = ipuKAsF32(x, &tx, op, err);
  if (!xd || !ipuKAlloc(y, IPU_DTYPE_F32, x->rank, x->shape, op, err)) {
    free(ab);
    ipuTensorFree(&tx);
    return false;
  }
  int64_t n = x->shape[0], size = ipuKProduct(x->shape, 2, x->rank);
  if (size == 0)
    n = 0; /* an empty input: N and C may be huge */
  float *yd = y->data;
  for (int64_t i = 0; i < n; i++)
    for (int64_t ch = 0; ch < c; ch++) {
      const float *s = xd + (i * c + ch) * size;
      float *d = yd + (i * c + ch) * size;
      float m = ab[3 * ch], a = ab[3 * ch + 1], b = ab[3 * ch + 2];
      for (int64_t j = 0; j < size; j++)
        d[j] = (s[j] - m) * a + b;
    }
  free(ab);
  ipuTensorFree(&tx);
  return ipuKFromF32(y, x->dtype, op, err);
}
