/* ONNX Conv: geometry and auto_pad resolution shared with the other
 * convolutions, im2col + blocked SGEMM (1x1 convolutions read the input
 * directly) and a direct loop for depthwise convolutions. */
#include "conv_geom.h"

#include <stdlib.h>
#include <string.h>

/* Attribute values beyond this are rejected, which keeps every index
 * computation far from int64 overflow. */
#define ATTR_LIMIT ((int64_t)1 << 31)

/* im2col buffers are filled for blocks of output rows of at most this many
 * floats, so that big inputs do not need one huge buffer. */
#define COL_BLOCK_FLOATS ((int64_t)1 << 19)

static bool effectiveKernel(int64_t k, int64_t d, int64_t *ek) {
  return ipuKMul(k - 1, d, ek) && ipuKAdd(*ek, 1, ek);
}

bool ipuResolveAutoPad(IpuAutoPad autoPad, int spatialRank,
                       const int64_t *inputShape, const int64_t *kernelShape,
                       const int64_t *strides, const int64_t *dilations,
                       int64_t *pads, IpuKernelError *err) {
  static const char op[] = "auto_pad";
  if (spatialRank < 0 || spatialRank > IPU_KERNEL_MAX_SPATIAL)
    return ipuKFail(err, op, "unsupported spatial rank %d", spatialRank);
  for (int i = 0; i < spatialRank; i++) {
    int64_t s = strides && strides[i] ? strides[i] : 1;
    int64_t d = dilations && dilations[i] ? dilations[i] : 1;
    if (s < 1 || s >= ATTR_LIMIT || d < 1 || d >= ATTR_LIMIT)
      return ipuKFail(err, op, "invalid stride %lld or dilation %lld",
                      (long long)s, (long long)d);
    if (kernelShape[i] < 1)
      return ipuKFail(err, op, "invalid kernel extent %lld",
                      (long long)kernelShape[i]);
    int64_t ek;
    if (!effectiveKernel(kernelShape[i], d, &ek))
      return ipuKFail(err, op, "kernel extent overflows");
    switch (autoPad) {
    case IPU_AUTO_PAD_NOTSET:
      if (pads[i] < 0 || pads[i] >= ATTR_LIMIT ||
          pads[spatialRank + i] < 0 || pads[spatialRank + i] >= ATTR_LIMIT)
        return ipuKFail(err, op, "invalid pads %lld, %lld on spatial axis %d",
                        (long long)pads[i], (long long)pads[spatialRank + i],
                        i);
      break;
    case IPU_AUTO_PAD_VALID:
      pads[i] = pads[spatialRank + i] = 0;
      break;
    case IPU_AUTO_PAD_SAME_UPPER:
    case IPU_AUTO_PAD_SAME_LOWER: {
      int64_t in = inputShape[i];
      int64_t out = (in + s - 1) / s;
      int64_t total = out > 0 ? (out - 1) * s + ek - in : 0;
      if (total < 0)
        total = 0;
      int64_t small = total / 2, big = total - small;
      pads[i] = autoPad == IPU_AUTO_PAD_SAME_UPPER ? small : big;
      pads[spatialRank + i] = autoPad == IPU_AUTO_PAD_SAME_UPPER ? big : small;
      break;
    }
    default:
      return ipuKFail(err, op, "unknown auto_pad %d", (int)autoPad);
    }
  }
  return true;
}

