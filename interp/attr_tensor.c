/* Conversions between IR element types / elements attributes (dense,
 * dense_resource) and the interpreter's concrete tensors. */
#include <stdio.h>
#include <string.h>

#include "eval.h"

IpuDType ipuInterpDTypeOf(IpuType t) {
  if (!t)
    return IPU_DTYPE_UNDEFINED;
  if (ipuTypeIsFloat(t)) {
    switch (ipuFloatTypeGetKind(t)) {
    case IPU_F16: return IPU_DTYPE_F16;
    case IPU_BF16: return IPU_DTYPE_BF16;
    case IPU_F32: return IPU_DTYPE_F32;
    case IPU_F64: return IPU_DTYPE_F64;
    }
    return IPU_DTYPE_UNDEFINED;
  }
  if (!ipuTypeIsInteger(t))
    return IPU_DTYPE_UNDEFINED;
  bool isUnsigned = ipuIntegerTypeGetSignedness(t) == IPU_UNSIGNED;
  switch (ipuIntegerTypeGetWidth(t)) {
  case 1: return isUnsigned ? IPU_DTYPE_UNDEFINED : IPU_DTYPE_BOOL;
  case 8: return isUnsigned ? IPU_DTYPE_U8 : IPU_DTYPE_I8;
  case 16: return isUnsigned ? IPU_DTYPE_U16 : IPU_DTYPE_I16;
  case 32: return isUnsigned ? IPU_DTYPE_U32 : IPU_DTYPE_I32;
  case 64: return isUnsigned ? IPU_DTYPE_U64 : IPU_DTYPE_I64;
  default: return IPU_DTYPE_UNDEFINED;
  }
}

IpuType ipuInterpElementTypeOf(IpuContext *ctx, IpuDType d) {
  switch (d) {
  case IPU_DTYPE_F32: return ipuFloatTypeGet(ctx, IPU_F32);
  case IPU_DTYPE_F16: return ipuFloatTypeGet(ctx, IPU_F16);
  case IPU_DTYPE_BF16: return ipuFloatTypeGet(ctx, IPU_BF16);
  case IPU_DTYPE_F64: return ipuFloatTypeGet(ctx, IPU_F64);
  case IPU_DTYPE_BOOL: return ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS);
  case IPU_DTYPE_I8: return ipuIntegerTypeGet(ctx, 8, IPU_SIGNLESS);
  case IPU_DTYPE_U8: return ipuIntegerTypeGet(ctx, 8, IPU_UNSIGNED);
  case IPU_DTYPE_I16: return ipuIntegerTypeGet(ctx, 16, IPU_SIGNLESS);
  case IPU_DTYPE_U16: return ipuIntegerTypeGet(ctx, 16, IPU_UNSIGNED);
  case IPU_DTYPE_I32: return ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
  case IPU_DTYPE_U32: return ipuIntegerTypeGet(ctx, 32, IPU_UNSIGNED);
  case IPU_DTYPE_I64: return ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  case IPU_DTYPE_U64: return ipuIntegerTypeGet(ctx, 64, IPU_UNSIGNED);
  default: return NULL;
  }
}

static void shapeText(char *buf, size_t size, int rank, const int64_t *dims) {
  size_t len = 0;
  buf[0] = '\0';
  if (rank == 0)
    snprintf(buf, size, "() (a scalar)");
  for (int i = 0; i < rank && len < size; ++i) {
    int w;
    if (dims[i] == IPU_DYNAMIC)
      w = snprintf(buf + len, size - len, "%s?", i ? "x" : "");
    else
      w = snprintf(buf + len, size - len, "%s%lld", i ? "x" : "",
                   (long long)dims[i]);
    if (w < 0)
      return;
    len += (size_t)w;
  }
}

bool ipuInterpTensorMatchesType(const IpuTensor *t, IpuType type, char *why,
                                size_t whySize) {
  bool ok = ipuTypeGetKind(type) == IPU_TYPE_RANKED_TENSOR;
  if (ok) {
    IpuDType want = ipuInterpDTypeOf(ipuShapedTypeGetElementType(type));
    ok = want != IPU_DTYPE_UNDEFINED && want == t->dtype &&
         ipuShapedTypeGetRank(type) == t->rank;
    const int64_t *dims = ipuShapedTypeGetShape(type);
    for (int i = 0; ok && i < t->rank; ++i)
      ok = dims[i] == IPU_DYNAMIC || dims[i] == t->shape[i];
  }
  if (!ok && why && whySize) {
    char want[160], got[160];
    want[0] = '\0';
    if (ipuTypeGetKind(type) == IPU_TYPE_RANKED_TENSOR) {
      IpuDType d = ipuInterpDTypeOf(ipuShapedTypeGetElementType(type));
      char dims[128];
      shapeText(dims, sizeof dims, (int)ipuShapedTypeGetRank(type),
                ipuShapedTypeGetShape(type));
      snprintf(want, sizeof want, "%s tensor of shape %s",
               d == IPU_DTYPE_UNDEFINED ? "unsupported" : ipuDTypeName(d),
               dims);
    } else {
      snprintf(want, sizeof want, "a non-tensor type");
    }
    shapeText(got, sizeof got, t->rank, t->shape);
    snprintf(why, whySize, "expected %s, got %s tensor of shape %s", want,
             ipuDTypeName(t->dtype), got);
  }
  return ok;
}

static bool typeToTensorShape(IpuType type, IpuDType *dtype, int *rank,
                              int64_t *shape) {
  if (ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(type) ||
      ipuShapedTypeGetRank(type) > IPU_TENSOR_MAX_RANK)
    return false;
  *dtype = ipuInterpDTypeOf(ipuShapedTypeGetElementType(type));
  *rank = (int)ipuShapedTypeGetRank(type);
  if (*rank > 0) /* a rank-0 type has no shape array */
    memcpy(shape, ipuShapedTypeGetShape(type), sizeof(int64_t) * (size_t)*rank);
  return *dtype != IPU_DTYPE_UNDEFINED;
}

