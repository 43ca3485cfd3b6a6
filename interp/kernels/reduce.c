/* ONNX reductions (ReduceSum/Mean/Max/Min/Prod/L1/L2/SumSquare/LogSum/
 * LogSumExp) over any set of axes, and ArgMax/ArgMin. */
#include "kernel_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *reduceName(IpuReduceOp op) {
  static const char *const names[] = {
      "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
      "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum",
      "ReduceLogSumExp"};
  return (unsigned)op < sizeof names / sizeof *names ? names[op] : "Reduce";
}

/* The extremes of an integer type, for empty Max/Min reductions. */
static void intRange(IpuDType t, int64_t *lo, int64_t *hi) {
  size_t bits = ipuDTypeSize(t) * 8;
  if (ipuKIsSigned(t)) {
    *hi = bits >= 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
    *lo = -*hi - 1;
  } else {
    *lo = 0;
    *hi = bits >= 63 ? INT64_MAX : ((int64_t)1 << bits) - 1;
  }
}

/* Visits every element of x in order with the offset of its output
 * element (reduced axes have output stride 0). */
typedef struct {
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int64_t outStride[IPU_TENSOR_MAX_RANK];
} ReduceMap;

/* Calls the body for each input index i with output offset o. */
#define FOR_EACH_ELEMENT(map, total, i, o, ...)                                \
  do {                                                                         \
    int64_t idx_[IPU_TENSOR_MAX_RANK] = {0};                                   \
    int64_t o = 0;                                                             \
    for (int64_t i = 0; i < (total); i++) {                                    \
      __VA_ARGS__;                                                             \
      for (int d_ = (map)->rank - 1; d_ >= 0; d_--) {                          \
        o += (map)->outStride[d_];                                             \
        if (++idx_[d_] < (map)->shape[d_])                                     \
          break;                                                               \
        o -= (map)->outStride[d_] * (map)->shape[d_];                          \
        idx_[d_] = 0;                                                          \
      }                                                                        \
    }                                                                          \
  } while (0)

static double initFloat(IpuReduceOp op) {
  switch (op) {
  case IPU_REDUCE_PROD: return 1.0;
  case IPU_REDUCE_MAX: return -INFINITY;
  case IPU_REDUCE_MIN: return INFINITY;
  default: return 0.0;
  }
}

static void reduceFloat(IpuReduceOp op, const IpuTensor *x,
                        const ReduceMap *map, double *acc, const double *mx,
                        int64_t outN) {
  int64_t total = ipuTensorNumElements(x);
  for (int64_t j = 0; j < outN; j++)
    acc[j] = initFloat(op);
  const void *xd = x->data;
  IpuDType t = x->dtype;
  switch (op) {
  case IPU_REDUCE_MAX:
    FOR_EACH_ELEMENT(map, total, i, o, {
      double v = ipuKLoadF64(xd, t, i);
      if (v > acc[o] || isnan(v))
        acc[o] = v;
    });
    break;
  case IPU_REDUCE_MIN:
    FOR_EACH_ELEMENT(map, total, i, o, {
      double v = ipuKLoadF64(xd, t, i);
      if (v < acc[o] || isnan(v))
        acc[o] = v;
    });
    break;
  case IPU_REDUCE_PROD:
    FOR_EACH_ELEMENT(map, total, i, o, acc[o] *= ipuKLoadF64(xd, t, i));
    break;
  case IPU_REDUCE_L1:
    FOR_EACH_ELEMENT(map, total, i, o, acc[o] += fabs(ipuKLoadF64(xd, t, i)));
    break;
  case IPU_REDUCE_L2:
  case IPU_REDUCE_SUM_SQUARE:
    FOR_EACH_ELEMENT(map, total, i, o, {
      double v = ipuKLoadF64(xd, t, i);
      acc[o] += v * v;
    });
    break;
  case IPU_REDUCE_LOG_SUM_EXP:
    FOR_EACH_ELEMENT(map, total, i, o, {
      double m = isinf(mx[o]) ? 0.0 : mx[o];
      acc[o] += exp(ipuKLoadF64(xd, t, i) - m);
    });
    break;
  default: /* Sum, Mean, LogSum */
    FOR_EACH_ELEMENT(map, total, i, o, acc[o] += ipuKLoadF64(xd, t, i));
    break;
  }
}

