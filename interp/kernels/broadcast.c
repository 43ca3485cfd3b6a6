/* Numpy broadcasting: result shapes, the iteration plan the element-wise
 * kernels share, and ONNX Expand. */
#include "kernel_util.h"

#include <string.h>

bool ipuBroadcastShapes(int rankA, const int64_t *shapeA, int rankB,
                        const int64_t *shapeB, int *rank, int64_t *shape,
                        IpuKernelError *err) {
  int r = rankA > rankB ? rankA : rankB;
  if (r > IPU_TENSOR_MAX_RANK)
    return ipuKFail(err, "broadcast", "rank %d is too large", r);
  int64_t out[IPU_TENSOR_MAX_RANK];
  for (int i = 0; i < r; i++) {
    int ia = i - (r - rankA), ib = i - (r - rankB);
    int64_t a = ia >= 0 ? shapeA[ia] : 1;
    int64_t b = ib >= 0 ? shapeB[ib] : 1;
    if (a != b && a != 1 && b != 1)
      return ipuKFail(err, "broadcast",
                      "shapes do not broadcast: extent %lld against %lld at "
                      "result axis %d",
                      (long long)a, (long long)b, i);
    out[i] = a == 1 ? b : a;
  }
  *rank = r;
  memcpy(shape, out, sizeof(int64_t) * (size_t)r);
  return true;
}

void ipuKBroadcastPlan(int numOperands, const IpuTensor *const *xs,
                       int outRank, const int64_t *outShape,
                       IpuKBroadcastPlan *plan) {
  memset(plan, 0, sizeof *plan);
  plan->numOperands = numOperands;
  /* Full-rank strides of each operand, 0 along broadcast axes. */
  int64_t full[IPU_K_MAX_OPERANDS][IPU_TENSOR_MAX_RANK];
  for (int k = 0; k < numOperands; k++) {
    const IpuTensor *x = xs[k];
    int64_t s = 1;
    for (int i = outRank - 1; i >= 0; i--) {
      int ix = i - (outRank - x->rank);
      int64_t extent = ix >= 0 ? x->shape[ix] : 1;
      full[k][i] = extent == 1 ? 0 : s;
      s *= extent;
    }
  }
  /* Drop extent-1 axes, then merge an axis into its inner neighbour when
   * every operand's strides line up. */
  int r = 0;
  for (int i = 0; i < outRank; i++) {
    if (outShape[i] == 1)
      continue;
    bool merge = r > 0;
    for (int k = 0; k < numOperands && merge; k++)
      merge = full[k][i] * outShape[i] == plan->strides[k][r - 1];
    if (merge) {
      plan->shape[r - 1] *= outShape[i];
      for (int k = 0; k < numOperands; k++)
        plan->strides[k][r - 1] = full[k][i];
      continue;
    }
    plan->shape[r] = outShape[i];
    for (int k = 0; k < numOperands; k++)
      plan->strides[k][r] = full[k][i];
    r++;
  }
  if (r == 0) { /* a scalar result, or a result with all extents 1 */
    plan->shape[0] = 1;
    r = 1;
  }
  /* An empty result: one axis of extent 0 covers it. */
  for (int i = 0; i < outRank; i++)
    if (outShape[i] == 0) {
      plan->shape[0] = 0;
      r = 1;
      break;
    }
  plan->rank = r;
  plan->rowLength = plan->shape[r - 1];
  plan->numRows = ipuKProduct(plan->shape, 0, r - 1);
}

void ipuKBroadcastRow(const IpuKBroadcastPlan *plan, int64_t row,
                      int64_t *offsets) {
  for (int k = 0; k < plan->numOperands; k++)
    offsets[k] = 0;
  for (int i = plan->rank - 2; i >= 0 && row > 0; i--) {
    int64_t idx = row % plan->shape[i];
    row /= plan->shape[i];
    for (int k = 0; k < plan->numOperands; k++)
      offsets[k] += idx * plan->strides[k][i];
  }
}

bool ipuKernelExpand(const IpuTensor *x, int rank, const int64_t *shape,
                     IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Expand";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if (rank < 0 || rank > IPU_TENSOR_MAX_RANK || (rank > 0 && !shape))
    return ipuKFail(err, op, "invalid target rank %d", rank);
  for (int i = 0; i < rank; i++)
    if (shape[i] < 0)
      return ipuKFail(err, op, "negative extent %lld in the target shape",
                      (long long)shape[i]);
  int outRank;
  int64_t outShape[IPU_TENSOR_MAX_RANK];
  IpuKernelError inner;
  if (!ipuBroadcastShapes(x->rank, x->shape, rank, shape, &outRank, outShape,
                          &inner))
    return ipuKFail(err, op, "%s", inner.message);
  if (!ipuKAlloc(y, x->dtype, outRank, outShape, op, err))
    return false;
  IpuKBroadcastPlan plan;
  ipuKBroadcastPlan(1, &x, outRank, outShape, &plan);
  size_t es = ipuDTypeSize(x->dtype);
  const char *src = x->data;
  char *dst = y->data;
  int64_t len = plan.rowLength;
  for (int64_t row = 0; row < plan.numRows && len > 0; row++) {
    int64_t off;
    ipuKBroadcastRow(&plan, row, &off);
    char *d = dst + (size_t)(row * len) * es;
    if (plan.strides[0][plan.rank - 1] == 1) {
      memcpy(d, src + (size_t)off * es, (size_t)len * es);
    } else {
      for (int64_t j = 0; j < len; j++)
        memcpy(d + (size_t)j * es, src + (size_t)off * es, es);
    }
  }
  return true;
}
