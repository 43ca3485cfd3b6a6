/* ONNX Gemm, MatMul (numpy batching and 1-D operands) and MatMulInteger,
 * all on top of the blocked SGEMM for floats. */
#include "kernel_util.h"

#include <stdlib.h>
#include <string.h>


bool ipuKernelGemm(const IpuGemmParams *p, const IpuTensor *a,
                   const IpuTensor *b, const IpuTensor *c, IpuTensor *y,
                   IpuKernelError *err) {
  static const char op[] = "Gemm";
  memset(y, 0, sizeof *y);
  if (!p)
    return ipuKFail(err, op, "missing attributes");
  if (!ipuKCheck(a, op, "A", err) || !ipuKCheck(b, op, "B", err) ||
      (c && !ipuKCheck(c, op, "C", err)))
    return false;
  if (a->rank != 2 || b->rank != 2)
    return ipuKFail(err, op, "A and B must be 2-D, not of rank %d and %d",
                    a->rank, b->rank);
  if (!ipuKIsFloat(a->dtype) || b->dtype != a->dtype ||
      (c && c->dtype != a->dtype))
    return ipuKFail(err, op, "operands must share one float type");
  int64_t m = p->transA ? a->shape[1] : a->shape[0];
  int64_t k = p->transA ? a->shape[0] : a->shape[1];
  int64_t kb = p->transB ? b->shape[1] : b->shape[0];
  int64_t n = p->transB ? b->shape[0] : b->shape[1];
  if (k != kb)
    return ipuKFail(err, op, "inner dimensions differ: %lld and %lld",
                    (long long)k, (long long)kb);
  if (c) {
    if (c->rank > 2)
      return ipuKFail(err, op, "C must have rank <= 2, not %d", c->rank);
    int64_t cm = c->rank == 2 ? c->shape[0] : 1;
    int64_t cn = c->rank >= 1 ? c->shape[c->rank - 1] : 1;
    if ((cm != 1 && cm != m) || (cn != 1 && cn != n))
      return ipuKFail(err, op, "C does not broadcast to (%lld, %lld)",
                      (long long)m, (long long)n);
  }
  IpuTensor ta, tb, tc;
  memset(&tc, 0, sizeof tc);
  const float *ad = ipuKAsF32(a, &ta, op, err);
  const float *bd = ad ? ipuKAsF32(b, &tb, op, err) : NULL;
  const float *cd = bd && c ? ipuKAsF32(c, &tc, op, err) : NULL;
  int64_t shape[2] = {m, n};
  bool ok = bd && (!c || cd) && ipuKAlloc(y, IPU_DTYPE_F32, 2, shape, op, err);
  if (ok) {
    float *yd = y->data;
    if (c) {
      int64_t cm = c->rank == 2 ? c->shape[0] : 1;
      int64_t cn = c->rank >= 1 ? c->shape[c->rank - 1] : 1;
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
          yd[i * n + j] = cd[(cm == 1 ? 0 : i) * cn + (cn == 1 ? 0 : j)];
    }
    ok = ipuSgemm(p->transA, p->transB, m, n, k, p->alpha, ad, a->shape[1],
                  bd, b->shape[1], c ? p->beta : 0.0f, yd, n);
    if (!ok) {
      ipuTensorFree(y);
      ipuKFail(err, op, "out of memory");
    } else {
      ok = ipuKFromF32(y, a->dtype, op, err);
    }
  }
  ipuTensorFree(&ta);
  ipuTensorFree(&tb);
  ipuTensorFree(&tc);
  return ok;
}

/* ---- Batched matrix products ------------------------------------------ */

/* The shapes of a numpy matmul: batch dimensions broadcast, each operand
 * viewed as a stack of matrices. */
typedef struct {
  int64_t m, n, k;
  int batchRank;
  int64_t batchShape[IPU_TENSOR_MAX_RANK];
  int64_t aBatchStrides[IPU_TENSOR_MAX_RANK]; /* in matrices, 0: broadcast */
  int64_t bBatchStrides[IPU_TENSOR_MAX_RANK];
  int64_t numBatches;
  int outRank;
  int64_t outShape[IPU_TENSOR_MAX_RANK];
} MatMulShape;

