/* Unit tests of the kernels' 16-bit activation support: QuantizeLinear to
 * int16/uint16 (and its clamped form), DequantizeLinear and Requantize on
 * 16-bit values, ConvInteger / MatMulInteger / the hl integer products
 * with 16-bit inputs and 8-bit weights, each against a naive reference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../interp/kernels/kernels.h"

#include "unit_test.h"

#define KERNEL_TEST_SEED 0x9e3779b97f4a7c15ull
#include "kernel_test_util.h"

/* ---- Helpers ---------------------------------------------------------- */

static int64_t loadInt(const IpuTensor *t, int64_t i) {
  switch (t->dtype) {
  case IPU_DTYPE_I8: return ((const int8_t *)t->data)[i];
  case IPU_DTYPE_U8: return ((const uint8_t *)t->data)[i];
  case IPU_DTYPE_I16: return ((const int16_t *)t->data)[i];
  case IPU_DTYPE_U16: return ((const uint16_t *)t->data)[i];
  case IPU_DTYPE_I32: return ((const int32_t *)t->data)[i];
  default: return 0;
  }
}

static void storeInt(IpuTensor *t, int64_t i, int64_t v) {
  switch (t->dtype) {
  case IPU_DTYPE_I8: ((int8_t *)t->data)[i] = (int8_t)v; break;
  case IPU_DTYPE_U8: ((uint8_t *)t->data)[i] = (uint8_t)v; break;
  case IPU_DTYPE_I16: ((int16_t *)t->data)[i] = (int16_t)v; break;
  case IPU_DTYPE_U16: ((uint16_t *)t->data)[i] = (uint16_t)v; break;
  case IPU_DTYPE_I32: ((int32_t *)t->data)[i] = (int32_t)v; break;
  default: break;
  }
}

static void typeRange(IpuDType t, int64_t *lo, int64_t *hi) {
  *lo = t == IPU_DTYPE_I8 ? -128 : t == IPU_DTYPE_I16 ? -32768 : 0;
  *hi = t == IPU_DTYPE_I8    ? 127
        : t == IPU_DTYPE_U8  ? 255
        : t == IPU_DTYPE_I16 ? 32767
                             : 65535;
}

/* A tensor of random integers over the whole range of its type. */
static IpuTensor randInts(IpuDType t, int rank, const int64_t *shape) {
  IpuTensor x = make(t, rank, shape);
  int64_t lo, hi;
  typeRange(t, &lo, &hi);
  for (int64_t i = 0; i < ipuTensorNumElements(&x); i++)
    storeInt(&x, i, randInt(lo, hi));
  return x;
}

