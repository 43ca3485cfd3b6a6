/* Evaluators of the hl neural-network family: convolutions, matrix
 * products, pooling, batch normalization and LSTM. */
#include <string.h>
#include <strings.h>

#include "eval.h"

/* Reads strides, dilations and pads of a 2-D window op into the kernel's
 * per-axis arrays (zero entries keep the kernel's defaults). */
static bool readWindow(IpuOp *op, int spatial, int64_t *strides,
                       int64_t *dilations, int64_t *pads) {
  int64_t vals[2 * IPU_KERNEL_MAX_SPATIAL];
  int n;
  if (!evalAttrI64Array(op, "strides", vals, IPU_KERNEL_MAX_SPATIAL, &n))
    return false;
  if (n && n != spatial)
    return ipuOpEmitError(op, "'strides' needs %d values", spatial), false;
  memcpy(strides, vals, sizeof(int64_t) * (size_t)n);
  if (!evalAttrI64Array(op, "dilations", vals, IPU_KERNEL_MAX_SPATIAL, &n))
    return false;
  if (n && n != spatial)
    return ipuOpEmitError(op, "'dilations' needs %d values", spatial), false;
  if (dilations)
    memcpy(dilations, vals, sizeof(int64_t) * (size_t)n);
  if (!evalAttrI64Array(op, "pads", vals, 2 * IPU_KERNEL_MAX_SPATIAL, &n))
    return false;
  if (n && n != 2 * spatial)
    return ipuOpEmitError(op, "'pads' needs %d values", 2 * spatial), false;
  memcpy(pads, vals, sizeof(int64_t) * (size_t)n);
  return true;
}

/* The fused activations (`activation` attribute of conv2d, conv_transpose,
 * matmul and gemm) and the unary kernels of their separate ops. */
typedef struct {
  const char *name;
  IpuUnaryOp kind;
} FusedActivation;

static const FusedActivation fusedActivations[] = {
    {"relu", IPU_UNARY_RELU},
    {"leaky_relu", IPU_UNARY_LEAKY_RELU},
    {"clip", IPU_UNARY_CLIP},
    {"sigmoid", IPU_UNARY_SIGMOID},
    {"tanh", IPU_UNARY_TANH},
    {"hard_sigmoid", IPU_UNARY_HARD_SIGMOID},
    {"hard_swish", IPU_UNARY_HARD_SWISH},
};

/* Applies the op's fused activation, if any, to its computed result in
 * place of the result: the same kernel and parameters as hl.relu,
 * hl.clip, ... would use (alpha / min first, beta / max second). */
static IpuLogicalResult applyFusedActivation(IpuOp *op, IpuTensor *result) {
  char name[32];
  if (!evalAttrString(op, "activation", "", name, sizeof name))
    return IPU_FAILURE;
  if (!name[0])
    return IPU_SUCCESS;
  const FusedActivation *act = NULL;
  for (size_t i = 0; i < sizeof fusedActivations / sizeof *fusedActivations;
       ++i)
    if (!strcmp(fusedActivations[i].name, name))
      act = &fusedActivations[i];
  if (!act)
    return ipuOpEmitError(op, "unknown fused activation '%s'", name);
  float params[2];
  int n;
  if (!evalAttrF32Array(op, "activation_params", params, 2, &n))
    return IPU_FAILURE;
  IpuUnaryParams p = ipuUnaryDefaults(act->kind);
  if (n > 0)
    p.alpha = params[0];
  if (n > 1)
    p.beta = params[1];
  IpuTensor product = *result;
  IpuKernelError err;
  bool ok = ipuKernelUnary(act->kind, &p, &product, result, &err);
  ipuTensorFree(&product);
  return evalDone(op, ok, &err);
}

/* evalDone, then the fused activation of a successful product. */
static IpuLogicalResult productDone(IpuOp *op, bool ok,
                                    const IpuKernelError *err,
                                    IpuTensor *result) {
  if (ipuFailed(evalDone(op, ok, err)))
    return IPU_FAILURE;
  return applyFusedActivation(op, result);
}

/* 8-bit or 16-bit activations select the integer kernels (i32 results);
 * the kernels check that the weights are 8-bit. */
