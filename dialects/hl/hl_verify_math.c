/* Verifiers and result type inference of the further math hl ops: float
 * functions and parametric activations, prelu, log_softmax and hardmax,
 * argmax/argmin, and layer and instance normalisation. */
#include "hl_check.h"
#include "hl_hooks.h"

/* ---- Unary ops: the result has the input's type. ---------------------- */

static IpuLogicalResult celuShape(HlCheck *c, IpuType *results) {
  double alpha;
  if (ipuFailed(hlUnaryShape(c, results, true, NULL, NULL)) ||
      ipuFailed(hlAttrF32(c, "alpha", 1.0, &alpha, NULL)))
    return IPU_FAILURE;
  if (alpha == 0.0)
    return hlError(c, "alpha must not be zero");
  return IPU_SUCCESS;
}

HL_DEFINE_FLOAT_UNARY_HOOKS(Reciprocal, "hl.reciprocal", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Floor, "hl.floor", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Ceil, "hl.ceil", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Round, "hl.round", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Erf, "hl.erf", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Sin, "hl.sin", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Cos, "hl.cos", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Softplus, "hl.softplus", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Softsign, "hl.softsign", NULL, NULL)
HL_DEFINE_UNARY_HOOKS(Sign, "hl.sign", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Elu, "hl.elu", "alpha", NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Selu, "hl.selu", "alpha", "gamma")
HL_DEFINE_HOOKS(Celu, "hl.celu", celuShape, 1)
HL_DEFINE_FLOAT_UNARY_HOOKS(ThresholdedRelu, "hl.thresholded_relu", "alpha",
                            NULL)
HL_DEFINE_HOOKS(LogSoftmax, "hl.log_softmax", hlAxisUnaryShape, 1)
HL_DEFINE_HOOKS(Hardmax, "hl.hardmax", hlAxisUnaryShape, 1)

/* ---- Unidirectional broadcasting. ------------------------------------- */

/* Whether `from` broadcasts to exactly `to` (numpy rules, aligned from
 * the right, `from` no higher in rank); dynamic sizes are compatible. */
static bool broadcastsTo(const HlTensor *from, intptr_t rank,
                         const int64_t *to) {
  if (from->rank > rank)
    return false;
  for (intptr_t i = 0; i < from->rank; ++i) {
    int64_t f = from->dims[from->rank - 1 - i], t = to[rank - 1 - i];
    if (f != 1 && f != t && f != IPU_DYNAMIC && t != IPU_DYNAMIC)
      return false;
  }
  return true;
}

static IpuLogicalResult preluShape(HlCheck *c, IpuType *results) {
  HlTensor x, slope;
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlTensorOperand(c, 0, &x)) ||
      ipuFailed(hlTensorOperand(c, 1, &slope)) ||
      ipuFailed(hlExpectFloat(c, 0, &x)))
    return IPU_FAILURE;
  if (x.elem != slope.elem)
    return hlError(c, "requires the same element type for all operands");
  if (x.rank >= 0 && slope.rank >= 0 &&
      !broadcastsTo(&slope, x.rank, x.dims))
    return hlError(c, "'slope' does not broadcast to the input's shape");
  results[0] = x.type;
  return IPU_SUCCESS;
}

HL_DEFINE_HOOKS(PRelu, "hl.prelu", preluShape, 1)

/* ---- ArgMax and ArgMin. ----------------------------------------------- */

static IpuLogicalResult argShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  int64_t axis;
  bool keepDims, last;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlAttrI64(c, "axis", 0, &axis)) ||
      ipuFailed(hlAttrBool(c, "keepdims", true, &keepDims)) ||
      ipuFailed(hlAttrBool(c, "select_last_index", false, &last)) ||
      ipuFailed(hlNormalizeAxis(c, "axis", axis, input.rank, &axis)))
    return IPU_FAILURE;
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  intptr_t n = 0;
  for (intptr_t d = 0; d < input.rank; ++d) {
    if (d != axis)
      dims.v[n++] = input.dims[d];
    else if (keepDims)
      dims.v[n++] = 1;
  }
  dims.n = n;
  return hlDimsResult(c, IPU_SUCCESS, &dims,
                      ipuIntegerTypeGet(c->ctx, 64, IPU_SIGNLESS), results);
}

