/* Dense element attributes (dense<...>, raw little-endian storage, splats
 * detected so equal constants unique to one handle) and dense_resource. */
#include <math.h>
#include <string.h>

#include "storage.h"

size_t ipuDenseElementStorageBytes(IpuType t) {
  if (!t)
    return 0;
  switch (t->kind) {
  case IPU_TYPE_INTEGER: {
    unsigned width = t->u.integer.width;
    return width <= 8 ? 1 : (width + 7) / 8;
  }
  case IPU_TYPE_INDEX:
    return 8;
  case IPU_TYPE_FLOAT:
    return ipuFloatTypeGetWidth(t) / 8;
  case IPU_TYPE_COMPLEX:
    return 2 * ipuDenseElementStorageBytes(t->u.complexElement);
  default:
    return 0;
  }
}

static bool isDenseShapedType(IpuType t) {
  return (ipuTypeIsKind(t, IPU_TYPE_RANKED_TENSOR) ||
          ipuTypeIsKind(t, IPU_TYPE_VECTOR)) &&
         ipuShapedTypeHasStaticShape(t);
}

/* The integer type whose values need masking to their width: i1 must be 0
 * or 1 and i4 must not carry garbage in its high nibble, or equal constants
 * would have different bytes. NULL when bytes are canonical already. */
static IpuType oddWidthIntegerPart(IpuType element) {
  IpuType scalar = ipuTypeIsKind(element, IPU_TYPE_COMPLEX)
                       ? element->u.complexElement
                       : element;
  if (ipuTypeIsInteger(scalar) &&
      (scalar->u.integer.width % 8 != 0 || scalar->u.integer.width == 0))
    return scalar;
  return NULL;
}

static void maskOddWidths(unsigned char *data, size_t size, IpuType scalar) {
  unsigned width = scalar->u.integer.width;
  size_t partBytes = ipuDenseElementStorageBytes(scalar);
  if (width == 1) {
    /* Any non-zero byte is true. */
    for (size_t off = 0; off < size; off++)
      data[off] = data[off] != 0;
    return;
  }
  unsigned char topMask = (unsigned char)((1u << (width % 8)) - 1);
  for (size_t off = partBytes - 1; off < size; off += partBytes)
    data[off] &= topMask;
}

static bool allElementsEqual(const unsigned char *data, size_t size,
                             size_t elementBytes) {
  /* Every element equals the one after it exactly when the bytes are
   * periodic with the element size: one overlapping memcmp. */
  return size <= elementBytes ||
         memcmp(data, data + elementBytes, size - elementBytes) == 0;
}

/* Shared by the copying and the owning constructor. `owned` data belongs
 * to us from the start, whatever happens. */
static IpuAttr denseGet(IpuContext *ctx, IpuType type, const void *data,
                        size_t size, bool splat, bool owned) {
  void *ownedData = owned ? (void *)data : NULL;
  size_t elementBytes =
      isDenseShapedType(type)
          ? ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type))
          : 0;
  int64_t numElements = ipuShapedTypeGetNumElements(type);
  bool valid = elementBytes != 0 && numElements >= 0 && (data || size == 0);
  if (valid && splat)
    valid = size == elementBytes;
  else if (valid)
    valid = (uint64_t)numElements <= SIZE_MAX / elementBytes &&
            size == (size_t)numElements * elementBytes;
  if (!valid) {
    ipuFree(ctx, ownedData);
    return NULL;
  }
  if (size == 0) {
    ipuFree(ctx, ownedData);
    ownedData = NULL;
    data = NULL;
  }

  IpuType oddPart = oddWidthIntegerPart(ipuShapedTypeGetElementType(type));
  if (oddPart && size) {
    if (!ownedData) {
      ownedData = ipuAlloc(ctx, size);
      if (!ownedData)
        return NULL;
      memcpy(ownedData, data, size);
      data = ownedData;
    }
    maskOddWidths(ownedData, size, oddPart);
  }

  if (!splat && numElements >= 1 && allElementsEqual(data, size, elementBytes))
    splat = true;

  struct IpuAttrStorage k;
  memset(&k, 0, sizeof k);
  k.kind = IPU_ATTR_DENSE_ELEMENTS;
  k.type = type;
  k.u.dense.splat = splat;
  k.u.dense.data = size ? data : NULL;
  if (splat && ownedData) {
    /* Keep one element (copied by the uniquer), not the whole buffer. */
    k.u.dense.size = elementBytes;
    IpuAttr a = ipuAttrUnique(ctx, &k);
    ipuFree(ctx, ownedData);
    return a;
  }
  k.u.dense.size = splat ? elementBytes : size;
  k.u.dense.owned = ownedData != NULL;
  return ipuAttrUnique(ctx, &k);
}

