/* Test extension support: a counting (and failure-injecting) allocator hook
 * and the parse session every ipu:: command builds on. */
#include <stdlib.h>
#include <string.h>

#include "tclext.h"

static void noteAllocation(CountingAllocator *a) {
  a->live++;
  if (a->live > a->peakLive) a->peakLive = a->live;
  if (a->state) {
    a->state->live++;
    if (a->state->live > a->state->peakLive)
      a->state->peakLive = a->state->live;
  }
}

/* Counts the call and decides whether this one is refused. */
static int shouldRefuse(CountingAllocator *a) {
  a->total++;
  if (a->state) a->state->allocs++;
  if (a->failAt == 0) return 0;
  if (a->total == a->failAt || (a->persistent && a->total > a->failAt)) {
    a->refused++;
    return 1;
  }
  return 0;
}

static void *countingMalloc(size_t size, void *userData) {
  CountingAllocator *a = userData;
  if (shouldRefuse(a)) return NULL;
  void *p = malloc(size ? size : 1);
  if (p) noteAllocation(a);
  return p;
}

static void *countingRealloc(void *ptr, size_t size, void *userData) {
  CountingAllocator *a = userData;
  if (!ptr) return countingMalloc(size, userData);
  if (shouldRefuse(a)) return NULL;
  return realloc(ptr, size ? size : 1);
}

static void countingFree(void *ptr, void *userData) {
  CountingAllocator *a = userData;
  if (!ptr) return;
  a->live--;
  if (a->state) {
    a->state->frees++;
    a->state->live--;
  }
  free(ptr);
}

static void appendPiece(IpuStringRef piece, void *userData) {
  Tcl_DStringAppend((Tcl_DString *)userData, piece.data, (int)piece.length);
}

static void collectDiagnostic(const IpuDiagnostic *diag, void *userData) {
  TestSession *s = userData;
  if (ipuDiagnosticGetSeverity(diag) == IPU_SEVERITY_ERROR) s->numErrors++;
  ipuDiagnosticRender(diag, s->sm, appendPiece, &s->diags);
  int len = Tcl_DStringLength(&s->diags);
  if (len > 0 && Tcl_DStringValue(&s->diags)[len - 1] != '\n')
    Tcl_DStringAppend(&s->diags, "\n", 1);
}

void sessionOptionsInit(SessionOptions *o) {
  memset(o, 0, sizeof *o);
  o->filename = "input.mlir";
}

int sessionOptionsParse(Tcl_Interp *interp, int objc, Tcl_Obj *const objv[],
                        int first, SessionOptions *o) {
  static const char *const names[] = {
      "-generic",    "-allow-unregistered", "-binary",         "-no-verify",
      "-debuginfo",  "-pretty-debuginfo",   "-filename",       NULL};
  enum { GENERIC, ALLOW, BINARY, NOVERIFY, DEBUGINFO, PRETTY, FILENAME };
  for (int i = first; i < objc; i++) {
    int which;
    if (Tcl_GetIndexFromObj(interp, objv[i], names, "option", 0, &which) !=
        TCL_OK)
      return TCL_ERROR;
    switch (which) {
    case GENERIC: o->generic = 1; break;
    case ALLOW: o->allowUnregistered = 1; break;
    case BINARY: o->binary = 1; break;
    case NOVERIFY: o->noVerify = 1; break;
    case DEBUGINFO: o->debugInfo = 1; break;
    case PRETTY: o->debugInfo = o->prettyDebugInfo = 1; break;
    case FILENAME:
      if (++i == objc) {
        Tcl_SetObjResult(interp,
                         Tcl_NewStringObj("-filename needs a value", -1));
        return TCL_ERROR;
      }
      o->filename = Tcl_GetString(objv[i]);
      break;
    }
  }
  return TCL_OK;
}

void sessionOpen(TestSession *s, TestState *state, Tcl_Obj *text,
                 const SessionOptions *o, size_t failAt, int persistent) {
  memset(s, 0, sizeof *s);
  s->opts = *o;
  s->alloc.state = state;
  s->alloc.failAt = failAt;
  s->alloc.persistent = persistent;
  s->hook.malloc = countingMalloc;
  s->hook.realloc = countingRealloc;
  s->hook.free = countingFree;
  s->hook.userData = &s->alloc;
  Tcl_DStringInit(&s->diags);

  /* The parser wants a NUL sentinel after the text; Tcl byte arrays do not
   * promise one, so every input is copied. */
  const char *bytes;
  int length = 0;
  if (o->binary)
    bytes = (const char *)Tcl_GetByteArrayFromObj(text, &length);
  else
    bytes = Tcl_GetStringFromObj(text, &length);
  s->sourceLength = (size_t)length;
  s->source = ckalloc((unsigned)length + 1);
  memcpy(s->source, bytes, (size_t)length);
  s->source[length] = '\0';

  s->ctx = ipuContextCreate(&s->hook);
  if (!s->ctx) return;
  ipuContextSetDiagnosticHandler(s->ctx, collectDiagnostic, s);
  ipuRegisterAllDialects(s->ctx);
  ipuContextSetAllowUnregisteredDialects(s->ctx, o->allowUnregistered != 0);
  s->sm = ipuSourceMgrCreate(s->ctx);
}

IpuOp *sessionParse(TestSession *s, const char *text, size_t length) {
  if (!s->ctx) return NULL;
  if (s->sm) ipuSourceMgrAddBuffer(s->sm, s->opts.filename, text, length);
  IpuParseOptions po = {0};
  po.filename = s->opts.filename;
  po.skipVerify = s->opts.noVerify != 0;
  return ipuParseSource(s->ctx, text, length, &po);
}

void sessionPrint(TestSession *s, IpuOp *op, int generic, Tcl_DString *out) {
  IpuPrintOptions po;
  ipuPrintOptionsInit(&po);
  po.generic = generic != 0;
  po.debugInfo = s->opts.debugInfo != 0;
  po.prettyDebugInfo = s->opts.prettyDebugInfo != 0;
  ipuOpPrint(op, &po, appendPiece, out);
}

size_t sessionClose(TestSession *s) {
  if (s->sm) ipuSourceMgrDestroy(s->sm);
  if (s->ctx) ipuContextDestroy(s->ctx);
  s->sm = NULL;
  s->ctx = NULL;
  size_t leaked = s->alloc.live;
  if (s->alloc.state) {
    s->alloc.state->lastTotal = s->alloc.total;
    s->alloc.state->lastLeaked = leaked;
    s->alloc.state->leakedSum += leaked;
  }
  ckfree(s->source);
  s->source = NULL;
  Tcl_DStringFree(&s->diags);
  return leaked;
}
