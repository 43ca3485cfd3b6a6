/* Diagnostics: a severity, a location, a message and notes, reported through
 * the context's handler and rendered as `file:line:col: error: message` with
 * the source line and a caret. The library never prints them itself. */
#ifndef IPU_DIAGNOSTICS_H
#define IPU_DIAGNOSTICS_H

#include <stdarg.h>

#include "ipu/attributes.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  IPU_SEVERITY_ERROR,
  IPU_SEVERITY_WARNING,
  IPU_SEVERITY_NOTE,
  IPU_SEVERITY_REMARK,
} IpuSeverity;

typedef struct IpuDiagnostic IpuDiagnostic;

/* Called once per reported diagnostic; the diagnostic lives only during
 * the call. Without a handler, diagnostics are dropped. */
typedef void (*IpuDiagnosticHandler)(const IpuDiagnostic *diag,
                                     void *userData);
void ipuContextSetDiagnosticHandler(IpuContext *ctx,
                                    IpuDiagnosticHandler handler,
                                    void *userData);
/* The handler and user data set last (NULL, NULL if none): a caller may
 * put its own handler in place for a while and then restore this one, as
 * with MLIR's ScopedDiagnosticHandler. */
void ipuContextGetDiagnosticHandler(const IpuContext *ctx,
                                    IpuDiagnosticHandler *handler,
                                    void **userData);
/* Number of errors reported through this context so far (whichever
 * handler saw them). */
size_t ipuContextGetNumErrors(const IpuContext *ctx);

/* Builds a diagnostic; add notes, then report it (which frees it). */
IpuDiagnostic *ipuDiagnosticCreate(IpuContext *ctx, IpuSeverity severity,
                                   IpuLocation loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
IpuDiagnostic *ipuDiagnosticCreateV(IpuContext *ctx, IpuSeverity severity,
                                    IpuLocation loc, const char *fmt,
                                    va_list ap);
/* A NULL `loc` means the diagnostic's own location, as in MLIR. */
void ipuDiagnosticAddNote(IpuDiagnostic *diag, IpuLocation loc,
                          const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ipuDiagnosticReport(IpuDiagnostic *diag);

/* Shorthands: create and report at once. They return IPU_FAILURE so that
 * `return ipuEmitError(...)` reads naturally. */
IpuLogicalResult ipuEmitError(IpuContext *ctx, IpuLocation loc,
                              const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
IpuLogicalResult ipuEmitWarning(IpuContext *ctx, IpuLocation loc,
                                const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
IpuLogicalResult ipuEmitRemark(IpuContext *ctx, IpuLocation loc,
                               const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

IpuSeverity ipuDiagnosticGetSeverity(const IpuDiagnostic *diag);
IpuLocation ipuDiagnosticGetLocation(const IpuDiagnostic *diag);
const char *ipuDiagnosticGetMessage(const IpuDiagnostic *diag);
intptr_t ipuDiagnosticGetNumNotes(const IpuDiagnostic *diag);
const IpuDiagnostic *ipuDiagnosticGetNote(const IpuDiagnostic *diag,
                                          intptr_t i);
const char *ipuSeverityName(IpuSeverity s); /* "error", "warning", ... */

/* Source buffers by name, so rendering can show the line and a caret. */
typedef struct IpuSourceMgr IpuSourceMgr;
IpuSourceMgr *ipuSourceMgrCreate(IpuContext *ctx);
void ipuSourceMgrDestroy(IpuSourceMgr *sm);
/* The buffer is borrowed: it must outlive the source manager's use. */
void ipuSourceMgrAddBuffer(IpuSourceMgr *sm, const char *name,
                           const char *data, size_t length);
/* Text of line `line` (1-based) of buffer `name`, without its newline. */
bool ipuSourceMgrGetLine(const IpuSourceMgr *sm, const char *name,
                         unsigned line, IpuStringRef *out);

/* Renders `diag` and its notes as MLIR does:
 *   file:3:7: error: message
 *   <source line>
 *         ^
 * `sm` may be NULL (no source lines). Like mlir-opt: a location without a
 * file location renders as `<unknown>:0: error: loc(...): message`; call
 * sites add `called from` notes; a note shows its source line only when
 * its location differs from the previous one; tabs expand to 8 columns. */
void ipuDiagnosticRender(const IpuDiagnostic *diag, const IpuSourceMgr *sm,
                         IpuStringCallback cb, void *userData);
/* Renders just the `file:line:col` part, or `<unknown>:0` (what mlir-opt
 * prints) when the location holds no file location. */
void ipuLocationRenderPosition(IpuLocation loc, IpuStringCallback cb,
                               void *userData);

#ifdef __cplusplus
}
#endif
#endif
