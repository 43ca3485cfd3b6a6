/* Evaluators of the hl comparisons, boolean logic, hl.where and the
 * further element-wise math (float functions, parametric activations,
 * sign, prelu). */
#include "eval.h"

static const EvalBinaryName binaryOps[] = {
    {"hl.equal", IPU_BINARY_EQUAL},
    {"hl.less", IPU_BINARY_LESS},
    {"hl.less_equal", IPU_BINARY_LESS_OR_EQUAL},
    {"hl.greater", IPU_BINARY_GREATER},
    {"hl.greater_equal", IPU_BINARY_GREATER_OR_EQUAL},
    {"hl.and", IPU_BINARY_AND},
    {"hl.or", IPU_BINARY_OR},
    {"hl.xor", IPU_BINARY_XOR},
    {"hl.prelu", IPU_BINARY_PRELU},
};

static IpuLogicalResult evalBinary(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  return evalBinaryNamed(op, numIns, ins, outs, binaryOps,
                         sizeof binaryOps / sizeof *binaryOps);
}

static IpuLogicalResult evalWhere(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 3, 3)))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelWhere(ins[0], ins[1], ins[2], &outs[0], &err),
                  &err);
}

static const EvalUnaryName unaryOps[] = {
    {"hl.not", IPU_UNARY_NOT, NULL, NULL},
    {"hl.reciprocal", IPU_UNARY_RECIPROCAL, NULL, NULL},
    {"hl.floor", IPU_UNARY_FLOOR, NULL, NULL},
    {"hl.ceil", IPU_UNARY_CEIL, NULL, NULL},
    {"hl.round", IPU_UNARY_ROUND, NULL, NULL},
    {"hl.erf", IPU_UNARY_ERF, NULL, NULL},
    {"hl.sin", IPU_UNARY_SIN, NULL, NULL},
    {"hl.cos", IPU_UNARY_COS, NULL, NULL},
    {"hl.softplus", IPU_UNARY_SOFTPLUS, NULL, NULL},
    {"hl.softsign", IPU_UNARY_SOFTSIGN, NULL, NULL},
    {"hl.sign", IPU_UNARY_SIGN, NULL, NULL},
    {"hl.elu", IPU_UNARY_ELU, "alpha", NULL},
    {"hl.selu", IPU_UNARY_SELU, "alpha", "gamma"},
    {"hl.celu", IPU_UNARY_CELU, "alpha", NULL},
    {"hl.thresholded_relu", IPU_UNARY_THRESHOLDED_RELU, "alpha", NULL},
};

static IpuLogicalResult evalUnary(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  return evalUnaryNamed(op, numIns, ins, outs, unaryOps,
                        sizeof unaryOps / sizeof *unaryOps);
}

static const EvalEntry entries[] = {
    {"hl.equal", evalBinary},        {"hl.less", evalBinary},
    {"hl.less_equal", evalBinary},   {"hl.greater", evalBinary},
    {"hl.greater_equal", evalBinary}, {"hl.and", evalBinary},
    {"hl.or", evalBinary},           {"hl.xor", evalBinary},
    {"hl.prelu", evalBinary},        {"hl.where", evalWhere},
    {"hl.not", evalUnary},           {"hl.reciprocal", evalUnary},
    {"hl.floor", evalUnary},         {"hl.ceil", evalUnary},
    {"hl.round", evalUnary},         {"hl.erf", evalUnary},
    {"hl.sin", evalUnary},           {"hl.cos", evalUnary},
    {"hl.softplus", evalUnary},      {"hl.softsign", evalUnary},
    {"hl.sign", evalUnary},          {"hl.elu", evalUnary},
    {"hl.selu", evalUnary},          {"hl.celu", evalUnary},
    {"hl.thresholded_relu", evalUnary},
};

const EvalTable evalLogicTable = {entries, sizeof entries / sizeof *entries};
