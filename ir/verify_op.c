/* Per-op invariants of registered ops, worded as MLIR's ODS-generated
 * verifiers and OpTrait::impl word them (counts, attributes, types, traits). */
#include <stdio.h>
#include <string.h>

#include "op_impl.h"
#include "verifier_impl.h"

/* ---- Message building. ------------------------------------------------ */

void ipuIrStrBufInit(IpuIrStrBuf *sb, IpuContext *ctx) {
  sb->ctx = ctx;
  sb->empty[0] = '\0';
  sb->data = sb->empty;
  sb->length = sb->capacity = 0;
}

void ipuIrStrBufDispose(IpuIrStrBuf *sb) {
  if (sb->data != sb->empty)
    ipuFree(sb->ctx, sb->data);
  ipuIrStrBufInit(sb, sb->ctx);
}

void ipuIrStrBufAppend(IpuIrStrBuf *sb, const char *data, size_t length) {
  if (sb->length + length + 1 > sb->capacity) {
    size_t capacity = sb->capacity ? sb->capacity : 64;
    while (capacity < sb->length + length + 1)
      capacity *= 2;
    char *grown = sb->data == sb->empty
                      ? ipuAlloc(sb->ctx, capacity)
                      : ipuRealloc(sb->ctx, sb->data, capacity);
    if (!grown)
      return;
    if (sb->data == sb->empty)
      grown[0] = '\0';
    sb->data = grown;
    sb->capacity = capacity;
  }
  memcpy(sb->data + sb->length, data, length);
  sb->length += length;
  sb->data[sb->length] = '\0';
}

void ipuIrStrBufAppendC(IpuIrStrBuf *sb, const char *s) {
  ipuIrStrBufAppend(sb, s, strlen(s));
}

void ipuIrStrBufCallback(IpuStringRef piece, void *userData) {
  ipuIrStrBufAppend(userData, piece.data, piece.length);
}

void ipuIrStrBufAppendQuotedType(IpuIrStrBuf *sb, IpuType t) {
  ipuIrStrBufAppendC(sb, "'");
  if (t)
    ipuTypePrint(t, ipuIrStrBufCallback, sb);
  else
    ipuIrStrBufAppendC(sb, "<<NULL TYPE>>");
  ipuIrStrBufAppendC(sb, "'");
}

IpuType ipuIrElementTypeOrSelf(IpuType t) {
  return t && ipuTypeIsShaped(t) ? ipuShapedTypeGetElementType(t) : t;
}

/* ---- Counts (OpTrait::impl::verifyNOperands and friends). ------------- */

typedef struct {
  intptr_t numFixed;    /* entries that take exactly one value */
  intptr_t numVariadic; /* variadic or optional entries */
  intptr_t variadicPos; /* index of the (first) variadic entry, or -1 */
  bool optional;        /* the variadic entry is optional */
} ValueShape;

static ValueShape shapeOf(const IpuValueDef *defs, intptr_t n) {
  ValueShape s = {0, 0, -1, false};
  for (intptr_t i = 0; i < n; ++i) {
    if (defs[i].variadic || defs[i].optional) {
      if (s.variadicPos < 0) {
        s.variadicPos = i;
        s.optional = defs[i].optional && !defs[i].variadic;
      }
      ++s.numVariadic;
    } else {
      ++s.numFixed;
    }
  }
  return s;
}

static bool verifyOperandCount(IpuOp *op, const IpuOpDef *def) {
  ValueShape s = shapeOf(def->operands, def->numOperands);
  intptr_t n = op->numOperands;
  if (s.numVariadic == 0) {
    if (n == s.numFixed)
      return true;
    if (s.numFixed == 0)
      return ipuOpEmitError(op, "requires zero operands"), false;
    if (s.numFixed == 1)
      return ipuOpEmitError(op, "requires a single operand"), false;
    ipuOpEmitError(op, "expected %jd operands, but found %jd",
                   (intmax_t)s.numFixed, (intmax_t)n);
    return false;
  }
  if (n < s.numFixed) {
    ipuOpEmitError(op, "expected %jd or more operands, but found %jd",
                   (intmax_t)s.numFixed, (intmax_t)n);
    return false;
  }
  if (s.numVariadic == 1 && s.optional && n - s.numFixed > 1) {
    ipuOpEmitError(op,
                   "operand group starting at #%jd requires 0 or 1 element, "
                   "but found %jd",
                   (intmax_t)s.variadicPos, (intmax_t)(n - s.numFixed));
    return false;
  }
  return true;
}

