/* Unit tests of the interpreter's numeric kernels, part 1 (tensors, SGEMM,
 * Gemm/MatMul, convolutions, pools, element-wise ops, Cast): each kernel
 * against a naive reference written from the ONNX definition on seeded
 * random shapes and parameters, hand-computed cases, edge cases and bad
 * parameters. Part 2 is interp_kernels_shape_test.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../interp/kernels/kernels.h"

#include "unit_test.h"

#define KERNEL_TEST_SEED 0x9e3779b97f4a7c15ull
#include "kernel_test_util.h"

/* ---- Helpers (the shared ones are in kernel_test_util.h) ---------------- */

static IpuTensor vecF(int64_t n, const float *v) {
  IpuTensor x = make(IPU_DTYPE_F32, 1, &n);
  memcpy(x.data, v, (size_t)n * sizeof(float));
  return x;
}

static bool shapeIs(const IpuTensor *t, int rank, ...) {
  if (t->rank != rank)
    return false;
  va_list ap;
  va_start(ap, rank);
  bool ok = true;
  for (int i = 0; i < rank; i++)
    ok = ok && t->shape[i] == va_arg(ap, int64_t);
  va_end(ap);
  return ok;
}

/* Max abs error over n elements against a double reference, relative to
 * 1 + |ref|. */
static double maxErr(const float *got, const double *want, int64_t n) {
  double e = 0;
  for (int64_t i = 0; i < n; i++) {
    double d = fabs((double)got[i] - want[i]) / (1.0 + fabs(want[i]));
    if (!(d <= e))
      e = isnan(d) ? INFINITY : d;
  }
  return e;
}

/* ---- Tensor basics -------------------------------------------------------- */

static void testTensor(void) {
  int64_t shape[3] = {2, 0, 3};
  IpuTensor t = make(IPU_DTYPE_F32, 3, shape);
  CHECK(ipuTensorNumElements(&t) == 0 && t.data != NULL);
  CHECK(ipuTensorIsValid(&t));
  ipuTensorFree(&t);
  IpuTensor s;
  CHECK(ipuTensorInit(&s, IPU_DTYPE_I64, 0, NULL));
  CHECK(ipuTensorNumElements(&s) == 1 && ipuTensorByteSize(&s) == 8);
  IpuTensor c;
  CHECK(ipuTensorClone(&c, &s) && ipuTensorSameShape(&c, &s));
  ipuTensorFree(&c);
  ipuTensorFree(&s);
  int64_t bad[2] = {-1, 2};
  CHECK(!ipuTensorInit(&t, IPU_DTYPE_F32, 2, bad));
  int64_t huge[3] = {1 << 30, 1 << 30, 1 << 30};
  CHECK(!ipuTensorInit(&t, IPU_DTYPE_F32, 3, huge));
  CHECK(!ipuTensorInit(&t, IPU_DTYPE_STRING, 1, shape));
  CHECK(!ipuTensorInit(&t, IPU_DTYPE_F32, IPU_TENSOR_MAX_RANK + 1, shape));
  CHECK(ipuDTypeSize(IPU_DTYPE_BF16) == 2 &&
        !strcmp(ipuDTypeName(IPU_DTYPE_I8), "int8"));
  /* A hand-made tensor without data is not valid. */
  IpuTensor broken = {IPU_DTYPE_F32, 1, {4}, NULL};
  CHECK(!ipuTensorIsValid(&broken));
  /* 16-bit floats: exact values, rounding to even, specials. */
  CHECK(ipuF32ToF16(1.0f) == 0x3c00 && ipuF16ToF32(0x3c00) == 1.0f);
  CHECK(ipuF32ToF16(65504.0f) == 0x7bff && ipuF32ToF16(65520.0f) == 0x7c00);
  CHECK(ipuF16ToF32(0x0001) == 5.9604644775390625e-8f);
  CHECK(ipuF32ToF16(5.9604644775390625e-8f) == 0x0001);
  CHECK(ipuF32ToF16(2.98e-8f) == 0x0000);
  CHECK(ipuF32ToF16(1.0f + 1.0f / 2048) == 0x3c00); /* tie to even */
  CHECK(ipuF32ToF16(1.0f + 3.0f / 2048) == 0x3c02);
  CHECK(isnan(ipuF16ToF32(ipuF32ToF16(NAN))));
  CHECK(ipuF32ToF16(-INFINITY) == 0xfc00);
  CHECK(ipuBF16ToF32(ipuF32ToBF16(1.5f)) == 1.5f);
  CHECK(ipuF32ToBF16(1.0f + 1.0f / 256) == 0x3f80); /* tie to even */
  CHECK(isnan(ipuBF16ToF32(ipuF32ToBF16(NAN))));
  for (int i = 0; i < 0x7c00; i += 7) /* every finite half survives */
    if (ipuF32ToF16(ipuF16ToF32((uint16_t)i)) != i) {
      CHECK_MSG(false, "f16 round trip of 0x%x", i);
      break;
    }
}

/* ---- SGEMM and Gemm / MatMul --------------------------------------------- */

static void refGemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k,
                    double alpha, const float *a, int64_t lda, const float *b,
                    int64_t ldb, double beta, const float *c0, int64_t ldc,
                    double *out) {
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) {
      double s = 0;
      for (int64_t p = 0; p < k; p++)
        s += (double)(ta ? a[p * lda + i] : a[i * lda + p]) *
             (tb ? b[j * ldb + p] : b[p * ldb + j]);
      out[i * n + j] = alpha * s + (beta != 0 ? beta * c0[i * ldc + j] : 0);
    }
}

static void testSgemm(void) {
  /* Sizes around the register tile and cache blocks, small and large. */
  const int64_t sizes[][3] = {{1, 1, 1},   {1, 37, 19},  {5, 3, 2},
                              {6, 16, 8},  {7, 17, 9},   {13, 33, 300},
                              {130, 45, 70}, {64, 3136 / 8, 260},
                              {3, 200, 50}, {40, 1, 33}};
  for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
    for (int variant = 0; variant < 4; variant++) {
      int64_t m = sizes[s][0], n = sizes[s][1], k = sizes[s][2];
      bool ta = variant & 1, tb = variant & 2;
      int64_t lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
      float *a = malloc((size_t)((ta ? k : m) * lda) * sizeof(float));
      float *b = malloc((size_t)((tb ? n : k) * ldb) * sizeof(float));
      float *c = malloc((size_t)(m * ldc) * sizeof(float));
      float *c0 = malloc((size_t)(m * ldc) * sizeof(float));
      double *want = dalloc(m * n);
      for (int64_t i = 0; i < (ta ? k : m) * lda; i++)
        a[i] = randF();
      for (int64_t i = 0; i < (tb ? n : k) * ldb; i++)
        b[i] = randF();
      for (int64_t i = 0; i < m * ldc; i++)
        c0[i] = c[i] = randF();
      float alpha = variant == 3 ? -0.5f : 1.0f;
      float beta = variant == 1 ? 0.0f : 0.75f;
      if (variant == 1) /* beta 0 must ignore NaNs in C */
        for (int64_t i = 0; i < m * ldc; i++)
          c[i] = NAN;
      refGemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c0, ldc, want);
      CHECK(ipuSgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc));
      double e = 0;
      for (int64_t i = 0; i < m; i++)
        e = fmax(e, maxErr(c + i * ldc, want + i * n, n));
      bool padKept = true; /* columns past n belong to someone else */
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = n; j < ldc; j++)
          padKept = padKept && (variant == 1 ? isnan(c[i * ldc + j])
                                             : c[i * ldc + j] == c0[i * ldc + j]);
      CHECK_MSG(e < 1e-5 && padKept, "sgemm %lldx%lldx%lld ta=%d tb=%d err %g",
                (long long)m, (long long)n, (long long)k, ta, tb, e);
      free(a), free(b), free(c), free(c0), free(want);
    }
  /* k = 0: C = beta * C. */
  float c[2] = {2, 4};
  CHECK(ipuSgemm(false, false, 1, 2, 0, 1, NULL, 0, NULL, 2, 0.5f, c, 2) &&
        c[0] == 1 && c[1] == 2);
}

