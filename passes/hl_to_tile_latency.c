/* hl-to-tile, part 0c: latency bands. Spare arrays (tiles) of the array
 * budget go to more row bands of the slowest convs (option balance-latency).
 *
 * The layers of one inference run one after another, and a conv's bands
 * run side by side on tiles of their own, so a conv cut into B bands takes
 * about 1/B of its array time. After the output-channel split, before the
 * row bands (which make the bands planned here): a dry run of the bands,
 * the lowering and the packing on a clone of the module counts the arrays
 * the module takes (N0) and the bands the SRAM gives each conv (B0, 1 when
 * none). Then, greedily, while arrays remain within the budget: the conv
 * with the largest estimated array time gets the fewest bands more that
 * shorten its longest band, as long as every band keeps at least 2 output
 * rows and the arrays fit (a conv of k arrays a band costs k arrays a
 * band); a conv that cannot grow is passed over. The estimate of a conv
 * of B bands: ceil(OH / B) x OW mvm rows x input slices (wide inputs,
 * from the element type) x array_step_cycles (x input_bits when
 * bit-serial) x the most blocks one of its arrays holds (their mvms take
 * turns). Candidates: convs with constant weights and groups = 1 whose
 * epilogue can follow bands (htBandableRows), output-channel parts
 * included (each part is a conv of its own, its bands cut its rows only);
 * grouped convs (block-diagonal packs), gemms and matmuls keep theirs.
 * k comes from packing the conv's blocks alone, cut as hl_to_tile_mvm.c
 * cuts them (channel chunks of whole windows x column blocks). Ties go to
 * the earlier conv: the plan is deterministic. */
#include <string.h>

#include "hl_to_tile.h"

enum { MAX_LATENCY_BANDS = 256 };

typedef struct {
  IpuOp *op;
  int64_t rows, cols;  /* OH, OW */
  int64_t bands, base; /* planned, the SRAM's */
  int64_t arrays;      /* per band */
  int64_t rowCycles;   /* cycles of one output row of one band */
  bool done;
} Conv;

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/* DAC passes for inputs of `bits` bits: slices of b - 1 unsigned bits
 * below a signed b-bit top slice (an upper bound of hl_to_tile_mvm.c's,
 * which looks at the clamp that made the input). */
static int64_t inputSlices(const IpuTarget *t, int64_t bits) {
  int64_t b = t->inputBits < 8 ? t->inputBits : 8, n = 1;
  if (b < 2)
    return 1;
  while ((n - 1) * (b - 1) + b < bits)
    ++n;
  return n;
}

/* Fills in `c`'s arrays per band and cycles per output row: its blocks
 * packed alone. False when it is not lowered in blocks this way (a
 * kernel taller than the array) or out of memory (*oom). */
static bool measure(HtState *st, Conv *c, bool *oom) {
  IpuType xt = ipuValueGetType(ipuOpGetOperand(c->op, 0));
  IpuType wt = ipuValueGetType(ipuOpGetOperand(c->op, 1));
  if (ipuTypeGetKind(wt) != IPU_TYPE_RANKED_TENSOR ||
      !ipuShapedTypeHasStaticShape(wt) || ipuShapedTypeGetRank(wt) != 4)
    return false;
  int64_t M = ipuShapedTypeGetDimSize(wt, 0);
  int64_t C = ipuShapedTypeGetDimSize(wt, 1);
  int64_t area = ipuShapedTypeGetDimSize(wt, 2) *
                 ipuShapedTypeGetDimSize(wt, 3);
  int64_t rowsMax = htMaxBlockRows(st), cols = st->target.arrayCols;
  if (M < 1 || C < 1 || area < 1 || area > rowsMax)
    return false;
  int64_t perChunk = rowsMax / area < C ? rowsMax / area : C;
  int64_t numChunks = ceilDiv(C, perChunk), numN = ceilDiv(M, cols);
  if (numChunks * numN > 4096)
    return false; /* not worth a band: keep the estimate cheap */
  HtState scratch;
  memset(&scratch, 0, sizeof scratch);
  scratch.ctx = st->ctx;
  scratch.target = st->target;
  scratch.numBlocks = numChunks * numN;
  scratch.blocks = ipuCalloc(st->ctx, (size_t)scratch.numBlocks,
                             sizeof *scratch.blocks);
  int64_t *perArray = NULL;
  bool ok = scratch.blocks != NULL;
  for (int64_t i = 0; ok && i < scratch.numBlocks; ++i) {
    int64_t kb = i / numN, nb = i % numN;
    HtBlock *b = &scratch.blocks[i];
    b->rows = (kb + 1 < numChunks ? perChunk : C - kb * perChunk) * area;
    b->cols = nb + 1 < numN ? cols : M - nb * cols;
    memcpy(b->name, "b", 2);
  }
  ok = ok && htPack(&scratch, 0) && scratch.numArrays >= 1;
  perArray = ok ? ipuCalloc(st->ctx, (size_t)scratch.numArrays,
                            sizeof *perArray)
                : NULL;
  int64_t most = 0;
  for (int64_t i = 0; perArray && i < scratch.numBlocks; ++i) {
    int64_t a = scratch.blocks[i].array;
    if (a >= 0 && a < scratch.numArrays && ++perArray[a] > most)
      most = perArray[a];
  }
  *oom = !perArray;
  c->arrays = scratch.numArrays;
  int64_t bits = ipuTypeGetIntOrFloatBitWidth(ipuShapedTypeGetElementType(xt));
  c->rowCycles = c->cols * inputSlices(&st->target, bits) *
                 st->target.arrayStepCycles *
                 (st->target.bitSerialInputs ? st->target.inputBits : 1) *
                 most;
  ipuFree(st->ctx, perArray);
  ipuFree(st->ctx, scratch.blocks);
  return perArray != NULL;
}

