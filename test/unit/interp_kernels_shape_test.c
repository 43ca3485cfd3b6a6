/* Unit tests of the interpreter's numeric kernels, part 2 (softmax,
 * reductions, batchnorm, shape ops, Slice/Pad, Resize, LSTM,
 * quantization): each kernel against a naive reference written from the
 * ONNX definition on seeded random shapes and parameters, hand-computed
 * cases, edge cases and bad parameters. Part 1 is interp_kernels_test.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../interp/kernels/kernels.h"

#include "unit_test.h"

#define KERNEL_TEST_SEED 0x2545f4914f6cdd1dull
#include "kernel_test_util.h"

/* ---- Helpers (the shared ones are in kernel_test_util.h) ---------------- */

/* A tensor whose element i is i (as float), to trace data movement. */
static IpuTensor iota(int rank, const int64_t *shape) {
  IpuTensor x = make(IPU_DTYPE_F32, rank, shape);
  for (int64_t i = 0; i < ipuTensorNumElements(&x); i++)
    ((float *)x.data)[i] = (float)i;
  return x;
}
static double maxErr(const float *got, const double *want, int64_t n) {
  double e = 0;
  for (int64_t i = 0; i < n; i++) {
    double d = fabs((double)got[i] - want[i]) / (1.0 + fabs(want[i]));
    if (!(d <= e))
      e = isnan(d) ? (isnan(got[i]) && isnan(want[i]) ? e : INFINITY) : d;
  }
  return e;
}
/* Multi-index of flat index i in a row-major shape. */
static void unflat(int64_t i, int rank, const int64_t *shape, int64_t *idx) {
  for (int a = rank - 1; a >= 0; a--) {
    idx[a] = shape[a] ? i % shape[a] : 0;
    i = shape[a] ? i / shape[a] : 0;
  }
}
static int64_t flat(int rank, const int64_t *shape, const int64_t *idx) {
  int64_t f = 0;
  for (int a = 0; a < rank; a++)
    f = f * shape[a] + idx[a];
  return f;
}

/* ---- Softmax ----------------------------------------------------------------- */

static void testSoftmax(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 30; iter++) {
    int rank = (int)randInt(1, 4);
    int64_t shape[4];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(1, 4);
    int64_t axis = randInt(-rank, rank - 1), ax = axis < 0 ? axis + rank : axis;
    bool coerce = iter % 2;
    IpuSoftmaxKind kind = (IpuSoftmaxKind)(iter % 3);
    IpuTensor x = randT(rank, shape), y;
    for (int64_t i = 0; i < ipuTensorNumElements(&x); i++)
      F(&x)[i] *= 20; /* large values: needs the max subtraction */
    bool ok = ipuKernelSoftmax(kind, axis, coerce, &x, &y, &e);
    int64_t outer = 1, len = 1, inner = 1;
    for (int i = 0; i < rank; i++) {
      if (i < ax)
        outer *= shape[i];
      else if (i == ax || coerce)
        len *= shape[i];
      else
        inner *= shape[i];
    }
    int64_t n = outer * len * inner;
    double *want = dalloc(n);
    for (int64_t o = 0; o < outer; o++)
      for (int64_t in = 0; in < inner; in++) {
        double mx = -INFINITY, sum = 0;
        int64_t arg = 0;
        for (int64_t j = 0; j < len; j++) {
          double v = F(&x)[(o * len + j) * inner + in];
          if (v > mx)
            mx = v, arg = j;
        }
        for (int64_t j = 0; j < len; j++)
          sum += exp(F(&x)[(o * len + j) * inner + in] - mx);
        for (int64_t j = 0; j < len; j++) {
          int64_t k = (o * len + j) * inner + in;
          double v = F(&x)[k];
          want[k] = kind == IPU_SOFTMAX       ? exp(v - mx) / sum
                    : kind == IPU_LOG_SOFTMAX ? v - mx - log(sum)
                                              : (double)(j == arg);
        }
      }
    CHECK_MSG(ok && sameShape(&y, rank, shape) && maxErr(F(&y), want, n) < 1e-5,
              "softmax iter %d kind %d axis %lld coerce %d: %s", iter,
              (int)kind, (long long)axis, coerce, e.message);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x);
  }
  /* The two semantics differ on a 2x2x2 input with axis 1. */
  int64_t s[3] = {1, 2, 2};
  IpuTensor x = make(IPU_DTYPE_F32, 3, s), y;
  CHECK(ipuKernelSoftmax(IPU_SOFTMAX, 1, true, &x, &y, &e) && F(&y)[0] == 0.25f);
  ipuTensorFree(&y);
  CHECK(ipuKernelSoftmax(IPU_SOFTMAX, 1, false, &x, &y, &e) && F(&y)[0] == 0.5f);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelSoftmax(IPU_SOFTMAX, 3, false, &x, &y, err), "axis");
  EXPECT_FAIL(ipuKernelSoftmax(IPU_SOFTMAX, -4, false, &x, &y, err), "axis");
  ipuTensorFree(&x);
}

/* ---- Reductions ---------------------------------------------------------------- */

static double refReduce(IpuReduceOp op, const double *v, int64_t n) {
  double acc = op == IPU_REDUCE_PROD ? 1 : op == IPU_REDUCE_MAX ? -INFINITY
               : op == IPU_REDUCE_MIN ? INFINITY : 0;
  double mx = -INFINITY;
  for (int64_t i = 0; i < n; i++)
    mx = fmax(mx, v[i]);
  for (int64_t i = 0; i < n; i++) {
    switch (op) {
    case IPU_REDUCE_MAX: acc = fmax(acc, v[i]); break;
    case IPU_REDUCE_MIN: acc = fmin(acc, v[i]); break;
    case IPU_REDUCE_PROD: acc *= v[i]; break;
    case IPU_REDUCE_L1: acc += fabs(v[i]); break;
    case IPU_REDUCE_L2:
    case IPU_REDUCE_SUM_SQUARE: acc += v[i] * v[i]; break;
    case IPU_REDUCE_LOG_SUM_EXP: acc += exp(v[i] - mx); break;
    default: acc += v[i]; break;
    }
  }
  switch (op) {
  case IPU_REDUCE_MEAN: return acc / (double)n;
  case IPU_REDUCE_L2: return sqrt(acc);
  case IPU_REDUCE_LOG_SUM: return log(acc);
  case IPU_REDUCE_LOG_SUM_EXP: return log(acc) + mx;
  default: return acc;
  }
}