IpuLogicalResult ipuInterpTensorFromAttr(IpuContext *ctx, IpuLocation loc,
                                         IpuAttr attr, IpuTensor *out) {
  memset(out, 0, sizeof *out);
  IpuAttrKind kind = attr ? ipuAttrGetKind(attr) : IPU_ATTR_UNIT;
  if (kind != IPU_ATTR_DENSE_ELEMENTS && kind != IPU_ATTR_DENSE_RESOURCE)
    return ipuEmitError(ctx, loc, "expected a dense or dense_resource "
                        "elements attribute");
  IpuDType dtype;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  if (!typeToTensorShape(ipuAttrGetType(attr), &dtype, &rank, shape))
    return ipuEmitError(ctx, loc, "elements attribute must have a static "
                        "tensor type of at most rank %d with a supported "
                        "element type", IPU_TENSOR_MAX_RANK);
  if (!ipuTensorInit(out, dtype, rank, shape))
    return ipuEmitError(ctx, loc, "constant too large to evaluate");
  size_t bytes = ipuTensorByteSize(out);
  size_t elemSize = ipuDTypeSize(dtype);
  if (kind == IPU_ATTR_DENSE_RESOURCE) {
    IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(attr);
    if (!blob || !ipuResourceHasData(blob)) {
      ipuTensorFree(out);
      return ipuEmitError(ctx, loc, "dense_resource has no data");
    }
    if (ipuResourceGetSize(blob) != bytes) {
      IpuStringRef name = ipuResourceGetName(blob);
      ipuTensorFree(out);
      return ipuEmitError(ctx, loc, "dense_resource '%.*s' holds %zu bytes, "
                          "its type needs %zu", (int)name.length, name.data,
                          ipuResourceGetSize(blob), bytes);
    }
    if (bytes)
      memcpy(out->data, ipuResourceGetData(blob), bytes);
    return IPU_SUCCESS;
  }
  const unsigned char *raw = ipuDenseElementsAttrGetRawData(attr);
  size_t rawSize = ipuDenseElementsAttrGetRawSize(attr);
  if (ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(
          ipuAttrGetType(attr))) != elemSize) {
    ipuTensorFree(out);
    return ipuEmitError(ctx, loc, "unsupported dense element storage");
  }
  if (ipuDenseElementsAttrIsSplat(attr)) {
    unsigned char *dst = out->data;
    for (size_t off = 0; off < bytes && rawSize >= elemSize; off += elemSize)
      memcpy(dst + off, raw, elemSize);
  } else if (rawSize == bytes) {
    if (bytes)
      memcpy(out->data, raw, bytes);
  } else {
    ipuTensorFree(out);
    return ipuEmitError(ctx, loc, "dense elements hold %zu bytes, their "
                        "type needs %zu", rawSize, bytes);
  }
  return IPU_SUCCESS;
}

bool evalTensorViewOfAttr(IpuAttr attr, IpuTensor *out) {
  memset(out, 0, sizeof *out);
  IpuAttrKind kind = attr ? ipuAttrGetKind(attr) : IPU_ATTR_UNIT;
  if (kind != IPU_ATTR_DENSE_ELEMENTS && kind != IPU_ATTR_DENSE_RESOURCE)
    return false;
  IpuTensor t;
  memset(&t, 0, sizeof t);
  if (!typeToTensorShape(ipuAttrGetType(attr), &t.dtype, &t.rank, t.shape))
    return false;
  const void *data;
  size_t size;
  if (kind == IPU_ATTR_DENSE_RESOURCE) {
    IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(attr);
    if (!blob || !ipuResourceHasData(blob))
      return false;
    data = ipuResourceGetData(blob);
    size = ipuResourceGetSize(blob);
  } else {
    /* Splats hold one element and need expanding; an element storage of
     * another size (none today: i1 takes a byte, 0 or 1, as bool does)
     * would need converting. */
    if (ipuDenseElementsAttrIsSplat(attr) ||
        ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(
            ipuAttrGetType(attr))) != ipuDTypeSize(t.dtype))
      return false;
    data = ipuDenseElementsAttrGetRawData(attr);
    size = ipuDenseElementsAttrGetRawSize(attr);
  }
  /* Empty constants keep their own one-byte buffer (data is never NULL);
   * kernels load elements through typed pointers, so the storage must be
   * aligned for the element type (blobs may declare alignment 1). */
  size_t elemSize = ipuDTypeSize(t.dtype);
  if (!data || size == 0 || (uintptr_t)data % elemSize != 0)
    return false;
  t.data = (void *)data;
  if (!ipuTensorIsValid(&t) || ipuTensorByteSize(&t) != size)
    return false;
  *out = t;
  return true;
}

IpuAttr ipuInterpAttrFromTensor(IpuContext *ctx, IpuLocation loc,
                                const IpuTensor *t) {
  IpuType et = ipuInterpElementTypeOf(ctx, t->dtype);
  if (!et || !ipuTensorIsValid(t)) {
    ipuEmitError(ctx, loc, "a %s tensor has no IR element type",
                 ipuDTypeName(t->dtype));
    return NULL;
  }
  IpuType type = ipuRankedTensorTypeGet(ctx, t->rank, t->shape, et, NULL);
  IpuAttr a = ipuDenseElementsAttrGet(ctx, type, t->data,
                                      ipuTensorByteSize(t), false);
  if (!a)
    ipuEmitError(ctx, loc, "cannot build an elements attribute of this "
                 "tensor");
  return a;
}