IpuAttr ipuDenseElementsAttrGet(IpuContext *ctx, IpuType shapedType,
                                const void *data, size_t size, bool splat) {
  return denseGet(ctx, shapedType, data, size, splat, false);
}

IpuAttr ipuDenseElementsAttrGetOwned(IpuContext *ctx, IpuType shapedType,
                                     void *data, size_t size, bool splat) {
  return denseGet(ctx, shapedType, data, size, splat, data != NULL);
}

bool ipuDenseElementsAttrIsSplat(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ELEMENTS) && a->u.dense.splat;
}

const void *ipuDenseElementsAttrGetRawData(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ELEMENTS) ? a->u.dense.data : NULL;
}

size_t ipuDenseElementsAttrGetRawSize(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ELEMENTS) ? a->u.dense.size : 0;
}

/* ---- Element access. -------------------------------------------------- */

/* The first scalar (the real part of a complex) of element i, or NULL. */
static const unsigned char *elementAt(IpuAttr a, int64_t i, IpuType *scalar) {
  if (!ipuAttrIsKind(a, IPU_ATTR_DENSE_ELEMENTS) || i < 0)
    return NULL;
  IpuType element = ipuShapedTypeGetElementType(a->type);
  size_t elementBytes = ipuDenseElementStorageBytes(element);
  if (!a->u.dense.splat) {
    int64_t n = ipuShapedTypeGetNumElements(a->type);
    if (i >= n)
      return NULL;
  } else {
    i = 0;
  }
  *scalar = ipuTypeIsKind(element, IPU_TYPE_COMPLEX) ? element->u.complexElement
                                                     : element;
  return (const unsigned char *)a->u.dense.data + (size_t)i * elementBytes;
}

/* The low 64 bits of a little-endian scalar. */
static uint64_t loadLow64(const unsigned char *p, size_t bytes) {
  uint64_t v = 0;
  size_t n = bytes < 8 ? bytes : 8;
  for (size_t b = 0; b < n; b++)
    v |= (uint64_t)p[b] << (8 * b);
  return v;
}

static int64_t scalarAsInt(const unsigned char *p, IpuType scalar) {
  uint64_t raw = loadLow64(p, ipuDenseElementStorageBytes(scalar));
  if (ipuTypeIsIndex(scalar))
    return (int64_t)raw;
  unsigned width = ipuIntegerTypeGetWidth(scalar);
  if (width <= 1 || width >= 64 ||
      ipuIntegerTypeGetSignedness(scalar) == IPU_UNSIGNED)
    return (int64_t)raw;
  uint64_t signBit = 1ull << (width - 1);
  return (int64_t)((raw ^ signBit) - signBit);
}

static double scalarAsFloat(const unsigned char *p, IpuType scalar) {
  IpuFloatKind kind = ipuFloatTypeGetKind(scalar);
  return ipuFloatDecode(kind, loadLow64(p, ipuFloatTypeGetWidth(scalar) / 8));
}

int64_t ipuDenseElementsAttrGetInt(IpuAttr a, int64_t i) {
  IpuType scalar;
  const unsigned char *p = elementAt(a, i, &scalar);
  if (!p)
    return 0;
  if (!ipuTypeIsFloat(scalar))
    return scalarAsInt(p, scalar);
  double d = scalarAsFloat(p, scalar);
  if (isnan(d))
    return 0;
  if (d >= 9223372036854775807.0)
    return INT64_MAX;
  if (d <= -9223372036854775808.0)
    return INT64_MIN;
  return (int64_t)d;
}

double ipuDenseElementsAttrGetFloat(IpuAttr a, int64_t i) {
  IpuType scalar;
  const unsigned char *p = elementAt(a, i, &scalar);
  if (!p)
    return 0.0;
  if (ipuTypeIsFloat(scalar))
    return scalarAsFloat(p, scalar);
  int64_t v = scalarAsInt(p, scalar);
  if (ipuIntegerTypeGetSignedness(scalar) == IPU_UNSIGNED)
    return (double)(uint64_t)v;
  return (double)v;
}

/* ---- dense_resource. -------------------------------------------------- */

IpuAttr ipuDenseResourceAttrGet(IpuContext *ctx, IpuType shapedType,
                                IpuResourceBlob *blob) {
  if (!blob || !isDenseShapedType(shapedType))
    return NULL;
  struct IpuAttrStorage k;
  memset(&k, 0, sizeof k);
  k.kind = IPU_ATTR_DENSE_RESOURCE;
  k.type = shapedType;
  k.u.blob = blob;
  return ipuAttrUnique(ctx, &k);
}

IpuResourceBlob *ipuDenseResourceAttrGetBlob(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_RESOURCE) ? a->u.blob : NULL;
}
