/* Verifiers and result type inference of the tile dataflow ops: mvm,
 * accumulate, windows, channel and the simd / host regions. */
#include <string.h>

#include "hl/hl_check.h"
#include "ipu/target.h"
#include "tile_hooks.h"

/* ---- tile.mvm. -------------------------------------------------------- */

/* The module's target (if any) bounds the ADC's bits and the DAC's. */
static IpuLogicalResult checkMvmTarget(IpuOp *op, int64_t adcBits,
                                       int64_t inputBits) {
  IpuOp *module = op;
  while (module && !ipuOpIsA(module, "builtin.module"))
    module = ipuOpGetParentOp(module);
  if (!module || !ipuModuleHasTarget(module))
    return IPU_SUCCESS;
  IpuTarget t;
  if (ipuFailed(ipuModuleGetTarget(module, false, &t)))
    return IPU_FAILURE;
  if (adcBits > t.adcBits)
    return ipuOpEmitError(op,
                          "has adc_bits = %lld, more than the %lld of "
                          "target '%s'",
                          (long long)adcBits, (long long)t.adcBits, t.name);
  if (inputBits > t.inputBits)
    return ipuOpEmitError(op,
                          "has input_bits = %lld, more than the %lld of "
                          "target '%s'",
                          (long long)inputBits, (long long)t.inputBits,
                          t.name);
  return IPU_SUCCESS;
}

IpuLogicalResult tileVerifyMvm(IpuOp *op) {
  int64_t adcBits = 32, adcShift = 0;
  int64_t inputBits = TILE_MAX_INPUT_BITS, inputSlices = 1;
  IpuAttr ref = ipuOpGetAttr(op, "block");
  if (!ref || ipuOpGetNumOperands(op) != 1 || ipuOpGetNumResults(op) != 1)
    return IPU_FAILURE; /* the generic checks report it */
  dialectGetIntAttr(op, "adc_bits", &adcBits);
  dialectGetIntAttr(op, "adc_shift", &adcShift);
  dialectGetIntAttr(op, "input_bits", &inputBits);
  dialectGetIntAttr(op, "input_slices", &inputSlices);
  if (ipuFailed(tileCheckRange(op, "adc_bits", adcBits, 1, 32)) ||
      ipuFailed(tileCheckRange(op, "adc_shift", adcShift, 0, 31)) ||
      ipuFailed(tileCheckRange(op, "input_bits", inputBits, 2,
                               TILE_MAX_INPUT_BITS)) ||
      ipuFailed(tileCheckRange(op, "input_slices", inputSlices, 1,
                               TILE_MAX_INPUT_SLICES)) ||
      ipuFailed(checkMvmTarget(op, adcBits, inputBits)))
    return IPU_FAILURE;

  DialectText text, other;
  IpuType in = ipuValueGetType(ipuOpGetOperand(op, 0));
  IpuType inElem = ipuTypeGetKind(in) == IPU_TYPE_RANKED_TENSOR
                      ? ipuShapedTypeGetElementType(in)
                      : NULL;
  if (!inElem || ipuShapedTypeGetRank(in) != 2 ||
      !(ipuTypeIsSignlessInteger(inElem, 8) ||
        ipuTypeIsSignlessInteger(inElem, 16)))
    return ipuOpEmitError(op,
                          "operand #0 must be 2-D tensor of i8 or i16 "
                          "values, but got '%s'",
                          dialectTypeText(in, &text));
  IpuOp *block = ipuSymbolLookupNearest(op, ref);
  if (!block || !ipuOpIsA(block, "tile.block") ||
      ipuSymbolRefAttrGetNumNested(ref) != 1)
    return ipuOpEmitError(op, "'%s' does not reference a valid tile.block",
                          dialectAttrText(ref, &text));
  IpuAttr value = ipuOpGetAttr(block, "value");
  IpuType wt = value ? ipuAttrGetType(value) : NULL;
  if (!wt || ipuTypeGetKind(wt) != IPU_TYPE_RANKED_TENSOR ||
      ipuShapedTypeGetRank(wt) != 2 || !ipuShapedTypeHasStaticShape(wt))
    return ipuOpEmitError(op, "'%s' references an ill-formed tile.block",
                          dialectAttrText(ref, &text));
  int64_t k = ipuShapedTypeGetDimSize(wt, 0);
  int64_t n = ipuShapedTypeGetDimSize(wt, 1);
  int64_t m = ipuShapedTypeGetDimSize(in, 0);
  int64_t inK = ipuShapedTypeGetDimSize(in, 1);
  if (inK != IPU_DYNAMIC && inK != k)
    return ipuOpEmitError(op,
                          "input vectors have %lld elements, but block '%s' "
                          "has %lld rows",
                          (long long)inK, dialectAttrText(ref, &text),
                          (long long)k);
  IpuContext *ctx = ipuOpGetContext(op);
  int64_t dims[2] = {m, n};
  IpuType want = ipuRankedTensorTypeGet(
      ctx, 2, dims, ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS), NULL);
  IpuType got = ipuValueGetType(ipuOpGetResult(op, 0));
  if (got != want)
    return ipuOpEmitError(op,
                          "result type '%s' does not match the expected "
                          "'%s' (M x N of the block, i32)",
                          dialectTypeText(got, &text),
                          dialectTypeText(want, &other));
  return IPU_SUCCESS;
}

