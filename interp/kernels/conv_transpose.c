/* ONNX ConvTranspose: per group, the SGEMM W^T x X gives every input
 * pixel's contribution to each kernel offset, which col2im adds into the
 * output. */
#include "conv_geom.h"

#include <stdlib.h>
#include <string.h>


#define ATTR_LIMIT ((int64_t)1 << 31)

/* Pads and output extents: explicit pads, or derived from output_shape /
 * SAME_* (total padding split with the extra pixel at the end for
 * SAME_UPPER, at the beginning otherwise, as the ONNX spec and its tests
 * have it; a negative total pads the end with zeros). */
static bool transposeShape(const char *op, const IpuConvParams *p,
                           IpuKConvGeom *g, IpuKernelError *err) {
  int nsp = g->nsp, off = 3 - nsp;
  for (int i = 0; i < nsp; i++) {
    int a = off + i;
    int64_t op_ = p->outputPadding[i];
    if (op_ < 0 || op_ >= ATTR_LIMIT)
      return ipuKFail(err, op, "invalid output_padding %lld",
                      (long long)op_);
    int64_t ek, full; /* the output extent without any padding */
    if (!ipuKMul(g->k[a] - 1, g->d[a], &ek) ||
        !ipuKMul(g->in[a] > 0 ? g->in[a] - 1 : 0, g->s[a], &full) ||
        !ipuKAdd(full, ek + 1 + op_, &full))
      return ipuKFail(err, op, "output extent overflows");
    bool same = p->autoPad == IPU_AUTO_PAD_SAME_UPPER ||
                p->autoPad == IPU_AUTO_PAD_SAME_LOWER;
    if (p->hasOutputShape || same) {
      int64_t target;
      if (p->hasOutputShape) {
        target = p->outputShape[i];
      } else if (!ipuKMul(g->in[a], g->s[a], &target)) {
        return ipuKFail(err, op, "output extent overflows");
      }
      if (target < 0 || target >= ((int64_t)1 << 40))
        return ipuKFail(err, op, "invalid output_shape %lld",
                        (long long)target);
      int64_t total = full - target;
      if (total < 0) {
        g->pb[a] = 0;
        g->pe[a] = total;
      } else {
        int64_t small = total / 2, big = total - small;
        bool upper = p->autoPad == IPU_AUTO_PAD_SAME_UPPER;
        g->pb[a] = upper ? small : big;
        g->pe[a] = upper ? big : small;
      }
    } else if (p->autoPad == IPU_AUTO_PAD_VALID) {
      g->pb[a] = g->pe[a] = 0;
    } else if (p->autoPad == IPU_AUTO_PAD_NOTSET) {
      g->pb[a] = p->pads[i];
      g->pe[a] = p->pads[nsp + i];
      if (g->pb[a] < 0 || g->pb[a] >= ATTR_LIMIT || g->pe[a] < 0 ||
          g->pe[a] >= ATTR_LIMIT)
        return ipuKFail(err, op, "invalid pads on spatial axis %d", i);
    } else {
      return ipuKFail(err, op, "unknown auto_pad %d", (int)p->autoPad);
    }
    g->out[a] = full - g->pb[a] - g->pe[a];
    if (g->out[a] < 0)
      return ipuKFail(err, op, "pads %lld + %lld exceed the output extent "
                      "%lld on spatial axis %d", (long long)g->pb[a],
                      (long long)g->pe[a], (long long)full, i);
  }
  if (!ipuKVolume3(g->out, &g->outSize))
    return ipuKFail(err, op, "the result would be too large");
  return true;
}

/* Adds col (mg * kSize lines of inSize) into the group's output channels:
 * input pixel i lands at i * s - pad + k * d. */
