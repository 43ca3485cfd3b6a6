/* place: gives every tile.array a physical tile (and chip) minimising
 * sum(bytes x hops), and every unit op the tile it runs on (the driver:
 * target, pins, attributes, statistics and the JSON report; the model is
 * in place_model.c, the solver in place_solve.c). */
#include <stdio.h>
#include <string.h>

#include "place.h"

static int64_t tileIndex(const IpuTarget *t, int64_t chip, int64_t x,
                         int64_t y) {
  return chip * t->gridCols * t->gridRows + y * t->gridCols + x;
}

static void tilePosition(const IpuTarget *t, int64_t tile, int64_t *chip,
                         int64_t *x, int64_t *y) {
  int64_t perChip = t->gridCols * t->gridRows;
  *chip = tile / perChip;
  *x = tile % perChip % t->gridCols;
  *y = tile % perChip / t->gridCols;
}

static const char *arrayName(const IpuOp *array) {
  IpuAttr name = ipuOpGetSymbolName(array);
  return name ? ipuIdentCStr(ipuIdentGet(ipuOpGetContext(array),
                                         ipuStringAttrGetValue(name)))
              : "?";
}

/* `pin = [x, y]` or `[chip, x, y]` (an array of integers; array<i64: ...>
 * is accepted as well). */
static bool readPin(IpuAttr pin, int64_t out[3]) {
  int64_t v[3];
  intptr_t n;
  if (ipuAttrGetKind(pin) == IPU_ATTR_ARRAY) {
    n = ipuArrayAttrGetNumElements(pin);
    if (n != 2 && n != 3)
      return false;
    for (intptr_t i = 0; i < n; ++i) {
      IpuAttr e = ipuArrayAttrGetElement(pin, i);
      if (ipuAttrGetKind(e) != IPU_ATTR_INTEGER || ipuAttrIsBool(e))
        return false;
      v[i] = ipuIntegerAttrGetInt(e);
    }
  } else if (ipuAttrGetKind(pin) == IPU_ATTR_DENSE_ARRAY &&
             ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(pin),
                                      64)) {
    n = ipuDenseArrayAttrGetNumElements(pin);
    if (n != 2 && n != 3)
      return false;
    memcpy(v, ipuDenseArrayAttrGetData(pin), (size_t)n * sizeof(int64_t));
  } else {
    return false;
  }
  out[0] = n == 3 ? v[0] : 0;
  out[1] = v[n - 2];
  out[2] = v[n - 1];
  return true;
}

static bool readPins(PlaceModel *m) {
  const IpuTarget *t = &m->target;
  bool ok = true;
  for (int64_t a = 0; a < m->numArrays; ++a) {
    IpuOp *array = m->arrays[a];
    m->pins[a] = -1;
    IpuAttr pin = ipuOpGetAttr(array, "pin");
    if (!pin)
      continue;
    int64_t p[3];
    if (!readPin(pin, p)) {
      ipuOpEmitError(array, "has a malformed 'pin': expected [x, y] or "
                            "[chip, x, y] of integers");
      ok = false;
      continue;
    }
    if (p[0] < 0 || p[0] >= t->chips || p[1] < 0 || p[1] >= t->gridCols ||
        p[2] < 0 || p[2] >= t->gridRows) {
      ipuOpEmitError(array,
                     "is pinned to tile (%lld, %lld, %lld) (chip, x, y), "
                     "outside the grid of target '%s' (%lld chip(s) x %lld "
                     "x %lld)",
                     (long long)p[0], (long long)p[1], (long long)p[2],
                     t->name, (long long)t->chips, (long long)t->gridCols,
                     (long long)t->gridRows);
      ok = false;
      continue;
    }
    m->pins[a] = tileIndex(t, p[0], p[1], p[2]);
    for (int64_t b = 0; b < a; ++b) {
      if (m->pins[b] != m->pins[a])
        continue;
      IpuDiagnostic *d = ipuOpCreateError(
          array, "is pinned to tile (%lld, %lld, %lld) (chip, x, y), as "
                 "array '%s' is: a tile holds one array",
          (long long)p[0], (long long)p[1], (long long)p[2],
          arrayName(m->arrays[b]));
      ipuDiagnosticAddNote(d, ipuOpGetLoc(m->arrays[b]),
                           "array '%s' pinned here", arrayName(m->arrays[b]));
      ipuDiagnosticReport(d);
      ok = false;
      break;
    }
  }
  return ok;
}

