/* Test commands for memory: ipu::alloc_stats (counters of the allocator
 * hook) and ipu::parse_with_failing_alloc (allocation failure injection). */
#include <string.h>

#include "tclext.h"

static void putCount(Tcl_Interp *interp, Tcl_Obj *dict, const char *key,
                     size_t value) {
  Tcl_DictObjPut(interp, dict, Tcl_NewStringObj(key, -1),
                 Tcl_NewWideIntObj((Tcl_WideInt)value));
}

/* ipu::alloc_stats ?-reset?
 * Returns a dict of the counters summed over every context the ipu::
 * commands of this interpreter made: allocs, frees, live, peak, last_total
 * (allocation calls of the last command), last_leaked, leaked. -reset
 * zeroes them (live blocks stay counted: they are still held). */
static int allocStatsCmd(ClientData cd, Tcl_Interp *interp, int objc,
                         Tcl_Obj *const objv[]) {
  TestState *st = cd;
  if (objc > 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "?-reset?");
    return TCL_ERROR;
  }
  if (objc == 2) {
    if (strcmp(Tcl_GetString(objv[1]), "-reset") != 0) {
      Tcl_SetObjResult(interp, Tcl_ObjPrintf("bad option \"%s\": must be -reset",
                                             Tcl_GetString(objv[1])));
      return TCL_ERROR;
    }
    size_t live = st->live;
    memset(st, 0, sizeof *st);
    st->live = st->peakLive = live;
    return TCL_OK;
  }
  Tcl_Obj *dict = Tcl_NewDictObj();
  putCount(interp, dict, "allocs", st->allocs);
  putCount(interp, dict, "frees", st->frees);
  putCount(interp, dict, "live", st->live);
  putCount(interp, dict, "peak", st->peakLive);
  putCount(interp, dict, "last_total", st->lastTotal);
  putCount(interp, dict, "last_leaked", st->lastLeaked);
  putCount(interp, dict, "leaked", st->leakedSum);
  Tcl_SetObjResult(interp, dict);
  return TCL_OK;
}

/* ipu::parse_with_failing_alloc TEXT N ?-persistent? ?options?
 * Parses (and, if that works, prints) TEXT in a context whose allocator
 * refuses allocation call number N (1-based; with -persistent, every call
 * from N on). Never fails itself: returns a dict with
 *   status   ok | error | nocontext
 *   output   the printed module when the parse succeeded
 *   refused_in_parse  calls refused inside the parse itself
 *   total    allocation calls made
 *   refused  calls refused
 *   live     blocks left after the context was destroyed (must be 0)
 *   errors   error diagnostics reported
 *   message  the rendered diagnostics
 * N = 0 refuses nothing, which tells a test how many calls a parse makes. */
static int parseFailingCmd(ClientData cd, Tcl_Interp *interp, int objc,
                           Tcl_Obj *const objv[]) {
  if (objc < 3) {
    Tcl_WrongNumArgs(interp, 1, objv, "TEXT N ?-persistent? ?options?");
    return TCL_ERROR;
  }
  Tcl_WideInt n;
  if (Tcl_GetWideIntFromObj(interp, objv[2], &n) != TCL_OK) return TCL_ERROR;
  if (n < 0) {
    Tcl_SetObjResult(interp, Tcl_NewStringObj("N must be >= 0", -1));
    return TCL_ERROR;
  }
  int first = 3, persistent = 0;
  if (objc > 3 && strcmp(Tcl_GetString(objv[3]), "-persistent") == 0) {
    persistent = 1;
    first = 4;
  }
  SessionOptions o;
  sessionOptionsInit(&o);
  if (sessionOptionsParse(interp, objc, objv, first, &o) != TCL_OK)
    return TCL_ERROR;

  TestSession s;
  sessionOpen(&s, cd, objv[1], &o, (size_t)n, persistent);
  const char *status = "nocontext";
  size_t refusedInParse = 0;
  Tcl_DString out;
  Tcl_DStringInit(&out);
  if (s.ctx) {
    /* Refusals while the context was set up (dialect registration cannot
     * report them) are not the parser's. */
    size_t refusedBefore = s.alloc.refused;
    IpuOp *module = sessionParse(&s, s.source, s.sourceLength);
    status = module ? "ok" : "error";
    refusedInParse = s.alloc.refused - refusedBefore;
    if (module) {
      /* The printer may meet refused allocations too; it must cope. */
      sessionPrint(&s, module, o.generic, &out);
      ipuOpDestroy(module);
    }
  }
  Tcl_Obj *dict = Tcl_NewDictObj();
  Tcl_DictObjPut(interp, dict, Tcl_NewStringObj("status", -1),
                 Tcl_NewStringObj(status, -1));
  Tcl_DictObjPut(interp, dict, Tcl_NewStringObj("output", -1),
                 Tcl_NewStringObj(Tcl_DStringValue(&out),
                                  Tcl_DStringLength(&out)));
  Tcl_DStringFree(&out);
  putCount(interp, dict, "refused_in_parse", refusedInParse);
  Tcl_DictObjPut(interp, dict, Tcl_NewStringObj("message", -1),
                 Tcl_NewStringObj(Tcl_DStringValue(&s.diags),
                                  Tcl_DStringLength(&s.diags)));
  putCount(interp, dict, "errors", s.numErrors);
  putCount(interp, dict, "refused", s.alloc.refused);
  size_t total = s.alloc.total;
  size_t leaked = sessionClose(&s);
  putCount(interp, dict, "total", total);
  putCount(interp, dict, "live", leaked);
  Tcl_SetObjResult(interp, dict);
  return TCL_OK;
}

int Ipu_AllocCmdsInit(Tcl_Interp *interp, TestState *state) {
  static const struct {
    const char *name;
    Tcl_ObjCmdProc *proc;
  } commands[] = {
      {"ipu::alloc_stats", allocStatsCmd},
      {"ipu::parse_with_failing_alloc", parseFailingCmd},
  };
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    Tcl_CreateObjCommand(interp, commands[i].name, commands[i].proc, state,
                         NULL);
  return TCL_OK;
}
