/* Evaluators of the tile dialect's dataflow ops: matrix-vector products
 * with resident weight blocks, bit-sliced inputs and the ADC, partial-sum
 * accumulation, input windows and channels. Integer arithmetic is exact;
 * see docs/dialects/tile.md for each op's bit-level definition. */
#include <string.h>

#include "eval.h"

/* The weights of the tile.block `op` names, as a K x N i8 tensor:
 * *owned tells whether *w must be freed (else it borrows the attribute). */
static bool blockWeights(IpuOp *op, IpuTensor *w, bool *owned) {
  IpuAttr ref = ipuOpGetAttr(op, "block");
  IpuOp *block = ref && ipuAttrGetKind(ref) == IPU_ATTR_SYMBOL_REF
                     ? ipuSymbolLookupNearest(op, ref)
                     : NULL;
  if (!block || !ipuOpIsA(block, "tile.block"))
    return ipuOpEmitError(op, "'block' does not reference a tile.block"),
           false;
  IpuAttr value = ipuOpGetAttr(block, "value");
  *owned = false;
  if (!value || !evalTensorViewOfAttr(value, w)) {
    if (ipuFailed(ipuInterpTensorFromAttr(ipuOpGetContext(op),
                                          ipuOpGetLoc(block), value, w)))
      return false;
    *owned = true;
  }
  if (w->dtype != IPU_DTYPE_I8 || w->rank != 2) {
    if (*owned)
      ipuTensorFree(w);
    return ipuOpEmitError(op, "the weights of the block are not a 2-D i8 "
                          "tensor"), false;
  }
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

typedef struct {
  int64_t adcBits, adcShift, inputBits, inputSlices;
} MvmParams;

static bool mvmParams(IpuOp *op, MvmParams *p) {
  if (!evalAttrI64(op, "adc_bits", 32, &p->adcBits) ||
      !evalAttrI64(op, "adc_shift", 0, &p->adcShift) ||
      !evalAttrI64(op, "input_bits", 8, &p->inputBits) ||
      !evalAttrI64(op, "input_slices", 1, &p->inputSlices))
    return false;
  if (p->adcBits < 1 || p->adcBits > 32 || p->adcShift < 0 ||
      p->adcShift > 31)
    return ipuOpEmitError(op, "adc_bits must be in [1, 32] and adc_shift "
                          "in [0, 31]"), false;
  if (p->inputBits < 2 || p->inputBits > 8 || p->inputSlices < 1 ||
      p->inputSlices > 16)
    return ipuOpEmitError(op, "input_bits must be in [2, 8] and "
                          "input_slices in [1, 16]"), false;
  return true;
}

/* Row `r` of x (K values) as int64. */
static void loadRow(const IpuTensor *x, int64_t r, int64_t k, int64_t *out) {
  if (x->dtype == IPU_DTYPE_I8) {
    const int8_t *v = (const int8_t *)x->data + r * k;
    for (int64_t i = 0; i < k; ++i)
      out[i] = v[i];
  } else {
    const int16_t *v = (const int16_t *)x->data + r * k;
    for (int64_t i = 0; i < k; ++i)
      out[i] = v[i];
  }
}

/* One input row through the block: a pass per slice, each read through
 * the ADC, the readings shifted into place and summed modulo 2^32. */
static void mvmRow(const MvmParams *p, const int64_t *xs, const int8_t *wv,
                   int64_t k, int64_t n, int64_t *acc, uint32_t *sum) {
  memset(sum, 0, sizeof *sum * (size_t)n);
  for (int64_t s = 0; s < p->inputSlices; ++s) {
    memset(acc, 0, sizeof *acc * (size_t)n);
    for (int64_t kk = 0; kk < k; ++kk) {
      int64_t a = inputSlice(xs[kk], s, p->inputSlices, p->inputBits);
      if (!a)
        continue;
      const int8_t *row = wv + kk * n;
      for (int64_t j = 0; j < n; ++j)
        acc[j] += a * row[j];
    }
    /* A reading shifted by 32 or more places leaves no bit in i32. */
    int64_t place = (p->inputBits - 1) * s;
    if (place >= 32)
      continue;
    for (int64_t j = 0; j < n; ++j)
      sum[j] += (uint32_t)adcRead(acc[j], p->adcShift, p->adcBits) << place;
  }
}

static IpuLogicalResult evalMvm(IpuOp *op, intptr_t numIns,
                                const IpuTensor *const *ins,
                                IpuTensor *outs) {
  MvmParams p;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) || !mvmParams(op, &p))
    return IPU_FAILURE;
  const IpuTensor *x = ins[0];
  if ((x->dtype != IPU_DTYPE_I8 && x->dtype != IPU_DTYPE_I16) || x->rank != 2)
    return ipuOpEmitError(op, "expects a 2-D i8 or i16 input");
  IpuTensor w;
  bool owned;
  if (!blockWeights(op, &w, &owned))
    return IPU_FAILURE;
  IpuContext *ctx = ipuOpGetContext(op);
  int64_t m = x->shape[0], k = x->shape[1], n = w.shape[1];
  IpuLogicalResult r = IPU_SUCCESS;
  int64_t shape[2] = {m, n};
  int64_t *acc = NULL, *xs = NULL;
  uint32_t *sum = NULL;
  if (w.shape[0] != k)
    r = ipuOpEmitError(op, "input vectors have %lld elements, the block has "
                       "%lld rows", (long long)k, (long long)w.shape[0]);
  else if (!ipuTensorInit(&outs[0], IPU_DTYPE_I32, 2, shape) ||
           !(acc = ipuCalloc(ctx, n ? (size_t)n : 1, sizeof *acc)) ||
           !(sum = ipuCalloc(ctx, n ? (size_t)n : 1, sizeof *sum)) ||
           !(xs = ipuCalloc(ctx, k ? (size_t)k : 1, sizeof *xs)))
    r = ipuOpEmitError(op, "out of memory");
  if (ipuSucceeded(r)) {
    int32_t *y = outs[0].data;
    for (int64_t i = 0; i < m; ++i) {
      loadRow(x, i, k, xs);
      mvmRow(&p, xs, w.data, k, n, acc, sum);
      for (int64_t j = 0; j < n; ++j)
        y[i * n + j] = (int32_t)sum[j];
    }
  } else {
    ipuTensorFree(&outs[0]);
  }
  ipuFree(ctx, acc);
  ipuFree(ctx, sum);
  ipuFree(ctx, xs);
  if (owned)
    ipuTensorFree(&w);
  return r;
}