static void testGemm(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 12; iter++) {
    int64_t m = randInt(1, 9), n = randInt(1, 9), k = randInt(1, 9);
    IpuGemmParams p = {iter & 1, (iter >> 1) & 1, randF() * 2, randF() * 2};
    int64_t as[2] = {p.transA ? k : m, p.transA ? m : k};
    int64_t bs[2] = {p.transB ? n : k, p.transB ? k : n};
    /* C in each broadcastable form: none, scalar, (n), (1,n), (m,1), (m,n). */
    int cform = iter % 6;
    int64_t cs[2] = {cform == 4 || cform == 5 ? m : 1,
                     cform == 4 ? 1 : n};
    int crank = cform == 1 ? 0 : cform == 2 ? 1 : 2;
    if (cform == 2)
      cs[0] = n;
    IpuTensor a = randT(2, as), b = randT(2, bs), cT = randT(crank, cs), y;
    CHECK(ipuKernelGemm(&p, &a, &b, cform ? &cT : NULL, &y, &e));
    double *want = dalloc(m * n);
    for (int64_t i = 0; i < m; i++)
      for (int64_t j = 0; j < n; j++) {
        double s = 0;
        for (int64_t q = 0; q < k; q++)
          s += (double)(p.transA ? F(&a)[q * m + i] : F(&a)[i * k + q]) *
               (p.transB ? F(&b)[j * k + q] : F(&b)[q * n + j]);
        double cv = 0;
        if (cform == 1)
          cv = F(&cT)[0];
        else if (cform == 2 || cform == 3)
          cv = F(&cT)[j];
        else if (cform == 4)
          cv = F(&cT)[i];
        else if (cform == 5)
          cv = F(&cT)[i * n + j];
        want[i * n + j] = p.alpha * s + (cform ? p.beta * cv : 0);
      }
    CHECK(shapeIs(&y, 2, m, n) && maxErr(F(&y), want, m * n) < 1e-5);
    free(want);
    ipuTensorFree(&a), ipuTensorFree(&b), ipuTensorFree(&cT), ipuTensorFree(&y);
  }
  IpuGemmParams p = {false, false, 1, 1};
  int64_t s23[2] = {2, 3}, s43[2] = {4, 3}, s3[1] = {3};
  IpuTensor a = randT(2, s23), b = randT(2, s43), v = randT(1, s3), y;
  EXPECT_FAIL(ipuKernelGemm(&p, &a, &b, NULL, &y, err), "inner dimensions");
  EXPECT_FAIL(ipuKernelGemm(&p, &a, &v, NULL, &y, err), "2-D");
  p.transB = true;
  IpuTensor c = randT(2, s43);
  EXPECT_FAIL(ipuKernelGemm(&p, &a, &b, &c, &y, err), "broadcast");
  ipuTensorFree(&a), ipuTensorFree(&b), ipuTensorFree(&v), ipuTensorFree(&c);
}

/* Naive numpy matmul of random operands of the given shapes. */
static void checkMatMul(int ra, const int64_t *sa, int rb, const int64_t *sb,
                        int ry, const int64_t *sy) {
  IpuTensor a = randT(ra, sa), b = randT(rb, sb), y;
  IpuKernelError e = {""};
  bool ok = ipuKernelMatMul(&a, &b, &y, &e);
  CHECK_MSG(ok && sameShape(&y, ry, sy), "matmul shape: %s", e.message);
  if (ok && sameShape(&y, ry, sy)) {
    /* Promote 1-D operands, then broadcast batch indices by hand. */
    int64_t m = ra == 1 ? 1 : sa[ra - 2], k = sa[ra - 1];
    int64_t n = rb == 1 ? 1 : sb[rb - 1];
    int batchA = ra >= 2 ? ra - 2 : 0, batchB = rb >= 2 ? rb - 2 : 0;
    int br = batchA > batchB ? batchA : batchB;
    int64_t bshape[8], nb = 1;
    for (int i = 0; i < br; i++) {
      int ia = i - (br - batchA), ib = i - (br - batchB);
      int64_t da = ia >= 0 ? sa[ia] : 1, db = ib >= 0 ? sb[ib] : 1;
      bshape[i] = da > db ? da : db;
      nb *= bshape[i];
    }
    int64_t total = nb * m * n;
    double *want = dalloc(total);
    for (int64_t bi = 0; bi < nb; bi++) {
      int64_t idx[8], rem = bi, oa = 0, ob = 0;
      for (int i = br - 1; i >= 0; i--)
        idx[i] = rem % bshape[i], rem /= bshape[i];
      int64_t strA = 1, strB = 1;
      for (int i = br - 1; i >= 0; i--) {
        int ia = i - (br - batchA), ib = i - (br - batchB);
        if (ia >= 0) {
          oa += (sa[ia] == 1 ? 0 : idx[i]) * strA;
          strA *= sa[ia];
        }
        if (ib >= 0) {
          ob += (sb[ib] == 1 ? 0 : idx[i]) * strB;
          strB *= sb[ib];
        }
      }
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
          double s = 0;
          for (int64_t q = 0; q < k; q++)
            s += (double)F(&a)[oa * m * k + i * k + q] *
                 F(&b)[ob * k * n + q * n + j];
          want[(bi * m + i) * n + j] = s;
        }
    }
    CHECK(maxErr(F(&y), want, total) < 1e-5);
    free(want);
    ipuTensorFree(&y);
  }
  ipuTensorFree(&a), ipuTensorFree(&b);
}

static void testMatMul(void) {
  int64_t a1[1] = {5}, b1[1] = {5}, y0[1] = {0};
  checkMatMul(1, a1, 1, b1, 0, y0);
  int64_t a2[2] = {3, 5}, y1[1] = {3};
  checkMatMul(2, a2, 1, b1, 1, y1);
  int64_t b2[2] = {5, 4}, y2[1] = {4};
  checkMatMul(1, a1, 2, b2, 1, y2);
  int64_t a3[3] = {2, 3, 5}, y3[3] = {2, 3, 4};
  checkMatMul(3, a3, 2, b2, 3, y3); /* shared B: one stacked product */
  int64_t a4[4] = {2, 1, 3, 5}, b4[3] = {3, 5, 4}, y4[4] = {2, 3, 3, 4};
  checkMatMul(4, a4, 3, b4, 4, y4);
  int64_t a5[2] = {70, 40}, b5[3] = {2, 40, 30}, y5[3] = {2, 70, 30};
  checkMatMul(2, a5, 3, b5, 3, y5);
  int64_t e1[3] = {2, 0, 5}, ye[3] = {2, 0, 4}; /* empty */
  checkMatMul(3, e1, 2, b2, 3, ye);
  /* Integer MatMul is exact. */
  int64_t s22[2] = {2, 2};
  IpuTensor ia = make(IPU_DTYPE_I64, 2, s22), ib = make(IPU_DTYPE_I64, 2, s22), y;
  int64_t av[4] = {1, 2, 3, 4}, bv[4] = {5, 6, 7, 8};
  memcpy(ia.data, av, sizeof av), memcpy(ib.data, bv, sizeof bv);
  IpuKernelError e = {""};
  CHECK(ipuKernelMatMul(&ia, &ib, &y, &e));
  int64_t *yv = y.data;
  CHECK(yv[0] == 19 && yv[1] == 22 && yv[2] == 43 && yv[3] == 50);
  ipuTensorFree(&y);
  int64_t bad[3] = {2, 4, 4};
  IpuTensor fa = randT(2, a2), fb = randT(3, bad);
  EXPECT_FAIL(ipuKernelMatMul(&fa, &fb, &y, err), "inner dimensions");
  EXPECT_FAIL(ipuKernelMatMul(&fa, &ia, &y, err), "types differ");
  int64_t b3b[3] = {3, 5, 4};
  IpuTensor fc = randT(3, a3), fd = randT(3, b3b);
  EXPECT_FAIL(ipuKernelMatMul(&fc, &fd, &y, err), "batch");
  ipuTensorFree(&fa), ipuTensorFree(&fb), ipuTensorFree(&fc), ipuTensorFree(&fd);
  /* MatMulInteger with per-row / per-column zero points. */
  IpuTensor qa = make(IPU_DTYPE_U8, 2, s22), qb = make(IPU_DTYPE_I8, 2, s22);
  uint8_t qav[4] = {10, 20, 30, 40};
  int8_t qbv[4] = {-1, 2, 3, -4};
  memcpy(qa.data, qav, 4), memcpy(qb.data, qbv, 4);
  int64_t two = 2;
  IpuTensor za = make(IPU_DTYPE_U8, 1, &two), zb = make(IPU_DTYPE_I8, 0, NULL);
  ((uint8_t *)za.data)[0] = 10, ((uint8_t *)za.data)[1] = 20;
  ((int8_t *)zb.data)[0] = 1;
  CHECK(ipuKernelMatMulInteger(&qa, &qb, &za, &zb, &y, &e));
  int32_t *q = y.data; /* A-za = [[0,10],[10,20]], B-zb = [[-2,1],[2,-5]] */
  CHECK(y.dtype == IPU_DTYPE_I32 && q[0] == 20 && q[1] == -50 && q[2] == 20 &&
        q[3] == -90);
  ipuTensorFree(&y);
  ipuTensorFree(&qa), ipuTensorFree(&qb), ipuTensorFree(&za), ipuTensorFree(&zb);
  ipuTensorFree(&ia), ipuTensorFree(&ib);
}

/* ---- Convolutions --------------------------------------------------------- */

/* Geometry straight from the ONNX definition (auto_pad resolved here). */
typedef struct {
  int nsp;
  int64_t n, c, m, group, in[3], k[3], s[3], d[3], pb[3], pe[3], out[3];
} RefConv;