static void reduceInt(IpuReduceOp op, const IpuTensor *x,
                      const ReduceMap *map, int64_t *acc, int64_t outN) {
  int64_t total = ipuTensorNumElements(x);
  int64_t lo, hi;
  intRange(x->dtype, &lo, &hi);
  for (int64_t j = 0; j < outN; j++)
    acc[j] = op == IPU_REDUCE_PROD  ? 1
             : op == IPU_REDUCE_MAX ? lo
             : op == IPU_REDUCE_MIN ? hi
                                    : 0;
  const void *xd = x->data;
  IpuDType t = x->dtype;
  /* Unsigned 64-bit arithmetic: wrap-around instead of overflow. */
  FOR_EACH_ELEMENT(map, total, i, o, {
    int64_t v = ipuKLoadI64(xd, t, i);
    uint64_t a = (uint64_t)acc[o], u = (uint64_t)v;
    switch (op) {
    case IPU_REDUCE_MAX: acc[o] = v > acc[o] ? v : acc[o]; break;
    case IPU_REDUCE_MIN: acc[o] = v < acc[o] ? v : acc[o]; break;
    case IPU_REDUCE_PROD: acc[o] = (int64_t)(a * u); break;
    case IPU_REDUCE_L1: acc[o] = (int64_t)(a + (v < 0 ? 0 - u : u)); break;
    case IPU_REDUCE_SUM_SQUARE: acc[o] = (int64_t)(a + u * u); break;
    default: acc[o] = (int64_t)(a + u); break;
    }
  });
}

bool ipuKernelReduce(IpuReduceOp op, const IpuTensor *x, int numAxes,
                     const int64_t *axes, bool keepDims,
                     bool noopWithEmptyAxes, IpuTensor *y,
                     IpuKernelError *err) {
  const char *name = reduceName(op);
  memset(y, 0, sizeof *y);
  if ((unsigned)op > IPU_REDUCE_LOG_SUM_EXP)
    return ipuKFail(err, name, "unknown reduction %d", (int)op);
  if (!ipuKCheck(x, name, "input", err))
    return false;
  IpuDType t = x->dtype;
  bool isFloat = ipuKIsFloat(t);
  if (!isFloat && !ipuKIsInteger(t))
    return ipuKFail(err, name, "unsupported element type %s",
                    ipuDTypeName(t));
  if (numAxes < 0 || (numAxes > 0 && !axes))
    return ipuKFail(err, name, "invalid axes");
  if (numAxes == 0 && noopWithEmptyAxes) {
    if (!ipuTensorClone(y, x))
      return ipuKFail(err, name, "out of memory");
    return true;
  }
  bool reduced[IPU_TENSOR_MAX_RANK] = {false};
  for (int i = 0; i < numAxes; i++) {
    int64_t a;
    if (!ipuKAxis(axes[i], x->rank, &a))
      return ipuKFail(err, name, "axis %lld is out of range for rank %d",
                      (long long)axes[i], x->rank);
    if (reduced[a])
      return ipuKFail(err, name, "axis %lld is repeated", (long long)axes[i]);
    reduced[a] = true;
  }
  if (numAxes == 0)
    for (int i = 0; i < x->rank; i++)
      reduced[i] = true;
  int64_t outShape[IPU_TENSOR_MAX_RANK], keptShape[IPU_TENSOR_MAX_RANK];
  int outRank = 0;
  ReduceMap map;
  map.rank = x->rank;
  int64_t count = 1;
  for (int i = 0; i < x->rank; i++) {
    map.shape[i] = x->shape[i];
    keptShape[i] = reduced[i] ? 1 : x->shape[i];
    if (reduced[i])
      count *= x->shape[i];
    if (!reduced[i] || keepDims)
      outShape[outRank++] = keptShape[i];
  }
  ipuKStrides(x->rank, keptShape, map.outStride);
  for (int i = 0; i < x->rank; i++)
    if (reduced[i])
      map.outStride[i] = 0;
  if (!ipuKAlloc(y, t, outRank, outShape, name, err))
    return false;
  int64_t outN = ipuTensorNumElements(y);
  /* Integer types in int64 unless the op needs real arithmetic. */
  bool intPath = !isFloat && t != IPU_DTYPE_U64 &&
                 (op == IPU_REDUCE_SUM || op == IPU_REDUCE_MAX ||
                  op == IPU_REDUCE_MIN || op == IPU_REDUCE_PROD ||
                  op == IPU_REDUCE_L1 || op == IPU_REDUCE_SUM_SQUARE ||
                  op == IPU_REDUCE_MEAN);
  void *acc = ipuKScratch(outN, 8);
  double *mx = op == IPU_REDUCE_LOG_SUM_EXP
                   ? ipuKScratch(outN, sizeof(double))
                   : NULL;
  if (!acc || (op == IPU_REDUCE_LOG_SUM_EXP && !mx)) {
    free(acc);
    free(mx);
    ipuTensorFree(y);
    return ipuKFail(err, name, "out of memory");
  }
  if (intPath) {
    int64_t *a = acc;
    reduceInt(op == IPU_REDUCE_MEAN ? IPU_REDUCE_SUM : op, x, &map, a, outN);
    for (int64_t j = 0; j < outN; j++)
      ipuKStoreI64(y->data, t, j,
                   op == IPU_REDUCE_MEAN ? (count ? a[j] / count : 0) : a[j]);
  } else {
    double *a = acc;
    if (mx)
      reduceFloat(IPU_REDUCE_MAX, x, &map, mx, NULL, outN);
    reduceFloat(op, x, &map, a, mx, outN);
    for (int64_t j = 0; j < outN; j++) {
      double v = a[j];
      switch (op) {
      case IPU_REDUCE_MEAN: v = v / (double)count; break;
      case IPU_REDUCE_L2: v = sqrt(v); break;
      case IPU_REDUCE_LOG_SUM: v = log(v); break;
      case IPU_REDUCE_LOG_SUM_EXP:
        v = log(v) + (isinf(mx[j]) ? 0.0 : mx[j]);
        break;
      default: break;
      }
      ipuKStoreF64(y->data, t, j, v);
    }
  }
  free(acc);
  free(mx);
  return true;
}

