/* Registers every dialect the library ships with a context, so tools and
 * tests need one call. */
#include "ipu/dialects.h"

void ipuRegisterAllDialects(IpuContext *ctx) {
  static const IpuDialectDef *const all[] = {
      &ipuBuiltinDialect, &ipuFuncDialect, &ipuHlDialect,
      &ipuTileDialect,    &ipuHwDialect,
  };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; ++i)
    ipuContextRegisterDialect(ctx, all[i]);
}
