/* Geometry of a convolution, shared by Conv, ConvTranspose and ConvInteger:
 * every case is brought to three spatial axes (missing ones of extent 1). */
#ifndef IPU_INTERP_CONV_GEOM_H
#define IPU_INTERP_CONV_GEOM_H

#include "kernel_util.h"

typedef struct {
  int nsp;                 /* spatial axes of the operands (1..3) */
  int64_t n, c, m;         /* batch, input channels, output channels */
  int64_t group, cg, mg;   /* groups, channels per group in and out */
  int64_t in[3], k[3], s[3], d[3], pb[3], pe[3], out[3];
  int64_t inSize, kSize, outSize; /* products over the three axes */
} IpuKConvGeom;

/* Checks x (N, C, spatial...) and w against each other and fills the
 * common fields: nsp, n, c, group, in, k (from w's trailing dims, checked
 * against p->kernelShape), s and d. For ConvTranspose (transposed) w is
 * (C, M/group, k...), otherwise (M, C/group, k...); sets m, cg and mg. */
bool ipuKConvPrepare(const char *op, const IpuConvParams *p,
                     const IpuTensor *x, const IpuTensor *w, bool transposed,
                     IpuKConvGeom *g, IpuKernelError *err);

/* Fills pb/pe (with autoPad and p->pads) and out for a forward
 * convolution, and the sizes. */
bool ipuKConvForwardShape(const char *op, const IpuConvParams *p,
                          IpuKConvGeom *g, IpuKernelError *err);

/* out[0] * out[1] * out[2] into *size; false on overflow (the result
 * allocation would fail anyway, but the product must not overflow). */
static inline bool ipuKVolume3(const int64_t *out, int64_t *size) {
  return ipuKMul(out[0], out[1], size) && ipuKMul(*size, out[2], size);
}

/* Integer division rounding toward -inf / +inf (b > 0). */
static inline int64_t ipuKFloorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
static inline int64_t ipuKCeilDiv(int64_t a, int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

/* The output positions o in [0, outLen) whose input position
 * o * s - pad + kOff lies in [0, inLen): [*lo, *hi). */
static inline void ipuKValidRange(int64_t outLen, int64_t inLen, int64_t s,
                                  int64_t pad, int64_t kOff, int64_t *lo,
                                  int64_t *hi) {
  int64_t a = ipuKCeilDiv(pad - kOff, s);
  int64_t b = ipuKFloorDiv(inLen - 1 + pad - kOff, s) + 1;
  *lo = a < 0 ? 0 : (a > outLen ? outLen : a);
  *hi = b < *lo ? *lo : (b > outLen ? outLen : b);
}

#endif