static bool collectArrays(PlaceModel *m, IpuBlock *body) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "tile.array"))
      m->numArrays++;
  m->arrays = ipuCalloc(m->ctx, (size_t)m->numArrays + 1, sizeof(IpuOp *));
  m->pins = ipuCalloc(m->ctx, (size_t)m->numArrays + 1, sizeof(int64_t));
  if (!m->arrays || !m->pins)
    return false;
  int64_t n = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "tile.array")) {
      if (!ipuPtrMapPutInt(&m->arrayIndex, op, n + 1))
        return false;
      m->arrays[n++] = op;
    }
  return true;
}

/* Writes `hw.tile` on arrays and units; counts tiles and chips used. */
static void writeTiles(PlaceModel *m, const int64_t *tileOf,
                       int64_t *tilesUsed, int64_t *chipsUsed) {
  const IpuTarget *t = &m->target;
  int64_t numTiles = t->chips * t->gridCols * t->gridRows;
  bool *used = ipuCalloc(m->ctx, (size_t)numTiles + (size_t)t->chips + 1, 1);
  int64_t c, x, y;
  for (int64_t a = 0; a < m->numArrays; ++a) {
    tilePosition(t, tileOf[a], &c, &x, &y);
    ipuPlaceSetTileAttr(m->arrays[a], c, x, y);
    if (used)
      used[tileOf[a]] = true;
  }
  for (int64_t u = 0; u < m->numUnits; ++u) {
    int64_t tile = m->anchor[u] >= 0 ? tileOf[m->anchor[u]] : 0;
    tilePosition(t, tile, &c, &x, &y);
    ipuPlaceSetTileAttr(m->units[u], c, x, y);
    if (used)
      used[tile] = true;
  }
  *tilesUsed = *chipsUsed = 0;
  for (int64_t i = 0; used && i < numTiles; ++i)
    if (used[i]) {
      ++*tilesUsed;
      int64_t chip = i / (t->gridCols * t->gridRows);
      if (!used[numTiles + chip]) {
        used[numTiles + chip] = true;
        ++*chipsUsed;
      }
    }
  ipuFree(m->ctx, used);
}

typedef struct {
  int64_t seed, effort, tilesUsed, chipsUsed, ratioPpm;
  IpuPlaceResult result;
} PlaceSummary;

static bool writeReport(const PlaceModel *m, const int64_t *tileOf,
                        const PlaceSummary *s, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) {
    ipuOpEmitError(m->module, "place: cannot write the report '%s'", path);
    return false;
  }
  const IpuTarget *t = &m->target;
  fprintf(f, "{\n  \"target\": ");
  ipuPlaceWriteJsonString(f, t->name);
  fprintf(f,
          ",\n  \"chips\": %lld,\n  \"grid_cols\": %lld,\n"
          "  \"grid_rows\": %lld,\n  \"seed\": %lld,\n  \"effort\": %lld,\n"
          "  \"num_arrays\": %lld,\n  \"num_tiles_used\": %lld,\n"
          "  \"num_chips_used\": %lld,\n  \"cost_greedy\": %lld,\n"
          "  \"cost\": %lld,\n  \"cost_ratio\": %.6f,\n"
          "  \"moves_tried\": %lld,\n  \"moves_accepted\": %lld,\n"
          "  \"arrays\": [",
          (long long)t->chips, (long long)t->gridCols, (long long)t->gridRows,
          (long long)s->seed, (long long)s->effort, (long long)m->numArrays,
          (long long)s->tilesUsed, (long long)s->chipsUsed,
          (long long)s->result.costGreedy, (long long)s->result.cost,
          s->ratioPpm / 1e6, (long long)s->result.movesTried,
          (long long)s->result.movesAccepted);
  for (int64_t a = 0; a < m->numArrays; ++a) {
    int64_t c, x, y;
    tilePosition(t, tileOf[a], &c, &x, &y);
    fprintf(f, "%s\n    {\"name\": ", a ? "," : "");
    ipuPlaceWriteJsonString(f, arrayName(m->arrays[a]));
    fprintf(f,
            ", \"chip\": %lld, \"x\": %lld, \"y\": %lld, \"pinned\": %s, "
            "\"traffic_bytes\": %lld}",
            (long long)c, (long long)x, (long long)y,
            m->pins[a] >= 0 ? "true" : "false", (long long)m->traffic[a]);
  }
  fprintf(f, "%s]\n}\n", m->numArrays ? "\n  " : "");
  bool ok = !ferror(f);
  if (fclose(f) != 0)
    ok = false;
  if (!ok)
    ipuOpEmitError(m->module, "place: cannot write the report '%s'", path);
  return ok;
}

