/* hl-to-tile: lowers quantized hl functions onto the tile dialect for the
 * module's target (the driver; see hl_to_tile_*.c for the parts).
 *
 * With an array budget, layers whose tile could not hold their SRAM are
 * split first, on the quantized hl, into layers of their own: over output
 * channels (hl_to_tile_split.c), then into bands of output rows; with
 * balance-latency, the arrays left spare buy the slowest convs more bands
 * (hl_to_tile_latency.c plans them, the row-band split makes them).
 *
 * Per func.func: layers become blocks, mvms and accumulates
 * (hl_to_tile_mvm.c); then the blocks of all functions are packed into
 * arrays (hl_to_tile_pack.c), which become module-level tile.array ops;
 * then the remaining hl ops go into tile.simd / tile.host regions with
 * channels between units (hl_to_tile_units.c); statistics and the JSON
 * report last (hl_to_tile_stats.c). */
#include <stdio.h>
#include <string.h>

#include "hl_to_tile.h"

static bool resolveTarget(HtState *st, IpuOp *module, const char *spec) {
  if (ipuModuleHasTarget(module))
    return ipuSucceeded(ipuModuleGetTarget(module, true, &st->target));
  if (!spec || !*spec) {
    ipuOpEmitError(module, "hl-to-tile: the module has no target "
                   "('hw.target'); give one with target=NAME|FILE");
    return false;
  }
  return ipuSucceeded(ipuTargetResolve(st->ctx, ipuOpGetLoc(module), spec,
                                       &st->target)) &&
         ipuSucceeded(ipuModuleSetTarget(module, &st->target));
}

/* A symbol name not yet used in the module: "a<n>", n counting up. */
static IpuIdent freshArrayName(IpuContext *ctx, IpuSymbolTable *symbols,
                               int64_t *counter) {
  char name[32];
  for (;;) {
    snprintf(name, sizeof name, "a%lld", (long long)(*counter)++);
    if (!ipuSymbolTableLookup(symbols, ipuStringRefFromCString(name)))
      return ipuIdentGetC(ctx, name);
  }
}

/* Makes the tile.array ops of the packing, first in the module, and points
 * each mvm at its block. */
static bool emitArrays(HtState *st, IpuOp *module, IpuBlock *body) {
  IpuContext *ctx = st->ctx;
  IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  IpuSymbolTable *symbols = ipuSymbolTableCreate(module);
  if (!symbols)
    return ipuSucceeded(ipuOpEmitError(module, "hl-to-tile: out of memory"));
  IpuOp *first = ipuBlockGetFirstOp(body);
  int64_t counter = 0;
  bool ok = true;
  /* Blocks by array, in creation order within each. */
  for (int64_t a = 0; ok && a < st->numArrays; ++a) {
    IpuIdent arrayName = freshArrayName(ctx, symbols, &counter);
    IpuBlock *inner = ipuBlockCreate(ctx, 0, NULL, NULL);
    ok = inner != NULL;
    for (intptr_t i = 0; ok && i < st->numBlocks; ++i) {
      HtBlock *b = &st->blocks[i];
      if (b->array != a)
        continue;
      IpuOpState bs;
      ipuOpStateInit(&bs, ctx, ipuStringRefFromCString("tile.block"),
                     ipuOpGetLoc(b->mvms[0]));
      ipuOpStateAddAttr(&bs, "sym_name",
                        ipuStringAttrGet(ctx, ipuStringRefFromCString(b->name),
                                         NULL));
      ipuOpStateAddAttr(&bs, "row", ipuIntegerAttrGet(ctx, i64, b->row));
      ipuOpStateAddAttr(&bs, "col", ipuIntegerAttrGet(ctx, i64, b->col));
      ipuOpStateAddAttr(&bs, "value", b->value);
      IpuOp *blockOp = ipuOpCreate(&bs);
      ok = blockOp != NULL;
      if (!ok)
        break;
      ipuBlockAppendOp(inner, blockOp);
      IpuIdent nested = ipuIdentGetC(ctx, b->name);
      IpuAttr ref = ipuSymbolRefAttrGet(ctx, arrayName, 1, &nested);
      for (intptr_t u = 0; u < b->numMvms; ++u)
        ipuOpSetAttr(b->mvms[u], "block", ref);
    }
    IpuRegion *region = ok ? ipuRegionCreate(ctx) : NULL;
    if (!region) {
      if (inner)
        ipuBlockDestroy(inner);
      ok = false;
      break;
    }
    ipuRegionAppendBlock(region, inner);
    IpuOpState as;
    ipuOpStateInit(&as, ctx, ipuStringRefFromCString("tile.array"),
                   ipuOpGetLoc(module));
    ipuOpStateAddAttr(&as, "sym_name",
                      ipuStringAttrGet(ctx, ipuIdentStr(arrayName), NULL));
    ipuOpStateAddAttr(&as, "rows",
                      ipuIntegerAttrGet(ctx, i64, st->target.arrayRows));
    ipuOpStateAddAttr(&as, "cols",
                      ipuIntegerAttrGet(ctx, i64, st->target.arrayCols));
    ipuOpStateAddAttr(&as, "weight_bits",
                      ipuIntegerAttrGet(ctx, i64, st->target.weightBits));
    ipuOpStateAddOwnedRegions(&as, 1, &region);
    IpuOp *array = ipuOpCreate(&as);
    ok = array != NULL;
    if (ok) {
      if (first)
        ipuBlockInsertOpBefore(body, first, array);
      else
        ipuBlockAppendOp(body, array);
    }
  }
  ipuSymbolTableDestroy(symbols);
  if (!ok)
    ipuOpEmitError(module, "hl-to-tile: out of memory");
  return ok;
}

