/* The func dialect: func.func, func.return and func.call, verified with
 * MLIR's rules and words (mlir/lib/Dialect/Func/IR/FuncOps.cpp and the
 * function and symbol interfaces). */
#include <string.h>

#include "dialect_support.h"
#include "ipu/dialects.h"

/* The function type of a func.func, or NULL when its `function_type` is
 * missing or malformed (the generic attribute checks report that). */
static IpuType functionType(const IpuOp *func) {
  IpuAttr a = ipuOpGetAttr(func, "function_type");
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_TYPE)
    return NULL;
  IpuType t = ipuTypeAttrGetValue(a);
  return t && ipuTypeGetKind(t) == IPU_TYPE_FUNCTION ? t : NULL;
}

static IpuStringRef functionName(const IpuOp *func) {
  IpuAttr name = ipuOpGetSymbolName(func);
  if (name && ipuAttrGetKind(name) == IPU_ATTR_STRING)
    return ipuStringAttrGetValue(name);
  return ipuStringRefMake("", 0);
}

/* Argument or result attributes: one dictionary per entry, holding only
 * dialect attributes (names with a dot), as FunctionOpInterface demands. */
static IpuLogicalResult verifyEntryAttrs(IpuOp *op, const char *attrName,
                                         intptr_t expected,
                                         const char *what /* "argument" */,
                                         const char *plural) {
  IpuAttr array = ipuOpGetAttr(op, attrName);
  if (!array || ipuAttrGetKind(array) != IPU_ATTR_ARRAY)
    return IPU_SUCCESS;
  intptr_t n = ipuArrayAttrGetNumElements(array);
  if (n != expected)
    return ipuOpEmitError(
        op,
        "expects %s attribute array to have the same number of elements as "
        "the number of function %s, got %ld, but expected %ld",
        what, plural, (long)n, (long)expected);
  for (intptr_t i = 0; i < n; ++i) {
    IpuAttr dict = ipuArrayAttrGetElement(array, i);
    if (ipuAttrGetKind(dict) != IPU_ATTR_DICTIONARY) {
      DialectText text;
      return ipuOpEmitError(op,
                            "expects %s attribute dictionary to be a "
                            "DictionaryAttr, but got `%s`",
                            what, dialectAttrText(dict, &text));
    }
    for (intptr_t j = 0; j < ipuDictionaryAttrGetNumEntries(dict); ++j) {
      IpuStringRef name =
          ipuIdentStr(ipuDictionaryAttrGetEntry(dict, j).name);
      if (name.length == 0 || !memchr(name.data, '.', name.length))
        return ipuOpEmitError(op, "%s may only have dialect attributes",
                              plural);
    }
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult verifyFunc(IpuOp *op) {
  IpuType fnType = functionType(op);
  IpuRegion *body = ipuOpGetRegion(op, 0);
  if (!fnType || !body)
    return IPU_FAILURE;

  /* The Symbol trait checks sym_name and sym_visibility generically. */
  bool isDeclaration = ipuRegionIsEmpty(body);
  if (isDeclaration && strcmp(ipuOpGetSymbolVisibility(op), "public") == 0)
    return ipuOpEmitError(op,
                          "symbol declaration cannot have public visibility");

  intptr_t numInputs = ipuFunctionTypeGetNumInputs(fnType);
  if (ipuFailed(verifyEntryAttrs(op, "arg_attrs", numInputs, "argument",
                                 "arguments")) ||
      ipuFailed(verifyEntryAttrs(op, "res_attrs",
                                 ipuFunctionTypeGetNumResults(fnType),
                                 "result", "results")))
    return IPU_FAILURE;
  if (isDeclaration)
    return IPU_SUCCESS;

  IpuBlock *entry = ipuRegionGetFirstBlock(body);
  if (ipuBlockGetNumArguments(entry) != numInputs)
    return ipuOpEmitError(op,
                          "entry block must have %ld arguments to match "
                          "function signature",
                          (long)numInputs);
  for (intptr_t i = 0; i < numInputs; ++i) {
    IpuType argType = ipuValueGetType(ipuBlockGetArgument(entry, i));
    IpuType expected = ipuFunctionTypeGetInput(fnType, i);
    if (argType != expected) {
      DialectText got, want;
      return ipuOpEmitError(
          op,
          "type of entry block argument #%ld('%s') must match the type of "
          "the corresponding argument in function signature('%s')",
          (long)i, dialectTypeText(argType, &got),
          dialectTypeText(expected, &want));
    }
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult verifyReturn(IpuOp *op) {
  IpuOp *func = ipuOpGetParentOp(op);
  IpuType fnType = func ? functionType(func) : NULL;
  if (!func || !ipuOpIsA(func, "func.func") || !fnType)
    return IPU_FAILURE; /* the parent check or the func itself reports */
  IpuStringRef name = functionName(func);
  intptr_t numResults = ipuFunctionTypeGetNumResults(fnType);
  if (ipuOpGetNumOperands(op) != numResults)
    return ipuOpEmitError(op,
                          "has %ld operands, but enclosing function (@%.*s) "
                          "returns %ld",
                          (long)ipuOpGetNumOperands(op), (int)name.length,
                          name.data, (long)numResults);
  for (intptr_t i = 0; i < numResults; ++i) {
    IpuType got = ipuValueGetType(ipuOpGetOperand(op, i));
    IpuType want = ipuFunctionTypeGetResult(fnType, i);
    if (got != want) {
      DialectText gotText, wantText;
      /* MLIR words this one without the "'func.return' op" prefix. */
      return ipuEmitError(ipuOpGetContext(op), ipuOpGetLoc(op),
                          "type of return operand %ld ('%s') doesn't match "
                          "function result type ('%s') in function @%.*s",
                          (long)i, dialectTypeText(got, &gotText),
                          dialectTypeText(want, &wantText), (int)name.length,
                          name.data);
    }
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult verifyCall(IpuOp *op) {
  IpuAttr callee = ipuOpGetAttr(op, "callee");
  if (!callee || ipuAttrGetKind(callee) != IPU_ATTR_SYMBOL_REF)
    return IPU_FAILURE; /* the attribute checks report it */
  IpuOp *func = ipuSymbolLookupNearest(op, callee);
  if (!func || !ipuOpIsA(func, "func.func")) {
    IpuStringRef name = ipuIdentStr(ipuSymbolRefAttrGetRoot(callee));
    return ipuOpEmitError(op, "'%.*s' does not reference a valid function",
                          (int)name.length, name.data);
  }
  IpuType fnType = functionType(func);
  if (!fnType)
    return IPU_FAILURE; /* the callee's own verifier reports it */

  intptr_t numInputs = ipuFunctionTypeGetNumInputs(fnType);
  if (ipuOpGetNumOperands(op) != numInputs)
    return ipuOpEmitError(op, "incorrect number of operands for callee");
  for (intptr_t i = 0; i < numInputs; ++i) {
    IpuType got = ipuValueGetType(ipuOpGetOperand(op, i));
    IpuType want = ipuFunctionTypeGetInput(fnType, i);
    if (got != want) {
      DialectText gotText, wantText;
      return ipuOpEmitError(op,
                            "operand type mismatch: expected operand type "
                            "'%s', but provided '%s' for operand number %ld",
                            dialectTypeText(want, &wantText),
                            dialectTypeText(got, &gotText), (long)i);
    }
  }

  intptr_t numResults = ipuFunctionTypeGetNumResults(fnType);
  if (ipuOpGetNumResults(op) != numResults)
    return ipuOpEmitError(op, "incorrect number of results for callee");
  for (intptr_t i = 0; i < numResults; ++i) {
    if (ipuValueGetType(ipuOpGetResult(op, i)) ==
        ipuFunctionTypeGetResult(fnType, i))
      continue;
    DialectText opTypes, fnTypes;
    IpuDiagnostic *diag =
        ipuOpCreateError(op, "result type mismatch at index %ld", (long)i);
    if (!diag)
      return IPU_FAILURE;
    IpuLocation loc = ipuOpGetLoc(op);
    ipuDiagnosticAddNote(diag, loc, "      op result types: %s",
                         dialectResultTypesText(op, &opTypes));
    ipuDiagnosticAddNote(diag, loc, "function result types: %s",
                         dialectFunctionResultsText(fnType, &fnTypes));
    ipuDiagnosticReport(diag);
    return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

#define OP_TABLE_FILE "func/func_ops.def"
#include "op_table.h"

const IpuDialectDef ipuFuncDialect = {
    .name = "func",
    .summary = "Functions, calls and returns",
    .description =
        "The func dialect holds function definitions and declarations, "
        "direct calls by symbol and returns, exactly as MLIR's dialect of "
        "the same name. Inside a `func.func` body its ops print without the "
        "`func.` prefix; both spellings parse.",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
};