static bool matMulShape(const char *op, const IpuTensor *a,
                        const IpuTensor *b, MatMulShape *s,
                        IpuKernelError *err) {
  memset(s, 0, sizeof *s);
  if (a->rank < 1 || b->rank < 1)
    return ipuKFail(err, op, "operands must have rank >= 1");
  bool aVec = a->rank == 1, bVec = b->rank == 1;
  s->m = aVec ? 1 : a->shape[a->rank - 2];
  s->k = a->shape[a->rank - 1];
  int64_t kb = bVec ? b->shape[0] : b->shape[b->rank - 2];
  s->n = bVec ? 1 : b->shape[b->rank - 1];
  if (s->k != kb)
    return ipuKFail(err, op, "inner dimensions differ: %lld and %lld",
                    (long long)s->k, (long long)kb);
  int aBatch = aVec ? 0 : a->rank - 2, bBatch = bVec ? 0 : b->rank - 2;
  IpuKernelError inner;
  if (!ipuBroadcastShapes(aBatch, a->shape, bBatch, b->shape, &s->batchRank,
                          s->batchShape, &inner))
    return ipuKFail(err, op, "batch dimensions: %s", inner.message);
  int r = s->batchRank;
  int64_t sa = 1, sb = 1;
  for (int i = r - 1; i >= 0; i--) {
    int ia = i - (r - aBatch), ib = i - (r - bBatch);
    int64_t ea = ia >= 0 ? a->shape[ia] : 1, eb = ib >= 0 ? b->shape[ib] : 1;
    s->aBatchStrides[i] = ea == 1 ? 0 : sa;
    s->bBatchStrides[i] = eb == 1 ? 0 : sb;
    sa *= ea;
    sb *= eb;
  }
  s->numBatches = ipuKProduct(s->batchShape, 0, r);
  if (s->m == 0 || s->n == 0)
    s->numBatches = 0; /* an empty result: no products to run */
  int o = 0;
  for (int i = 0; i < r; i++)
    s->outShape[o++] = s->batchShape[i];
  if (!aVec)
    s->outShape[o++] = s->m;
  if (!bVec)
    s->outShape[o++] = s->n;
  s->outRank = o;
  return true;
}

/* Matrix offsets (in matrices) of batch `idx` in A and B. */
static void batchOffsets(const MatMulShape *s, int64_t idx, int64_t *oa,
                         int64_t *ob) {
  *oa = *ob = 0;
  for (int i = s->batchRank - 1; i >= 0; i--) {
    int64_t d = idx % s->batchShape[i];
    idx /= s->batchShape[i];
    *oa += d * s->aBatchStrides[i];
    *ob += d * s->bBatchStrides[i];
  }
}

static bool matMulFloat(const MatMulShape *s, const IpuTensor *a,
                        const IpuTensor *b, IpuTensor *y,
                        IpuKernelError *err) {
  static const char op[] = "MatMul";
  IpuTensor ta, tb;
  const float *ad = ipuKAsF32(a, &ta, op, err);
  const float *bd = ad ? ipuKAsF32(b, &tb, op, err) : NULL;
  bool ok = bd && ipuKAlloc(y, IPU_DTYPE_F32, s->outRank, s->outShape, op, err);
  if (ok) {
    float *yd = y->data;
    int64_t mk = s->m * s->k, kn = s->k * s->n, mn = s->m * s->n;
    bool bShared = true, aFull = true;
    for (int i = 0; i < s->batchRank; i++) {
      bShared = bShared && s->bBatchStrides[i] == 0;
      aFull = aFull && (s->aBatchStrides[i] != 0 || s->batchShape[i] == 1);
    }
    if (bShared && aFull) {
      /* One B for every batch: the batches stack into one tall matrix. */
      ok = ipuSgemm(false, false, s->numBatches * s->m, s->n, s->k, 1.0f, ad,
                    s->k, bd, s->n, 0.0f, yd, s->n);
    } else {
      for (int64_t i = 0; i < s->numBatches && ok; i++) {
        int64_t oa, ob;
        batchOffsets(s, i, &oa, &ob);
        ok = ipuSgemm(false, false, s->m, s->n, s->k, 1.0f, ad + oa * mk,
                      s->k, bd + ob * kn, s->n, 0.0f, yd + i * mn, s->n);
      }
    }
    if (!ok) {
      ipuTensorFree(y);
      ipuKFail(err, op, "out of memory");
    } else {
      ok = ipuKFromF32(y, a->dtype, op, err);
    }
  }
  ipuTensorFree(&ta);
  ipuTensorFree(&tb);
  return ok;
}

/* Integer products, exact with wrap-around in 64 bits. */
static bool matMulInt(const MatMulShape *s, const IpuTensor *a,
                      const IpuTensor *b, IpuTensor *y, IpuKernelError *err) {
  if (!ipuKAlloc(y, a->dtype, s->outRank, s->outShape, "MatMul", err))
    return false;
  int64_t mk = s->m * s->k, kn = s->k * s->n, mn = s->m * s->n;
  for (int64_t bi = 0; bi < s->numBatches; bi++) {
    int64_t oa, ob;
    batchOffsets(s, bi, &oa, &ob);
    for (int64_t i = 0; i < s->m; i++)
      for (int64_t j = 0; j < s->n; j++) {
        uint64_t acc = 0;
        for (int64_t p = 0; p < s->k; p++)
          acc += (uint64_t)ipuKLoadI64(a->data, a->dtype, oa * mk + i * s->k + p) *
                 (uint64_t)ipuKLoadI64(b->data, b->dtype, ob * kn + p * s->n + j);
        ipuKStoreI64(y->data, y->dtype, bi * mn + i * s->n + j, (int64_t)acc);
      }
  }
  return true;
}

