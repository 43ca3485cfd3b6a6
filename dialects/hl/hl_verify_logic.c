/* Verifiers and result type inference of the hl comparisons, boolean
 * logic on i1 tensors and hl.where, plus hl.not's fold. */
#include "hl_check.h"
#include "hl_hooks.h"

static bool isBool(IpuType elem) {
  return hlIsInt(elem) && ipuIntegerTypeGetWidth(elem) == 1 &&
         ipuIntegerTypeGetSignedness(elem) == IPU_SIGNLESS;
}

/* An operand that must be an i1 tensor, with ODS's wording otherwise. */
static IpuLogicalResult boolOperand(const HlCheck *c, intptr_t i,
                                    HlTensor *t) {
  if (ipuFailed(hlTensorOperand(c, i, t)))
    return IPU_FAILURE;
  if (isBool(t->elem))
    return IPU_SUCCESS;
  DialectText text;
  return hlError(c, "operand #%jd must be tensor of 1-bit signless integer "
                    "values, but got '%s'",
                 (intmax_t)i, dialectTypeText(t->type, &text));
}

/* results[0]: the broadcast of `n` tensors with `elem` as element type;
 * unranked when any of them is. */
static IpuLogicalResult broadcastAll(HlCheck *c, const HlTensor *ts, int n,
                                     IpuType elem, IpuType *results) {
  for (int i = 0; i < n; ++i) {
    if (ts[i].rank < 0) {
      results[0] = ipuUnrankedTensorTypeGet(c->ctx, elem);
      return IPU_SUCCESS;
    }
  }
  HlDims acc;
  if (ipuFailed(hlDimsInit(c, &acc, ts[0].rank)))
    return IPU_FAILURE;
  for (intptr_t d = 0; d < ts[0].rank; ++d)
    acc.v[d] = ts[0].dims[d];
  for (int i = 1; i < n; ++i) {
    HlTensor sofar = {NULL, elem, acc.n, acc.v};
    HlDims next;
    IpuLogicalResult ok = hlBroadcastShapes(c, &sofar, &ts[i], &next);
    hlDimsFree(&acc);
    if (ipuFailed(ok))
      return IPU_FAILURE;
    acc = next;
    if (acc.v == next.small) /* the inline buffer moved with the struct */
      acc.v = acc.small;
  }
  return hlDimsResult(c, IPU_SUCCESS, &acc, elem, results);
}

static IpuType boolType(const HlCheck *c) {
  return ipuIntegerTypeGet(c->ctx, 1, IPU_SIGNLESS);
}

static IpuLogicalResult compareShape(HlCheck *c, IpuType *results) {
  HlTensor t[2];
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlTensorOperand(c, 0, &t[0])) ||
      ipuFailed(hlTensorOperand(c, 1, &t[1])))
    return IPU_FAILURE;
  if (t[0].elem != t[1].elem)
    return hlError(c, "requires the same element type for all operands");
  return broadcastAll(c, t, 2, boolType(c), results);
}

static IpuLogicalResult logicShape(HlCheck *c, IpuType *results) {
  HlTensor t[2];
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(boolOperand(c, 0, &t[0])) ||
      ipuFailed(boolOperand(c, 1, &t[1])))
    return IPU_FAILURE;
  return broadcastAll(c, t, 2, boolType(c), results);
}

static IpuLogicalResult notShape(HlCheck *c, IpuType *results) {
  HlTensor t;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)))
    return IPU_FAILURE;
  if (c->op && ipuFailed(dialectVerifyAllTypesMatch(c->op)))
    return IPU_FAILURE;
  if (ipuFailed(boolOperand(c, 0, &t)))
    return IPU_FAILURE;
  results[0] = t.type;
  return IPU_SUCCESS;
}

static IpuLogicalResult whereShape(HlCheck *c, IpuType *results) {
  HlTensor t[3];
  if (ipuFailed(hlCheckOperandCount(c, 3, 3)) ||
      ipuFailed(boolOperand(c, 0, &t[0])) ||
      ipuFailed(hlTensorOperand(c, 1, &t[1])) ||
      ipuFailed(hlTensorOperand(c, 2, &t[2])))
    return IPU_FAILURE;
  if (t[1].elem != t[2].elem)
    return hlError(c, "requires the same element type for 'x' and 'y'");
  return broadcastAll(c, t, 3, t[1].elem, results);
}

HL_DEFINE_HOOKS(Equal, "hl.equal", compareShape, 1)
HL_DEFINE_HOOKS(Less, "hl.less", compareShape, 1)
HL_DEFINE_HOOKS(LessOrEqual, "hl.less_equal", compareShape, 1)
HL_DEFINE_HOOKS(Greater, "hl.greater", compareShape, 1)
HL_DEFINE_HOOKS(GreaterOrEqual, "hl.greater_equal", compareShape, 1)
HL_DEFINE_HOOKS(And, "hl.and", logicShape, 1)
HL_DEFINE_HOOKS(Or, "hl.or", logicShape, 1)
HL_DEFINE_HOOKS(Xor, "hl.xor", logicShape, 1)
HL_DEFINE_HOOKS(Not, "hl.not", notShape, 1)
HL_DEFINE_HOOKS(Where, "hl.where", whereShape, 1)

/* not(not(x)) is x. */
bool hlFoldNot(IpuOp *op, const IpuAttr *constOperands,
               IpuFoldResult *results) {
  if (ipuOpGetNumOperands(op) != 1 || ipuOpGetNumResults(op) != 1)
    return false;
  IpuOp *inner = ipuValueGetDefiningOp(ipuOpGetOperand(op, 0));
  if (!inner || !ipuOpIsA(inner, "hl.not") ||
      ipuOpGetNumOperands(inner) != 1)
    return false;
  IpuValue x = ipuOpGetOperand(inner, 0);
  if (ipuValueGetType(x) != ipuValueGetType(ipuOpGetResult(op, 0)))
    return false;
  results[0].value = x;
  return true;
}
