/* Folding of the hl shape ops: identities (reshape to the same type,
 * identity permutations, full slices, zero pads, casts to the same type),
 * constants moved into their new shape, and chains of reshapes and
 * transposes collapsed in place. */
#include <string.h>

#include "hl_check.h"
#include "hl_fold_support.h"

static bool isStaticRanked(IpuType t) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeHasStaticShape(t);
}

/* ---- Reshape and flatten. --------------------------------------------- */

/* The same elements in the same order under another static type: dense
 * data is copied, a resource blob is shared. */
static IpuAttr retype(IpuContext *ctx, IpuAttr value, IpuType type) {
  if (!value || !isStaticRanked(type) ||
      ipuShapedTypeGetElementType(ipuAttrGetType(value)) !=
          ipuShapedTypeGetElementType(type))
    return NULL;
  if (ipuAttrGetKind(value) == IPU_ATTR_DENSE_RESOURCE)
    return ipuDenseResourceAttrGet(ctx, type,
                                   ipuDenseResourceAttrGetBlob(value));
  if (ipuAttrGetKind(value) != IPU_ATTR_DENSE_ELEMENTS)
    return NULL;
  return ipuDenseElementsAttrGet(ctx, type,
                                 ipuDenseElementsAttrGetRawData(value),
                                 ipuDenseElementsAttrGetRawSize(value),
                                 ipuDenseElementsAttrIsSplat(value));
}

/* hl.reshape and hl.flatten. */
bool hlFoldReshape(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  if (!type)
    return false;
  /* Equal dynamic types say nothing about the extents at run time. */
  if (ipuShapedTypeHasStaticShape(type) && hlFoldToInput(op, results))
    return true;
  IpuAttr folded = retype(ipuOpGetContext(op), c[0], type);
  if (folded) {
    results[0].attr = folded;
    return true;
  }
  /* reshape(reshape(x)) and reshape(flatten(x)) read x's elements in the
   * same order: reshape x directly. (Not for flatten, whose axis is
   * relative to its input's shape.) */
  IpuOp *inner = ipuValueGetDefiningOp(ipuOpGetOperand(op, 0));
  if (!ipuOpIsA(op, "hl.reshape") || !inner ||
      !(ipuOpIsA(inner, "hl.reshape") || ipuOpIsA(inner, "hl.flatten")) ||
      ipuOpGetNumOperands(inner) != 1)
    return false;
  IpuValue source = ipuOpGetOperand(inner, 0);
  if (ipuValueGetType(source) == type) {
    results[0].value = source;
    return true;
  }
  ipuOpSetOperand(op, 0, source);
  results[0].value = ipuOpGetResult(op, 0);
  return true;
}

/* ---- Transpose. ------------------------------------------------------- */

/* The permutation of a transpose (reversed axes when absent); false when
 * it is not a valid one for a rank-`rank` input. */
static bool readPerm(IpuOp *op, intptr_t rank, int64_t *perm) {
  IpuAttr a = ipuOpGetAttr(op, "perm");
  if (a) {
    if (!ipuAttrSatisfies(a, IPU_ATTRC_I64_ARRAY) ||
        ipuDenseArrayAttrGetNumElements(a) != rank)
      return false;
    if (rank > 0)
      memcpy(perm, ipuDenseArrayAttrGetData(a), (size_t)rank * sizeof *perm);
  } else {
    for (intptr_t i = 0; i < rank; ++i)
      perm[i] = rank - 1 - i;
  }
  for (intptr_t i = 0; i < rank; ++i)
    if (perm[i] < 0 || perm[i] >= rank)
      return false;
  return true;
}

static bool isIdentityPerm(const int64_t *perm, intptr_t rank) {
  for (intptr_t i = 0; i < rank; ++i)
    if (perm[i] != i)
      return false;
  return true;
}

