/* Diagnostics: building them (printf-style, into hook memory), attaching
 * notes, and reporting them through the context's handler. */
#include <stdio.h>
#include <string.h>

#include "context_impl.h"

struct IpuDiagnostic {
  IpuContext *ctx;
  IpuSeverity severity;
  IpuLocation loc;
  char *message;          /* owned, NUL-terminated */
  IpuDiagnostic *notes;   /* owned array; notes have no notes of their own */
  intptr_t numNotes, capNotes;
};

void ipuContextSetDiagnosticHandler(IpuContext *ctx,
                                    IpuDiagnosticHandler handler,
                                    void *userData) {
  ctx->diagHandler = handler;
  ctx->diagUserData = userData;
}

void ipuContextGetDiagnosticHandler(const IpuContext *ctx,
                                    IpuDiagnosticHandler *handler,
                                    void **userData) {
  *handler = ctx->diagHandler;
  *userData = ctx->diagUserData;
}

size_t ipuContextGetNumErrors(const IpuContext *ctx) { return ctx->numErrors; }

/* NULL when the hook fails or the format is unusable. */
static char *formatMessage(IpuContext *ctx, const char *fmt, va_list ap) {
  char small[256];
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(small, sizeof small, fmt ? fmt : "", ap);
  char *message = NULL;
  if (n >= 0) {
    message = ipuAlloc(ctx, (size_t)n + 1);
    if (message) {
      if ((size_t)n < sizeof small)
        memcpy(message, small, (size_t)n + 1);
      else
        vsnprintf(message, (size_t)n + 1, fmt, again);
    }
  }
  va_end(again);
  return message;
}

static void initDiagnostic(IpuDiagnostic *d, IpuContext *ctx,
                           IpuSeverity severity, IpuLocation loc) {
  d->ctx = ctx;
  d->severity = severity;
  d->loc = ipuAttrIsLocation(loc) ? loc : ipuLocUnknownGet(ctx);
  d->message = NULL;
  d->notes = NULL;
  d->numNotes = d->capNotes = 0;
}

IpuDiagnostic *ipuDiagnosticCreateV(IpuContext *ctx, IpuSeverity severity,
                                    IpuLocation loc, const char *fmt,
                                    va_list ap) {
  IpuDiagnostic *d = ipuAlloc(ctx, sizeof *d);
  if (!d)
    return NULL;
  initDiagnostic(d, ctx, severity, loc);
  d->message = formatMessage(ctx, fmt, ap);
  if (!d->message) {
    ipuFree(ctx, d);
    return NULL;
  }
  return d;
}

IpuDiagnostic *ipuDiagnosticCreate(IpuContext *ctx, IpuSeverity severity,
                                   IpuLocation loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  IpuDiagnostic *d = ipuDiagnosticCreateV(ctx, severity, loc, fmt, ap);
  va_end(ap);
  return d;
}

void ipuDiagnosticAddNote(IpuDiagnostic *diag, IpuLocation loc,
                          const char *fmt, ...) {
  if (!diag)
    return;
  IpuContext *ctx = diag->ctx;
  if (diag->numNotes == diag->capNotes) {
    intptr_t cap = diag->capNotes ? diag->capNotes * 2 : 2;
    IpuDiagnostic *notes =
        ipuRealloc(ctx, diag->notes, (size_t)cap * sizeof *notes);
    if (!notes)
      return;
    diag->notes = notes;
    diag->capNotes = cap;
  }
  IpuDiagnostic *note = &diag->notes[diag->numNotes];
  /* Without a location of its own, a note points where its parent does. */
  initDiagnostic(note, ctx, IPU_SEVERITY_NOTE, loc ? loc : diag->loc);
  va_list ap;
  va_start(ap, fmt);
  note->message = formatMessage(ctx, fmt, ap);
  va_end(ap);
  if (note->message)
    diag->numNotes++;
}

static void destroyDiagnostic(IpuDiagnostic *d) {
  IpuContext *ctx = d->ctx;
  for (intptr_t i = 0; i < d->numNotes; i++)
    ipuFree(ctx, d->notes[i].message);
  ipuFree(ctx, d->notes);
  ipuFree(ctx, d->message);
  ipuFree(ctx, d);
}

void ipuDiagnosticReport(IpuDiagnostic *diag) {
  if (!diag)
    return;
  IpuContext *ctx = diag->ctx;
  if (ctx->diagHandler)
    ctx->diagHandler(diag, ctx->diagUserData);
  if (diag->severity == IPU_SEVERITY_ERROR)
    ctx->numErrors++;
  destroyDiagnostic(diag);
}

static IpuLogicalResult emitV(IpuContext *ctx, IpuSeverity severity,
                              IpuLocation loc, const char *fmt, va_list ap) {
  IpuDiagnostic *d = ipuDiagnosticCreateV(ctx, severity, loc, fmt, ap);
  if (d)
    ipuDiagnosticReport(d);
  else if (severity == IPU_SEVERITY_ERROR)
    ctx->numErrors++; /* out of memory: the error still counts */
  return IPU_FAILURE;
}

IpuLogicalResult ipuEmitError(IpuContext *ctx, IpuLocation loc,
                              const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emitV(ctx, IPU_SEVERITY_ERROR, loc, fmt, ap);
  va_end(ap);
  return IPU_FAILURE;
}

IpuLogicalResult ipuEmitWarning(IpuContext *ctx, IpuLocation loc,
                                const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emitV(ctx, IPU_SEVERITY_WARNING, loc, fmt, ap);
  va_end(ap);
  return IPU_FAILURE;
}

IpuLogicalResult ipuEmitRemark(IpuContext *ctx, IpuLocation loc,
                               const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emitV(ctx, IPU_SEVERITY_REMARK, loc, fmt, ap);
  va_end(ap);
  return IPU_FAILURE;
}

IpuSeverity ipuDiagnosticGetSeverity(const IpuDiagnostic *diag) {
  return diag->severity;
}

IpuLocation ipuDiagnosticGetLocation(const IpuDiagnostic *diag) {
  return diag->loc;
}

const char *ipuDiagnosticGetMessage(const IpuDiagnostic *diag) {
  return diag->message;
}

intptr_t ipuDiagnosticGetNumNotes(const IpuDiagnostic *diag) {
  return diag->numNotes;
}

const IpuDiagnostic *ipuDiagnosticGetNote(const IpuDiagnostic *diag,
                                          intptr_t i) {
  return i >= 0 && i < diag->numNotes ? &diag->notes[i] : NULL;
}

const char *ipuSeverityName(IpuSeverity s) {
  switch (s) {
  case IPU_SEVERITY_ERROR:
    return "error";
  case IPU_SEVERITY_WARNING:
    return "warning";
  case IPU_SEVERITY_NOTE:
    return "note";
  case IPU_SEVERITY_REMARK:
    return "remark";
  }
  return "error";
}