static void refAutoPad(IpuAutoPad ap, RefConv *g, int i) {
  int64_t ek = (g->k[i] - 1) * g->d[i] + 1;
  if (ap == IPU_AUTO_PAD_VALID) {
    g->pb[i] = g->pe[i] = 0;
  } else if (ap != IPU_AUTO_PAD_NOTSET) {
    int64_t out = (g->in[i] + g->s[i] - 1) / g->s[i];
    int64_t total = (out - 1) * g->s[i] + ek - g->in[i];
    if (total < 0)
      total = 0;
    g->pb[i] = ap == IPU_AUTO_PAD_SAME_UPPER ? total / 2 : total - total / 2;
    g->pe[i] = total - g->pb[i];
  }
}

static int64_t flat3(const int64_t *dims, int64_t a, int64_t b, int64_t c) {
  return (a * dims[1] + b) * dims[2] + c;
}

static void testConvRandom(void) {
  for (int iter = 0; iter < 60; iter++) {
    RefConv g;
    memset(&g, 0, sizeof g);
    g.nsp = (int)randInt(1, 3);
    if (iter < 20)
      g.nsp = 2;
    g.n = randInt(1, 2);
    int kind = iter % 3; /* plain, grouped, depthwise */
    g.group = kind == 0 ? 1 : kind == 1 ? 2 : randInt(2, 4);
    int64_t cg = kind == 2 ? 1 : randInt(1, 3);
    g.c = cg * g.group;
    g.m = g.group * (kind == 2 ? randInt(1, 2) : randInt(1, 3));
    IpuConvParams p;
    memset(&p, 0, sizeof p);
    p.group = g.group;
    p.autoPad = (IpuAutoPad)(iter % 7 < 4 ? 0 : iter % 7 - 3);
    for (int i = 0; i < 3; i++)
      g.in[i] = g.k[i] = g.s[i] = g.d[i] = g.out[i] = 1;
    for (int i = 0; i < g.nsp; i++) {
      int a = 3 - g.nsp + i;
      g.k[a] = randInt(1, 3);
      g.s[a] = randInt(1, 3);
      g.d[a] = randInt(1, 2);
      g.pb[a] = p.autoPad ? 0 : randInt(0, 2);
      g.pe[a] = p.autoPad ? 0 : randInt(0, 2);
      int64_t ek = (g.k[a] - 1) * g.d[a] + 1;
      g.in[a] = randInt(ek > 2 ? ek : 2, ek + 6);
      refAutoPad(p.autoPad, &g, a);
      g.out[a] = (g.in[a] + g.pb[a] + g.pe[a] - ek) / g.s[a] + 1;
      p.strides[i] = g.s[a];
      p.dilations[i] = g.d[a];
      p.pads[i] = p.autoPad ? 99 : g.pb[a]; /* ignored unless NOTSET */
      p.pads[g.nsp + i] = p.autoPad ? 99 : g.pe[a];
      if (iter & 8)
        p.kernelShape[i] = g.k[a];
    }
    int64_t xs[5] = {g.n, g.c}, ws[5] = {g.m, cg}, bs[1] = {g.m};
    for (int i = 0; i < g.nsp; i++) {
      xs[2 + i] = g.in[3 - g.nsp + i];
      ws[2 + i] = g.k[3 - g.nsp + i];
    }
    IpuTensor x = randT(2 + g.nsp, xs), w = randT(2 + g.nsp, ws);
    IpuTensor b = randT(1, bs), y;
    bool withBias = iter % 2 == 0;
    IpuKernelError e = {""};
    bool ok = ipuKernelConv(&p, &x, &w, withBias ? &b : NULL, &y, &e);
    int64_t outSize = g.out[0] * g.out[1] * g.out[2];
    int64_t total = g.n * g.m * outSize;
    double *want = dalloc(total);
    int64_t mg = g.m / g.group;
    for (int64_t n = 0; n < g.n; n++)
      for (int64_t m = 0; m < g.m; m++)
        for (int64_t o0 = 0; o0 < g.out[0]; o0++)
          for (int64_t o1 = 0; o1 < g.out[1]; o1++)
            for (int64_t o2 = 0; o2 < g.out[2]; o2++) {
              double s = withBias ? F(&b)[m] : 0;
              for (int64_t c = 0; c < cg; c++)
                for (int64_t k0 = 0; k0 < g.k[0]; k0++)
                  for (int64_t k1 = 0; k1 < g.k[1]; k1++)
                    for (int64_t k2 = 0; k2 < g.k[2]; k2++) {
                      int64_t i0 = o0 * g.s[0] - g.pb[0] + k0 * g.d[0];
                      int64_t i1 = o1 * g.s[1] - g.pb[1] + k1 * g.d[1];
                      int64_t i2 = o2 * g.s[2] - g.pb[2] + k2 * g.d[2];
                      if (i0 < 0 || i0 >= g.in[0] || i1 < 0 || i1 >= g.in[1] ||
                          i2 < 0 || i2 >= g.in[2])
                        continue;
                      int64_t ci = (m / mg) * cg + c;
                      s += (double)F(&x)[(n * g.c + ci) * g.in[0] * g.in[1] * g.in[2] +
                                         flat3(g.in, i0, i1, i2)] *
                           F(&w)[(m * cg + c) * g.k[0] * g.k[1] * g.k[2] +
                                 flat3(g.k, k0, k1, k2)];
                    }
              want[(n * g.m + m) * outSize + flat3(g.out, o0, o1, o2)] = s;
            }
    int64_t ys[5] = {g.n, g.m};
    for (int i = 0; i < g.nsp; i++)
      ys[2 + i] = g.out[3 - g.nsp + i];
    CHECK_MSG(ok && sameShape(&y, 2 + g.nsp, ys) &&
                  maxErr(F(&y), want, total) < 1e-5,
              "conv iter %d (nsp %d group %lld autopad %d): %s", iter, g.nsp,
              (long long)g.group, (int)p.autoPad, e.message);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&b);
  }
}

/* A bigger case: the blocked SGEMM and several im2col row blocks. */
static void testConvLarge(void) {
  int64_t xs[4] = {1, 64, 36, 64}, ws[4] = {8, 64, 3, 3};
  IpuTensor x = randT(4, xs), w = randT(4, ws), y;
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  for (int i = 0; i < 4; i++)
    p.pads[i] = 1;
  IpuKernelError e = {""};
  CHECK(ipuKernelConv(&p, &x, &w, NULL, &y, &e) &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)8, (int64_t)36, (int64_t)64));
  /* Spot-check rows in every block against the definition. */
  double worst = 0;
  for (int t = 0; t < 200; t++) {
    int64_t m = randInt(0, 7), oy = randInt(0, 35), ox = randInt(0, 63);
    double s = 0;
    for (int64_t c = 0; c < 64; c++)
      for (int ky = 0; ky < 3; ky++)
        for (int kx = 0; kx < 3; kx++) {
          int64_t iy = oy - 1 + ky, ix = ox - 1 + kx;
          if (iy >= 0 && iy < 36 && ix >= 0 && ix < 64)
            s += (double)F(&x)[(c * 36 + iy) * 64 + ix] *
                 F(&w)[((m * 64 + c) * 3 + ky) * 3 + kx];
        }
    worst = fmax(worst, maxErr(&F(&y)[(m * 36 + oy) * 64 + ox], &s, 1));
  }
  CHECK(worst < 1e-5);
  ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&y);
}

