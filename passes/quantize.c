/* quantize: post-training int8 quantization of an hl function from
 * calibration inputs (the driver; see quantize_*.c for the parts).
 *
 * Steps: load the calibration samples and run the float function on them
 * recording each value's range (quantize_calib.c); clone the float
 * function for the report; rewrite into integer arithmetic
 * (quantize_rewrite.c); run both on the samples and report the error per
 * layer and per output (quantize_report.c). Cost: 2 (3 with a percentile)
 * interpreter runs per sample plus O(ops + weights) for the rewrite; a
 * function that computes nothing in float (already integer) is left as it
 * is without reading any calibration input, unless a report is asked
 * for. */
#include <string.h>

#include "quantize.h"

/* Ops left computing in float: float results, other than constants and
 * the quantize / dequantize boundaries. */
static int64_t countFloatOps(IpuBlock *body) {
  int64_t n = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (ipuOpIsA(op, "hl.constant") || ipuOpIsA(op, "hl.dequantize") ||
        ipuOpIsA(op, "hl.quantize") || ipuOpGetNumResults(op) == 0)
      continue;
    IpuType t = ipuValueGetType(ipuOpGetResult(op, 0));
    if (ipuTypeIsTensor(t) && ipuTypeIsFloat(ipuShapedTypeGetElementType(t)))
      n++;
  }
  return n;
}

/* Whether some op computes in float: an op other than a constant, a
 * quantize / dequantize boundary or the return with a float tensor
 * operand or result. Without one the rewrite has nothing to do (an
 * already integer network), and the calibration run, most of the pass's
 * time, is skipped. */
static bool hasFloatCompute(IpuBlock *body) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (ipuOpIsA(op, "hl.constant") || ipuOpIsA(op, "hl.dequantize") ||
        ipuOpIsA(op, "hl.quantize") || ipuOpIsA(op, "func.return"))
      continue;
    for (intptr_t i = 0; i < ipuOpGetNumOperands(op) + ipuOpGetNumResults(op);
         ++i) {
      IpuType t = ipuValueGetType(i < ipuOpGetNumOperands(op)
                                      ? ipuOpGetOperand(op, i)
                                      : ipuOpGetResult(
                                            op, i - ipuOpGetNumOperands(op)));
      if (ipuTypeIsTensor(t) &&
          ipuTypeIsFloat(ipuShapedTypeGetElementType(t)))
        return true;
    }
    if (ipuOpGetNumRegions(op))
      return true; /* nested code: let the rewrite judge */
  }
  return false;
}

static IpuLogicalResult runQuantize(IpuOp *func, IpuPassRun *run) {
  IpuRegion *region = ipuOpGetNumRegions(func) ? ipuOpGetRegion(func, 0)
                                                : NULL;
  IpuBlock *body = region ? ipuRegionGetFirstBlock(region) : NULL;
  if (!body) {
    ipuPassRunMarkAllPreserved(run);
    return IPU_SUCCESS; /* a declaration */
  }
  if (ipuBlockGetNext(body))
    return ipuOpEmitError(func, "quantize handles single-block functions "
                          "only");
  QState st;
  memset(&st, 0, sizeof st);
  st.ctx = ipuPassRunGetContext(run);
  st.func = func;
  st.body = body;
  st.percentile = ipuPassRunGetDouble(run, "percentile");
  st.weightBits4 = ipuPassRunGetString(run, "weight-bits-4");
  st.mse = ipuPassRunGetBool(run, "mse");
  st.gptq = ipuPassRunGetBool(run, "gptq");
  st.floatOutputLayers = ipuPassRunGetBool(run, "float-output-layers");
  ipuPtrMapInit(&st.rangeIndex, st.ctx);
  if (!(st.percentile > 0 && st.percentile <= 100)) {
    qFreeCalibration(&st);
    return ipuOpEmitError(func, "quantize: percentile must be in (0, 100], "
                          "got %g", st.percentile);
  }
  double minCosine = ipuPassRunGetDouble(run, "min-cosine");
  if (!(minCosine >= 0 && minCosine <= 1)) {
    qFreeCalibration(&st);
    return ipuOpEmitError(func, "quantize: min-cosine must be in [0, 1], "
                          "got %g", minCosine);
  }
  const char *reportPath = ipuPassRunGetString(run, "report");
  if (!hasFloatCompute(body) && !(reportPath && *reportPath)) {
    ipuPassRunAddStatistic(run, "num-quantized", 0);
    ipuPassRunAddStatistic(run, "num-float-ops", 0);
    ipuPassRunMarkAllPreserved(run);
    qFreeCalibration(&st);
    return IPU_SUCCESS;
  }
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    st.numBodyOps++;
  IpuOp *floatFunc = NULL;
  bool ok = qLoadCalibration(&st, ipuPassRunGetString(run, "calibration")) &&
            qCalibrate(&st) &&
            qParseWideLayers(&st, ipuPassRunGetString(run,
                                                      "wide-activations")) &&
            qChooseWideLayers(&st, minCosine);
  if (ok && !(floatFunc = ipuOpClone(func))) {
    ipuOpEmitError(func, "out of memory");
    ok = false;
  }
  ok = ok && qRewrite(&st);
  if (ok)
    st.numFloatOps = countFloatOps(body);
  if (ok) {
    ipuPassRunAddStatistic(run, "num-quantized", st.numQuantized);
    ipuPassRunAddStatistic(run, "num-float-ops", st.numFloatOps);
    ipuPassRunAddStatistic(run, "num-4bit-layers", st.numWeights4);
    ipuPassRunAddStatistic(run, "num-wide-layers", st.numWide);
    ok = qReport(&st, floatFunc, run, reportPath);
  }
  if (floatFunc)
    ipuOpDestroy(floatFunc);
  qFreeCalibration(&st);
  ipuFree(st.ctx, st.layers);
  ipuFree(st.ctx, st.wideLayers);
  return ok ? IPU_SUCCESS : IPU_FAILURE;
}

