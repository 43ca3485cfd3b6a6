/* The custom forms of builtin.module and func.func/return/call, exactly as
 * MLIR's printers write them (`module @m attributes {...} {`, `func.func
 * private @f(%arg0: i32 {a}) -> (i32 {b})`, `return %0 : i32`, `call`). */
#include "print_internal.h"

static IpuStringRef stringValue(IpuAttr a) { return ipuStringAttrGetValue(a); }

static void printAttrsWithElided(AsmPrinter *p, IpuOp *op,
                                 const char *const *elided, bool withKeyword) {
  MergedAttrs m;
  if (ipuAsmMergeAttrs(p, op, true, &m))
    ipuAsmPrintOptionalAttrDict(p, m.entries, m.n, elided, withKeyword);
  ipuAsmMergedAttrsDispose(p, &m);
}

void ipuAsmModuleHead(AsmPrinter *p, IpuOp *op) {
  static const char *const elided[] = {"sym_name", NULL};
  IpuAttr name = ipuOpGetAttr(op, "sym_name");
  if (name) {
    psPutc(p->os, ' ');
    ipuAsmPrintSymbolRef(p->os, stringValue(name));
  }
  printAttrsWithElided(p, op, elided, true);
  psPutc(p->os, ' ');
}

static bool isDictOrNull(IpuAttr a) {
  return !a || ipuAttrGetKind(a) == IPU_ATTR_DICTIONARY;
}

/* An array of `n` dictionaries, or absent. */
static bool validAttrArray(IpuAttr a, intptr_t n) {
  if (!a)
    return true;
  if (ipuAttrGetKind(a) != IPU_ATTR_ARRAY || ipuArrayAttrGetNumElements(a) != n)
    return false;
  for (intptr_t i = 0; i < n; i++) {
    IpuAttr e = ipuArrayAttrGetElement(a, i);
    if (!e || !isDictOrNull(e))
      return false;
  }
  return true;
}

bool ipuAsmFuncIsValid(IpuOp *op) {
  if (ipuOpGetNumOperands(op) || ipuOpGetNumResults(op) ||
      ipuOpGetNumRegions(op) != 1)
    return false;
  IpuAttr name = ipuOpGetAttr(op, "sym_name");
  IpuAttr typeAttr = ipuOpGetAttr(op, "function_type");
  IpuAttr vis = ipuOpGetAttr(op, "sym_visibility");
  if (!name || ipuAttrGetKind(name) != IPU_ATTR_STRING || !typeAttr ||
      ipuAttrGetKind(typeAttr) != IPU_ATTR_TYPE ||
      (vis && ipuAttrGetKind(vis) != IPU_ATTR_STRING))
    return false;
  IpuType fnType = ipuTypeAttrGetValue(typeAttr);
  if (!fnType || ipuTypeGetKind(fnType) != IPU_TYPE_FUNCTION)
    return false;
  intptr_t ni = ipuFunctionTypeGetNumInputs(fnType);
  intptr_t nr = ipuFunctionTypeGetNumResults(fnType);
  if (!validAttrArray(ipuOpGetAttr(op, "arg_attrs"), ni) ||
      !validAttrArray(ipuOpGetAttr(op, "res_attrs"), nr))
    return false;
  IpuBlock *entry = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
  if (!entry)
    return true;
  /* The signature stands for the entry block's arguments. */
  if (ipuBlockGetNumArguments(entry) != ni)
    return false;
  for (intptr_t i = 0; i < ni; i++)
    if (ipuValueGetType(ipuBlockGetArgument(entry, i)) !=
        ipuFunctionTypeGetInput(fnType, i))
      return false;
  return true;
}

static void printDictEntries(AsmPrinter *p, IpuAttr dict) {
  if (!dict)
    return;
  intptr_t n = ipuDictionaryAttrGetNumEntries(dict);
  if (!n)
    return;
  IpuNamedAttr small[8];
  IpuNamedAttr *entries = small;
  if (n > 8) {
    entries = ipuAlloc(p->ctx, (size_t)n * sizeof *entries);
    if (!entries) {
      ipuAsmPrinterOutOfMemory(p);
      return;
    }
  }
  for (intptr_t i = 0; i < n; i++)
    entries[i] = ipuDictionaryAttrGetEntry(dict, i);
  ipuAsmPrintOptionalAttrDict(p, entries, n, NULL, false);
  if (entries != small)
    ipuFree(p->ctx, entries);
}

