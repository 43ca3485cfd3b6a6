/* Evaluators of the hl element-wise family: identity, casts, the
 * broadcasting binary ops (arithmetic, comparisons, boolean logic, prelu),
 * hl.where, and the unary ops (math functions and activations), the
 * binary and unary ones each through one name -> kernel table. */
#include <string.h>

#include "eval.h"

/* Each op's kernel by name. A unary op reads its parameters from the
 * attributes named `alpha` and `beta` (NULL: none), ipuUnaryDefaults when
 * absent. */
typedef struct {
  const char *name;
  IpuBinaryOp kind;
} EvalBinaryName;
typedef struct {
  const char *name;
  IpuUnaryOp kind;
  const char *alpha, *beta;
} EvalUnaryName;

IpuLogicalResult evalIdentity(IpuOp *op, intptr_t numIns,
                              const IpuTensor *const *ins, IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)))
    return IPU_FAILURE;
  if (!ipuTensorClone(&outs[0], ins[0]))
    return ipuOpEmitError(op, "out of memory");
  return IPU_SUCCESS;
}

static IpuLogicalResult evalCast(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  IpuDType to;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) || !evalResultDType(op, 0, &to))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelCast(ins[0], to, &outs[0], &err), &err);
}

static IpuLogicalResult evalBinaryNamed(IpuOp *op, intptr_t numIns,
                                        const IpuTensor *const *ins,
                                        IpuTensor *outs,
                                        const EvalBinaryName *names,
                                        size_t count) {
  if (ipuFailed(evalCheckArity(op, numIns, 2, 2)))
    return IPU_FAILURE;
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  for (size_t i = 0; i < count; ++i) {
    if (strcmp(names[i].name, name))
      continue;
    IpuKernelError err;
    return evalDone(op, ipuKernelBinary(names[i].kind, ins[0], ins[1],
                                        &outs[0], &err),
                    &err);
  }
  return ipuOpEmitError(op, "not a binary op");
}

static IpuLogicalResult evalUnaryNamed(IpuOp *op, intptr_t numIns,
                                       const IpuTensor *const *ins,
                                       IpuTensor *outs,
                                       const EvalUnaryName *names,
                                       size_t count) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)))
    return IPU_FAILURE;
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  for (size_t i = 0; i < count; ++i) {
    const EvalUnaryName *u = &names[i];
    if (strcmp(u->name, name))
      continue;
    IpuUnaryParams p = ipuUnaryDefaults(u->kind);
    if ((u->alpha && !evalAttrF64(op, u->alpha, p.alpha, &p.alpha)) ||
        (u->beta && !evalAttrF64(op, u->beta, p.beta, &p.beta)))
      return IPU_FAILURE;
    IpuKernelError err;
    return evalDone(op, ipuKernelUnary(u->kind, &p, ins[0], &outs[0], &err),
                    &err);
  }
  return ipuOpEmitError(op, "not a unary op");
}

static const EvalBinaryName binaryOps[] = {
    {"hl.add", IPU_BINARY_ADD}, {"hl.sub", IPU_BINARY_SUB},
    {"hl.mul", IPU_BINARY_MUL}, {"hl.div", IPU_BINARY_DIV},
    {"hl.max", IPU_BINARY_MAX}, {"hl.min", IPU_BINARY_MIN},
    {"hl.pow", IPU_BINARY_POW},
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

static const EvalUnaryName unaryOps[] = {
    {"hl.neg", IPU_UNARY_NEG, NULL, NULL},
    {"hl.abs", IPU_UNARY_ABS, NULL, NULL},
    {"hl.sqrt", IPU_UNARY_SQRT, NULL, NULL},
    {"hl.exp", IPU_UNARY_EXP, NULL, NULL},
    {"hl.log", IPU_UNARY_LOG, NULL, NULL},
    {"hl.relu", IPU_UNARY_RELU, NULL, NULL},
    {"hl.leaky_relu", IPU_UNARY_LEAKY_RELU, "alpha", NULL},
    {"hl.clip", IPU_UNARY_CLIP, "min", "max"},
    {"hl.sigmoid", IPU_UNARY_SIGMOID, NULL, NULL},
    {"hl.tanh", IPU_UNARY_TANH, NULL, NULL},
    {"hl.hard_sigmoid", IPU_UNARY_HARD_SIGMOID, "alpha", "beta"},
    {"hl.hard_swish", IPU_UNARY_HARD_SWISH, NULL, NULL},
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

static IpuLogicalResult evalWhere(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 3, 3)))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelWhere(ins[0], ins[1], ins[2], &outs[0], &err),
                  &err);
}

static const EvalEntry entries[] = {
    {"hl.identity", evalIdentity},    {"hl.dropout", evalIdentity},
    {"hl.cast", evalCast},            {"hl.add", evalBinary},
    {"hl.sub", evalBinary},           {"hl.mul", evalBinary},
    {"hl.div", evalBinary},           {"hl.max", evalBinary},
    {"hl.min", evalBinary},           {"hl.pow", evalBinary},
    {"hl.neg", evalUnary},            {"hl.abs", evalUnary},
    {"hl.sqrt", evalUnary},           {"hl.exp", evalUnary},
    {"hl.log", evalUnary},            {"hl.relu", evalUnary},
    {"hl.leaky_relu", evalUnary},     {"hl.clip", evalUnary},
    {"hl.sigmoid", evalUnary},        {"hl.tanh", evalUnary},
    {"hl.hard_sigmoid", evalUnary},   {"hl.hard_swish", evalUnary},
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

const EvalTable evalElementwiseTable = {entries,
                                        sizeof entries / sizeof *entries};
