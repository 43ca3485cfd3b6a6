/* The tile dialect (work mapped onto hardware units, not yet placed): the
 * tile.array verifier and the exported dialect definition. */
#include "dialect_support.h"
#include "ipu/dialects.h"

/* Widest weight a cell of the analog arrays holds. */
enum { MAX_WEIGHT_BITS = 8 };

/* ODS's words for an I64Attr confined to [min, max]. */
static IpuLogicalResult checkRange(IpuOp *op, const char *name,
                                   int64_t value, int64_t min, int64_t max,
                                   const char *rangeText) {
  if (value >= min && value <= max)
    return IPU_SUCCESS;
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute %s",
                        name, rangeText);
}

static IpuLogicalResult verifyArray(IpuOp *op) {
  int64_t rows, cols, weightBits = MAX_WEIGHT_BITS;
  if (!dialectGetIntAttr(op, "rows", &rows) ||
      !dialectGetIntAttr(op, "cols", &cols) || ipuOpGetNumOperands(op) != 1)
    return IPU_FAILURE; /* the generic checks report it */
  dialectGetIntAttr(op, "weight_bits", &weightBits);
  if (ipuFailed(checkRange(op, "rows", rows, 1, INT64_MAX,
                           "whose minimum value is 1")) ||
      ipuFailed(checkRange(op, "cols", cols, 1, INT64_MAX,
                           "whose minimum value is 1")) ||
      ipuFailed(checkRange(op, "weight_bits", weightBits, 1, MAX_WEIGHT_BITS,
                           "whose minimum value is 1 whose maximum value "
                           "is 8")))
    return IPU_FAILURE;

  IpuType type = ipuValueGetType(ipuOpGetOperand(op, 0));
  bool isRankedTensor = ipuTypeGetKind(type) == IPU_TYPE_RANKED_TENSOR;
  IpuType elem = isRankedTensor ? ipuShapedTypeGetElementType(type) : NULL;
  if (!isRankedTensor || ipuShapedTypeGetRank(type) != 2 ||
      !ipuShapedTypeHasStaticShape(type) || !ipuTypeIsInteger(elem)) {
    DialectText text;
    return ipuOpEmitError(op,
                          "operand #0 must be statically shaped 2-D tensor "
                          "of integers, but got '%s'",
                          dialectTypeText(type, &text));
  }
  if (ipuFailed(dialectVerifyAllTypesMatch(op)))
    return IPU_FAILURE;
  int64_t k = ipuShapedTypeGetDimSize(type, 0);
  int64_t n = ipuShapedTypeGetDimSize(type, 1);
  if (k > rows || n > cols)
    return ipuOpEmitError(op,
                          "weight block of %lldx%lld does not fit an array "
                          "of %lldx%lld",
                          (long long)k, (long long)n, (long long)rows,
                          (long long)cols);
  if ((int64_t)ipuIntegerTypeGetWidth(elem) < weightBits) {
    DialectText text;
    return ipuOpEmitError(op,
                          "weight_bits (%lld) exceeds the width of the "
                          "weight element type '%s'",
                          (long long)weightBits, dialectTypeText(elem, &text));
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult inferArray(IpuContext *ctx, IpuLocation loc,
                                   intptr_t numOperands,
                                   const IpuValue *operands,
                                   IpuAttr attributes, IpuAttr properties,
                                   intptr_t numResults, IpuType *resultTypes) {
  if (numOperands != 1 || !operands[0] || numResults != 1)
    return ipuEmitError(ctx, loc,
                        "'tile.array' op expects one operand and one result");
  resultTypes[0] = ipuValueGetType(operands[0]);
  return IPU_SUCCESS;
}

#define OP_TABLE_FILE "tile/tile_ops.def"
#include "op_table.h"

const IpuDialectDef ipuTileDialect = {
    .name = "tile",
    .summary = "Work mapped onto the units of a tile, not yet placed",
    .description =
        "The tile dialect holds what the hardware units of a tile do, "
        "before placement: weight blocks in analog arrays, matrix-vector "
        "products with them, partial-sum accumulation, SIMD ops and logical "
        "channels. This is its first op; the rest follow with the hl-to-tile "
        "lowering.\n\n"
        "Every tile op prints in the uniform short form (see the hl "
        "dialect).",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
};
