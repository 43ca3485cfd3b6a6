/* The tile dialect (work mapped onto hardware units, not yet placed): the
 * arrays and their weight blocks, and the exported dialect definition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/dialects.h"
#include "ipu/target.h"
#include "tile_hooks.h"

IpuLogicalResult tileCheckRange(IpuOp *op, const char *name, int64_t value,
                                int64_t min, int64_t max) {
  if (value >= min && value <= max)
    return IPU_SUCCESS;
  if (max == INT64_MAX)
    return ipuOpEmitError(op,
                          "attribute '%s' failed to satisfy constraint: "
                          "64-bit signless integer attribute whose minimum "
                          "value is %lld",
                          name, (long long)min);
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute whose minimum value is "
                        "%lld whose maximum value is %lld",
                        name, (long long)min, (long long)max);
}

static bool isBlockValueType(IpuType t) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeGetRank(t) == 2 && ipuShapedTypeHasStaticShape(t) &&
         ipuShapedTypeGetDimSize(t, 0) >= 1 &&
         ipuShapedTypeGetDimSize(t, 1) >= 1 &&
         ipuTypeIsSignlessInteger(ipuShapedTypeGetElementType(t), 8);
}

bool tileBlockWeights(const IpuOp *block, int64_t *k, int64_t *n,
                      const int8_t **data, bool *splat) {
  IpuAttr value = ipuOpGetAttr(block, "value");
  IpuType type = value ? ipuAttrGetType(value) : NULL;
  if (!isBlockValueType(type))
    return false;
  *k = ipuShapedTypeGetDimSize(type, 0);
  *n = ipuShapedTypeGetDimSize(type, 1);
  if (ipuAttrGetKind(value) == IPU_ATTR_DENSE_ELEMENTS) {
    *splat = ipuDenseElementsAttrIsSplat(value);
    *data = ipuDenseElementsAttrGetRawData(value);
    return *data != NULL;
  }
  if (ipuAttrGetKind(value) != IPU_ATTR_DENSE_RESOURCE)
    return false;
  IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(value);
  if (!blob || !ipuResourceHasData(blob) ||
      ipuResourceGetSize(blob) != (size_t)(*k * *n))
    return false;
  *splat = false;
  *data = ipuResourceGetData(blob);
  return true;
}

/* ---- tile.block. ------------------------------------------------------ */

IpuLogicalResult tileVerifyBlock(IpuOp *op) {
  int64_t row, col;
  IpuAttr value = ipuOpGetAttr(op, "value");
  if (!dialectGetIntAttr(op, "row", &row) ||
      !dialectGetIntAttr(op, "col", &col) || !value)
    return IPU_FAILURE; /* the generic checks report it */
  if (ipuFailed(tileCheckRange(op, "row", row, 0, INT64_MAX)) ||
      ipuFailed(tileCheckRange(op, "col", col, 0, INT64_MAX)))
    return IPU_FAILURE;
  IpuType type = ipuAttrGetType(value);
  if (!isBlockValueType(type)) {
    DialectText text;
    return ipuOpEmitError(op,
                          "attribute 'value' must be a statically shaped 2-D "
                          "tensor of i8 with at least one row and column, "
                          "but got '%s'",
                          dialectTypeText(type, &text));
  }
  if (ipuAttrGetKind(value) == IPU_ATTR_DENSE_RESOURCE) {
    IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(value);
    size_t want = (size_t)(ipuShapedTypeGetDimSize(type, 0) *
                           ipuShapedTypeGetDimSize(type, 1));
    /* A blob without data is elided (as MLIR allows); one with data must
     * hold exactly the weights. */
    if (blob && ipuResourceHasData(blob) && ipuResourceGetSize(blob) != want)
      return ipuOpEmitError(op,
                            "resource of attribute 'value' holds %zu bytes, "
                            "expected %zu",
                            ipuResourceGetSize(blob), want);
  }
  return IPU_SUCCESS;
}

/* ---- tile.array. ------------------------------------------------------ */

typedef struct {
  IpuOp *op;
  int64_t row, col, k, n;
} Placed;

