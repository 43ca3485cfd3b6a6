/* Verifiers of the compute instructions: hw.mvm (block, ADC and DAC
 * settings, fused windows), hw.windows, hw.accumulate and hw.exec, whose
 * buffers' types must be what the work reads and writes. */
#include <stdio.h>
#include <string.h>

#include "hw_hooks.h"

static IpuLogicalResult checkRange(IpuOp *op, const char *name, int64_t value,
                                   int64_t min, int64_t max) {
  if (value >= min && value <= max)
    return IPU_SUCCESS;
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute whose minimum value is "
                        "%lld whose maximum value is %lld",
                        name, (long long)min, (long long)max);
}

static bool isTensor(IpuType t, intptr_t rank) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeGetRank(t) == rank && ipuShapedTypeHasStaticShape(t);
}

static bool isIntTensor(IpuType t, intptr_t rank, unsigned width) {
  return isTensor(t, rank) &&
         ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(t), width);
}

static IpuLogicalResult typeError(IpuOp *op, const char *what,
                                  const char *want, IpuType got) {
  DialectText text;
  return ipuOpEmitError(op, "%s must be %s, but got '%s'", what, want,
                        dialectTypeText(got, &text));
}

/* tile.windows's geometry on a 1 x C x H x W map: the windows matrix is
 * rows x cols. */
static IpuLogicalResult windowsShape(IpuOp *op, IpuType map, int64_t *rows,
                                     int64_t *cols) {
  if (!isTensor(map, 4) || ipuShapedTypeGetDimSize(map, 0) != 1 ||
      !ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(map), 0))
    return typeError(op, "'src'", "a 1 x C x H x W tensor of integers", map);
  const int64_t *shape = ipuShapedTypeGetShape(map);
  int64_t kernel[2], strides[2] = {1, 1}, pads[4] = {0}, dil[2] = {1, 1};
  struct {
    const char *name;
    int64_t *out;
    intptr_t n;
    int64_t min;
  } arrays[] = {{"kernel_shape", kernel, 2, 1},
                {"strides", strides, 2, 1},
                {"pads", pads, 4, 0},
                {"dilations", dil, 2, 1}};
  for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; ++i) {
    IpuAttr a = ipuOpGetAttr(op, arrays[i].name);
    if (!a) {
      if (i == 0)
        return ipuOpEmitError(op, "requires attribute 'kernel_shape'");
      continue;
    }
    if (ipuDenseArrayAttrGetNumElements(a) != arrays[i].n)
      return ipuOpEmitError(op, "'%s' must have %lld elements",
                            arrays[i].name, (long long)arrays[i].n);
    const int64_t *v = ipuDenseArrayAttrGetData(a);
    for (intptr_t k = 0; k < arrays[i].n; ++k) {
      if (v[k] < arrays[i].min || v[k] > (int64_t)1 << 31)
        return ipuOpEmitError(op, "'%s' must hold values in [%lld, 2^31]",
                              arrays[i].name, (long long)arrays[i].min);
      arrays[i].out[k] = v[k];
    }
  }
  int64_t channels = shape[1], begin = 0, count;
  dialectGetIntAttr(op, "channel_begin", &begin);
  if (begin < 0 || begin >= channels)
    return ipuOpEmitError(op, "has channel_begin = %lld outside the %lld "
                              "channels of 'src'",
                          (long long)begin, (long long)channels);
  count = channels - begin;
  dialectGetIntAttr(op, "channel_count", &count);
  if (count < 1 || count > channels - begin)
    return ipuOpEmitError(op, "has channel_count = %lld, but 'src' has "
                              "%lld channels from %lld",
                          (long long)count, (long long)(channels - begin),
                          (long long)begin);
  int64_t out[2];
  for (int axis = 0; axis < 2; ++axis) {
    int64_t span = shape[2 + axis] + pads[axis] + pads[axis + 2] -
                   dil[axis] * (kernel[axis] - 1) - 1;
    if (span < 0)
      return ipuOpEmitError(op, "has a kernel larger than its padded input");
    out[axis] = span / strides[axis] + 1;
  }
  *rows = out[0] * out[1];
  *cols = count * kernel[0] * kernel[1];
  return IPU_SUCCESS;
}

/* ---- hw.mvm. ---------------------------------------------------------- */

