/* Verifiers and result type inference of the windowed hl ops on NCHW
 * tensors: conv2d, conv_transpose, maxpool, avgpool, the global pools and
 * batchnorm (output sizes from pads, strides, dilations and ceil_mode). */
#include <stdio.h>

#include "hl_check.h"
#include "hl_hooks.h"

static const char *const kAxisNames[2] = {"height", "width"};

/* The window attributes shared by convolutions and pooling. */
typedef struct {
  int64_t kernel[2]; /* pooling only; convolutions take the weight's */
  int64_t strides[2];
  int64_t pads[4]; /* top, left, bottom, right */
  int64_t dilations[2];
} Window;

/* An optional i64 array of `n` elements whose entries are all at least
 * `min`: "strides must be positive", "pads must be non-negative". */
static IpuLogicalResult readArray(const HlCheck *c, const char *name,
                                  intptr_t n, int64_t dflt, int64_t min,
                                  int64_t *out) {
  HlI64Array a;
  if (ipuFailed(hlAttrI64Array(c, name, &a)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < n; ++i)
    out[i] = dflt;
  if (!a.present)
    return IPU_SUCCESS;
  if (ipuFailed(hlExpectCount(c, name, a.n, n)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < n; ++i) {
    if (a.v[i] < min)
      return hlError(c, "%s must be %s", name,
                     min > 0 ? "positive" : "non-negative");
    out[i] = a.v[i];
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult readWindow(const HlCheck *c, Window *w) {
  if (ipuFailed(readArray(c, "strides", 2, 1, 1, w->strides)) ||
      ipuFailed(readArray(c, "pads", 4, 0, 0, w->pads)) ||
      ipuFailed(readArray(c, "dilations", 2, 1, 1, w->dilations)))
    return IPU_FAILURE;
  return IPU_SUCCESS;
}

static IpuLogicalResult overflow(const HlCheck *c, int axis) {
  return hlError(c, "output %s overflows", kAxisNames[axis]);
}

/* Output size along spatial axis `axis` (0: height, 1: width) of a
 * window of size k sliding over `in`; dynamic when `in` or k is. */
static IpuLogicalResult windowOutput(const HlCheck *c, const Window *w,
                                     int axis, int64_t in, int64_t k,
                                     bool ceilMode, int64_t *out) {
  if (in == IPU_DYNAMIC || k == IPU_DYNAMIC) {
    *out = IPU_DYNAMIC;
    return IPU_SUCCESS;
  }
  int64_t stride = w->strides[axis], dilation = w->dilations[axis];
  int64_t begin = w->pads[axis], end = w->pads[axis + 2];
  int64_t dilated, padded;
  if (k < 1)
    return hlError(c, "kernel %s must be positive, got %lld",
                   kAxisNames[axis], (long long)k);
  if (!hlMulOk(dilation, k - 1, &dilated) || !hlAddOk(dilated, 1, &dilated) ||
      !hlAddOk(in, begin, &padded) || !hlAddOk(padded, end, &padded))
    return overflow(c, axis);
  if (padded < dilated)
    return hlError(c, "padded input %s (%lld) is smaller than the dilated "
                      "kernel %s (%lld)",
                   kAxisNames[axis], (long long)padded, kAxisNames[axis],
                   (long long)dilated);
  int64_t span = padded - dilated;
  int64_t steps = span / stride;
  if (ceilMode && span % stride != 0) {
    ++steps;
    /* A last window starting in the end padding is dropped. */
    int64_t start;
    if (!hlMulOk(steps, stride, &start) || start >= in + begin)
      --steps;
  }
  *out = steps + 1;
  return IPU_SUCCESS;
}

static bool staticDim(int64_t d) { return d != IPU_DYNAMIC; }

/* ---- Convolutions. ---------------------------------------------------- */

/* Operands, element types and the bias of conv2d and conv_transpose; the
 * bias must have `outChannels` elements of the result's element type. */
static IpuLogicalResult convOperands(const HlCheck *c, HlTensor *input,
                                     HlTensor *weight, IpuType *elem) {
  if (ipuFailed(hlCheckOperandCount(c, 2, 3)) ||
      ipuFailed(hlRankedOperand(c, 0, input)) ||
      ipuFailed(hlRankedOperand(c, 1, weight)) ||
      ipuFailed(hlExpectRank(c, input, "input", 4)) ||
      ipuFailed(hlExpectRank(c, weight, "weight", 4)))
    return IPU_FAILURE;
  *elem = hlProductElementType(c, input, "input", weight, "weight");
  return *elem ? IPU_SUCCESS : IPU_FAILURE;
}

static IpuLogicalResult checkBias(const HlCheck *c, IpuType elem,
                                  int64_t outChannels) {
  if (c->numOperands < 3)
    return IPU_SUCCESS;
  HlTensor bias;
  if (ipuFailed(hlRankedOperand(c, 2, &bias)) ||
      ipuFailed(hlExpectRank(c, &bias, "bias", 1)))
    return IPU_FAILURE;
  if (bias.elem != elem) {
    DialectText want, got;
    return hlError(c, "requires bias element type '%s', got '%s'",
                   dialectTypeText(elem, &want),
                   dialectTypeText(bias.elem, &got));
  }
  if (staticDim(outChannels) && staticDim(bias.dims[0]) &&
      bias.dims[0] != outChannels)
    return hlError(c, "bias has %lld elements, expected %lld (output "
                      "channels)",
                   (long long)bias.dims[0], (long long)outChannels);
  return IPU_SUCCESS;
}

static IpuLogicalResult conv2dShape(HlCheck *c, IpuType *results) {
  HlTensor input, weight;
  IpuType elem;
  Window w;
  int64_t groups;
  if (ipuFailed(convOperands(c, &input, &weight, &elem)) ||
      ipuFailed(readWindow(c, &w)) ||
      ipuFailed(hlAttrI64(c, "groups", 1, &groups)))
    return IPU_FAILURE;
  if (groups < 1)
    return hlError(c, "groups must be positive");
  int64_t channels = input.dims[1], perGroup = weight.dims[1];
  int64_t outChannels = weight.dims[0];
  int64_t expected;
  if (staticDim(channels) && staticDim(perGroup) &&
      (!hlMulOk(perGroup, groups, &expected) || expected != channels))
    return hlError(c, "input channels (%lld) must equal weight channels "
                      "(%lld) times groups (%lld)",
                   (long long)channels, (long long)perGroup, (long long)groups);
  if (staticDim(outChannels) && outChannels % groups != 0)
    return hlError(c, "output channels (%lld) must be divisible by groups "
                      "(%lld)",
                   (long long)outChannels, (long long)groups);
  if (ipuFailed(checkBias(c, elem, outChannels)) ||
      ipuFailed(hlCheckFusedActivation(c, elem)))
    return IPU_FAILURE;
  int64_t dims[4] = {input.dims[0], outChannels, 0, 0};
  for (int axis = 0; axis < 2; ++axis)
    if (ipuFailed(windowOutput(c, &w, axis, input.dims[2 + axis],
                               weight.dims[2 + axis], false,
                               &dims[2 + axis])))
      return IPU_FAILURE;
  results[0] = hlRankedType(c, 4, dims, elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

/* stride * (in - 1) + output_padding + dilation * (k - 1) + 1 - pads. */
static IpuLogicalResult transposedOutput(const HlCheck *c, const Window *w,
                                         const int64_t *outputPadding,
                                         int axis, int64_t in, int64_t k,
                                         int64_t *out) {
  if (in == IPU_DYNAMIC || k == IPU_DYNAMIC) {
    *out = IPU_DYNAMIC;
    return IPU_SUCCESS;
  }
  int64_t size, dilated;
  if (in < 1 || k < 1)
    return hlError(c, "input and kernel %s must be positive",
                   kAxisNames[axis]);
  if (!hlMulOk(w->strides[axis], in - 1, &size) ||
      !hlAddOk(size, outputPadding[axis], &size) ||
      !hlMulOk(w->dilations[axis], k - 1, &dilated) ||
      !hlAddOk(size, dilated, &size) || !hlAddOk(size, 1, &size))
    return overflow(c, axis);
  if (__builtin_sub_overflow(size, w->pads[axis], &size) ||
      __builtin_sub_overflow(size, w->pads[axis + 2], &size) || size < 1)
    return hlError(c, "computed output %s is not positive (%lld)",
                   kAxisNames[axis], (long long)size);
  *out = size;
  return IPU_SUCCESS;
}

static IpuLogicalResult convTransposeShape(HlCheck *c, IpuType *results) {
  HlTensor input, weight;
  IpuType elem;
  Window w;
  int64_t groups, outputPadding[2];
  if (ipuFailed(convOperands(c, &input, &weight, &elem)) ||
      ipuFailed(readWindow(c, &w)) ||
      ipuFailed(readArray(c, "output_padding", 2, 0, 0, outputPadding)) ||
      ipuFailed(hlAttrI64(c, "groups", 1, &groups)))
    return IPU_FAILURE;
  if (groups < 1)
    return hlError(c, "groups must be positive");
  int64_t channels = input.dims[1], weightChannels = weight.dims[0];
  if (staticDim(channels) && staticDim(weightChannels) &&
      channels != weightChannels)
    return hlError(c, "input channels (%lld) must equal the weight's first "
                      "dimension (%lld)",
                   (long long)channels, (long long)weightChannels);
  if (staticDim(channels) && channels % groups != 0)
    return hlError(c, "input channels (%lld) must be divisible by groups "
                      "(%lld)",
                   (long long)channels, (long long)groups);
  int64_t outChannels = IPU_DYNAMIC;
  if (staticDim(weight.dims[1]) &&
      !hlMulOk(weight.dims[1], groups, &outChannels))
    return hlError(c, "output channels overflow");
  if (ipuFailed(checkBias(c, elem, outChannels)) ||
      ipuFailed(hlCheckFusedActivation(c, elem)))
    return IPU_FAILURE;
  int64_t dims[4] = {input.dims[0], outChannels, 0, 0};
  for (int axis = 0; axis < 2; ++axis)
    if (ipuFailed(transposedOutput(c, &w, outputPadding, axis,
                                   input.dims[2 + axis],
                                   weight.dims[2 + axis], &dims[2 + axis])))
      return IPU_FAILURE;
  results[0] = hlRankedType(c, 4, dims, elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Conv2d, "hl.conv2d", conv2dShape, 1)
HL_DEFINE_HOOKS(ConvTranspose, "hl.conv_transpose", convTransposeShape, 1)

/* ---- Pooling. --------------------------------------------------------- */

static IpuLogicalResult poolShape(HlCheck *c, IpuType *results,
                                  bool isAverage) {
  HlTensor input;
  Window w;
  bool ceilMode, countIncludePad;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlExpectRank(c, &input, "input", 4)) ||
      (isAverage && ipuFailed(hlExpectFloat(c, 0, &input))))
    return IPU_FAILURE;
  if (!hlRequiredAttr(c, "kernel_shape") ||
      ipuFailed(readArray(c, "kernel_shape", 2, 1, 1, w.kernel)) ||
      ipuFailed(readWindow(c, &w)) ||
      ipuFailed(hlAttrBool(c, "ceil_mode", false, &ceilMode)) ||
      (isAverage &&
       ipuFailed(hlAttrBool(c, "count_include_pad", false, &countIncludePad))))
    return IPU_FAILURE;
  int64_t dims[4] = {input.dims[0], input.dims[1], 0, 0};
  for (int axis = 0; axis < 2; ++axis)
    if (ipuFailed(windowOutput(c, &w, axis, input.dims[2 + axis],
                               w.kernel[axis], ceilMode, &dims[2 + axis])))
      return IPU_FAILURE;
  results[0] = hlRankedType(c, 4, dims, input.elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

static IpuLogicalResult maxPoolShape(HlCheck *c, IpuType *results) {
  return poolShape(c, results, false);
}

static IpuLogicalResult avgPoolShape(HlCheck *c, IpuType *results) {
  return poolShape(c, results, true);
}

/* N x C x D1 x ... -> N x C x 1 x ..., floats or integers (an integer
 * mean is the quantized mean at the input's scale; booleans have none). */
static IpuLogicalResult globalPoolShape(HlCheck *c, IpuType *results,
                                        bool isAverage) {
  HlTensor input;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlExpectMinRank(c, &input, "input", 3)))
    return IPU_FAILURE;
  if (isAverage && hlIsInt(input.elem) &&
      ipuIntegerTypeGetWidth(input.elem) < 2)
    return hlError(c, "requires an input of floats or integers of 2 bits "
                   "or more");
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < input.rank; ++i)
    dims.v[i] = i < 2 ? input.dims[i] : 1;
  return hlDimsResult(c, IPU_SUCCESS, &dims, input.elem, results);
}

static IpuLogicalResult globalAvgPoolShape(HlCheck *c, IpuType *results) {
  return globalPoolShape(c, results, true);
}

static IpuLogicalResult globalMaxPoolShape(HlCheck *c, IpuType *results) {
  return globalPoolShape(c, results, false);
}

HL_DEFINE_HOOKS(MaxPool, "hl.maxpool", maxPoolShape, 1)
HL_DEFINE_HOOKS(AvgPool, "hl.avgpool", avgPoolShape, 1)
HL_DEFINE_HOOKS(GlobalAvgPool, "hl.global_avgpool", globalAvgPoolShape, 1)
HL_DEFINE_HOOKS(GlobalMaxPool, "hl.global_maxpool", globalMaxPoolShape, 1)

/* ---- Batch normalisation. --------------------------------------------- */

static IpuLogicalResult batchNormShape(HlCheck *c, IpuType *results) {
  static const char *const names[] = {"scale", "bias", "mean", "var"};
  HlTensor input;
  double epsilon;
  if (ipuFailed(hlCheckOperandCount(c, 5, 5)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlExpectMinRank(c, &input, "input", 2)) ||
      ipuFailed(hlExpectFloat(c, 0, &input)) ||
      ipuFailed(hlAttrF32(c, "epsilon", 1e-5, &epsilon, NULL)))
    return IPU_FAILURE;
  if (!(epsilon >= 0.0))
    return hlError(c, "epsilon must be non-negative");
  int64_t channels = input.dims[1];
  for (int i = 0; i < 4; ++i) {
    HlTensor p;
    if (ipuFailed(hlRankedOperand(c, 1 + i, &p)) ||
        ipuFailed(hlExpectRank(c, &p, names[i], 1)))
      return IPU_FAILURE;
    if (p.elem != input.elem) {
      DialectText want, got;
      return hlError(c, "requires %s element type '%s' (the input's), got "
                        "'%s'",
                     names[i], dialectTypeText(input.elem, &want),
                     dialectTypeText(p.elem, &got));
    }
    if (staticDim(channels) && staticDim(p.dims[0]) && p.dims[0] != channels)
      return hlError(c, "%s has %lld elements, expected %lld (input "
                        "channels)",
                     names[i], (long long)p.dims[0], (long long)channels);
  }
  results[0] = input.type;
  return IPU_SUCCESS;
}

HL_DEFINE_HOOKS(BatchNorm, "hl.batchnorm", batchNormShape, 1)
