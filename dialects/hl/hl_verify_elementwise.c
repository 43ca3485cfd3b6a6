/* Verifiers and result type inference of the element-wise hl ops: unary
 * ops and activations (result type = input type), the broadcasting binary
 * ops (numpy broadcast shape) and cast. */
#include "hl_check.h"
#include "hl_hooks.h"

/* ---- Unary ops: the result has the input's type. ---------------------- */

static IpuLogicalResult unaryCommon(HlCheck *c, IpuType *results,
                                    bool floatOnly) {
  HlTensor t;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)))
    return IPU_FAILURE;
  /* The uniform short form prints one type for these ops, so operand and
   * result must be the very same type, not just compatible ones. */
  if (c->op && ipuFailed(dialectVerifyAllTypesMatch(c->op)))
    return IPU_FAILURE;
  if (ipuFailed(hlTensorOperand(c, 0, &t)) ||
      (floatOnly && ipuFailed(hlExpectFloat(c, 0, &t))))
    return IPU_FAILURE;
  results[0] = t.type;
  return IPU_SUCCESS;
}

static IpuLogicalResult unaryShape(HlCheck *c, IpuType *results) {
  return unaryCommon(c, results, false);
}

/* hl.identity also casts between compatible types (tensor.cast's role,
 * e.g. where hl-infer-shapes refined a value that meets a type that
 * stayed); the SameOperandsAndResultType trait checks the compatibility. */
static IpuLogicalResult identityShape(HlCheck *c, IpuType *results) {
  HlTensor t;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlTensorOperand(c, 0, &t)))
    return IPU_FAILURE;
  results[0] = t.type;
  return IPU_SUCCESS;
}

static IpuLogicalResult floatUnaryShape(HlCheck *c, IpuType *results) {
  return unaryCommon(c, results, true);
}

static IpuLogicalResult leakyReluShape(HlCheck *c, IpuType *results) {
  double alpha;
  if (ipuFailed(unaryCommon(c, results, true)))
    return IPU_FAILURE;
  return hlAttrF32(c, "alpha", 0.01, &alpha, NULL);
}

static IpuLogicalResult hardSigmoidShape(HlCheck *c, IpuType *results) {
  double alpha, beta;
  if (ipuFailed(unaryCommon(c, results, true)) ||
      ipuFailed(hlAttrF32(c, "alpha", 0.2, &alpha, NULL)))
    return IPU_FAILURE;
  return hlAttrF32(c, "beta", 0.5, &beta, NULL);
}

static IpuLogicalResult clipShape(HlCheck *c, IpuType *results) {
  double min, max;
  bool hasMin, hasMax;
  if (ipuFailed(unaryCommon(c, results, false)) ||
      ipuFailed(hlAttrF32(c, "min", 0.0, &min, &hasMin)) ||
      ipuFailed(hlAttrF32(c, "max", 0.0, &max, &hasMax)))
    return IPU_FAILURE;
  return IPU_SUCCESS;
}

static IpuLogicalResult dropoutShape(HlCheck *c, IpuType *results) {
  double ratio;
  if (ipuFailed(unaryCommon(c, results, false)) ||
      ipuFailed(hlAttrF32(c, "ratio", 0.5, &ratio, NULL)))
    return IPU_FAILURE;
  if (!(ratio >= 0.0 && ratio < 1.0))
    return hlError(c, "ratio must be in [0, 1), got %g", ratio);
  return IPU_SUCCESS;
}

static IpuLogicalResult softmaxShape(HlCheck *c, IpuType *results) {
  int64_t axis, normalized;
  if (ipuFailed(unaryCommon(c, results, true)) ||
      ipuFailed(hlAttrI64(c, "axis", -1, &axis)))
    return IPU_FAILURE;
  IpuType t = results[0];
  if (!ipuShapedTypeHasRank(t))
    return IPU_SUCCESS;
  return hlNormalizeAxis(c, "axis", axis, ipuShapedTypeGetRank(t),
                         &normalized);
}

