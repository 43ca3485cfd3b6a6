/* Test commands for the textual format: ipu::parse, ipu::roundtrip,
 * ipu::type and ipu::attr. Each checks that its context leaks nothing. */
#include <string.h>

#include "tclext.h"

/* Fails the command if the session's context leaked, otherwise keeps the
 * result the command already set. */
static int closeChecked(Tcl_Interp *interp, TestSession *s, int code) {
  size_t leaked = sessionClose(s);
  if (leaked == 0) return code;
  Tcl_SetObjResult(interp,
                   Tcl_ObjPrintf("context leaked %zu allocation(s)", leaked));
  Tcl_SetErrorCode(interp, "IPU", "LEAK", NULL);
  return TCL_ERROR;
}

static int failWithDiagnostics(Tcl_Interp *interp, TestSession *s,
                               const char *what) {
  if (Tcl_DStringLength(&s->diags) > 0)
    Tcl_SetObjResult(interp, Tcl_NewStringObj(Tcl_DStringValue(&s->diags),
                                              Tcl_DStringLength(&s->diags)));
  else
    Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s failed without a diagnostic",
                                           what));
  Tcl_SetErrorCode(interp, "IPU", "PARSE", NULL);
  return TCL_ERROR;
}

/* ipu::parse TEXT ?-generic? ?-allow-unregistered? ?-binary? ?-no-verify?
 *            ?-debuginfo? ?-pretty-debuginfo? ?-filename NAME?
 * Returns the printed module, or fails with the rendered diagnostics. */
static int parseCmd(ClientData cd, Tcl_Interp *interp, int objc,
                    Tcl_Obj *const objv[]) {
  if (objc < 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "TEXT ?options?");
    return TCL_ERROR;
  }
  SessionOptions o;
  sessionOptionsInit(&o);
  if (sessionOptionsParse(interp, objc, objv, 2, &o) != TCL_OK)
    return TCL_ERROR;
  TestSession s;
  sessionOpen(&s, cd, objv[1], &o, 0, 0);
  IpuOp *module = sessionParse(&s, s.source, s.sourceLength);
  if (!module) {
    int code = failWithDiagnostics(interp, &s, "parse");
    return closeChecked(interp, &s, code);
  }
  Tcl_DString out;
  Tcl_DStringInit(&out);
  sessionPrint(&s, module, o.generic, &out);
  ipuOpDestroy(module);
  Tcl_DStringResult(interp, &out);
  return closeChecked(interp, &s, TCL_OK);
}

/* Prints one parsed module in both forms; `text` keeps buffers alive for
 * the source manager until the session closes. */
typedef struct {
  Tcl_DString custom;
  Tcl_DString generic;
} Printed;

static int parseAndPrint(TestSession *s, const char *text, size_t length,
                         Printed *p) {
  Tcl_DStringInit(&p->custom);
  Tcl_DStringInit(&p->generic);
  IpuOp *m = sessionParse(s, text, length);
  if (!m) return 0;
  sessionPrint(s, m, 0, &p->custom);
  sessionPrint(s, m, 1, &p->generic);
  ipuOpDestroy(m);
  return 1;
}

static int sameText(Tcl_DString *a, Tcl_DString *b) {
  return Tcl_DStringLength(a) == Tcl_DStringLength(b) &&
         memcmp(Tcl_DStringValue(a), Tcl_DStringValue(b),
                (size_t)Tcl_DStringLength(a)) == 0;
}

static void reportMismatch(Tcl_Interp *interp, const char *what,
                           Tcl_DString *first, Tcl_DString *second) {
  Tcl_SetObjResult(interp,
                   Tcl_ObjPrintf("round trip changed the %s text:\n"
                                 "--- first\n%s--- second\n%s",
                                 what, Tcl_DStringValue(first),
                                 Tcl_DStringValue(second)));
  Tcl_SetErrorCode(interp, "IPU", "ROUNDTRIP", NULL);
}

/* ipu::roundtrip TEXT ?options?
 * Parses TEXT, prints it (custom and generic), parses each print again and
 * checks both prints are fixpoints and that the two forms describe the same
 * IR. Returns the custom print. */