/* ---- tile.accumulate and tile.channel. -------------------------------- */

static IpuLogicalResult accumulateShape(HlCheck *c, IpuType *results) {
  if (c->numOperands < 2)
    return hlError(c, "expects at least 2 partial sums, got %jd",
                   (intmax_t)c->numOperands);
  HlTensor first;
  if (ipuFailed(hlRankedOperand(c, 0, &first)))
    return IPU_FAILURE;
  if (!ipuTypeIsSignlessInteger(first.elem, 32)) {
    DialectText text;
    return hlError(c, "operand #0 must be ranked tensor of i32 values, but "
                      "got '%s'",
                   dialectTypeText(first.type, &text));
  }
  for (intptr_t i = 1; i < c->numOperands; ++i) {
    IpuType t = hlOperandType(c, i);
    if (t != first.type) {
      DialectText a, b;
      return hlError(c, "operand #%jd has type '%s', but operand #0 has "
                        "'%s'",
                     (intmax_t)i, dialectTypeText(t, &a),
                     dialectTypeText(first.type, &b));
    }
  }
  results[0] = first.type;
  return IPU_SUCCESS;
}

static IpuLogicalResult channelShape(HlCheck *c, IpuType *results) {
  HlTensor t;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &t)))
    return IPU_FAILURE;
  results[0] = t.type;
  return IPU_SUCCESS;
}

/* ---- tile.windows. ---------------------------------------------------- */

/* An optional array attribute of `count` elements, each >= `min`, or its
 * default `dflt`. */
