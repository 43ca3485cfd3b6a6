/* Folding and canonicalization of the element-wise hl ops: constant
 * evaluation on dense elements (same-shape or splat operands), algebraic
 * identities, and moving constants to the right of commutative ops. */
#include <math.h>

#include "hl_fold_support.h"

typedef enum { BIN_ADD, BIN_SUB, BIN_MUL, BIN_DIV, BIN_MAX, BIN_MIN } BinaryKind;

/* ---- Constant evaluation. --------------------------------------------- */

/* Integer arithmetic on the stored bits: unsigned arithmetic wraps without
 * undefined behaviour, and the low bytes stored are the same for every
 * signedness. False when the result is undefined (division by zero,
 * INT64_MIN / -1). */
static bool intBinary(BinaryKind op, bool isUnsigned, int64_t a, int64_t b,
                      uint64_t *out) {
  uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
  switch (op) {
  case BIN_ADD:
    *out = ua + ub;
    return true;
  case BIN_SUB:
    *out = ua - ub;
    return true;
  case BIN_MUL:
    *out = ua * ub;
    return true;
  case BIN_DIV:
    if (b == 0 || (!isUnsigned && a == INT64_MIN && b == -1))
      return false;
    *out = isUnsigned ? ua / ub : (uint64_t)(a / b);
    return true;
  case BIN_MAX:
    *out = (isUnsigned ? ua > ub : a > b) ? ua : ub;
    return true;
  case BIN_MIN:
    *out = (isUnsigned ? ua < ub : a < b) ? ua : ub;
    return true;
  }
  return false;
}

/* In double; exact before the final rounding to f32 for + - * /. Max and
 * min let NaN win, as ONNX's do. */
static double floatBinary(BinaryKind op, double a, double b) {
  switch (op) {
  case BIN_ADD:
    return a + b;
  case BIN_SUB:
    return a - b;
  case BIN_MUL:
    return a * b;
  case BIN_DIV:
    return a / b;
  case BIN_MAX:
    return isnan(a) ? a : isnan(b) ? b : a > b ? a : b;
  case BIN_MIN:
    return isnan(a) ? a : isnan(b) ? b : a < b ? a : b;
  }
  return a;
}

/* A constant whose elements line up with the result's: the same shape,
 * or a splat (which broadcasts to anything). */
static bool fitsResult(IpuAttr c, IpuType type) {
  if (!hlIsFoldable(c) ||
      ipuShapedTypeGetElementType(ipuAttrGetType(c)) !=
          ipuShapedTypeGetElementType(type))
    return false;
  if (ipuDenseElementsAttrIsSplat(c))
    return true;
  IpuType t = ipuAttrGetType(c);
  intptr_t rank = ipuShapedTypeGetRank(t);
  if (rank != ipuShapedTypeGetRank(type))
    return false;
  for (intptr_t d = 0; d < rank; ++d)
    if (ipuShapedTypeGetDimSize(t, d) != ipuShapedTypeGetDimSize(type, d))
      return false;
  return true;
}

static IpuAttr foldBinary(IpuContext *ctx, BinaryKind op, IpuType type,
                          IpuAttr lhs, IpuAttr rhs) {
  if (ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(type) || !fitsResult(lhs, type) ||
      !fitsResult(rhs, type))
    return NULL;
  bool splat =
      ipuDenseElementsAttrIsSplat(lhs) && ipuDenseElementsAttrIsSplat(rhs);
  bool isUnsigned = hlIsUnsignedElement(type);
  HlDenseBuilder db;
  if (!hlDenseBuilderInit(&db, ctx, type, splat))
    return NULL;
  for (int64_t i = 0; i < db.count; ++i) {
    if (db.kind == ELEM_INT) {
      uint64_t v;
      if (!intBinary(op, isUnsigned, ipuDenseElementsAttrGetInt(lhs, i),
                     ipuDenseElementsAttrGetInt(rhs, i), &v)) {
        hlDenseBuilderDiscard(&db);
        return NULL;
      }
      hlDenseBuilderSetInt(&db, i, v);
    } else {
      hlDenseBuilderSetFloat(&db, i,
                             floatBinary(op, ipuDenseElementsAttrGetFloat(lhs, i),
                                         ipuDenseElementsAttrGetFloat(rhs, i)));
    }
  }
  return hlDenseBuilderFinish(&db);
}