static bool place(PlaceModel *m, IpuPassRun *run, IpuBlock *body) {
  const IpuTarget *t = &m->target;
  if (!collectArrays(m, body))
    return false;
  int64_t numTiles = t->chips * t->gridCols * t->gridRows;
  if (m->numArrays > numTiles) {
    ipuOpEmitError(m->arrays[numTiles],
                   "the network needs %lld arrays but target '%s' has %lld "
                   "tiles (%lld chip(s) x %lld x %lld, one array each)",
                   (long long)m->numArrays, t->name, (long long)numTiles,
                   (long long)t->chips, (long long)t->gridCols,
                   (long long)t->gridRows);
    return false;
  }
  if (!readPins(m))
    return false;
  m->symbols = ipuSymbolTableCreate(m->module);
  if (!m->symbols)
    return false;
  intptr_t numBodies;
  bool oom;
  IpuBlock **bodies = ipuPlaceFunctionBodies(m->module, &numBodies, &oom);
  bool ok = !oom && placeModelBuildUnits(m, bodies, numBodies);
  ipuFree(m->ctx, bodies);
  if (!ok)
    return false;

  IpuPlaceProblem problem = {
      .chips = t->chips,
      .cols = t->gridCols,
      .rows = t->gridRows,
      .chipHopCost = ipuPassRunGetInt(run, "chip-hop-cost"),
      .numArrays = m->numArrays,
      .pins = m->pins,
      .numEdges = m->numEdges,
      .edges = m->edges,
  };
  PlaceSummary s;
  memset(&s, 0, sizeof s);
  s.seed = ipuPassRunGetInt(run, "seed");
  s.effort = ipuPassRunGetInt(run, "effort");
  int64_t *tileOf = ipuCalloc(m->ctx, (size_t)m->numArrays + 1,
                              sizeof(int64_t));
  ok = tileOf && ipuPlaceSolve(m->ctx, &problem, (uint64_t)s.seed, s.effort,
                               tileOf, &s.result);
  if (ok) {
    writeTiles(m, tileOf, &s.tilesUsed, &s.chipsUsed);
    s.ratioPpm = s.result.costGreedy
                     ? (int64_t)((double)s.result.cost * 1e6 /
                                     (double)s.result.costGreedy + 0.5)
                     : 1000000;
    ipuPassRunAddStatistic(run, "num-arrays", m->numArrays);
    ipuPassRunAddStatistic(run, "num-tiles-used", s.tilesUsed);
    ipuPassRunAddStatistic(run, "num-chips-used", s.chipsUsed);
    ipuPassRunAddStatistic(run, "cost-greedy", s.result.costGreedy);
    ipuPassRunAddStatistic(run, "cost", s.result.cost);
    ipuPassRunAddStatistic(run, "cost-ratio-ppm", s.ratioPpm);
    ipuPassRunAddStatistic(run, "num-windows-split", m->numWindowsSplit);
    const char *report = ipuPassRunGetString(run, "report");
    if (report && *report)
      ok = writeReport(m, tileOf, &s, report);
  }
  ipuFree(m->ctx, tileOf);
  return ok;
}