static void testReduce(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 60; iter++) {
    IpuReduceOp op = (IpuReduceOp)(iter % 10);
    int rank = (int)randInt(1, 4);
    int64_t shape[4];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(1, 4);
    bool reduced[4] = {false};
    int64_t axes[4];
    int na = 0;
    for (int i = 0; i < rank; i++)
      if (rnd() % 2) {
        reduced[i] = true;
        axes[na++] = rnd() % 2 ? i - rank : i; /* negative axes too */
      }
    if (na == 0)
      for (int i = 0; i < rank; i++)
        reduced[i] = true;
    bool keep = iter % 3 != 0;
    IpuTensor x = randT(rank, shape), y;
    if (op == IPU_REDUCE_LOG_SUM)
      for (int64_t i = 0; i < ipuTensorNumElements(&x); i++)
        F(&x)[i] = fabsf(F(&x)[i]) + 0.1f;
    bool ok = ipuKernelReduce(op, &x, na, axes, keep, false, &y, &e);
    int64_t kept[4], outShape[4];
    int outRank = 0;
    for (int i = 0; i < rank; i++) {
      kept[i] = reduced[i] ? 1 : shape[i];
      if (!reduced[i] || keep)
        outShape[outRank++] = kept[i];
    }
    int64_t nout = 1, nin = ipuTensorNumElements(&x);
    for (int i = 0; i < rank; i++)
      nout *= kept[i];
    double *want = dalloc(nout), *vals = dalloc(nin);
    for (int64_t o = 0; o < nout; o++) {
      int64_t oidx[4], iidx[4], cnt = 0;
      unflat(o, rank, kept, oidx);
      for (int64_t i = 0; i < nin; i++) {
        unflat(i, rank, shape, iidx);
        bool match = true;
        for (int a = 0; a < rank; a++)
          match = match && (reduced[a] || iidx[a] == oidx[a]);
        if (match)
          vals[cnt++] = F(&x)[i];
      }
      want[o] = refReduce(op, vals, cnt);
    }
    CHECK_MSG(ok && sameShape(&y, outRank, outShape) &&
                  maxErr(F(&y), want, nout) < 1e-5,
              "reduce op %d iter %d: %s", (int)op, iter, e.message);
    free(want), free(vals);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x);
  }
  /* noop_with_empty_axes, empty reductions, integers, repeated axes. */
  int64_t s23[2] = {2, 3}, s20[2] = {2, 0};
  IpuTensor x = make(IPU_DTYPE_F32, 2, s23), y;
  for (int i = 0; i < 6; i++)
    F(&x)[i] = (float)(i + 1);
  CHECK(ipuKernelReduce(IPU_REDUCE_SUM, &x, 0, NULL, true, true, &y, &e) &&
        sameShape(&y, 2, s23) && F(&y)[5] == 6);
  ipuTensorFree(&y);
  CHECK(ipuKernelReduce(IPU_REDUCE_SUM, &x, 0, NULL, false, false, &y, &e) &&
        y.rank == 0 && F(&y)[0] == 21);
  ipuTensorFree(&y);
  IpuTensor em = make(IPU_DTYPE_F32, 2, s20);
  int64_t ax1 = 1;
  CHECK(ipuKernelReduce(IPU_REDUCE_PROD, &em, 1, &ax1, false, false, &y, &e) &&
        y.rank == 1 && F(&y)[0] == 1);
  ipuTensorFree(&y);
  CHECK(ipuKernelReduce(IPU_REDUCE_MAX, &em, 1, &ax1, false, false, &y, &e) &&
        isinf(F(&y)[0]) && F(&y)[0] < 0);
  ipuTensorFree(&y);
  IpuTensor xi = make(IPU_DTYPE_I32, 2, s23);
  for (int i = 0; i < 6; i++)
    ((int32_t *)xi.data)[i] = i % 2 ? -(i + 1) : i + 1;
  int64_t axm1 = -1;
  CHECK(ipuKernelReduce(IPU_REDUCE_L1, &xi, 1, &axm1, true, false, &y, &e) &&
        y.dtype == IPU_DTYPE_I32 && ((int32_t *)y.data)[0] == 6 &&
        ((int32_t *)y.data)[1] == 15);
  ipuTensorFree(&y);
  CHECK(ipuKernelReduce(IPU_REDUCE_MIN, &xi, 1, &axm1, true, false, &y, &e) &&
        ((int32_t *)y.data)[0] == -2 && ((int32_t *)y.data)[1] == -6);
  ipuTensorFree(&y);
  int64_t rep[2] = {1, -1};
  EXPECT_FAIL(ipuKernelReduce(IPU_REDUCE_SUM, &x, 2, rep, true, false, &y, err),
              "repeated");
  int64_t far = 2;
  EXPECT_FAIL(ipuKernelReduce(IPU_REDUCE_SUM, &x, 1, &far, true, false, &y, err),
              "out of range");
  /* ArgMax / ArgMin with ties. */
  float tv[6] = {1, 3, 3, 0, -1, 0};
  memcpy(x.data, tv, sizeof tv);
  CHECK(ipuKernelArgReduce(true, &x, 1, false, false, &y, &e) &&
        y.dtype == IPU_DTYPE_I64 && y.rank == 1 &&
        ((int64_t *)y.data)[0] == 1 && ((int64_t *)y.data)[1] == 0);
  ipuTensorFree(&y);
  CHECK(ipuKernelArgReduce(true, &x, -1, true, true, &y, &e) && y.rank == 2 &&
        ((int64_t *)y.data)[0] == 2 && ((int64_t *)y.data)[1] == 2);
  ipuTensorFree(&y);
  CHECK(ipuKernelArgReduce(false, &x, 0, true, false, &y, &e) &&
        ((int64_t *)y.data)[0] == 1 && ((int64_t *)y.data)[1] == 1);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelArgReduce(true, &em, 1, true, false, &y, err), "empty");
  ipuTensorFree(&x), ipuTensorFree(&em), ipuTensorFree(&xi);
}

/* ---- BatchNormalization -------------------------------------------------------- */

static void testBatchNorm(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 6; iter++) {
    int rank = (int)randInt(2, 5);
    int64_t shape[5];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(1, 4);
    int64_t c = shape[1];
    IpuTensor x = randT(rank, shape), y;
    IpuTensor sc = randT(1, &c), b = randT(1, &c), m = randT(1, &c), v = randT(1, &c);
    for (int64_t i = 0; i < c; i++)
      F(&v)[i] = fabsf(F(&v)[i]);
    float eps = 1e-3f;
    bool ok = ipuKernelBatchNorm(&x, &sc, &b, &m, &v, eps, &y, &e);
    int64_t n = ipuTensorNumElements(&x), inner = 1;
    for (int i = 2; i < rank; i++)
      inner *= shape[i];
    double *want = dalloc(n);
    for (int64_t i = 0; i < n; i++) {
      int64_t ch = (i / inner) % c;
      want[i] = (F(&x)[i] - F(&m)[ch]) / sqrt(F(&v)[ch] + (double)eps) *
                    F(&sc)[ch] + F(&b)[ch];
    }
    CHECK(ok && sameShape(&y, rank, shape) && maxErr(F(&y), want, n) < 1e-5);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    int64_t wrong = c + 1;
    IpuTensor bad = randT(1, &wrong);
    EXPECT_FAIL(ipuKernelBatchNorm(&x, &sc, &b, &bad, &v, eps, &y, err), "mean");
    EXPECT_FAIL(ipuKernelBatchNorm(&x, &sc, NULL, &m, &v, eps, &y, err), "B");
    ipuTensorFree(&bad);
    ipuTensorFree(&x), ipuTensorFree(&sc), ipuTensorFree(&b), ipuTensorFree(&m);
    ipuTensorFree(&v);
  }
}

