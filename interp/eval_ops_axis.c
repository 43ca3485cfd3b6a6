/* Evaluators of the hl ops that work along axes: softmax, log_softmax,
 * hardmax, argmax/argmin, gather, tile, layer and instance
 * normalisation. */
#include "eval.h"

static IpuLogicalResult evalSoftmaxKind(IpuOp *op, intptr_t numIns,
                                        const IpuTensor *const *ins,
                                        IpuTensor *outs) {
  int64_t axis;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", -1, &axis))
    return IPU_FAILURE;
  IpuSoftmaxKind kind = ipuOpIsA(op, "hl.softmax")   ? IPU_SOFTMAX
                        : ipuOpIsA(op, "hl.hardmax") ? IPU_HARDMAX
                                                     : IPU_LOG_SOFTMAX;
  IpuKernelError err;
  return evalDone(op, ipuKernelSoftmax(kind, axis, false, ins[0], &outs[0],
                                       &err),
                  &err);
}

static IpuLogicalResult evalArg(IpuOp *op, intptr_t numIns,
                                const IpuTensor *const *ins,
                                IpuTensor *outs) {
  int64_t axis;
  bool keepDims, last;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", 0, &axis) ||
      !evalAttrBool(op, "keepdims", true, &keepDims) ||
      !evalAttrBool(op, "select_last_index", false, &last))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelArgReduce(ipuOpIsA(op, "hl.argmax"), ins[0],
                                         axis, keepDims, last, &outs[0],
                                         &err),
                  &err);
}

/* An index outside [-n, n) is the kernel's located error at the op. */
static IpuLogicalResult evalGather(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  int64_t axis;
  if (ipuFailed(evalCheckArity(op, numIns, 2, 2)) ||
      !evalAttrI64(op, "axis", 0, &axis))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelGather(ins[0], ins[1], axis, &outs[0], &err),
                  &err);
}

static IpuLogicalResult evalTile(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  int64_t repeats[IPU_TENSOR_MAX_RANK];
  int n;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "repeats", repeats, IPU_TENSOR_MAX_RANK, &n))
    return IPU_FAILURE;
  if (n != ins[0]->rank)
    return ipuOpEmitError(op, "'repeats' has %d entries, the input rank %d",
                          n, ins[0]->rank);
  IpuKernelError err;
  return evalDone(op, ipuKernelTile(ins[0], repeats, &outs[0], &err), &err);
}

static IpuLogicalResult evalLayerNorm(IpuOp *op, intptr_t numIns,
                                      const IpuTensor *const *ins,
                                      IpuTensor *outs) {
  int64_t axis;
  double epsilon;
  if (ipuFailed(evalCheckArity(op, numIns, 2, 3)) ||
      !evalAttrI64(op, "axis", -1, &axis) ||
      !evalAttrF64(op, "epsilon", 1e-5, &epsilon))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelLayerNorm(ins[0], ins[1],
                                         numIns > 2 ? ins[2] : NULL, axis,
                                         (float)epsilon, &outs[0], &outs[1],
                                         &outs[2], &err),
                  &err);
}

static IpuLogicalResult evalInstanceNorm(IpuOp *op, intptr_t numIns,
                                         const IpuTensor *const *ins,
                                         IpuTensor *outs) {
  double epsilon;
  if (ipuFailed(evalCheckArity(op, numIns, 3, 3)) ||
      !evalAttrF64(op, "epsilon", 1e-5, &epsilon))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelInstanceNorm(ins[0], ins[1], ins[2],
                                            (float)epsilon, &outs[0], &err),
                  &err);
}

static const EvalEntry entries[] = {
    {"hl.softmax", evalSoftmaxKind},     {"hl.log_softmax", evalSoftmaxKind},
    {"hl.hardmax", evalSoftmaxKind},     {"hl.argmax", evalArg},
    {"hl.argmin", evalArg},              {"hl.gather", evalGather},
    {"hl.tile", evalTile},               {"hl.layer_norm", evalLayerNorm},
    {"hl.instance_norm", evalInstanceNorm},
};

const EvalTable evalAxisTable = {entries, sizeof entries / sizeof *entries};
