/* Printing locations as MLIR does: loc("f":1:2), names, call sites, fused
 * locations, #loc aliases for nested ones, and ranges in MLIR 20's
 * `"f":1:2 to 3:4` syntax. */
#include "print_internal.h"

static void printFileLoc(AsmPrinter *p, IpuLocation loc) {
  PrintStream *os = p->os;
  psQuoted(os, ipuIdentStr(ipuLocFileGetFilename(loc)));
  unsigned line = ipuLocFileGetLine(loc), col = ipuLocFileGetColumn(loc);
  unsigned endLine = ipuLocFileGetEndLine(loc);
  unsigned endCol = ipuLocFileGetEndColumn(loc);
  psPutc(os, ':');
  psUInt(os, line);
  psPutc(os, ':');
  psUInt(os, col);
  if ((endLine == 0 && endCol == 0) || (endLine == line && endCol == col))
    return;
  if (endLine == line) {
    psWrite(os, " to :", 5);
    psUInt(os, endCol);
    return;
  }
  psWrite(os, " to ", 4);
  psUInt(os, endLine);
  psPutc(os, ':');
  psUInt(os, endCol);
}

static bool isUnknown(IpuLocation l) {
  return !l || ipuAttrGetKind(l) == IPU_ATTR_LOC_UNKNOWN;
}

void ipuAsmExpandLoc(AsmPrinter *p, IpuLocation loc, uint8_t flags) {
  PrintStream *os = p->os;
  if (!(flags & LOC_TOP_LEVEL) && loc && p->aliases && ipuAsmPrintAlias(p, loc))
    return;
  switch (loc ? ipuAttrGetKind(loc) : IPU_ATTR_LOC_UNKNOWN) {
  case IPU_ATTR_LOC_UNKNOWN:
    psWrite(os, "unknown", 7);
    return;
  case IPU_ATTR_LOC_FILE:
    printFileLoc(p, loc);
    return;
  case IPU_ATTR_LOC_NAME: {
    psQuoted(os, ipuIdentStr(ipuLocNameGetName(loc)));
    IpuLocation child = ipuLocNameGetChild(loc);
    if (!isUnknown(child)) {
      psPutc(os, '(');
      ipuAsmPushLit(p, ")");
      ipuAsmPush(p, TASK_LOC, 0, child);
    }
    return;
  }
  case IPU_ATTR_LOC_CALLSITE: {
    IpuLocation callee = ipuLocCallSiteGetCallee(loc);
    IpuLocation caller = ipuLocCallSiteGetCaller(loc);
    psWrite(os, "callsite(", 9);
    ipuAsmPushLit(p, ")");
    ipuAsmPush(p, TASK_LOC, 0, caller);
    ipuAsmPushLit(p, " at ");
    ipuAsmPush(p, TASK_LOC, 0, callee);
    return;
  }
  case IPU_ATTR_LOC_FUSED: {
    IpuAttr meta = ipuLocFusedGetMetadata(loc);
    intptr_t n = ipuLocFusedGetNumLocations(loc);
    psWrite(os, "fused", 5);
    ipuAsmPushLit(p, "]");
    for (intptr_t i = n; i-- > 0;) {
      ipuAsmPush(p, TASK_LOC, 0, ipuLocFusedGetLocation(loc, i));
      if (i)
        ipuAsmPushLit(p, ", ");
    }
    ipuAsmPushLit(p, "[");
    if (meta) {
      psPutc(os, '<');
      ipuAsmPushLit(p, ">");
      ipuAsmPush(p, TASK_ATTR, ELIDE_NEVER, meta);
    }
    return;
  }
  default:
    psPuts(os, "<<NOT A LOCATION>>");
    return;
  }
}

void ipuAsmPrintLocation(AsmPrinter *p, IpuLocation loc, bool allowAlias) {
  size_t base = p->numTasks;
  psWrite(p->os, "loc(", 4);
  if (!(allowAlias && loc && p->aliases && ipuAsmPrintAlias(p, loc))) {
    ipuAsmPush(p, TASK_LOC, LOC_TOP_LEVEL, loc);
    ipuAsmRunTasks(p, base);
  }
  psPutc(p->os, ')');
}

void ipuAsmPrintTrailingLocation(AsmPrinter *p, IpuLocation loc,
                                 bool allowAlias) {
  if (!p->opts.debugInfo)
    return;
  psPutc(p->os, ' ');
  ipuAsmPrintLocation(p, loc, allowAlias);
}

void ipuLocationPrint(IpuLocation l, IpuStringCallback cb, void *userData) {
  IpuContext *ctx = l ? ipuAttrGetContext(l) : NULL;
  PrintStream os;
  ipuPrintStreamInit(&os, NULL, cb, userData);
  AsmPrinter p;
  ipuAsmPrinterInit(&p, ctx, &os, NULL);
  ipuAsmPrintLocation(&p, l, false);
  ipuAsmPrinterDispose(&p);
  ipuPrintStreamFinish(&os);
}
