/* Evaluators of the hl shape and data-movement family: reshape, expand,
 * flatten, transpose, concat, slice, pad, resize and the reductions. */
#include <string.h>

#include "eval.h"

/* hl.reshape and hl.expand (which broadcasts) to their `shape`; hl.reshape's
 * is fully resolved at import: a 0 is a zero extent. */
static IpuLogicalResult evalToShape(IpuOp *op, intptr_t numIns,
                                    const IpuTensor *const *ins,
                                    IpuTensor *outs) {
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int n;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "shape", shape, IPU_TENSOR_MAX_RANK, &n))
    return IPU_FAILURE;
  IpuKernelError err;
  bool ok = ipuOpIsA(op, "hl.expand")
                ? ipuKernelExpand(ins[0], n, shape, &outs[0], &err)
                : ipuKernelReshape(ins[0], n, shape, true, &outs[0], &err);
  return evalDone(op, ok, &err);
}

static IpuLogicalResult evalFlatten(IpuOp *op, intptr_t numIns,
                                    const IpuTensor *const *ins,
                                    IpuTensor *outs) {
  int64_t axis;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64(op, "axis", 1, &axis))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelFlatten(ins[0], axis, &outs[0], &err), &err);
}

static IpuLogicalResult evalTranspose(IpuOp *op, intptr_t numIns,
                                      const IpuTensor *const *ins,
                                      IpuTensor *outs) {
  int64_t perm[IPU_TENSOR_MAX_RANK];
  int n;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "perm", perm, IPU_TENSOR_MAX_RANK, &n))
    return IPU_FAILURE;
  if (n && n != ins[0]->rank)
    return ipuOpEmitError(op, "'perm' has %d entries, the input rank %d", n,
                          ins[0]->rank);
  IpuKernelError err;
  return evalDone(op, ipuKernelTranspose(ins[0], n ? perm : NULL, &outs[0],
                                         &err),
                  &err);
}

static IpuLogicalResult evalConcat(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  int64_t axis;
  if (ipuFailed(evalCheckArity(op, numIns, 1, INT32_MAX)) ||
      !evalAttrI64(op, "axis", 0, &axis))
    return IPU_FAILURE;
  IpuKernelError err;
  return evalDone(op, ipuKernelConcat((int)numIns, ins, axis, &outs[0], &err),
                  &err);
}

static IpuLogicalResult evalSlice(IpuOp *op, intptr_t numIns,
                                  const IpuTensor *const *ins,
                                  IpuTensor *outs) {
  enum { MAX = IPU_TENSOR_MAX_RANK };
  int64_t starts[MAX], ends[MAX], axes[MAX], steps[MAX];
  int ns, ne, na, nst;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "starts", starts, MAX, &ns) ||
      !evalAttrI64Array(op, "ends", ends, MAX, &ne) ||
      !evalAttrI64Array(op, "axes", axes, MAX, &na) ||
      !evalAttrI64Array(op, "steps", steps, MAX, &nst))
    return IPU_FAILURE;
  if (ne != ns || (na && na != ns) || (nst && nst != ns))
    return ipuOpEmitError(op, "'starts', 'ends', 'axes' and 'steps' must "
                          "have the same length");
  IpuKernelError err;
  return evalDone(op, ipuKernelSlice(ins[0], ns, starts, ends,
                                     na ? axes : NULL, nst ? steps : NULL,
                                     &outs[0], &err),
                  &err);
}

static IpuLogicalResult evalPad(IpuOp *op, intptr_t numIns,
                                const IpuTensor *const *ins,
                                IpuTensor *outs) {
  int64_t pads[2 * IPU_TENSOR_MAX_RANK];
  int n;
  char mode[16];
  double value;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "pads", pads, 2 * IPU_TENSOR_MAX_RANK, &n) ||
      !evalAttrString(op, "mode", "constant", mode, sizeof mode) ||
      !evalAttrF64(op, "value", 0.0, &value))
    return IPU_FAILURE;
  if (n != 2 * ins[0]->rank)
    return ipuOpEmitError(op, "'pads' needs %d values", 2 * ins[0]->rank);
  static const struct {
    const char *name;
    IpuPadMode mode;
  } modes[] = {{"constant", IPU_PAD_CONSTANT},
               {"reflect", IPU_PAD_REFLECT},
               {"edge", IPU_PAD_EDGE},
               {"wrap", IPU_PAD_WRAP}};
  for (size_t i = 0; i < sizeof modes / sizeof *modes; ++i) {
    if (strcmp(modes[i].name, mode))
      continue;
    IpuKernelError err;
    return evalDone(op, ipuKernelPad(ins[0], modes[i].mode, pads, value,
                                     &outs[0], &err),
                    &err);
  }
  return ipuOpEmitError(op, "unknown pad mode '%s'", mode);
}

/* Index of `s` in `names` (NULL-terminated), or -1 after an error. */
static int pickName(IpuOp *op, const char *attr, const char *s,
                    const char *const *names) {
  for (int i = 0; names[i]; ++i)
    if (!strcmp(names[i], s))
      return i;
  ipuOpEmitError(op, "unknown %s '%s'", attr, s);
  return -1;
}