typedef enum { UN_RELU, UN_NEG, UN_ABS } UnaryKind;

static IpuAttr foldUnary(IpuContext *ctx, UnaryKind op, IpuAttr input) {
  if (!hlIsFoldable(input))
    return NULL;
  IpuType type = ipuAttrGetType(input);
  if (op != UN_NEG && hlIsUnsignedElement(type))
    return input; /* relu and abs are the identity on unsigned integers */
  HlDenseBuilder db;
  if (!hlDenseBuilderInit(&db, ctx, type, ipuDenseElementsAttrIsSplat(input)))
    return NULL;
  for (int64_t i = 0; i < db.count; ++i) {
    if (db.kind == ELEM_INT) {
      int64_t v = ipuDenseElementsAttrGetInt(input, i);
      uint64_t negated = 0 - (uint64_t)v;
      uint64_t r = op == UN_NEG   ? negated
                   : op == UN_ABS ? (v < 0 ? negated : (uint64_t)v)
                                  : (v > 0 ? (uint64_t)v : 0);
      hlDenseBuilderSetInt(&db, i, r);
    } else {
      double v = ipuDenseElementsAttrGetFloat(input, i);
      double r = op == UN_NEG   ? -v
                 : op == UN_ABS ? fabs(v)
                                : (v > 0 || isnan(v) ? v : 0.0);
      hlDenseBuilderSetFloat(&db, i, r);
    }
  }
  return hlDenseBuilderFinish(&db);
}

/* ---- Identities. ------------------------------------------------------ */

static bool elementIsZero(IpuAttr a, int64_t i) {
  return ipuDenseElementsAttrGetInt(a, i) == 0;
}

static bool elementIsOne(IpuAttr a, int64_t i) {
  return hlIsIntElement(a) ? ipuDenseElementsAttrGetInt(a, i) == 1
                           : ipuDenseElementsAttrGetFloat(a, i) == 1.0;
}

static bool elementIsNegativeZero(IpuAttr a, int64_t i) {
  double v = ipuDenseElementsAttrGetFloat(a, i);
  return v == 0.0 && signbit(v);
}

static bool elementIsPositiveZero(IpuAttr a, int64_t i) {
  double v = ipuDenseElementsAttrGetFloat(a, i);
  return v == 0.0 && !signbit(v);
}

/* `x + c == x` for every x: integer zero, or float -0.0 (0.0 would turn
 * -0.0 into +0.0). */
static bool isAdditiveIdentity(IpuAttr c) {
  if (!hlIsFoldable(c))
    return false;
  return hlIsIntElement(c) ? hlAllElements(c, elementIsZero)
                           : hlAllElements(c, elementIsNegativeZero);
}

/* `x - c == x` for every x: integer zero, or float +0.0. */
static bool isSubtractiveIdentity(IpuAttr c) {
  if (!hlIsFoldable(c))
    return false;
  return hlIsIntElement(c) ? hlAllElements(c, elementIsZero)
                           : hlAllElements(c, elementIsPositiveZero);
}

static bool isOne(IpuAttr c) { return hlAllElements(c, elementIsOne); }

/* `x * c == 0` for every x: integer zero only (NaN * 0 is NaN). */
static bool isIntegerZero(IpuAttr c) {
  return hlIsFoldable(c) && hlIsIntElement(c) &&
         hlAllElements(c, elementIsZero);
}

static IpuAttr zerosOf(IpuContext *ctx, IpuType type) {
  HlDenseBuilder db;
  if (ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(type) ||
      !hlDenseBuilderInit(&db, ctx, type, true))
    return NULL;
  hlDenseBuilderSetInt(&db, 0, 0);
  return hlDenseBuilderFinish(&db);
}

/* ---- Fold hooks. ------------------------------------------------------ */

bool hlFoldConstant(IpuOp *op, const IpuAttr *constOperands,
                    IpuFoldResult *results) {
  IpuAttr value = ipuOpGetAttr(op, "value");
  if (!value || ipuOpGetNumResults(op) != 1)
    return false;
  results[0].attr = value;
  return true;
}

