/* Helpers shared by the hl folders: computable element kinds, dense
 * attribute building, and gathers of raw elements for shape folds. */
#include "hl_fold_support.h"

#include <string.h>

HlElemKind hlElemKindOf(IpuType shaped) {
  IpuType elem = shaped ? ipuShapedTypeGetElementType(shaped) : NULL;
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

bool hlIsFoldable(IpuAttr a) {
  return a && ipuAttrGetKind(a) == IPU_ATTR_DENSE_ELEMENTS &&
         hlElemKindOf(ipuAttrGetType(a)) != ELEM_NONE;
}

bool hlIsUnsignedElement(IpuType shaped) {
  IpuType elem = ipuShapedTypeGetElementType(shaped);
  return elem && ipuTypeIsInteger(elem) &&
         ipuIntegerTypeGetSignedness(elem) == IPU_UNSIGNED;
}

bool hlIsIntElement(IpuAttr a) {
  return hlElemKindOf(ipuAttrGetType(a)) == ELEM_INT;
}

static void storeLittleEndian(uint8_t *p, unsigned bytes, uint64_t v) {
  for (unsigned i = 0; i < bytes; ++i)
    p[i] = (uint8_t)(v >> (8 * i));
}

bool hlDenseBuilderInit(HlDenseBuilder *db, IpuContext *ctx, IpuType type,
                        bool splat) {
  db->ctx = ctx;
  db->type = type;
  db->kind = hlElemKindOf(type);
  db->elemBytes =
      ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type));
  db->count = splat ? 1 : ipuShapedTypeGetNumElements(type);
  db->splat = splat;
  db->data = NULL;
  if (db->kind == ELEM_NONE || db->count <= 0 || db->elemBytes == 0 ||
      (uint64_t)db->count > SIZE_MAX / db->elemBytes)
    return false;
  db->data = ipuAlloc(ctx, (size_t)db->count * db->elemBytes);
  return db->data != NULL;
}

void hlDenseBuilderSetInt(HlDenseBuilder *db, int64_t i, uint64_t v) {
  storeLittleEndian(db->data + (size_t)i * db->elemBytes,
                    (unsigned)db->elemBytes, v);
}

void hlDenseBuilderSetFloat(HlDenseBuilder *db, int64_t i, double v) {
  uint8_t *p = db->data + (size_t)i * db->elemBytes;
  if (db->kind == ELEM_F32) {
    float f = (float)v;
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    storeLittleEndian(p, 4, bits);
  } else {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    storeLittleEndian(p, 8, bits);
  }
}

IpuAttr hlDenseBuilderFinish(HlDenseBuilder *db) {
  IpuAttr a = ipuDenseElementsAttrGetOwned(db->ctx, db->type, db->data,
                                           (size_t)db->count * db->elemBytes,
                                           db->splat);
  db->data = NULL;
  return a;
}

void hlDenseBuilderDiscard(HlDenseBuilder *db) {
  ipuFree(db->ctx, db->data);
  db->data = NULL;
}

bool hlAllElements(IpuAttr a, HlElementPredicate pred) {
  if (!hlIsFoldable(a))
    return false;
  int64_t n = ipuDenseElementsAttrIsSplat(a)
                  ? 1
                  : ipuShapedTypeGetNumElements(ipuAttrGetType(a));
  for (int64_t i = 0; i < n; ++i)
    if (!pred(a, i))
      return false;
  return true;
}

IpuType hlSingleResultType(IpuOp *op, intptr_t numOperands) {
  if (ipuOpGetNumOperands(op) != numOperands || ipuOpGetNumResults(op) != 1)
    return NULL;
  return ipuValueGetType(ipuOpGetResult(op, 0));
}

bool hlFoldToInput(IpuOp *op, IpuFoldResult *results) {
  IpuType type = hlSingleResultType(op, 1);
  IpuValue input = type ? ipuOpGetOperand(op, 0) : NULL;
  if (!input || ipuValueGetType(input) != type)
    return false;
  results[0].value = input;
  return true;
}

bool hlRawElements(IpuAttr a, HlRawElements *raw) {
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ELEMENTS)
    return false;
  IpuType type = ipuAttrGetType(a);
  int64_t n = ipuShapedTypeGetNumElements(type);
  if (n < 0 || n > HL_FOLD_MAX_ELEMENTS)
    return false;
  raw->data = ipuDenseElementsAttrGetRawData(a);
  raw->elemBytes =
      ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type));
  raw->splat = ipuDenseElementsAttrIsSplat(a);
  return raw->elemBytes > 0 && (raw->data || n == 0);
}

IpuAttr hlGatherElements(IpuContext *ctx, IpuType resultType,
                         const HlRawElements *src, const int64_t *srcDims,
                         const int64_t *axis, const int64_t *base,
                         const int64_t *step) {
  intptr_t rank = ipuShapedTypeGetRank(resultType);
  const int64_t *outDims = ipuShapedTypeGetShape(resultType);
  int64_t count = ipuShapedTypeGetNumElements(resultType);
  if (count <= 0 || count > HL_FOLD_MAX_ELEMENTS)
    return NULL;
  if (src->splat) /* every element is the same */
    return ipuDenseElementsAttrGet(ctx, resultType, src->data,
                                   src->elemBytes, true);
  size_t bytes = (size_t)count * src->elemBytes;
  /* Per output axis: its input stride and a running index. */
  int64_t *scratch = ipuAlloc(ctx, 3 * (size_t)(rank + 1) * sizeof *scratch);
  uint8_t *out = ipuAlloc(ctx, bytes);
  if (!scratch || !out) {
    ipuFree(ctx, scratch);
    ipuFree(ctx, out);
    return NULL;
  }
  int64_t *inStride = scratch, *stride = scratch + rank + 1,
          *index = scratch + 2 * (rank + 1);
  int64_t s = 1;
  for (intptr_t d = rank; d-- > 0;) {
    inStride[d] = s;
    s *= srcDims[d];
  }
  int64_t offset = 0;
  for (intptr_t d = 0; d < rank; ++d) {
    stride[d] = inStride[axis[d]] * step[d];
    offset += inStride[axis[d]] * base[d];
    index[d] = 0;
  }
  for (int64_t i = 0; i < count; ++i) {
    memcpy(out + (size_t)i * src->elemBytes,
           src->data + (size_t)offset * src->elemBytes, src->elemBytes);
    /* Odometer step over the output index, last axis fastest. */
    for (intptr_t d = rank; d-- > 0;) {
      offset += stride[d];
      if (++index[d] < outDims[d])
        break;
      offset -= stride[d] * index[d];
      index[d] = 0;
    }
  }
  ipuFree(ctx, scratch);
  return ipuDenseElementsAttrGetOwned(ctx, resultType, out, bytes, false);
}