static IpuAttr arrayEntry(IpuAttr array, intptr_t i) {
  return array ? ipuArrayAttrGetElement(array, i) : NULL;
}

void ipuAsmFuncHead(AsmPrinter *p, IpuOp *op) {
  static const char *const elided[] = {"sym_name", "sym_visibility",
                                       "function_type", "arg_attrs",
                                       "res_attrs", NULL};
  PrintStream *os = p->os;
  IpuAttr vis = ipuOpGetAttr(op, "sym_visibility");
  IpuType fnType = ipuTypeAttrGetValue(ipuOpGetAttr(op, "function_type"));
  IpuAttr argAttrs = ipuOpGetAttr(op, "arg_attrs");
  IpuAttr resAttrs = ipuOpGetAttr(op, "res_attrs");
  IpuBlock *entry = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));

  psPutc(os, ' ');
  if (vis) {
    psStr(os, stringValue(vis));
    psPutc(os, ' ');
  }
  ipuAsmPrintSymbolRef(os, stringValue(ipuOpGetAttr(op, "sym_name")));
  psPutc(os, '(');
  intptr_t ni = ipuFunctionTypeGetNumInputs(fnType);
  for (intptr_t i = 0; i < ni; i++) {
    if (i)
      psWrite(os, ", ", 2);
    if (entry) {
      IpuValue arg = ipuBlockGetArgument(entry, i);
      ipuAsmPrintValue(p, arg, true);
      psWrite(os, ": ", 2);
      ipuAsmPrintType(p, ipuValueGetType(arg));
      printDictEntries(p, arrayEntry(argAttrs, i));
      if (p->opts.debugInfo)
        ipuAsmPrintTrailingLocation(p, ipuValueGetLoc(arg), false);
    } else {
      ipuAsmPrintType(p, ipuFunctionTypeGetInput(fnType, i));
      printDictEntries(p, arrayEntry(argAttrs, i));
    }
  }
  psPutc(os, ')');

  intptr_t nr = ipuFunctionTypeGetNumResults(fnType);
  if (nr) {
    psWrite(os, " -> ", 4);
    IpuAttr firstAttrs = arrayEntry(resAttrs, 0);
    bool parens = nr > 1 ||
                  ipuTypeGetKind(ipuFunctionTypeGetResult(fnType, 0)) ==
                      IPU_TYPE_FUNCTION ||
                  (firstAttrs && ipuDictionaryAttrGetNumEntries(firstAttrs));
    if (parens)
      psPutc(os, '(');
    for (intptr_t i = 0; i < nr; i++) {
      if (i)
        psWrite(os, ", ", 2);
      ipuAsmPrintType(p, ipuFunctionTypeGetResult(fnType, i));
      printDictEntries(p, arrayEntry(resAttrs, i));
    }
    if (parens)
      psPutc(os, ')');
  }
  printAttrsWithElided(p, op, elided, true);
  if (entry)
    psPutc(os, ' ');
}

static void printTypeList(AsmPrinter *p, IpuOp *op) {
  intptr_t n = ipuOpGetNumOperands(op);
  for (intptr_t i = 0; i < n; i++) {
    if (i)
      psWrite(p->os, ", ", 2);
    IpuValue v = ipuOpGetOperand(op, i);
    ipuAsmPrintType(p, v ? ipuValueGetType(v) : NULL);
  }
}

void ipuAsmReturnPrint(AsmPrinter *p, IpuOp *op) {
  printAttrsWithElided(p, op, NULL, false);
  if (!ipuOpGetNumOperands(op))
    return;
  psPutc(p->os, ' ');
  ipuAsmPrintOperandList(p, op);
  psWrite(p->os, " : ", 3);
  printTypeList(p, op);
}

void ipuAsmCallPrint(AsmPrinter *p, IpuOp *op) {
  static const char *const elided[] = {"callee", NULL};
  IpuAttr callee = ipuOpGetAttr(op, "callee");
  psPutc(p->os, ' ');
  ipuAsmPrintSymbolRef(p->os, ipuIdentStr(ipuSymbolRefAttrGetRoot(callee)));
  psPutc(p->os, '(');
  ipuAsmPrintOperandList(p, op);
  psPutc(p->os, ')');
  printAttrsWithElided(p, op, elided, false);
  psWrite(p->os, " : ", 3);
  ipuAsmPrintFunctionalType(p, op);
}