static void testConvCases(void) {
  /* ONNX's test_basic_conv_with_padding: 5x5 ramp, 3x3 ones, pads 1. */
  int64_t xs[4] = {1, 1, 5, 5}, ws[4] = {1, 1, 3, 3};
  IpuTensor x = make(IPU_DTYPE_F32, 4, xs), w = make(IPU_DTYPE_F32, 4, ws), y;
  for (int i = 0; i < 25; i++)
    F(&x)[i] = (float)i;
  for (int i = 0; i < 9; i++)
    F(&w)[i] = 1;
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  for (int i = 0; i < 4; i++)
    p.pads[i] = 1;
  IpuKernelError e = {""};
  CHECK(ipuKernelConv(&p, &x, &w, NULL, &y, &e));
  static const float row0[5] = {12, 21, 27, 33, 24};
  CHECK(shapeIs(&y, 4, (int64_t)1, (int64_t)1, (int64_t)5, (int64_t)5) &&
        !memcmp(F(&y), row0, sizeof row0) && F(&y)[12] == 108);
  ipuTensorFree(&y);
  /* SAME_LOWER with stride 2 puts the extra pad first. */
  p.autoPad = IPU_AUTO_PAD_SAME_LOWER;
  p.strides[0] = p.strides[1] = 2;
  CHECK(ipuKernelConv(&p, &x, &w, NULL, &y, &e) &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)1, (int64_t)3, (int64_t)3) &&
        F(&y)[0] == 12 && F(&y)[1] == 27 && F(&y)[4] == 108);
  ipuTensorFree(&y);
  int64_t pads[4] = {7, 7, 7, 7};
  int64_t in[2] = {5, 6}, k[2] = {3, 2}, st[2] = {2, 0};
  CHECK(ipuResolveAutoPad(IPU_AUTO_PAD_SAME_UPPER, 2, in, k, st, NULL, pads,
                          &e) &&
        pads[0] == 1 && pads[2] == 1 && pads[1] == 0 && pads[3] == 1);
  /* Bad parameters. */
  memset(&p, 0, sizeof p);
  int64_t big[4] = {1, 1, 7, 7}, w2s[4] = {1, 2, 3, 3};
  IpuTensor wBig = make(IPU_DTYPE_F32, 4, big), w2 = make(IPU_DTYPE_F32, 4, w2s);
  EXPECT_FAIL(ipuKernelConv(&p, &x, &wBig, NULL, &y, err), "larger than");
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w2, NULL, &y, err), "channels");
  p.group = 2;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "groups");
  p.group = -1;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "group");
  p.group = 0;
  p.strides[0] = -2;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "stride");
  p.strides[0] = 0;
  p.pads[1] = -1;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "pads");
  p.pads[1] = 0;
  p.kernelShape[0] = 2;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "kernel_shape");
  p.kernelShape[0] = 0;
  int64_t bs[1] = {3};
  IpuTensor b3 = make(IPU_DTYPE_F32, 1, bs);
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, &b3, &y, err), "bias");
  EXPECT_FAIL(ipuKernelConv(&p, &x, &b3, NULL, &y, err), "rank");
  IpuTensor broken = {IPU_DTYPE_F32, 4, {1, 1, 5, 5}, NULL};
  EXPECT_FAIL(ipuKernelConv(&p, &broken, &w, NULL, &y, err), "well-formed");
  EXPECT_FAIL(ipuKernelConv(&p, &x, NULL, NULL, &y, err), "missing");
  /* Empty batch: an empty result, not a failure. */
  int64_t e0[4] = {0, 1, 5, 5};
  IpuTensor x0 = make(IPU_DTYPE_F32, 4, e0);
  CHECK(ipuKernelConv(&p, &x0, &w, NULL, &y, &e) &&
        shapeIs(&y, 4, (int64_t)0, (int64_t)1, (int64_t)3, (int64_t)3));
  ipuTensorFree(&y);
  /* No channels and a huge group count: an empty result, at once. */
  int64_t nc[3] = {2, 0, 3}, wc[3] = {0, 0, 3};
  IpuTensor xn = make(IPU_DTYPE_F32, 3, nc), wn = make(IPU_DTYPE_F32, 3, wc);
  memset(&p, 0, sizeof p);
  p.group = INT32_MAX;
  CHECK(ipuKernelConv(&p, &xn, &wn, NULL, &y, &e) &&
        shapeIs(&y, 3, (int64_t)2, (int64_t)0, (int64_t)1));
  ipuTensorFree(&y);
  /* Pads that would make a result beyond any tensor fail cleanly. */
  p.group = 1;
  p.pads[0] = p.pads[2] = (int64_t)1 << 30;
  EXPECT_FAIL(ipuKernelConv(&p, &x, &w, NULL, &y, err), "too large");
  ipuTensorFree(&xn), ipuTensorFree(&wn);
  ipuTensorFree(&x0), ipuTensorFree(&b3), ipuTensorFree(&wBig), ipuTensorFree(&w2);
  ipuTensorFree(&x), ipuTensorFree(&w);
}

static void testConvTranspose(void) {
  for (int iter = 0; iter < 30; iter++) {
    int nsp = iter < 20 ? 2 : (int)randInt(1, 3);
    int64_t group = iter % 3 == 0 ? 2 : 1, cg = randInt(1, 2), mg = randInt(1, 2);
    int64_t n = randInt(1, 2), c = group * cg, m = group * mg;
    int64_t in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, s[3] = {1, 1, 1}, d[3] = {1, 1, 1};
    int64_t pb[3] = {0}, pe[3] = {0}, op[3] = {0}, out[3] = {1, 1, 1};
    IpuConvParams p;
    memset(&p, 0, sizeof p);
    p.group = group;
    for (int i = 0; i < nsp; i++) {
      int a = 3 - nsp + i;
      in[a] = randInt(1, 5), k[a] = randInt(1, 3), s[a] = randInt(1, 3);
      d[a] = randInt(1, 2), pb[a] = randInt(0, 1), pe[a] = randInt(0, 1);
      op[a] = randInt(0, s[a] - 1);
      out[a] = s[a] * (in[a] - 1) + op[a] + (k[a] - 1) * d[a] + 1 - pb[a] - pe[a];
      p.strides[i] = s[a], p.dilations[i] = d[a], p.pads[i] = pb[a];
      p.pads[nsp + i] = pe[a], p.outputPadding[i] = op[a];
    }
    int64_t xs[5] = {n, c}, ws[5] = {c, mg}, bs[1] = {m};
    for (int i = 0; i < nsp; i++)
      xs[2 + i] = in[3 - nsp + i], ws[2 + i] = k[3 - nsp + i];
    IpuTensor x = randT(2 + nsp, xs), w = randT(2 + nsp, ws), b = randT(1, bs), y;
    IpuKernelError e = {""};
    bool ok = ipuKernelConvTranspose(&p, &x, &w, &b, &y, &e);
    int64_t osz = out[0] * out[1] * out[2], isz = in[0] * in[1] * in[2];
    int64_t ksz = k[0] * k[1] * k[2];
    double *want = dalloc(n * m * osz);
    for (int64_t i = 0; i < n * m * osz; i++)
      want[i] = F(&b)[(i / osz) % m];
    /* Scatter form of the definition. */
    for (int64_t bn = 0; bn < n; bn++)
      for (int64_t ci = 0; ci < c; ci++)
        for (int64_t i0 = 0; i0 < in[0]; i0++)
          for (int64_t i1 = 0; i1 < in[1]; i1++)
            for (int64_t i2 = 0; i2 < in[2]; i2++)
              for (int64_t mo = 0; mo < mg; mo++)
                for (int64_t k0 = 0; k0 < k[0]; k0++)
                  for (int64_t k1 = 0; k1 < k[1]; k1++)
                    for (int64_t k2 = 0; k2 < k[2]; k2++) {
                      int64_t o0 = i0 * s[0] - pb[0] + k0 * d[0];
                      int64_t o1 = i1 * s[1] - pb[1] + k1 * d[1];
                      int64_t o2 = i2 * s[2] - pb[2] + k2 * d[2];
                      if (o0 < 0 || o0 >= out[0] || o1 < 0 || o1 >= out[1] ||
                          o2 < 0 || o2 >= out[2])
                        continue;
                      int64_t mm = (ci / cg) * mg + mo;
                      want[(bn * m + mm) * osz + flat3(out, o0, o1, o2)] +=
                          (double)F(&x)[(bn * c + ci) * isz + flat3(in, i0, i1, i2)] *
                          F(&w)[(ci * mg + mo) * ksz + flat3(k, k0, k1, k2)];
                    }
    int64_t ys[5] = {n, m};
    for (int i = 0; i < nsp; i++)
      ys[2 + i] = out[3 - nsp + i];
    CHECK_MSG(ok && sameShape(&y, 2 + nsp, ys) &&
                  maxErr(F(&y), want, n * m * osz) < 1e-5,
              "conv transpose iter %d: %s", iter, e.message);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&b);
  }
  /* ONNX's test_convtranspose_autopad_same: the extra pad goes last. */
  int64_t xs[4] = {1, 1, 3, 3}, ws[4] = {1, 2, 3, 3};
  IpuTensor x = make(IPU_DTYPE_F32, 4, xs), w = make(IPU_DTYPE_F32, 4, ws), y;
  for (int i = 0; i < 9; i++)
    F(&x)[i] = (float)i;
  for (int i = 0; i < 18; i++)
    F(&w)[i] = 1;
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  p.autoPad = IPU_AUTO_PAD_SAME_UPPER;
  p.strides[0] = p.strides[1] = 2;
  IpuKernelError e = {""};
  static const float row0[6] = {0, 0, 1, 1, 3, 2};
  CHECK(ipuKernelConvTranspose(&p, &x, &w, NULL, &y, &e) &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)2, (int64_t)6, (int64_t)6) &&
        !memcmp(F(&y), row0, sizeof row0));
  ipuTensorFree(&y);
  /* output_shape larger than the natural size pads the end with zeros. */
  p.autoPad = IPU_AUTO_PAD_NOTSET;
  p.strides[0] = 3;
  p.hasOutputShape = true;
  p.outputShape[0] = 10, p.outputShape[1] = 8;
  CHECK(ipuKernelConvTranspose(&p, &x, &w, NULL, &y, &e) &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)2, (int64_t)10, (int64_t)8) &&
        F(&y)[6] == 2 && F(&y)[7] == 0 && F(&y)[72] == 0);
  ipuTensorFree(&y);
  p.hasOutputShape = false;
  p.pads[0] = p.pads[2] = 9;
  EXPECT_FAIL(ipuKernelConvTranspose(&p, &x, &w, NULL, &y, err), "exceed");
  ipuTensorFree(&x), ipuTensorFree(&w);
}

