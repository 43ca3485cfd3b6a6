/* Folding and canonicalization of the hl ops: constant evaluation of
 * element-wise ops on dense elements, algebraic identities, and moving
 * constants to the right of commutative ops. */
#include <math.h>
#include <string.h>

#include "hl_hooks.h"

/* How the elements of a dense attribute are computed on: integers of the
 * widths whose storage is exactly their width (wrap-around arithmetic),
 * f32 and f64. Other element types are not folded. */
typedef enum { ELEM_NONE, ELEM_INT, ELEM_F32, ELEM_F64 } ElemKind;

typedef enum { BIN_ADD, BIN_MUL } BinaryKind;

static ElemKind elemKindOf(IpuType shaped) {
  IpuType elem = ipuShapedTypeGetElementType(shaped);
  if (!elem)
    return ELEM_NONE;
  if (ipuTypeIsInteger(elem)) {
    unsigned width = ipuIntegerTypeGetWidth(elem);
    bool exact = width == 8 || width == 16 || width == 32 || width == 64;
    return exact ? ELEM_INT : ELEM_NONE;
  }
  if (ipuTypeIsFloat(elem)) {
    switch (ipuFloatTypeGetKind(elem)) {
    case IPU_F32:
      return ELEM_F32;
    case IPU_F64:
      return ELEM_F64;
    default:
      return ELEM_NONE;
    }
  }
  return ELEM_NONE;
}

/* A dense elements attribute (not a resource) we can compute on. */
static bool isFoldable(IpuAttr a) {
  return a && ipuAttrGetKind(a) == IPU_ATTR_DENSE_ELEMENTS &&
         elemKindOf(ipuAttrGetType(a)) != ELEM_NONE;
}

static void storeLittleEndian(uint8_t *p, unsigned bytes, uint64_t v) {
  for (unsigned i = 0; i < bytes; ++i)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void storeF32(uint8_t *p, float f) {
  uint32_t bits;
  memcpy(&bits, &f, sizeof bits);
  storeLittleEndian(p, 4, bits);
}

static void storeF64(uint8_t *p, double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  storeLittleEndian(p, 8, bits);
}

/* Element storage of a new dense attribute of `type`: one element for a
 * splat, all of them otherwise. */
typedef struct {
  IpuContext *ctx;
  IpuType type;
  ElemKind kind;
  size_t elemBytes;
  int64_t count;
  bool splat;
  uint8_t *data;
} DenseBuilder;

static bool denseBuilderInit(DenseBuilder *db, IpuContext *ctx, IpuType type,
                             bool splat) {
  db->ctx = ctx;
  db->type = type;
  db->kind = elemKindOf(type);
  db->elemBytes = ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type));
  db->count = splat ? 1 : ipuShapedTypeGetNumElements(type);
  db->splat = splat;
  db->data = NULL;
  if (db->kind == ELEM_NONE || db->count <= 0 || db->elemBytes == 0 ||
      (uint64_t)db->count > SIZE_MAX / db->elemBytes)
    return false;
  db->data = ipuAlloc(ctx, (size_t)db->count * db->elemBytes);
  return db->data != NULL;
}

static void denseBuilderSetInt(DenseBuilder *db, int64_t i, uint64_t v) {
  storeLittleEndian(db->data + (size_t)i * db->elemBytes,
                    (unsigned)db->elemBytes, v);
}

static void denseBuilderSetFloat(DenseBuilder *db, int64_t i, double v) {
  uint8_t *p = db->data + (size_t)i * db->elemBytes;
  if (db->kind == ELEM_F32)
    storeF32(p, (float)v);
  else
    storeF64(p, v);
}

/* Hands the data to a new (or existing, equal) attribute. */
static IpuAttr denseBuilderFinish(DenseBuilder *db) {
  return ipuDenseElementsAttrGetOwned(db->ctx, db->type, db->data,
                                      (size_t)db->count * db->elemBytes,
                                      db->splat);
}