static IpuLogicalResult runHlToTile(IpuOp *module, IpuPassRun *run) {
  HtState st;
  memset(&st, 0, sizeof st);
  st.ctx = ipuPassRunGetContext(run);
  ipuBuilderInit(&st.b, st.ctx);
  ipuPtrMapInit(&st.layerOf, st.ctx);
  ipuPtrMapInit(&st.joinOps, st.ctx);
  ipuPtrMapInit(&st.bandSource, st.ctx);
  ipuPtrMapInit(&st.latencyBands, st.ctx);
  IpuBlock *body = ipuOpGetNumRegions(module)
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0))
                       : NULL;
  bool ok = body && resolveTarget(&st, module, ipuPassRunGetString(run,
                                                                   "target"));
  IpuOp **funcs = NULL;
  intptr_t numFuncs = 0;
  for (IpuOp *op = ok ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "func.func") && ipuOpGetNumRegions(op) &&
        ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0)))
      numFuncs++;
  funcs = ipuCalloc(st.ctx, (size_t)numFuncs + 1, sizeof *funcs);
  ok = ok && funcs;
  numFuncs = 0;
  for (IpuOp *op = ok ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "func.func") || !ipuOpGetNumRegions(op) ||
        !ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0)))
      continue;
    if (ipuRegionGetNumBlocks(ipuOpGetRegion(op, 0)) != 1) {
      ipuOpEmitError(op, "hl-to-tile handles single-block functions only");
      ok = false;
      break;
    }
    funcs[numFuncs++] = op;
  }
  int64_t budget = ipuPassRunGetInt(run, "array-budget");
  if (ok && budget < -1) {
    ipuOpEmitError(module, "hl-to-tile: array-budget must be -1 (the "
                   "target's tiles), 0 (fewest arrays) or positive, got "
                   "%lld", (long long)budget);
    ok = false;
  }
  if (ok && budget == -1)
    budget = st.target.chips * st.target.gridCols * st.target.gridRows;
  st.budget = budget;
  st.balanceLatency = ipuPassRunGetBool(run, "balance-latency");
  /* Output-channel splits first, on the quantized hl (array budget only). */
  for (intptr_t i = 0; ok && i < numFuncs; ++i)
    ok = htSplitChannels(&st, ipuRegionGetFirstBlock(ipuOpGetRegion(funcs[i],
                                                                    0)));
  /* With balance-latency, the bands the spare arrays buy the slowest
   * convs (planned for the row bands to make). */
  ok = ok && htPlanLatency(&st, module);
  /* Then row bands, for the layers whose input is too big for that. */
  for (intptr_t i = 0; ok && i < numFuncs; ++i)
    ok = htSplitBands(&st, ipuRegionGetFirstBlock(ipuOpGetRegion(funcs[i],
                                                                 0)));
  for (intptr_t i = 0; ok && i < numFuncs; ++i)
    ok = htLowerLayers(&st, ipuRegionGetFirstBlock(ipuOpGetRegion(funcs[i],
                                                                  0)));
  if (ok && !htPack(&st, budget)) {
    ipuOpEmitError(module, "hl-to-tile: out of memory");
    ok = false;
  }
  ok = ok && emitArrays(&st, module, body);
  for (intptr_t i = 0; ok && i < numFuncs; ++i)
    ok = htPartition(&st, ipuRegionGetFirstBlock(ipuOpGetRegion(funcs[i],
                                                                0)));
  if (ok) {
    HtStats s;
    htComputeStats(&st, &s);
    ipuPassRunAddStatistic(run, "num-layers", st.numLayers);
    ipuPassRunAddStatistic(run, "num-blocks", st.numBlocks);
    ipuPassRunAddStatistic(run, "num-arrays", s.numArrays);
    ipuPassRunAddStatistic(run, "arrays-lower-bound", s.lowerBound);
    ipuPassRunAddStatistic(run, "arrays-ratio-ppm", s.ratioPpm);
    ipuPassRunAddStatistic(run, "array-utilization-ppm", s.utilizationPpm);
    ipuPassRunAddStatistic(run, "macs-per-array-max", s.macsMax);
    ipuPassRunAddStatistic(run, "macs-per-array-mean", s.macsMean);
    ipuPassRunAddStatistic(run, "num-simd-ops", st.numSimdOps);
    ipuPassRunAddStatistic(run, "num-host-ops", st.numHostOps);
    ipuPassRunAddStatistic(run, "num-channels", st.numChannels);
    ipuPassRunAddStatistic(run, "num-layer-parts", st.numParts);
    ipuPassRunAddStatistic(run, "num-banded-layers", st.numBandedLayers);
    ipuPassRunAddStatistic(run, "num-row-bands", st.numBands);
    ipuPassRunAddStatistic(run, "num-latency-bands", st.numLatencyBands);
    ipuPassRunAddStatistic(run, "num-group-packs", st.numGroupPacks);
    ipuPassRunAddStatistic(run, "num-sunk-ops", st.numSunkOps);
    ipuPassRunAddStatistic(run, "num-split-layers", st.numSplitLayers);
    ipuPassRunAddStatistic(run, "num-split-parts", st.numSplitParts);
    const char *report = ipuPassRunGetString(run, "report");
    if (report && *report)
      ok = htWriteReport(&st, &s, report, module);
  }
  ipuFree(st.ctx, funcs);
  htFreeBlocks(&st);
  ipuPtrMapDestroy(&st.layerOf);
  ipuPtrMapDestroy(&st.joinOps);
  ipuPtrMapDestroy(&st.bandSource);
  ipuPtrMapDestroy(&st.latencyBands);
  return ok ? IPU_SUCCESS : IPU_FAILURE;
}

