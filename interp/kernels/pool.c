/* ONNX MaxPool (with optional indices), AveragePool and LpPool over 1 to 3
 * spatial axes, and the global pools. */
#include "conv_geom.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


#define ATTR_LIMIT ((int64_t)1 << 31)

static const char *poolName(IpuPoolKind kind) {
  return kind == IPU_POOL_MAX       ? "MaxPool"
         : kind == IPU_POOL_AVERAGE ? "AveragePool"
                                    : "LpPool";
}

/* Pool geometry on three axes, like a convolution's. */
typedef struct {
  int nsp;
  int64_t planes; /* N * C */
  int64_t in[3], k[3], s[3], d[3], pb[3], pe[3], out[3];
  int64_t inSize, outSize;
} PoolGeom;

static bool poolGeom(const char *op, const IpuPoolParams *p,
                     const IpuTensor *x, PoolGeom *g, IpuKernelError *err) {
  memset(g, 0, sizeof *g);
  if (x->rank < 3 || x->rank > 2 + IPU_KERNEL_MAX_SPATIAL)
    return ipuKFail(err, op, "input must have rank 3 to 5, not %d", x->rank);
  int nsp = x->rank - 2, off = 3 - nsp;
  g->nsp = nsp;
  g->planes = x->shape[0] * x->shape[1];
  int64_t kernel[3], strides[3], dil[3], pads[6];
  for (int i = 0; i < nsp; i++) {
    kernel[i] = p->kernelShape[i];
    strides[i] = p->strides[i] ? p->strides[i] : 1;
    dil[i] = p->dilations[i] ? p->dilations[i] : 1;
    pads[i] = p->pads[i];
    pads[nsp + i] = p->pads[nsp + i];
    if (kernel[i] < 1 || kernel[i] >= ATTR_LIMIT)
      return ipuKFail(err, op, "kernel_shape must be given and positive on "
                      "every spatial axis (axis %d: %lld)", i,
                      (long long)kernel[i]);
  }
  IpuKernelError inner;
  if (!ipuResolveAutoPad(p->autoPad, nsp, x->shape + 2, kernel, strides, dil,
                         pads, &inner))
    return ipuKFail(err, op, "%s", inner.message);
  for (int i = 0; i < 3; i++) {
    g->in[i] = g->k[i] = g->s[i] = g->d[i] = g->out[i] = 1;
    g->pb[i] = g->pe[i] = 0;
  }
  for (int i = 0; i < nsp; i++) {
    int a = off + i;
    int64_t in = x->shape[2 + i];
    int64_t ek = (kernel[i] - 1) * dil[i] + 1; /* both < 2^31 */
    g->in[a] = in;
    g->k[a] = kernel[i];
    g->s[a] = strides[i];
    g->d[a] = dil[i];
    g->pb[a] = pads[i];
    g->pe[a] = pads[nsp + i];
    if (p->autoPad == IPU_AUTO_PAD_SAME_UPPER ||
        p->autoPad == IPU_AUTO_PAD_SAME_LOWER) {
      g->out[a] = (in + strides[i] - 1) / strides[i];
      continue;
    }
    int64_t span = in + g->pb[a] + g->pe[a] - ek;
    if (span < 0)
      return ipuKFail(err, op, "kernel extent %lld is larger than the padded "
                      "input extent %lld on spatial axis %d", (long long)ek,
                      (long long)(in + g->pb[a] + g->pe[a]), i);
    int64_t out = (p->ceilMode ? ipuKCeilDiv(span, strides[i])
                               : span / strides[i]) + 1;
    /* Ceil mode must not start a window in the end padding. */
    if (p->ceilMode && out > 1 && (out - 1) * strides[i] >= in + g->pb[a])
      out--;
    g->out[a] = out;
  }
  g->inSize = g->in[0] * g->in[1] * g->in[2];
  if (!ipuKVolume3(g->out, &g->outSize))
    return ipuKFail(err, op, "the result would be too large");
  return true;
}

/* Taps [lo, hi) of output position o that read inside the input, and the
 * number of taps inside the padded extent (count_include_pad). */
typedef struct {
  int64_t lo, hi, padded;
} TapRange;

static TapRange taps(const PoolGeom *g, int a, int64_t o) {
  TapRange r;
  int64_t start = o * g->s[a] - g->pb[a];
  int64_t lo = ipuKCeilDiv(-start, g->d[a]);
  int64_t hi = ipuKFloorDiv(g->in[a] - 1 - start, g->d[a]) + 1;
  int64_t padded = ipuKFloorDiv(g->in[a] + g->pe[a] - 1 - start, g->d[a]) + 1;
  r.lo = lo < 0 ? 0 : lo;
  r.hi = hi > g->k[a] ? g->k[a] : hi;
  if (r.hi < r.lo)
    r.hi = r.lo;
  r.padded = padded > g->k[a] ? g->k[a] : (padded < 0 ? 0 : padded);
  return r;
}

