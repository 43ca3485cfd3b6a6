/* Verifiers, result type inference and folds of hl.gather, hl.expand and
 * hl.tile. */
#include <string.h>

#include "hl_check.h"
#include "hl_fold_support.h"

/* ---- Gather. ---------------------------------------------------------- */

static IpuLogicalResult gatherShape(HlCheck *c, IpuType *results) {
  HlTensor input, indices;
  int64_t axis;
  if (ipuFailed(hlCheckOperandCount(c, 2, 2)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlRankedOperand(c, 1, &indices)) ||
      ipuFailed(hlExpectMinRank(c, &input, "input", 1)) ||
      ipuFailed(hlAttrI64(c, "axis", 0, &axis)) ||
      ipuFailed(hlNormalizeAxis(c, "axis", axis, input.rank, &axis)))
    return IPU_FAILURE;
  unsigned width = hlIsInt(indices.elem)
                       ? ipuIntegerTypeGetWidth(indices.elem) : 0;
  if ((width != 32 && width != 64) ||
      ipuIntegerTypeGetSignedness(indices.elem) == IPU_UNSIGNED) {
    DialectText text;
    return hlError(c, "operand #1 must be tensor of 32-bit or 64-bit "
                      "signless integer values, but got '%s'",
                   dialectTypeText(indices.type, &text));
  }
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank - 1 + indices.rank)))
    return IPU_FAILURE;
  intptr_t n = 0;
  for (intptr_t d = 0; d < axis; ++d)
    dims.v[n++] = input.dims[d];
  for (intptr_t d = 0; d < indices.rank; ++d)
    dims.v[n++] = indices.dims[d];
  for (intptr_t d = axis + 1; d < input.rank; ++d)
    dims.v[n++] = input.dims[d];
  return hlDimsResult(c, IPU_SUCCESS, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Gather, "hl.gather", gatherShape, 1)

/* Constant input and indices: the gathered bytes, as long as every index
 * is in range (the interpreter reports the others). */
bool hlFoldGather(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 2);
  HlRawElements raw;
  if (!type || !c[0] || !c[1] || !ipuShapedTypeHasStaticShape(type) ||
      ipuAttrGetKind(c[1]) != IPU_ATTR_DENSE_ELEMENTS ||
      !hlRawElements(c[0], &raw))
    return false;
  IpuType inType = ipuAttrGetType(c[0]);
  intptr_t rank = ipuShapedTypeGetRank(inType);
  IpuAttr axisAttr = ipuOpGetAttr(op, "axis");
  int64_t axis = axisAttr ? ipuIntegerAttrGetInt(axisAttr) : 0;
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return false;
  int64_t outer = 1, inner = 1, extent = ipuShapedTypeGetDimSize(inType, axis);
  for (intptr_t d = 0; d < axis; ++d)
    outer *= ipuShapedTypeGetDimSize(inType, d);
  for (intptr_t d = axis + 1; d < rank; ++d)
    inner *= ipuShapedTypeGetDimSize(inType, d);
  int64_t count = ipuShapedTypeGetNumElements(ipuAttrGetType(c[1]));
  int64_t total = ipuShapedTypeGetNumElements(type);
  if (total <= 0 || total > HL_FOLD_MAX_ELEMENTS || count < 0)
    return false;
  IpuContext *ctx = ipuOpGetContext(op);
  size_t bytes = (size_t)total * raw.elemBytes;
  uint8_t *out = ipuAlloc(ctx, bytes);
  if (!out)
    return false;
  uint8_t *dst = out;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < count; ++i) {
      int64_t j = ipuDenseElementsAttrGetInt(c[1], i);
      if (j < 0)
        j += extent;
      if (j < 0 || j >= extent) {
        ipuFree(ctx, out);
        return false;
      }
      for (int64_t k = 0; k < inner; ++k) {
        memcpy(dst, hlRawElement(&raw, (o * extent + j) * inner + k),
               raw.elemBytes);
        dst += raw.elemBytes;
      }
    }
  }
  results[0].attr = ipuDenseElementsAttrGetOwned(ctx, type, out, bytes, false);
  return results[0].attr != NULL;
}

/* ---- Expand and tile. ------------------------------------------------- */

static IpuLogicalResult expandShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array shape;
  if (ipuFailed(hlRankedWithArray(c, "shape", &input, &shape)) ||
      ipuFailed(hlExpectNonNegative(c, "shape", &shape, "")))
    return IPU_FAILURE;
  HlTensor target = {NULL, input.elem, shape.n, shape.v};
  HlDims dims;
  if (ipuFailed(hlBroadcastShapes(c, &input, &target, &dims)))
    return IPU_FAILURE;
  return hlDimsResult(c, IPU_SUCCESS, &dims, input.elem, results);
}

static IpuLogicalResult tileShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array repeats;
  if (ipuFailed(hlRankedWithArray(c, "repeats", &input, &repeats)) ||
      ipuFailed(hlExpectCount(c, "repeats", repeats.n, input.rank)) ||
      ipuFailed(hlExpectNonNegative(c, "repeats", &repeats, "")))
    return IPU_FAILURE;
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t d = 0; d < input.rank && ipuSucceeded(ok); ++d) {
    if (input.dims[d] == IPU_DYNAMIC)
      dims.v[d] = repeats.v[d] ? IPU_DYNAMIC : 0;
    else if (!hlMulOk(input.dims[d], repeats.v[d], &dims.v[d]))
      ok = hlError(c, "dimension %jd overflows", (intmax_t)d);
  }
  return hlDimsResult(c, ok, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Expand, "hl.expand", expandShape, 1)
HL_DEFINE_HOOKS(Tile, "hl.tile", tileShape, 1)

/* Expanding to the input's own static type, or tiling once along every
 * axis, changes nothing (equal dynamic types may still expand). */
bool hlFoldExpand(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  return type && ipuShapedTypeHasStaticShape(type) &&
         hlFoldToInput(op, results);
}

bool hlFoldTile(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuAttr repeats = ipuOpGetAttr(op, "repeats");
  if (!repeats || !ipuAttrSatisfies(repeats, IPU_ATTRC_I64_ARRAY))
    return false;
  const int64_t *v = ipuDenseArrayAttrGetData(repeats);
  for (intptr_t i = 0, n = ipuDenseArrayAttrGetNumElements(repeats); i < n;
       ++i)
    if (v[i] != 1)
      return false;
  return hlFoldToInput(op, results);
}