static IpuLogicalResult runPlace(IpuOp *module, IpuPassRun *run) {
  PlaceModel m;
  memset(&m, 0, sizeof m);
  m.ctx = ipuPassRunGetContext(run);
  m.module = module;
  ipuPtrMapInit(&m.arrayIndex, m.ctx);
  ipuPtrMapInit(&m.unitIndex, m.ctx);
  IpuBlock *body = ipuOpGetNumRegions(module)
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0))
                       : NULL;
  size_t errorsBefore = ipuContextGetNumErrors(m.ctx);
  bool ok = false;
  if (ipuPassRunGetInt(run, "effort") < 0 ||
      ipuPassRunGetInt(run, "chip-hop-cost") < 0)
    ipuOpEmitError(module, "place: 'effort' and 'chip-hop-cost' must be "
                           ">= 0");
  else if (!ipuModuleHasTarget(module))
    ipuOpEmitError(module, "place: the module has no target ('hw.target'); "
                           "attach one (e.g. hl-to-tile{target=NAME})");
  else if (body && ipuSucceeded(ipuModuleGetTarget(module, true, &m.target)))
    ok = place(&m, run, body);
  if (!ok && ipuContextGetNumErrors(m.ctx) == errorsBefore)
    ipuOpEmitError(module, "place: out of memory");
  placeModelFree(&m);
  return ok ? IPU_SUCCESS : IPU_FAILURE;
}

static const IpuPassOptionDef placeOptions[] = {
    {"seed", IPU_OPTION_INT, "1",
     "Seed of the annealer's random moves (same seed, same placement)",
     NULL},
    {"effort", IPU_OPTION_INT, "1",
     "Annealing effort: moves = effort x max(20000, 500 x arrays); 0: "
     "greedy only",
     NULL},
    {"chip-hop-cost", IPU_OPTION_INT, "100",
     "Hops charged for crossing the chip link between two chips", NULL},
    {"report", IPU_OPTION_STRING, NULL,
     "Write the placement (costs, every array's tile) as JSON to this file",
     NULL},
};

static const IpuPassStatisticDef placeStatistics[] = {
    {"num-arrays", "Number of arrays placed"},
    {"num-tiles-used", "Number of tiles holding an array or a unit"},
    {"num-chips-used", "Number of chips holding an array or a unit"},
    {"cost-greedy", "sum(bytes x hops) after the greedy start"},
    {"cost", "sum(bytes x hops) of the final placement"},
    {"cost-ratio-ppm", "Final cost / greedy cost (x 1e6)"},
    {"num-windows-split",
     "Windows ops copied so that each array computes its own"},
};

const IpuPassDef ipuPlacePass = {
    .argument = "place",
    .summary = "Place arrays on physical tiles minimising traffic x hops",
    .description =
        "Gives every tile.array a tile of the target's grid (one array a "
        "tile; chips beyond the first when one is not enough), written as "
        "`hw.tile = array<i64: chip, x, y>`, minimising the sum over the "
        "values crossing between places of bytes x hops (Manhattan "
        "distance; across chips through the ports (0, 0) plus "
        "chip-hop-cost; the host counts as the port of chip 0). Greedy "
        "start, then seeded simulated annealing. Arrays with `pin = [x, "
        "y]` or `[chip, x, y]` stay there. Every unit op gets the tile it "
        "runs on: an mvm its array's, a windows its first mvm user's, an "
        "accumulate its largest partial's producer's, a simd its first "
        "unit operand's producer's (else its first unit consumer's, else "
        "the port of chip 0). A join (a simd that is only a concat) "
        "stays on its pieces' tile when they all come from one, else goes "
        "to its first windows, mvm or accumulate consumer's tile (through "
        "simds), else the port. A windows op used by mvms on several "
        "arrays is copied, one per array. Needs the module's 'hw.target'.",
    .anchor = "builtin.module",
    .options = placeOptions,
    .numOptions = sizeof placeOptions / sizeof *placeOptions,
    .statistics = placeStatistics,
    .numStatistics = sizeof placeStatistics / sizeof *placeStatistics,
    .run = runPlace,
};
