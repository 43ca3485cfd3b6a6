/* ipuRegisterAllPasses: the passes this library ships and its named
 * pipelines. */
#include "passes.h"

void ipuRegisterAllPasses(IpuPassRegistry *reg) {
  ipuPassRegistryAddPass(reg, &ipuCanonicalizePass);
  ipuPassRegistryAddPass(reg, &ipuCSEPass);
  ipuPassRegistryAddPass(reg, &ipuDCEPass);
  ipuPassRegistryAddPass(reg, &ipuSymbolDCEPass);
  ipuPassRegistryAddPass(reg, &ipuStripDebugInfoPass);
  ipuPassRegistryAddPass(reg, &ipuHlInferShapesPass);
  ipuPassRegistryAddPass(reg, &ipuHlDropIdentitiesPass);
  ipuPassRegistryAddPass(reg, &ipuHlFoldConstantsPass);
  ipuPassRegistryAddPass(reg, &ipuHlFoldBatchNormPass);
  ipuPassRegistryAddPass(reg, &ipuHlFuseActivationsPass);
  ipuPassRegistryAddPass(reg, &ipuHlDecomposeLstmPass);
  ipuPassRegistryAddPass(reg, &ipuQuantizePass);
  ipuPassRegistryAddPass(reg, &ipuHlToTilePass);
  ipuPassRegistryAddPass(reg, &ipuPlacePass);
  ipuPassRegistryAddPass(reg, &ipuTileToHwPass);
  ipuPassRegistryAddPass(reg, &ipuPlanMemoryPass);
  ipuPassRegistryAddPass(reg, &ipuRouteNocPass);

  static const IpuPassOptionDef cleanupOptions[] = {
      {"max-iterations", IPU_OPTION_INT, "10",
       "Max. iterations of each canonicalizer run", NULL},
  };
  ipuPassRegistryAddPipeline(
      reg, "cleanup",
      "Canonicalize, CSE and drop dead private symbols: the generic cleanup",
      "canonicalize{max-iterations=${max-iterations}},cse,"
      "canonicalize{max-iterations=${max-iterations}},symbol-dce",
      cleanupOptions, sizeof cleanupOptions / sizeof *cleanupOptions);

  /* The graph optimisations of the hl level, in an order where each step
   * feeds the next: exact shapes first, then fewer ops, then folding (whose
   * new constants let batchnorms fold), fusion last; the generic cleanup
   * removes what they left dead. */
  static const IpuPassOptionDef hlOptimizeOptions[] = {
      {"max-elements", IPU_OPTION_INT, "1048576",
       "Largest result hl-fold-constants replaces by a constant", NULL},
  };
  ipuPassRegistryAddPipeline(
      reg, "hl-optimize",
      "The hl graph optimisations: infer shapes, drop identities, fold "
      "constants and batchnorms, fuse activations, canonicalize, cse",
      "hl-infer-shapes,hl-drop-identities,"
      "hl-fold-constants{max-elements=${max-elements}},hl-fold-batchnorm,"
      "hl-fuse-activations,canonicalize,cse",
      hlOptimizeOptions, sizeof hlOptimizeOptions / sizeof *hlOptimizeOptions);

  /* From float hl to tile IR: optimise, unroll LSTMs into cells whose
   * gemms quantize and lower like any other, quantize each function, fold
   * what quantize made of constants (quantized scalars, aligned operands:
   * otherwise host round trips), lower onto the target, clean up what the
   * lowering left. */
  static const IpuPassOptionDef hlToTileOptions[] = {
      {"target", IPU_OPTION_STRING, NULL,
       "Target preset or file (when the module has no 'hw.target')", NULL},
      {"calibration", IPU_OPTION_STRING, NULL,
       "Calibration inputs of the quantize pass", NULL},
      {"report", IPU_OPTION_STRING, NULL,
       "JSON report of hl-to-tile", NULL},
      {"min-cosine", IPU_OPTION_DOUBLE, "0",
       "Mixed precision goal of the quantize pass (16-bit layer inputs "
       "until the calibration cosine reaches it; 0: all int8)",
       NULL},
      {"array-budget", IPU_OPTION_INT, "0",
       "Arrays hl-to-tile may use (0: as few as possible)", NULL},
      {"balance-latency", IPU_OPTION_BOOL, "false",
       "Spare arrays of the budget go to more row bands of the slowest "
       "convs (hl-to-tile)",
       NULL},
  };
  ipuPassRegistryAddPipeline(
      reg, "hl-to-tile-pipeline",
      "From float hl to tile IR: hl-optimize, hl-decompose-lstm, quantize, "
      "hl-fold-constants, hl-to-tile, cleanup",
      "hl-optimize,func.func(hl-decompose-lstm,"
      "quantize{calibration=${calibration} min-cosine=${min-cosine}},"
      "hl-fold-constants),"
      "hl-to-tile{target=${target} report=${report} "
      "array-budget=${array-budget} balance-latency=${balance-latency}},"
      "cleanup",
      hlToTileOptions, sizeof hlToTileOptions / sizeof *hlToTileOptions);

  /* From float hl to hw IR for the chip: the tile lowering, then place,
   * route, lower to hw and plan memory (ipu-compile runs these stages one
   * by one to time them and adds the emission of the binary). */
  static const IpuPassOptionDef compileOptions[] = {
      {"target", IPU_OPTION_STRING, NULL,
       "Target preset or file (when the module has no 'hw.target')", NULL},
      {"calibration", IPU_OPTION_STRING, NULL,
       "Calibration inputs of the quantize pass", NULL},
      {"min-cosine", IPU_OPTION_DOUBLE, "0",
       "Mixed precision goal of the quantize pass", NULL},
      {"seed", IPU_OPTION_INT, "1", "Seed of the placement annealing", NULL},
      {"effort", IPU_OPTION_INT, "1",
       "Effort of the placement annealing (0: greedy only)", NULL},
      {"array-budget", IPU_OPTION_INT, "-1",
       "Arrays hl-to-tile may use (-1: the target's tiles, 0: as few as "
       "possible)",
       NULL},
      {"balance-latency", IPU_OPTION_BOOL, "true",
       "Spare arrays of the budget go to more row bands of the slowest "
       "convs (hl-to-tile), as ipu-compile does",
       NULL},
  };
  ipuPassRegistryAddPipeline(
      reg, "ipu-compile-pipeline",
      "From float hl to placed, routed, memory-planned hw IR: "
      "hl-to-tile-pipeline, place, route-noc, tile-to-hw, plan-memory",
      "hl-to-tile-pipeline{target=${target} calibration=${calibration} "
      "min-cosine=${min-cosine} array-budget=${array-budget} "
      "balance-latency=${balance-latency}},"
      "place{seed=${seed} effort=${effort}},"
      "route-noc,tile-to-hw,plan-memory",
      compileOptions, sizeof compileOptions / sizeof *compileOptions);
}
