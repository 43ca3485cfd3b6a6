/* ONNX Resize: nearest, linear and cubic interpolation with every
 * coordinate transformation mode, applied one axis at a time (the ONNX
 * reference interpolates separably as well). Coordinates are computed in
 * double as the reference does, so rounding ties land the same way. */
#include "kernel_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


static const char op[] = "Resize";

/* How output position o of an axis reads the input: up to four taps, or
 * the extrapolation value. */
typedef struct {
  int64_t idx[4];
  double w[4];
  int taps;
  bool extrapolate;
} Sample;

typedef struct {
  int64_t in, out;
  double scale;  /* out / in, or the given scale */
  double length; /* the resized length the coordinate formulas use */
  double roiStart, roiEnd;
} AxisMap;

/* The input coordinate of output position x (ONNX's formulas). */
static double sourceCoord(IpuResizeCoordMode mode, const AxisMap *m,
                          double x, bool *outside) {
  double in = (double)m->in, s = m->scale, len = m->length;
  *outside = false;
  switch (mode) {
  case IPU_RESIZE_ALIGN_CORNERS:
    return len == 1 ? 0.0 : x * (in - 1) / (len - 1);
  case IPU_RESIZE_ASYMMETRIC:
    return x / s;
  case IPU_RESIZE_TF_HALF_PIXEL_FOR_NN:
    return (x + 0.5) / s;
  case IPU_RESIZE_PYTORCH_HALF_PIXEL:
    return len == 1 ? -0.5 : (x + 0.5) / s - 0.5;
  case IPU_RESIZE_TF_CROP_AND_RESIZE: {
    double span = (m->roiEnd - m->roiStart) * (in - 1);
    double v = len == 1 ? span / 2 : x * span / (len - 1);
    v += m->roiStart * (in - 1);
    *outside = v < 0 || v > in - 1;
    return v;
  }
  case IPU_RESIZE_HALF_PIXEL_SYMMETRIC: {
    double adjustment = (double)m->out / len;
    double offset = in / 2 * (1 - adjustment);
    return offset + (x + 0.5) / s - 0.5;
  }
  default: /* half_pixel */
    return (x + 0.5) / s - 0.5;
  }
}

static int64_t clampIndex(double v, int64_t in) {
  if (!(v > 0))
    return 0;
  if (v >= (double)(in - 1))
    return in - 1;
  return (int64_t)v;
}

static Sample sample(const IpuResizeParams *p, const AxisMap *m, int64_t o) {
  Sample s;
  memset(&s, 0, sizeof s);
  bool outside;
  double x = sourceCoord(p->coordMode, m, (double)o, &outside);
  if (outside) {
    s.extrapolate = true;
    return s;
  }
  double f = floor(x), r = x - f;
  if (p->mode == IPU_RESIZE_NEAREST) {
    double pick = f;
    if (r != 0) {
      switch (p->nearestMode) {
      case IPU_RESIZE_ROUND_PREFER_CEIL: pick = r < 0.5 ? f : f + 1; break;
      case IPU_RESIZE_FLOOR: pick = f; break;
      case IPU_RESIZE_CEIL: pick = f + 1; break;
      default: pick = r <= 0.5 ? f : f + 1; break;
      }
    }
    s.taps = 1;
    s.idx[0] = clampIndex(pick, m->in);
    s.w[0] = 1;
    return s;
  }
  if (p->mode == IPU_RESIZE_LINEAR) {
    s.taps = 2;
    s.idx[0] = clampIndex(f, m->in);
    s.idx[1] = clampIndex(f + 1, m->in);
    s.w[0] = 1 - r;
    s.w[1] = r;
    return s;
  }
  /* Cubic: neighbours f-1 .. f+2 with Keys' coefficients. */
  double a = p->cubicCoeffA;
  double t0 = r + 1, t1 = r, t2 = 1 - r, t3 = 2 - r;
  s.taps = 4;
  s.w[0] = ((a * t0 - 5 * a) * t0 + 8 * a) * t0 - 4 * a;
  s.w[1] = ((a + 2) * t1 - (a + 3)) * t1 * t1 + 1;
  s.w[2] = ((a + 2) * t2 - (a + 3)) * t2 * t2 + 1;
  s.w[3] = ((a * t3 - 5 * a) * t3 + 8 * a) * t3 - 4 * a;
  double sum = 0;
  for (int k = 0; k < 4; k++) {
    double pos = f - 1 + k;
    if (p->excludeOutside && (pos < 0 || pos >= (double)m->in))
      s.w[k] = 0;
    sum += s.w[k];
    s.idx[k] = clampIndex(pos, m->in);
  }
  if (p->excludeOutside && sum != 0)
    for (int k = 0; k < 4; k++)
      s.w[k] /= sum;
  return s;
}

