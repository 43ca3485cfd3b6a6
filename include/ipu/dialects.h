/* The dialects this library ships. Registering them makes their ops known
 * to a context. */
#ifndef IPU_DIALECTS_H
#define IPU_DIALECTS_H

#include "ipu/opdef.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const IpuDialectDef ipuBuiltinDialect; /* builtin.module */
extern const IpuDialectDef ipuFuncDialect;    /* func.func/return/call */
extern const IpuDialectDef ipuHlDialect;      /* network graph */
extern const IpuDialectDef ipuTileDialect;    /* arrays and SIMD units */
extern const IpuDialectDef ipuHwDialect;      /* placed hardware */

/* Registers every dialect above. */
void ipuRegisterAllDialects(IpuContext *ctx);

#ifdef __cplusplus
}
#endif
#endif
