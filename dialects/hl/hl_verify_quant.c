/* Verifiers and result type inference of the hl quantization ops:
 * quantize, dequantize and requantize, per tensor or per axis. The
 * storage type of quantized results is the element type of the
 * `zero_point` attribute. */
#include <math.h>

#include "hl_check.h"
#include "hl_hooks.h"

/* The integer widths a quantization op accepts for its storage types. */
enum { WIDTH_8 = 1, WIDTH_16 = 2, WIDTH_32 = 4 };

static bool hasWidth(IpuType elem, unsigned widths) {
  if (!hlIsInt(elem))
    return false;
  unsigned w = ipuIntegerTypeGetWidth(elem);
  return (w == 8 && (widths & WIDTH_8)) || (w == 16 && (widths & WIDTH_16)) ||
         (w == 32 && (widths & WIDTH_32));
}

/* "8-bit or 16-bit", "8-bit, 16-bit or 32-bit". */
static const char *widthsText(unsigned widths) {
  switch (widths) {
  case WIDTH_8 | WIDTH_16:
    return "8-bit or 16-bit";
  case WIDTH_8 | WIDTH_16 | WIDTH_32:
    return "8-bit, 16-bit or 32-bit";
  default:
    return "8-bit";
  }
}

/* `zero_point`, a dense 1-D tensor of integers of one of `widths`. */
static IpuLogicalResult readZeroPoint(const HlCheck *c, unsigned widths,
                                      IpuType *elem, int64_t *count) {
  IpuAttr zp = hlAttr(c, "zero_point");
  IpuType type = zp && ipuAttrGetKind(zp) == IPU_ATTR_DENSE_ELEMENTS
                     ? ipuAttrGetType(zp)
                     : NULL;
  IpuType e = type ? ipuShapedTypeGetElementType(type) : NULL;
  if (!e || ipuShapedTypeGetRank(type) != 1 || !hasWidth(e, widths)) {
    DialectText text;
    return hlError(c, "attribute 'zero_point' must be a dense 1-D tensor of "
                      "%s integers, got %s",
                   widthsText(widths), dialectAttrText(zp, &text));
  }
  *elem = e;
  *count = ipuShapedTypeGetDimSize(type, 0);
  return IPU_SUCCESS;
}

static IpuLogicalResult readScale(const HlCheck *c, HlF32Array *scale) {
  if (!hlRequiredAttr(c, "scale") ||
      ipuFailed(hlAttrF32Array(c, "scale", scale)))
    return IPU_FAILURE;
  if (scale->n == 0)
    return hlError(c, "attribute 'scale' must not be empty");
  for (intptr_t i = 0; i < scale->n; ++i)
    if (!(scale->v[i] > 0.0f) || !isfinite(scale->v[i]))
      return hlError(c, "scale must be positive and finite");
  return IPU_SUCCESS;
}

/* Per-axis parameters (`count` > 1) need an axis whose size is `count`. */
static IpuLogicalResult checkAxis(const HlCheck *c, const HlTensor *input,
                                  const char *what, int64_t count) {
  int64_t axis;
  if (ipuFailed(hlAttrI64(c, "axis", 1, &axis)))
    return IPU_FAILURE;
  if (count <= 1 || input->rank < 0)
    return IPU_SUCCESS;
  if (ipuFailed(hlNormalizeAxis(c, "axis", axis, input->rank, &axis)))
    return IPU_FAILURE;
  int64_t size = input->dims[axis];
  if (size != IPU_DYNAMIC && size != count)
    return hlError(c, "per-axis %s has %lld elements, but dimension %lld of "
                      "the input has %lld",
                   what, (long long)count, (long long)axis, (long long)size);
  return IPU_SUCCESS;
}

static IpuType sameShape(const HlCheck *c, const HlTensor *input,
                         IpuType elem) {
  return input->rank < 0 ? ipuUnrankedTensorTypeGet(c->ctx, elem)
                         : hlRankedType(c, input->rank, input->dims, elem);
}

/* The optional clamp bounds: within the storage type's range, ordered. */
static IpuLogicalResult checkClamp(const HlCheck *c, IpuType storage) {
  unsigned width = ipuIntegerTypeGetWidth(storage);
  bool isUnsigned = ipuIntegerTypeGetSignedness(storage) == IPU_UNSIGNED;
  int64_t lo = isUnsigned ? 0 : -((int64_t)1 << (width - 1));
  int64_t hi = isUnsigned ? ((int64_t)1 << width) - 1
                          : ((int64_t)1 << (width - 1)) - 1;
  int64_t bounds[2] = {lo, hi};
  const char *names[2] = {"clamp_min", "clamp_max"};
  for (int i = 0; i < 2; ++i) {
    if (!hlAttr(c, names[i]))
      continue;
    if (ipuFailed(hlAttrI64(c, names[i], bounds[i], &bounds[i])))
      return IPU_FAILURE;
    if (bounds[i] < lo || bounds[i] > hi)
      return hlError(c, "%s %lld is outside the range [%lld, %lld] of the "
                        "result type",
                     names[i], (long long)bounds[i], (long long)lo,
                     (long long)hi);
  }
  if (bounds[0] > bounds[1])
    return hlError(c, "clamp_min %lld is greater than clamp_max %lld",
                   (long long)bounds[0], (long long)bounds[1]);
  return IPU_SUCCESS;
}

