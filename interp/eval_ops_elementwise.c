/* Evaluators of the hl element-wise family: identity, casts, broadcasting
 * binary ops and activations, and the table-driven binary and unary
 * evaluators that eval_ops_logic.c shares. */
#include <string.h>

#include "eval.h"

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

IpuLogicalResult evalBinaryNamed(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins, IpuTensor *outs,
                                 const EvalBinaryName *names, size_t count) {
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

IpuLogicalResult evalUnaryNamed(IpuOp *op, intptr_t numIns,
                                const IpuTensor *const *ins, IpuTensor *outs,
                                const EvalUnaryName *names, size_t count) {
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
};

static IpuLogicalResult evalUnary(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  return evalUnaryNamed(op, numIns, ins, outs, unaryOps,
                        sizeof unaryOps / sizeof *unaryOps);
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
};

const EvalTable evalElementwiseTable = {entries,
                                        sizeof entries / sizeof *entries};