/* One axis: x viewed as (outer, in, inner) becomes (outer, out, inner). */
static void resizeAxisF32(const Sample *samples, int64_t outer, int64_t in,
                          int64_t out, int64_t inner, float extrapolation,
                          const float *restrict x, float *restrict y) {
  for (int64_t a = 0; a < outer; a++) {
    const float *src = x + a * in * inner;
    for (int64_t o = 0; o < out; o++) {
      const Sample *s = &samples[o];
      float *dst = y + (a * out + o) * inner;
      if (s->extrapolate) {
        for (int64_t j = 0; j < inner; j++)
          dst[j] = extrapolation;
        continue;
      }
      const float *r0 = src + s->idx[0] * inner;
      float w0 = (float)s->w[0];
      for (int64_t j = 0; j < inner; j++)
        dst[j] = w0 * r0[j];
      for (int k = 1; k < s->taps; k++) {
        const float *rk = src + s->idx[k] * inner;
        float wk = (float)s->w[k];
        for (int64_t j = 0; j < inner; j++)
          dst[j] += wk * rk[j];
      }
    }
  }
}

/* Nearest on any element type: byte moves. */
static void resizeAxisBytes(const Sample *samples, int64_t outer, int64_t in,
                            int64_t out, int64_t inner, size_t es,
                            const unsigned char *fill, const char *x,
                            char *y) {
  size_t row = (size_t)inner * es;
  for (int64_t a = 0; a < outer; a++)
    for (int64_t o = 0; o < out; o++) {
      char *dst = y + (size_t)(a * out + o) * row;
      if (samples[o].extrapolate) {
        for (int64_t j = 0; j < inner; j++)
          memcpy(dst + (size_t)j * es, fill, es);
      } else if (row) {
        memcpy(dst, x + (size_t)(a * in + samples[o].idx[0]) * row, row);
      }
    }
}

static bool isIdentity(const Sample *s, int64_t n, int64_t in) {
  if (n != in)
    return false;
  for (int64_t o = 0; o < n; o++) {
    if (s[o].extrapolate)
      return false;
    for (int k = 0; k < s[o].taps; k++)
      if (s[o].w[k] != (s[o].idx[k] == o ? 1.0 : 0.0))
        return false;
  }
  return true;
}

static bool axisMaps(const IpuResizeParams *p, const IpuTensor *x,
                     AxisMap *maps, int64_t *shape, IpuKernelError *err) {
  if ((p->scales == NULL) == (p->sizes == NULL))
    return ipuKFail(err, op, "exactly one of scales and sizes is needed");
  bool crop = p->coordMode == IPU_RESIZE_TF_CROP_AND_RESIZE;
  for (int a = 0; a < x->rank; a++) {
    AxisMap *m = &maps[a];
    m->in = x->shape[a];
    m->roiStart = crop && p->roi ? p->roi[a] : 0.0;
    m->roiEnd = crop && p->roi ? p->roi[x->rank + a] : 1.0;
    if (!isfinite(m->roiStart) || !isfinite(m->roiEnd))
      return ipuKFail(err, op, "roi must be finite");
    if (p->sizes) {
      int64_t out = p->sizes[a];
      if (out < 0 || out > ((int64_t)1 << 40))
        return ipuKFail(err, op, "invalid size %lld on axis %d",
                        (long long)out, a);
      m->out = out;
      m->scale = m->in ? (double)out / (double)m->in : 1.0;
      m->length = (double)out;
    } else {
      double s = p->scales[a];
      if (!(s > 0) || !isfinite(s))
        return ipuKFail(err, op, "scale %g on axis %d must be positive", s, a);
      double len = (double)m->in * s * (crop ? m->roiEnd - m->roiStart : 1.0);
      if (!(len >= 0) || len > (double)((int64_t)1 << 40))
        return ipuKFail(err, op, "invalid output extent on axis %d", a);
      m->out = (int64_t)floor(len);
      m->scale = s;
      m->length = (double)m->in * s;
    }
    if (m->in == 0 && m->out > 0)
      return ipuKFail(err, op, "cannot resize the empty axis %d", a);
    shape[a] = m->out;
  }
  /* Fail at once on a result no tensor can hold (2 GiB as f32, zero
   * extents counted as one), before resizing any axis. */
  uint64_t volume = sizeof(float);
  for (int a = 0; a < x->rank; a++) {
    uint64_t extent = shape[a] ? (uint64_t)shape[a] : 1;
    if (extent > ((uint64_t)1 << 31) / volume)
      return ipuKFail(err, op, "the result would be too large");
    volume *= extent;
  }
  return true;
}

