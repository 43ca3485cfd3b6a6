/* ipuRegisterAllPasses: the passes this library ships and its named
 * pipelines. */
#include "passes.h"

void ipuRegisterAllPasses(IpuPassRegistry *reg) {
  ipuPassRegistryAddPass(reg, &ipuCanonicalizePass);
  ipuPassRegistryAddPass(reg, &ipuCSEPass);
  ipuPassRegistryAddPass(reg, &ipuDCEPass);
  ipuPassRegistryAddPass(reg, &ipuSymbolDCEPass);
  ipuPassRegistryAddPass(reg, &ipuStripDebugInfoPass);

  static const IpuPassOptionDef cleanupOptions[] = {
      {"max-iterations", IPU_OPTION_INT, "10",
       "Max. iterations of each canonicalizer run", NULL},
  };
  ipuPassRegistryAddPipeline(
      reg, "cleanup",
      "Canonicalize, CSE and drop dead private symbols: the generic cleanup",
      "canonicalize{max-iterations=${max-iterations}},cse,"
      "canonicalize{max-iterations=${max-iterations}},symbol-dce",
      cleanupOptions, 1);
}