static int compareByRow(const void *a, const void *b) {
  const Placed *x = a, *y = b;
  return (x->row > y->row) - (x->row < y->row);
}

static const char *symbolText(const IpuOp *op, char *buf, size_t size) {
  IpuAttr name = ipuOpGetSymbolName(op);
  IpuStringRef s = name ? ipuStringAttrGetValue(name)
                        : ipuStringRefFromCString("?");
  snprintf(buf, size, "%.*s", (int)s.length, s.data);
  return buf;
}

/* Every weight of the block inside the symmetric signed range of
 * `weightBits` bits. */
static IpuLogicalResult checkWeightRange(IpuOp *block, int64_t weightBits) {
  int64_t k, n;
  const int8_t *w;
  bool splat;
  if (!tileBlockWeights(block, &k, &n, &w, &splat))
    return IPU_SUCCESS; /* elided or ill-formed: nothing to check here */
  int64_t limit = ((int64_t)1 << (weightBits - 1)) - 1;
  int64_t count = splat ? 1 : k * n;
  for (int64_t i = 0; i < count; ++i) {
    if (w[i] >= -limit && w[i] <= limit)
      continue;
    int64_t at = splat ? 0 : i;
    return ipuOpEmitError(block,
                          "weight %d at [%lld, %lld] is outside the signed "
                          "%lld-bit range [%lld, %lld] of its array",
                          w[i], (long long)(at / n), (long long)(at % n),
                          (long long)weightBits, (long long)-limit,
                          (long long)limit);
  }
  return IPU_SUCCESS;
}

/* The blocks' places: inside the array, and no cell shared. */
static IpuLogicalResult checkPlacement(IpuOp *array, Placed *blocks,
                                       size_t count, int64_t rows,
                                       int64_t cols) {
  char a[128], b[128];
  for (size_t i = 0; i < count; ++i) {
    Placed *p = &blocks[i];
    if (p->row + p->k > rows || p->col + p->n > cols)
      return ipuOpEmitError(
          p->op,
          "block of %lld x %lld at row %lld, column %lld does not fit "
          "array @%s of %lld x %lld",
          (long long)p->k, (long long)p->n, (long long)p->row,
          (long long)p->col, symbolText(array, a, sizeof a), (long long)rows,
          (long long)cols);
  }
  qsort(blocks, count, sizeof *blocks, compareByRow);
  for (size_t i = 0; i < count; ++i) {
    const Placed *p = &blocks[i];
    for (size_t j = i + 1; j < count && blocks[j].row < p->row + p->k; ++j) {
      const Placed *q = &blocks[j];
      if (q->col >= p->col + p->n || p->col >= q->col + q->n)
        continue;
      int64_t col = p->col > q->col ? p->col : q->col;
      return ipuOpEmitError(q->op,
                            "overlaps block @%s at row %lld, column %lld",
                            symbolText(p->op, b, sizeof b), (long long)q->row,
                            (long long)col);
    }
  }
  return IPU_SUCCESS;
}

/* The target of the enclosing module bounds the array's geometry and
 * bits, wherever the array sits (at module level, or in a placed tile). */
static IpuLogicalResult checkTarget(IpuOp *op, int64_t rows, int64_t cols,
                                    int64_t weightBits) {
  IpuOp *module = ipuOpGetParentOp(op);
  while (module && !ipuOpIsA(module, "builtin.module"))
    module = ipuOpGetParentOp(module);
  if (!module || !ipuModuleHasTarget(module))
    return IPU_SUCCESS;
  IpuTarget t;
  if (ipuFailed(ipuModuleGetTarget(module, false, &t)))
    return IPU_FAILURE;
  if (rows != t.arrayRows || cols != t.arrayCols)
    return ipuOpEmitError(op,
                          "is %lld x %lld, but the arrays of target '%s' are "
                          "%lld x %lld",
                          (long long)rows, (long long)cols, t.name,
                          (long long)t.arrayRows, (long long)t.arrayCols);
  if (weightBits > t.weightBits)
    return ipuOpEmitError(op,
                          "has weight_bits = %lld, more than the %lld of "
                          "target '%s'",
                          (long long)weightBits, (long long)t.weightBits,
                          t.name);
  return IPU_SUCCESS;
}