static const IpuPassOptionDef hlToTileOptions[] = {
    {"target", IPU_OPTION_STRING, NULL,
     "Target preset or file, used when the module has no 'hw.target' (it "
     "is then attached)",
     NULL},
    {"report", IPU_OPTION_STRING, NULL,
     "Write the packing and unit statistics as JSON to this file", NULL},
    {"array-budget", IPU_OPTION_INT, "0",
     "Arrays the packing may use: 0 packs into as few as possible; N > 0 "
     "gives each layer arrays of its own while the layers fit N, merging "
     "the smallest layers' arrays until they do; -1: the target's tile "
     "count (chips x grid)",
     NULL},
    {"balance-latency", IPU_OPTION_BOOL, "false",
     "With an array budget: give the arrays the layers leave spare to more "
     "row bands of the slowest convs (each band on a tile of its own runs "
     "in parallel with the others)",
     NULL},
};

static const IpuPassStatisticDef hlToTileStatistics[] = {
    {"num-layers", "Number of conv2d / gemm / matmul ops lowered"},
    {"num-blocks", "Number of weight blocks"},
    {"num-arrays", "Number of arrays used"},
    {"arrays-lower-bound",
     "ceil(total weight bits / array bits): the fewest arrays possible"},
    {"arrays-ratio-ppm", "Arrays used / lower bound (x 1e6)"},
    {"array-utilization-ppm", "Weight cells / cells of the used arrays "
                              "(x 1e6)"},
    {"macs-per-array-max", "Most multiply-accumulates of one array per run"},
    {"macs-per-array-mean", "Mean multiply-accumulates per array per run"},
    {"num-simd-ops", "Number of hl ops put on the SIMD units"},
    {"num-host-ops", "Number of hl ops left on the host"},
    {"num-channels", "Number of channels between units"},
    {"num-layer-parts",
     "Parts grouped convs were split into beyond one each, so that a "
     "part's tile holds its SRAM (with an array budget)"},
    {"num-banded-layers",
     "Convs and pools split into bands of output rows because one tile "
     "could not hold their feature maps (with an array budget), or pools "
     "banded like their producer"},
    {"num-row-bands", "Bands those ops became (all of them)"},
    {"num-latency-bands",
     "Row bands added to the slowest convs for latency, beyond those the "
     "SRAM needs (balance-latency)"},
    {"num-group-packs",
     "Block-diagonal packs of two or more groups of grouped convs (one "
     "windows and one mvm each instead of one per group)"},
    {"num-sunk-ops", "Epilogue ops of grouped convs copied into per-group "
                     "chains (one per original op)"},
    {"num-split-layers",
     "Layers split over their output channels because one tile could not "
     "hold their input and output (with an array budget)"},
    {"num-split-parts", "Parts those layers became (all of them)"},
};