static IpuLogicalResult quantizeShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlF32Array scale;
  IpuType storage;
  int64_t zpCount;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlTensorOperand(c, 0, &input)) ||
      ipuFailed(hlExpectFloat(c, 0, &input)) ||
      ipuFailed(readScale(c, &scale)) || !hlRequiredAttr(c, "zero_point") ||
      ipuFailed(readZeroPoint(c, WIDTH_8 | WIDTH_16, &storage, &zpCount)) ||
      ipuFailed(checkClamp(c, storage)))
    return IPU_FAILURE;
  if (zpCount != scale.n)
    return hlError(c, "zero_point has %lld elements, expected %jd (one per "
                      "scale)",
                   (long long)zpCount, (intmax_t)scale.n);
  if (ipuFailed(checkAxis(c, &input, "scale", scale.n)))
    return IPU_FAILURE;
  results[0] = sameShape(c, &input, storage);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

/* Dequantize and requantize read 8-bit or 16-bit values or i32
 * accumulators. */
static IpuLogicalResult expectQuantInput(const HlCheck *c,
                                         const HlTensor *input) {
  if (hasWidth(input->elem, WIDTH_8 | WIDTH_16 | WIDTH_32))
    return IPU_SUCCESS;
  DialectText text;
  return hlError(c, "operand #0 must be tensor of 8-bit, 16-bit or 32-bit "
                    "integer values, but got '%s'",
                 dialectTypeText(input->type, &text));
}

static IpuLogicalResult dequantizeShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlF32Array scale;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlTensorOperand(c, 0, &input)))
    return IPU_FAILURE;
  if (ipuFailed(expectQuantInput(c, &input)))
    return IPU_FAILURE;
  if (ipuFailed(readScale(c, &scale)))
    return IPU_FAILURE;
  if (hlAttr(c, "zero_point")) {
    IpuType elem;
    int64_t zpCount;
    if (ipuFailed(readZeroPoint(c, WIDTH_8 | WIDTH_16 | WIDTH_32, &elem,
                                &zpCount)))
      return IPU_FAILURE;
    if (elem != input.elem) {
      DialectText want, got;
      return hlError(c, "requires zero_point element type '%s' (the "
                        "input's), got '%s'",
                     dialectTypeText(input.elem, &want),
                     dialectTypeText(elem, &got));
    }
    if (zpCount != scale.n)
      return hlError(c, "zero_point has %lld elements, expected %jd (one "
                        "per scale)",
                     (long long)zpCount, (intmax_t)scale.n);
  }
  if (ipuFailed(checkAxis(c, &input, "scale", scale.n)))
    return IPU_FAILURE;
  results[0] = sameShape(c, &input, ipuFloatTypeGet(c->ctx, IPU_F32));
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

static IpuLogicalResult requantizeShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array multiplier, shift;
  IpuType storage;
  int64_t zpCount;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlTensorOperand(c, 0, &input)))
    return IPU_FAILURE;
  if (ipuFailed(expectQuantInput(c, &input)))
    return IPU_FAILURE;
  if (!hlRequiredAttr(c, "multiplier") || !hlRequiredAttr(c, "shift") ||
      !hlRequiredAttr(c, "zero_point") ||
      ipuFailed(hlAttrI64Array(c, "multiplier", &multiplier)) ||
      ipuFailed(hlAttrI64Array(c, "shift", &shift)) ||
      ipuFailed(readZeroPoint(c, WIDTH_8 | WIDTH_16 | WIDTH_32, &storage,
                              &zpCount)) ||
      ipuFailed(checkClamp(c, storage)))
    return IPU_FAILURE;
  if (multiplier.n == 0)
    return hlError(c, "attribute 'multiplier' must not be empty");
  if (ipuFailed(hlExpectCount(c, "shift", shift.n, multiplier.n)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < multiplier.n; ++i) {
    if (multiplier.v[i] < INT32_MIN || multiplier.v[i] > INT32_MAX)
      return hlError(c, "multiplier must be in the i32 range, got %lld",
                     (long long)multiplier.v[i]);
    if (shift.v[i] < -128 || shift.v[i] > 127)
      return hlError(c, "shift must be in [-128, 127], got %lld",
                     (long long)shift.v[i]);
  }
  if (zpCount != 1 && zpCount != multiplier.n)
    return hlError(c, "zero_point has %lld elements, expected 1 or %jd",
                   (long long)zpCount, (intmax_t)multiplier.n);
  if (ipuFailed(checkAxis(c, &input, "multiplier", multiplier.n)) ||
      ipuFailed(checkAxis(c, &input, "zero_point", zpCount)))
    return IPU_FAILURE;
  results[0] = sameShape(c, &input, storage);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Quantize, "hl.quantize", quantizeShape, 1)
HL_DEFINE_HOOKS(Dequantize, "hl.dequantize", dequantizeShape, 1)
HL_DEFINE_HOOKS(Requantize, "hl.requantize", requantizeShape, 1)