static bool isQuantized(const IpuTensor *t) {
  return t && (t->dtype == IPU_DTYPE_I8 || t->dtype == IPU_DTYPE_U8 ||
               t->dtype == IPU_DTYPE_I16 || t->dtype == IPU_DTYPE_U16);
}

static int spatialRank(IpuOp *op, const IpuTensor *x) {
  int s = x->rank - 2;
  if (s < 1 || s > IPU_KERNEL_MAX_SPATIAL) {
    ipuOpEmitError(op, "input must have rank 3 to %d, got %d",
                   IPU_KERNEL_MAX_SPATIAL + 2, x->rank);
    return 0;
  }
  return s;
}

static IpuLogicalResult evalConv(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 2, 3)))
    return IPU_FAILURE;
  int spatial = spatialRank(op, ins[0]);
  IpuConvParams p;
  memset(&p, 0, sizeof p);
  if (!spatial || !readWindow(op, spatial, p.strides, p.dilations, p.pads) ||
      !evalAttrI64(op, "groups", 1, &p.group))
    return IPU_FAILURE;
  bool transpose = !strcmp(ipuIdentCStr(ipuOpGetName(op)),
                           "hl.conv_transpose");
  int n = 0;
  if (transpose && !evalAttrI64Array(op, "output_padding", p.outputPadding,
                                     IPU_KERNEL_MAX_SPATIAL, &n))
    return IPU_FAILURE;
  if (n && n != spatial)
    return ipuOpEmitError(op, "'output_padding' needs %d values", spatial);
  const IpuTensor *bias = numIns > 2 ? ins[2] : NULL;
  IpuKernelError err;
  if (!transpose && isQuantized(ins[0]))
    return productDone(op, ipuKernelConvIntegerBias(&p, ins[0], ins[1], bias,
                                                    &outs[0], &err),
                       &err, &outs[0]);
  bool ok = transpose
                ? ipuKernelConvTranspose(&p, ins[0], ins[1], bias, &outs[0],
                                         &err)
                : ipuKernelConv(&p, ins[0], ins[1], bias, &outs[0], &err);
  return productDone(op, ok, &err, &outs[0]);
}

static IpuLogicalResult evalMatMul(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 2, 2)))
    return IPU_FAILURE;
  IpuKernelError err;
  if (isQuantized(ins[0]))
    return productDone(op, ipuKernelMatMulInteger(ins[0], ins[1], NULL, NULL,
                                                  &outs[0], &err),
                       &err, &outs[0]);
  return productDone(op, ipuKernelMatMul(ins[0], ins[1], &outs[0], &err),
                     &err, &outs[0]);
}

static IpuLogicalResult evalGemm(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  IpuGemmParams p;
  double alpha, beta;
  if (ipuFailed(evalCheckArity(op, numIns, 2, 3)) ||
      !evalAttrBool(op, "trans_a", false, &p.transA) ||
      !evalAttrBool(op, "trans_b", false, &p.transB) ||
      !evalAttrF64(op, "alpha", 1.0, &alpha) ||
      !evalAttrF64(op, "beta", 1.0, &beta))
    return IPU_FAILURE;
  p.alpha = (float)alpha;
  p.beta = (float)beta;
  IpuKernelError err;
  if (isQuantized(ins[0])) {
    if (alpha != 1.0 || beta != 1.0)
      return ipuOpEmitError(op, "an integer gemm needs alpha = beta = 1");
    return productDone(op, ipuKernelGemmInteger(p.transA, p.transB, ins[0],
                                                ins[1],
                                                numIns > 2 ? ins[2] : NULL,
                                                &outs[0], &err),
                       &err, &outs[0]);
  }
  return productDone(op, ipuKernelGemm(&p, ins[0], ins[1],
                                       numIns > 2 ? ins[2] : NULL, &outs[0],
                                       &err),
                     &err, &outs[0]);
}

static IpuLogicalResult evalPool(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)))
    return IPU_FAILURE;
  int spatial = spatialRank(op, ins[0]);
  IpuPoolParams p;
  memset(&p, 0, sizeof p);
  p.kind = strcmp(ipuIdentCStr(ipuOpGetName(op)), "hl.maxpool")
               ? IPU_POOL_AVERAGE
               : IPU_POOL_MAX;
  int n;
  if (!spatial ||
      !evalAttrI64Array(op, "kernel_shape", p.kernelShape,
                        IPU_KERNEL_MAX_SPATIAL, &n))
    return IPU_FAILURE;
  if (n != spatial)
    return ipuOpEmitError(op, "'kernel_shape' needs %d values", spatial);
  if (!readWindow(op, spatial, p.strides, p.dilations, p.pads) ||
      !evalAttrBool(op, "ceil_mode", false, &p.ceilMode) ||
      !evalAttrBool(op, "count_include_pad", false, &p.countIncludePad))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelPool(&p, ins[0], &outs[0], NULL, &err), &err);
}