/* The constant on `side` makes the op return its other operand, which
 * must already have the result type (broadcasting would change it). */
typedef bool (*IdentityTest)(IpuAttr c);

static bool foldToOther(IpuOp *op, const IpuAttr *c, int side,
                        IdentityTest isIdentity, IpuFoldResult *results) {
  IpuType type = ipuValueGetType(ipuOpGetResult(op, 0));
  IpuValue other = ipuOpGetOperand(op, 1 - side);
  if (!c[side] || ipuValueGetType(other) != type || !isIdentity(c[side]))
    return false;
  /* With dynamic extents, equal types do not rule out the constant
   * broadcasting `other` to a larger shape, unless it has one element and
   * no more axes. */
  IpuType ctype = ipuAttrGetType(c[side]);
  if (!ipuShapedTypeHasStaticShape(type) &&
      (ipuShapedTypeGetNumElements(ctype) != 1 ||
       ipuShapedTypeGetRank(ctype) > ipuShapedTypeGetRank(type)))
    return false;
  results[0].value = other;
  return true;
}

static bool foldBinaryOp(IpuOp *op, const IpuAttr *c, IpuFoldResult *results,
                         BinaryKind kind) {
  IpuType type = hlSingleResultType(op, 2);
  if (!type)
    return false;
  IpuAttr folded = foldBinary(ipuOpGetContext(op), kind, type, c[0], c[1]);
  if (folded) {
    results[0].attr = folded;
    return true;
  }
  return false;
}

bool hlFoldAdd(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return foldBinaryOp(op, c, results, BIN_ADD) ||
         foldToOther(op, c, 1, isAdditiveIdentity, results) ||
         foldToOther(op, c, 0, isAdditiveIdentity, results);
}

bool hlFoldSub(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return foldBinaryOp(op, c, results, BIN_SUB) ||
         foldToOther(op, c, 1, isSubtractiveIdentity, results);
}

bool hlFoldMul(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  if (foldBinaryOp(op, c, results, BIN_MUL) ||
      foldToOther(op, c, 1, isOne, results) ||
      foldToOther(op, c, 0, isOne, results))
    return true;
  if (!hlSingleResultType(op, 2))
    return false;
  for (int side = 0; side < 2; ++side) {
    if (!isIntegerZero(c[side]))
      continue;
    IpuAttr zeros =
        zerosOf(ipuOpGetContext(op), ipuValueGetType(ipuOpGetResult(op, 0)));
    if (zeros) {
      results[0].attr = zeros;
      return true;
    }
  }
  return false;
}

bool hlFoldDiv(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return foldBinaryOp(op, c, results, BIN_DIV) ||
         foldToOther(op, c, 1, isOne, results);
}

/* max(x, x) and min(x, x) are x. */
static bool foldSameOperands(IpuOp *op, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 2);
  IpuValue lhs = type ? ipuOpGetOperand(op, 0) : NULL;
  if (!lhs || lhs != ipuOpGetOperand(op, 1) || ipuValueGetType(lhs) != type)
    return false;
  results[0].value = lhs;
  return true;
}

bool hlFoldMax(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return foldBinaryOp(op, c, results, BIN_MAX) ||
         foldSameOperands(op, results);
}

bool hlFoldMin(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return foldBinaryOp(op, c, results, BIN_MIN) ||
         foldSameOperands(op, results);
}

bool hlFoldPow(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return hlSingleResultType(op, 2) && foldToOther(op, c, 1, isOne, results);
}

static bool foldUnaryOp(IpuOp *op, const IpuAttr *c, IpuFoldResult *results,
                        UnaryKind kind) {
  IpuType type = hlSingleResultType(op, 1);
  if (!type || ipuValueGetType(ipuOpGetOperand(op, 0)) != type ||
      !c[0] || ipuAttrGetType(c[0]) != type)
    return false;
  IpuAttr folded = foldUnary(ipuOpGetContext(op), kind, c[0]);
  if (!folded)
    return false;
  results[0].attr = folded;
  return true;
}