static IpuAttr foldBinary(IpuContext *ctx, BinaryKind op, IpuAttr lhs,
                          IpuAttr rhs) {
  IpuType type = ipuAttrGetType(lhs);
  if (!isFoldable(lhs) || !isFoldable(rhs) || ipuAttrGetType(rhs) != type)
    return NULL;
  bool splat =
      ipuDenseElementsAttrIsSplat(lhs) && ipuDenseElementsAttrIsSplat(rhs);
  DenseBuilder db;
  if (!denseBuilderInit(&db, ctx, type, splat))
    return NULL;
  for (int64_t i = 0; i < db.count; ++i) {
    if (db.kind == ELEM_INT) {
      /* Unsigned arithmetic wraps without undefined behaviour; the low
       * bytes stored are the same for every signedness. */
      uint64_t a = (uint64_t)ipuDenseElementsAttrGetInt(lhs, i);
      uint64_t b = (uint64_t)ipuDenseElementsAttrGetInt(rhs, i);
      denseBuilderSetInt(&db, i, op == BIN_ADD ? a + b : a * b);
    } else if (db.kind == ELEM_F32) {
      float a = (float)ipuDenseElementsAttrGetFloat(lhs, i);
      float b = (float)ipuDenseElementsAttrGetFloat(rhs, i);
      denseBuilderSetFloat(&db, i, op == BIN_ADD ? a + b : a * b);
    } else {
      double a = ipuDenseElementsAttrGetFloat(lhs, i);
      double b = ipuDenseElementsAttrGetFloat(rhs, i);
      denseBuilderSetFloat(&db, i, op == BIN_ADD ? a + b : a * b);
    }
  }
  return denseBuilderFinish(&db);
}

static bool isUnsignedElement(IpuType shaped) {
  IpuType elem = ipuShapedTypeGetElementType(shaped);
  return ipuTypeIsInteger(elem) &&
         ipuIntegerTypeGetSignedness(elem) == IPU_UNSIGNED;
}

static IpuAttr foldRelu(IpuContext *ctx, IpuAttr input) {
  if (!isFoldable(input))
    return NULL;
  IpuType type = ipuAttrGetType(input);
  if (isUnsignedElement(type))
    return input;
  DenseBuilder db;
  if (!denseBuilderInit(&db, ctx, type, ipuDenseElementsAttrIsSplat(input)))
    return NULL;
  for (int64_t i = 0; i < db.count; ++i) {
    if (db.kind == ELEM_INT) {
      int64_t v = ipuDenseElementsAttrGetInt(input, i);
      denseBuilderSetInt(&db, i, v > 0 ? (uint64_t)v : 0);
    } else {
      double v = ipuDenseElementsAttrGetFloat(input, i);
      denseBuilderSetFloat(&db, i, v > 0 || isnan(v) ? v : 0.0);
    }
  }
  return denseBuilderFinish(&db);
}

/* True if every element of the dense attribute `a` satisfies `pred`;
 * stops at the first that does not. */
typedef bool (*ElementPredicate)(IpuAttr a, int64_t i);

static bool allElements(IpuAttr a, ElementPredicate pred) {
  if (!isFoldable(a))
    return false;
  int64_t n = ipuDenseElementsAttrIsSplat(a)
                  ? 1
                  : ipuShapedTypeGetNumElements(ipuAttrGetType(a));
  for (int64_t i = 0; i < n; ++i)
    if (!pred(a, i))
      return false;
  return true;
}

static bool isIntElement(IpuAttr a) {
  return elemKindOf(ipuAttrGetType(a)) == ELEM_INT;
}

static bool elementIsZero(IpuAttr a, int64_t i) {
  return ipuDenseElementsAttrGetInt(a, i) == 0;
}

static bool elementIsOne(IpuAttr a, int64_t i) {
  return isIntElement(a) ? ipuDenseElementsAttrGetInt(a, i) == 1
                         : ipuDenseElementsAttrGetFloat(a, i) == 1.0;
}