static int64_t clampI(int64_t v, int64_t lo, int64_t hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* int32 two's complement of an exact sum. */
static int32_t wrap32(int64_t v) { return (int32_t)(uint32_t)(uint64_t)v; }

/* ---- Quantization ----------------------------------------------------- */

static void testQuantize16(void) {
  IpuKernelError e = {""};
  /* Per tensor, saturating to int16 and uint16; round half to even
   * (x / scale = 0, 0.5, 1.5, -2.5, 32767, -32769, 2e6, -2e6). */
  float xv[8] = {0, 0.25f, 0.75f, -1.25f, 16383.5f, -16384.5f, 1e6f, -1e6f};
  int64_t eight = 8;
  IpuTensor x = make(IPU_DTYPE_F32, 1, &eight), y;
  memcpy(x.data, xv, sizeof xv);
  IpuTensor sc = make(IPU_DTYPE_F32, 0, NULL);
  F(&sc)[0] = 0.5f;
  IpuTensor z16 = make(IPU_DTYPE_I16, 0, NULL), zu16 = make(IPU_DTYPE_U16, 0, NULL);
  ((int16_t *)z16.data)[0] = -5;
  ((uint16_t *)zu16.data)[0] = 32768;
  static const int16_t want16[8] = {-5, -5, -3, -7, 32762, -32768, 32767, -32768};
  CHECK(ipuKernelQuantizeLinear(&x, &sc, &z16, 0, IPU_DTYPE_UNDEFINED, &y, &e) &&
        y.dtype == IPU_DTYPE_I16 && !memcmp(y.data, want16, sizeof want16));
  ipuTensorFree(&y);
  static const uint16_t wantU16[8] = {32768, 32768, 32770, 32766,
                                      65535, 0, 65535, 0};
  CHECK(ipuKernelQuantizeLinear(&x, &sc, &zu16, 0, IPU_DTYPE_UNDEFINED, &y, &e) &&
        y.dtype == IPU_DTYPE_U16 && !memcmp(y.data, wantU16, sizeof wantU16));
  ipuTensorFree(&y);
  /* Without a zero point, outType picks the type (zero point 0). */
  CHECK(ipuKernelQuantizeLinear(&x, &sc, NULL, 0, IPU_DTYPE_I16, &y, &e) &&
        y.dtype == IPU_DTYPE_I16 && ((int16_t *)y.data)[2] == 2 &&
        ((int16_t *)y.data)[4] == 32767);
  ipuTensorFree(&y);
  /* The ONNX default stays uint8. */
  CHECK(ipuKernelQuantizeLinear(&x, &sc, NULL, 0, IPU_DTYPE_UNDEFINED, &y, &e) &&
        y.dtype == IPU_DTYPE_U8 && ((uint8_t *)y.data)[2] == 2 &&
        ((uint8_t *)y.data)[4] == 255);
  ipuTensorFree(&y);

  /* Clamped: 15 significant bits, and a folded ReLU on uint16. */
  static const int16_t wantC[8] = {-5, -5, -3, -7, 16383, -16384, 16383, -16384};
  CHECK(ipuKernelQuantizeLinearClamped(&x, &sc, &z16, 0, IPU_DTYPE_UNDEFINED,
                                       -16384, 16383, &y, &e) &&
        y.dtype == IPU_DTYPE_I16 && !memcmp(y.data, wantC, sizeof wantC));
  ipuTensorFree(&y);
  CHECK(ipuKernelQuantizeLinearClamped(&x, &sc, &zu16, 0, IPU_DTYPE_UNDEFINED,
                                       32768, INT64_MAX, &y, &e) &&
        ((uint16_t *)y.data)[3] == 32768 && ((uint16_t *)y.data)[5] == 32768 &&
        ((uint16_t *)y.data)[6] == 65535);
  ipuTensorFree(&y);
  /* A clamp on int8 too, and bounds beyond the type are cut to it. */
  CHECK(ipuKernelQuantizeLinearClamped(&x, &sc, NULL, 0, IPU_DTYPE_I8, -3,
                                       1000, &y, &e) &&
        y.dtype == IPU_DTYPE_I8 && ((int8_t *)y.data)[3] == -2 &&
        ((int8_t *)y.data)[5] == -3 && ((int8_t *)y.data)[4] == 127 &&
        ((int8_t *)y.data)[2] == 2);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelQuantizeLinearClamped(&x, &sc, &z16, 0,
                                             IPU_DTYPE_UNDEFINED, 5, 4, &y, err),
              "empty");
  EXPECT_FAIL(ipuKernelQuantizeLinearClamped(&x, &sc, NULL, 0, IPU_DTYPE_U16,
                                             70000, INT64_MAX, &y, err),
              "empty");
  EXPECT_FAIL(ipuKernelQuantizeLinear(&x, &sc, NULL, 0, IPU_DTYPE_I32, &y, err),
              "int16 or uint16");

  /* Per axis, random, against the definition, with the dequantize round
   * trip on int16 and uint16. */
  for (int iter = 0; iter < 20; iter++) {
    IpuDType t = iter % 2 ? IPU_DTYPE_U16 : IPU_DTYPE_I16;
    int64_t shape[3] = {randInt(1, 3), randInt(1, 4), randInt(1, 3)};
    int64_t axis = randInt(0, 2);
    IpuTensor xr = randT(3, shape);
    for (int64_t i = 0; i < ipuTensorNumElements(&xr); i++)
      F(&xr)[i] *= 40000;
    int64_t c = shape[axis], lo, hi;
    typeRange(t, &lo, &hi);
    int64_t clampLo = iter % 4 < 2 ? INT64_MIN : lo + 1000;
    int64_t clampHi = iter % 4 < 2 ? INT64_MAX : hi - 1000;
    IpuTensor s = make(IPU_DTYPE_F32, 1, &c), z = make(t, 1, &c), q, d;
    for (int64_t i = 0; i < c; i++) {
      F(&s)[i] = 0.25f + (float)(rnd() % 100) / 50;
      storeInt(&z, i, t == IPU_DTYPE_U16 ? randInt(0, 65535)
                                         : randInt(-1000, 1000));
    }
    bool ok = ipuKernelQuantizeLinearClamped(&xr, &s, &z, axis,
                                             IPU_DTYPE_UNDEFINED, clampLo,
                                             clampHi, &q, &e) &&
              ipuKernelDequantizeLinear(&q, &s, &z, axis, &d, &e);
    int64_t inner = 1;
    for (int i = (int)axis + 1; i < 3; i++)
      inner *= shape[i];
    bool good = ok && q.dtype == t;
    for (int64_t i = 0; good && i < ipuTensorNumElements(&xr); i++) {
      int64_t ch = (i / inner) % c;
      float scale = F(&s)[ch];
      int64_t zq = loadInt(&z, ch);
      double v = nearbyint(F(&xr)[i] / scale) + (double)zq;
      int64_t want = clampI((int64_t)fmin(fmax(v, -1e9), 1e9),
                            clampLo > lo ? clampLo : lo,
                            clampHi < hi ? clampHi : hi);
      good = loadInt(&q, i) == want &&
             F(&d)[i] == (float)(want - zq) * scale;
    }
    CHECK_MSG(good, "16-bit quantize iter %d: %s", iter, e.message);
    if (ok)
      ipuTensorFree(&q), ipuTensorFree(&d);
    ipuTensorFree(&xr), ipuTensorFree(&s), ipuTensorFree(&z);
  }
  ipuTensorFree(&x), ipuTensorFree(&sc), ipuTensorFree(&z16);
  ipuTensorFree(&zu16);
}