const IpuPassDef ipuHlToTilePass = {
    .argument = "hl-to-tile",
    .summary = "Lower quantized hl onto the tile dialect for the target",
    .description =
        "Quantized conv2d (strided, padded, dilated, grouped, depthwise), "
        "gemm and matmul with constant i8 weights become weight-stationary "
        "blocks of at most the array's rows x columns (K into row blocks, "
        "N into column blocks, per group), tile.windows for convs, one "
        "tile.mvm per block and tile.accumulate over the row blocks; the "
        "blocks are packed into tile.array ops (skyline, first-fit "
        "decreasing; with array-budget, per layer as far as the budget "
        "allows, so that layers and their activations spread over "
        "tiles). A grouped conv's groups each get a chain right after "
        "their mvm (transpose, reshape, bias slice, and the layer's "
        "channel-separable epilogue sunk below the join of the groups), "
        "so each streams on its own product; with an array budget, a "
        "grouped conv whose tile would overflow its SRAM splits into "
        "parts of contiguous groups with arrays of their own; a conv or "
        "pool whose feature maps do not fit splits into bands of output "
        "rows, each with its own copy of the epilogue (and, a conv, "
        "arrays of its own), joined on axis 2; with balance-latency, the "
        "arrays the budget leaves spare go to more bands of the slowest "
        "convs. "
        "A grouped conv's consecutive groups share block-diagonal blocks "
        "(their "
        "weights on the diagonal, zeros elsewhere: one windows and one "
        "mvm for as many groups as the array's rows and columns hold); "
        "each such pack has one chain. Integer "
        "element-wise, activation, pooling, "
        "requantization and data-movement ops go into tile.simd regions, "
        "everything else into tile.host regions, and tile.channel ops mark "
        "each value crossing from one unit to another. Needs the module's "
        "'hw.target' or the target option.",
    .anchor = "builtin.module",
    .options = hlToTileOptions,
    .numOptions = sizeof hlToTileOptions / sizeof *hlToTileOptions,
    .statistics = hlToTileStatistics,
    .numStatistics = sizeof hlToTileStatistics / sizeof *hlToTileStatistics,
    .run = runHlToTile,
};