/* ---- Transpose, Concat, reshapes, Split, Gather --------------------------------- */

static void testTransposeConcat(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 30; iter++) {
    int rank = (int)randInt(0, 5);
    int64_t shape[5], perm[5], out[5];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(1, 4), perm[i] = i;
    for (int i = rank - 1; i > 0; i--) { /* Fisher-Yates */
      int j = (int)randInt(0, i);
      int64_t t = perm[i];
      perm[i] = perm[j], perm[j] = t;
    }
    for (int i = 0; i < rank; i++)
      out[i] = shape[perm[i]];
    IpuDType types[3] = {IPU_DTYPE_F32, IPU_DTYPE_I8, IPU_DTYPE_I64};
    IpuTensor x = iota(rank, shape), xt, y;
    IpuDType t = types[iter % 3];
    CHECK(ipuKernelCast(&x, t, &xt, &e));
    bool ok = ipuKernelTranspose(&xt, iter % 5 ? perm : NULL, &y, &e);
    if (iter % 5 == 0)
      for (int i = 0; i < rank; i++)
        perm[i] = rank - 1 - i, out[i] = shape[perm[i]];
    bool good = ok && sameShape(&y, rank, out) && y.dtype == t;
    IpuTensor yf;
    good = good && ipuKernelCast(&y, IPU_DTYPE_F32, &yf, &e);
    for (int64_t i = 0; good && i < ipuTensorNumElements(&x); i++) {
      int64_t oi[5], ii[5];
      unflat(i, rank, out, oi);
      for (int a = 0; a < rank; a++)
        ii[perm[a]] = oi[a];
      float want = (float)flat(rank, shape, ii);
      if (t == IPU_DTYPE_I8 && want > 127) /* the cast saturated */
        want = 127;
      good = F(&yf)[i] == want;
    }
    CHECK_MSG(good, "transpose iter %d rank %d: %s", iter, rank, e.message);
    if (good)
      ipuTensorFree(&yf);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x), ipuTensorFree(&xt);
  }
  int64_t s2[2] = {2, 3}, bad[2] = {0, 0};
  IpuTensor x = iota(2, s2), y;
  EXPECT_FAIL(ipuKernelTranspose(&x, bad, &y, err), "permutation");
  /* Concat along each axis (negative too) of differently sized inputs. */
  for (int iter = 0; iter < 12; iter++) {
    int rank = (int)randInt(1, 4);
    int64_t ax = randInt(0, rank - 1), shapes[3][4];
    for (int i = 0; i < rank; i++)
      shapes[0][i] = shapes[1][i] = shapes[2][i] = randInt(1, 3);
    for (int k = 0; k < 3; k++)
      shapes[k][ax] = randInt(0, 3);
    IpuTensor parts[3];
    const IpuTensor *ps[3];
    for (int k = 0; k < 3; k++) {
      parts[k] = randT(rank, shapes[k]);
      ps[k] = &parts[k];
    }
    bool ok = ipuKernelConcat(3, ps, iter % 2 ? ax - rank : ax, &y, &e);
    int64_t out[4];
    memcpy(out, shapes[0], sizeof out);
    out[ax] = shapes[0][ax] + shapes[1][ax] + shapes[2][ax];
    bool good = ok && sameShape(&y, rank, out);
    for (int64_t i = 0; good && i < ipuTensorNumElements(&y); i++) {
      int64_t idx[4];
      unflat(i, rank, out, idx);
      int k = 0;
      while (idx[ax] >= shapes[k][ax])
        idx[ax] -= shapes[k][ax], k++;
      good = F(&y)[i] == F(&parts[k])[flat(rank, shapes[k], idx)];
    }
    CHECK_MSG(good, "concat iter %d: %s", iter, e.message);
    if (ok)
      ipuTensorFree(&y);
    for (int k = 0; k < 3; k++)
      ipuTensorFree(&parts[k]);
  }
  int64_t s3[2] = {3, 3};
  IpuTensor z = iota(2, s3), zi = make(IPU_DTYPE_I32, 2, s2);
  const IpuTensor *two[2] = {&x, &z}, *mixed[2] = {&x, &zi};
  EXPECT_FAIL(ipuKernelConcat(2, two, 1, &y, err), "extent");
  EXPECT_FAIL(ipuKernelConcat(2, mixed, 0, &y, err), "type");
  EXPECT_FAIL(ipuKernelConcat(2, two, 2, &y, err), "axis");
  ipuTensorFree(&z), ipuTensorFree(&zi);

  /* Reshape: 0 copies, -1 infers, allowzero keeps 0. */
  int64_t r1[3] = {0, -1, 1};
  CHECK(ipuKernelReshape(&x, 3, r1, false, &y, &e) && y.rank == 3 &&
        y.shape[0] == 2 && y.shape[1] == 3 && F(&y)[5] == 5);
  ipuTensorFree(&y);
  int64_t r2[2] = {-1, -1}, r3[1] = {7}, r4[2] = {0, -1};
  EXPECT_FAIL(ipuKernelReshape(&x, 2, r2, false, &y, err), "-1");
  EXPECT_FAIL(ipuKernelReshape(&x, 1, r3, false, &y, err), "elements");
  EXPECT_FAIL(ipuKernelReshape(&x, 2, r4, true, &y, err), "allowzero");
  int64_t s4[4] = {2, 3, 4, 5};
  IpuTensor big = iota(4, s4);
  CHECK(ipuKernelFlatten(&big, -1, &y, &e) && y.shape[0] == 24 && y.shape[1] == 5);
  ipuTensorFree(&y);
  CHECK(ipuKernelFlatten(&big, 0, &y, &e) && y.shape[0] == 1 && y.shape[1] == 120);
  ipuTensorFree(&y);
  EXPECT_FAIL(ipuKernelFlatten(&big, 5, &y, err), "axis");
  /* Squeeze / Unsqueeze. */
  int64_t s1[4] = {1, 3, 1, 2};
  IpuTensor sq = iota(4, s1);
  int64_t axNeg = -2;
  CHECK(ipuKernelSqueeze(&sq, 1, &axNeg, &y, &e) && y.rank == 3 &&
        y.shape[2] == 2);
  ipuTensorFree(&y);
  CHECK(ipuKernelSqueeze(&sq, 0, NULL, &y, &e) && y.rank == 2 &&
        y.shape[0] == 3 && y.shape[1] == 2);
  ipuTensorFree(&y);
  int64_t notOne = 1;
  EXPECT_FAIL(ipuKernelSqueeze(&sq, 1, &notOne, &y, err), "not 1");
  int64_t uax[2] = {0, -1};
  CHECK(ipuKernelUnsqueeze(&x, 2, uax, &y, &e) && y.rank == 4 &&
        y.shape[0] == 1 && y.shape[1] == 2 && y.shape[3] == 1);
  ipuTensorFree(&y);
  int64_t dup[2] = {1, 1};
  EXPECT_FAIL(ipuKernelUnsqueeze(&x, 2, dup, &y, err), "repeated");
  /* Split with sizes and evenly (the last part smaller). */
  IpuTensor parts[3];
  int64_t sp[2] = {1, 2};
  CHECK(ipuKernelSplit(&x, 1, 2, sp, parts, &e) && parts[0].shape[1] == 1 &&
        parts[1].shape[1] == 2 && F(&parts[1])[0] == 1 && F(&parts[1])[3] == 5);
  ipuTensorFree(&parts[0]), ipuTensorFree(&parts[1]);
  int64_t s5[1] = {5};
  IpuTensor five = iota(1, s5);
  CHECK(ipuKernelSplit(&five, 0, 3, NULL, parts, &e) && parts[0].shape[0] == 2 &&
        parts[2].shape[0] == 1 && F(&parts[2])[0] == 4);
  for (int k = 0; k < 3; k++)
    ipuTensorFree(&parts[k]);
  int64_t badSp[2] = {1, 1};
  EXPECT_FAIL(ipuKernelSplit(&x, 1, 2, badSp, parts, err), "add up");
  /* Gather with negative indices, on axis 1. */
  int64_t gi[2] = {-1, 0}, gs = 2;
  IpuTensor idx = make(IPU_DTYPE_I64, 1, &gs);
  memcpy(idx.data, gi, sizeof gi);
  CHECK(ipuKernelGather(&x, &idx, 1, &y, &e) && y.shape[0] == 2 &&
        y.shape[1] == 2 && F(&y)[0] == 2 && F(&y)[1] == 0 && F(&y)[2] == 5);
  ipuTensorFree(&y);
  IpuTensor sidx = make(IPU_DTYPE_I32, 0, NULL);
  ((int32_t *)sidx.data)[0] = 1;
  CHECK(ipuKernelGather(&x, &sidx, 0, &y, &e) && y.rank == 1 && F(&y)[0] == 3);
  ipuTensorFree(&y);
  ((int32_t *)sidx.data)[0] = 2;
  EXPECT_FAIL(ipuKernelGather(&x, &sidx, 0, &y, err), "out of range");
  ipuTensorFree(&x), ipuTensorFree(&big), ipuTensorFree(&sq), ipuTensorFree(&five);
  ipuTensorFree(&idx), ipuTensorFree(&sidx);
}