static bool verifyResultCount(IpuOp *op, const IpuOpDef *def) {
  ValueShape s = shapeOf(def->results, def->numResults);
  intptr_t n = op->numResults;
  if (s.numVariadic == 0) {
    if (n == s.numFixed)
      return true;
    if (s.numFixed == 0)
      return ipuOpEmitError(op, "requires zero results"), false;
    if (s.numFixed == 1)
      return ipuOpEmitError(op, "requires one result"), false;
    ipuOpEmitError(op, "expected %jd results", (intmax_t)s.numFixed);
    return false;
  }
  if (n < s.numFixed) {
    ipuOpEmitError(op, "expected %jd or more results", (intmax_t)s.numFixed);
    return false;
  }
  if (s.numVariadic == 1 && s.optional && n - s.numFixed > 1) {
    ipuOpEmitError(op,
                   "result group starting at #%jd requires 0 or 1 element, "
                   "but found %jd",
                   (intmax_t)s.variadicPos, (intmax_t)(n - s.numFixed));
    return false;
  }
  return true;
}

static bool verifyRegionCount(IpuOp *op, const IpuOpDef *def) {
  intptr_t n = op->numRegions;
  if (n == def->numRegions)
    return true;
  if (def->numRegions == 0)
    return ipuOpEmitError(op, "requires zero regions"), false;
  if (def->numRegions == 1)
    return ipuOpEmitError(op, "requires one region"), false;
  ipuOpEmitError(op, "expected %jd regions", (intmax_t)def->numRegions);
  return false;
}

static bool verifySuccessors(IpuOp *op, const IpuOpDef *def) {
  intptr_t n = op->numSuccessors;
  if (def->numSuccessors >= 0 && n != def->numSuccessors) {
    if (def->numSuccessors == 1)
      ipuOpEmitError(op, "requires 1 successor but found %jd", (intmax_t)n);
    else
      ipuOpEmitError(op, "requires %jd successors but found %jd",
                     (intmax_t)def->numSuccessors, (intmax_t)n);
    return false;
  }
  IpuRegion *parent = op->block ? op->block->parent : NULL;
  IpuBlockOperand *succ = ipuIrOpSuccessors(op);
  for (uint32_t i = 0; i < op->numSuccessors; ++i) {
    if (!succ[i].block || succ[i].block->parent != parent) {
      ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op),
                   "reference to block defined in another region");
      return false;
    }
  }
  return true;
}

/* ---- Inherent attributes and type constraints (ODS verifyInvariants). - */

static bool verifyAttributes(IpuOp *op, const IpuOpDef *def) {
  for (intptr_t i = 0; i < def->numAttrs; ++i) {
    const IpuAttrDef *ad = &def->attrs[i];
    IpuAttr a = ipuOpGetAttr(op, ad->name);
    if (!a) {
      if (ad->optional)
        continue;
      ipuOpEmitError(op, "requires attribute '%s'", ad->name);
      return false;
    }
    if (!ipuAttrSatisfies(a, ad->kind)) {
      ipuOpEmitError(op, "attribute '%s' failed to satisfy constraint: %s",
                     ad->name, ipuAttrConstraintName(ad->kind));
      return false;
    }
  }
  return true;
}

/* The definition entry that describes value #i of `n` actual values, given
 * that at most one entry is variadic (ODS's value groups). NULL when the
 * layout is ambiguous (several variadic entries). */
static const IpuValueDef *defForValue(const IpuValueDef *defs, intptr_t nDefs,
                                      intptr_t n, intptr_t i) {
  ValueShape s = shapeOf(defs, nDefs);
  if (s.numVariadic == 0)
    return i < nDefs ? &defs[i] : NULL;
  if (s.numVariadic > 1)
    return NULL;
  intptr_t groupSize = n - s.numFixed;
  if (i < s.variadicPos)
    return &defs[i];
  if (i < s.variadicPos + groupSize)
    return &defs[s.variadicPos];
  return &defs[i - groupSize + 1];
}

