/* canonicalize: applies every registered op's canonicalization patterns and
 * fold hooks with the greedy worklist driver, and erases unreachable blocks.
 *
 * Algorithm: build the pattern set of all registered ops, then repeat (at
 * most max-iterations times): run ipuApplyPatternsGreedilyBestEffort on the op's
 * regions (a worklist of every nested op, folding, pattern application and
 * removal of trivially dead ops until nothing changes), then, unless
 * region-simplify=disabled, erase the blocks of SSACFG regions that are
 * unreachable from their entry (MLIR's simplifyRegions, without dead block
 * argument elimination or block merging; `aggressive` is `normal`). Stop
 * when a round erases no block. max-iterations=-1 means no limit. Complexity: O(P + k * (n * p)) for P
 * registered ops, n nested ops, p patterns per op and k driver sweeps
 * (bounded by max-iterations); unreachable-block removal is O(n).
 *
 * As MLIR's, the pass is best-effort: not converging is not a failure
 * unless test-convergence is set. */
#include <string.h>

#include "passes.h"

static IpuLogicalResult runCanonicalize(IpuOp *op, IpuPassRun *run) {
  IpuContext *ctx = ipuPassRunGetContext(run);
  IpuGreedyConfig cfg;
  ipuGreedyConfigInit(&cfg);
  /* As MLIR: -1 (any negative value) means no limit, 0 one sweep. */
  int64_t maxIterations = ipuPassRunGetInt(run, "max-iterations");
  cfg.maxIterations = maxIterations < 0 ? -1
                      : maxIterations == 0 ? 1
                      : maxIterations > INT32_MAX ? INT32_MAX
                                                  : (int)maxIterations;
  cfg.maxRewrites = ipuPassRunGetInt(run, "max-num-rewrites");
  cfg.topDown = ipuPassRunGetBool(run, "top-down");
  bool simplifyRegions =
      strcmp(ipuPassRunGetString(run, "region-simplify"), "disabled") != 0;
  bool testConvergence = ipuPassRunGetBool(run, "test-convergence");

  IpuPatternSet *patterns = ipuPatternSetCreate(ctx);
  if (!patterns)
    return IPU_FAILURE;
  ipuPatternSetAddCanonicalizationPatterns(patterns);

  size_t errorsBefore = ipuContextGetNumErrors(ctx);
  bool converged = true, changed = false;
  int64_t blocksErased = 0;
  /* Each further round follows an erasure of blocks, so it ends. */
  for (int round = 0; cfg.maxIterations < 0 || round < cfg.maxIterations;
       round++) {
    IpuGreedyStats stats;
    memset(&stats, 0, sizeof stats);
    IpuLogicalResult r =
        ipuApplyPatternsGreedilyBestEffort(op, patterns, &cfg, &stats);
    converged = ipuSucceeded(r) && stats.converged;
    changed |= stats.changed;
    ipuPassRunAddStatistic(run, "num-iterations", stats.iterations);
    ipuPassRunAddStatistic(run, "num-rewrites", stats.patternsApplied);
    ipuPassRunAddStatistic(run, "num-folds", stats.opsFolded);
    ipuPassRunAddStatistic(run, "num-erased", stats.opsErased);
    if (!simplifyRegions)
      break;
    int64_t erased = 0;
    if (!ipuPassEraseUnreachableBlocks(op, &erased)) {
      ipuPatternSetDestroy(patterns);
      return IPU_FAILURE;
    }
    blocksErased += erased;
    if (erased == 0)
      break;
    changed = true;
  }
  ipuPassRunAddStatistic(run, "num-blocks-erased", blocksErased);
  ipuPatternSetDestroy(patterns);

  if (testConvergence && !converged) {
    /* The driver may have said so already. */
    if (ipuContextGetNumErrors(ctx) == errorsBefore)
      ipuOpEmitError(op, "canonicalizer failed to converge within %d "
                         "iterations",
                     cfg.maxIterations);
    return IPU_FAILURE;
  }
  if (!changed)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassOptionDef canonicalizeOptions[] = {
    {"max-iterations", IPU_OPTION_INT, "10",
     "Max. iterations between applying patterns / simplifying regions", NULL},
    {"max-num-rewrites", IPU_OPTION_INT, "-1",
     "Max. number of pattern rewrites within an iteration", NULL},
    {"region-simplify", IPU_OPTION_ENUM, "normal",
     "Perform control flow optimizations to the region tree",
     "disabled,normal,aggressive"},
    {"test-convergence", IPU_OPTION_BOOL, "false",
     "Test only: Fail pass on non-convergence to detect cyclic pattern", NULL},
    {"top-down", IPU_OPTION_BOOL, "true",
     "Seed the worklist in general top-down order", NULL},
};

static const IpuPassStatisticDef canonicalizeStatistics[] = {
    {"num-blocks-erased", "Number of unreachable blocks erased"},
    {"num-erased", "Number of operations erased"},
    {"num-folds", "Number of operations folded"},
    {"num-iterations", "Number of sweeps of the greedy driver"},
    {"num-rewrites", "Number of pattern rewrites applied"},
};

const IpuPassDef ipuCanonicalizePass = {
    .argument = "canonicalize",
    .summary = "Canonicalize operations",
    .description =
        "Applies the canonicalization patterns and fold hooks of every "
        "registered op with a greedy worklist driver, erases trivially dead "
        "ops, and (unless region-simplify=disabled) erases unreachable "
        "blocks, until nothing changes or max-iterations is reached.",
    .anchor = NULL,
    .options = canonicalizeOptions,
    .numOptions = sizeof canonicalizeOptions / sizeof canonicalizeOptions[0],
    .statistics = canonicalizeStatistics,
    .numStatistics =
        sizeof canonicalizeStatistics / sizeof canonicalizeStatistics[0],
    .run = runCanonicalize,
};