/* ---- Slice and Pad --------------------------------------------------------------- */

/* Slice positions of one axis as ONNX defines them. */
static int64_t refSliceAxis(int64_t dim, int64_t start, int64_t end,
                            int64_t step, int64_t *pos) {
  if (dim == 0)
    return 0;
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  int64_t n = 0;
  if (step > 0) {
    start = start < 0 ? 0 : start > dim ? dim : start;
    end = end < 0 ? 0 : end > dim ? dim : end;
    for (int64_t i = start; i < end; i += step)
      pos[n++] = i;
  } else {
    start = start < 0 ? 0 : start > dim - 1 ? dim - 1 : start;
    end = end < -1 ? -1 : end > dim - 1 ? dim - 1 : end;
    for (int64_t i = start; i > end; i += step)
      pos[n++] = i;
  }
  return n;
}

static void testSlice(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 40; iter++) {
    int rank = (int)randInt(1, 4);
    int64_t shape[4];
    for (int i = 0; i < rank; i++)
      shape[i] = randInt(0, 5);
    int n = (int)randInt(0, rank);
    int64_t starts[4], ends[4], axes[4], steps[4], order[4] = {0, 1, 2, 3};
    for (int i = rank - 1; i > 0; i--) {
      int j = (int)randInt(0, i);
      int64_t t = order[i];
      order[i] = order[j], order[j] = t;
    }
    int64_t pos[4][16], cnt[4];
    for (int a = 0; a < rank; a++) {
      cnt[a] = shape[a];
      for (int64_t i = 0; i < shape[a]; i++)
        pos[a][i] = i;
    }
    for (int i = 0; i < n; i++) {
      int a = (int)order[i];
      axes[i] = rnd() % 2 ? a : a - rank;
      starts[i] = randInt(-7, 7), ends[i] = randInt(-7, 7);
      if (rnd() % 5 == 0)
        ends[i] = rnd() % 2 ? INT64_MAX : INT64_MIN;
      steps[i] = randInt(1, 3) * (rnd() % 2 ? 1 : -1);
      cnt[a] = refSliceAxis(shape[a], starts[i], ends[i], steps[i], pos[a]);
    }
    IpuTensor x = iota(rank, shape), y;
    bool ok = ipuKernelSlice(&x, n, starts, ends, axes, steps, &y, &e);
    bool good = ok && sameShape(&y, rank, cnt);
    for (int64_t i = 0; good && i < ipuTensorNumElements(&y); i++) {
      int64_t oi[4], ii[4];
      unflat(i, rank, cnt, oi);
      for (int a = 0; a < rank; a++)
        ii[a] = pos[a][oi[a]];
      good = F(&y)[i] == (float)flat(rank, shape, ii);
    }
    CHECK_MSG(good, "slice iter %d: %s", iter, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x);
  }
  int64_t s[2] = {3, 4};
  IpuTensor x = iota(2, s), y;
  int64_t st[1] = {0}, en[1] = {2}, zero[1] = {0}, ax[2] = {1, -1};
  EXPECT_FAIL(ipuKernelSlice(&x, 1, st, en, NULL, zero, &y, err), "step");
  int64_t st2[2] = {0, 0}, en2[2] = {1, 1};
  EXPECT_FAIL(ipuKernelSlice(&x, 2, st2, en2, ax, NULL, &y, err), "repeated");
  int64_t ax3[1] = {2};
  EXPECT_FAIL(ipuKernelSlice(&x, 1, st, en, ax3, NULL, &y, err), "axis");
  ipuTensorFree(&x);
}

static int64_t refPadIndex(IpuPadMode mode, int64_t i, int64_t n) {
  if (i >= 0 && i < n)
    return i;
  if (mode == IPU_PAD_CONSTANT)
    return -1;
  if (mode == IPU_PAD_EDGE)
    return i < 0 ? 0 : n - 1;
  if (mode == IPU_PAD_WRAP)
    return ((i % n) + n) % n;
  /* Reflect as numpy: bounce off the ends until inside. */
  while (i < 0 || i >= n) {
    if (n == 1)
      return 0;
    i = i < 0 ? -i : 2 * (n - 1) - i;
  }
  return i;
}