/* The first func.func body of `module` at or after `op`, and its op. */
static IpuBlock *nextBody(IpuOp **op) {
  for (; *op; *op = ipuOpGetNext(*op))
    if (ipuOpIsA(*op, "func.func") && ipuOpGetNumRegions(*op) &&
        ipuRegionGetFirstBlock(ipuOpGetRegion(*op, 0)))
      return ipuRegionGetFirstBlock(ipuOpGetRegion(*op, 0));
  return NULL;
}

/* The dry run: *numArrays gets the arrays the module takes with the
 * SRAM's bands, `bands` the band count of each conv banded (module op ->
 * count). */
static bool dryRun(HtState *st, IpuOp *module, IpuPtrMap *bands,
                   int64_t *numArrays) {
  IpuOp *clone = ipuOpClone(module);
  if (!clone)
    return ipuSucceeded(ipuOpEmitError(module, "hl-to-tile: out of memory"));
  HtState dry;
  memset(&dry, 0, sizeof dry);
  dry.ctx = st->ctx;
  dry.target = st->target;
  dry.budget = st->budget;
  dry.numLayerIds = st->numLayerIds;
  ipuBuilderInit(&dry.b, st->ctx);
  ipuPtrMapInit(&dry.layerOf, st->ctx);
  ipuPtrMapInit(&dry.joinOps, st->ctx);
  ipuPtrMapInit(&dry.bandSource, st->ctx);
  ipuPtrMapInit(&dry.latencyBands, st->ctx);
  IpuPtrMap origin;
  ipuPtrMapInit(&origin, st->ctx);
  dry.cloneOrigin = &origin;
  dry.recordBands = bands;
  bool ok = true;
  /* The clone's ops to the module's, and the joins the output-channel
   * split made (a slice of them folds). */
  IpuBlock *top = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  IpuBlock *cloneTop = ipuRegionGetFirstBlock(ipuOpGetRegion(clone, 0));
  IpuOp *f = ipuBlockGetFirstOp(top), *cf = ipuBlockGetFirstOp(cloneTop);
  for (IpuBlock *body = nextBody(&f), *cloneBody = nextBody(&cf);
       ok && body && cloneBody;
       f = ipuOpGetNext(f), cf = ipuOpGetNext(cf), body = nextBody(&f),
                cloneBody = nextBody(&cf))
    for (IpuOp *op = ipuBlockGetFirstOp(body),
               *cop = ipuBlockGetFirstOp(cloneBody);
         ok && op && cop; op = ipuOpGetNext(op), cop = ipuOpGetNext(cop)) {
      ok = ipuPtrMapPut(&origin, cop, op);
      intptr_t join = ipuPtrMapGetInt(&st->joinOps, op, 0);
      if (ok && join)
        ok = ipuPtrMapPutInt(&dry.joinOps, cop, join);
    }
  if (!ok)
    ipuOpEmitError(module, "hl-to-tile: out of memory");
  cf = ipuBlockGetFirstOp(cloneTop);
  for (IpuBlock *b = nextBody(&cf); ok && b;
       cf = ipuOpGetNext(cf), b = nextBody(&cf))
    ok = htSplitBands(&dry, b);
  cf = ipuBlockGetFirstOp(cloneTop);
  for (IpuBlock *b = nextBody(&cf); ok && b;
       cf = ipuOpGetNext(cf), b = nextBody(&cf))
    ok = htLowerLayers(&dry, b);
  if (ok && !htPack(&dry, dry.budget)) {
    ipuOpEmitError(module, "hl-to-tile: out of memory");
    ok = false;
  }
  *numArrays = dry.numArrays;
  htFreeBlocks(&dry);
  ipuPtrMapDestroy(&origin);
  ipuPtrMapDestroy(&dry.layerOf);
  ipuPtrMapDestroy(&dry.joinOps);
  ipuPtrMapDestroy(&dry.bandSource);
  ipuPtrMapDestroy(&dry.latencyBands);
  ipuOpDestroy(clone);
  return ok;
}