static const IpuPassOptionDef quantizeOptions[] = {
    {"calibration", IPU_OPTION_STRING, NULL,
     "Calibration inputs: comma-separated sample directories (input_I.npy "
     "per argument I), directories of them, or .npy files (one-argument "
     "functions)",
     NULL},
    {"percentile", IPU_OPTION_DOUBLE, "100",
     "Activation range: this percentile of |x| (100: the maximum)", NULL},
    {"mse", IPU_OPTION_BOOL, "false",
     "Activation range: the clip bound minimizing the int8 squared error "
     "over the histogram of |x| (overrides percentile)",
     NULL},
    {"float-output-layers", IPU_OPTION_BOOL, "false",
     "Keep float the conv / gemm / matmul layers whose results reach the "
     "function's results through single-operand ops only (the classifier)",
     NULL},
    {"gptq", IPU_OPTION_BOOL, "false",
     "Round gemm / matmul weights column by column, pushing each rounding "
     "error onto the remaining columns through the calibration inputs' "
     "Gram matrix (GPTQ)",
     NULL},
    {"weight-bits-4", IPU_OPTION_STRING, NULL,
     "Comma-separated location names of layers to get 4-bit weights", NULL},
    {"wide-activations", IPU_OPTION_STRING, NULL,
     "Comma-separated location names of conv2d / gemm / matmul layers "
     "whose input gets 16-bit activations (i16 within +-16383, two passes "
     "of an 8-bit DAC), or 'all'",
     NULL},
    {"min-cosine", IPU_OPTION_DOUBLE, "0",
     "Mixed precision: widen layer inputs to 16 bits, most helpful first, "
     "until every output's cosine similarity with the float network over "
     "the calibration samples reaches this (0: off)",
     NULL},
    {"report", IPU_OPTION_STRING, NULL,
     "Write the error report as JSON to this file", NULL},
};

static const IpuPassStatisticDef quantizeStatistics[] = {
    {"num-quantized", "Number of ops given an integer form"},
    {"num-float-ops", "Number of ops left computing in float"},
    {"num-4bit-layers", "Number of layers with 4-bit weights"},
    {"num-wide-layers", "Number of layers with 16-bit input activations"},
    {"min-layer-cosine-ppm",
     "Smallest cosine similarity of a layer with the float network (x 1e6)"},
    {"min-output-cosine-ppm",
     "Smallest cosine similarity of an output with the float network "
     "(x 1e6)"},
};

const IpuPassDef ipuQuantizePass = {
    .argument = "quantize",
    .summary = "Post-training int8 quantization from calibration inputs",
    .description =
        "Runs the float function on the calibration inputs, records every "
        "value's range (max |x| or a percentile), and rewrites conv2d, "
        "gemm, matmul, add, sub, mul and concat into integer arithmetic: "
        "symmetric int8 per-tensor activations, symmetric per-output-"
        "channel int8 weights (4-bit on request), int32 biases, "
        "hl.requantize with fixed-point multiplier and shift, relu / clip "
        "and max / min with a scalar folded into its clamp; hard_sigmoid, "
        "leaky_relu and global_avgpool as integer ops; on request 16-bit "
        "activations for chosen "
        "layer inputs, or as many as an accuracy goal needs. Other ops "
        "stay float between hl.dequantize "
        "and hl.quantize; the signature stays float. Reports the error "
        "against the float network per layer and per output as remarks, "
        "statistics and optionally JSON.",
    .anchor = "func.func",
    .options = quantizeOptions,
    .numOptions = sizeof quantizeOptions / sizeof *quantizeOptions,
    .statistics = quantizeStatistics,
    .numStatistics = sizeof quantizeStatistics / sizeof *quantizeStatistics,
    .run = runQuantize,
};
