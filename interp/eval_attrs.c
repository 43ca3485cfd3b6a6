/* Attribute readers of the reference interpreter: an op's attributes as C
 * values, with located errors for attributes of the wrong kind. */
#include <string.h>

#include "eval.h"

IpuLogicalResult evalKernelError(IpuOp *op, const IpuKernelError *err) {
  return ipuOpEmitError(op, "evaluation failed: %s", err->message);
}

IpuLogicalResult evalCheckArity(IpuOp *op, intptr_t numIns, intptr_t lo,
                                intptr_t hi) {
  if (numIns < lo || numIns > hi)
    return ipuOpEmitError(op, "expected %lld to %lld operands, got %lld",
                          (long long)lo, (long long)hi, (long long)numIns);
  return IPU_SUCCESS;
}

IpuLogicalResult evalDone(IpuOp *op, bool ok, const IpuKernelError *err) {
  return ok ? IPU_SUCCESS : evalKernelError(op, err);
}

static IpuLogicalResult wrongKind(IpuOp *op, const char *name,
                                  const char *want) {
  return ipuOpEmitError(op, "attribute '%s' must be %s", name, want);
}

bool evalAttrI64(IpuOp *op, const char *name, int64_t dflt, int64_t *out) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *out = dflt;
  if (!a)
    return true;
  if (ipuAttrGetKind(a) != IPU_ATTR_INTEGER) {
    wrongKind(op, name, "an integer");
    return false;
  }
  *out = ipuIntegerAttrGetInt(a);
  return true;
}

bool evalAttrF64(IpuOp *op, const char *name, double dflt, double *out) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *out = dflt;
  if (!a)
    return true;
  if (ipuAttrGetKind(a) == IPU_ATTR_FLOAT) {
    *out = ipuFloatAttrGetValue(a);
    return true;
  }
  if (ipuAttrGetKind(a) == IPU_ATTR_INTEGER) {
    *out = (double)ipuIntegerAttrGetInt(a);
    return true;
  }
  wrongKind(op, name, "a float");
  return false;
}

bool evalAttrBool(IpuOp *op, const char *name, bool dflt, bool *out) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *out = dflt;
  if (!a)
    return true;
  if (ipuAttrGetKind(a) == IPU_ATTR_UNIT) {
    *out = true;
    return true;
  }
  if (ipuAttrGetKind(a) != IPU_ATTR_INTEGER) {
    wrongKind(op, name, "a bool");
    return false;
  }
  *out = ipuIntegerAttrGetInt(a) != 0;
  return true;
}

/* Reads element i of a dense array or array attribute as a double or an
 * int64. */
static bool arrayElement(IpuAttr a, intptr_t i, bool asFloat, double *f,
                         int64_t *v) {
  if (ipuAttrGetKind(a) == IPU_ATTR_DENSE_ARRAY) {
    IpuType et = ipuDenseArrayAttrGetElementType(a);
    const void *data = ipuDenseArrayAttrGetData(a);
    unsigned w = ipuTypeGetIntOrFloatBitWidth(et);
    if (ipuTypeIsFloat(et)) {
      double d = w == 32 ? (double)((const float *)data)[i]
                         : ((const double *)data)[i];
      *f = d;
      *v = (int64_t)d;
      return asFloat;
    }
    int64_t x;
    switch (w) {
    case 1: x = ((const bool *)data)[i]; break;
    case 8: x = ((const int8_t *)data)[i]; break;
    case 16: x = ((const int16_t *)data)[i]; break;
    case 32: x = ((const int32_t *)data)[i]; break;
    default: x = ((const int64_t *)data)[i]; break;
    }
    *v = x;
    *f = (double)x;
    return true;
  }
  IpuAttr e = ipuArrayAttrGetElement(a, i);
  if (ipuAttrGetKind(e) == IPU_ATTR_INTEGER) {
    *v = ipuIntegerAttrGetInt(e);
    *f = (double)*v;
    return true;
  }
  if (ipuAttrGetKind(e) == IPU_ATTR_FLOAT && asFloat) {
    *f = ipuFloatAttrGetValue(e);
    return true;
  }
  return false;
}

static bool readArray(IpuOp *op, const char *name, bool asFloat,
                      int64_t *ints, float *floats, int max, int *n) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *n = 0;
  if (!a)
    return true;
  intptr_t count;
  if (ipuAttrGetKind(a) == IPU_ATTR_DENSE_ARRAY)
    count = ipuDenseArrayAttrGetNumElements(a);
  else if (ipuAttrGetKind(a) == IPU_ATTR_ARRAY)
    count = ipuArrayAttrGetNumElements(a);
  else {
    wrongKind(op, name, "an array");
    return false;
  }
  if (count > max) {
    ipuOpEmitError(op, "attribute '%s' has %lld elements, at most %d "
                   "supported", name, (long long)count, max);
    return false;
  }
  for (intptr_t i = 0; i < count; ++i) {
    double f;
    int64_t v;
    if (!arrayElement(a, i, asFloat, &f, &v)) {
      wrongKind(op, name, asFloat ? "an array of numbers"
                                  : "an array of integers");
      return false;
    }
    if (asFloat)
      floats[i] = (float)f;
    else
      ints[i] = v;
  }
  *n = (int)count;
  return true;
}

bool evalAttrI64Array(IpuOp *op, const char *name, int64_t *out, int max,
                      int *n) {
  return readArray(op, name, false, out, NULL, max, n);
}

bool evalAttrF32Array(IpuOp *op, const char *name, float *out, int max,
                      int *n) {
  return readArray(op, name, true, NULL, out, max, n);
}

bool evalAttrString(IpuOp *op, const char *name, const char *dflt, char *out,
                    size_t outSize) {
  IpuAttr a = ipuOpGetAttr(op, name);
  IpuStringRef s = ipuStringRefFromCString(dflt);
  if (a) {
    if (ipuAttrGetKind(a) != IPU_ATTR_STRING) {
      wrongKind(op, name, "a string");
      return false;
    }
    s = ipuStringAttrGetValue(a);
  }
  if (s.length >= outSize) {
    ipuOpEmitError(op, "attribute '%s' is too long", name);
    return false;
  }
  memcpy(out, s.data, s.length);
  out[s.length] = '\0';
  return true;
}

bool evalResultDType(IpuOp *op, intptr_t i, IpuDType *out) {
  IpuType t = ipuValueGetType(ipuOpGetResult(op, i));
  *out = ipuTypeIsShaped(t) ? ipuInterpDTypeOf(ipuShapedTypeGetElementType(t))
                            : IPU_DTYPE_UNDEFINED;
  if (*out == IPU_DTYPE_UNDEFINED) {
    ipuOpEmitError(op, "result #%lld has an element type the interpreter "
                   "does not support", (long long)i);
    return false;
  }
  return true;
}