static void testPad(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 40; iter++) {
    IpuPadMode mode = (IpuPadMode)(iter % 4);
    int rank = (int)randInt(1, 3);
    int64_t shape[3], pads[6], out[3];
    for (int i = 0; i < rank; i++) {
      shape[i] = randInt(1, 4);
      pads[i] = randInt(mode == IPU_PAD_CONSTANT ? -1 : 0, 5);
      pads[rank + i] = randInt(mode == IPU_PAD_CONSTANT ? -1 : 0, 5);
      if (shape[i] + pads[i] + pads[rank + i] < 0)
        pads[i] = 0;
      out[i] = shape[i] + pads[i] + pads[rank + i];
    }
    IpuTensor x = iota(rank, shape), y;
    bool ok = ipuKernelPad(&x, mode, pads, -7.5, &y, &e);
    bool good = ok && sameShape(&y, rank, out);
    for (int64_t i = 0; good && i < ipuTensorNumElements(&y); i++) {
      int64_t oi[3], ii[3];
      bool constant = false;
      unflat(i, rank, out, oi);
      for (int a = 0; a < rank; a++) {
        ii[a] = refPadIndex(mode, oi[a] - pads[a], shape[a]);
        constant = constant || ii[a] < 0;
      }
      good = F(&y)[i] == (constant ? -7.5f : (float)flat(rank, shape, ii));
    }
    CHECK_MSG(good, "pad iter %d mode %d: %s", iter, (int)mode, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x);
  }
  /* The value is converted to the element type; bad pads fail. */
  int64_t s[1] = {2}, p[2] = {1, 1};
  IpuTensor q = make(IPU_DTYPE_I8, 1, s), y;
  CHECK(ipuKernelPad(&q, IPU_PAD_CONSTANT, p, -300, &y, &e) &&
        ((int8_t *)y.data)[0] == -128 && ((int8_t *)y.data)[3] == -128);
  ipuTensorFree(&y);
  int64_t huge[2] = {(int64_t)1 << 31, 0};
  EXPECT_FAIL(ipuKernelPad(&q, IPU_PAD_CONSTANT, huge, 0, &y, err), "too large");
  int64_t crop[2] = {-2, -1};
  EXPECT_FAIL(ipuKernelPad(&q, IPU_PAD_CONSTANT, crop, 0, &y, err), "remove");
  int64_t s0[1] = {0};
  IpuTensor em = make(IPU_DTYPE_F32, 1, s0);
  EXPECT_FAIL(ipuKernelPad(&em, IPU_PAD_EDGE, p, 0, &y, err), "empty");
  ipuTensorFree(&q), ipuTensorFree(&em);
}

/* ---- Resize ----------------------------------------------------------------------- */

/* The ONNX reference's per-axis interpolation, written independently of the
 * kernel: neighbours are the n indices nearest to x (ties to the smaller),
 * read with edge padding; the ratio is in (0, 1]. */
static int refNeighbours(const IpuResizeParams *p, double x, int64_t in,
                         double scale, int64_t *idx, double *w) {
  double f = floor(x);
  double ratio = x == f ? 1.0 : x - f;
  int64_t left = x == f ? (int64_t)f - 1 : (int64_t)f; /* last index <= x */
  if (p->mode == IPU_RESIZE_NEAREST) {
    bool right;
    if (ratio == 1.0)
      right = true;
    else if (p->nearestMode == IPU_RESIZE_ROUND_PREFER_FLOOR)
      right = ratio > 0.5;
    else if (p->nearestMode == IPU_RESIZE_ROUND_PREFER_CEIL)
      right = ratio >= 0.5;
    else
      right = p->nearestMode == IPU_RESIZE_CEIL;
    idx[0] = left + (right ? 1 : 0);
    w[0] = 1;
    return 1;
  }
  if (p->mode == IPU_RESIZE_LINEAR) {
    idx[0] = left, idx[1] = left + 1;
    w[0] = 1 - ratio, w[1] = ratio;
    return 2;
  }
  double a = p->cubicCoeffA, r = ratio, q = 1 - ratio;
  w[0] = ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a;
  w[1] = ((a + 2) * r - (a + 3)) * r * r + 1;
  w[2] = ((a + 2) * q - (a + 3)) * q * q + 1;
  w[3] = ((a * (q + 1) - 5 * a) * (q + 1) + 8 * a) * (q + 1) - 4 * a;
  double sum = 0;
  for (int k = 0; k < 4; k++) {
    idx[k] = left - 1 + k;
    if (p->excludeOutside && (idx[k] < 0 || idx[k] >= in))
      w[k] = 0;
    sum += w[k];
  }
  if (p->excludeOutside)
    for (int k = 0; k < 4; k++)
      w[k] /= sum;
  (void)scale;
  return 4;
}