IpuLogicalResult tileVerifyArray(IpuOp *op) {
  int64_t rows, cols, weightBits = TILE_MAX_WEIGHT_BITS;
  if (!dialectGetIntAttr(op, "rows", &rows) ||
      !dialectGetIntAttr(op, "cols", &cols) || ipuOpGetNumRegions(op) != 1)
    return IPU_FAILURE; /* the generic checks report it */
  dialectGetIntAttr(op, "weight_bits", &weightBits);
  if (ipuFailed(tileCheckRange(op, "rows", rows, 1, INT64_MAX)) ||
      ipuFailed(tileCheckRange(op, "cols", cols, 1, INT64_MAX)) ||
      ipuFailed(tileCheckRange(op, "weight_bits", weightBits, 1,
                               TILE_MAX_WEIGHT_BITS)) ||
      ipuFailed(checkTarget(op, rows, cols, weightBits)))
    return IPU_FAILURE;

  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
  size_t count = 0;
  for (IpuOp *b = body ? ipuBlockGetFirstOp(body) : NULL; b;
       b = ipuOpGetNext(b)) {
    if (!ipuOpIsA(b, "tile.block"))
      return ipuOpEmitError(b, "cannot be held by 'tile.array', which "
                               "holds only 'tile.block' ops");
    ++count;
  }
  if (!count)
    return IPU_SUCCESS;
  IpuContext *ctx = ipuOpGetContext(op);
  Placed *blocks = ipuCalloc(ctx, count, sizeof *blocks);
  if (!blocks)
    return ipuOpEmitError(op, "out of memory");
  size_t n = 0;
  IpuLogicalResult r = IPU_SUCCESS;
  for (IpuOp *b = ipuBlockGetFirstOp(body); b && ipuSucceeded(r);
       b = ipuOpGetNext(b)) {
    Placed p = {.op = b};
    IpuAttr value = ipuOpGetAttr(b, "value");
    IpuType type = value ? ipuAttrGetType(value) : NULL;
    /* An ill-formed block is its own verifier's to report. */
    if (!dialectGetIntAttr(b, "row", &p.row) ||
        !dialectGetIntAttr(b, "col", &p.col) || p.row < 0 || p.col < 0 ||
        !isBlockValueType(type))
      continue;
    p.k = ipuShapedTypeGetDimSize(type, 0);
    p.n = ipuShapedTypeGetDimSize(type, 1);
    blocks[n++] = p;
    r = checkWeightRange(b, weightBits);
  }
  if (ipuSucceeded(r))
    r = checkPlacement(op, blocks, n, rows, cols);
  ipuFree(ctx, blocks);
  return r;
}

#define OP_TABLE_FILE "tile/tile_ops.def"
#include "op_table.h"

const IpuDialectDef ipuTileDialect = {
    .name = "tile",
    .summary = "Work mapped onto the units of a tile, not yet placed",
    .description =
        "The tile dialect is a dataflow program of hardware-unit work on "
        "tensor values, in a func.func, plus module-level arrays holding "
        "the weights; nothing is placed yet (that is the place pass's "
        "job). Weight blocks (`tile.block`) sit in analog arrays "
        "(`tile.array`, several blocks per array when packed); "
        "`tile.mvm` streams input vectors (8-bit, or 16-bit ones in "
        "slices the DAC can apply) through a block and reads the column "
        "sums through the ADC; `tile.accumulate` adds the "
        "partial sums of blocks that split a tall matrix; `tile.windows` "
        "forms the input windows a weight-stationary convolution streams; "
        "`tile.simd` and `tile.host` hold hl ops run by a tile's SIMD unit "
        "or left on the host; `tile.channel` carries a tensor from its "
        "producer to its consumer.\n\n"
        "The reference interpreter (`ipu-run`) gives every op exact, "
        "bit-for-bit integer semantics. When the module carries a target "
        "(`hw.target`), the verifiers enforce its array size, weight bits, "
        "ADC bits and input bits.\n\n"
        "Every tile op prints in the uniform short form (see the hl "
        "dialect); symbols (`sym_name`) print in the attribute "
        "dictionary.",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
};