static bool foldTransposeWith(IpuOp *op, const IpuAttr *c, int64_t *perm,
                              int64_t *scratch, intptr_t rank,
                              IpuFoldResult *results) {
  IpuType type = ipuValueGetType(ipuOpGetResult(op, 0));
  IpuContext *ctx = ipuOpGetContext(op);
  if (!readPerm(op, rank, perm))
    return false;
  if (isIdentityPerm(perm, rank))
    return hlFoldToInput(op, results);
  HlRawElements raw;
  if (hlRawElements(c[0], &raw) && isStaticRanked(type)) {
    int64_t *base = scratch, *step = scratch + rank;
    for (intptr_t i = 0; i < rank; ++i) {
      base[i] = 0;
      step[i] = 1;
    }
    IpuAttr folded = hlGatherElements(
        ctx, type, &raw, ipuShapedTypeGetShape(ipuAttrGetType(c[0])), perm,
        base, step);
    if (folded) {
      results[0].attr = folded;
      return true;
    }
  }
  /* transpose(transpose(x), p2) is transpose(x, q) with q[i] = p1[p2[i]]. */
  IpuOp *inner = ipuValueGetDefiningOp(ipuOpGetOperand(op, 0));
  int64_t *innerPerm = scratch;
  if (!inner || !ipuOpIsA(inner, "hl.transpose") ||
      ipuOpGetNumOperands(inner) != 1 || !readPerm(inner, rank, innerPerm))
    return false;
  for (intptr_t i = 0; i < rank; ++i)
    scratch[rank + i] = innerPerm[perm[i]];
  IpuValue source = ipuOpGetOperand(inner, 0);
  if (isIdentityPerm(scratch + rank, rank)) {
    if (ipuValueGetType(source) != type)
      return false;
    results[0].value = source;
    return true;
  }
  IpuAttr composed = ipuDenseI64ArrayAttrGet(ctx, rank, scratch + rank);
  if (!composed)
    return false;
  ipuOpSetOperand(op, 0, source);
  ipuOpSetAttr(op, "perm", composed);
  results[0].value = ipuOpGetResult(op, 0);
  return true;
}

bool hlFoldTranspose(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  IpuType inputType = type ? ipuValueGetType(ipuOpGetOperand(op, 0)) : NULL;
  if (!inputType || ipuTypeGetKind(inputType) != IPU_TYPE_RANKED_TENSOR)
    return false;
  intptr_t rank = ipuShapedTypeGetRank(inputType);
  IpuContext *ctx = ipuOpGetContext(op);
  int64_t *buffer = ipuAlloc(ctx, 3 * (size_t)(rank + 1) * sizeof *buffer);
  if (!buffer)
    return false;
  bool folded =
      foldTransposeWith(op, c, buffer, buffer + rank + 1, rank, results);
  ipuFree(ctx, buffer);
  return folded;
}

/* ---- Slice. ----------------------------------------------------------- */

/* The start of a slice clamped as the shape computation does. */
static int64_t clampedStart(int64_t dim, int64_t start, int64_t step) {
  if (start < 0)
    start += dim;
  int64_t hi = step > 0 ? dim : dim - 1;
  return start < 0 ? 0 : start > hi ? hi : start;
}

/* Uses the verifier's reading of the attributes; a diagnostic-free
 * context is not available, so the op must already be valid. */
bool hlFoldSlice(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  IpuType inputType = type ? ipuValueGetType(ipuOpGetOperand(op, 0)) : NULL;
  if (!inputType || ipuTypeGetKind(inputType) != IPU_TYPE_RANKED_TENSOR)
    return false;
  HlI64Array starts, ends, steps;
  HlDims axes;
  HlCheck check = {.ctx = ipuOpGetContext(op), .loc = ipuOpGetLoc(op),
                   .opName = "hl.slice", .op = op, .numOperands = 1};
  HlTensor input = {inputType, ipuShapedTypeGetElementType(inputType),
                    ipuShapedTypeGetRank(inputType),
                    ipuShapedTypeGetShape(inputType)};
  /* The op verified, so reading its attributes reports nothing. */
  if (ipuFailed(hlReadSlice(&check, input.rank, &starts, &ends, &axes,
                            &steps)))
    return false;
  bool whole = ipuValueGetType(ipuOpGetOperand(op, 0)) == type;
  for (intptr_t i = 0; i < starts.n && whole; ++i) {
    int64_t dim = input.dims[axes.v[i]];
    int64_t step = steps.present ? steps.v[i] : 1;
    bool startsAtZero = dim != IPU_DYNAMIC
                            ? clampedStart(dim, starts.v[i], step) == 0
                            : starts.v[i] == 0;
    bool toEnd = dim != IPU_DYNAMIC || ends.v[i] == INT64_MAX;
    whole = step == 1 && startsAtZero && toEnd;
  }
  bool folded = false;
  HlRawElements raw;
  if (whole) {
    results[0].value = ipuOpGetOperand(op, 0);
    folded = true;
  } else if (hlRawElements(c[0], &raw) && isStaticRanked(type)) {
    HlDims scratch;
    if (ipuSucceeded(hlDimsInit(&check, &scratch, 3 * input.rank))) {
      int64_t *axis = scratch.v, *base = axis + input.rank,
              *step = base + input.rank;
      for (intptr_t d = 0; d < input.rank; ++d) {
        axis[d] = d;
        base[d] = 0;
        step[d] = 1;
      }
      for (intptr_t i = 0; i < starts.n; ++i) {
        int64_t d = axes.v[i];
        step[d] = steps.present ? steps.v[i] : 1;
        base[d] = clampedStart(input.dims[d], starts.v[i], step[d]);
      }
      IpuAttr attr = hlGatherElements(ipuOpGetContext(op), type, &raw,
                                      input.dims, axis, base, step);
      if (attr) {
        results[0].attr = attr;
        folded = true;
      }
      hlDimsFree(&scratch);
    }
  }
  hlDimsFree(&axes);
  return folded;
}

