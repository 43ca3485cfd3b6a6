/* Verifiers and result type inference of the hl matrix products: matmul
 * (numpy semantics with broadcast batch axes) and gemm. */
#include "hl_check.h"
#include "hl_hooks.h"

static bool staticDim(int64_t d) { return d != IPU_DYNAMIC; }

static IpuLogicalResult checkContracting(const HlCheck *c, int64_t lhsK,
                                         int64_t rhsK) {
  if (staticDim(lhsK) && staticDim(rhsK) && lhsK != rhsK)
    return hlError(c, "contracting dimensions differ: %lld (lhs) vs %lld "
                      "(rhs)",
                   (long long)lhsK, (long long)rhsK);
  return IPU_SUCCESS;
}

static IpuLogicalResult matmulShape(HlCheck *c, IpuType *results) {
  HlTensor lhs, rhs;
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlRankedOperand(c, 0, &lhs)) ||
      ipuFailed(hlRankedOperand(c, 1, &rhs)) ||
      ipuFailed(hlExpectMinRank(c, &lhs, "lhs", 1)) ||
      ipuFailed(hlExpectMinRank(c, &rhs, "rhs", 1)))
    return IPU_FAILURE;
  IpuType elem = hlProductElementType(c, &lhs, "lhs", &rhs, "rhs");
  if (!elem || ipuFailed(hlCheckFusedActivation(c, elem)) ||
      ipuFailed(checkContracting(c, lhs.dims[lhs.rank - 1],
                                 rhs.dims[rhs.rank == 1 ? 0 : rhs.rank - 2])))
    return IPU_FAILURE;
  /* The batch axes are everything before the two matrix axes; a 1-D
   * operand has none. */
  HlTensor lhsBatch = lhs, rhsBatch = rhs;
  lhsBatch.rank = lhs.rank >= 2 ? lhs.rank - 2 : 0;
  rhsBatch.rank = rhs.rank >= 2 ? rhs.rank - 2 : 0;
  HlDims batch, dims;
  if (ipuFailed(hlBroadcastShapes(c, &lhsBatch, &rhsBatch, &batch)))
    return IPU_FAILURE;
  if (ipuFailed(hlDimsInit(c, &dims, batch.n + 2))) {
    hlDimsFree(&batch);
    return IPU_FAILURE;
  }
  intptr_t n = 0;
  for (intptr_t i = 0; i < batch.n; ++i)
    dims.v[n++] = batch.v[i];
  if (lhs.rank >= 2)
    dims.v[n++] = lhs.dims[lhs.rank - 2];
  if (rhs.rank >= 2)
    dims.v[n++] = rhs.dims[rhs.rank - 1];
  hlDimsFree(&batch);
  dims.n = n;
  return hlDimsResult(c, IPU_SUCCESS, &dims, elem, results);
}

HL_DEFINE_HOOKS(MatMul, "hl.matmul", matmulShape, 1)

/* C broadcasts to M x N in one direction: right-aligned, each of its
 * dimensions 1 or the target's. */
static IpuLogicalResult checkGemmBias(const HlCheck *c, IpuType elem,
                                      const int64_t *target) {
  if (c->numOperands < 3)
    return IPU_SUCCESS;
  HlTensor bias;
  if (ipuFailed(hlRankedOperand(c, 2, &bias)))
    return IPU_FAILURE;
  if (bias.rank > 2)
    return hlError(c, "expects c of rank 2 or less, got %jd-D",
                   (intmax_t)bias.rank);
  if (bias.elem != elem) {
    DialectText want, got;
    return hlError(c, "requires c element type '%s', got '%s'",
                   dialectTypeText(elem, &want),
                   dialectTypeText(bias.elem, &got));
  }
  for (intptr_t i = 0; i < bias.rank; ++i) {
    int64_t d = bias.dims[i], t = target[2 - bias.rank + i];
    if (d == 1 || !staticDim(d) || !staticDim(t) || d == t)
      continue;
    DialectText text;
    char m[24], n[24];
    return hlError(c, "c of type '%s' does not broadcast to %s x %s",
                   dialectTypeText(bias.type, &text), hlDimText(target[0], m),
                   hlDimText(target[1], n));
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult gemmShape(HlCheck *c, IpuType *results) {
  HlTensor a, b;
  bool transA, transB;
  double alpha, beta;
  if (ipuFailed(hlCheckOperandCount(c, 2, 3)) ||
      ipuFailed(hlRankedOperand(c, 0, &a)) ||
      ipuFailed(hlRankedOperand(c, 1, &b)) ||
      ipuFailed(hlExpectRank(c, &a, "a", 2)) ||
      ipuFailed(hlExpectRank(c, &b, "b", 2)) ||
      ipuFailed(hlAttrBool(c, "trans_a", false, &transA)) ||
      ipuFailed(hlAttrBool(c, "trans_b", false, &transB)) ||
      ipuFailed(hlAttrF32(c, "alpha", 1.0, &alpha, NULL)) ||
      ipuFailed(hlAttrF32(c, "beta", 1.0, &beta, NULL)))
    return IPU_FAILURE;
  IpuType elem = hlProductElementType(c, &a, "a", &b, "b");
  if (!elem)
    return IPU_FAILURE;
  int64_t m = a.dims[transA ? 1 : 0], aK = a.dims[transA ? 0 : 1];
  int64_t bK = b.dims[transB ? 1 : 0], n = b.dims[transB ? 0 : 1];
  int64_t dims[2] = {m, n};
  if (ipuFailed(checkContracting(c, aK, bK)) ||
      ipuFailed(checkGemmBias(c, elem, dims)) ||
      ipuFailed(hlCheckFusedActivation(c, elem)))
    return IPU_FAILURE;
  results[0] = hlRankedType(c, 2, dims, elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Gemm, "hl.gemm", gemmShape, 1)