/* The fewest bands beyond `c`'s that shorten its longest band, 0 when
 * none keeps 2 rows a band. */
static int64_t nextBands(const Conv *c) {
  int64_t longest = ceilDiv(c->rows, c->bands);
  for (int64_t b = c->bands + 1; b <= MAX_LATENCY_BANDS && c->rows / b >= 2;
       ++b)
    if (ceilDiv(c->rows, b) < longest)
      return b;
  return 0;
}

bool htPlanLatency(HtState *st, IpuOp *module) {
  if (!st->balanceLatency || st->budget <= 0)
    return true;
  size_t errors = ipuContextGetNumErrors(st->ctx);
  IpuPtrMap sramBands;
  ipuPtrMapInit(&sramBands, st->ctx);
  int64_t used = 0;
  bool ok = dryRun(st, module, &sramBands, &used);
  Conv *convs = NULL;
  intptr_t numConvs = 0, cap = 0;
  IpuOp *f = ipuBlockGetFirstOp(ipuRegionGetFirstBlock(ipuOpGetRegion(module,
                                                                      0)));
  for (IpuBlock *body = ok && used < st->budget ? nextBody(&f) : NULL;
       ok && body; f = ipuOpGetNext(f), body = nextBody(&f))
    for (IpuOp *op = ipuBlockGetFirstOp(body); ok && op;
         op = ipuOpGetNext(op)) {
      int64_t rows = htBandableRows(st, op);
      if (!rows)
        continue;
      if (numConvs == cap) {
        cap = cap ? 2 * cap : 32;
        Conv *grown = ipuRealloc(st->ctx, convs, (size_t)cap * sizeof *grown);
        if (!grown) {
          ok = false;
          break;
        }
        convs = grown;
      }
      Conv *c = &convs[numConvs];
      memset(c, 0, sizeof *c);
      c->op = op;
      c->rows = rows;
      c->cols = ipuShapedTypeGetDimSize(ipuValueGetType(ipuOpGetResult(op, 0)),
                                        3);
      c->base = c->bands = ipuPtrMapGetInt(&sramBands, op, 1);
      bool oom = false;
      if (measure(st, c, &oom))
        numConvs++;
      ok = !oom;
    }
  /* Greedy: the slowest conv that can still grow takes the bands that
   * shorten it. */
  int64_t spare = st->budget - used;
  while (ok && spare > 0) {
    Conv *slowest = NULL;
    int64_t most = -1;
    for (intptr_t i = 0; i < numConvs; ++i) {
      Conv *c = &convs[i];
      int64_t t = ceilDiv(c->rows, c->bands) * c->rowCycles;
      if (!c->done && t > most) {
        most = t;
        slowest = c;
      }
    }
    if (!slowest)
      break;
    int64_t b = nextBands(slowest);
    int64_t cost = (b - slowest->bands) * slowest->arrays;
    if (!b || cost > spare) {
      slowest->done = true;
      continue;
    }
    spare -= cost;
    slowest->bands = b;
  }
  for (intptr_t i = 0; ok && i < numConvs; ++i) {
    Conv *c = &convs[i];
    if (c->bands == c->base)
      continue;
    ok = ipuPtrMapPutInt(&st->latencyBands, c->op, c->bands);
    st->numLatencyBands += c->bands - c->base;
  }
  if (!ok && ipuContextGetNumErrors(st->ctx) == errors)
    ipuOpEmitError(module, "hl-to-tile: out of memory");
  ipuFree(st->ctx, convs);
  ipuPtrMapDestroy(&sramBands);
  return ok;
}