static IpuLogicalResult evalGlobalPool(IpuOp *op, intptr_t numIns,
                                       const IpuTensor *const *ins,
                                       IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)))
    return IPU_FAILURE;
  IpuPoolKind kind = strcmp(ipuIdentCStr(ipuOpGetName(op)),
                            "hl.global_maxpool")
                         ? IPU_POOL_AVERAGE
                         : IPU_POOL_MAX;
  IpuKernelError err;
  return evalDone(op, ipuKernelGlobalPool(kind, 0, ins[0], &outs[0], &err),
                  &err);
}

static IpuLogicalResult evalBatchNorm(IpuOp *op, intptr_t numIns,
                                      const IpuTensor *const *ins,
                                      IpuTensor *outs) {
  double eps;
  if (ipuFailed(evalCheckArity(op, numIns, 5, 5)) ||
      !evalAttrF64(op, "epsilon", 1e-5, &eps))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelBatchNorm(ins[0], ins[1], ins[2], ins[3],
                                         ins[4], (float)eps, &outs[0], &err),
                  &err);
}

/* ---- LSTM ------------------------------------------------------------ */

typedef struct {
  const char *name;
  IpuRnnActivationKind kind;
  int numParams; /* how many of alpha, beta it takes */
  float alpha, beta;
} ActivationName;

static const ActivationName activationNames[] = {
    {"Sigmoid", IPU_RNN_ACT_SIGMOID, 0, 0, 0},
    {"Tanh", IPU_RNN_ACT_TANH, 0, 0, 0},
    {"Relu", IPU_RNN_ACT_RELU, 0, 0, 0},
    {"Affine", IPU_RNN_ACT_AFFINE, 2, 1.0f, 0.0f},
    {"LeakyRelu", IPU_RNN_ACT_LEAKY_RELU, 1, 0.01f, 0},
    {"ThresholdedRelu", IPU_RNN_ACT_THRESHOLDED_RELU, 1, 1.0f, 0},
    {"ScaledTanh", IPU_RNN_ACT_SCALED_TANH, 2, 1.0f, 1.0f},
    {"HardSigmoid", IPU_RNN_ACT_HARD_SIGMOID, 2, 0.2f, 0.5f},
    {"Elu", IPU_RNN_ACT_ELU, 1, 1.0f, 0},
    {"Softsign", IPU_RNN_ACT_SOFTSIGN, 0, 0, 0},
    {"Softplus", IPU_RNN_ACT_SOFTPLUS, 0, 0, 0},
};

static bool readActivations(IpuOp *op, IpuLstmParams *p, int numDirs) {
  IpuAttr acts = ipuOpGetAttr(op, "activations");
  if (!acts)
    return true;
  if (ipuAttrGetKind(acts) != IPU_ATTR_ARRAY ||
      ipuArrayAttrGetNumElements(acts) != 3 * numDirs)
    return ipuOpEmitError(op, "'activations' must hold %d names",
                          3 * numDirs),
           false;
  float alphas[6], betas[6];
  int numAlpha, numBeta, nextAlpha = 0, nextBeta = 0;
  if (!evalAttrF32Array(op, "activation_alpha", alphas, 6, &numAlpha) ||
      !evalAttrF32Array(op, "activation_beta", betas, 6, &numBeta))
    return false;
  for (int i = 0; i < 3 * numDirs; ++i) {
    IpuAttr e = ipuArrayAttrGetElement(acts, i);
    if (ipuAttrGetKind(e) != IPU_ATTR_STRING)
      return ipuOpEmitError(op, "'activations' must hold strings"), false;
    IpuStringRef s = ipuStringAttrGetValue(e);
    const ActivationName *found = NULL;
    for (size_t k = 0; k < sizeof activationNames / sizeof *activationNames;
         ++k)
      if (strlen(activationNames[k].name) == s.length &&
          !strncasecmp(activationNames[k].name, s.data, s.length))
        found = &activationNames[k];
    if (!found)
      return ipuOpEmitError(op, "unsupported LSTM activation '%.*s'",
                            (int)s.length, s.data),
             false;
    IpuRnnActivation *a = &p->activations[i];
    a->kind = found->kind;
    a->alpha = found->alpha;
    a->beta = found->beta;
    /* As ONNX Runtime: the lists are consumed in order by the
     * activations that take parameters. */
    if (found->numParams >= 1 && nextAlpha < numAlpha)
      a->alpha = alphas[nextAlpha++];
    if (found->numParams >= 2 && nextBeta < numBeta)
      a->beta = betas[nextBeta++];
  }
  return true;
}

