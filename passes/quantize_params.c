/* quantize, part 2: choosing the parameters. Activation scales from the
 * calibrated ranges, symmetric per-channel weight scales, and the
 * fixed-point multiplier + shift of a real rescaling factor. */
#include <math.h>
#include <string.h>

#include "quantize.h"

float qActivationScale(const QRange *r, int qmax) {
  double bound = r ? r->clipped : 0.0;
  if (!(bound > 0) || !isfinite(bound))
    return 1.0f;
  return (float)(bound / qmax);
}

void qMultiplier(double factor, int64_t *multiplier, int64_t *shift) {
  int e;
  double q = frexp(factor, &e); /* factor = q * 2^e, q in [0.5, 1) */
  int64_t m = (int64_t)llround(q * 2147483648.0);
  if (m == ((int64_t)1 << 31)) {
    m /= 2;
    e++;
  }
  if (!(factor > 0) || -e > 31) { /* below 2^-63: contributes nothing */
    *multiplier = 0;
    *shift = 0;
    return;
  }
  if (-e < -30) { /* beyond 2^30: saturates anyway */
    *multiplier = INT32_MAX;
    *shift = -30;
    return;
  }
  *multiplier = m;
  *shift = -e;
}

bool qQuantizeWeights(const IpuTensor *w, int64_t channels,
                      int64_t (*channelOf)(const IpuTensor *, int64_t,
                                           const void *),
                      const void *channelData, int qmax, IpuTensor *wq,
                      float *scales) {
  if (!ipuTensorInit(wq, IPU_DTYPE_I8, w->rank, w->shape))
    return false;
  int64_t n = ipuTensorNumElements(w);
  for (int64_t c = 0; c < channels; ++c)
    scales[c] = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t c = channelOf(w, i, channelData);
    float a = fabsf((float)ipuPassTensorGetF(w, i));
    if (a > scales[c] && isfinite(a))
      scales[c] = a;
  }
  for (int64_t c = 0; c < channels; ++c)
    scales[c] = scales[c] > 0 ? scales[c] / (float)qmax : 1.0f;
  int8_t *out = wq->data;
  for (int64_t i = 0; i < n; ++i) {
    int64_t c = channelOf(w, i, channelData);
    double v = nearbyint(ipuPassTensorGetF(w, i) / scales[c]);
    v = v < -qmax ? -qmax : v > qmax ? qmax : v;
    out[i] = (int8_t)(isnan(v) ? 0 : v);
  }
  return true;
}

/* In-place Cholesky factor (lower, a = L L^T) of the n x n matrix a;
 * false if it is not positive definite. */
static bool cholesky(double *a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (int64_t p = 0; p < j; ++p)
      d -= a[j * n + p] * a[j * n + p];
    if (!(d > 0))
      return false;
    d = sqrt(d);
    a[j * n + j] = d;
    for (int64_t i = j + 1; i < n; ++i) {
      double v = a[i * n + j];
      for (int64_t p = 0; p < j; ++p)
        v -= a[i * n + p] * a[j * n + p];
      a[i * n + j] = v / d;
    }
    for (int64_t i = 0; i < j; ++i)
      a[i * n + j] = 0;
  }
  return true;
}

/* The upper Cholesky factor U of the inverse of the damped `gram`
 * (inverse = U^T U) into u (k x k). */
static bool inverseUpperFactor(IpuContext *ctx, const double *gram,
                               int64_t k, double *u) {
  double mean = 0;
  for (int64_t i = 0; i < k; ++i)
    mean += gram[i * k + i];
  mean = mean > 0 ? mean / (double)k : 1.0;
  double *l = ipuAlloc(ctx, sizeof(double) * (size_t)(k * k));
  if (!l)
    return false;
  memcpy(l, gram, sizeof(double) * (size_t)(k * k));
  for (int64_t i = 0; i < k; ++i)
    l[i * k + i] += l[i * k + i] > 0 ? 0.01 * mean : mean;
  bool ok = cholesky(l, k);
  /* inv = L^-T L^-1: first M = L^-1 (lower), then inv = M^T M. */
  for (int64_t c = 0; ok && c < k; ++c) {
    /* Column c of L^-1 by forward substitution, into u's column c. */
    for (int64_t i = 0; i < k; ++i) {
      double v = i == c ? 1.0 : 0.0;
      for (int64_t p = c; p < i; ++p)
        v -= l[i * k + p] * u[p * k + c];
      u[i * k + c] = i < c ? 0 : v / l[i * k + i];
    }
  }
  if (ok) {
    /* inv = M^T M, symmetric, into l. */
    for (int64_t i = 0; i < k; ++i)
      for (int64_t j = 0; j <= i; ++j) {
        double v = 0;
        for (int64_t p = i; p < k; ++p)
          v += u[p * k + i] * u[p * k + j];
        l[i * k + j] = l[j * k + i] = v;
      }
    ok = cholesky(l, k); /* inv = L L^T, so U = L^T */
    for (int64_t i = 0; ok && i < k; ++i)
      for (int64_t j = 0; j < k; ++j)
        u[i * k + j] = l[j * k + i];
  }
  ipuFree(ctx, l);
  return ok;
}

bool qGptqRound(IpuContext *ctx, double *w, int64_t n, int64_t k,
                const double *gram, int qmax, int8_t *q, float *scales) {
  for (int64_t r = 0; r < n; ++r) {
    double m = 0;
    for (int64_t c = 0; c < k; ++c)
      m = fabs(w[r * k + c]) > m ? fabs(w[r * k + c]) : m;
    scales[r] = m > 0 ? (float)(m / qmax) : 1.0f;
  }
  double *u = ipuAlloc(ctx, sizeof(double) * (size_t)(k * k));
  bool ok = u && inverseUpperFactor(ctx, gram, k, u);
  for (int64_t r = 0; r < n; ++r) {
    double *row = &w[r * k];
    for (int64_t c = 0; c < k; ++c) {
      double v = nearbyint(row[c] / scales[r]);
      v = v < -qmax ? -qmax : v > qmax ? qmax : v;
      q[r * k + c] = (int8_t)(isnan(v) ? 0 : v);
      if (!ok)
        continue;
      double err = (row[c] - v * scales[r]) / u[c * k + c];
      for (int64_t j = c + 1; j < k; ++j)
        row[j] -= err * u[c * k + j];
    }
  }
  ipuFree(ctx, u);
  return ok;
}
