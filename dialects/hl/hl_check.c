/* Shared machinery of the hl verifiers and result type inference: the
 * check context, operand and attribute access with ODS-worded errors,
 * dimension arithmetic and numpy broadcasting. */
#include "hl_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

IpuLogicalResult hlError(const HlCheck *c, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return ipuEmitError(c->ctx, c->loc, "'%s' op (bad message)", c->opName);
  if ((size_t)n < sizeof small)
    return ipuEmitError(c->ctx, c->loc, "'%s' op %s", c->opName, small);
  char *big = ipuAlloc(c->ctx, (size_t)n + 1);
  if (!big)
    return ipuEmitError(c->ctx, c->loc, "'%s' op %s...", c->opName, small);
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  ipuEmitError(c->ctx, c->loc, "'%s' op %s", c->opName, big);
  ipuFree(c->ctx, big);
  return IPU_FAILURE;
}

IpuLogicalResult hlRunVerify(IpuOp *op, HlShapeFn fn) {
  HlCheck c = {
      .ctx = ipuOpGetContext(op),
      .loc = ipuOpGetLoc(op),
      .opName = ipuIdentCStr(ipuOpGetName(op)),
      .op = op,
      .numOperands = ipuOpGetNumOperands(op),
  };
  IpuType results[HL_MAX_RESULTS] = {NULL};
  return fn(&c, results);
}