static bool elementIsNegativeZero(IpuAttr a, int64_t i) {
  double v = ipuDenseElementsAttrGetFloat(a, i);
  return v == 0.0 && signbit(v);
}

/* `x + c == x` for every x: integer zero, or float -0.0 (0.0 would turn
 * -0.0 into +0.0). */
static bool isAdditiveIdentity(IpuAttr c) {
  if (!isFoldable(c))
    return false;
  return isIntElement(c) ? allElements(c, elementIsZero)
                         : allElements(c, elementIsNegativeZero);
}

static bool isMultiplicativeIdentity(IpuAttr c) {
  return allElements(c, elementIsOne);
}

/* `x * c == c` for every x: integer zero only (NaN * 0 is NaN). */
static bool isIntegerZero(IpuAttr c) {
  return isFoldable(c) && isIntElement(c) && allElements(c, elementIsZero);
}

/* Common shape of the element-wise folds: exactly the operand and result
 * counts the table promises, and constants of the result type. */
static IpuType singleResultType(IpuOp *op, intptr_t numOperands) {
  if (ipuOpGetNumOperands(op) != numOperands || ipuOpGetNumResults(op) != 1)
    return NULL;
  return ipuValueGetType(ipuOpGetResult(op, 0));
}

static bool hasType(IpuAttr c, IpuType type) {
  return c && ipuAttrGetType(c) == type;
}

bool hlFoldConstant(IpuOp *op, const IpuAttr *constOperands,
                    IpuFoldResult *results) {
  IpuAttr value = ipuOpGetAttr(op, "value");
  if (!value || ipuOpGetNumResults(op) != 1)
    return false;
  results[0].attr = value;
  return true;
}

/* Shared by add and mul: constant operands, then identities on either
 * side (canonicalization normally puts the constant on the right). */
static bool foldCommutative(IpuOp *op, const IpuAttr *c,
                            IpuFoldResult *results, BinaryKind kind) {
  IpuType type = singleResultType(op, 2);
  if (!type)
    return false;
  if (hasType(c[0], type) && hasType(c[1], type)) {
    IpuAttr folded = foldBinary(ipuOpGetContext(op), kind, c[0], c[1]);
    if (folded) {
      results[0].attr = folded;
      return true;
    }
  }
  for (int side = 1; side >= 0; --side) {
    IpuAttr k = c[side];
    IpuValue other = ipuOpGetOperand(op, 1 - side);
    if (!hasType(k, type) || ipuValueGetType(other) != type)
      continue;
    if (kind == BIN_ADD ? isAdditiveIdentity(k)
                        : isMultiplicativeIdentity(k)) {
      results[0].value = other;
      return true;
    }
    if (kind == BIN_MUL && isIntegerZero(k)) {
      results[0].attr = k;
      return true;
    }
  }
  return false;
}

bool hlFoldAdd(IpuOp *op, const IpuAttr *constOperands,
               IpuFoldResult *results) {
  return foldCommutative(op, constOperands, results, BIN_ADD);
}

bool hlFoldMul(IpuOp *op, const IpuAttr *constOperands,
               IpuFoldResult *results) {
  return foldCommutative(op, constOperands, results, BIN_MUL);
}

bool hlFoldRelu(IpuOp *op, const IpuAttr *constOperands,
                IpuFoldResult *results) {
  IpuType type = singleResultType(op, 1);
  if (!type)
    return false;
  IpuValue input = ipuOpGetOperand(op, 0);
  if (ipuValueGetType(input) != type)
    return false;
  if (hasType(constOperands[0], type)) {
    IpuAttr folded = foldRelu(ipuOpGetContext(op), constOperands[0]);
    if (folded) {
      results[0].attr = folded;
      return true;
    }
  }
  /* relu is the identity on unsigned integers and idempotent. */
  IpuOp *producer = ipuValueGetDefiningOp(input);
  if (isUnsignedElement(type) || (producer && ipuOpIsA(producer, "hl.relu"))) {
    results[0].value = input;
    return true;
  }
  return false;
}

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
