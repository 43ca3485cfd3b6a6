/* ipu-compile's report of the compile decisions: what each stage decided
 * (quantization, arrays, placement, routes, memory, the binary) and how long
 * it took, as text or JSON. */
#ifndef IPU_COMPILE_REPORT_H
#define IPU_COMPILE_REPORT_H

#include "ipu/ipub.h"
#include "ipu/pass.h"
#include "ipu/target.h"

typedef struct CompileReport CompileReport;

CompileReport *compileReportCreate(const char *input, const char *output);
void compileReportDestroy(CompileReport *r);
void compileReportSetTarget(CompileReport *r, const IpuTarget *t);
/* A stage that took `ms`; `pm` (may be NULL) is read for the statistics of
 * the passes it ran. */
void compileReportAddStage(CompileReport *r, const char *title, double ms,
                           const IpuPassManager *pm);
/* The emitted binary's figures. */
void compileReportSetBinary(CompileReport *r, const IpubModule *m,
                            size_t bytes);
/* The report, freed with ipuFree(ctx, ...); NULL when out of memory. */
char *compileReportText(IpuContext *ctx, const CompileReport *r);
char *compileReportJson(IpuContext *ctx, const CompileReport *r);

#endif