IpuLogicalResult hlRunInfer(IpuContext *ctx, IpuLocation loc,
                            const char *opName, HlShapeFn fn,
                            intptr_t expectedResults, intptr_t numOperands,
                            const IpuValue *operands, IpuAttr attributes,
                            IpuAttr properties, intptr_t numResults,
                            IpuType *resultTypes) {
  HlCheck c = {
      .ctx = ctx,
      .loc = loc,
      .opName = opName,
      .numOperands = numOperands,
      .operands = operands,
      .attributes = attributes,
      .properties = properties,
  };
  if (numResults != expectedResults) {
    if (expectedResults == 1)
      return hlError(&c, "requires one result");
    return hlError(&c, "expected %jd results", (intmax_t)expectedResults);
  }
  IpuType results[HL_MAX_RESULTS] = {NULL};
  if (ipuFailed(fn(&c, results)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < numResults; ++i)
    resultTypes[i] = results[i];
  return IPU_SUCCESS;
}

/* ---- Operands. -------------------------------------------------------- */

IpuLogicalResult hlCheckOperandCount(const HlCheck *c, intptr_t min,
                                     intptr_t max) {
  intptr_t n = c->numOperands;
  if (n >= min && (max < 0 || n <= max))
    return IPU_SUCCESS;
  if (min == max) {
    if (min == 1)
      return hlError(c, "requires a single operand");
    return hlError(c, "expected %jd operands, but found %jd", (intmax_t)min,
                   (intmax_t)n);
  }
  if (n < min)
    return hlError(c, "expected %jd or more operands, but found %jd",
                   (intmax_t)min, (intmax_t)n);
  return hlError(c, "expected at most %jd operands, but found %jd",
                 (intmax_t)max, (intmax_t)n);
}

IpuType hlOperandType(const HlCheck *c, intptr_t i) {
  if (i < 0 || i >= c->numOperands)
    return NULL;
  IpuValue v = c->op ? ipuOpGetOperand(c->op, i) : c->operands[i];
  return v ? ipuValueGetType(v) : NULL;
}

static IpuLogicalResult constraintError(const HlCheck *c, intptr_t i,
                                        const char *constraint, IpuType t) {
  DialectText text;
  return hlError(c, "operand #%jd must be %s, but got '%s'", (intmax_t)i,
                 constraint, dialectTypeText(t, &text));
}

bool hlIsFloat(IpuType elem) { return elem && ipuTypeIsFloat(elem); }
bool hlIsInt(IpuType elem) { return elem && ipuTypeIsInteger(elem); }
bool hlIsInt8(IpuType elem) {
  return hlIsInt(elem) && ipuIntegerTypeGetWidth(elem) == 8;
}
bool hlIsInt16(IpuType elem) {
  return hlIsInt(elem) && ipuIntegerTypeGetWidth(elem) == 16;
}

IpuLogicalResult hlTensorOperand(const HlCheck *c, intptr_t i, HlTensor *t) {
  IpuType type = hlOperandType(c, i);
  IpuType elem = type && ipuTypeIsTensor(type)
                     ? ipuShapedTypeGetElementType(type)
                     : NULL;
  if (!elem || !(hlIsInt(elem) || hlIsFloat(elem)))
    return constraintError(c, i, "tensor of integer or floating-point values",
                           type);
  t->type = type;
  t->elem = elem;
  t->rank = ipuShapedTypeHasRank(type) ? ipuShapedTypeGetRank(type) : -1;
  t->dims = t->rank >= 0 ? ipuShapedTypeGetShape(type) : NULL;
  return IPU_SUCCESS;
}

IpuLogicalResult hlRankedOperand(const HlCheck *c, intptr_t i, HlTensor *t) {
  IpuType type = hlOperandType(c, i);
  if (!type || ipuTypeGetKind(type) != IPU_TYPE_RANKED_TENSOR)
    return constraintError(c, i, "ranked tensor of any type values", type);
  return hlTensorOperand(c, i, t);
}

IpuLogicalResult hlExpectRank(const HlCheck *c, const HlTensor *t,
                              const char *what, intptr_t rank) {
  if (t->rank == rank)
    return IPU_SUCCESS;
  return hlError(c, "expects %jd-D %s, got %jd-D", (intmax_t)rank, what,
                 (intmax_t)t->rank);
}

IpuLogicalResult hlExpectMinRank(const HlCheck *c, const HlTensor *t,
                                 const char *what, intptr_t minRank) {
  if (t->rank >= minRank)
    return IPU_SUCCESS;
  return hlError(c, "expects %s of rank %jd or more, got %jd-D", what,
                 (intmax_t)minRank, (intmax_t)t->rank);
}

IpuLogicalResult hlExpectFloat(const HlCheck *c, intptr_t i,
                               const HlTensor *t) {
  if (hlIsFloat(t->elem))
    return IPU_SUCCESS;
  return constraintError(c, i, "tensor of floating-point values", t->type);
}

IpuType hlProductElementType(const HlCheck *c, const HlTensor *a,
                             const char *aName, const HlTensor *b,
                             const char *bName) {
  /* 16-bit activations (the first operand) meet 8-bit weights only: the
   * arrays hold 8-bit weights and take wide inputs in slices. */
  if ((hlIsInt8(a->elem) || hlIsInt16(a->elem)) && hlIsInt8(b->elem))
    return ipuIntegerTypeGet(c->ctx, 32, IPU_SIGNLESS);
  if (hlIsInt16(b->elem)) {
    DialectText ta, tb;
    hlError(c, "requires %s of 8-bit integers (only %s may hold 16-bit "
               "integers), got '%s' and '%s'",
            bName, aName, dialectTypeText(a->elem, &ta),
            dialectTypeText(b->elem, &tb));
    return NULL;
  }
  if (hlIsInt16(a->elem)) {
    DialectText ta, tb;
    hlError(c, "requires 8-bit integers for %s with 16-bit integers for %s, "
               "got '%s' and '%s'",
            bName, aName, dialectTypeText(a->elem, &ta),
            dialectTypeText(b->elem, &tb));
    return NULL;
  }
  if (a->elem != b->elem) {
    DialectText ta, tb;
    hlError(c, "requires the same element type for %s and %s, got '%s' and '%s'",
            aName, bName, dialectTypeText(a->elem, &ta),
            dialectTypeText(b->elem, &tb));
    return NULL;
  }
  return a->elem;
}

/* ---- Attributes. ------------------------------------------------------ */

static IpuAttr lookupIn(IpuAttr dict, const char *name) {
  return dict && ipuAttrGetKind(dict) == IPU_ATTR_DICTIONARY
             ? ipuDictionaryAttrGetC(dict, name)
             : NULL;
}

IpuAttr hlAttr(const HlCheck *c, const char *name) {
  if (c->op)
    return ipuOpGetAttr(c->op, name);
  IpuAttr a = lookupIn(c->properties, name);
  return a ? a : lookupIn(c->attributes, name);
}

IpuAttr hlRequiredAttr(const HlCheck *c, const char *name) {
  IpuAttr a = hlAttr(c, name);
  if (!a)
    hlError(c, "requires attribute '%s'", name);
  return a;
}

static IpuLogicalResult kindError(const HlCheck *c, const char *name,
                                  IpuAttrConstraint kind) {
  return hlError(c, "attribute '%s' failed to satisfy constraint: %s", name,
                 ipuAttrConstraintName(kind));
}

IpuLogicalResult hlAttrI64(const HlCheck *c, const char *name, int64_t dflt,
                           int64_t *out) {
  IpuAttr a = hlAttr(c, name);
  *out = dflt;
  if (!a)
    return IPU_SUCCESS;
  if (!ipuAttrSatisfies(a, IPU_ATTRC_I64))
    return kindError(c, name, IPU_ATTRC_I64);
  *out = ipuIntegerAttrGetInt(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlAttrBool(const HlCheck *c, const char *name, bool dflt,
                            bool *out) {
  IpuAttr a = hlAttr(c, name);
  *out = dflt;
  if (!a)
    return IPU_SUCCESS;
  if (!ipuAttrIsBool(a))
    return kindError(c, name, IPU_ATTRC_BOOL);
  *out = ipuBoolAttrGetValue(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlAttrF32(const HlCheck *c, const char *name, double dflt,
                           double *out, bool *present) {
  IpuAttr a = hlAttr(c, name);
  *out = dflt;
  if (present)
    *present = a != NULL;
  if (!a)
    return IPU_SUCCESS;
  IpuType t = ipuAttrGetType(a);
  if (ipuAttrGetKind(a) != IPU_ATTR_FLOAT || !t || !ipuTypeIsFloat(t) ||
      ipuFloatTypeGetKind(t) != IPU_F32)
    return hlError(c, "attribute '%s' failed to satisfy constraint: 32-bit "
                      "float attribute",
                   name);
  *out = ipuFloatAttrGetValue(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlAttrString(const HlCheck *c, const char *name,
                              const char *dflt, IpuStringRef *out) {
  IpuAttr a = hlAttr(c, name);
  *out = ipuStringRefFromCString(dflt ? dflt : "");
  if (!a)
    return IPU_SUCCESS;
  if (ipuAttrGetKind(a) != IPU_ATTR_STRING)
    return kindError(c, name, IPU_ATTRC_STRING);
  *out = ipuStringAttrGetValue(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlAttrEnum(const HlCheck *c, const char *name,
                            const char *const *choices, int dflt, int *out) {
  IpuStringRef s;
  *out = dflt;
  if (ipuFailed(hlAttrString(c, name, choices[dflt], &s)))
    return IPU_FAILURE;
  for (int i = 0; choices[i]; ++i) {
    if (ipuStringRefEqual(s, ipuStringRefFromCString(choices[i]))) {
      *out = i;
      return IPU_SUCCESS;
    }
  }
  /* "expects 'mode' to be one of \"a\", \"b\"": built piecewise. */
  char list[256] = "";
  size_t used = 0;
  for (int i = 0; choices[i] && used < sizeof list; ++i)
    used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"",
                             i ? ", " : "", choices[i]);
  IpuAttr a = hlAttr(c, name);
  DialectText text;
  return hlError(c, "attribute '%s' must be one of %s, got %s", name, list,
                 dialectAttrText(a, &text));
}

IpuLogicalResult hlAttrI64Array(const HlCheck *c, const char *name,
                                HlI64Array *out) {
  IpuAttr a = hlAttr(c, name);
  *out = (HlI64Array){false, 0, NULL};
  if (!a)
    return IPU_SUCCESS;
  if (!ipuAttrSatisfies(a, IPU_ATTRC_I64_ARRAY))
    return kindError(c, name, IPU_ATTRC_I64_ARRAY);
  out->present = true;
  out->n = ipuDenseArrayAttrGetNumElements(a);
  out->v = ipuDenseArrayAttrGetData(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlAttrF32Array(const HlCheck *c, const char *name,
                                HlF32Array *out) {
  IpuAttr a = hlAttr(c, name);
  *out = (HlF32Array){false, 0, NULL};
  if (!a)
    return IPU_SUCCESS;
  if (!ipuAttrSatisfies(a, IPU_ATTRC_F32_ARRAY))
    return kindError(c, name, IPU_ATTRC_F32_ARRAY);
  out->present = true;
  out->n = ipuDenseArrayAttrGetNumElements(a);
  out->v = ipuDenseArrayAttrGetData(a);
  return IPU_SUCCESS;
}

IpuLogicalResult hlExpectCount(const HlCheck *c, const char *name,
                               intptr_t have, intptr_t want) {
  if (have == want)
    return IPU_SUCCESS;
  return hlError(c, "attribute '%s' expects %jd element%s, got %jd", name,
                 (intmax_t)want, want == 1 ? "" : "s", (intmax_t)have);
}

IpuLogicalResult hlExpectNonNegative(const HlCheck *c, const char *name,
                                     const HlI64Array *a, const char *note) {
  for (intptr_t i = 0; i < a->n; ++i)
    if (a->v[i] < 0)
      return hlError(c, "%s must be non-negative, got %lld at index %jd%s",
                     name, (long long)a->v[i], (intmax_t)i, note);
  return IPU_SUCCESS;
}

IpuLogicalResult hlRankedWithArray(const HlCheck *c, const char *name,
                                   HlTensor *input, HlI64Array *values) {
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, input)) || !hlRequiredAttr(c, name))
    return IPU_FAILURE;
  return hlAttrI64Array(c, name, values);
}

/* ---- Dimensions. ------------------------------------------------------ */

IpuLogicalResult hlDimsInit(const HlCheck *c, HlDims *d, intptr_t n) {
  d->ctx = c->ctx;
  d->n = n < 0 ? 0 : n;
  d->v = d->small;
  if (d->n > (intptr_t)(sizeof d->small / sizeof d->small[0])) {
    d->v = ipuAlloc(c->ctx, (size_t)d->n * sizeof *d->v);
    if (!d->v) {
      d->v = d->small;
      d->n = 0;
      return hlError(c, "out of memory");
    }
  }
  return IPU_SUCCESS;
}

void hlDimsFree(HlDims *d) {
  if (d->v != d->small)
    ipuFree(d->ctx, d->v);
  d->v = d->small;
  d->n = 0;
}

IpuType hlRankedType(const HlCheck *c, intptr_t rank, const int64_t *dims,
                     IpuType elem) {
  IpuType t = ipuRankedTensorTypeGet(c->ctx, rank, dims, elem, NULL);
  if (!t)
    hlError(c, "cannot build the result type (invalid dimensions)");
  return t;
}

IpuLogicalResult hlDimsResult(const HlCheck *c, IpuLogicalResult ok,
                              HlDims *dims, IpuType elem, IpuType *results) {
  if (ipuSucceeded(ok)) {
    results[0] = hlRankedType(c, dims->n, dims->v, elem);
    ok = results[0] ? IPU_SUCCESS : IPU_FAILURE;
  }
  hlDimsFree(dims);
  return ok;
}

const char *hlDimText(int64_t d, char *buf) {
  if (d == IPU_DYNAMIC)
    return "?";
  snprintf(buf, 24, "%lld", (long long)d);
  return buf;
}

/* "1x32x4" with "?" for dynamic sizes, cut short if very long. */
static void shapeText(intptr_t rank, const int64_t *dims, char *out,
                      size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (intptr_t i = 0; i < rank && used + 1 < size; ++i) {
    char buf[24];
    int n = snprintf(out + used, size - used, "%s%s", i ? "x" : "",
                     hlDimText(dims[i], buf));
    if (n < 0)
      break;
    used += (size_t)n;
  }
}

IpuLogicalResult hlExpectDims(const HlCheck *c, const char *what,
                              const HlTensor *t, intptr_t rank,
                              const int64_t *want) {
  if (ipuFailed(hlExpectRank(c, t, what, rank)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < rank; ++i) {
    if (t->dims[i] == IPU_DYNAMIC || want[i] == IPU_DYNAMIC ||
        t->dims[i] == want[i])
      continue;
    char have[128], expected[128];
    shapeText(rank, t->dims, have, sizeof have);
    shapeText(rank, want, expected, sizeof expected);
    return hlError(c, "expects %s of shape %s, got %s", what, expected, have);
  }
  return IPU_SUCCESS;
}

bool hlAddOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_add_overflow(a, b, out) && *out != IPU_DYNAMIC;
}

bool hlMulOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_mul_overflow(a, b, out) && *out != IPU_DYNAMIC;
}

IpuLogicalResult hlNormalizeAxis(const HlCheck *c, const char *what,
                                 int64_t axis, intptr_t rank, int64_t *out) {
  if (axis < -(int64_t)rank || axis >= (int64_t)rank)
    return hlError(c, "%s %lld is out of range for rank %jd", what,
                   (long long)axis, (intmax_t)rank);
  *out = axis < 0 ? axis + rank : axis;
  return IPU_SUCCESS;
}

/* One dimension of a numpy broadcast; false when incompatible. A dynamic
 * dimension against 1 stays dynamic; against n > 1 it must be n. */
static bool broadcastDim(int64_t a, int64_t b, int64_t *out) {
  if (a == b || b == 1) {
    *out = a;
    return true;
  }
  if (a == 1) {
    *out = b;
    return true;
  }
  if (a == IPU_DYNAMIC || b == IPU_DYNAMIC) {
    *out = a == IPU_DYNAMIC ? b : a;
    return true;
  }
  return false;
}

IpuLogicalResult hlBroadcastShapes(const HlCheck *c, const HlTensor *a,
                                   const HlTensor *b, HlDims *out) {
  intptr_t rank = a->rank > b->rank ? a->rank : b->rank;
  if (ipuFailed(hlDimsInit(c, out, rank)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < rank; ++i) {
    intptr_t ia = i - (rank - a->rank), ib = i - (rank - b->rank);
    int64_t da = ia >= 0 ? a->dims[ia] : 1;
    int64_t db = ib >= 0 ? b->dims[ib] : 1;
    if (!broadcastDim(da, db, &out->v[i])) {
      hlDimsFree(out);
      return hlError(c, "operands don't have broadcast-compatible shapes");
    }
  }
  return IPU_SUCCESS;
}