static void testConvInteger(void) {
  /* ONNX's test_basic_convinteger: x 1..9 - 1, w ones, no padding. */
  int64_t xs[4] = {1, 1, 3, 3}, ws[4] = {1, 1, 2, 2};
  IpuTensor x = make(IPU_DTYPE_U8, 4, xs), w = make(IPU_DTYPE_U8, 4, ws), y;
  for (int i = 0; i < 9; i++)
    ((uint8_t *)x.data)[i] = (uint8_t)(i + 2);
  for (int i = 0; i < 4; i++)
    ((uint8_t *)w.data)[i] = 1;
  IpuTensor zx = make(IPU_DTYPE_U8, 0, NULL);
  ((uint8_t *)zx.data)[0] = 1;
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  p.pads[0] = p.pads[2] = 1; /* padding reads as the zero point: 0 */
  IpuKernelError e = {""};
  CHECK(ipuKernelConvInteger(&p, &x, &w, &zx, NULL, &y, &e) &&
        y.dtype == IPU_DTYPE_I32 &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)1, (int64_t)4, (int64_t)2));
  int32_t *q = y.data;
  CHECK(q[0] == 3 && q[1] == 5 && q[2] == 12 && q[3] == 16 && q[4] == 24 &&
        q[7] == 17);
  ipuTensorFree(&y);
  IpuTensor wf = make(IPU_DTYPE_F32, 4, ws);
  EXPECT_FAIL(ipuKernelConvInteger(&p, &x, &wf, NULL, NULL, &y, err), "int8");
  ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&zx), ipuTensorFree(&wf);
}

/* ---- Pooling --------------------------------------------------------------- */

static void testPoolRandom(void) {
  for (int iter = 0; iter < 60; iter++) {
    int nsp = iter < 30 ? 2 : (int)randInt(1, 3);
    IpuPoolParams p;
    memset(&p, 0, sizeof p);
    p.kind = (IpuPoolKind)(iter % 3);
    p.autoPad = (IpuAutoPad)(iter % 5 < 3 ? 0 : iter % 5 - 2);
    p.ceilMode = (iter / 3) % 2;
    p.countIncludePad = (iter / 2) % 2;
    p.storageOrder = iter % 4 == 0 ? 1 : 0;
    p.p = iter % 2 ? 3 : 0;
    int64_t in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, s[3] = {1, 1, 1};
    int64_t d[3] = {1, 1, 1}, pb[3] = {0}, pe[3] = {0}, out[3] = {1, 1, 1};
    for (int i = 0; i < nsp; i++) {
      int a = 3 - nsp + i;
      k[a] = randInt(1, 3), s[a] = randInt(1, 3);
      d[a] = p.kind == IPU_POOL_MAX ? randInt(1, 2) : 1;
      int64_t ek = (k[a] - 1) * d[a] + 1;
      pb[a] = p.autoPad ? 0 : randInt(0, k[a] - 1);
      pe[a] = p.autoPad ? 0 : randInt(0, k[a] - 1);
      in[a] = randInt(ek, ek + 5);
      if (p.autoPad == IPU_AUTO_PAD_SAME_UPPER || p.autoPad == IPU_AUTO_PAD_SAME_LOWER) {
        out[a] = (in[a] + s[a] - 1) / s[a];
        int64_t total = (out[a] - 1) * s[a] + ek - in[a];
        total = total < 0 ? 0 : total;
        pb[a] = p.autoPad == IPU_AUTO_PAD_SAME_UPPER ? total / 2 : total - total / 2;
        pe[a] = total - pb[a];
      } else {
        int64_t span = in[a] + pb[a] + pe[a] - ek;
        out[a] = (p.ceilMode ? (span + s[a] - 1) / s[a] : span / s[a]) + 1;
        if (p.ceilMode && (out[a] - 1) * s[a] >= in[a] + pb[a])
          out[a]--;
      }
      p.kernelShape[i] = k[a], p.strides[i] = s[a], p.dilations[i] = d[a];
      p.pads[i] = pb[a], p.pads[nsp + i] = pe[a];
    }
    int64_t xs[5] = {randInt(1, 2), randInt(1, 3)};
    for (int i = 0; i < nsp; i++)
      xs[2 + i] = in[3 - nsp + i];
    IpuTensor x = randT(2 + nsp, xs), y, idx;
    IpuKernelError e = {""};
    bool wantIdx = p.kind == IPU_POOL_MAX;
    bool ok = ipuKernelPool(&p, &x, &y, wantIdx ? &idx : NULL, &e);
    int64_t planes = xs[0] * xs[1], osz = out[0] * out[1] * out[2];
    int64_t isz = in[0] * in[1] * in[2];
    double *want = dalloc(planes * osz);
    int64_t *wantIdxs = calloc((size_t)(planes * osz), sizeof(int64_t));
    for (int64_t pl = 0; pl < planes; pl++)
      for (int64_t o0 = 0; o0 < out[0]; o0++)
        for (int64_t o1 = 0; o1 < out[1]; o1++)
          for (int64_t o2 = 0; o2 < out[2]; o2++) {
            double acc = p.kind == IPU_POOL_MAX ? -INFINITY : 0;
            int64_t cnt = 0, cntPad = 0, best = -1;
            for (int64_t k0 = 0; k0 < k[0]; k0++)
              for (int64_t k1 = 0; k1 < k[1]; k1++)
                for (int64_t k2 = 0; k2 < k[2]; k2++) {
                  int64_t i0 = o0 * s[0] - pb[0] + k0 * d[0];
                  int64_t i1 = o1 * s[1] - pb[1] + k1 * d[1];
                  int64_t i2 = o2 * s[2] - pb[2] + k2 * d[2];
                  if (i0 < in[0] + pe[0] && i1 < in[1] + pe[1] &&
                      i2 < in[2] + pe[2])
                    cntPad++;
                  if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] || i2 < 0 ||
                      i2 >= in[2])
                    continue;
                  double v = F(&x)[pl * isz + flat3(in, i0, i1, i2)];
                  cnt++;
                  if (p.kind == IPU_POOL_MAX) {
                    if (v > acc) {
                      acc = v;
                      best = p.storageOrder ? (i2 * in[1] + i1) * in[0] + i0
                                            : flat3(in, i0, i1, i2);
                    }
                  } else if (p.kind == IPU_POOL_AVERAGE) {
                    acc += v;
                  } else {
                    acc += pow(fabs(v), p.p ? (double)p.p : 2.0);
                  }
                }
            int64_t o = pl * osz + flat3(out, o0, o1, o2);
            if (p.kind == IPU_POOL_AVERAGE)
              acc /= (double)(p.countIncludePad ? cntPad : cnt);
            else if (p.kind == IPU_POOL_LP)
              acc = pow(acc, 1.0 / (p.p ? (double)p.p : 2.0));
            want[o] = acc;
            wantIdxs[o] = pl * isz + best;
          }
    int64_t ys[5] = {xs[0], xs[1]};
    for (int i = 0; i < nsp; i++)
      ys[2 + i] = out[3 - nsp + i];
    bool good = ok && sameShape(&y, 2 + nsp, ys) &&
                maxErr(F(&y), want, planes * osz) < 1e-5;
    if (good && wantIdx)
      good = !memcmp(idx.data, wantIdxs, (size_t)(planes * osz) * sizeof(int64_t));
    CHECK_MSG(good, "pool iter %d kind %d nsp %d ceil %d autopad %d: %s", iter,
              (int)p.kind, nsp, p.ceilMode, (int)p.autoPad, e.message);
    free(want), free(wantIdxs);
    if (ok) {
      ipuTensorFree(&y);
      if (wantIdx)
        ipuTensorFree(&idx);
    }
    ipuTensorFree(&x);
  }
}

