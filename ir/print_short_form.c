/* The uniform short form of our dialects' ops (hl, tile, hw):
 *   %r = hl.add %a, %b [^bb1] ({...}) {attrs} : tensor<4xf32>
 * with the type part chosen by the op's operands, results and traits. */
#include "print_internal.h"

/* The single type of an op whose operands and results all share it (the
 * SameOperandsAndResultType form), or NULL when they differ. */
static IpuType sharedType(IpuOp *op) {
  IpuType shared = NULL;
  intptr_t n = ipuOpGetNumOperands(op);
  for (intptr_t i = 0; i < n; i++) {
    IpuValue v = ipuOpGetOperand(op, i);
    IpuType t = v ? ipuValueGetType(v) : NULL;
    if (!t || (shared && t != shared))
      return NULL;
    shared = t;
  }
  n = ipuOpGetNumResults(op);
  for (intptr_t i = 0; i < n; i++) {
    IpuType t = ipuValueGetType(ipuOpGetResult(op, i));
    if (!t || (shared && t != shared))
      return NULL;
    shared = t;
  }
  return shared;
}

static bool usesSharedType(IpuOp *op) {
  if (ipuOpGetNumOperands(op) == 0)
    return false;
  if (ipuOpHasTrait(op, IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE))
    return true;
  return ipuOpHasTrait(op, IPU_TRAIT_SAME_TYPE_SHORTHAND) && sharedType(op);
}

bool ipuAsmShortFormIsValid(AsmPrinter *p, IpuOp *op) {
  if (!ipuOpGetDef(op))
    return false;
  if (usesSharedType(op) && !sharedType(op))
    return false; /* the single type would not say what the op holds */
  intptr_t n = ipuOpGetNumOperands(op);
  for (intptr_t i = 0; i < n; i++)
    if (!ipuOpGetOperand(op, i))
      return false;
  MergedAttrs m;
  bool ok = ipuAsmMergeAttrs(p, op, true, &m);
  ipuAsmMergedAttrsDispose(p, &m);
  return ok;
}

void ipuAsmShortHead(AsmPrinter *p, IpuOp *op, const char *defaultDialect) {
  PrintStream *os = p->os;
  ipuAsmPrintOpName(p, op, defaultDialect);
  if (ipuOpGetNumOperands(op)) {
    psPutc(os, ' ');
    ipuAsmPrintOperandList(p, op);
  }
  intptr_t ns = ipuOpGetNumSuccessors(op);
  if (ns) {
    psWrite(os, " [", 2);
    for (intptr_t i = 0; i < ns; i++) {
      if (i)
        psWrite(os, ", ", 2);
      ipuAsmPrintBlockName(p, ipuOpGetSuccessor(op, i));
    }
    psPutc(os, ']');
  }
  if (ipuOpGetNumRegions(op))
    psWrite(os, " (", 2);
}

void ipuAsmShortTail(AsmPrinter *p, IpuOp *op) {
  PrintStream *os = p->os;
  if (ipuOpGetNumRegions(op))
    psPutc(os, ')');
  MergedAttrs m;
  if (ipuAsmMergeAttrs(p, op, true, &m))
    ipuAsmPrintOptionalAttrDict(p, m.entries, m.n, NULL, false);
  ipuAsmMergedAttrsDispose(p, &m);

  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t numResults = ipuOpGetNumResults(op);
  if (!numOperands && !numResults)
    return;
  psWrite(os, " : ", 3);
  if (!numOperands) {
    for (intptr_t i = 0; i < numResults; i++) {
      if (i)
        psWrite(os, ", ", 2);
      ipuAsmPrintType(p, ipuValueGetType(ipuOpGetResult(op, i)));
    }
    return;
  }
  if (usesSharedType(op)) {
    ipuAsmPrintType(p, sharedType(op));
    return;
  }
  ipuAsmPrintFunctionalType(p, op);
}