bool ipuKernelArgReduce(bool isMax, const IpuTensor *x, int64_t axis,
                        bool keepDims, bool selectLastIndex, IpuTensor *y,
                        IpuKernelError *err) {
  const char *op = isMax ? "ArgMax" : "ArgMin";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  bool isFloat = ipuKIsFloat(x->dtype);
  if (!isFloat && !ipuKIsInteger(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  int64_t ax;
  if (!ipuKAxis(axis, x->rank, &ax))
    return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                    (long long)axis, x->rank);
  if (x->shape[ax] == 0)
    return ipuKFail(err, op, "cannot reduce an empty axis");
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int r = 0;
  for (int i = 0; i < x->rank; i++)
    if (i != ax || keepDims)
      shape[r++] = i == ax ? 1 : x->shape[i];
  if (!ipuKAlloc(y, IPU_DTYPE_I64, r, shape, op, err))
    return false;
  int64_t outer = ipuKProduct(x->shape, 0, (int)ax), len = x->shape[ax];
  int64_t inner = ipuKProduct(x->shape, (int)ax + 1, x->rank);
  int64_t *yd = y->data;
  for (int64_t o = 0; o < outer; o++)
    for (int64_t i = 0; i < inner; i++) {
      int64_t base = o * len * inner + i, best = 0;
      for (int64_t k = 1; k < len; k++) {
        int64_t a = base + k * inner, b = base + best * inner;
        int cmp;
        if (isFloat) {
          double va = ipuKLoadF64(x->data, x->dtype, a);
          double vb = ipuKLoadF64(x->data, x->dtype, b);
          cmp = va > vb ? 1 : (va < vb ? -1 : 0);
        } else {
          int64_t va = ipuKLoadI64(x->data, x->dtype, a);
          int64_t vb = ipuKLoadI64(x->data, x->dtype, b);
          cmp = va > vb ? 1 : (va < vb ? -1 : 0);
        }
        if (!isMax)
          cmp = -cmp;
        if (cmp > 0 || (cmp == 0 && selectLastIndex))
          best = k;
      }
      yd[o * inner + i] = best;
    }
  return true;
}
