/* Diagnostics about ops: located at the op and prefixed "'name' op " as
 * MLIR's Operation::emitOpError words them. */
#include <stdio.h>

#include "op_impl.h"

static IpuDiagnostic *createOpDiagnostic(const IpuOp *op, IpuSeverity severity,
                                         const char *fmt, va_list ap) {
  IpuContext *ctx = ipuIrOpCtx(op);
  const char *name = ipuIdentCStr(ipuIrOpName(op));
  va_list copy;
  va_copy(copy, ap);
  int length = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  char *message = length >= 0 ? ipuAlloc(ctx, (size_t)length + 1) : NULL;
  if (!message)
    return ipuDiagnosticCreate(
        ctx, severity, ipuIrOpLoc(op), "'%s' op %s", name,
        length < 0 ? "(bad message format)" : "(out of memory)");
  vsnprintf(message, (size_t)length + 1, fmt, ap);
  IpuDiagnostic *diag = ipuDiagnosticCreate(ctx, severity, ipuIrOpLoc(op),
                                            "'%s' op %s", name, message);
  ipuFree(ctx, message);
  return diag;
}

static IpuLogicalResult emitOpDiagnostic(const IpuOp *op, IpuSeverity severity,
                                         const char *fmt, va_list ap) {
  IpuDiagnostic *diag = createOpDiagnostic(op, severity, fmt, ap);
  if (diag)
    ipuDiagnosticReport(diag);
  return IPU_FAILURE;
}

IpuLogicalResult ipuOpEmitError(const IpuOp *op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  IpuLogicalResult r = emitOpDiagnostic(op, IPU_SEVERITY_ERROR, fmt, ap);
  va_end(ap);
  return r;
}

IpuLogicalResult ipuOpEmitWarning(const IpuOp *op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  IpuLogicalResult r = emitOpDiagnostic(op, IPU_SEVERITY_WARNING, fmt, ap);
  va_end(ap);
  return r;
}

IpuLogicalResult ipuOpEmitRemark(const IpuOp *op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  IpuLogicalResult r = emitOpDiagnostic(op, IPU_SEVERITY_REMARK, fmt, ap);
  va_end(ap);
  return r;
}

IpuDiagnostic *ipuOpCreateError(const IpuOp *op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  IpuDiagnostic *diag = createOpDiagnostic(op, IPU_SEVERITY_ERROR, fmt, ap);
  va_end(ap);
  return diag;
}
