/* Helpers shared by the dialects' verifiers: types rendered as text for
 * messages, the way MLIR quotes them ('tensor<4xf32>'). */
#ifndef IPU_DIALECT_SUPPORT_H
#define IPU_DIALECT_SUPPORT_H

#include "ipu/opdef.h"

/* Long enough for any type a message shows in practice; longer ones end in
 * "...". */
typedef struct {
  char text[256];
  size_t length;
} DialectText;

/* `t` printed, NUL-terminated; returns out->text. */
const char *dialectTypeText(IpuType t, DialectText *out);
/* `a` printed (a string attribute with its quotes and escapes). */
const char *dialectAttrText(IpuAttr a, DialectText *out);
/* 'a', 'b' as MLIR prints a type range in a diagnostic: the result types
 * of an op, or the result types of a function type. */
const char *dialectResultTypesText(const IpuOp *op, DialectText *out);
const char *dialectFunctionResultsText(IpuType fnType, DialectText *out);

/* ODS's AllTypesMatch over every operand and result: the uniform short
 * form prints one type for SameOperandsAndResultType ops, so they need
 * identical types, not only the compatible shapes that trait accepts. */
IpuLogicalResult dialectVerifyAllTypesMatch(IpuOp *op);

/* The op's attribute `name` when it is an integer attribute, else false. */
bool dialectGetIntAttr(const IpuOp *op, const char *name, int64_t *value);

#endif