bool ipuKernelMatMul(const IpuTensor *a, const IpuTensor *b, IpuTensor *y,
                     IpuKernelError *err) {
  static const char op[] = "MatMul";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(a, op, "A", err) || !ipuKCheck(b, op, "B", err))
    return false;
  if (a->dtype != b->dtype)
    return ipuKFail(err, op, "operand types differ: %s and %s",
                    ipuDTypeName(a->dtype), ipuDTypeName(b->dtype));
  MatMulShape s;
  if (!matMulShape(op, a, b, &s, err))
    return false;
  if (ipuKIsFloat(a->dtype))
    return matMulFloat(&s, a, b, y, err);
  if (ipuKIsInteger(a->dtype))
    return matMulInt(&s, a, b, y, err);
  return ipuKFail(err, op, "unsupported element type %s",
                  ipuDTypeName(a->dtype));
}

/* ---- MatMulInteger ----------------------------------------------------- */

bool ipuKernelMatMulInteger(const IpuTensor *a, const IpuTensor *b,
                            const IpuTensor *aZeroPoint,
                            const IpuTensor *bZeroPoint, IpuTensor *y,
                            IpuKernelError *err) {
  static const char op[] = "MatMulInteger";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(a, op, "A", err) || !ipuKCheck(b, op, "B", err))
    return false;
  /* 16-bit activations (A) meet 8-bit weights (B) only. */
  if (a->dtype != IPU_DTYPE_I8 && a->dtype != IPU_DTYPE_U8 &&
      a->dtype != IPU_DTYPE_I16 && a->dtype != IPU_DTYPE_U16)
    return ipuKFail(err, op, "A must be int8, uint8, int16 or uint16, not %s",
                    ipuDTypeName(a->dtype));
  if (b->dtype != IPU_DTYPE_I8 && b->dtype != IPU_DTYPE_U8)
    return ipuKFail(err, op, "B must be int8 or uint8, not %s",
                    ipuDTypeName(b->dtype));
  MatMulShape s;
  if (!matMulShape(op, a, b, &s, err) ||
      !ipuKCheckZeroPoint(op, "a_zero_point", aZeroPoint, a->dtype, s.m, err) ||
      !ipuKCheckZeroPoint(op, "b_zero_point", bZeroPoint, b->dtype, s.n, err))
    return false;
  if (!ipuKAlloc(y, IPU_DTYPE_I32, s.outRank, s.outShape, op, err))
    return false;
  int64_t mk = s.m * s.k, kn = s.k * s.n, mn = s.m * s.n;
  int64_t naz = aZeroPoint ? ipuTensorNumElements(aZeroPoint) : 0;
  int64_t nbz = bZeroPoint ? ipuTensorNumElements(bZeroPoint) : 0;
  int32_t *rowB = ipuKScratch(s.n, sizeof(int32_t));
  int32_t *acc = ipuKScratch(s.n, sizeof(int32_t));
  if (!rowB || !acc) {
    free(rowB);
    free(acc);
    ipuTensorFree(y);
    return ipuKFail(err, op, "out of memory");
  }
  int32_t *yd = y->data;
  for (int64_t bi = 0; bi < s.numBatches; bi++) {
    int64_t oa, ob;
    batchOffsets(&s, bi, &oa, &ob);
    for (int64_t i = 0; i < s.m; i++) {
      int32_t za = naz ? (int32_t)ipuKLoadI64(aZeroPoint->data, a->dtype,
                                              naz == 1 ? 0 : i)
                       : 0;
      memset(acc, 0, (size_t)s.n * sizeof(int32_t));
      for (int64_t p = 0; p < s.k; p++) {
        int32_t av =
            (int32_t)ipuKLoadI64(a->data, a->dtype, oa * mk + i * s.k + p) - za;
        for (int64_t j = 0; j < s.n; j++) {
          int32_t zb = nbz ? (int32_t)ipuKLoadI64(bZeroPoint->data, b->dtype,
                                                  nbz == 1 ? 0 : j)
                           : 0;
          rowB[j] = (int32_t)ipuKLoadI64(b->data, b->dtype,
                                         ob * kn + p * s.n + j) - zb;
        }
        /* Wrap-around as int32 hardware accumulators do; one product
         * (at most 17 by 9 bits) is exact. */
        for (int64_t j = 0; j < s.n; j++)
          acc[j] = (int32_t)((uint32_t)acc[j] + (uint32_t)(av * rowB[j]));
      }
      memcpy(yd + bi * mn + i * s.n, acc, (size_t)s.n * sizeof(int32_t));
    }
  }
  free(rowB);
  free(acc);
  return true;
}