static void testPoolCases(void) {
  /* ONNX's test_maxpool_2d_ceil: 4x4 ramp, 3x3, stride 2, ceil mode. */
  int64_t xs[4] = {1, 1, 4, 4};
  IpuTensor x = make(IPU_DTYPE_F32, 4, xs), y;
  for (int i = 0; i < 16; i++)
    F(&x)[i] = (float)(i + 1);
  IpuPoolParams p;
  memset(&p, 0, sizeof p);
  p.kernelShape[0] = p.kernelShape[1] = 3;
  p.strides[0] = p.strides[1] = 2;
  p.ceilMode = true;
  IpuKernelError e = {""};
  CHECK(ipuKernelPool(&p, &x, &y, NULL, &e) && F(&y)[0] == 11 &&
        F(&y)[1] == 12 && F(&y)[2] == 15 && F(&y)[3] == 16);
  ipuTensorFree(&y);
  /* Average with and without the padding in the count. */
  p.kind = IPU_POOL_AVERAGE;
  p.ceilMode = false;
  p.strides[0] = p.strides[1] = 1;
  p.pads[0] = p.pads[1] = p.pads[2] = p.pads[3] = 1;
  CHECK(ipuKernelPool(&p, &x, &y, NULL, &e) && F(&y)[0] == 14.0f / 4);
  ipuTensorFree(&y);
  p.countIncludePad = true;
  CHECK(ipuKernelPool(&p, &x, &y, NULL, &e) && F(&y)[0] == 14.0f / 9);
  ipuTensorFree(&y);
  /* MaxPool on uint8 stays uint8. */
  IpuTensor q = make(IPU_DTYPE_U8, 4, xs);
  for (int i = 0; i < 16; i++)
    ((uint8_t *)q.data)[i] = (uint8_t)(250 - i);
  p.kind = IPU_POOL_MAX;
  CHECK(ipuKernelPool(&p, &q, &y, NULL, &e) && y.dtype == IPU_DTYPE_U8 &&
        ((uint8_t *)y.data)[0] == 250);
  ipuTensorFree(&y);
  /* Global pools. */
  CHECK(ipuKernelGlobalPool(IPU_POOL_AVERAGE, 0, &x, &y, &e) &&
        shapeIs(&y, 4, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1) &&
        F(&y)[0] == 8.5f);
  ipuTensorFree(&y);
  CHECK(ipuKernelGlobalPool(IPU_POOL_MAX, 0, &x, &y, &e) && F(&y)[0] == 16);
  ipuTensorFree(&y);
  CHECK(ipuKernelGlobalPool(IPU_POOL_LP, 1, &x, &y, &e) && F(&y)[0] == 136);
  ipuTensorFree(&y);
  /* Bad parameters. */
  p.kernelShape[0] = 0;
  EXPECT_FAIL(ipuKernelPool(&p, &x, &y, NULL, err), "kernel_shape");
  p.kernelShape[0] = 9;
  p.pads[0] = p.pads[2] = 0;
  EXPECT_FAIL(ipuKernelPool(&p, &x, &y, NULL, err), "larger than");
  p.kernelShape[0] = 2;
  p.kind = IPU_POOL_AVERAGE;
  IpuTensor idx;
  EXPECT_FAIL(ipuKernelPool(&p, &x, &y, &idx, err), "indices");
  p.kind = IPU_POOL_MAX;
  p.storageOrder = 2;
  EXPECT_FAIL(ipuKernelPool(&p, &x, &y, NULL, err), "storage_order");
  p.storageOrder = 0;
  p.kind = IPU_POOL_AVERAGE;
  EXPECT_FAIL(ipuKernelPool(&p, &q, &y, NULL, err), "element type");
  int64_t s2[2] = {2, 2};
  IpuTensor flat = make(IPU_DTYPE_F32, 2, s2);
  EXPECT_FAIL(ipuKernelPool(&p, &flat, &y, NULL, err), "rank");
  ipuTensorFree(&flat), ipuTensorFree(&x), ipuTensorFree(&q);
}

/* ---- Element-wise ops ------------------------------------------------------ */

/* Index of output element i in an operand broadcast to `shape`. */
static int64_t bcastIndex(int64_t i, int rank, const int64_t *shape,
                          const IpuTensor *t) {
  int64_t off = 0, stride = 1;
  for (int a = rank - 1; a >= 0; a--) {
    int64_t idx = i % shape[a];
    i /= shape[a];
    int ta = a - (rank - t->rank);
    if (ta >= 0) {
      if (t->shape[ta] != 1)
        off += idx * stride;
      stride *= t->shape[ta];
    }
  }
  return off;
}

static double refBinary(IpuBinaryOp op, double x, double z) {
  switch (op) {
  case IPU_BINARY_ADD: return x + z;
  case IPU_BINARY_SUB: return x - z;
  case IPU_BINARY_MUL: return x * z;
  case IPU_BINARY_DIV: return x / z;
  case IPU_BINARY_POW: return pow(x, z);
  case IPU_BINARY_MAX: return x > z ? x : z;
  case IPU_BINARY_MIN: return x < z ? x : z;
  case IPU_BINARY_PRELU: return x < 0 ? x * z : x;
  case IPU_BINARY_EQUAL: return x == z;
  case IPU_BINARY_LESS: return x < z;
  case IPU_BINARY_GREATER_OR_EQUAL: return x >= z;
  default: return NAN;
  }
}

static void testBinaryRandom(void) {
  static const IpuBinaryOp ops[] = {
      IPU_BINARY_ADD, IPU_BINARY_SUB, IPU_BINARY_MUL, IPU_BINARY_DIV,
      IPU_BINARY_POW, IPU_BINARY_MAX, IPU_BINARY_MIN, IPU_BINARY_PRELU,
      IPU_BINARY_EQUAL, IPU_BINARY_LESS, IPU_BINARY_GREATER_OR_EQUAL};
  for (int iter = 0; iter < 80; iter++) {
    IpuBinaryOp op = ops[iter % 11];
    int rank = (int)randInt(0, 4);
    int64_t shape[4], sa[4], sb[4];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(1, 4);
    /* Drop leading axes and put 1s anywhere in either operand. */
    int ra = (int)randInt(0, rank), rb = (int)randInt(0, rank);
    if (iter % 3 == 0)
      ra = rank;
    for (int i = 0; i < ra; i++)
      sa[i] = rnd() % 3 == 0 ? 1 : shape[rank - ra + i];
    for (int i = 0; i < rb; i++)
      sb[i] = rnd() % 3 == 0 ? 1 : shape[rank - rb + i];
    IpuTensor a = randT(ra, sa), b = randT(rb, sb), y;
    if (op == IPU_BINARY_POW)
      for (int64_t i = 0; i < ipuTensorNumElements(&a); i++)
        F(&a)[i] = fabsf(F(&a)[i]) + 0.1f;
    if (op == IPU_BINARY_EQUAL) /* some equal pairs */
      for (int64_t i = 0; i < ipuTensorNumElements(&b); i++)
        F(&b)[i] = (float)(rnd() % 3);
    if (op == IPU_BINARY_EQUAL)
      for (int64_t i = 0; i < ipuTensorNumElements(&a); i++)
        F(&a)[i] = (float)(rnd() % 3);
    IpuKernelError e = {""};
    bool ok = ipuKernelBinary(op, &a, &b, &y, &e);
    /* The result shape from the operands' own extents. */
    int r = ra > rb ? ra : rb;
    int64_t outShape[4];
    for (int i = 0; i < r; i++) {
      int ia = i - (r - ra), ib = i - (r - rb);
      int64_t da = ia >= 0 ? sa[ia] : 1, db = ib >= 0 ? sb[ib] : 1;
      outShape[i] = da > db ? da : db;
    }
    int64_t n = 1;
    for (int i = 0; i < r; i++)
      n *= outShape[i];
    bool good = ok && sameShape(&y, r, outShape);
    for (int64_t i = 0; good && i < n; i++) {
      double want = refBinary(op, F(&a)[bcastIndex(i, r, outShape, &a)],
                              F(&b)[bcastIndex(i, r, outShape, &b)]);
      double got = y.dtype == IPU_DTYPE_BOOL ? ((uint8_t *)y.data)[i] : F(&y)[i];
      good = fabs(got - want) <= 1e-5 * (1 + fabs(want)) ||
             (isnan(got) && isnan(want));
    }
    CHECK_MSG(good, "binary op %d iter %d: %s", (int)op, iter, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&a), ipuTensorFree(&b);
  }
}

static IpuTensor vecI(IpuDType t, int64_t n, const int64_t *v) {
  IpuTensor x = make(t, 1, &n);
  for (int64_t i = 0; i < n; i++) {
    switch (t) {
    case IPU_DTYPE_I8: ((int8_t *)x.data)[i] = (int8_t)v[i]; break;
    case IPU_DTYPE_U8:
    case IPU_DTYPE_BOOL: ((uint8_t *)x.data)[i] = (uint8_t)v[i]; break;
    case IPU_DTYPE_I32: ((int32_t *)x.data)[i] = (int32_t)v[i]; break;
    default: ((int64_t *)x.data)[i] = v[i]; break;
    }
  }
  return x;
}

static bool eqI(const IpuTensor *t, int64_t n, const int64_t *v) {
  if (ipuTensorNumElements(t) != n)
    return false;
  for (int64_t i = 0; i < n; i++) {
    int64_t got;
    switch (t->dtype) {
    case IPU_DTYPE_I8: got = ((int8_t *)t->data)[i]; break;
    case IPU_DTYPE_U8:
    case IPU_DTYPE_BOOL: got = ((uint8_t *)t->data)[i]; break;
    case IPU_DTYPE_I32: got = ((int32_t *)t->data)[i]; break;
    default: got = ((int64_t *)t->data)[i]; break;
    }
    if (got != v[i])
      return false;
  }
  return true;
}