static IpuLogicalResult geometryAttr(const HlCheck *c, const char *name,
                                     intptr_t count, int64_t min,
                                     int64_t dflt, int64_t *out) {
  HlI64Array a;
  if (ipuFailed(hlAttrI64Array(c, name, &a)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < count; ++i)
    out[i] = dflt;
  if (!a.present)
    return IPU_SUCCESS;
  if (ipuFailed(hlExpectCount(c, name, a.n, count)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < count; ++i) {
    if (a.v[i] < min)
      return hlError(c, "attribute '%s' must be %s, got %lld at index %jd",
                     name, min ? "positive" : "non-negative",
                     (long long)a.v[i], (intmax_t)i);
    out[i] = a.v[i];
  }
  return IPU_SUCCESS;
}

/* One output extent: (in + padBegin + padEnd - dilation * (k - 1) - 1) /
 * stride + 1, or 0 when the dilated kernel does not fit. */
static int64_t outputExtent(int64_t in, int64_t padBegin, int64_t padEnd,
                            int64_t k, int64_t stride, int64_t dilation) {
  int64_t padded, span;
  if (__builtin_add_overflow(in, padBegin, &padded) ||
      __builtin_add_overflow(padded, padEnd, &padded) ||
      __builtin_mul_overflow(dilation, k - 1, &span) ||
      __builtin_add_overflow(span, 1, &span) || span > padded)
    return 0;
  return (padded - span) / stride + 1;
}

static IpuLogicalResult windowsShape(HlCheck *c, IpuType *results) {
  HlTensor x;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &x)) ||
      ipuFailed(hlExpectRank(c, &x, "input", 4)))
    return IPU_FAILURE;
  DialectText text;
  if (!hlIsInt(x.elem))
    return hlError(c, "operand #0 must be tensor of integer values, but got "
                      "'%s'",
                   dialectTypeText(x.type, &text));
  for (int i = 0; i < 4; ++i)
    if (x.dims[i] == IPU_DYNAMIC)
      return hlError(c, "expects a statically shaped input, got '%s'",
                     dialectTypeText(x.type, &text));
  if (x.dims[0] != 1)
    return hlError(c, "expects a batch of 1, got %lld", (long long)x.dims[0]);
  IpuAttr kernelAttr = hlRequiredAttr(c, "kernel_shape");
  int64_t kernel[2], strides[2], dilations[2], pads[4];
  if (!kernelAttr ||
      ipuFailed(geometryAttr(c, "kernel_shape", 2, 1, 1, kernel)) ||
      ipuFailed(geometryAttr(c, "strides", 2, 1, 1, strides)) ||
      ipuFailed(geometryAttr(c, "dilations", 2, 1, 1, dilations)) ||
      ipuFailed(geometryAttr(c, "pads", 4, 0, 0, pads)))
    return IPU_FAILURE;
  int64_t channels = x.dims[1], begin, count;
  if (ipuFailed(hlAttrI64(c, "channel_begin", 0, &begin)))
    return IPU_FAILURE;
  if (begin < 0 || begin >= channels)
    return hlError(c, "channel_begin %lld is out of range for %lld channels",
                   (long long)begin, (long long)channels);
  if (ipuFailed(hlAttrI64(c, "channel_count", channels - begin, &count)))
    return IPU_FAILURE;
  if (count < 1 || count > channels - begin)
    return hlError(c, "channel_count %lld is out of range: channels [%lld, "
                      "%lld + count) of %lld",
                   (long long)count, (long long)begin, (long long)begin,
                   (long long)channels);
  int64_t out[2];
  for (int axis = 0; axis < 2; ++axis) {
    out[axis] = outputExtent(x.dims[2 + axis], pads[axis], pads[2 + axis],
                             kernel[axis], strides[axis], dilations[axis]);
    if (!out[axis])
      return hlError(c, "the dilated kernel does not fit the padded input "
                        "on spatial axis %d",
                     axis);
  }
  int64_t dims[2];
  if (!hlMulOk(out[0], out[1], &dims[0]) ||
      !hlMulOk(count, kernel[0], &dims[1]) ||
      !hlMulOk(dims[1], kernel[1], &dims[1]))
    return hlError(c, "the windows are too large");
  results[0] = hlRankedType(c, 2, dims, x.elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

/* The inference hooks share the verifiers' shape functions. */
#define TILE_INFER_HOOK(Name, opName, fn)                                     \
  IpuLogicalResult tileInfer##Name(                                           \
      IpuContext *ctx, IpuLocation loc, intptr_t numOperands,                 \
      const IpuValue *operands, IpuAttr attributes, IpuAttr properties,       \
      intptr_t numResults, IpuType *resultTypes) {                            \
    return hlRunInfer(ctx, loc, opName, fn, 1, numOperands, operands,         \
                      attributes, properties, numResults, resultTypes);       \
  }
TILE_INFER_HOOK(Accumulate, "tile.accumulate", accumulateShape)
TILE_INFER_HOOK(Channel, "tile.channel", channelShape)
TILE_INFER_HOOK(Windows, "tile.windows", windowsShape)