static void testResize(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 80; iter++) {
    IpuResizeParams p;
    memset(&p, 0, sizeof p);
    p.mode = (IpuResizeMode)(iter % 3);
    p.coordMode = (IpuResizeCoordMode)((iter / 3) % 6);
    p.nearestMode = (IpuResizeNearestMode)(iter % 4);
    p.cubicCoeffA = iter % 2 ? -0.5f : -0.75f;
    p.excludeOutside = iter % 5 == 0;
    p.extrapolationValue = 10;
    int64_t shape[4] = {randInt(1, 2), randInt(1, 2), randInt(1, 5), randInt(1, 5)};
    float scales[4] = {1, 1, 1, 1}, roi[8] = {0, 0, 0, 0, 1, 1, 1, 1};
    int64_t sizes[4] = {shape[0], shape[1], 0, 0}, out[4];
    bool useSizes = iter % 2 == 0;
    for (int a = 2; a < 4; a++) {
      sizes[a] = randInt(1, 9);
      scales[a] = (float)randInt(1, 12) / 4.0f;
      roi[a] = (float)randInt(-2, 4) / 10, roi[4 + a] = (float)randInt(6, 12) / 10;
    }
    if (useSizes)
      p.sizes = sizes;
    else
      p.scales = scales;
    if (p.coordMode == IPU_RESIZE_TF_CROP_AND_RESIZE)
      p.roi = roi;
    double len[4];
    for (int a = 0; a < 4; a++) {
      double span = p.roi ? roi[4 + a] - roi[a] : 1;
      out[a] = useSizes ? sizes[a] : (int64_t)floor(shape[a] * (double)scales[a] * span);
      len[a] = useSizes ? (double)sizes[a] : shape[a] * (double)scales[a];
    }
    IpuTensor x = randT(4, shape), y;
    bool ok = ipuKernelResize(&p, &x, &y, &e);
    int64_t n = out[0] * out[1] * out[2] * out[3];
    double *want = dalloc(n);
    for (int64_t i = 0; i < n; i++) {
      int64_t oi[4], idx[4][4];
      double w[4][4];
      int taps[4];
      bool extrapolate = false;
      unflat(i, 4, out, oi);
      for (int a = 0; a < 4; a++) {
        double in = (double)shape[a], s = useSizes ? (double)out[a] / in : scales[a];
        double xo = oi[a], xr;
        switch (p.coordMode) {
        case IPU_RESIZE_ASYMMETRIC: xr = xo / s; break;
        case IPU_RESIZE_PYTORCH_HALF_PIXEL:
          xr = len[a] == 1 ? -0.5 : (xo + 0.5) / s - 0.5;
          break;
        case IPU_RESIZE_TF_HALF_PIXEL_FOR_NN: xr = (xo + 0.5) / s; break;
        case IPU_RESIZE_ALIGN_CORNERS:
          xr = len[a] == 1 ? 0 : xo * (in - 1) / (len[a] - 1);
          break;
        case IPU_RESIZE_TF_CROP_AND_RESIZE:
          xr = len[a] == 1 ? (roi[4 + a] - (double)roi[a]) * (in - 1) / 2
                           : xo * (roi[4 + a] - (double)roi[a]) * (in - 1) / (len[a] - 1);
          xr += roi[a] * (in - 1);
          if (xr < 0 || xr > in - 1)
            extrapolate = true;
          break;
        default: xr = (xo + 0.5) / s - 0.5; break;
        }
        taps[a] = refNeighbours(&p, xr, shape[a], s, idx[a], w[a]);
      }
      if (extrapolate) {
        want[i] = 10;
        continue;
      }
      double sum = 0;
      for (int t0 = 0; t0 < taps[0]; t0++)
        for (int t1 = 0; t1 < taps[1]; t1++)
          for (int t2 = 0; t2 < taps[2]; t2++)
            for (int t3 = 0; t3 < taps[3]; t3++) {
              int64_t ii[4] = {idx[0][t0], idx[1][t1], idx[2][t2], idx[3][t3]};
              for (int a = 0; a < 4; a++) /* edge padding */
                ii[a] = ii[a] < 0 ? 0 : ii[a] >= shape[a] ? shape[a] - 1 : ii[a];
              sum += w[0][t0] * w[1][t1] * w[2][t2] * w[3][t3] *
                     F(&x)[flat(4, shape, ii)];
            }
      want[i] = sum;
    }
    CHECK_MSG(ok && sameShape(&y, 4, out) && maxErr(F(&y), want, n) < 1e-5,
              "resize iter %d mode %d coord %d nearest %d sizes %d: %s", iter,
              (int)p.mode, (int)p.coordMode, (int)p.nearestMode, useSizes,
              e.message);
    free(want);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&x);
  }
  /* Nearest moves any element type; linear needs floats. */
  int64_t s[2] = {2, 2}, sz[2] = {4, 4};
  IpuTensor q = make(IPU_DTYPE_I64, 2, s), y;
  for (int i = 0; i < 4; i++)
    ((int64_t *)q.data)[i] = (int64_t)1 << (40 + i);
  IpuResizeParams p;
  memset(&p, 0, sizeof p);
  p.sizes = sz;
  p.coordMode = IPU_RESIZE_ASYMMETRIC;
  p.nearestMode = IPU_RESIZE_FLOOR;
  CHECK(ipuKernelResize(&p, &q, &y, &e) && y.dtype == IPU_DTYPE_I64 &&
        ((int64_t *)y.data)[15] == (int64_t)1 << 43 &&
        ((int64_t *)y.data)[1] == (int64_t)1 << 40);
  ipuTensorFree(&y);
  p.mode = IPU_RESIZE_LINEAR;
  EXPECT_FAIL(ipuKernelResize(&p, &q, &y, err), "float");
  p.mode = IPU_RESIZE_NEAREST;
  float sc[2] = {1, 1};
  p.scales = sc;
  EXPECT_FAIL(ipuKernelResize(&p, &q, &y, err), "exactly one");
  p.sizes = NULL;
  sc[1] = -1;
  EXPECT_FAIL(ipuKernelResize(&p, &q, &y, err), "positive");
  ipuTensorFree(&q);
}

/* ---- LSTM ---------------------------------------------------------------------------- */

static double sigm(double x) { return 1 / (1 + exp(-x)); }