static IpuLogicalResult evalLstm(IpuOp *op, intptr_t numIns,
                                 const IpuTensor *const *ins,
                                 IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 3, 8)))
    return IPU_FAILURE;
  /* Which of the 8 ONNX inputs each operand is. */
  const IpuTensor *slots[8] = {0};
  int32_t present[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  IpuAttr seg = ipuOpGetAttr(op, "operandSegmentSizes");
  if (seg) {
    int64_t sizes[8];
    int n;
    if (!evalAttrI64Array(op, "operandSegmentSizes", sizes, 8, &n))
      return IPU_FAILURE;
    if (n != 8)
      return ipuOpEmitError(op, "'operandSegmentSizes' needs 8 values");
    for (int i = 0; i < 8; ++i)
      present[i] = (int32_t)sizes[i];
  }
  intptr_t next = 0;
  for (int i = 0; i < 8; ++i) {
    if (present[i] < 0 || present[i] > 1)
      return ipuOpEmitError(op, "bad 'operandSegmentSizes'");
    if (present[i] && next < numIns)
      slots[i] = ins[next++];
  }
  if (next != numIns || !slots[0] || !slots[1] || !slots[2])
    return ipuOpEmitError(op, "operands do not match 'operandSegmentSizes'");
  IpuLstmParams p;
  ipuLstmParamsDefault(&p);
  char dir[32];
  double clip;
  if (!evalAttrI64(op, "hidden_size", 0, &p.hiddenSize) ||
      !evalAttrString(op, "direction", "forward", dir, sizeof dir) ||
      !evalAttrI64(op, "layout", 0, &p.layout) ||
      !evalAttrBool(op, "input_forget", false, &p.inputForget) ||
      !evalAttrF64(op, "clip", 0.0, &clip))
    return IPU_FAILURE;
  p.clip = (float)clip;
  if (!strcmp(dir, "forward"))
    p.direction = IPU_RNN_FORWARD;
  else if (!strcmp(dir, "reverse"))
    p.direction = IPU_RNN_REVERSE;
  else if (!strcmp(dir, "bidirectional"))
    p.direction = IPU_RNN_BIDIRECTIONAL;
  else
    return ipuOpEmitError(op, "unknown LSTM direction '%s'", dir);
  if (!readActivations(op, &p, p.direction == IPU_RNN_BIDIRECTIONAL ? 2 : 1))
    return IPU_FAILURE;
  IpuLstmInputs in = {slots[0], slots[1], slots[2], slots[3],
                      slots[4], slots[5], slots[6], slots[7]};
  intptr_t numResults = ipuOpGetNumResults(op);
  IpuKernelError err;
  bool ok = ipuKernelLstm(&p, &in, &outs[0], numResults > 1 ? &outs[1] : NULL,
                          numResults > 2 ? &outs[2] : NULL, &err);
  return evalDone(op, ok, &err);
}

static const EvalEntry entries[] = {
    {"hl.conv2d", evalConv},
    {"hl.conv_transpose", evalConv},
    {"hl.matmul", evalMatMul},
    {"hl.gemm", evalGemm},
    {"hl.maxpool", evalPool},
    {"hl.avgpool", evalPool},
    {"hl.global_avgpool", evalGlobalPool},
    {"hl.global_maxpool", evalGlobalPool},
    {"hl.batchnorm", evalBatchNorm},
    {"hl.lstm", evalLstm},
};

const EvalTable evalNnTable = {entries, sizeof entries / sizeof *entries};
