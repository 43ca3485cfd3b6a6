/* Helpers of the hl graph passes: matching and building hl.constant ops
 * (large ones as dense_resource blobs) and float element access. */
#include <stdio.h>
#include <string.h>

#include "passes.h"

IpuOp *ipuPassMatchHlConstant(IpuValue v, IpuAttr *value) {
  IpuOp *def = v ? ipuValueGetDefiningOp(v) : NULL;
  IpuAttr a;
  if (!def || !ipuOpIsA(def, "hl.constant") || !ipuOpMatchConstant(def, &a))
    return NULL;
  IpuAttrKind kind = ipuAttrGetKind(a);
  if ((kind != IPU_ATTR_DENSE_ELEMENTS && kind != IPU_ATTR_DENSE_RESOURCE) ||
      !ipuPassConstantIsReadable(a))
    return NULL;
  if (value)
    *value = a;
  return def;
}

bool ipuPassConstantIsReadable(IpuAttr value) {
  IpuType type = value ? ipuAttrGetType(value) : NULL;
  if (!type || ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(type) ||
      ipuShapedTypeGetRank(type) > IPU_TENSOR_MAX_RANK)
    return false;
  IpuDType dtype = ipuInterpDTypeOf(ipuShapedTypeGetElementType(type));
  if (dtype == IPU_DTYPE_UNDEFINED)
    return false;
  if (ipuAttrGetKind(value) != IPU_ATTR_DENSE_RESOURCE)
    return true;
  IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(value);
  uint64_t bytes = (uint64_t)ipuShapedTypeGetNumElements(type) *
                   ipuDTypeSize(dtype);
  return blob && ipuResourceHasData(blob) && ipuResourceGetSize(blob) == bytes;
}

void ipuPassEraseIfDeadConstant(IpuOp *op) {
  if (op && ipuOpIsA(op, "hl.constant") && ipuOpUseEmpty(op))
    ipuOpDestroy(op);
}

const char *const ipuPassPositionWiseOps[] = {
    "hl.transpose", "hl.reshape",   "hl.flatten",    "hl.add",
    "hl.sub",       "hl.mul",       "hl.max",        "hl.min",
    "hl.relu",      "hl.clip",      "hl.leaky_relu", "hl.requantize",
    "hl.quantize",  "hl.dequantize", NULL};

bool ipuPassOpIsOneOf(const IpuOp *op, const char *const *names) {
  for (int i = 0; names[i]; ++i)
    if (ipuOpIsA(op, names[i]))
      return true;
  return false;
}

void ipuPassEraseDeadConstantsIn(IpuPtrMap *constants) {
  for (size_t i = 0; i < constants->capacity; ++i)
    if (constants->slots[i].key)
      ipuPassEraseIfDeadConstant((IpuOp *)constants->slots[i].key);
  ipuPtrMapDestroy(constants);
}

IpuLogicalResult ipuPassFinishRewrites(IpuPassRun *run, const char *statistic,
                                       int64_t changed, bool failed) {
  ipuPassRunAddStatistic(run, statistic, changed);
  if (failed)
    return IPU_FAILURE;
  if (!changed)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

/* A new blob named after `hint` (letters, digits and '_' kept, others
 * made '_'), with a numeric suffix when the name is taken. */
static IpuResourceBlob *newBlob(IpuContext *ctx, const char *hint,
                                unsigned *counter) {
  char base[72];
  size_t len = 0;
  for (const char *s = hint ? hint : ""; *s && len < 60; ++s) {
    char c = *s;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_';
    base[len++] = ok ? c : '_';
  }
  if (!len || (base[0] >= '0' && base[0] <= '9'))
    base[len++] = '_';
  base[len] = '\0';
  char name[96];
  snprintf(name, sizeof name, "%s", base);
  while (ipuResourceLookup(ctx, ipuStringRefFromCString(name)))
    snprintf(name, sizeof name, "%s_%u", base, ++*counter);
  return ipuResourceGetOrCreate(ctx, ipuStringRefFromCString(name));
}

IpuOp *ipuPassCreateHlConstant(IpuBuilder *b, IpuType type, const void *data,
                               size_t size, const char *nameHint,
                               unsigned *blobCounter, IpuLocation loc) {
  IpuContext *ctx = b->ctx;
  IpuAttr value = NULL;
  if (size > IPU_PASS_RESOURCE_THRESHOLD) {
    IpuResourceBlob *blob = newBlob(ctx, nameHint, blobCounter);
    if (blob && ipuResourceSetData(ctx, blob, data, size, 64))
      value = ipuDenseResourceAttrGet(ctx, type, blob);
  } else {
    value = ipuDenseElementsAttrGet(ctx, type, data, size, false);
  }
  if (!value) {
    ipuEmitError(ctx, loc, "cannot build a constant of %zu bytes", size);
    return NULL;
  }
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("hl.constant"), loc);
  ipuOpStateAddResults(&st, 1, &type);
  ipuOpStateAddAttr(&st, "value", value);
  return ipuBuilderCreate(b, &st);
}

void ipuPassBlobNameHint(IpuAttr value, const char *suffix,
                         const char *fallback, char *buf, size_t size) {
  IpuResourceBlob *blob =
      value && ipuAttrGetKind(value) == IPU_ATTR_DENSE_RESOURCE
          ? ipuDenseResourceAttrGetBlob(value)
          : NULL;
  if (!blob) {
    snprintf(buf, size, "%s", fallback);
    return;
  }
  IpuStringRef name = ipuResourceGetName(blob);
  snprintf(buf, size, "%.*s_%s", (int)(name.length > 48 ? 48 : name.length),
           name.data, suffix);
}

bool ipuPassTensorIsFloat(const IpuTensor *t) {
  return t->dtype == IPU_DTYPE_F32 || t->dtype == IPU_DTYPE_F64 ||
         t->dtype == IPU_DTYPE_F16 || t->dtype == IPU_DTYPE_BF16;
}

double ipuPassTensorGetF(const IpuTensor *t, int64_t i) {
  switch (t->dtype) {
  case IPU_DTYPE_F32: return ((const float *)t->data)[i];
  case IPU_DTYPE_F64: return ((const double *)t->data)[i];
  case IPU_DTYPE_F16: return ipuHalfBitsToFloat(((const uint16_t *)t->data)[i]);
  case IPU_DTYPE_BF16:
    return ipuBFloat16BitsToFloat(((const uint16_t *)t->data)[i]);
  default: return 0.0;
  }
}

void ipuPassTensorSetF(IpuTensor *t, int64_t i, double v) {
  switch (t->dtype) {
  case IPU_DTYPE_F32: ((float *)t->data)[i] = (float)v; break;
  case IPU_DTYPE_F64: ((double *)t->data)[i] = v; break;
  case IPU_DTYPE_F16: ((uint16_t *)t->data)[i] = ipuDoubleToHalfBits(v); break;
  case IPU_DTYPE_BF16:
    ((uint16_t *)t->data)[i] = ipuDoubleToBFloat16Bits(v);
    break;
  default: break;
  }
}