static void testLstm(void) {
  IpuKernelError e = {""};
  for (int iter = 0; iter < 16; iter++) {
    int64_t seq = randInt(1, 4), batch = randInt(1, 3), in = randInt(1, 4);
    int64_t h = randInt(1, 5);
    IpuLstmParams p;
    ipuLstmParamsDefault(&p);
    p.direction = (IpuRnnDirection)(iter % 3);
    p.layout = (iter / 3) % 2;
    p.clip = iter % 4 == 1 ? 0.5f : 0;
    p.inputForget = iter % 7 == 3;
    if (iter % 5 == 4) { /* other activations */
      p.activations[0].kind = p.activations[3].kind = IPU_RNN_ACT_HARD_SIGMOID;
      p.activations[0].alpha = p.activations[3].alpha = 0.2f;
      p.activations[0].beta = p.activations[3].beta = 0.5f;
    }
    int64_t dirs = p.direction == IPU_RNN_BIDIRECTIONAL ? 2 : 1;
    bool useB = iter % 2 == 0, useState = iter % 3 != 1, useP = iter % 4 == 2;
    bool useLens = iter % 4 == 3;
    int64_t xs[3] = {p.layout ? batch : seq, p.layout ? seq : batch, in};
    int64_t ws[3] = {dirs, 4 * h, in}, rs[3] = {dirs, 4 * h, h};
    int64_t bs[2] = {dirs, 8 * h}, ps[2] = {dirs, 3 * h};
    int64_t ss[3] = {p.layout ? batch : dirs, p.layout ? dirs : batch, h};
    IpuTensor x = randT(3, xs), w = randT(3, ws), r = randT(3, rs);
    IpuTensor b = randT(2, bs), pp = randT(2, ps), h0 = randT(3, ss), c0 = randT(3, ss);
    IpuTensor lens = make(IPU_DTYPE_I32, 1, &batch);
    for (int64_t i = 0; i < batch; i++)
      ((int32_t *)lens.data)[i] = (int32_t)randInt(0, seq);
    IpuLstmInputs li = {&x, &w, &r, useB ? &b : NULL, useLens ? &lens : NULL,
                        useState ? &h0 : NULL, useState ? &c0 : NULL,
                        useP ? &pp : NULL};
    IpuTensor y, yh, yc;
    bool ok = ipuKernelLstm(&p, &li, &y, &yh, &yc, &e);
    /* Reference: the ONNX equations in double, element by element. */
    double *wantY = dalloc(seq * dirs * batch * h);
    double *wantH = dalloc(dirs * batch * h), *wantC = dalloc(dirs * batch * h);
    for (int64_t d = 0; d < dirs; d++)
      for (int64_t bi = 0; bi < batch; bi++) {
        int64_t len = useLens ? ((int32_t *)lens.data)[bi] : seq;
        double hp[8], cp[8];
        int64_t so = p.layout ? (bi * dirs + d) * h : (d * batch + bi) * h;
        for (int64_t j = 0; j < h; j++) {
          hp[j] = useState ? F(&h0)[so + j] : 0;
          cp[j] = useState ? F(&c0)[so + j] : 0;
        }
        bool rev = p.direction == IPU_RNN_REVERSE || d == 1;
        const IpuRnnActivation *fa = &p.activations[3 * d];
        for (int64_t step = 0; step < len; step++) {
          int64_t t = rev ? len - 1 - step : step;
          double g[4][8];
          for (int gate = 0; gate < 4; gate++)
            for (int64_t j = 0; j < h; j++) {
              int64_t row = gate * h + j;
              double s = useB ? F(&b)[d * 8 * h + row] + F(&b)[d * 8 * h + 4 * h + row] : 0;
              for (int64_t k = 0; k < in; k++)
                s += F(&x)[(p.layout ? bi * seq + t : t * batch + bi) * in + k] *
                     (double)F(&w)[(d * 4 * h + row) * in + k];
              for (int64_t k = 0; k < h; k++)
                s += hp[k] * F(&r)[(d * 4 * h + row) * h + k];
              g[gate][j] = s;
            }
          double hn[8];
          for (int64_t j = 0; j < h; j++) {
            double pi = useP ? F(&pp)[d * 3 * h + j] : 0;
            double po = useP ? F(&pp)[d * 3 * h + h + j] : 0;
            double pf = useP ? F(&pp)[d * 3 * h + 2 * h + j] : 0;
            double gi = g[0][j] + pi * cp[j], gf = g[2][j] + pf * cp[j], gc = g[3][j];
            if (p.clip > 0) {
              gi = fmin(fmax(gi, -p.clip), p.clip);
              gf = fmin(fmax(gf, -p.clip), p.clip);
              gc = fmin(fmax(gc, -p.clip), p.clip);
            }
            double (*f)(double) = sigm;
            double it, ft;
            if (fa->kind == IPU_RNN_ACT_HARD_SIGMOID) {
              it = fmax(0, fmin(1, 0.2 * gi + 0.5));
              ft = fmax(0, fmin(1, 0.2 * gf + 0.5));
            } else {
              it = f(gi), ft = f(gf);
            }
            if (p.inputForget)
              ft = 1 - it;
            double c = ft * cp[j] + it * tanh(gc);
            double go = g[1][j] + po * c;
            if (p.clip > 0)
              go = fmin(fmax(go, -p.clip), p.clip);
            double ot = fa->kind == IPU_RNN_ACT_HARD_SIGMOID
                            ? fmax(0, fmin(1, 0.2 * go + 0.5))
                            : sigm(go);
            cp[j] = c;
            hn[j] = ot * tanh(c);
          }
          for (int64_t j = 0; j < h; j++) {
            hp[j] = hn[j];
            int64_t yo = p.layout ? ((bi * seq + t) * dirs + d) * h
                                  : ((t * dirs + d) * batch + bi) * h;
            wantY[yo + j] = hn[j];
          }
        }
        for (int64_t j = 0; j < h; j++)
          wantH[so + j] = hp[j], wantC[so + j] = cp[j];
      }
    int64_t ys[4] = {seq, dirs, batch, h};
    if (p.layout)
      ys[0] = batch, ys[1] = seq, ys[2] = dirs;
    bool good = ok && sameShape(&y, 4, ys) && sameShape(&yh, 3, ss) &&
                sameShape(&yc, 3, ss) &&
                maxErr(F(&y), wantY, seq * dirs * batch * h) < 1e-5 &&
                maxErr(F(&yh), wantH, dirs * batch * h) < 1e-5 &&
                maxErr(F(&yc), wantC, dirs * batch * h) < 1e-5;
    CHECK_MSG(good, "lstm iter %d dir %d layout %lld: %s", iter,
              (int)p.direction, (long long)p.layout, e.message);
    free(wantY), free(wantH), free(wantC);
    if (ok)
      ipuTensorFree(&y), ipuTensorFree(&yh), ipuTensorFree(&yc);
    /* Outputs are optional. */
    CHECK(ipuKernelLstm(&p, &li, NULL, &yh, NULL, &e));
    ipuTensorFree(&yh);
    li.b = &w;
    EXPECT_FAIL(ipuKernelLstm(&p, &li, &y, NULL, NULL, err), "B must have");
    ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&r), ipuTensorFree(&b);
    ipuTensorFree(&pp), ipuTensorFree(&h0), ipuTensorFree(&c0), ipuTensorFree(&lens);
  }
  int64_t xs[3] = {2, 1, 3}, ws[3] = {1, 8, 3};
  IpuTensor x = randT(3, xs), w = randT(3, ws), y;
  IpuLstmParams p;
  ipuLstmParamsDefault(&p);
  p.hiddenSize = 2;
  IpuLstmInputs li = {&x, &w, &w, NULL, NULL, NULL, NULL, NULL};
  EXPECT_FAIL(ipuKernelLstm(&p, &li, &y, NULL, NULL, err), "R must have");
  IpuTensor lens = make(IPU_DTYPE_I32, 1, &xs[1]);
  ((int32_t *)lens.data)[0] = 3;
  int64_t rs[3] = {1, 8, 2};
  IpuTensor r = randT(3, rs);
  li.r = &r, li.sequenceLens = &lens;
  EXPECT_FAIL(ipuKernelLstm(&p, &li, &y, NULL, NULL, err), "sequence length");
  ipuTensorFree(&x), ipuTensorFree(&w), ipuTensorFree(&lens), ipuTensorFree(&r);
}

/* ---- Quantization ------------------------------------------------------------------- */