static IpuLogicalResult checkMvmSettings(IpuOp *op) {
  int64_t adcBits = 32, adcShift = 0, inputBits = 8, inputSlices = 1;
  dialectGetIntAttr(op, "adc_bits", &adcBits);
  dialectGetIntAttr(op, "adc_shift", &adcShift);
  dialectGetIntAttr(op, "input_bits", &inputBits);
  dialectGetIntAttr(op, "input_slices", &inputSlices);
  if (ipuFailed(checkRange(op, "adc_bits", adcBits, 1, 32)) ||
      ipuFailed(checkRange(op, "adc_shift", adcShift, 0, 31)) ||
      ipuFailed(checkRange(op, "input_bits", inputBits, 2, 8)) ||
      ipuFailed(checkRange(op, "input_slices", inputSlices, 1, 16)))
    return IPU_FAILURE;
  IpuTarget t;
  bool has;
  if (ipuFailed(hwTargetOf(op, &t, &has)))
    return IPU_FAILURE;
  if (has && adcBits > t.adcBits)
    return ipuOpEmitError(op, "has adc_bits = %lld, more than the %lld of "
                              "target '%s'",
                          (long long)adcBits, (long long)t.adcBits, t.name);
  if (has && inputBits > t.inputBits)
    return ipuOpEmitError(op, "has input_bits = %lld, more than the %lld of "
                              "target '%s'",
                          (long long)inputBits, (long long)t.inputBits,
                          t.name);
  return IPU_SUCCESS;
}

IpuLogicalResult hwVerifyMvm(IpuOp *op) {
  IpuOp *owner = hwOwnerOf(op);
  if (!owner || !ipuOpIsA(owner, "hw.tile"))
    return ipuOpEmitError(op, "is only allowed in the program of a hw.tile");
  if (ipuFailed(checkMvmSettings(op)))
    return IPU_FAILURE;
  IpuAttr ref = ipuOpGetAttr(op, "block");
  IpuOp *block = ref ? ipuSymbolLookupIn(owner, ref) : NULL;
  DialectText text;
  if (!block || !ipuOpIsA(block, "tile.block") ||
      ipuSymbolRefAttrGetNumNested(ref) != 1)
    return ipuOpEmitError(op,
                          "'block' %s does not name a tile.block of the "
                          "tile's array",
                          dialectAttrText(ref, &text));
  IpuAttr value = ipuOpGetAttr(block, "value");
  IpuType wt = value ? ipuAttrGetType(value) : NULL;
  if (!isTensor(wt, 2))
    return IPU_SUCCESS; /* the block's own verifier reports it */
  int64_t k = ipuShapedTypeGetDimSize(wt, 0);
  int64_t n = ipuShapedTypeGetDimSize(wt, 1);
  IpuOp *src = hwBufferAttr(op, "src");
  IpuOp *dst = src ? hwBufferAttr(op, "dst") : NULL;
  if (!dst)
    return IPU_FAILURE;
  IpuType in = hwBufferType(src), out = hwBufferType(dst);
  int64_t m, cols;
  if (ipuOpGetAttr(op, "kernel_shape")) {
    if (!isIntTensor(in, 4, 8) && !isIntTensor(in, 4, 16))
      return typeError(op, "'src'", "a 1 x C x H x W tensor of i8 or i16",
                       in);
    if (ipuFailed(windowsShape(op, in, &m, &cols)))
      return IPU_FAILURE;
  } else {
    if (!isIntTensor(in, 2, 8) && !isIntTensor(in, 2, 16))
      return typeError(op, "'src'", "a 2-D tensor of i8 or i16", in);
    m = ipuShapedTypeGetDimSize(in, 0);
    cols = ipuShapedTypeGetDimSize(in, 1);
  }
  if (cols != k)
    return ipuOpEmitError(op,
                          "streams vectors of %lld values through block %s "
                          "of %lld rows",
                          (long long)cols, dialectAttrText(ref, &text),
                          (long long)k);
  if (!isIntTensor(out, 2, 32) || ipuShapedTypeGetDimSize(out, 0) != m ||
      ipuShapedTypeGetDimSize(out, 1) != n) {
    char want[96];
    snprintf(want, sizeof want, "tensor<%lldx%lldxi32>", (long long)m,
             (long long)n);
    return typeError(op, "'dst'", want, out);
  }
  return IPU_SUCCESS;
}

/* ---- hw.windows. ------------------------------------------------------ */

IpuLogicalResult hwVerifyWindows(IpuOp *op) {
  IpuOp *owner = hwOwnerOf(op);
  if (!owner || !ipuOpIsA(owner, "hw.tile"))
    return ipuOpEmitError(op, "is only allowed in the program of a hw.tile");
  IpuOp *src = hwBufferAttr(op, "src");
  IpuOp *dst = src ? hwBufferAttr(op, "dst") : NULL;
  if (!dst)
    return IPU_FAILURE;
  IpuType in = hwBufferType(src), out = hwBufferType(dst);
  int64_t rows, cols;
  if (ipuFailed(windowsShape(op, in, &rows, &cols)))
    return IPU_FAILURE;
  if (!isTensor(out, 2) || ipuShapedTypeGetDimSize(out, 0) != rows ||
      ipuShapedTypeGetDimSize(out, 1) != cols ||
      ipuShapedTypeGetElementType(out) != ipuShapedTypeGetElementType(in)) {
    char want[160];
    DialectText elem;
    snprintf(want, sizeof want, "tensor<%lldx%lldx%s>", (long long)rows,
             (long long)cols,
             dialectTypeText(ipuShapedTypeGetElementType(in), &elem));
    return typeError(op, "'dst'", want, out);
  }
  return IPU_SUCCESS;
}