bool ipuKConvPrepare(const char *op, const IpuConvParams *p,
                     const IpuTensor *x, const IpuTensor *w, bool transposed,
                     IpuKConvGeom *g, IpuKernelError *err) {
  memset(g, 0, sizeof *g);
  if (!p)
    return ipuKFail(err, op, "missing attributes");
  if (x->rank < 3 || x->rank > 2 + IPU_KERNEL_MAX_SPATIAL)
    return ipuKFail(err, op, "input must have rank 3 to 5, not %d", x->rank);
  if (w->rank != x->rank)
    return ipuKFail(err, op, "weights have rank %d, input rank %d", w->rank,
                    x->rank);
  int nsp = x->rank - 2;
  g->nsp = nsp;
  g->group = p->group ? p->group : 1;
  if (g->group < 1)
    return ipuKFail(err, op, "group must be positive, not %lld",
                    (long long)g->group);
  g->n = x->shape[0];
  g->c = x->shape[1];
  if (g->c % g->group != 0)
    return ipuKFail(err, op, "%lld input channels do not divide into %lld "
                    "groups", (long long)g->c, (long long)g->group);
  g->cg = g->c / g->group;
  if (transposed) {
    if (w->shape[0] != g->c)
      return ipuKFail(err, op, "weights are for %lld input channels, input "
                      "has %lld", (long long)w->shape[0], (long long)g->c);
    g->mg = w->shape[1];
    if (!ipuKMul(g->mg, g->group, &g->m))
      return ipuKFail(err, op, "too many output channels");
  } else {
    g->m = w->shape[0];
    if (w->shape[1] != g->cg)
      return ipuKFail(err, op, "input has %lld channels, weights expect "
                      "%lld (group %lld)", (long long)g->c,
                      (long long)(w->shape[1] * g->group), (long long)g->group);
    if (g->m % g->group != 0)
      return ipuKFail(err, op, "%lld output channels do not divide into "
                      "%lld groups", (long long)g->m, (long long)g->group);
    g->mg = g->m / g->group;
  }
  int off = 3 - nsp; /* missing leading axes have extent 1 */
  for (int i = 0; i < 3; i++) {
    g->in[i] = g->k[i] = g->s[i] = g->d[i] = g->out[i] = 1;
    g->pb[i] = g->pe[i] = 0;
  }
  for (int i = 0; i < nsp; i++) {
    int64_t k = w->shape[2 + i];
    if (p->kernelShape[i] && p->kernelShape[i] != k)
      return ipuKFail(err, op, "kernel_shape %lld does not match the "
                      "weights' extent %lld on spatial axis %d",
                      (long long)p->kernelShape[i], (long long)k, i);
    if (k < 1)
      return ipuKFail(err, op, "empty kernel on spatial axis %d", i);
    int64_t s = p->strides[i] ? p->strides[i] : 1;
    int64_t d = p->dilations[i] ? p->dilations[i] : 1;
    if (s < 1 || s >= ATTR_LIMIT || d < 1 || d >= ATTR_LIMIT)
      return ipuKFail(err, op, "invalid stride %lld or dilation %lld on "
                      "spatial axis %d", (long long)s, (long long)d, i);
    g->in[off + i] = x->shape[2 + i];
    g->k[off + i] = k;
    g->s[off + i] = s;
    g->d[off + i] = d;
  }
  g->inSize = g->in[0] * g->in[1] * g->in[2];
  g->kSize = g->k[0] * g->k[1] * g->k[2];
  return true;
}

bool ipuKConvForwardShape(const char *op, const IpuConvParams *p,
                          IpuKConvGeom *g, IpuKernelError *err) {
  int nsp = g->nsp, off = 3 - nsp;
  int64_t pads[2 * IPU_KERNEL_MAX_SPATIAL];
  for (int i = 0; i < nsp; i++) {
    pads[i] = p->pads[i];
    pads[nsp + i] = p->pads[nsp + i];
  }
  IpuKernelError inner;
  if (!ipuResolveAutoPad(p->autoPad, nsp, g->in + off, g->k + off,
                         g->s + off, g->d + off, pads, &inner))
    return ipuKFail(err, op, "%s", inner.message);
  for (int i = 0; i < nsp; i++) {
    int a = off + i;
    g->pb[a] = pads[i];
    g->pe[a] = pads[nsp + i];
    int64_t ek;
    if (!effectiveKernel(g->k[a], g->d[a], &ek))
      return ipuKFail(err, op, "kernel extent overflows");
    int64_t span = g->in[a] + g->pb[a] + g->pe[a] - ek;
    if (span < 0)
      return ipuKFail(err, op, "kernel extent %lld is larger than the padded "
                      "input extent %lld on spatial axis %d", (long long)ek,
                      (long long)(g->in[a] + g->pb[a] + g->pe[a]), i);
    g->out[a] = span / g->s[a] + 1;
  }
  if (!ipuKVolume3(g->out, &g->outSize))
    return ipuKFail(err, op, "the result would be too large");
  return true;
}

/* ---- Float convolution ------------------------------------------------- */

/* Unfolds output rows [row0, row0 + rows) (a row is one (z, y) position)
 * of one group's cg channels into col: one line per (channel, kernel
 * offset), rows * out[2] columns. */