static IpuLogicalResult evalResize(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  enum { MAX = IPU_TENSOR_MAX_RANK };
  static const char *const modes[] = {"nearest", "linear", "cubic", NULL};
  static const char *const coords[] = {
      "half_pixel",         "asymmetric",           "pytorch_half_pixel",
      "tf_half_pixel_for_nn", "align_corners",      "tf_crop_and_resize",
      "half_pixel_symmetric", NULL};
  static const char *const nearests[] = {"round_prefer_floor",
                                         "round_prefer_ceil", "floor", "ceil",
                                         NULL};
  float scales[MAX], roi[2 * MAX];
  int64_t sizes[MAX];
  int nScales, nSizes, nRoi;
  char mode[32], coord[32], nearest[32];
  double cubicA, extrapolation;
  IpuResizeParams p;
  memset(&p, 0, sizeof p);
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrF32Array(op, "scales", scales, MAX, &nScales) ||
      !evalAttrI64Array(op, "sizes", sizes, MAX, &nSizes) ||
      !evalAttrF32Array(op, "roi", roi, 2 * MAX, &nRoi) ||
      !evalAttrString(op, "mode", "nearest", mode, sizeof mode) ||
      !evalAttrString(op, "coordinate_transformation_mode", "half_pixel",
                      coord, sizeof coord) ||
      !evalAttrString(op, "nearest_mode", "round_prefer_floor", nearest,
                      sizeof nearest) ||
      !evalAttrF64(op, "cubic_coeff_a", -0.75, &cubicA) ||
      !evalAttrBool(op, "exclude_outside", false, &p.excludeOutside) ||
      !evalAttrF64(op, "extrapolation_value", 0.0, &extrapolation))
    return IPU_FAILURE;
  int rank = ins[0]->rank;
  if ((nScales != 0) == (nSizes != 0) || (nScales && nScales != rank) ||
      (nSizes && nSizes != rank) || (nRoi && nRoi != 2 * rank))
    return ipuOpEmitError(op, "needs exactly one of 'scales' and 'sizes' "
                          "with one value per axis (and 'roi' two)");
  int m = pickName(op, "mode", mode, modes);
  int c = m < 0 ? -1 : pickName(op, "coordinate_transformation_mode", coord,
                                coords);
  int nm = c < 0 ? -1 : pickName(op, "nearest_mode", nearest, nearests);
  if (nm < 0)
    return IPU_FAILURE;
  p.mode = (IpuResizeMode)m;
  p.coordMode = (IpuResizeCoordMode)c;
  p.nearestMode = (IpuResizeNearestMode)nm;
  p.cubicCoeffA = (float)cubicA;
  p.extrapolationValue = (float)extrapolation;
  p.scales = nScales ? scales : NULL;
  p.sizes = nSizes ? sizes : NULL;
  p.roi = nRoi ? roi : NULL;
  IpuKernelError err;
  return evalDone(op, ipuKernelResize(&p, ins[0], &outs[0], &err), &err);
}

static IpuLogicalResult evalReduce(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs) {
  static const struct {
    const char *name;
    IpuReduceOp op;
  } ops[] = {{"hl.reduce_mean", IPU_REDUCE_MEAN},
             {"hl.reduce_sum", IPU_REDUCE_SUM},
             {"hl.reduce_max", IPU_REDUCE_MAX},
             {"hl.reduce_min", IPU_REDUCE_MIN},
             {"hl.reduce_prod", IPU_REDUCE_PROD},
             {"hl.reduce_l1", IPU_REDUCE_L1},
             {"hl.reduce_l2", IPU_REDUCE_L2},
             {"hl.reduce_sum_square", IPU_REDUCE_SUM_SQUARE},
             {"hl.reduce_log_sum", IPU_REDUCE_LOG_SUM},
             {"hl.reduce_log_sum_exp", IPU_REDUCE_LOG_SUM_EXP}};
  int64_t axes[IPU_TENSOR_MAX_RANK];
  int n;
  bool keepDims;
  if (ipuFailed(evalCheckArity(op, numIns, 1, 1)) ||
      !evalAttrI64Array(op, "axes", axes, IPU_TENSOR_MAX_RANK, &n) ||
      !evalAttrBool(op, "keepdims", true, &keepDims))
    return IPU_FAILURE;
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  for (size_t i = 0; i < sizeof ops / sizeof *ops; ++i) {
    if (strcmp(ops[i].name, name))
      continue;
    IpuKernelError err;
    return evalDone(op, ipuKernelReduce(ops[i].op, ins[0], n, axes, keepDims,
                                        false, &outs[0], &err),
                    &err);
  }
  return ipuOpEmitError(op, "not a reduction");
}

static const EvalEntry entries[] = {
    {"hl.reshape", evalToShape},       {"hl.expand", evalToShape},
    {"hl.flatten", evalFlatten},       {"hl.transpose", evalTranspose},
    {"hl.concat", evalConcat},         {"hl.slice", evalSlice},
    {"hl.pad", evalPad},               {"hl.resize", evalResize},
    {"hl.reduce_mean", evalReduce},
    {"hl.reduce_sum", evalReduce},     {"hl.reduce_max", evalReduce},
    {"hl.reduce_min", evalReduce},     {"hl.reduce_prod", evalReduce},
    {"hl.reduce_l1", evalReduce},      {"hl.reduce_l2", evalReduce},
    {"hl.reduce_sum_square", evalReduce},
    {"hl.reduce_log_sum", evalReduce}, {"hl.reduce_log_sum_exp", evalReduce},
};

const EvalTable evalShapeTable = {entries, sizeof entries / sizeof *entries};
