/* Evaluators of the hl element-wise family: identity, casts, broadcasting
 * binary ops, activations and softmax. */
#include <math.h>
#include <string.h>

#include "eval.h"

static IpuLogicalResult evalIdentity(IpuOp *op, intptr_t numIns,
                                     const IpuTensor *const *ins,
                                     IpuTensor *outs) {
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

typedef struct {
  const char *name;
  IpuBinaryOp op;
} BinaryName;

static const BinaryName binaryOps[] = {
    {"hl.add", IPU_BINARY_ADD}, {"hl.sub", IPU_BINARY_SUB},
    {"hl.mul", IPU_BINARY_MUL}, {"hl.div", IPU_BINARY_DIV},
    {"hl.max", IPU_BINARY_MAX}, {"hl.min", IPU_BINARY_MIN},
    {"hl.pow", IPU_BINARY_POW},
};

static IpuLogicalResult evalBinary(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 2, 2)))
    return IPU_FAILURE;
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  for (size_t i = 0; i < sizeof binaryOps / sizeof *binaryOps; ++i) {
    if (strcmp(binaryOps[i].name, name))
      continue;
    IpuKernelError err;
    return evalDone(op, ipuKernelBinary(binaryOps[i].op, ins[0], ins[1],
                                    &outs[0], &err),
                &err);
  }
  return ipuOpEmitError(op, "not a binary op");
}

typedef struct {
  const char *name;
  IpuUnaryOp op;
} UnaryName;

static const UnaryName unaryOps[] = {
    {"hl.neg", IPU_UNARY_NEG},
    {"hl.abs", IPU_UNARY_ABS},
    {"hl.sqrt", IPU_UNARY_SQRT},
    {"hl.exp", IPU_UNARY_EXP},
    {"hl.log", IPU_UNARY_LOG},
    {"hl.relu", IPU_UNARY_RELU},
    {"hl.leaky_relu", IPU_UNARY_LEAKY_RELU},
    {"hl.clip", IPU_UNARY_CLIP},
    {"hl.sigmoid", IPU_UNARY_SIGMOID},
    {"hl.tanh", IPU_UNARY_TANH},
    {"hl.hard_sigmoid", IPU_UNARY_HARD_SIGMOID},
    {"hl.hard_swish", IPU_UNARY_HARD_SWISH},
};

static IpuLogicalResult evalUnary(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)))
    return IPU_FAILURE;
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  for (size_t i = 0; i < sizeof unaryOps / sizeof *unaryOps; ++i) {
    if (strcmp(unaryOps[i].name, name))
      continue;
    IpuUnaryOp kind = unaryOps[i].op;
    IpuUnaryParams p = ipuUnaryDefaults(kind);
    bool ok = true;
    if (kind == IPU_UNARY_CLIP)
      ok = evalAttrF64(op, "min", -INFINITY, &p.alpha) &&
           evalAttrF64(op, "max", INFINITY, &p.beta);
    else if (kind == IPU_UNARY_LEAKY_RELU)
      ok = evalAttrF64(op, "alpha", 0.01, &p.alpha);
    else if (kind == IPU_UNARY_HARD_SIGMOID)
      ok = evalAttrF64(op, "alpha", 0.2, &p.alpha) &&
           evalAttrF64(op, "beta", 0.5, &p.beta);
    if (!ok)
      return IPU_FAILURE;
    IpuKernelError err;
    return evalDone(op, ipuKernelUnary(kind, &p, ins[0], &outs[0], &err), &err);
  }
  return ipuOpEmitError(op, "not a unary op");
}

static IpuLogicalResult evalSoftmax(IpuOp *op, intptr_t numIns,
                                    const IpuTensor *const *ins,
                                    IpuTensor *outs) {
  int64_t axis;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", -1, &axis))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelSoftmax(IPU_SOFTMAX, axis, false, ins[0],
                                   &outs[0], &err),
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
    {"hl.softmax", evalSoftmax},
};

const EvalTable evalElementwiseTable = {entries,
                                        sizeof entries / sizeof *entries};