static void testRequantize16(void) {
  IpuKernelError e = {""};
  static const IpuDType types[] = {IPU_DTYPE_I8, IPU_DTYPE_U8, IPU_DTYPE_I16,
                                   IPU_DTYPE_U16, IPU_DTYPE_I32};
  /* Every pair of 16-bit input or output with a random factor. */
  for (int iter = 0; iter < 40; iter++) {
    IpuDType in = types[randInt(0, 4)], out = types[randInt(0, 4)];
    if (in != IPU_DTYPE_I16 && in != IPU_DTYPE_U16 && out != IPU_DTYPE_I16 &&
        out != IPU_DTYPE_U16)
      in = IPU_DTYPE_I16;
    int64_t n = 16;
    IpuTensor acc = in == IPU_DTYPE_I32 ? make(in, 1, &n) : randInts(in, 1, &n);
    if (in == IPU_DTYPE_I32)
      for (int64_t i = 0; i < n; i++)
        storeInt(&acc, i, randInt(-3000000, 3000000));
    double scale = pow(2, (double)randInt(-12, 4)) * (0.5 + randF() / 2.1);
    int32_t mult, shift;
    CHECK(ipuQuantizeMultiplier(scale, &mult, &shift));
    IpuTensor m = make(IPU_DTYPE_I32, 0, NULL), sh = make(IPU_DTYPE_I32, 0, NULL);
    ((int32_t *)m.data)[0] = mult, ((int32_t *)sh.data)[0] = shift;
    int64_t lo, hi;
    if (out == IPU_DTYPE_I32)
      lo = INT32_MIN, hi = INT32_MAX;
    else
      typeRange(out, &lo, &hi);
    int32_t zero = (int32_t)randInt(0, 100);
    int64_t clampLo = iter % 3 ? INT64_MIN : lo + 10;
    int64_t clampHi = iter % 3 ? INT64_MAX : hi - 10;
    IpuTensor y;
    bool ok = ipuKernelRequantizeClamped(&acc, &m, &sh, 0, zero, out, clampLo,
                                         clampHi, &y, &e);
    bool good = ok && y.dtype == out;
    double real = mult * pow(2, -31 - shift);
    for (int64_t i = 0; good && i < n; i++) {
      double v = floor((double)loadInt(&acc, i) * real + 0.5) + zero;
      int64_t want = clampI((int64_t)v, clampLo > lo ? clampLo : lo,
                            clampHi < hi ? clampHi : hi);
      good = loadInt(&y, i) == want;
    }
    CHECK_MSG(good, "requantize %s -> %s, scale %g: %s", ipuDTypeName(in),
              ipuDTypeName(out), scale, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&acc), ipuTensorFree(&m), ipuTensorFree(&sh);
  }
  /* ONNX's entry point keeps its int32 -> 8-bit contract. */
  int64_t one = 1;
  IpuTensor a16 = make(IPU_DTYPE_I16, 1, &one), y;
  IpuTensor m = make(IPU_DTYPE_I32, 0, NULL), sh = make(IPU_DTYPE_I32, 0, NULL);
  ((int32_t *)m.data)[0] = 1 << 30;
  EXPECT_FAIL(ipuKernelRequantize(&a16, &m, &sh, 0, 0, IPU_DTYPE_I8, &y, err),
              "int32");
  IpuTensor a64 = make(IPU_DTYPE_I64, 1, &one);
  EXPECT_FAIL(ipuKernelRequantizeClamped(&a64, &m, &sh, 0, 0, IPU_DTYPE_I16,
                                         INT64_MIN, INT64_MAX, &y, err),
              "int16 or uint16");
  EXPECT_FAIL(ipuKernelRequantizeClamped(&a16, &m, &sh, 0, 0, IPU_DTYPE_I64,
                                         INT64_MIN, INT64_MAX, &y, err),
              "result type");
  /* Dequantize: 16-bit zero points must match x's type. */
  IpuTensor sc = make(IPU_DTYPE_F32, 0, NULL), zu = make(IPU_DTYPE_U16, 0, NULL);
  F(&sc)[0] = 1;
  EXPECT_FAIL(ipuKernelDequantizeLinear(&a16, &sc, &zu, 0, &y, err), "int16");
  EXPECT_FAIL(ipuKernelDequantizeLinear(&a64, &sc, NULL, 0, &y, err),
              "int16, uint16");
  ipuTensorFree(&a16), ipuTensorFree(&a64), ipuTensorFree(&m);
  ipuTensorFree(&sh), ipuTensorFree(&sc), ipuTensorFree(&zu);
}