static bool verifyValueTypes(IpuOp *op, const char *kind,
                             const IpuValueDef *defs, intptr_t nDefs,
                             intptr_t n, bool operands) {
  for (intptr_t i = 0; i < n; ++i) {
    const IpuValueDef *vd = defForValue(defs, nDefs, n, i);
    if (!vd)
      return true;
    IpuValue v = operands ? ipuOpGetOperand(op, i) : ipuOpGetResult(op, i);
    IpuType t = v ? ipuValueGetType(v) : NULL;
    if (t && ipuTypeSatisfies(t, vd->type))
      continue;
    IpuIrStrBuf sb;
    ipuIrStrBufInit(&sb, ipuOpGetContext(op));
    ipuIrStrBufAppendQuotedType(&sb, t);
    ipuOpEmitError(op, "%s #%jd must be %s, but got %s", kind, (intmax_t)i,
                   ipuTypeConstraintName(vd->type), sb.data);
    ipuIrStrBufDispose(&sb);
    return false;
  }
  return true;
}

/* ---- Traits. ---------------------------------------------------------- */

/* verifyCompatibleShape: both shaped or both not; unranked fits anything;
 * equal ranks with equal or dynamic dimensions. */
static bool compatibleShapes(IpuType a, IpuType b) {
  bool sa = ipuTypeIsShaped(a), sb = ipuTypeIsShaped(b);
  if (!sa || !sb)
    return sa == sb;
  if (!ipuShapedTypeHasRank(a) || !ipuShapedTypeHasRank(b))
    return true;
  intptr_t rank = ipuShapedTypeGetRank(a);
  if (rank != ipuShapedTypeGetRank(b))
    return false;
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t x = ipuShapedTypeGetDimSize(a, d), y = ipuShapedTypeGetDimSize(b, d);
    if (x != y && x != IPU_DYNAMIC && y != IPU_DYNAMIC)
      return false;
  }
  return true;
}

static IpuAttr encodingOf(IpuType t) {
  return ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR
             ? ipuRankedTensorTypeGetEncoding(t)
             : NULL;
}

static bool verifyAtLeastOneOperandAndResult(IpuOp *op) {
  if (op->numOperands < 1) {
    ipuOpEmitError(op, "expected 1 or more operands, but found %u",
                   op->numOperands);
    return false;
  }
  if (op->numResults < 1) {
    ipuOpEmitError(op, "expected 1 or more results");
    return false;
  }
  return true;
}

static bool verifySameOperandsAndResultType(IpuOp *op) {
  if (!verifyAtLeastOneOperandAndResult(op))
    return false;
  IpuType type = ipuValueGetType(ipuOpGetResult(op, 0));
  IpuType element = ipuIrElementTypeOrSelf(type);
  IpuAttr encoding = encodingOf(type);
  intptr_t total = op->numResults + op->numOperands;
  for (intptr_t i = 1; i < total; ++i) {
    IpuValue v = i < op->numResults ? ipuOpGetResult(op, i)
                                    : ipuOpGetOperand(op, i - op->numResults);
    IpuType t = v ? ipuValueGetType(v) : NULL;
    if (!t || ipuIrElementTypeOrSelf(t) != element ||
        !compatibleShapes(t, type)) {
      ipuOpEmitError(op, "requires the same type for all operands and results");
      return false;
    }
    if (encoding && encodingOf(t) != encoding) {
      ipuOpEmitError(op,
                     "requires the same encoding for all operands and results");
      return false;
    }
  }
  return true;
}

static bool verifySameOperandsElementType(IpuOp *op) {
  if (op->numOperands < 1) {
    ipuOpEmitError(op, "expected 1 or more operands, but found 0");
    return false;
  }
  IpuType element = ipuIrElementTypeOrSelf(ipuValueGetType(ipuOpGetOperand(op, 0)));
  for (intptr_t i = 1; i < op->numOperands; ++i) {
    if (ipuIrElementTypeOrSelf(ipuValueGetType(ipuOpGetOperand(op, i))) !=
        element) {
      ipuOpEmitError(op, "requires the same element type for all operands");
      return false;
    }
  }
  return true;
}