static void im2col(const IpuKConvGeom *g, const float *x, int64_t row0,
                   int64_t rows, float *col) {
  int64_t ow = g->out[2], width = rows * ow;
  for (int64_t c = 0; c < g->cg; c++) {
    const float *xc = x + c * g->inSize;
    for (int64_t kz = 0; kz < g->k[0]; kz++)
      for (int64_t ky = 0; ky < g->k[1]; ky++)
        for (int64_t kx = 0; kx < g->k[2]; kx++) {
          int64_t lo, hi;
          ipuKValidRange(ow, g->in[2], g->s[2], g->pb[2], kx * g->d[2], &lo,
                         &hi);
          float *line = col + (((c * g->k[0] + kz) * g->k[1] + ky) * g->k[2] +
                               kx) * width;
          for (int64_t r = 0; r < rows; r++) {
            float *dst = line + r * ow;
            int64_t oz = (row0 + r) / g->out[1], oy = (row0 + r) % g->out[1];
            int64_t iz = oz * g->s[0] - g->pb[0] + kz * g->d[0];
            int64_t iy = oy * g->s[1] - g->pb[1] + ky * g->d[1];
            if (iz < 0 || iz >= g->in[0] || iy < 0 || iy >= g->in[1]) {
              memset(dst, 0, (size_t)ow * sizeof(float));
              continue;
            }
            /* Index arithmetic, not pointers: the shift may be negative. */
            const float *src = xc + (iz * g->in[1] + iy) * g->in[2];
            int64_t shift = kx * g->d[2] - g->pb[2];
            memset(dst, 0, (size_t)lo * sizeof(float));
            if (g->s[2] == 1 && hi > lo)
              memcpy(dst + lo, src + lo + shift,
                     (size_t)(hi - lo) * sizeof(float));
            else
              for (int64_t o = lo; o < hi; o++)
                dst[o] = src[o * g->s[2] + shift];
            memset(dst + hi, 0, (size_t)(ow - hi) * sizeof(float));
          }
        }
  }
}

static bool isPointwise(const IpuKConvGeom *g) {
  for (int i = 0; i < 3; i++)
    if (g->k[i] != 1 || g->s[i] != 1 || g->pb[i] != 0 || g->pe[i] != 0)
      return false;
  return true;
}

/* One input channel per group: out[oc] = sum over the window of w * x, a
 * direct loop whose innermost run is contiguous for stride 1. */
static bool depthwise(const IpuKConvGeom *g, const float *restrict x,
                      const float *restrict w, float *restrict y) {
  int64_t ow = g->out[2];
  /* The valid output range of each horizontal kernel offset. */
  int64_t *ranges = ipuKScratch(g->k[2] * 2, sizeof(int64_t));
  if (!ranges)
    return false;
  for (int64_t kx = 0; kx < g->k[2]; kx++)
    ipuKValidRange(ow, g->in[2], g->s[2], g->pb[2], kx * g->d[2],
                   &ranges[2 * kx], &ranges[2 * kx + 1]);
  for (int64_t n = 0; n < g->n; n++)
    for (int64_t oc = 0; oc < g->m; oc++) {
      const float *xin = x + (n * g->c + oc / g->mg) * g->inSize;
      const float *wk = w + oc * g->kSize;
      float *out = y + (n * g->m + oc) * g->outSize;
      for (int64_t oz = 0; oz < g->out[0]; oz++)
        for (int64_t oy = 0; oy < g->out[1]; oy++) {
          float *orow = out + (oz * g->out[1] + oy) * ow;
          for (int64_t kz = 0; kz < g->k[0]; kz++) {
            int64_t iz = oz * g->s[0] - g->pb[0] + kz * g->d[0];
            if (iz < 0 || iz >= g->in[0])
              continue;
            for (int64_t ky = 0; ky < g->k[1]; ky++) {
              int64_t iy = oy * g->s[1] - g->pb[1] + ky * g->d[1];
              if (iy < 0 || iy >= g->in[1])
                continue;
              const float *irow = xin + (iz * g->in[1] + iy) * g->in[2];
              for (int64_t kx = 0; kx < g->k[2]; kx++) {
                float wv = wk[(kz * g->k[1] + ky) * g->k[2] + kx];
                int64_t lo = ranges[2 * kx], hi = ranges[2 * kx + 1];
                int64_t shift = kx * g->d[2] - g->pb[2];
                if (g->s[2] == 1) {
                  for (int64_t o = lo; o < hi; o++)
                    orow[o] += wv * irow[o + shift];
                } else {
                  for (int64_t o = lo; o < hi; o++)
                    orow[o] += wv * irow[o * g->s[2] + shift];
                }
              }
            }
          }
        }
    }
  free(ranges);
  return true;
}