HL_DEFINE_HOOKS(ArgMax, "hl.argmax", argShape, 1)
HL_DEFINE_HOOKS(ArgMin, "hl.argmin", argShape, 1)

/* ---- Normalisation. --------------------------------------------------- */

static IpuLogicalResult epsilonAttr(HlCheck *c) {
  double epsilon;
  if (ipuFailed(hlAttrF32(c, "epsilon", 1e-5, &epsilon, NULL)))
    return IPU_FAILURE;
  if (!(epsilon >= 0.0))
    return hlError(c, "epsilon must be non-negative, got %g", epsilon);
  return IPU_SUCCESS;
}

static IpuLogicalResult layerNormShape(HlCheck *c, IpuType *results) {
  HlTensor x, p;
  int64_t axis;
  if (ipuFailed(hlCheckOperandCount(c, 2, 3)) ||
      ipuFailed(hlRankedOperand(c, 0, &x)) ||
      ipuFailed(hlExpectFloat(c, 0, &x)) ||
      ipuFailed(hlAttrI64(c, "axis", -1, &axis)) ||
      ipuFailed(epsilonAttr(c)) ||
      ipuFailed(hlNormalizeAxis(c, "axis", axis, x.rank, &axis)))
    return IPU_FAILURE;
  static const char *const names[] = {"input", "scale", "bias"};
  for (intptr_t i = 1; i < c->numOperands; ++i) {
    if (ipuFailed(hlRankedOperand(c, i, &p)))
      return IPU_FAILURE;
    if (p.elem != x.elem)
      return hlError(c, "requires the same element type for all operands");
    if (!broadcastsTo(&p, x.rank - axis, x.dims + axis))
      return hlError(c, "'%s' does not broadcast to the normalised axes",
                     names[i]);
  }
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, x.rank)))
    return IPU_FAILURE;
  for (intptr_t d = 0; d < x.rank; ++d)
    dims.v[d] = d < axis ? x.dims[d] : 1;
  results[0] = x.type;
  results[1] = hlRankedType(c, x.rank, dims.v,
                            ipuFloatTypeGet(c->ctx, IPU_F32));
  results[2] = results[1];
  hlDimsFree(&dims);
  return results[1] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(LayerNorm, "hl.layer_norm", layerNormShape, 3)

static IpuLogicalResult instanceNormShape(HlCheck *c, IpuType *results) {
  HlTensor x, p;
  if (ipuFailed(hlCheckOperandCount(c, 3, 3)) ||
      ipuFailed(hlRankedOperand(c, 0, &x)) ||
      ipuFailed(hlExpectFloat(c, 0, &x)) ||
      ipuFailed(hlExpectMinRank(c, &x, "input", 3)) ||
      ipuFailed(epsilonAttr(c)))
    return IPU_FAILURE;
  static const char *const names[] = {"input", "'scale'", "'bias'"};
  int64_t channels[1] = {x.dims[1]};
  for (intptr_t i = 1; i < 3; ++i) {
    if (ipuFailed(hlRankedOperand(c, i, &p)))
      return IPU_FAILURE;
    if (p.elem != x.elem)
      return hlError(c, "requires the same element type for all operands");
    if (ipuFailed(hlExpectDims(c, names[i], &p, 1, channels)))
      return IPU_FAILURE;
  }
  results[0] = x.type;
  return IPU_SUCCESS;
}

HL_DEFINE_HOOKS(InstanceNorm, "hl.instance_norm", instanceNormShape, 1)