/* HasParent<...>: `parent` may list several names separated by commas. */
static bool verifyParent(IpuOp *op, const char *parent) {
  IpuOp *p = ipuOpGetParentOp(op);
  const char *pname = p ? ipuIdentCStr(ipuIrOpName(p)) : NULL;
  size_t plen = pname ? strlen(pname) : 0;
  bool several = false;
  for (const char *s = parent; *s;) {
    while (*s == ' ' || *s == ',')
      ++s;
    const char *e = s;
    while (*e && *e != ',')
      ++e;
    const char *end = e;
    while (end > s && end[-1] == ' ')
      --end;
    if (pname && (size_t)(end - s) == plen && memcmp(s, pname, plen) == 0)
      return true;
    if (*e == ',')
      several = true;
    s = e;
  }
  if (several)
    ipuOpEmitError(op, "expects parent op to be one of '%s'", parent);
  else
    ipuOpEmitError(op, "expects parent op '%s'", parent);
  return false;
}

static bool verifySingleBlock(IpuOp *op, bool noTerminator) {
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t i = 0; i < op->numRegions; ++i) {
    IpuRegion *r = regions[i];
    if (!r->firstBlock)
      continue;
    if (r->numBlocks != 1) {
      ipuOpEmitError(op, "expects region #%u to have 0 or 1 blocks", i);
      return false;
    }
    if (!noTerminator && !r->firstBlock->firstOp) {
      ipuOpEmitError(op, "expects a non-empty block");
      return false;
    }
  }
  return true;
}

/* detail::verifySymbol. builtin.module's name is optional (MLIR's
 * isOptionalSymbol), as is any name the op table marks optional. */
static bool verifySymbol(IpuOp *op) {
  IpuAttr name = ipuOpGetAttr(op, "sym_name");
  if (!name || ipuAttrGetKind(name) != IPU_ATTR_STRING) {
    if (!name && strcmp(ipuIrOpDef(op)->name, "builtin.module") == 0)
      return true;
    ipuOpEmitError(op, "requires string attribute 'sym_name'");
    return false;
  }
  IpuAttr vis = ipuOpGetAttr(op, "sym_visibility");
  if (!vis)
    return true;
  if (ipuAttrGetKind(vis) != IPU_ATTR_STRING) {
    ipuOpEmitError(op, "requires visibility attribute 'sym_visibility' to be "
                       "a string attribute");
    return false;
  }
  IpuStringRef v = ipuStringAttrGetValue(vis);
  static const char *const allowed[] = {"public", "private", "nested"};
  for (size_t i = 0; i < 3; ++i)
    if (ipuStringRefEqual(v, ipuStringRefFromCString(allowed[i])))
      return true;
  ipuOpEmitError(op,
                 "visibility expected to be one of [\"public\", \"private\", "
                 "\"nested\"], but got \"%.*s\"",
                 (int)v.length, v.data);
  return false;
}

static bool verifyTraits(IpuOp *op, const IpuOpDef *def) {
  uint32_t traits = def->traits;
  if ((traits & IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE) &&
      !verifySameOperandsAndResultType(op))
    return false;
  if ((traits & IPU_TRAIT_SAME_OPERANDS_ELEMENT_TYPE) &&
      !verifySameOperandsElementType(op))
    return false;
  if ((traits & IPU_TRAIT_TERMINATOR) && (!op->block || op->next)) {
    ipuOpEmitError(op, "must be the last operation in the parent block");
    return false;
  }
  if (def->parent && def->parent[0] && !verifyParent(op, def->parent))
    return false;
  if ((traits & IPU_TRAIT_SINGLE_BLOCK) &&
      !verifySingleBlock(op, traits & IPU_TRAIT_NO_TERMINATOR))
    return false;
  if ((traits & IPU_TRAIT_SYMBOL) && !verifySymbol(op))
    return false;
  return true;
}

