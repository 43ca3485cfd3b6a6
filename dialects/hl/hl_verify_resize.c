/* Verifiers and result type inference of hl.pad, hl.resize and the
 * reductions (hl.reduce_*). */
#include <math.h>

#include "hl_check.h"
#include "hl_hooks.h"

static bool staticDim(int64_t d) { return d != IPU_DYNAMIC; }

/* ---- Pad. ------------------------------------------------------------- */

enum { PAD_CONSTANT, PAD_REFLECT, PAD_EDGE, PAD_WRAP };

static IpuLogicalResult padShape(HlCheck *c, IpuType *results) {
  static const char *const modes[] = {"constant", "reflect", "edge", "wrap",
                                      NULL};
  HlTensor input;
  HlI64Array pads;
  int mode;
  double value;
  if (ipuFailed(hlRankedWithArray(c, "pads", &input, &pads)) ||
      ipuFailed(hlExpectCount(c, "pads", pads.n, 2 * input.rank)) ||
      ipuFailed(hlAttrEnum(c, "mode", modes, PAD_CONSTANT, &mode)) ||
      ipuFailed(hlAttrF32(c, "value", 0.0, &value, NULL)))
    return IPU_FAILURE;
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t d = 0; d < input.rank && ipuSucceeded(ok); ++d) {
    int64_t size = input.dims[d];
    int64_t begin = pads.v[d], end = pads.v[d + input.rank];
    dims.v[d] = IPU_DYNAMIC;
    if (!staticDim(size))
      continue;
    if (mode == PAD_REFLECT &&
        ((begin > 0 && begin >= size) || (end > 0 && end >= size)))
      ok = hlError(c, "reflect pads of dimension %jd must be smaller than "
                      "its size (%lld)",
                   (intmax_t)d, (long long)size);
    else if (mode != PAD_CONSTANT && size == 0 && (begin > 0 || end > 0))
      ok = hlError(c, "cannot pad empty dimension %jd in mode \"%s\"",
                   (intmax_t)d, modes[mode]);
    else if (__builtin_add_overflow(size, begin, &dims.v[d]) ||
             __builtin_add_overflow(dims.v[d], end, &dims.v[d]))
      ok = hlError(c, "padded dimension %jd overflows", (intmax_t)d);
    else if (dims.v[d] < 0)
      ok = hlError(c, "padded dimension %jd is negative (%lld)", (intmax_t)d,
                   (long long)dims.v[d]);
  }
  return hlDimsResult(c, ok, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Pad, "hl.pad", padShape, 1)

/* ---- Resize. ---------------------------------------------------------- */

enum { CTM_TF_CROP_AND_RESIZE = 6 };