/* Y[n, group] = W[group] x im2col(X[n, group]), in blocks of output rows. */
static bool convGemm(const IpuKConvGeom *g, const float *x, const float *w,
                     float *y, float beta) {
  int64_t kdim = g->cg * g->kSize;
  int64_t numRows = g->out[0] * g->out[1], ow = g->out[2];
  bool pointwise = isPointwise(g);
  int64_t perRow = kdim * ow > 0 ? kdim * ow : 1;
  int64_t block = COL_BLOCK_FLOATS / perRow;
  if (block < 1)
    block = 1;
  if (block > numRows)
    block = numRows;
  float *col = NULL;
  if (!pointwise && block > 0) {
    col = ipuKScratch(block * perRow, sizeof(float));
    if (!col)
      return false;
  }
  bool ok = true;
  for (int64_t n = 0; n < g->n && ok; n++)
    for (int64_t gr = 0; gr < g->group && ok; gr++) {
      const float *xg = x + (n * g->c + gr * g->cg) * g->inSize;
      const float *wg = w + gr * g->mg * kdim;
      float *yg = y + (n * g->m + gr * g->mg) * g->outSize;
      if (pointwise) {
        ok = ipuSgemm(false, false, g->mg, g->outSize, kdim, 1.0f, wg, kdim,
                      xg, g->inSize, beta, yg, g->outSize);
        continue;
      }
      for (int64_t r0 = 0; r0 < numRows && ok; r0 += block) {
        int64_t rows = numRows - r0 < block ? numRows - r0 : block;
        im2col(g, xg, r0, rows, col);
        ok = ipuSgemm(false, false, g->mg, rows * ow, kdim, 1.0f, wg, kdim,
                      col, rows * ow, beta, yg + r0 * ow, g->outSize);
      }
    }
  free(col);
  return ok;
}

/* Bias per output channel into y (N, M, outSize). */
static void fillBias(float *y, const float *bias, int64_t n, int64_t m,
                     int64_t size) {
  for (int64_t i = 0; i < n; i++)
    for (int64_t c = 0; c < m; c++) {
      float *p = y + (i * m + c) * size;
      for (int64_t j = 0; j < size; j++)
        p[j] = bias[c];
    }
}

/* Checks that the bias is 1-D with m entries. */
static bool biasOk(const char *op, const IpuTensor *bias, int64_t m,
                   IpuDType type, IpuKernelError *err) {
  if (!bias)
    return true;
  if (!ipuKCheck(bias, op, "bias", err))
    return false;
  if (bias->rank != 1 || bias->shape[0] != m)
    return ipuKFail(err, op, "bias must have shape (%lld)", (long long)m);
  if (bias->dtype != type)
    return ipuKFail(err, op, "bias type %s differs from the input's %s",
                    ipuDTypeName(bias->dtype), ipuDTypeName(type));
  return true;
}

bool ipuKernelConv(const IpuConvParams *p, const IpuTensor *x,
                   const IpuTensor *w, const IpuTensor *bias, IpuTensor *y,
                   IpuKernelError *err) {
  static const char op[] = "Conv";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err) || !ipuKCheck(w, op, "weights", err))
    return false;
  if (!ipuKIsFloat(x->dtype) || w->dtype != x->dtype)
    return ipuKFail(err, op, "input and weights must share one float type, "
                    "not %s and %s", ipuDTypeName(x->dtype),
                    ipuDTypeName(w->dtype));
  IpuKConvGeom g;
  if (!ipuKConvPrepare(op, p, x, w, false, &g, err) ||
      !ipuKConvForwardShape(op, p, &g, err) ||
      !biasOk(op, bias, g.m, x->dtype, err))
    return false;
  int64_t shape[IPU_TENSOR_MAX_RANK] = {g.n, g.m};
  for (int i = 0; i < g.nsp; i++)
    shape[2 + i] = g.out[3 - g.nsp + i];
  IpuTensor tx, tw, tb;
  memset(&tb, 0, sizeof tb);
  const float *xd = ipuKAsF32(x, &tx, op, err);
  const float *wd = xd ? ipuKAsF32(w, &tw, op, err) : NULL;
  const float *bd = wd && bias ? ipuKAsF32(bias, &tb, op, err) : NULL;
  bool ok = wd && (!bias || bd) &&
            ipuKAlloc(y, IPU_DTYPE_F32, x->rank, shape, op, err);
  /* An empty result needs no work (its loops could still be long). */
  if (ok && ipuTensorNumElements(y) > 0) {
    if (bd)
      fillBias(y->data, bd, g.n, g.m, g.outSize);
    /* Depthwise: per-group matrix products would have a single row. */
    bool direct = g.cg == 1 && g.group > 1;
    if (!(direct ? depthwise(&g, xd, wd, y->data)
                 : convGemm(&g, xd, wd, y->data, bd ? 1.0f : 0.0f))) {
      ipuTensorFree(y);
      ok = ipuKFail(err, op, "out of memory");
    }
  }
  if (ok)
    ok = ipuKFromF32(y, x->dtype, op, err);
  ipuTensorFree(&tx);
  ipuTensorFree(&tw);
  ipuTensorFree(&tb);
  return ok;
}
