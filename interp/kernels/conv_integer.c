/* ONNX ConvInteger: int8/uint8 convolution (int16/uint16 inputs too) with
 * zero points and wrapping int32 accumulation (im2col of
 * zero-point-corrected values and an integer matrix product). */
#include "conv_geom.h"

#include <stdlib.h>
#include <string.h>


/* Unfolds the whole output of one group (cg channels of x minus its zero
 * point; padding reads as the zero point, so contributes 0). */
static void im2colInt(const IpuKConvGeom *g, const IpuTensor *x,
                      int64_t base, int32_t zx, int32_t *col) {
  int64_t width = g->outSize;
  for (int64_t c = 0; c < g->cg; c++)
    for (int64_t kz = 0; kz < g->k[0]; kz++)
      for (int64_t ky = 0; ky < g->k[1]; ky++)
        for (int64_t kx = 0; kx < g->k[2]; kx++) {
          int32_t *line =
              col + (((c * g->k[0] + kz) * g->k[1] + ky) * g->k[2] + kx) *
                        width;
          int64_t j = 0;
          for (int64_t oz = 0; oz < g->out[0]; oz++)
            for (int64_t oy = 0; oy < g->out[1]; oy++)
              for (int64_t ox = 0; ox < g->out[2]; ox++, j++) {
                int64_t iz = oz * g->s[0] - g->pb[0] + kz * g->d[0];
                int64_t iy = oy * g->s[1] - g->pb[1] + ky * g->d[1];
                int64_t ix = ox * g->s[2] - g->pb[2] + kx * g->d[2];
                bool inside = iz >= 0 && iz < g->in[0] && iy >= 0 &&
                              iy < g->in[1] && ix >= 0 && ix < g->in[2];
                line[j] = inside
                              ? (int32_t)ipuKLoadI64(
                                    x->data, x->dtype,
                                    base + c * g->inSize +
                                        (iz * g->in[1] + iy) * g->in[2] + ix) -
                                    zx
                              : 0;
              }
        }
}

bool ipuKernelConvInteger(const IpuConvParams *p, const IpuTensor *x,
                          const IpuTensor *w, const IpuTensor *xZeroPoint,
                          const IpuTensor *wZeroPoint, IpuTensor *y,
                          IpuKernelError *err) {
  static const char op[] = "ConvInteger";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err) || !ipuKCheck(w, op, "weights", err))
    return false;
  /* 16-bit activations (x) meet 8-bit weights only. */
  if (x->dtype != IPU_DTYPE_I8 && x->dtype != IPU_DTYPE_U8 &&
      x->dtype != IPU_DTYPE_I16 && x->dtype != IPU_DTYPE_U16)
    return ipuKFail(err, op,
                    "the input must be int8, uint8, int16 or uint16, not %s",
                    ipuDTypeName(x->dtype));
  if (w->dtype != IPU_DTYPE_I8 && w->dtype != IPU_DTYPE_U8)
    return ipuKFail(err, op, "the weights must be int8 or uint8, not %s",
                    ipuDTypeName(w->dtype));
  IpuKConvGeom g;
  if (!ipuKConvPrepare(op, p, x, w, false, &g, err) ||
      !ipuKConvForwardShape(op, p, &g, err) ||
      !ipuKCheckZeroPoint(op, "x_zero_point", xZeroPoint, x->dtype, 1, err) ||
      !ipuKCheckZeroPoint(op, "w_zero_point", wZeroPoint, w->dtype, g.m, err))
    return false;
  int64_t shape[IPU_TENSOR_MAX_RANK] = {g.n, g.m};
  for (int i = 0; i < g.nsp; i++)
    shape[2 + i] = g.out[3 - g.nsp + i];
  if (!ipuKAlloc(y, IPU_DTYPE_I32, x->rank, shape, op, err))
    return false;
  if (ipuTensorNumElements(y) == 0)
    return true;
  int64_t kdim = g.cg * g.kSize;
  int32_t *col = ipuKScratch(kdim * g.outSize, sizeof(int32_t));
  int32_t *wrow = ipuKScratch(kdim, sizeof(int32_t));
  if (!col || !wrow) {
    free(col);
    free(wrow);
    ipuTensorFree(y);
    return ipuKFail(err, op, "out of memory");
  }
  int32_t zx = xZeroPoint ? (int32_t)ipuKLoadI64(xZeroPoint->data,
                                                 x->dtype, 0)
                          : 0;
  int64_t nzw = wZeroPoint ? ipuTensorNumElements(wZeroPoint) : 0;
  int32_t *yd = y->data;
  for (int64_t n = 0; n < g.n; n++)
    for (int64_t gr = 0; gr < g.group; gr++) {
      im2colInt(&g, x, (n * g.c + gr * g.cg) * g.inSize, zx, col);
      for (int64_t mo = 0; mo < g.mg; mo++) {
        int64_t oc = gr * g.mg + mo;
        int32_t zw = nzw ? (int32_t)ipuKLoadI64(wZeroPoint->data, w->dtype,
                                                nzw == 1 ? 0 : oc)
                         : 0;
        for (int64_t q = 0; q < kdim; q++)
          wrow[q] = (int32_t)ipuKLoadI64(w->data, w->dtype, oc * kdim + q) - zw;
        int32_t *out = yd + (n * g.m + oc) * g.outSize;
        /* Unsigned arithmetic: int32 accumulators wrap like hardware. */
        uint32_t *acc = (uint32_t *)out;
        for (int64_t q = 0; q < kdim; q++) {
          uint32_t wv = (uint32_t)wrow[q];
          const int32_t *line = col + q * g.outSize;
          for (int64_t j = 0; j < g.outSize; j++)
            acc[j] += wv * (uint32_t)line[j];
        }
      }
    }
  free(col);
  free(wrow);
  return true;
}