/* ---- hw.accumulate. --------------------------------------------------- */

IpuLogicalResult hwVerifyAccumulate(IpuOp *op) {
  IpuOp *owner = hwOwnerOf(op);
  if (!owner || !ipuOpIsA(owner, "hw.tile"))
    return ipuOpEmitError(op, "is only allowed in the program of a hw.tile");
  IpuOp *dst = hwBufferAttr(op, "dst");
  IpuOp **srcs;
  intptr_t n;
  if (!dst || ipuFailed(hwBufferList(op, "srcs", &srcs, &n)))
    return IPU_FAILURE;
  IpuType out = hwBufferType(dst);
  IpuLogicalResult r = IPU_SUCCESS;
  if (n < 2)
    r = ipuOpEmitError(op, "needs at least two 'srcs', got %lld",
                       (long long)n);
  else if (!out || ipuTypeGetKind(out) != IPU_TYPE_RANKED_TENSOR ||
           !ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(out), 32))
    r = typeError(op, "'dst'", "a tensor of i32", out);
  for (intptr_t i = 0; i < n && ipuSucceeded(r); ++i) {
    if (hwBufferType(srcs[i]) == out)
      continue;
    DialectText a, b;
    r = ipuOpEmitError(op, "'srcs' #%lld has type '%s', but 'dst' has '%s'",
                       (long long)i, dialectTypeText(hwBufferType(srcs[i]), &a),
                       dialectTypeText(out, &b));
  }
  ipuFree(ipuOpGetContext(op), srcs);
  return r;
}

/* ---- hw.exec. --------------------------------------------------------- */

static IpuLogicalResult checkExecBody(IpuOp *op, IpuBlock *block,
                                      IpuOp **srcs, intptr_t numSrcs,
                                      IpuOp **dsts, intptr_t numDsts) {
  DialectText a, b;
  if (ipuBlockGetNumArguments(block) != numSrcs)
    return ipuOpEmitError(op, "region has %lld argument(s) for %lld 'srcs'",
                          (long long)ipuBlockGetNumArguments(block),
                          (long long)numSrcs);
  for (intptr_t i = 0; i < numSrcs; ++i) {
    IpuType arg = ipuValueGetType(ipuBlockGetArgument(block, i));
    if (arg != hwBufferType(srcs[i]))
      return ipuOpEmitError(op,
                            "region argument #%lld has type '%s', but 'srcs' "
                            "#%lld holds '%s'",
                            (long long)i, dialectTypeText(arg, &a),
                            (long long)i,
                            dialectTypeText(hwBufferType(srcs[i]), &b));
  }
  IpuOp *last = ipuBlockGetLastOp(block);
  for (IpuOp *o = ipuBlockGetFirstOp(block); o; o = ipuOpGetNext(o)) {
    const char *name = ipuIdentCStr(ipuOpGetName(o));
    if (o == last && ipuOpIsA(o, "hw.yield"))
      break;
    if (strncmp(name, "hl.", 3) != 0)
      return ipuOpEmitError(o, "cannot be held by 'hw.exec', which holds "
                               "hl ops and a final 'hw.yield'");
  }
  if (!last || !ipuOpIsA(last, "hw.yield"))
    return ipuOpEmitError(op, "region must end with 'hw.yield'");
  if (ipuOpGetNumOperands(last) != numDsts)
    return ipuOpEmitError(last, "yields %lld value(s) for %lld 'dsts'",
                          (long long)ipuOpGetNumOperands(last),
                          (long long)numDsts);
  for (intptr_t i = 0; i < numDsts; ++i) {
    IpuType t = ipuValueGetType(ipuOpGetOperand(last, i));
    if (t != hwBufferType(dsts[i]))
      return ipuOpEmitError(last,
                            "yields '%s' as #%lld, but 'dsts' #%lld holds "
                            "'%s'",
                            dialectTypeText(t, &a), (long long)i,
                            (long long)i,
                            dialectTypeText(hwBufferType(dsts[i]), &b));
  }
  return IPU_SUCCESS;
}

IpuLogicalResult hwVerifyExec(IpuOp *op) {
  if (!hwOwnerOf(op))
    return ipuOpEmitError(op, "must be in the hw.program of a hw.tile or "
                              "hw.host");
  IpuBlock *block = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
  if (!block)
    return ipuOpEmitError(op, "region must have one block");
  IpuOp **srcs = NULL, **dsts = NULL;
  intptr_t numSrcs, numDsts;
  if (ipuFailed(hwBufferList(op, "srcs", &srcs, &numSrcs)))
    return IPU_FAILURE;
  IpuLogicalResult r = hwBufferList(op, "dsts", &dsts, &numDsts);
  if (ipuSucceeded(r))
    r = checkExecBody(op, block, srcs, numSrcs, dsts, numDsts);
  ipuFree(ipuOpGetContext(op), srcs);
  ipuFree(ipuOpGetContext(op), dsts);
  return r;
}