static IpuLogicalResult evalAccumulate(IpuOp *op, intptr_t numIns,
                                       const IpuTensor *const *ins,
                                       IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, INTPTR_MAX)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < numIns; ++i)
    if (ins[i]->dtype != IPU_DTYPE_I32 || !ipuTensorSameShape(ins[i], ins[0]))
      return ipuOpEmitError(op, "expects i32 partial sums of one shape");
  if (!ipuTensorClone(&outs[0], ins[0]))
    return ipuOpEmitError(op, "out of memory");
  /* Two's complement wrap-around: unsigned arithmetic is defined. */
  uint32_t *y = outs[0].data;
  int64_t count = ipuTensorNumElements(ins[0]);
  for (intptr_t i = 1; i < numIns; ++i) {
    const int32_t *p = ins[i]->data;
    for (int64_t e = 0; e < count; ++e)
      y[e] += (uint32_t)p[e];
  }
  return IPU_SUCCESS;
}

/* An optional array attribute of exactly `count` values, else `dflt`. */
static bool geometry(IpuOp *op, const char *name, int count, int64_t dflt,
                     int64_t *out) {
  int n;
  if (!evalAttrI64Array(op, name, out, count, &n))
    return false;
  if (n == 0)
    for (int i = 0; i < count; ++i)
      out[i] = dflt;
  else if (n != count)
    return ipuOpEmitError(op, "'%s' expects %d values", name, count), false;
  return true;
}