static IpuLogicalResult resizeShape(HlCheck *c, IpuType *results) {
  static const char *const modes[] = {"nearest", "linear", "cubic", NULL};
  static const char *const transforms[] = {
      "half_pixel",   "half_pixel_symmetric", "pytorch_half_pixel",
      "align_corners", "asymmetric",          "tf_half_pixel_for_nn",
      "tf_crop_and_resize", NULL};
  static const char *const nearestModes[] = {
      "round_prefer_floor", "round_prefer_ceil", "floor", "ceil", NULL};
  HlTensor input;
  HlF32Array scales, roi;
  HlI64Array sizes;
  int mode, transform, nearest;
  double cubicA, extrapolation;
  bool excludeOutside;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlAttrF32Array(c, "scales", &scales)) ||
      ipuFailed(hlAttrI64Array(c, "sizes", &sizes)) ||
      ipuFailed(hlAttrF32Array(c, "roi", &roi)) ||
      ipuFailed(hlAttrEnum(c, "mode", modes, 0, &mode)) ||
      ipuFailed(hlAttrEnum(c, "coordinate_transformation_mode", transforms,
                           0, &transform)) ||
      ipuFailed(hlAttrEnum(c, "nearest_mode", nearestModes, 0, &nearest)) ||
      ipuFailed(hlAttrF32(c, "cubic_coeff_a", -0.75, &cubicA, NULL)) ||
      ipuFailed(hlAttrF32(c, "extrapolation_value", 0.0, &extrapolation,
                          NULL)) ||
      ipuFailed(hlAttrBool(c, "exclude_outside", false, &excludeOutside)))
    return IPU_FAILURE;
  if (scales.present == sizes.present)
    return hlError(c, "requires exactly one of 'scales' and 'sizes'");
  if (mode != 0 && ipuFailed(hlExpectFloat(c, 0, &input)))
    return IPU_FAILURE;
  bool crop = transform == CTM_TF_CROP_AND_RESIZE;
  if (crop && !roi.present)
    return hlError(c, "requires 'roi' with coordinate_transformation_mode "
                      "\"tf_crop_and_resize\"");
  if ((scales.present &&
       ipuFailed(hlExpectCount(c, "scales", scales.n, input.rank))) ||
      (sizes.present &&
       ipuFailed(hlExpectCount(c, "sizes", sizes.n, input.rank))) ||
      (roi.present &&
       ipuFailed(hlExpectCount(c, "roi", roi.n, 2 * input.rank))))
    return IPU_FAILURE;
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t d = 0; d < input.rank && ipuSucceeded(ok); ++d) {
    if (sizes.present) {
      dims.v[d] = sizes.v[d];
      if (sizes.v[d] < 0)
        ok = hlError(c, "sizes must be non-negative");
      continue;
    }
    float scale = scales.v[d];
    if (!(scale > 0.0f) || !isfinite(scale)) {
      ok = hlError(c, "scales must be positive and finite");
      continue;
    }
    dims.v[d] = IPU_DYNAMIC;
    if (!staticDim(input.dims[d]))
      continue;
    /* ONNX computes the size in f32: floor(in * (roi extent) * scale). */
    float extent = crop ? roi.v[d + input.rank] - roi.v[d] : 1.0f;
    float size = floorf((float)input.dims[d] * extent * scale);
    if (!(size >= 0.0f) || size >= 9.2e18f)
      ok = hlError(c, "output dimension %jd is out of range", (intmax_t)d);
    else
      dims.v[d] = (int64_t)size;
  }
  return hlDimsResult(c, ok, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Resize, "hl.resize", resizeShape, 1)

/* ---- Reductions. ------------------------------------------------------ */

static IpuLogicalResult reduceShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array axes;
  bool keepDims;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlAttrI64Array(c, "axes", &axes)) ||
      ipuFailed(hlAttrBool(c, "keepdims", true, &keepDims)))
    return IPU_FAILURE;
  HlDims reduced, dims;
  if (ipuFailed(hlDimsInit(c, &reduced, input.rank)))
    return IPU_FAILURE;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank))) {
    hlDimsFree(&reduced);
    return IPU_FAILURE;
  }
  bool all = axes.n == 0;
  for (intptr_t d = 0; d < input.rank; ++d)
    reduced.v[d] = all;
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t i = 0; i < axes.n && ipuSucceeded(ok); ++i) {
    int64_t axis;
    if (ipuFailed(ok = hlNormalizeAxis(c, "axis", axes.v[i], input.rank,
                                       &axis)))
      break;
    if (reduced.v[axis]++)
      ok = hlError(c, "axes must be distinct, axis %lld repeats",
                   (long long)axis);
  }
  intptr_t n = 0;
  for (intptr_t d = 0; d < input.rank && ipuSucceeded(ok); ++d) {
    if (!reduced.v[d])
      dims.v[n++] = input.dims[d];
    else if (keepDims)
      dims.v[n++] = 1;
  }
  hlDimsFree(&reduced);
  dims.n = n;
  return hlDimsResult(c, ok, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(ReduceMean, "hl.reduce_mean", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceSum, "hl.reduce_sum", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceMax, "hl.reduce_max", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceMin, "hl.reduce_min", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceProd, "hl.reduce_prod", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceL1, "hl.reduce_l1", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceL2, "hl.reduce_l2", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceSumSquare, "hl.reduce_sum_square", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceLogSum, "hl.reduce_log_sum", reduceShape, 1)
HL_DEFINE_HOOKS(ReduceLogSumExp, "hl.reduce_log_sum_exp", reduceShape, 1)