/* Precomputed tap ranges of every output position of every axis. */
static TapRange *allTaps(const PoolGeom *g) {
  int64_t total = g->out[0] + g->out[1] + g->out[2];
  TapRange *t = ipuKScratch(total, sizeof *t);
  if (!t)
    return NULL;
  int64_t k = 0;
  for (int a = 0; a < 3; a++)
    for (int64_t o = 0; o < g->out[a]; o++)
      t[k++] = taps(g, a, o);
  return t;
}

static void poolPlane(const IpuPoolParams *p, const PoolGeom *g,
                      const TapRange *tz0, const TapRange *ty0,
                      const TapRange *tx0, const float *restrict x,
                      float *restrict y, int64_t *idx, int64_t planeBase) {
  float power = p->kind == IPU_POOL_LP ? (float)(p->p ? p->p : 2) : 0.0f;
  for (int64_t oz = 0; oz < g->out[0]; oz++)
    for (int64_t oy = 0; oy < g->out[1]; oy++)
      for (int64_t ox = 0; ox < g->out[2]; ox++) {
        TapRange tz = tz0[oz], ty = ty0[oy], tx = tx0[ox];
        int64_t z0 = oz * g->s[0] - g->pb[0], y0 = oy * g->s[1] - g->pb[1];
        int64_t x0 = ox * g->s[2] - g->pb[2];
        float acc = p->kind == IPU_POOL_MAX ? -INFINITY : 0.0f;
        int64_t best = -1;
        for (int64_t a = tz.lo; a < tz.hi; a++)
          for (int64_t b = ty.lo; b < ty.hi; b++) {
            int64_t iz = z0 + a * g->d[0], iy = y0 + b * g->d[1];
            const float *row = x + (iz * g->in[1] + iy) * g->in[2];
            for (int64_t c = tx.lo; c < tx.hi; c++) {
              int64_t ix = x0 + c * g->d[2];
              float v = row[ix];
              if (p->kind == IPU_POOL_MAX) {
                if (v > acc || best < 0) {
                  acc = v;
                  best = (iz * g->in[1] + iy) * g->in[2] + ix;
                  if (p->storageOrder == 1)
                    best = (ix * g->in[1] + iy) * g->in[0] + iz;
                }
              } else if (p->kind == IPU_POOL_AVERAGE) {
                acc += v;
              } else {
                acc += powf(fabsf(v), power);
              }
            }
          }
        int64_t o = (oz * g->out[1] + oy) * g->out[2] + ox;
        if (p->kind == IPU_POOL_AVERAGE) {
          /* In double: padded window sizes may be huge. */
          double count = p->countIncludePad
                             ? (double)tz.padded * ty.padded * tx.padded
                             : (double)(tz.hi - tz.lo) * (ty.hi - ty.lo) *
                                   (tx.hi - tx.lo);
          acc = count > 0 ? (float)(acc / count) : 0.0f;
        } else if (p->kind == IPU_POOL_LP) {
          acc = powf(acc, 1.0f / power);
        }
        y[o] = acc;
        if (idx)
          idx[o] = best < 0 ? 0 : planeBase + best;
      }
}

bool ipuKernelPool(const IpuPoolParams *p, const IpuTensor *x, IpuTensor *y,
                   IpuTensor *indices, IpuKernelError *err) {
  const char *op = p ? poolName(p->kind) : "Pool";
  memset(y, 0, sizeof *y);
  if (indices)
    memset(indices, 0, sizeof *indices);
  if (!p)
    return ipuKFail(err, op, "missing attributes");
  if ((unsigned)p->kind > IPU_POOL_LP)
    return ipuKFail(err, op, "unknown pool kind %d", (int)p->kind);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  bool intOk = p->kind == IPU_POOL_MAX &&
               (x->dtype == IPU_DTYPE_I8 || x->dtype == IPU_DTYPE_U8);
  if (!ipuKIsFloat(x->dtype) && !intOk)
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  if (indices && p->kind != IPU_POOL_MAX)
    return ipuKFail(err, op, "only MaxPool has indices");
  if (p->storageOrder != 0 && p->storageOrder != 1)
    return ipuKFail(err, op, "storage_order must be 0 or 1");
  if (p->kind == IPU_POOL_LP && (p->p < 0 || p->p > 1000))
    return ipuKFail(err, op, "invalid p %lld", (long long)p->p);
  PoolGeom g;
  if (!poolGeom(op, p, x, &g, err))
    return false;
  int64_t shape[IPU_TENSOR_MAX_RANK] = {x->shape[0], x->shape[1]};
  for (int i = 0; i < g.nsp; i++)
    shape[2 + i] = g.out[3 - g.nsp + i];
  IpuTensor tx;
  TapRange *t = NULL;
  /* The results first: their size check bounds the tap tables. */
  const float *xd = ipuKAsF32(x, &tx, op, err);
  bool ok = xd && ipuKAlloc(y, IPU_DTYPE_F32, x->rank, shape, op, err) &&
            (!indices ||
             ipuKAlloc(indices, IPU_DTYPE_I64, x->rank, shape, op, err)) &&
            ((t = allTaps(&g)) || ipuKFail(err, op, "out of memory"));
  if (ok) {
    for (int64_t pl = 0; pl < g.planes && g.outSize > 0; pl++)
      poolPlane(p, &g, t, t + g.out[0], t + g.out[0] + g.out[1],
                xd + pl * g.inSize, (float *)y->data + pl * g.outSize,
                indices ? (int64_t *)indices->data + pl * g.outSize : NULL,
                pl * g.inSize);
    ok = ipuKFromF32(y, x->dtype, op, err);
  }
  if (!ok) {
    ipuTensorFree(y);
    if (indices)
      ipuTensorFree(indices);
  }
  free(t);
  ipuTensorFree(&tx);
  return ok;
}