bool ipuKernelResize(const IpuResizeParams *p, const IpuTensor *x,
                     IpuTensor *y, IpuKernelError *err) {
  memset(y, 0, sizeof *y);
  if (!p)
    return ipuKFail(err, op, "missing attributes");
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if ((unsigned)p->mode > IPU_RESIZE_CUBIC ||
      (unsigned)p->coordMode > IPU_RESIZE_HALF_PIXEL_SYMMETRIC ||
      (unsigned)p->nearestMode > IPU_RESIZE_CEIL)
    return ipuKFail(err, op, "unknown mode");
  bool floatPath = p->mode != IPU_RESIZE_NEAREST || ipuKIsFloat(x->dtype);
  if (floatPath && !ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "%s interpolation needs a float type, not %s",
                    p->mode == IPU_RESIZE_LINEAR ? "linear" : "cubic",
                    ipuDTypeName(x->dtype));
  if (!floatPath && ipuDTypeSize(x->dtype) == 0)
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  if (p->coordMode == IPU_RESIZE_TF_CROP_AND_RESIZE && !p->roi)
    return ipuKFail(err, op, "tf_crop_and_resize needs roi");
  AxisMap maps[IPU_TENSOR_MAX_RANK];
  int64_t outShape[IPU_TENSOR_MAX_RANK];
  if (!axisMaps(p, x, maps, outShape, err))
    return false;
  int64_t outCount = 1;
  for (int a = 0; a < x->rank; a++)
    outCount *= outShape[a] ? 1 : 0;
  if (outCount == 0 || ipuTensorNumElements(x) == 0)
    return ipuKAlloc(y, x->dtype, x->rank, outShape, op, err);
  /* Resize axis by axis, innermost first, through a current tensor. */
  IpuTensor cur;
  if (floatPath) {
    IpuTensor tmp;
    const float *d = ipuKAsF32(x, &tmp, op, err);
    if (!d)
      return false;
    if (tmp.data)
      cur = tmp;
    else if (!ipuTensorClone(&cur, x))
      return ipuKFail(err, op, "out of memory");
  } else if (!ipuTensorClone(&cur, x)) {
    return ipuKFail(err, op, "out of memory");
  }
  unsigned char fill[16];
  memset(fill, 0, sizeof fill);
  ipuKStoreF64(fill, x->dtype, 0, p->extrapolationValue);
  for (int a = x->rank - 1; a >= 0; a--) {
    const AxisMap *m = &maps[a];
    Sample *samples = ipuKScratch(m->out, sizeof *samples);
    if (!samples) {
      ipuTensorFree(&cur);
      return ipuKFail(err, op, "out of memory");
    }
    for (int64_t o = 0; o < m->out; o++)
      samples[o] = sample(p, m, o);
    if (isIdentity(samples, m->out, m->in)) {
      free(samples);
      continue;
    }
    int64_t shape[IPU_TENSOR_MAX_RANK];
    memcpy(shape, cur.shape, sizeof shape);
    shape[a] = m->out;
    IpuTensor next;
    if (!ipuKAlloc(&next, cur.dtype, cur.rank, shape, op, err)) {
      free(samples);
      ipuTensorFree(&cur);
      return false;
    }
    int64_t outer = ipuKProduct(cur.shape, 0, a);
    int64_t inner = ipuKProduct(cur.shape, a + 1, cur.rank);
    if (floatPath)
      resizeAxisF32(samples, outer, m->in, m->out, inner,
                    p->extrapolationValue, cur.data, next.data);
    else
      resizeAxisBytes(samples, outer, m->in, m->out, inner,
                      ipuDTypeSize(cur.dtype), fill, cur.data, next.data);
    free(samples);
    ipuTensorFree(&cur);
    cur = next;
  }
  *y = cur;
  return floatPath ? ipuKFromF32(y, x->dtype, op, err) : true;
}