static void testQuant(void) {
  IpuKernelError e = {""};
  /* Per tensor: ONNX's test_quantizelinear. */
  float xv[6] = {0, 2, 3, 1000, -254, -1000};
  int64_t six = 6;
  IpuTensor x = make(IPU_DTYPE_F32, 1, &six), y;
  memcpy(x.data, xv, sizeof xv);
  IpuTensor sc = make(IPU_DTYPE_F32, 0, NULL), zp = make(IPU_DTYPE_U8, 0, NULL);
  F(&sc)[0] = 2;
  ((uint8_t *)zp.data)[0] = 128;
  static const uint8_t want[6] = {128, 129, 130, 255, 1, 0};
  CHECK(ipuKernelQuantizeLinear(&x, &sc, &zp, 1, IPU_DTYPE_UNDEFINED, &y, &e) &&
        y.dtype == IPU_DTYPE_U8 && !memcmp(y.data, want, 6));
  ipuTensorFree(&y);
  /* Round half to even: 3/2 = 1.5 -> 2, 5/2 = 2.5 -> 2, -1/2 -> -0. */
  float hv[3] = {3, 5, -1};
  IpuTensor hx = make(IPU_DTYPE_F32, 1, (int64_t[]){3});
  memcpy(hx.data, hv, sizeof hv);
  CHECK(ipuKernelQuantizeLinear(&hx, &sc, NULL, 0, IPU_DTYPE_I8, &y, &e) &&
        y.dtype == IPU_DTYPE_I8 && ((int8_t *)y.data)[0] == 2 &&
        ((int8_t *)y.data)[1] == 2 && ((int8_t *)y.data)[2] == 0);
  ipuTensorFree(&y);
  /* Per axis, random, with the dequantize round trip. */
  for (int iter = 0; iter < 10; iter++) {
    int64_t shape[3] = {randInt(1, 3), randInt(1, 4), randInt(1, 3)};
    int64_t axis = randInt(-3, 2), ax = axis < 0 ? axis + 3 : axis;
    IpuTensor xr = randT(3, shape);
    for (int64_t i = 0; i < ipuTensorNumElements(&xr); i++)
      F(&xr)[i] *= 50;
    int64_t c = shape[ax];
    IpuTensor s = make(IPU_DTYPE_F32, 1, &c), z = make(IPU_DTYPE_I8, 1, &c), q, d;
    for (int64_t i = 0; i < c; i++) {
      F(&s)[i] = 0.1f + (float)(rnd() % 100) / 100;
      ((int8_t *)z.data)[i] = (int8_t)randInt(-20, 20);
    }
    bool ok = ipuKernelQuantizeLinear(&xr, &s, &z, axis, IPU_DTYPE_UNDEFINED,
                                      &q, &e) &&
              ipuKernelDequantizeLinear(&q, &s, &z, axis, &d, &e);
    int64_t inner = 1;
    for (int i = (int)ax + 1; i < 3; i++)
      inner *= shape[i];
    bool good = ok && q.dtype == IPU_DTYPE_I8;
    for (int64_t i = 0; good && i < ipuTensorNumElements(&xr); i++) {
      int64_t ch = (i / inner) % c;
      float scale = F(&s)[ch];
      double zq = ((int8_t *)z.data)[ch];
      double v = nearbyint(F(&xr)[i] / scale) + zq;
      v = fmin(fmax(v, -128), 127);
      good = ((int8_t *)q.data)[i] == (int8_t)v &&
             fabs(F(&d)[i] - (v - zq) * scale) < 1e-5;
    }
    CHECK_MSG(good, "quantize per axis iter %d: %s", iter, e.message);
    if (ok)
      ipuTensorFree(&q), ipuTensorFree(&d);
    ipuTensorFree(&xr), ipuTensorFree(&s), ipuTensorFree(&z);
  }
  /* Bad parameters: wrong per-axis length; an int32 zero point. */
  IpuTensor s3 = make(IPU_DTYPE_F32, 1, (int64_t[]){3});
  EXPECT_FAIL(ipuKernelQuantizeLinear(&x, &s3, NULL, 0, IPU_DTYPE_U8, &y, err),
              "y_scale");
  EXPECT_FAIL(ipuKernelQuantizeLinear(&x, &sc, NULL, 0, IPU_DTYPE_I32, &y, err),
              "int8, uint8, int16 or uint16");
  IpuTensor acc32 = make(IPU_DTYPE_I32, 1, &six), z32 = make(IPU_DTYPE_I32, 0, NULL);
  ((int32_t *)z32.data)[0] = 3;
  EXPECT_FAIL(ipuKernelDequantizeLinear(&acc32, &sc, &z32, 0, &y, err), "zero");
  ipuTensorFree(&s3), ipuTensorFree(&z32);

  /* Requantize against the real-valued definition. */
  int32_t accv[6] = {0, 1000, -1000, 123456, -2147483647 - 1, 2147483647};
  memcpy(acc32.data, accv, sizeof accv);
  for (int iter = 0; iter < 20; iter++) {
    double scale = iter == 0 ? 0.5 : pow(2, -(double)randInt(0, 20)) * (0.5 + randF() / 2.1);
    int32_t mult, shift;
    CHECK(ipuQuantizeMultiplier(scale, &mult, &shift) && mult >= (1 << 30));
    double realScale = mult * pow(2, -31 - shift);
    CHECK(fabs(realScale - scale) <= scale * 1e-9);
    IpuTensor m = make(IPU_DTYPE_I32, 0, NULL), sh = make(IPU_DTYPE_I32, 0, NULL);
    ((int32_t *)m.data)[0] = mult, ((int32_t *)sh.data)[0] = shift;
    int32_t zero = (int32_t)randInt(-10, 10);
    bool ok = ipuKernelRequantize(&acc32, &m, &sh, 0, zero, IPU_DTYPE_I8, &y, &e);
    bool good = ok && y.dtype == IPU_DTYPE_I8;
    for (int i = 0; good && i < 6; i++) {
      double v = floor(accv[i] * realScale + 0.5) + zero; /* half up */
      v = fmin(fmax(v, -128), 127);
      good = ((int8_t *)y.data)[i] == (int8_t)v;
    }
    CHECK_MSG(good, "requantize scale %g: %s", scale, e.message);
    if (ok)
      ipuTensorFree(&y);
    ipuTensorFree(&m), ipuTensorFree(&sh);
  }
  /* Per channel, uint8 out: (2, 3) with channels on axis 0. */
  int64_t s23[2] = {2, 3}, two = 2;
  IpuTensor a2 = make(IPU_DTYPE_I32, 2, s23), m2 = make(IPU_DTYPE_I32, 1, &two);
  IpuTensor sh2 = make(IPU_DTYPE_I32, 1, &two);
  int32_t a2v[6] = {10, 11, -3, 10, 11, 1000};
  memcpy(a2.data, a2v, sizeof a2v);
  ((int32_t *)m2.data)[0] = 1 << 30, ((int32_t *)m2.data)[1] = 1 << 30;
  ((int32_t *)sh2.data)[0] = 0, ((int32_t *)sh2.data)[1] = 2; /* 1/2, 1/8 */
  static const uint8_t want2[6] = {105, 106, 99, 101, 101, 225};
  CHECK(ipuKernelRequantize(&a2, &m2, &sh2, 0, 100, IPU_DTYPE_U8, &y, &e) &&
        !memcmp(y.data, want2, 6));
  ipuTensorFree(&y);
  ((int32_t *)sh2.data)[1] = 40;
  EXPECT_FAIL(ipuKernelRequantize(&a2, &m2, &sh2, 0, 0, IPU_DTYPE_U8, &y, err),
              "shift");
  EXPECT_FAIL(ipuKernelRequantize(&a2, &m2, &sh2, 1, 0, IPU_DTYPE_U8, &y, err),
              "multiplier");
  int32_t mm, ss;
  CHECK(!ipuQuantizeMultiplier(0, &mm, &ss) && !ipuQuantizeMultiplier(NAN, &mm, &ss) &&
        !ipuQuantizeMultiplier(1e-30, &mm, &ss));
  CHECK(ipuQuantizeMultiplier(3.0, &mm, &ss) && ss == -2 && mm == 3 << 29);
  ipuTensorFree(&a2), ipuTensorFree(&m2), ipuTensorFree(&sh2);
  ipuTensorFree(&x), ipuTensorFree(&sc), ipuTensorFree(&zp), ipuTensorFree(&hx);
  ipuTensorFree(&acc32);
}

int main(void) {
  testSoftmax();
  testReduce();
  testBatchNorm();
  testTransposeConcat();
  testSlice();
  testPad();
  testResize();
  testLstm();
  testQuant();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
