/* main of ipu-testfixture: tclsh plus the test-only `ipu` extension, so the
 * Tcl tests reach the C API directly (the SQLite testfixture way). */
#include <stdlib.h>
#include <string.h>

#include "tclext.h"

static const char stateKey[] = "ipu-test-state";

static void freeState(ClientData cd, Tcl_Interp *interp) { ckfree(cd); }

/* Registers every ipu:: command group in `interp`. */
static int Ipu_Init(Tcl_Interp *interp) {
  TestState *state = (TestState *)ckalloc(sizeof(TestState));
  memset(state, 0, sizeof *state);
  Tcl_SetAssocData(interp, stateKey, freeState, state);
  if (Tcl_Eval(interp, "namespace eval ::ipu {}") != TCL_OK) return TCL_ERROR;
  static int (*const groups[])(Tcl_Interp *, TestState *) = {
      Ipu_ParseCmdsInit,
      Ipu_AllocCmdsInit,
  };
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
    if (groups[i](interp, state) != TCL_OK) return TCL_ERROR;
  return Tcl_PkgProvide(interp, "ipu", "1.0");
}

static int appInit(Tcl_Interp *interp) {
  if (Tcl_Init(interp) != TCL_OK) return TCL_ERROR;
  if (Ipu_Init(interp) != TCL_OK) return TCL_ERROR;
  Tcl_StaticPackage(interp, "ipu", Ipu_Init, NULL);
  return TCL_OK;
}

int main(int argc, char **argv) {
  Tcl_Main(argc, argv, appInit);
  return 0;
}