static int roundtripCmd(ClientData cd, Tcl_Interp *interp, int objc,
                        Tcl_Obj *const objv[]) {
  if (objc < 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "TEXT ?options?");
    return TCL_ERROR;
  }
  SessionOptions o;
  sessionOptionsInit(&o);
  if (sessionOptionsParse(interp, objc, objv, 2, &o) != TCL_OK)
    return TCL_ERROR;
  TestSession s;
  sessionOpen(&s, cd, objv[1], &o, 0, 0);

  Printed first, fromCustom, fromGeneric;
  int ok = parseAndPrint(&s, s.source, s.sourceLength, &first);
  int code = TCL_OK;
  Tcl_DStringInit(&fromCustom.custom);
  Tcl_DStringInit(&fromCustom.generic);
  Tcl_DStringInit(&fromGeneric.custom);
  Tcl_DStringInit(&fromGeneric.generic);
  if (!ok) {
    code = failWithDiagnostics(interp, &s, "parse");
    goto done;
  }
  if (!parseAndPrint(&s, Tcl_DStringValue(&first.custom),
                     (size_t)Tcl_DStringLength(&first.custom), &fromCustom)) {
    Tcl_DStringAppend(&s.diags, "while parsing the custom print:\n", -1);
    Tcl_DStringAppend(&s.diags, Tcl_DStringValue(&first.custom), -1);
    code = failWithDiagnostics(interp, &s, "reparse of the custom print");
    goto done;
  }
  if (!parseAndPrint(&s, Tcl_DStringValue(&first.generic),
                     (size_t)Tcl_DStringLength(&first.generic),
                     &fromGeneric)) {
    Tcl_DStringAppend(&s.diags, "while parsing the generic print:\n", -1);
    Tcl_DStringAppend(&s.diags, Tcl_DStringValue(&first.generic), -1);
    code = failWithDiagnostics(interp, &s, "reparse of the generic print");
    goto done;
  }
  code = TCL_ERROR;
  if (!sameText(&first.custom, &fromCustom.custom))
    reportMismatch(interp, "custom", &first.custom, &fromCustom.custom);
  else if (!sameText(&first.generic, &fromCustom.generic))
    reportMismatch(interp, "generic (via custom)", &first.generic,
                   &fromCustom.generic);
  else if (!sameText(&first.generic, &fromGeneric.generic))
    reportMismatch(interp, "generic", &first.generic, &fromGeneric.generic);
  else if (!sameText(&first.custom, &fromGeneric.custom))
    reportMismatch(interp, "custom (via generic)", &first.custom,
                   &fromGeneric.custom);
  else {
    Tcl_SetObjResult(interp,
                     Tcl_NewStringObj(Tcl_DStringValue(&first.custom),
                                      Tcl_DStringLength(&first.custom)));
    code = TCL_OK;
  }
done:
  code = closeChecked(interp, &s, code);
  Tcl_DStringFree(&first.custom);
  Tcl_DStringFree(&first.generic);
  Tcl_DStringFree(&fromCustom.custom);
  Tcl_DStringFree(&fromCustom.generic);
  Tcl_DStringFree(&fromGeneric.custom);
  Tcl_DStringFree(&fromGeneric.generic);
  return code;
}

static void appendPiece(IpuStringRef piece, void *userData) {
  Tcl_DStringAppend((Tcl_DString *)userData, piece.data, (int)piece.length);
}

/* ipu::type TEXT / ipu::attr TEXT: parse one type or attribute and print
 * it back. */
static int typeOrAttr(ClientData cd, Tcl_Interp *interp, int objc,
                      Tcl_Obj *const objv[], int isType) {
  if (objc < 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "TEXT ?options?");
    return TCL_ERROR;
  }
  SessionOptions o;
  sessionOptionsInit(&o);
  if (sessionOptionsParse(interp, objc, objv, 2, &o) != TCL_OK)
    return TCL_ERROR;
  TestSession s;
  sessionOpen(&s, cd, objv[1], &o, 0, 0);
  int code = TCL_ERROR;
  if (s.ctx) {
    IpuStringRef text = ipuStringRefMake(s.source, s.sourceLength);
    Tcl_DString out;
    Tcl_DStringInit(&out);
    if (isType) {
      IpuType t = ipuTypeParse(s.ctx, text);
      if (t) ipuTypePrint(t, appendPiece, &out);
      code = t ? TCL_OK : TCL_ERROR;
    } else {
      IpuAttr a = ipuAttrParse(s.ctx, text);
      if (a) ipuAttrPrint(a, appendPiece, &out);
      code = a ? TCL_OK : TCL_ERROR;
    }
    if (code == TCL_OK)
      Tcl_DStringResult(interp, &out);
    else
      Tcl_DStringFree(&out);
  }
  if (code != TCL_OK) failWithDiagnostics(interp, &s, isType ? "type" : "attr");
  return closeChecked(interp, &s, code);
}

static int typeCmd(ClientData cd, Tcl_Interp *interp, int objc,
                   Tcl_Obj *const objv[]) {
  return typeOrAttr(cd, interp, objc, objv, 1);
}

static int attrCmd(ClientData cd, Tcl_Interp *interp, int objc,
                   Tcl_Obj *const objv[]) {
  return typeOrAttr(cd, interp, objc, objv, 0);
}

int Ipu_ParseCmdsInit(Tcl_Interp *interp, TestState *state) {
  static const struct {
    const char *name;
    Tcl_ObjCmdProc *proc;
  } commands[] = {
      {"ipu::parse", parseCmd},
      {"ipu::roundtrip", roundtripCmd},
      {"ipu::type", typeCmd},
      {"ipu::attr", attrCmd},
  };
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    Tcl_CreateObjCommand(interp, commands[i].name, commands[i].proc, state,
                         NULL);
  return TCL_OK;
}
