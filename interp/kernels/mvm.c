/* The tile dialect's arithmetic, shared by the tile evaluator and the .ipub
 * simulator so that the two agree bit for bit: matrix-vector products with
 * bit-sliced inputs and the ADC, input windows, partial-sum accumulation. */
#include "kernel_util.h"

#include <stdlib.h>
#include <string.h>

/* The int16 dot products below are exact in int32 while
 * k * 128 * 128 < 2^31 (slices and weights are within [-128, 128]). */
#define EXACT_I32_MAX_K 131071
/* Packed rows are padded to a multiple of this, so the inner loops have
 * no remainder. */
#define PACK_ALIGN 32

static int64_t padK(int64_t k) {
  return (k + PACK_ALIGN - 1) / PACK_ALIGN * PACK_ALIGN;
}

bool ipuMvmPack(const int8_t *w, int64_t k, int64_t n, IpuMvmPacked *out,
                IpuKernelError *err) {
  memset(out, 0, sizeof *out);
  int64_t kp = padK(k), count;
  if (k < 0 || n < 0 || !ipuKMul(kp, n, &count))
    return ipuKFail(err, "MVM", "invalid block of %lld x %lld", (long long)k,
                    (long long)n);
  int16_t *wt = ipuKScratch(count, sizeof *wt);
  if (!wt)
    return ipuKFail(err, "MVM", "out of memory packing a %lld x %lld block",
                    (long long)k, (long long)n);
  memset(wt, 0, (size_t)count * sizeof *wt);
  /* Transposed: one contiguous, zero-padded run of K weights per output;
   * in square tiles, so that neither side is walked with a large stride. */
  enum { TILE = 64 };
  for (int64_t k0 = 0; k0 < k; k0 += TILE)
    for (int64_t j0 = 0; j0 < n; j0 += TILE) {
      int64_t k1 = k0 + TILE < k ? k0 + TILE : k;
      int64_t j1 = j0 + TILE < n ? j0 + TILE : n;
      for (int64_t j = j0; j < j1; ++j)
        for (int64_t kk = k0; kk < k1; ++kk)
          wt[j * kp + kk] = w[kk * n + j];
    }
  out->k = k;
  out->n = n;
  out->kPadded = kp;
  out->weights = wt;
  return true;
}

void ipuMvmPackedFree(IpuMvmPacked *w) {
  free(w->weights);
  memset(w, 0, sizeof *w);
}

bool ipuMvmParamsCheck(const IpuMvmParams *p, IpuKernelError *err) {
  if (p->adcBits < 1 || p->adcBits > 32 || p->adcShift < 0 ||
      p->adcShift > 31)
    return ipuKFail(err, "MVM", "adc_bits must be in [1, 32] and adc_shift "
                    "in [0, 31]");
  if (p->inputBits < 2 || p->inputBits > 8 || p->inputSlices < 1 ||
      p->inputSlices > 16)
    return ipuKFail(err, "MVM", "input_bits must be in [2, 8] and "
                    "input_slices in [1, 16]");
  return true;
}

/* The ADC: round half up after a right shift by `shift`, then clamp to the
 * signed range of `bits` bits. */
static int32_t adcRead(int64_t acc, int64_t shift, int64_t bits) {
  if (shift > 0)
    acc = (acc + ((int64_t)1 << (shift - 1))) >> shift;
  int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -hi - 1;
  return (int32_t)(acc < lo ? lo : acc > hi ? hi : acc);
}

/* Slice `i` of `n` of the input value x as a DAC of `bits` bits applies
 * it: the lower slices are unsigned (bits - 1)-bit digits, the top one
 * the signed rest, saturated to `bits` bits. */
static int64_t inputSlice(int64_t x, int64_t i, int64_t n, int64_t bits) {
  int64_t at = (bits - 1) * i;
  /* Beyond the 16 bits of x only its sign remains (0 or -1). */
  int64_t v = x >> (at < 63 ? at : 63);
  if (i < n - 1)
    return v & (((int64_t)1 << (bits - 1)) - 1);
  int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -hi - 1;
  return v < lo ? lo : v > hi ? hi : v;
}

static int64_t loadInput(const IpuTensor *x, int64_t i) {
  return x->dtype == IPU_DTYPE_I8 ? ((const int8_t *)x->data)[i]
                                  : ((const int16_t *)x->data)[i];
}

/* Four dot products sharing each weight load; kp is a multiple of
 * PACK_ALIGN. Written for the vectoriser (a widening multiply-add). */