static IpuLogicalResult evalWindows(IpuOp *op, intptr_t numIns,
                                    const IpuTensor *const *ins,
                                    IpuTensor *outs) {
  int64_t kernel[2], strides[2], dilations[2], pads[4], begin, count;
  const IpuTensor *x = ins[0];
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !geometry(op, "kernel_shape", 2, 1, kernel) ||
      !geometry(op, "strides", 2, 1, strides) ||
      !geometry(op, "dilations", 2, 1, dilations) ||
      !geometry(op, "pads", 4, 0, pads) ||
      !evalAttrI64(op, "channel_begin", 0, &begin))
    return IPU_FAILURE;
  if (x->rank != 4 || x->shape[0] != 1)
    return ipuOpEmitError(op, "expects a 1 x C x H x W input");
  int64_t c = x->shape[1], h = x->shape[2], wd = x->shape[3];
  if (!evalAttrI64(op, "channel_count", c - begin, &count))
    return IPU_FAILURE;
  if (begin < 0 || count < 1 || begin + count > c)
    return ipuOpEmitError(op, "channels out of range");
  int64_t out[2];
  for (int a = 0; a < 2; ++a) {
    if (kernel[a] < 1 || strides[a] < 1 || dilations[a] < 1 ||
        pads[a] < 0 || pads[a + 2] < 0 || pads[a] > INT32_MAX ||
        pads[a + 2] > INT32_MAX || kernel[a] > (INT32_MAX / dilations[a]))
      return ipuOpEmitError(op, "invalid window geometry");
    int64_t padded = x->shape[2 + a] + pads[a] + pads[a + 2];
    int64_t span = dilations[a] * (kernel[a] - 1) + 1;
    if (span > padded)
      return ipuOpEmitError(op, "the kernel does not fit the input");
    out[a] = (padded - span) / strides[a] + 1;
  }
  int64_t shape[2];
  if (__builtin_mul_overflow(out[0], out[1], &shape[0]) ||
      __builtin_mul_overflow(count, kernel[0] * kernel[1], &shape[1]) ||
      !ipuTensorInit(&outs[0], x->dtype, 2, shape))
    return ipuOpEmitError(op, "out of memory (windows of %lld x %lld)",
                          (long long)shape[0], (long long)shape[1]);
  size_t es = ipuDTypeSize(x->dtype);
  const char *src = x->data;
  char *dst = outs[0].data;
  /* Row r = oy * OW + ox; column (c * kh + ky) * kw + kx; the padding
   * stays as ipuTensorInit zeroed it. */
  for (int64_t oy = 0; oy < out[0]; ++oy)
    for (int64_t ox = 0; ox < out[1]; ++ox) {
      char *row = dst + (size_t)((oy * out[1] + ox) * shape[1]) * es;
      for (int64_t ch = 0; ch < count; ++ch)
        for (int64_t ky = 0; ky < kernel[0]; ++ky) {
          int64_t iy = oy * strides[0] - pads[0] + ky * dilations[0];
          if (iy < 0 || iy >= h)
            continue;
          for (int64_t kx = 0; kx < kernel[1]; ++kx) {
            int64_t ix = ox * strides[1] - pads[1] + kx * dilations[1];
            if (ix < 0 || ix >= wd)
              continue;
            int64_t col = (ch * kernel[0] + ky) * kernel[1] + kx;
            memcpy(row + (size_t)col * es,
                   src + (size_t)(((begin + ch) * h + iy) * wd + ix) * es,
                   es);
          }
        }
    }
  return IPU_SUCCESS;
}

static const EvalEntry entries[] = {
    {"tile.mvm", evalMvm},
    {"tile.accumulate", evalAccumulate},
    {"tile.windows", evalWindows},
    {"tile.channel", evalIdentity},
};

const EvalTable evalTileTable = {entries, sizeof entries / sizeof *entries};
