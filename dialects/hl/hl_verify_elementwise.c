/* Verifiers and result type inference of the element-wise hl ops: unary
 * ops and activations (result type = input type), the broadcasting binary
 * ops (numpy broadcast shape) and cast. */
#include "hl_check.h"
#include "hl_hooks.h"

/* ---- Unary ops: the result has the input's type. ---------------------- */

IpuLogicalResult hlUnaryShape(HlCheck *c, IpuType *results, bool floatOnly,
                              const char *attrA, const char *attrB) {
  HlTensor t;
  double ignored;
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
  if ((attrA && ipuFailed(hlAttrF32(c, attrA, 0.0, &ignored, NULL))) ||
      (attrB && ipuFailed(hlAttrF32(c, attrB, 0.0, &ignored, NULL))))
    return IPU_FAILURE;
  return IPU_SUCCESS;
}

IpuLogicalResult hlAxisUnaryShape(HlCheck *c, IpuType *results) {
  int64_t axis, normalized;
  if (ipuFailed(hlUnaryShape(c, results, true, NULL, NULL)) ||
      ipuFailed(hlAttrI64(c, "axis", -1, &axis)))
    return IPU_FAILURE;
  if (!ipuShapedTypeHasRank(results[0]))
    return IPU_SUCCESS;
  return hlNormalizeAxis(c, "axis", axis, ipuShapedTypeGetRank(results[0]),
                         &normalized);
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

static IpuLogicalResult dropoutShape(HlCheck *c, IpuType *results) {
  double ratio;
  if (ipuFailed(hlUnaryShape(c, results, false, NULL, NULL)) ||
      ipuFailed(hlAttrF32(c, "ratio", 0.5, &ratio, NULL)))
    return IPU_FAILURE;
  if (!(ratio >= 0.0 && ratio < 1.0))
    return hlError(c, "ratio must be in [0, 1), got %g", ratio);
  return IPU_SUCCESS;
}

HL_DEFINE_HOOKS(Identity, "hl.identity", identityShape, 1)
HL_DEFINE_UNARY_HOOKS(Neg, "hl.neg", NULL, NULL)
HL_DEFINE_UNARY_HOOKS(Abs, "hl.abs", NULL, NULL)
HL_DEFINE_UNARY_HOOKS(Relu, "hl.relu", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Sqrt, "hl.sqrt", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Exp, "hl.exp", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Log, "hl.log", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Sigmoid, "hl.sigmoid", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(Tanh, "hl.tanh", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(HardSwish, "hl.hard_swish", NULL, NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(LeakyRelu, "hl.leaky_relu", "alpha", NULL)
HL_DEFINE_FLOAT_UNARY_HOOKS(HardSigmoid, "hl.hard_sigmoid", "alpha", "beta")
HL_DEFINE_UNARY_HOOKS(Clip, "hl.clip", "min", "max")
HL_DEFINE_HOOKS(Dropout, "hl.dropout", dropoutShape, 1)
HL_DEFINE_HOOKS(Softmax, "hl.softmax", hlAxisUnaryShape, 1)

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
  return hlDimsResult(c, IPU_SUCCESS, &dims, lhs->elem, results);
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