static void dot4(const int16_t *restrict x0, const int16_t *restrict x1,
                 const int16_t *restrict x2, const int16_t *restrict x3,
                 const int16_t *restrict w, int64_t kp, int32_t *out) {
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int64_t i = 0; i < kp; ++i) {
    int32_t wi = w[i];
    s0 += x0[i] * wi;
    s1 += x1[i] * wi;
    s2 += x2[i] * wi;
    s3 += x3[i] * wi;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

static int32_t dot1(const int16_t *restrict x, const int16_t *restrict w,
                    int64_t kp) {
  int32_t s = 0;
  for (int64_t i = 0; i < kp; ++i)
    s += x[i] * (int32_t)w[i];
  return s;
}

/* acc[r][j] = sum_k xs[r][k] * w[j][k] for `rows` packed input rows. */
static void dotRows(const int16_t *xs, int64_t rows, const IpuMvmPacked *w,
                    int32_t *acc) {
  int64_t kp = w->kPadded, n = w->n, r = 0;
  for (; r + 4 <= rows; r += 4) {
    const int16_t *x0 = xs + r * kp;
    for (int64_t j = 0; j < n; ++j) {
      int32_t s[4];
      dot4(x0, x0 + kp, x0 + 2 * kp, x0 + 3 * kp, w->weights + j * kp, kp, s);
      for (int q = 0; q < 4; ++q)
        acc[(r + q) * n + j] = s[q];
    }
  }
  for (; r < rows; ++r)
    for (int64_t j = 0; j < n; ++j)
      acc[r * n + j] = dot1(xs + r * kp, w->weights + j * kp, kp);
}

/* Rows processed per chunk: bounds the scratch and keeps it in cache. */
#define CHUNK_ROWS 64

/* Blocks too tall for exact int32 sums: the plain int64 definition. */
static void mvmWide(const IpuMvmParams *p, const IpuTensor *x,
                    const IpuMvmPacked *w, int32_t *y) {
  int64_t m = x->shape[0], k = w->k, n = w->n, kp = w->kPadded;
  for (int64_t r = 0; r < m; ++r)
    for (int64_t j = 0; j < n; ++j) {
      uint32_t sum = 0;
      for (int64_t s = 0; s < p->inputSlices; ++s) {
        int64_t acc = 0;
        for (int64_t kk = 0; kk < k; ++kk)
          acc += inputSlice(loadInput(x, r * k + kk), s, p->inputSlices,
                            p->inputBits) *
                 w->weights[j * kp + kk];
        int64_t place = (p->inputBits - 1) * s;
        if (place < 32)
          sum += (uint32_t)adcRead(acc, p->adcShift, p->adcBits) << place;
      }
      y[r * n + j] = (int32_t)sum;
    }
}

bool ipuKernelMvm(const IpuMvmParams *p, const IpuTensor *x,
                  const IpuMvmPacked *w, IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "MVM";
  memset(y, 0, sizeof *y);
  if (!ipuMvmParamsCheck(p, err) || !ipuKCheck(x, op, "input", err))
    return false;
  if ((x->dtype != IPU_DTYPE_I8 && x->dtype != IPU_DTYPE_I16) || x->rank != 2)
    return ipuKFail(err, op, "expects a 2-D i8 or i16 input");
  if (x->shape[1] != w->k)
    return ipuKFail(err, op, "input vectors have %lld elements, the block "
                    "has %lld rows", (long long)x->shape[1], (long long)w->k);
  int64_t m = x->shape[0], k = w->k, n = w->n, kp = w->kPadded;
  int64_t shape[2] = {m, n};
  if (!ipuKAlloc(y, IPU_DTYPE_I32, 2, shape, op, err))
    return false;
  int32_t *out = y->data;
  if (k > EXACT_I32_MAX_K) {
    mvmWide(p, x, w, out);
    return true;
  }
  /* An i8 input in one 8-bit slice read by an exact ADC is the plain
   * product: the dot products are the result. */
  bool plain = p->inputSlices == 1 && p->inputBits == 8 &&
               p->adcShift == 0 && p->adcBits == 32 &&
               x->dtype == IPU_DTYPE_I8;
  int16_t *xs = ipuKScratch(CHUNK_ROWS * kp, sizeof *xs);
  int32_t *acc = plain ? NULL : ipuKScratch(CHUNK_ROWS * n, sizeof *acc);
  if (!xs || (!plain && !acc)) {
    free(xs);
    free(acc);
    ipuTensorFree(y);
    return ipuKFail(err, op, "out of memory");
  }
  memset(xs, 0, (size_t)(CHUNK_ROWS * kp) * sizeof *xs);
  for (int64_t r0 = 0; r0 < m; r0 += CHUNK_ROWS) {
    int64_t rows = m - r0 < CHUNK_ROWS ? m - r0 : CHUNK_ROWS;
    int32_t *yc = out + r0 * n;
    for (int64_t s = 0; s < p->inputSlices; ++s) {
      /* The slice's DAC values, within [-128, 127] whatever the input. */
      for (int64_t r = 0; r < rows; ++r) {
        int16_t *row = xs + r * kp;
        int64_t base = (r0 + r) * k;
        if (plain) {
          const int8_t *v = (const int8_t *)x->data + base;
          for (int64_t kk = 0; kk < k; ++kk)
            row[kk] = v[kk];
        } else {
          for (int64_t kk = 0; kk < k; ++kk)
            row[kk] = (int16_t)inputSlice(loadInput(x, base + kk), s,
                                          p->inputSlices, p->inputBits);
        }
      }
      if (plain) {
        dotRows(xs, rows, w, yc);
        continue;
      }
      dotRows(xs, rows, w, acc);
      /* A reading shifted by 32 or more places leaves no bit in i32. */
      int64_t place = (p->inputBits - 1) * s;
      if (place >= 32)
        continue;
      uint32_t *sum = (uint32_t *)yc;
      for (int64_t e = 0; e < rows * n; ++e)
        sum[e] += (uint32_t)adcRead(acc[e], p->adcShift, p->adcBits) << place;
    }
  }
  free(xs);
  free(acc);
  return true;
}

bool ipuKernelWindows(const IpuWindowParams *g, const IpuTensor *x,
                      IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Windows";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (x->rank != 4 || x->shape[0] != 1)
    return ipuKFail(err, op, "expects a 1 x C x H x W input");
  int64_t c = x->shape[1], h = x->shape[2], wd = x->shape[3];
  int64_t begin = g->channelBegin;
  int64_t count = g->channelCount < 0 ? c - begin : g->channelCount;
  if (begin < 0 || begin > c || count < 1 || count > c - begin)
    return ipuKFail(err, op, "channels out of range");
  int64_t out[2];
  for (int a = 0; a < 2; ++a) {
    if (g->kernel[a] < 1 || g->strides[a] < 1 || g->dilations[a] < 1 ||
        g->pads[a] < 0 || g->pads[a + 2] < 0 || g->pads[a] > INT32_MAX ||
        g->pads[a + 2] > INT32_MAX || g->kernel[a] > INT32_MAX ||
        g->strides[a] > INT32_MAX ||
        g->kernel[a] > (INT32_MAX / g->dilations[a]))
      return ipuKFail(err, op, "invalid window geometry");
    int64_t padded = x->shape[2 + a] + g->pads[a] + g->pads[a + 2];
    int64_t span = g->dilations[a] * (g->kernel[a] - 1) + 1;
    if (span > padded)
      return ipuKFail(err, op, "the kernel does not fit the input");
    out[a] = (padded - span) / g->strides[a] + 1;
  }
  int64_t shape[2];
  if (__builtin_mul_overflow(out[0], out[1], &shape[0]) ||
      __builtin_mul_overflow(count, g->kernel[0] * g->kernel[1], &shape[1]))
    return ipuKFail(err, op, "out of memory (windows too large)");
  if (!ipuKAlloc(y, x->dtype, 2, shape, op, err))
    return false;
  size_t es = ipuDTypeSize(x->dtype);
  const char *src = x->data;
  char *dst = y->data;
  /* Row r = oy * OW + ox; column (c * kh + ky) * kw + kx; the padding
   * stays as the allocation zeroed it. */
  for (int64_t oy = 0; oy < out[0]; ++oy)
    for (int64_t ox = 0; ox < out[1]; ++ox) {
      char *row = dst + (size_t)((oy * out[1] + ox) * shape[1]) * es;
      for (int64_t ch = 0; ch < count; ++ch)
        for (int64_t ky = 0; ky < g->kernel[0]; ++ky) {
          int64_t iy = oy * g->strides[0] - g->pads[0] + ky * g->dilations[0];
          if (iy < 0 || iy >= h)
            continue;
          for (int64_t kx = 0; kx < g->kernel[1]; ++kx) {
            int64_t ix =
                ox * g->strides[1] - g->pads[1] + kx * g->dilations[1];
            if (ix < 0 || ix >= wd)
              continue;
            int64_t col = (ch * g->kernel[0] + ky) * g->kernel[1] + kx;
            memcpy(row + (size_t)col * es,
                   src + (size_t)(((begin + ch) * h + iy) * wd + ix) * es,
                   es);
          }
        }
    }
  return true;
}

bool ipuKernelAccumulate(intptr_t numIns, const IpuTensor *const *ins,
                         IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Accumulate";
  memset(y, 0, sizeof *y);
  if (numIns < 1)
    return ipuKFail(err, op, "expects at least one partial sum");
  for (intptr_t i = 0; i < numIns; ++i)
    if (!ipuKCheck(ins[i], op, "partial sum", err) ||
        ins[i]->dtype != IPU_DTYPE_I32 || !ipuTensorSameShape(ins[i], ins[0]))
      return ipuKFail(err, op, "expects i32 partial sums of one shape");
  if (!ipuTensorClone(y, ins[0]))
    return ipuKFail(err, op, "out of memory");
  /* Two's complement wrap-around: unsigned arithmetic is defined. */
  uint32_t *acc = y->data;
  int64_t count = ipuTensorNumElements(ins[0]);
  for (intptr_t i = 1; i < numIns; ++i) {
    const int32_t *p = ins[i]->data;
    for (int64_t e = 0; e < count; ++e)
      acc[e] += (uint32_t)p[e];
  }
  return true;
}