/* The input's producer, when it is `name` and the types line up. */
static IpuOp *producerNamed(IpuOp *op, const char *name) {
  IpuType type = hlSingleResultType(op, 1);
  IpuValue input = type ? ipuOpGetOperand(op, 0) : NULL;
  IpuOp *producer = input ? ipuValueGetDefiningOp(input) : NULL;
  return producer && ipuOpIsA(producer, name) &&
                 ipuValueGetType(input) == type
             ? producer
             : NULL;
}

bool hlFoldRelu(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  if (foldUnaryOp(op, c, results, UN_RELU))
    return true;
  /* relu is the identity on unsigned integers and idempotent. */
  IpuType type = hlSingleResultType(op, 1);
  if (!type || ipuValueGetType(ipuOpGetOperand(op, 0)) != type)
    return false;
  if (hlIsUnsignedElement(type) || producerNamed(op, "hl.relu")) {
    results[0].value = ipuOpGetOperand(op, 0);
    return true;
  }
  return false;
}

bool hlFoldNeg(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  if (foldUnaryOp(op, c, results, UN_NEG))
    return true;
  IpuOp *inner = producerNamed(op, "hl.neg");
  if (!inner || ipuOpGetNumOperands(inner) != 1 ||
      ipuValueGetType(ipuOpGetOperand(inner, 0)) !=
          ipuValueGetType(ipuOpGetResult(op, 0)))
    return false;
  results[0].value = ipuOpGetOperand(inner, 0);
  return true;
}

bool hlFoldAbs(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  if (foldUnaryOp(op, c, results, UN_ABS))
    return true;
  IpuType type = hlSingleResultType(op, 1);
  if (!type || ipuValueGetType(ipuOpGetOperand(op, 0)) != type)
    return false;
  if (hlIsUnsignedElement(type) || producerNamed(op, "hl.abs")) {
    results[0].value = ipuOpGetOperand(op, 0);
    return true;
  }
  return false;
}

/* hl.identity and hl.dropout: the input. */
bool hlFoldIdentity(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  if (!type || ipuValueGetType(ipuOpGetOperand(op, 0)) != type)
    return false;
  results[0].value = ipuOpGetOperand(op, 0);
  return true;
}

/* ---- Canonicalization. ------------------------------------------------ */

/* Puts a constant left operand of a commutative op on the right, so that
 * folds and later patterns need only look at one side. */
static IpuLogicalResult moveConstantRight(IpuOp *op, IpuRewriter *rw,
                                          void *userData) {
  if (ipuOpGetNumOperands(op) != 2)
    return ipuRewriterNotifyMatchFailure(rw, op, "not a binary op");
  IpuValue lhs = ipuOpGetOperand(op, 0);
  IpuValue rhs = ipuOpGetOperand(op, 1);
  IpuOp *lhsOp = ipuValueGetDefiningOp(lhs);
  IpuOp *rhsOp = ipuValueGetDefiningOp(rhs);
  IpuAttr ignored;
  if (!lhsOp || !ipuOpMatchConstant(lhsOp, &ignored))
    return ipuRewriterNotifyMatchFailure(rw, op, "left operand not constant");
  if (rhsOp && ipuOpMatchConstant(rhsOp, &ignored))
    return ipuRewriterNotifyMatchFailure(rw, op, "both operands constant");
  ipuRewriterStartModification(rw, op);
  ipuOpSetOperand(op, 0, rhs);
  ipuOpSetOperand(op, 1, lhs);
  ipuRewriterFinalizeModification(rw, op);
  return IPU_SUCCESS;
}

static void addMoveConstantRight(IpuPatternSet *set, const char *opName) {
  IpuPattern pattern = {
      .rootName = opName,
      .benefit = 1,
      .matchAndRewrite = moveConstantRight,
      .debugName = "hl-commutative-constant-to-right",
      .userData = NULL,
  };
  ipuPatternSetAdd(set, &pattern);
}

void hlAddCanonicalizationPatterns(IpuPatternSet *set) {
  addMoveConstantRight(set, "hl.add");
}

void hlMulCanonicalizationPatterns(IpuPatternSet *set) {
  addMoveConstantRight(set, "hl.mul");
}

void hlMaxCanonicalizationPatterns(IpuPatternSet *set) {
  addMoveConstantRight(set, "hl.max");
}

void hlMinCanonicalizationPatterns(IpuPatternSet *set) {
  addMoveConstantRight(set, "hl.min");
}