/* ---- Integer products ------------------------------------------------- */

/* y[b][i][j] = sum_k (a[b][i][k] - za) * (w[k][j] - zb), exact. */
static void testMatMulInteger16(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 12; iter++) {
    IpuDType ta = iter % 2 ? IPU_DTYPE_U16 : IPU_DTYPE_I16;
    IpuDType tb = iter % 3 ? IPU_DTYPE_I8 : IPU_DTYPE_U8;
    int64_t batch = randInt(1, 3), m = randInt(1, 4), k = randInt(1, 9),
            n = randInt(1, 5);
    int64_t as[3] = {batch, m, k}, bs[2] = {k, n};
    IpuTensor a = randInts(ta, 3, as), b = randInts(tb, 2, bs), y;
    IpuTensor za = make(ta, 0, NULL), zb = make(tb, 0, NULL);
    int64_t zav = ta == IPU_DTYPE_U16 ? randInt(0, 65535) : randInt(-300, 300);
    int64_t zbv = tb == IPU_DTYPE_U8 ? randInt(0, 255) : randInt(-20, 20);
    storeInt(&za, 0, zav), storeInt(&zb, 0, zbv);
    bool withZero = iter % 4 == 3;
    bool ok = ipuKernelMatMulInteger(&a, &b, withZero ? &za : NULL,
                                     withZero ? &zb : NULL, &y, &e);
    bool good = ok && y.dtype == IPU_DTYPE_I32 && y.rank == 3 &&
                y.shape[0] == batch && y.shape[1] == m && y.shape[2] == n;
    for (int64_t bi = 0; good && bi < batch; bi++)
      for (int64_t i = 0; good && i < m; i++)
        for (int64_t j = 0; good && j < n; j++) {
          int64_t s = 0;
          for (int64_t p = 0; p < k; p++)
            s += (loadInt(&a, (bi * m + i) * k + p) - (withZero ? zav : 0)) *
                 (loadInt(&b, p * n + j) - (withZero ? zbv : 0));
          good = ((int32_t *)y.data)[(bi * m + i) * n + j] == wrap32(s);
        }
    CHECK_MSG(good, "MatMulInteger %s x %s iter %d: %s", ipuDTypeName(ta),
              ipuDTypeName(tb), iter, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&a), ipuTensorFree(&b), ipuTensorFree(&za), ipuTensorFree(&zb);
  }
  /* The int32 sums wrap: 600 products of -32768 * -128 = 2^22 each. */
  int64_t as[2] = {1, 600}, bs[2] = {600, 1};
  IpuTensor a = make(IPU_DTYPE_I16, 2, as), b = make(IPU_DTYPE_I8, 2, bs), y;
  for (int i = 0; i < 600; i++)
    ((int16_t *)a.data)[i] = -32768, ((int8_t *)b.data)[i] = -128;
  CHECK(ipuKernelMatMulInteger(&a, &b, NULL, NULL, &y, &e) &&
        ((int32_t *)y.data)[0] == wrap32((int64_t)600 << 22));
  ipuTensorFree(&y);
  /* 16-bit weights, or a 16-bit operand against them, are errors. */
  IpuTensor b16 = make(IPU_DTYPE_I16, 2, bs), a32 = make(IPU_DTYPE_I32, 2, as);
  EXPECT_FAIL(ipuKernelMatMulInteger(&a, &b16, NULL, NULL, &y, err),
              "B must be int8 or uint8");
  EXPECT_FAIL(ipuKernelMatMulInteger(&a32, &b, NULL, NULL, &y, err),
              "A must be int8, uint8, int16 or uint16");
  IpuTensor zb = make(IPU_DTYPE_I8, 0, NULL);
  EXPECT_FAIL(ipuKernelMatMulInteger(&a, &b, &zb, NULL, &y, err),
              "a_zero_point must be int16");
  /* GemmInteger: transposed A of int16 plus c. */
  int64_t ts[2] = {600, 1};
  IpuTensor at = make(IPU_DTYPE_I16, 2, ts), c = make(IPU_DTYPE_I32, 0, NULL);
  for (int i = 0; i < 600; i++)
    ((int16_t *)at.data)[i] = (int16_t)(i % 2 ? 1000 : -7);
  ((int32_t *)c.data)[0] = 11;
  int64_t want = 0;
  for (int i = 0; i < 600; i++)
    want += (i % 2 ? 1000 : -7) * -128;
  CHECK(ipuKernelGemmInteger(true, false, &at, &b, &c, &y, &e) &&
        y.rank == 2 && y.shape[0] == 1 && y.shape[1] == 1 &&
        ((int32_t *)y.data)[0] == wrap32(want + 11));
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelGemmInteger(false, false, &a, &b16, NULL, &y, err),
              "B must be int8 or uint8");
  ipuTensorFree(&a), ipuTensorFree(&b), ipuTensorFree(&b16);
  ipuTensorFree(&a32), ipuTensorFree(&zb), ipuTensorFree(&at);
  ipuTensorFree(&c);
}