static void testBinaryCases(void) {
  IpuKernelError e = {""};
  IpuTensor y;
  /* int8 wraps around; integer division truncates; Mod follows the
   * divisor's sign, fmod the dividend's. */
  int64_t a8[4] = {100, -128, 7, -7}, b8[4] = {100, -1, 2, 2};
  IpuTensor a = vecI(IPU_DTYPE_I8, 4, a8), b = vecI(IPU_DTYPE_I8, 4, b8);
  int64_t sum[4] = {-56, 127, 9, -5}, quo[4] = {1, -128, 3, -3};
  CHECK(ipuKernelBinary(IPU_BINARY_ADD, &a, &b, &y, &e) && eqI(&y, 4, sum));
  ipuTensorFree(&y);
  CHECK(ipuKernelBinary(IPU_BINARY_DIV, &a, &b, &y, &e) && eqI(&y, 4, quo));
  ipuTensorFree(&y);
  int64_t mod[4] = {0, 0, 1, 1}, fmodv[4] = {0, 0, 1, -1};
  CHECK(ipuKernelBinary(IPU_BINARY_MOD, &a, &b, &y, &e) && eqI(&y, 4, mod));
  ipuTensorFree(&y);
  CHECK(ipuKernelBinary(IPU_BINARY_FMOD, &a, &b, &y, &e) && eqI(&y, 4, fmodv));
  ipuTensorFree(&y);
  int64_t zero[1] = {0};
  IpuTensor z = vecI(IPU_DTYPE_I8, 1, zero);
  EXPECT_FAIL(ipuKernelBinary(IPU_BINARY_DIV, &a, &z, &y, err), "by zero");
  /* Pow with an int64 exponent, the result in the base's type. */
  float base[3] = {2, 3, 0.5f};
  int64_t ex[3] = {3, -1, 2};
  IpuTensor fb = vecF(3, base), ie = vecI(IPU_DTYPE_I64, 3, ex);
  CHECK(ipuKernelBinary(IPU_BINARY_POW, &fb, &ie, &y, &e) &&
        y.dtype == IPU_DTYPE_F32 && F(&y)[0] == 8 &&
        fabsf(F(&y)[1] - 1.0f / 3) < 1e-7f && F(&y)[2] == 0.25f);
  ipuTensorFree(&y);
  /* Logic and comparisons give bool. */
  int64_t t1[4] = {1, 1, 0, 0}, t2[4] = {1, 0, 1, 0};
  IpuTensor l1 = vecI(IPU_DTYPE_BOOL, 4, t1), l2 = vecI(IPU_DTYPE_BOOL, 4, t2);
  int64_t andv[4] = {1, 0, 0, 0}, xorv[4] = {0, 1, 1, 0};
  CHECK(ipuKernelBinary(IPU_BINARY_AND, &l1, &l2, &y, &e) && eqI(&y, 4, andv));
  ipuTensorFree(&y);
  CHECK(ipuKernelBinary(IPU_BINARY_XOR, &l1, &l2, &y, &e) && eqI(&y, 4, xorv));
  ipuTensorFree(&y);
  int64_t gt[4] = {0, 0, 1, 0};
  CHECK(ipuKernelBinary(IPU_BINARY_GREATER, &a, &b, &y, &e) &&
        y.dtype == IPU_DTYPE_BOOL && eqI(&y, 4, gt));
  ipuTensorFree(&y);
  /* NaN propagates through Max. */
  float nanv[2] = {NAN, 1}, one[2] = {0, 2};
  IpuTensor fn = vecF(2, nanv), fo = vecF(2, one);
  CHECK(ipuKernelBinary(IPU_BINARY_MAX, &fn, &fo, &y, &e) && isnan(F(&y)[0]) &&
        F(&y)[1] == 2);
  ipuTensorFree(&y);
  /* f64 computes in double. */
  int64_t two = 2;
  IpuTensor d1 = make(IPU_DTYPE_F64, 1, &two), d2 = make(IPU_DTYPE_F64, 1, &two);
  ((double *)d1.data)[0] = 1e300, ((double *)d2.data)[0] = 1e-300;
  CHECK(ipuKernelBinary(IPU_BINARY_MUL, &d1, &d2, &y, &e) &&
        ((double *)y.data)[0] == 1e300 * 1e-300);
  ipuTensorFree(&y);
  /* Empty broadcast: (0, 3) + (3). */
  int64_t s03[2] = {0, 3}, s3[1] = {3};
  IpuTensor em = make(IPU_DTYPE_F32, 2, s03), r3 = randT(1, s3);
  CHECK(ipuKernelBinary(IPU_BINARY_ADD, &em, &r3, &y, &e) &&
        shapeIs(&y, 2, (int64_t)0, (int64_t)3));
  ipuTensorFree(&y);
  /* Bad operands. */
  int64_t s4[1] = {4};
  IpuTensor r4 = randT(1, s4);
  EXPECT_FAIL(ipuKernelBinary(IPU_BINARY_ADD, &r3, &r4, &y, err), "broadcast");
  EXPECT_FAIL(ipuKernelBinary(IPU_BINARY_ADD, &r4, &a, &y, err), "types differ");
  EXPECT_FAIL(ipuKernelBinary(IPU_BINARY_AND, &r4, &r4, &y, err), "bool");
  EXPECT_FAIL(ipuKernelBinary((IpuBinaryOp)99, &r4, &r4, &y, err), "unknown");
  /* Variadic ops, Where. */
  const IpuTensor *xs[3] = {&fo, &r4, &fo};
  EXPECT_FAIL(ipuKernelVariadic(IPU_VARIADIC_SUM, 3, xs, &y, err), "broadcast");
  float c1[1] = {3};
  IpuTensor s1 = vecF(1, c1);
  const IpuTensor *vs[3] = {&fo, &s1, &fo};
  CHECK(ipuKernelVariadic(IPU_VARIADIC_MEAN, 3, vs, &y, &e) &&
        F(&y)[0] == 1 && fabsf(F(&y)[1] - 7.0f / 3) < 1e-6f);
  ipuTensorFree(&y);
  CHECK(ipuKernelVariadic(IPU_VARIADIC_MIN, 2, vs, &y, &e) && F(&y)[0] == 0 &&
        F(&y)[1] == 2);
  ipuTensorFree(&y);
  CHECK(ipuKernelVariadic(IPU_VARIADIC_MAX, 1, vs, &y, &e) && F(&y)[1] == 2);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelVariadic(IPU_VARIADIC_SUM, 0, vs, &y, err), "at least");
  int64_t cv[2] = {1, 0};
  IpuTensor cond = vecI(IPU_DTYPE_BOOL, 2, cv);
  CHECK(ipuKernelWhere(&cond, &fo, &s1, &y, &e) && F(&y)[0] == 0 &&
        F(&y)[1] == 3);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelWhere(&fo, &fo, &s1, &y, err), "bool");
  ipuTensorFree(&a), ipuTensorFree(&b), ipuTensorFree(&z), ipuTensorFree(&fb);
  ipuTensorFree(&ie), ipuTensorFree(&l1), ipuTensorFree(&l2), ipuTensorFree(&fn);
  ipuTensorFree(&fo), ipuTensorFree(&d1), ipuTensorFree(&d2), ipuTensorFree(&em);
  ipuTensorFree(&r3), ipuTensorFree(&r4), ipuTensorFree(&s1), ipuTensorFree(&cond);
}

/* ---- Unary ops -------------------------------------------------------------- */

static double refUnary(IpuUnaryOp op, double a, double b, double x) {
  switch (op) {
  case IPU_UNARY_RELU: return x > 0 ? x : 0;
  case IPU_UNARY_LEAKY_RELU: return x >= 0 ? x : a * x;
  case IPU_UNARY_CLIP: return fmin(fmax(x, a), b);
  case IPU_UNARY_SIGMOID: return 1 / (1 + exp(-x));
  case IPU_UNARY_TANH: return tanh(x);
  case IPU_UNARY_HARD_SIGMOID: return fmax(0, fmin(1, a * x + b));
  case IPU_UNARY_HARD_SWISH: return x * fmax(0, fmin(1, x / 6 + 0.5));
  case IPU_UNARY_SQRT: return sqrt(x);
  case IPU_UNARY_LOG: return log(x);
  case IPU_UNARY_EXP: return exp(x);
  case IPU_UNARY_NEG: return -x;
  case IPU_UNARY_ABS: return fabs(x);
  case IPU_UNARY_ERF: return erf(x);
  case IPU_UNARY_ELU: return x >= 0 ? x : a * (exp(x) - 1);
  case IPU_UNARY_SELU: return x > 0 ? b * x : b * (a * exp(x) - a);
  case IPU_UNARY_SOFTPLUS: return log(exp(x) + 1);
  case IPU_UNARY_GELU: return x / 2 * (1 + erf(x / sqrt(2)));
  default: return NAN;
  }
}