IpuLogicalResult tileVerifyAccumulate(IpuOp *op) {
  return hlRunVerify(op, accumulateShape);
}

/* The short form prints one type for the channel's operand and result. */
IpuLogicalResult tileVerifyChannel(IpuOp *op) {
  if (ipuFailed(hlRunVerify(op, channelShape)))
    return IPU_FAILURE;
  return dialectVerifyAllTypesMatch(op);
}

IpuLogicalResult tileVerifyWindows(IpuOp *op) {
  return hlRunVerify(op, windowsShape);
}

/* ---- tile.simd and tile.host. ----------------------------------------- */

static bool isHlOp(const IpuOp *op) {
  const IpuDialectDef *d = ipuOpGetDialect(op);
  return d && !strcmp(d->name, "hl");
}

/* The region's block takes the operands and yields the results; `onSimd`
 * allows only hl ops besides the tile.yield, else anything but tile ops. */
static IpuLogicalResult verifyUnitRegion(IpuOp *op, bool onSimd) {
  DialectText a, b;
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
  if (!body)
    return ipuOpEmitError(op, "expects a region with one block");
  intptr_t numArgs = ipuBlockGetNumArguments(body);
  intptr_t numOperands = ipuOpGetNumOperands(op);
  if (numArgs != numOperands)
    return ipuOpEmitError(op,
                          "region takes %jd arguments, but the op has %jd "
                          "operands",
                          (intmax_t)numArgs, (intmax_t)numOperands);
  for (intptr_t i = 0; i < numArgs; ++i) {
    IpuType arg = ipuValueGetType(ipuBlockGetArgument(body, i));
    IpuType operand = ipuValueGetType(ipuOpGetOperand(op, i));
    if (arg != operand)
      return ipuOpEmitError(op,
                            "type '%s' of region argument #%jd does not "
                            "match operand type '%s'",
                            dialectTypeText(arg, &a), (intmax_t)i,
                            dialectTypeText(operand, &b));
  }
  IpuOp *last = ipuBlockGetLastOp(body);
  if (!last || !ipuOpIsA(last, "tile.yield"))
    return ipuOpEmitError(op, "expects its region to end in 'tile.yield'");
  intptr_t numYielded = ipuOpGetNumOperands(last);
  intptr_t numResults = ipuOpGetNumResults(op);
  if (numYielded != numResults)
    return ipuOpEmitError(last,
                          "yields %jd values, but its parent has %jd "
                          "results",
                          (intmax_t)numYielded, (intmax_t)numResults);
  for (intptr_t i = 0; i < numResults; ++i) {
    IpuType yielded = ipuValueGetType(ipuOpGetOperand(last, i));
    IpuType result = ipuValueGetType(ipuOpGetResult(op, i));
    if (yielded != result)
      return ipuOpEmitError(last,
                            "type '%s' of yielded value #%jd does not match "
                            "the parent's result type '%s'",
                            dialectTypeText(yielded, &a), (intmax_t)i,
                            dialectTypeText(result, &b));
  }
  for (IpuOp *inner = ipuBlockGetFirstOp(body); inner != last;
       inner = ipuOpGetNext(inner)) {
    const IpuDialectDef *d = ipuOpGetDialect(inner);
    bool isTile = d && !strcmp(d->name, "tile");
    if (onSimd && !isHlOp(inner))
      return ipuOpEmitError(inner,
                            "cannot run on the SIMD unit: a 'tile.simd' "
                            "region holds only hl ops and 'tile.yield'");
    if (!onSimd && isTile)
      return ipuOpEmitError(inner,
                            "cannot run on the host: a 'tile.host' region "
                            "holds no tile ops but 'tile.yield'");
  }
  return IPU_SUCCESS;
}

IpuLogicalResult tileVerifySimd(IpuOp *op) {
  return verifyUnitRegion(op, true);
}

IpuLogicalResult tileVerifyHost(IpuOp *op) {
  return verifyUnitRegion(op, false);
}