/* ---- Concat, pad, cast. ----------------------------------------------- */

/* Constant inputs laid one after another along the axis: for each index
 * before the axis, each input's block of (its axis size x inner) elements. */
static IpuAttr concatConstants(IpuOp *op, const IpuAttr *c, IpuType type,
                               int64_t axis) {
  intptr_t n = ipuOpGetNumOperands(op), rank = ipuShapedTypeGetRank(type);
  int64_t count = ipuShapedTypeGetNumElements(type);
  const int64_t *dims = ipuShapedTypeGetShape(type);
  if (!isStaticRanked(type) || count <= 0 || count > HL_FOLD_MAX_ELEMENTS)
    return NULL;
  int64_t outer = 1, inner = 1;
  for (intptr_t d = 0; d < rank; ++d) {
    if (d < axis)
      outer *= dims[d];
    else if (d > axis)
      inner *= dims[d];
  }
  for (intptr_t i = 0; i < n; ++i) {
    HlRawElements raw;
    if (!hlRawElements(c[i], &raw))
      return NULL;
  }
  IpuContext *ctx = ipuOpGetContext(op);
  size_t elemBytes =
      ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type));
  uint8_t *out = ipuAlloc(ctx, (size_t)count * elemBytes);
  if (!out)
    return NULL;
  size_t pos = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (intptr_t i = 0; i < n; ++i) {
      HlRawElements raw;
      hlRawElements(c[i], &raw);
      int64_t block = ipuShapedTypeGetDimSize(ipuAttrGetType(c[i]), axis) *
                      inner;
      for (int64_t k = 0; k < block; ++k, pos += elemBytes)
        memcpy(out + pos, hlRawElement(&raw, o * block + k), elemBytes);
    }
  }
  return ipuDenseElementsAttrGetOwned(ctx, type, out, pos, false);
}

bool hlFoldConcat(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  if (ipuOpGetNumResults(op) != 1 || ipuOpGetNumOperands(op) < 1)
    return false;
  IpuType type = ipuValueGetType(ipuOpGetResult(op, 0));
  if (ipuOpGetNumOperands(op) == 1)
    return hlFoldToInput(op, results);
  int64_t axis;
  if (!dialectGetIntAttr(op, "axis", &axis) ||
      ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR)
    return false;
  intptr_t rank = ipuShapedTypeGetRank(type);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return false;
  IpuAttr folded = concatConstants(op, c, type, axis);
  if (!folded)
    return false;
  results[0].attr = folded;
  return true;
}

bool hlFoldPad(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  IpuAttr pads = ipuOpGetAttr(op, "pads");
  if (!pads || !ipuAttrSatisfies(pads, IPU_ATTRC_I64_ARRAY))
    return false;
  const int64_t *v = ipuDenseArrayAttrGetData(pads);
  for (intptr_t i = 0; i < ipuDenseArrayAttrGetNumElements(pads); ++i)
    if (v[i] != 0)
      return false;
  return hlFoldToInput(op, results);
}

bool hlFoldCast(IpuOp *op, const IpuAttr *c, IpuFoldResult *results) {
  return hlFoldToInput(op, results);
}