static void col2im(const IpuKConvGeom *g, const float *restrict col,
                   float *restrict y) {
  for (int64_t m = 0; m < g->mg; m++)
    for (int64_t kz = 0; kz < g->k[0]; kz++)
      for (int64_t ky = 0; ky < g->k[1]; ky++)
        for (int64_t kx = 0; kx < g->k[2]; kx++) {
          const float *line =
              col + (((m * g->k[0] + kz) * g->k[1] + ky) * g->k[2] + kx) *
                        g->inSize;
          float *ym = y + m * g->outSize;
          /* Input positions whose output lands inside: the same range
           * arithmetic as a forward conv with the roles swapped. */
          int64_t shift = kx * g->d[2] - g->pb[2];
          int64_t lo = ipuKCeilDiv(-shift, g->s[2]);
          int64_t hi = ipuKFloorDiv(g->out[2] - 1 - shift, g->s[2]) + 1;
          if (lo < 0)
            lo = 0;
          if (hi > g->in[2])
            hi = g->in[2];
          for (int64_t iz = 0; iz < g->in[0]; iz++) {
            int64_t oz = iz * g->s[0] - g->pb[0] + kz * g->d[0];
            if (oz < 0 || oz >= g->out[0])
              continue;
            for (int64_t iy = 0; iy < g->in[1]; iy++) {
              int64_t oy = iy * g->s[1] - g->pb[1] + ky * g->d[1];
              if (oy < 0 || oy >= g->out[1])
                continue;
              const float *src = line + (iz * g->in[1] + iy) * g->in[2];
              float *dst = ym + (oz * g->out[1] + oy) * g->out[2];
              for (int64_t ix = lo; ix < hi; ix++)
                dst[ix * g->s[2] + shift] += src[ix];
            }
          }
        }
}

bool ipuKernelConvTranspose(const IpuConvParams *p, const IpuTensor *x,
                            const IpuTensor *w, const IpuTensor *bias,
                            IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "ConvTranspose";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err) || !ipuKCheck(w, op, "weights", err) ||
      (bias && !ipuKCheck(bias, op, "bias", err)))
    return false;
  if (!ipuKIsFloat(x->dtype) || w->dtype != x->dtype ||
      (bias && bias->dtype != x->dtype))
    return ipuKFail(err, op, "operands must share one float type");
  IpuKConvGeom g;
  if (!ipuKConvPrepare(op, p, x, w, true, &g, err) ||
      !transposeShape(op, p, &g, err))
    return false;
  if (bias && (bias->rank != 1 || bias->shape[0] != g.m))
    return ipuKFail(err, op, "bias must have shape (%lld)", (long long)g.m);
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
  float *col = NULL;
  int64_t rows = g.mg * g.kSize;
  /* Nothing to add up when the result is empty or has no input
   * channels (then the group count is unbounded). */
  bool work = ok && ipuTensorNumElements(y) > 0 && g.cg > 0;
  if (work && rows * g.inSize > 0) {
    col = ipuKScratch(rows * g.inSize, sizeof(float));
    if (!col) {
      ipuTensorFree(y);
      ok = ipuKFail(err, op, "out of memory");
    }
  }
  if (ok) {
    float *yd = y->data;
    for (int64_t n = 0; n < g.n && ok && col && work; n++)
      for (int64_t gr = 0; gr < g.group && ok; gr++) {
        const float *xg = xd + (n * g.c + gr * g.cg) * g.inSize;
        const float *wg = wd + gr * g.cg * rows;
        ok = ipuSgemm(true, false, rows, g.inSize, g.cg, 1.0f, wg, rows, xg,
                      g.inSize, 0.0f, col, g.inSize);
        if (ok)
          col2im(&g, col, yd + (n * g.m + gr * g.mg) * g.outSize);
      }
    if (ok && bd)
      for (int64_t n = 0; n < g.n; n++)
        for (int64_t m = 0; m < g.m; m++) {
          float *ym = yd + (n * g.m + m) * g.outSize;
          for (int64_t i = 0; i < g.outSize; i++)
            ym[i] += bd[m];
        }
    if (!ok) {
      ipuTensorFree(y);
      ipuKFail(err, op, "out of memory");
    } else {
      ok = ipuKFromF32(y, x->dtype, op, err);
    }
  }
  free(col);
  ipuTensorFree(&tx);
  ipuTensorFree(&tw);
  ipuTensorFree(&tb);
  return ok;
}