/* A direct 2-D convolution (batch 1, groups 1, no dilation). */
static void testConvInteger16(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 10; iter++) {
    IpuDType tx = iter % 2 ? IPU_DTYPE_U16 : IPU_DTYPE_I16;
    IpuDType tw = iter % 3 ? IPU_DTYPE_I8 : IPU_DTYPE_U8;
    int64_t c = randInt(1, 3), m = randInt(1, 3), h = randInt(3, 6),
            w = randInt(3, 6), kh = randInt(1, 3), kw = randInt(1, 3);
    int64_t pad = randInt(0, 1), stride = randInt(1, 2);
    int64_t xs[4] = {1, c, h, w}, ws[4] = {m, c, kh, kw};
    IpuTensor x = randInts(tx, 4, xs), wt = randInts(tw, 4, ws), y;
    IpuTensor bias = make(IPU_DTYPE_I32, 1, &m);
    for (int64_t i = 0; i < m; i++)
      ((int32_t *)bias.data)[i] = (int32_t)randInt(-100000, 100000);
    IpuConvParams p;
    memset(&p, 0, sizeof p);
    p.strides[0] = p.strides[1] = stride;
    p.pads[0] = p.pads[1] = p.pads[2] = p.pads[3] = pad;
    bool ok = ipuKernelConvIntegerBias(&p, &x, &wt, &bias, &y, &e);
    int64_t oh = (h + 2 * pad - kh) / stride + 1;
    int64_t ow = (w + 2 * pad - kw) / stride + 1;
    bool good = ok && y.dtype == IPU_DTYPE_I32 && y.shape[1] == m &&
                y.shape[2] == oh && y.shape[3] == ow;
    for (int64_t o = 0; good && o < m; o++)
      for (int64_t r = 0; good && r < oh; r++)
        for (int64_t q = 0; good && q < ow; q++) {
          int64_t s = ((int32_t *)bias.data)[o];
          for (int64_t ci = 0; ci < c; ci++)
            for (int64_t ky = 0; ky < kh; ky++)
              for (int64_t kx = 0; kx < kw; kx++) {
                int64_t iy = r * stride - pad + ky, ix = q * stride - pad + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                  s += loadInt(&x, (ci * h + iy) * w + ix) *
                       loadInt(&wt, ((o * c + ci) * kh + ky) * kw + kx);
              }
          good = ((int32_t *)y.data)[(o * oh + r) * ow + q] == wrap32(s);
        }
    CHECK_MSG(good, "ConvInteger %s x %s iter %d: %s", ipuDTypeName(tx),
              ipuDTypeName(tw), iter, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x), ipuTensorFree(&wt), ipuTensorFree(&bias);
  }
  /* A zero point of the 16-bit input's type; padding contributes 0. */
  int64_t xs[4] = {1, 1, 2, 2}, ws[4] = {1, 1, 1, 1};
  IpuTensor x = make(IPU_DTYPE_U16, 4, xs), w = make(IPU_DTYPE_I8, 4, ws), y;
  static const uint16_t xv[4] = {40000, 40001, 39999, 65535};
  memcpy(x.data, xv, sizeof xv);
  ((int8_t *)w.data)[0] = -3;
  IpuTensor zx = make(IPU_DTYPE_U16, 0, NULL);
  ((uint16_t *)zx.data)[0] = 40000;
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  p.pads[0] = 1;
  CHECK(ipuKernelConvInteger(&p, &x, &w, &zx, NULL, &y, &e) &&
        y.shape[2] == 3 && ((int32_t *)y.data)[0] == 0 &&
        ((int32_t *)y.data)[2] == 0 && ((int32_t *)y.data)[3] == -3 &&
        ((int32_t *)y.data)[4] == 3 && ((int32_t *)y.data)[5] == -3 * 25535);
  ipuTensorFree(&y);
  IpuTensor w16 = make(IPU_DTYPE_I16, 4, ws), xf = make(IPU_DTYPE_F32, 4, xs);
  EXPECT_FAIL(ipuKernelConvInteger(&p, &x, &w16, NULL, NULL, &y, err),
              "weights must be int8 or uint8");
  EXPECT_FAIL(ipuKernelConvIntegerBias(&p, &xf, &w, NULL, &y, err),
              "int16 or uint16");
  ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&zx);
  ipuTensorFree(&w16), ipuTensorFree(&xf);
}

int main(void) {
  testQuantize16();
  testRequantize16();
  testMatMulInteger16();
  testConvInteger16();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
