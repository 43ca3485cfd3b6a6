/* Evaluators of the tile dialect's dataflow ops: matrix-vector products
 * with resident weight blocks, bit-sliced inputs and the ADC, partial-sum
 * accumulation, input windows and channels. Integer arithmetic is exact;
 * see docs/dialects/tile.md for each op's bit-level definition. */
#include "eval.h"

/* The weights of the tile.block `op` names, as a K x N i8 tensor:
 * *owned tells whether *w must be freed (else it borrows the attribute). */
static bool blockWeights(IpuOp *op, IpuTensor *w, bool *owned) {
  IpuAttr ref = ipuOpGetAttr(op, "block");
  IpuOp *block = ref && ipuAttrGetKind(ref) == IPU_ATTR_SYMBOL_REF
                     ? ipuSymbolLookupNearest(op, ref)
                     : NULL;
  if (!block || !ipuOpIsA(block, "tile.block"))
    return ipuOpEmitError(op, "'block' does not reference a tile.block"),
           false;
  IpuAttr value = ipuOpGetAttr(block, "value");
  *owned = false;
  if (!value || !evalTensorViewOfAttr(value, w)) {
    if (ipuFailed(ipuInterpTensorFromAttr(ipuOpGetContext(op),
                                          ipuOpGetLoc(block), value, w)))
      return false;
    *owned = true;
  }
  if (w->dtype != IPU_DTYPE_I8 || w->rank != 2) {
    if (*owned)
      ipuTensorFree(w);
    return ipuOpEmitError(op, "the weights of the block are not a 2-D i8 "
                          "tensor"), false;
  }
  return true;
}

static bool mvmParams(IpuOp *op, IpuMvmParams *p) {
  IpuKernelError err;
  if (!evalAttrI64(op, "adc_bits", 32, &p->adcBits) ||
      !evalAttrI64(op, "adc_shift", 0, &p->adcShift) ||
      !evalAttrI64(op, "input_bits", 8, &p->inputBits) ||
      !evalAttrI64(op, "input_slices", 1, &p->inputSlices))
    return false;
  if (!ipuMvmParamsCheck(p, &err))
    return evalKernelError(op, &err), false;
  return true;
}

/* The arithmetic is interp/kernels/mvm.c's, which the .ipub simulator
 * shares, so that the two agree bit for bit. */
static IpuLogicalResult evalMvm(IpuOp *op, intptr_t numIns,
                                const IpuTensor *const *ins,
                                IpuTensor *outs) {
  IpuMvmParams p;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) || !mvmParams(op, &p))
    return IPU_FAILURE;
  const IpuTensor *x = ins[0];
  if ((x->dtype != IPU_DTYPE_I8 && x->dtype != IPU_DTYPE_I16) || x->rank != 2)
    return ipuOpEmitError(op, "expects a 2-D i8 or i16 input");
  IpuTensor w;
  bool owned;
  if (!blockWeights(op, &w, &owned))
    return IPU_FAILURE;
  IpuLogicalResult r = IPU_SUCCESS;
  IpuKernelError err;
  IpuMvmPacked packed;
  if (w.shape[0] != x->shape[1])
    r = ipuOpEmitError(op, "input vectors have %lld elements, the block has "
                       "%lld rows", (long long)x->shape[1],
                       (long long)w.shape[0]);
  else if (!ipuMvmPack(w.data, w.shape[0], w.shape[1], &packed, &err))
    r = evalKernelError(op, &err);
  else {
    r = evalDone(op, ipuKernelMvm(&p, x, &packed, &outs[0], &err), &err);
    ipuMvmPackedFree(&packed);
  }
  if (owned)
    ipuTensorFree(&w);
  return r;
}

static IpuLogicalResult evalAccumulate(IpuOp *op, intptr_t numIns,
                                       const IpuTensor *const *ins,
                                       IpuTensor *outs) {
  if (ipuFailed(evalCheckArity(op, numIns, 1, INTPTR_MAX)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < numIns; ++i)
    if (ins[i]->dtype != IPU_DTYPE_I32 || !ipuTensorSameShape(ins[i], ins[0]))
      return ipuOpEmitError(op, "expects i32 partial sums of one shape");
  IpuKernelError err;
  return evalDone(op, ipuKernelAccumulate(numIns, ins, &outs[0], &err), &err);
}

/* An optional array attribute of exactly `count` values, else `dflt`. */
static bool geometry(IpuOp *op, const char *name, int count, int64_t dflt,
                     int64_t *out) {
  int n;
  if (!evalAttrI64Array(op, name, out, count, &n))
    return false;
  if (n == 0)
    for (int i = 0; i < count; ++i)
      out[i] = dflt;
  else if (n != count)
    return ipuOpEmitError(op, "'%s' expects %d values", name, count), false;
  return true;
}

static IpuLogicalResult evalWindows(IpuOp *op, intptr_t numIns,
                                    const IpuTensor *const *ins,
                                    IpuTensor *outs) {
  IpuWindowParams g;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !geometry(op, "kernel_shape", 2, 1, g.kernel) ||
      !geometry(op, "strides", 2, 1, g.strides) ||
      !geometry(op, "dilations", 2, 1, g.dilations) ||
      !geometry(op, "pads", 4, 0, g.pads) ||
      !evalAttrI64(op, "channel_begin", 0, &g.channelBegin) ||
      !evalAttrI64(op, "channel_count", -1, &g.channelCount))
    return IPU_FAILURE;
  /* An explicit count must be positive: -1 only means "absent". */
  if (ipuOpGetAttr(op, "channel_count") && g.channelCount < 1)
    return ipuOpEmitError(op, "channels out of range");
  IpuKernelError err;
  return evalDone(op, ipuKernelWindows(&g, ins[0], &outs[0], &err), &err);
}

static const EvalEntry entries[] = {
    {"tile.mvm", evalMvm},
    {"tile.accumulate", evalAccumulate},
    {"tile.windows", evalWindows},
    {"tile.channel", evalIdentity},
};

const EvalTable evalTileTable = {entries, sizeof entries / sizeof *entries};