/* ---- Inferred result types (InferTypeOpInterface's verifyTrait). ------ */

static void appendTypeList(IpuIrStrBuf *sb, const IpuType *types, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i) {
    if (i)
      ipuIrStrBufAppendC(sb, ", ");
    ipuIrStrBufAppendQuotedType(sb, types[i]);
  }
}

/* TOSA's isCompatibleReturnTypes: the same type, or tensors of one element
 * type and encoding whose shapes could be the same at run time. */
static bool typesCompatible(IpuType a, IpuType b) {
  return a == b ||
         (ipuTypeIsTensor(a) && ipuTypeIsTensor(b) &&
          ipuShapedTypeGetElementType(a) == ipuShapedTypeGetElementType(b) &&
          encodingOf(a) == encodingOf(b) && compatibleShapes(a, b));
}

static bool verifyInferredTypes(IpuOp *op, const IpuOpDef *def) {
  IpuContext *ctx = ipuOpGetContext(op);
  intptr_t nOperands = op->numOperands, nResults = op->numResults;
  IpuValue *operands = ipuAlloc(ctx, ((size_t)nOperands + 1) * sizeof *operands);
  IpuType *inferred = ipuCalloc(ctx, (size_t)nResults + 1, sizeof *inferred);
  IpuType *actual = ipuAlloc(ctx, ((size_t)nResults + 1) * sizeof *actual);
  bool ok = true;
  if (!operands || !inferred || !actual) {
    ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
    ok = false;
    goto done;
  }
  for (intptr_t i = 0; i < nOperands; ++i)
    operands[i] = ipuOpGetOperand(op, i);
  for (intptr_t i = 0; i < nResults; ++i)
    actual[i] = ipuValueGetType(ipuOpGetResult(op, i));
  if (ipuFailed(def->inferResultTypes(ctx, ipuIrOpLoc(op), nOperands, operands,
                                      ipuOpGetAttrDict(op), ipuIrOpProps(op),
                                      nResults, inferred))) {
    ipuOpEmitError(op, "failed to infer returned types");
    ok = false;
    goto done;
  }
  bool compatible = def->traits & IPU_TRAIT_COMPATIBLE_RESULT_TYPES;
  for (intptr_t i = 0; i < nResults && ok; ++i)
    ok = compatible ? typesCompatible(inferred[i], actual[i])
                    : inferred[i] == actual[i];
  if (!ok) {
    IpuIrStrBuf a, b;
    ipuIrStrBufInit(&a, ctx);
    ipuIrStrBufInit(&b, ctx);
    appendTypeList(&a, inferred, nResults);
    appendTypeList(&b, actual, nResults);
    ipuEmitError(ctx, ipuIrOpLoc(op),
                 "'%s' op inferred type(s) %s are incompatible with return "
                 "type(s) of operation %s",
                 ipuIdentCStr(ipuIrOpName(op)), a.data, b.data);
    ipuOpEmitError(op, "failed to infer returned types");
    ipuIrStrBufDispose(&a);
    ipuIrStrBufDispose(&b);
  }
done:
  ipuFree(ctx, operands);
  ipuFree(ctx, inferred);
  ipuFree(ctx, actual);
  return ok;
}

/* ---- Entry point. ----------------------------------------------------- */

bool ipuIrVerifyRegisteredOp(IpuOp *op) {
  const IpuOpDef *def = ipuIrOpDef(op);
  if (!verifyRegionCount(op, def) || !verifyResultCount(op, def) ||
      !verifySuccessors(op, def) || !verifyOperandCount(op, def))
    return false;
  if (!verifyAttributes(op, def))
    return false;
  if (!verifyValueTypes(op, "operand", def->operands, def->numOperands,
                        op->numOperands, true) ||
      !verifyValueTypes(op, "result", def->results, def->numResults,
                        op->numResults, false))
    return false;
  if (!verifyTraits(op, def))
    return false;
  if (def->verify && ipuFailed(def->verify(op)))
    return false;
  if (def->inferResultTypes && !verifyInferredTypes(op, def))
    return false;
  return true;
}
