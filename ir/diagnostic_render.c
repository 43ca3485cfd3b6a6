/* Renders diagnostics exactly as mlir-opt's SourceMgrDiagnosticHandler and
 * llvm::SourceMgr do: position, severity, message, source line and caret. */
#include <stdio.h>
#include <string.h>

#include "ipu/asm.h"

enum { TAB_STOP = 8, CALL_STACK_LIMIT = 10 };

typedef struct {
  IpuStringCallback cb;
  void *userData;
} Out;

static void put(Out *o, const char *data, size_t length) {
  if (length)
    o->cb(ipuStringRefMake(data, length), o->userData);
}

static void putC(Out *o, const char *s) { put(o, s, strlen(s)); }

static void putUnsigned(Out *o, unsigned v) {
  char buf[16];
  int n = snprintf(buf, sizeof buf, "%u", v);
  put(o, buf, (size_t)n);
}

void ipuLocationRenderPosition(IpuLocation loc, IpuStringCallback cb,
                               void *userData) {
  Out o = {cb, userData};
  IpuLocation file = ipuLocFindFileLoc(loc);
  if (!file) {
    putC(&o, "<unknown>:0");
    return;
  }
  IpuStringRef name = ipuIdentStr(ipuLocFileGetFilename(file));
  put(&o, name.data, name.length);
  putC(&o, ":");
  putUnsigned(&o, ipuLocFileGetLine(file));
  putC(&o, ":");
  putUnsigned(&o, ipuLocFileGetColumn(file));
}

/* llvm::SMDiagnostic::print's printSourceLine: tabs to the next stop. */
static void putSourceLine(Out *o, IpuStringRef line) {
  size_t outCol = 0, i = 0;
  while (i < line.length) {
    const char *tab = memchr(line.data + i, '\t', line.length - i);
    if (!tab) {
      put(o, line.data + i, line.length - i);
      break;
    }
    size_t next = (size_t)(tab - line.data);
    put(o, line.data + i, next - i);
    outCol += next - i;
    i = next + 1;
    do {
      putC(o, " ");
      outCol++;
    } while (outCol % TAB_STOP != 0);
  }
  putC(o, "\n");
}

/* The caret line, spaced like the source line (a caret on a tab repeats
 * to the tab stop, as LLVM's does). */
static void putCaretLine(Out *o, IpuStringRef line, size_t column) {
  size_t outCol = 0;
  for (size_t i = 0; i <= column; i++) {
    char c = i == column ? '^' : ' ';
    if (i >= line.length || line.data[i] != '\t') {
      put(o, &c, 1);
      outCol++;
      continue;
    }
    do {
      put(o, &c, 1);
      outCol++;
    } while (outCol % TAB_STOP != 0);
  }
  putC(o, "\n");
}

static bool hasNonAscii(IpuStringRef s) {
  for (size_t i = 0; i < s.length; i++)
    if ((unsigned char)s.data[i] & 0x80)
      return true;
  return false;
}

static void putHeader(Out *o, IpuSeverity severity, const char *message) {
  putC(o, ipuSeverityName(severity));
  putC(o, ": ");
  putC(o, message);
  putC(o, "\n");
}

/* One diagnostic line (plus source line and caret when the position is in
 * a known buffer), as SourceMgrDiagnosticHandler::emitDiagnostic. */
static void emitOne(Out *o, IpuLocation loc, const char *message,
                    IpuSeverity severity, bool showSource,
                    const IpuSourceMgr *sm) {
  IpuLocation file = ipuLocFindFileLoc(loc);
  if (!file) {
    putC(o, "<unknown>:0: ");
    putC(o, ipuSeverityName(severity));
    putC(o, ": ");
    if (loc && ipuAttrGetKind(loc) != IPU_ATTR_LOC_UNKNOWN) {
      ipuLocationPrint(loc, o->cb, o->userData);
      putC(o, ": ");
    }
    putC(o, message);
    putC(o, "\n");
    return;
  }
  const char *filename = ipuIdentCStr(ipuLocFileGetFilename(file));
  unsigned line = ipuLocFileGetLine(file);
  unsigned column = ipuLocFileGetColumn(file);
  IpuStringRef text;
  bool found = showSource && sm && line != 0 && column != 0 &&
               ipuSourceMgrGetLine(sm, filename, line, &text) &&
               column - 1 <= text.length;
  /* Only a position resolved in a buffer prints the buffer's name, and
   * LLVM spells the buffer "-" as <stdin>. */
  putC(o, found && strcmp(filename, "-") == 0 ? "<stdin>" : filename);
  putC(o, ":");
  putUnsigned(o, line);
  putC(o, ":");
  putUnsigned(o, column);
  putC(o, ": ");
  putHeader(o, severity, message);
  if (!found)
    return;
  putSourceLine(o, text);
  if (!hasNonAscii(text))
    putCaretLine(o, text, column - 1);
}

/* The call site a location stands for, looking through names and fused
 * locations (MLIR's getCallSiteLoc), without recursion. */
static IpuLocation findCallSite(IpuLocation loc) {
  enum { MAX_DEPTH = 256 };
  IpuLocation stack[MAX_DEPTH];
  size_t depth = 0;
  if (loc)
    stack[depth++] = loc;
  while (depth) {
    IpuLocation cur = stack[--depth];
    switch (ipuAttrGetKind(cur)) {
    case IPU_ATTR_LOC_CALLSITE:
      return cur;
    case IPU_ATTR_LOC_NAME:
      if (ipuLocNameGetChild(cur) && depth < MAX_DEPTH)
        stack[depth++] = ipuLocNameGetChild(cur);
      break;
    case IPU_ATTR_LOC_FUSED:
      for (intptr_t i = ipuLocFusedGetNumLocations(cur); i-- > 0;)
        if (depth < MAX_DEPTH)
          stack[depth++] = ipuLocFusedGetLocation(cur, i);
      break;
    default:
      break;
    }
  }
  return NULL;
}

void ipuDiagnosticRender(const IpuDiagnostic *diag, const IpuSourceMgr *sm,
                         IpuStringCallback cb, void *userData) {
  if (!diag || !cb)
    return;
  Out o = {cb, userData};
  IpuLocation loc = ipuDiagnosticGetLocation(diag);
  emitOne(&o, loc, ipuDiagnosticGetMessage(diag),
          ipuDiagnosticGetSeverity(diag), true, sm);
  IpuLocation call = findCallSite(loc);
  if (call) {
    loc = ipuLocCallSiteGetCaller(call);
    for (unsigned depth = 0; depth < CALL_STACK_LIMIT; depth++) {
      emitOne(&o, loc, "called from", IPU_SEVERITY_NOTE, true, sm);
      call = findCallSite(loc);
      if (!call)
        break;
      loc = ipuLocCallSiteGetCaller(call);
    }
  }
  /* A note shows its source line only when it points somewhere new. */
  for (intptr_t i = 0; i < ipuDiagnosticGetNumNotes(diag); i++) {
    const IpuDiagnostic *note = ipuDiagnosticGetNote(diag, i);
    IpuLocation noteLoc = ipuDiagnosticGetLocation(note);
    emitOne(&o, noteLoc, ipuDiagnosticGetMessage(note),
            ipuDiagnosticGetSeverity(note), noteLoc != loc, sm);
    loc = noteLoc;
  }
}