static void testUnary(void) {
  static const IpuUnaryOp ops[] = {
      IPU_UNARY_RELU, IPU_UNARY_LEAKY_RELU, IPU_UNARY_CLIP, IPU_UNARY_SIGMOID,
      IPU_UNARY_TANH, IPU_UNARY_HARD_SIGMOID, IPU_UNARY_HARD_SWISH,
      IPU_UNARY_SQRT, IPU_UNARY_LOG, IPU_UNARY_EXP, IPU_UNARY_NEG,
      IPU_UNARY_ABS, IPU_UNARY_ERF, IPU_UNARY_ELU, IPU_UNARY_SELU,
      IPU_UNARY_SOFTPLUS, IPU_UNARY_GELU};
  IpuKernelError e = {""};
  for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
    IpuUnaryOp op = ops[k];
    int64_t shape[3] = {randInt(1, 3), randInt(0, 4), randInt(1, 5)};
    IpuTensor x = randT(3, shape), y;
    for (int64_t i = 0; i < ipuTensorNumElements(&x); i++) {
      F(&x)[i] *= 4;
      if (op == IPU_UNARY_SQRT || op == IPU_UNARY_LOG)
        F(&x)[i] = fabsf(F(&x)[i]) + 0.01f;
    }
    IpuUnaryParams p = ipuUnaryDefaults(op);
    if (op == IPU_UNARY_CLIP)
      p.alpha = -0.5, p.beta = 0.25;
    bool ok = ipuKernelUnary(op, &p, &x, &y, &e);
    int64_t n = ipuTensorNumElements(&x);
    double *want = dalloc(n);
    for (int64_t i = 0; i < n; i++)
      want[i] = refUnary(op, p.alpha, p.beta, F(&x)[i]);
    CHECK_MSG(ok && sameShape(&y, 3, shape) && maxErr(F(&y), want, n) < 2e-6,
              "unary op %d: %s", (int)op, e.message);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    /* The f64 and f16 forms. */
    IpuTensor xd, yd, xh, yh;
    CHECK(ipuKernelCast(&x, IPU_DTYPE_F64, &xd, &e) &&
          ipuKernelUnary(op, &p, &xd, &yd, &e) && yd.dtype == IPU_DTYPE_F64);
    bool close = true;
    for (int64_t i = 0; i < n; i++) {
      double w = refUnary(op, p.alpha, p.beta, ((double *)xd.data)[i]);
      close = close && fabs(((double *)yd.data)[i] - w) <= 1e-12 * (1 + fabs(w));
    }
    CHECK_MSG(close, "f64 unary op %d", (int)op);
    CHECK(ipuKernelCast(&x, IPU_DTYPE_F16, &xh, &e) &&
          ipuKernelUnary(op, &p, &xh, &yh, &e) && yh.dtype == IPU_DTYPE_F16);
    ipuTensorFree(&xd), ipuTensorFree(&yd), ipuTensorFree(&xh), ipuTensorFree(&yh);
    ipuTensorFree(&x);
  }
  /* Integer forms; Clip saturates its bounds into the type. */
  int64_t v[4] = {-128, -3, 5, 127};
  IpuTensor q = vecI(IPU_DTYPE_I8, 4, v), y;
  int64_t relu[4] = {0, 0, 5, 127}, neg[4] = {-128, 3, -5, -127};
  CHECK(ipuKernelUnary(IPU_UNARY_RELU, NULL, &q, &y, &e) && eqI(&y, 4, relu));
  ipuTensorFree(&y);
  CHECK(ipuKernelUnary(IPU_UNARY_NEG, NULL, &q, &y, &e) && eqI(&y, 4, neg));
  ipuTensorFree(&y);
  IpuUnaryParams cp = {-4.5, 1e30};
  int64_t clip[4] = {-4, -3, 5, 127};
  CHECK(ipuKernelUnary(IPU_UNARY_CLIP, &cp, &q, &y, &e) && eqI(&y, 4, clip));
  ipuTensorFree(&y);
  CHECK(ipuKernelUnary(IPU_UNARY_CLIP, NULL, &q, &y, &e) && eqI(&y, 4, v));
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelUnary(IPU_UNARY_SIGMOID, NULL, &q, &y, err), "element type");
  /* Special values: NaN through Relu and Clip, -0 to +0, min > max. */
  float sp[4] = {NAN, -0.0f, 2, -2};
  IpuTensor s = vecF(4, sp);
  CHECK(ipuKernelUnary(IPU_UNARY_RELU, NULL, &s, &y, &e) && isnan(F(&y)[0]) &&
        !signbit(F(&y)[1]));
  ipuTensorFree(&y);
  IpuUnaryParams inv = {1, 0};
  CHECK(ipuKernelUnary(IPU_UNARY_CLIP, &inv, &s, &y, &e) && isnan(F(&y)[0]) &&
        F(&y)[2] == 0 && F(&y)[3] == 0);
  ipuTensorFree(&y);
  float r[4] = {0.5f, 1.5f, 2.5f, -0.5f};
  IpuTensor rt = vecF(4, r);
  CHECK(ipuKernelUnary(IPU_UNARY_ROUND, NULL, &rt, &y, &e) && F(&y)[0] == 0 &&
        F(&y)[1] == 2 && F(&y)[2] == 2 && F(&y)[3] == 0);
  ipuTensorFree(&y);
  int64_t bv[2] = {0, 1};
  IpuTensor bt = vecI(IPU_DTYPE_BOOL, 2, bv);
  int64_t notv[2] = {1, 0};
  CHECK(ipuKernelUnary(IPU_UNARY_NOT, NULL, &bt, &y, &e) && eqI(&y, 2, notv));
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelUnary(IPU_UNARY_NOT, NULL, &s, &y, err), "element type");
  /* Rank 0. */
  IpuTensor sc = make(IPU_DTYPE_F32, 0, NULL);
  F(&sc)[0] = -2;
  CHECK(ipuKernelUnary(IPU_UNARY_ABS, NULL, &sc, &y, &e) && y.rank == 0 &&
        F(&y)[0] == 2);
  ipuTensorFree(&y);
  ipuTensorFree(&q), ipuTensorFree(&s), ipuTensorFree(&rt), ipuTensorFree(&bt);
  ipuTensorFree(&sc);
}

/* ---- Cast and Expand ---------------------------------------------------------- */

static void testCastExpand(void) {
  IpuKernelError e = {""};
  float v[5] = {-1.7f, 300.5f, NAN, 2.9f, -1e20f};
  IpuTensor x = vecF(5, v), y;
  int64_t i8[5] = {-1, 127, 0, 2, -128};
  CHECK(ipuKernelCast(&x, IPU_DTYPE_I8, &y, &e) && eqI(&y, 5, i8));
  ipuTensorFree(&y);
  int64_t b[5] = {1, 1, 1, 1, 1};
  CHECK(ipuKernelCast(&x, IPU_DTYPE_BOOL, &y, &e) && eqI(&y, 5, b));
  ipuTensorFree(&y);
  int64_t wide[2] = {300, -1};
  IpuTensor w = vecI(IPU_DTYPE_I64, 2, wide);
  int64_t wrapped[2] = {44, 255};
  CHECK(ipuKernelCast(&w, IPU_DTYPE_U8, &y, &e) && eqI(&y, 2, wrapped));
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelCast(&x, IPU_DTYPE_STRING, &y, err), "unsupported");
  /* Expand: (3, 1) with (2, 1, 4) gives (2, 3, 4). */
  int64_t s31[2] = {3, 1}, target[3] = {2, 1, 4};
  IpuTensor c = make(IPU_DTYPE_I32, 2, s31);
  for (int i = 0; i < 3; i++)
    ((int32_t *)c.data)[i] = i;
  CHECK(ipuKernelExpand(&c, 3, target, &y, &e) &&
        shapeIs(&y, 3, (int64_t)2, (int64_t)3, (int64_t)4) &&
        ((int32_t *)y.data)[23] == 2 && ((int32_t *)y.data)[5] == 1);
  ipuTensorFree(&y);
  int64_t badT[2] = {4, 2};
  EXPECT_FAIL(ipuKernelExpand(&c, 2, badT, &y, err), "broadcast");
  int64_t s[2] = {2, 3}, t2[2] = {2, 3}, b1 = 0;
  int rank;
  int64_t out[8];
  CHECK(ipuBroadcastShapes(2, s, 2, t2, &rank, out, &e) && rank == 2);
  CHECK(ipuBroadcastShapes(0, NULL, 1, &b1, &rank, out, &e) && rank == 1 &&
        out[0] == 0);
  ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&c);
}

int main(void) {
  testTensor();
  testSgemm();
  testGemm();
  testMatMul();
  testConvRandom();
  testConvLarge();
  testConvCases();
  testConvTranspose();
  testConvInteger();
  testPoolRandom();
  testPoolCases();
  testBinaryRandom();
  testBinaryCases();
  testUnary();
  testCastExpand();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