HL_DEFINE_HOOKS(Identity, "hl.identity", identityShape, 1)
HL_DEFINE_HOOKS(Neg, "hl.neg", unaryShape, 1)
HL_DEFINE_HOOKS(Abs, "hl.abs", unaryShape, 1)
HL_DEFINE_HOOKS(Relu, "hl.relu", unaryShape, 1)
HL_DEFINE_HOOKS(Sqrt, "hl.sqrt", floatUnaryShape, 1)
HL_DEFINE_HOOKS(Exp, "hl.exp", floatUnaryShape, 1)
HL_DEFINE_HOOKS(Log, "hl.log", floatUnaryShape, 1)
HL_DEFINE_HOOKS(Sigmoid, "hl.sigmoid", floatUnaryShape, 1)
HL_DEFINE_HOOKS(Tanh, "hl.tanh", floatUnaryShape, 1)
HL_DEFINE_HOOKS(HardSwish, "hl.hard_swish", floatUnaryShape, 1)
HL_DEFINE_HOOKS(LeakyRelu, "hl.leaky_relu", leakyReluShape, 1)
HL_DEFINE_HOOKS(HardSigmoid, "hl.hard_sigmoid", hardSigmoidShape, 1)
HL_DEFINE_HOOKS(Clip, "hl.clip", clipShape, 1)
HL_DEFINE_HOOKS(Dropout, "hl.dropout", dropoutShape, 1)
HL_DEFINE_HOOKS(Softmax, "hl.softmax", softmaxShape, 1)

/* ---- Broadcasting binary ops. ----------------------------------------- */

static IpuLogicalResult broadcastResult(HlCheck *c, const HlTensor *lhs,
                                        const HlTensor *rhs,
                                        IpuType *results) {
  if (lhs->rank < 0 || rhs->rank < 0) {
    results[0] = ipuUnrankedTensorTypeGet(c->ctx, lhs->elem);
    return IPU_SUCCESS;
  }
  HlDims dims;
  if (ipuFailed(hlBroadcastShapes(c, lhs, rhs, &dims)))
    return IPU_FAILURE;
  results[0] = hlRankedType(c, dims.n, dims.v, lhs->elem);
  hlDimsFree(&dims);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

static IpuLogicalResult binaryShape(HlCheck *c, IpuType *results) {
  HlTensor lhs, rhs;
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlTensorOperand(c, 0, &lhs)) ||
      ipuFailed(hlTensorOperand(c, 1, &rhs)))
    return IPU_FAILURE;
  if (lhs.elem != rhs.elem)
    return hlError(c, "requires the same element type for all operands");
  return broadcastResult(c, &lhs, &rhs, results);
}

/* The exponent may have another element type than the base. */
static IpuLogicalResult powShape(HlCheck *c, IpuType *results) {
  HlTensor lhs, rhs;
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlTensorOperand(c, 0, &lhs)) ||
      ipuFailed(hlTensorOperand(c, 1, &rhs)))
    return IPU_FAILURE;
  return broadcastResult(c, &lhs, &rhs, results);
}

HL_DEFINE_HOOKS(Add, "hl.add", binaryShape, 1)
HL_DEFINE_HOOKS(Sub, "hl.sub", binaryShape, 1)
HL_DEFINE_HOOKS(Mul, "hl.mul", binaryShape, 1)
HL_DEFINE_HOOKS(Div, "hl.div", binaryShape, 1)
HL_DEFINE_HOOKS(Max, "hl.max", binaryShape, 1)
HL_DEFINE_HOOKS(Min, "hl.min", binaryShape, 1)
HL_DEFINE_HOOKS(Pow, "hl.pow", powShape, 1)

/* ---- Cast. ------------------------------------------------------------ */

static IpuLogicalResult castShape(HlCheck *c, IpuType *results) {
  HlTensor t;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlTensorOperand(c, 0, &t)))
    return IPU_FAILURE;
  IpuAttr to = hlRequiredAttr(c, "to");
  if (!to)
    return IPU_FAILURE;
  if (ipuAttrGetKind(to) != IPU_ATTR_TYPE)
    return hlError(c, "attribute 'to' failed to satisfy constraint: %s",
                   ipuAttrConstraintName(IPU_ATTRC_TYPE));
  IpuType elem = ipuTypeAttrGetValue(to);
  if (!hlIsInt(elem) && !hlIsFloat(elem)) {
    DialectText text;
    return hlError(c, "attribute 'to' must be an integer or floating-point "
                      "type, got '%s'",
                   dialectTypeText(elem, &text));
  }
  results[0] = t.rank < 0 ? ipuUnrankedTensorTypeGet(c->ctx, elem)
                          : hlRankedType(c, t.rank, t.dims, elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Cast, "hl.cast", castShape, 1)