/* The mean (rounded to nearest, ties away from zero: the integer form of
 * a quantized average at the input's scale) or the maximum of each plane
 * of an integer tensor; sums in 64 bits. */
static bool globalPoolInteger(IpuPoolKind kind, const IpuTensor *x,
                              IpuTensor *y, const char *op,
                              IpuKernelError *err) {
  int64_t shape[IPU_TENSOR_MAX_RANK] = {x->shape[0], x->shape[1]};
  for (int i = 2; i < x->rank; i++)
    shape[i] = 1;
  int64_t planes = x->shape[0] * x->shape[1];
  int64_t size = ipuKProduct(x->shape, 2, x->rank);
  if (!ipuKAlloc(y, x->dtype, x->rank, shape, op, err))
    return false;
  for (int64_t pl = 0; pl < planes; pl++) {
    int64_t base = pl * size, out = 0;
    if (kind == IPU_POOL_MAX) {
      out = size ? ipuKLoadI64(x->data, x->dtype, base) : 0;
      for (int64_t i = 1; i < size; i++) {
        int64_t v = ipuKLoadI64(x->data, x->dtype, base + i);
        out = v > out ? v : out;
      }
    } else if (size) {
      int64_t sum = 0;
      for (int64_t i = 0; i < size; i++)
        if (!ipuKAdd(sum, ipuKLoadI64(x->data, x->dtype, base + i), &sum)) {
          ipuTensorFree(y);
          return ipuKFail(err, op, "the sum of a plane overflows 64 bits");
        }
      /* |sum| + size / 2 fits: |sum| <= 2^63, size < 2^62. */
      uint64_t mag = sum < 0 ? 0 - (uint64_t)sum : (uint64_t)sum;
      uint64_t q = (mag + (uint64_t)size / 2) / (uint64_t)size;
      out = size == 1 ? sum : sum < 0 ? -(int64_t)q : (int64_t)q;
    }
    ipuKStoreI64(y->data, x->dtype, pl, out);
  }
  return true;
}

bool ipuKernelGlobalPool(IpuPoolKind kind, int64_t p, const IpuTensor *x,
                         IpuTensor *y, IpuKernelError *err) {
  const char *op = kind == IPU_POOL_MAX       ? "GlobalMaxPool"
                   : kind == IPU_POOL_AVERAGE ? "GlobalAveragePool"
                                              : "GlobalLpPool";
  memset(y, 0, sizeof *y);
  if ((unsigned)kind > IPU_POOL_LP)
    return ipuKFail(err, op, "unknown pool kind %d", (int)kind);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (x->rank < 2)
    return ipuKFail(err, op, "input must have rank >= 2, not %d", x->rank);
  if (kind != IPU_POOL_LP && ipuKIsInteger(x->dtype))
    return globalPoolInteger(kind, x, y, op, err);
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  if (kind == IPU_POOL_LP && (p < 0 || p > 1000))
    return ipuKFail(err, op, "invalid p %lld", (long long)p);
  int64_t shape[IPU_TENSOR_MAX_RANK] = {x->shape[0], x->shape[1]};
  for (int i = 2; i < x->rank; i++)
    shape[i] = 1;
  int64_t planes = x->shape[0] * x->shape[1];
  int64_t size = ipuKProduct(x->shape, 2, x->rank);
  IpuTensor tx;
  const float *xd = ipuKAsF32(x, &tx, op, err);
  if (!xd || !ipuKAlloc(y, IPU_DTYPE_F32, x->rank, shape, op, err)) {
    ipuTensorFree(&tx);
    return false;
  }
  float *yd = y->data;
  double power = p ? (double)p : 2.0;
  for (int64_t pl = 0; pl < planes; pl++) {
    const float *s = xd + pl * size;
    if (kind == IPU_POOL_MAX) {
      float m = -INFINITY;
      for (int64_t i = 0; i < size; i++)
        m = s[i] > m ? s[i] : m;
      yd[pl] = m;
    } else if (kind == IPU_POOL_AVERAGE) {
      double sum = 0;
      for (int64_t i = 0; i < size; i++)
        sum += s[i];
      yd[pl] = size ? (float)(sum / (double)size) : NAN;
    } else {
      double sum = 0;
      for (int64_t i = 0; i < size; i++)
        sum += pow(fabs(s[i]), power);
      yd[pl] = (float)pow(sum, 1.0 / power);
    }
  }
  ipuTensorFree(&tx);
  return ipuKFromF32(y, x->dtype, op, err);
}
