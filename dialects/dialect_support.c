/* Helpers shared by the dialects' verifiers: types rendered as text for
 * messages, integer attribute access. */
#include "dialect_support.h"

#include <string.h>

#include "ipu/asm.h"

static void appendText(IpuStringRef piece, void *userData) {
  DialectText *out = userData;
  size_t room = sizeof(out->text) - 1 - out->length;
  size_t n = piece.length < room ? piece.length : room;
  memcpy(out->text + out->length, piece.data, n);
  out->length += n;
  out->text[out->length] = '\0';
  if (n < piece.length && out->length >= 3)
    memcpy(out->text + out->length - 3, "...", 3);
}

static void appendC(DialectText *out, const char *s) {
  appendText(ipuStringRefFromCString(s), out);
}

const char *dialectTypeText(IpuType t, DialectText *out) {
  out->length = 0;
  out->text[0] = '\0';
  if (t)
    ipuTypePrint(t, appendText, out);
  else
    appendC(out, "<<NULL TYPE>>");
  return out->text;
}

const char *dialectAttrText(IpuAttr a, DialectText *out) {
  out->length = 0;
  out->text[0] = '\0';
  if (a)
    ipuAttrPrint(a, appendText, out);
  else
    appendC(out, "<<NULL ATTRIBUTE>>");
  return out->text;
}

static void appendQuotedType(DialectText *out, intptr_t i, IpuType t) {
  appendC(out, i ? ", '" : "'");
  if (t)
    ipuTypePrint(t, appendText, out);
  appendC(out, "'");
}

const char *dialectResultTypesText(const IpuOp *op, DialectText *out) {
  out->length = 0;
  out->text[0] = '\0';
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i)
    appendQuotedType(out, i, ipuValueGetType(ipuOpGetResult(op, i)));
  return out->text;
}

const char *dialectFunctionResultsText(IpuType fnType, DialectText *out) {
  out->length = 0;
  out->text[0] = '\0';
  for (intptr_t i = 0; i < ipuFunctionTypeGetNumResults(fnType); ++i)
    appendQuotedType(out, i, ipuFunctionTypeGetResult(fnType, i));
  return out->text;
}

bool dialectGetIntAttr(const IpuOp *op, const char *name, int64_t *value) {
  IpuAttr a = ipuOpGetAttr(op, name);
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_INTEGER)
    return false;
  *value = ipuIntegerAttrGetInt(a);
  return true;
}

/* "{lhs, rhs, output}": the op table's names of its operands and results. */
static void appendValueNames(DialectText *out, const IpuOpDef *def) {
  appendC(out, "{");
  for (intptr_t i = 0; i < def->numOperands + def->numResults; ++i) {
    const IpuValueDef *v = i < def->numOperands
                               ? &def->operands[i]
                               : &def->results[i - def->numOperands];
    appendC(out, i ? ", " : "");
    appendC(out, v->name);
  }
  appendC(out, "}");
}

IpuLogicalResult dialectVerifyAllTypesMatch(IpuOp *op) {
  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t total = numOperands + ipuOpGetNumResults(op);
  if (total == 0)
    return IPU_SUCCESS;
  IpuType first = numOperands ? ipuValueGetType(ipuOpGetOperand(op, 0))
                              : ipuValueGetType(ipuOpGetResult(op, 0));
  for (intptr_t i = 1; i < total; ++i) {
    IpuValue v = i < numOperands ? ipuOpGetOperand(op, i)
                                 : ipuOpGetResult(op, i - numOperands);
    if (ipuValueGetType(v) == first)
      continue;
    DialectText names = {.length = 0};
    names.text[0] = '\0';
    const IpuOpDef *def = ipuOpGetDef(op);
    if (def)
      appendValueNames(&names, def);
    return ipuOpEmitError(op, "failed to verify that all of %s have same type",
                          names.text);
  }
  return IPU_SUCCESS;
}
