/* ipu-compile's report: the statistics the pipeline's passes keep,
 * gathered per stage, and the emitted binary's figures, written as a short
 * text table or as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_report.h"

/* The statistics the report reads: pass, statistic, JSON key. */
typedef struct {
  const char *pass, *name, *key;
} StatDef;
static const StatDef kStats[] = {
    {"quantize", "num-quantized", "quantized_layers"},
    {"quantize", "num-wide-layers", "wide_layers"},
    {"hl-to-tile", "num-layers", "layers_on_arrays"},
    {"hl-to-tile", "num-simd-ops", "simd_ops"},
    {"hl-to-tile", "num-host-ops", "host_ops"},
    {"hl-to-tile", "num-blocks", "weight_blocks"},
    {"hl-to-tile", "num-arrays", "arrays"},
    {"hl-to-tile", "arrays-lower-bound", "arrays_lower_bound"},
    {"hl-to-tile", "array-utilization-ppm", "array_utilization_ppm"},
    {"place", "num-tiles-used", "tiles_used"},
    {"place", "cost-greedy", "placement_cost_greedy"},
    {"place", "cost", "placement_cost"},
    {"route-noc", "num-routes", "routes"},
    {"route-noc", "max-link-load", "max_link_load_bytes"},
    {"route-noc", "max-link-load-xy", "max_link_load_xy_bytes"},
    {"route-noc", "total-byte-hops", "total_byte_hops"},
    {"route-noc", "iterations", "routing_iterations"},
    {"plan-memory", "peak-bytes", "sram_peak_bytes"},
    {"plan-memory", "lower-bound-bytes", "sram_lower_bound_bytes"},
    {"plan-memory", "peak-ratio-ppm", "sram_peak_ratio_ppm"},
    {"plan-memory", "num-double-buffers", "double_buffers"},
};
enum { NUM_STATS = sizeof kStats / sizeof kStats[0], MAX_STAGES = 16 };

typedef struct {
  char title[64];
  double ms;
} Stage;

struct CompileReport {
  char input[1024], output[1024];
  IpuTarget target;
  Stage stages[MAX_STAGES];
  int numStages;
  int64_t stats[NUM_STATS];
  size_t binaryBytes;
  uint32_t tiles, instrs, kernels, routes;
  uint64_t weightBytes;
};

CompileReport *compileReportCreate(const char *input, const char *output) {
  CompileReport *r = calloc(1, sizeof *r);
  if (r) {
    snprintf(r->input, sizeof r->input, "%s", input ? input : "");
    snprintf(r->output, sizeof r->output, "%s", output ? output : "");
  }
  return r;
}

void compileReportDestroy(CompileReport *r) { free(r); }

void compileReportSetTarget(CompileReport *r, const IpuTarget *t) {
  r->target = *t;
}

void compileReportAddStage(CompileReport *r, const char *title, double ms,
                           const IpuPassManager *pm) {
  if (r->numStages < MAX_STAGES) {
    Stage *s = &r->stages[r->numStages++];
    snprintf(s->title, sizeof s->title, "%s", title);
    s->ms = ms;
  }
  if (!pm)
    return;
  /* A statistic the stage's passes never touched reads 0. */
  for (int i = 0; i < NUM_STATS; ++i)
    r->stats[i] += ipuPassManagerGetStatistic(pm, kStats[i].pass,
                                              kStats[i].name);
}

void compileReportSetBinary(CompileReport *r, const IpubModule *m,
                            size_t bytes) {
  r->binaryBytes = bytes;
  r->tiles = m->numTiles;
  r->kernels = m->numKernels;
  r->routes = m->numRoutes;
  r->instrs = m->host.numInstrs;
  r->weightBytes = 0;
  for (uint32_t t = 0; t < m->numTiles; ++t) {
    r->instrs += m->tiles[t].numInstrs;
    for (uint32_t b = 0; b < m->tiles[t].numBlocks; ++b)
      r->weightBytes +=
          (uint64_t)m->tiles[t].blocks[b].k * m->tiles[t].blocks[b].n;
  }
}

static int64_t stat(const CompileReport *r, const char *name) {
  for (int i = 0; i < NUM_STATS; ++i)
    if (!strcmp(kStats[i].name, name))
      return r->stats[i];
  return 0;
}

static double totalMs(const CompileReport *r) {
  double t = 0;
  for (int i = 0; i < r->numStages; ++i)
    t += r->stages[i].ms;
  return t;
}

char *compileReportText(IpuContext *ctx, const CompileReport *r) {
  IpuStrBuf b = {.ctx = ctx};
  const IpuTarget *t = &r->target;
  ipuStrBufPrintf(&b, "Compile report: %s -> %s\n", r->input, r->output);
  ipuStrBufPrintf(&b,
                      "  target      %s: %lld chip(s) x %lld x %lld tiles, "
                      "%lld x %lld arrays, %lld KiB SRAM per tile\n",
                      t->name, (long long)t->chips, (long long)t->gridCols,
                      (long long)t->gridRows, (long long)t->arrayRows,
                      (long long)t->arrayCols,
                      (long long)(t->sramBytesPerTile / 1024));
  if (stat(r, "num-layers") || stat(r, "num-quantized"))
    ipuStrBufPrintf(
        &b,
        "  quantize    %lld layers int8, %lld of them with 16-bit inputs\n"
        "  tiles       %lld layers on arrays (%lld weight blocks), %lld hl "
        "ops on SIMD units, %lld on the host\n"
        "  arrays      %lld used, lower bound %lld, cell utilization %.1f%%\n",
        (long long)stat(r, "num-quantized"),
        (long long)stat(r, "num-wide-layers"),
        (long long)stat(r, "num-layers"), (long long)stat(r, "num-blocks"),
        (long long)stat(r, "num-simd-ops"), (long long)stat(r, "num-host-ops"),
        (long long)stat(r, "num-arrays"),
        (long long)stat(r, "arrays-lower-bound"),
        (double)stat(r, "array-utilization-ppm") / 1e4);
  if (stat(r, "num-tiles-used"))
    ipuStrBufPrintf(&b,
                        "  placement   %lld tiles used, traffic x hops %lld "
                        "byte-hops (greedy start %lld)\n",
                        (long long)stat(r, "num-tiles-used"),
                        (long long)stat(r, "cost"),
                        (long long)stat(r, "cost-greedy"));
  ipuStrBufPrintf(&b,
                      "  routes      %lld over the NoC and links, max link "
                      "load %lld bytes/inference (dimension-ordered: %lld), "
                      "%lld byte-hops, %lld iterations\n",
                      (long long)stat(r, "num-routes"),
                      (long long)stat(r, "max-link-load"),
                      (long long)stat(r, "max-link-load-xy"),
                      (long long)stat(r, "total-byte-hops"),
                      (long long)stat(r, "iterations"));
  ipuStrBufPrintf(&b,
                      "  memory      SRAM peak %lld bytes on the fullest "
                      "tile, lower bound %lld, plan/bound %.3f, %lld double "
                      "buffers\n",
                      (long long)stat(r, "peak-bytes"),
                      (long long)stat(r, "lower-bound-bytes"),
                      (double)stat(r, "peak-ratio-ppm") / 1e6,
                      (long long)stat(r, "num-double-buffers"));
  ipuStrBufPrintf(&b,
                      "  binary      %zu bytes: %u tiles, %u instructions, %u "
                      "kernels, %u routes, %llu weight bytes\n",
                      r->binaryBytes, r->tiles, r->instrs, r->kernels,
                      r->routes, (unsigned long long)r->weightBytes);
  ipuStrBufPrintf(&b, "  time       ");
  for (int i = 0; i < r->numStages; ++i)
    ipuStrBufPrintf(&b, " %s %.1f ms%s", r->stages[i].title,
                        r->stages[i].ms, i + 1 < r->numStages ? "," : "");
  ipuStrBufPrintf(&b, "; total %.1f ms\n", totalMs(r));
  return ipuStrBufTake(&b);
}

char *compileReportJson(IpuContext *ctx, const CompileReport *r) {
  IpuStrBuf b = {.ctx = ctx};
  ipuStrBufAppend(&b, "{\"input\": ", 10);
  ipuStrBufAppendJsonString(&b, r->input);
  ipuStrBufAppend(&b, ", \"output\": ", 12);
  ipuStrBufAppendJsonString(&b, r->output);
  ipuStrBufAppend(&b, ", \"target\": ", 12);
  ipuStrBufAppendJsonString(&b, r->target.name);
  for (int i = 0; i < NUM_STATS; ++i)
    ipuStrBufPrintf(&b, ", \"%s\": %lld", kStats[i].key,
                        (long long)r->stats[i]);
  ipuStrBufPrintf(&b,
                      ", \"binary_bytes\": %zu, \"binary_tiles\": %u, "
                      "\"instructions\": %u, \"kernels\": %u, "
                      "\"binary_routes\": %u, \"weight_bytes\": %llu, "
                      "\"stages\": [",
                      r->binaryBytes, r->tiles, r->instrs, r->kernels,
                      r->routes, (unsigned long long)r->weightBytes);
  for (int i = 0; i < r->numStages; ++i) {
    ipuStrBufAppend(&b, i ? ", {\"name\": " : "{\"name\": ",
                        i ? 11 : 9);
    ipuStrBufAppendJsonString(&b, r->stages[i].title);
    ipuStrBufPrintf(&b, ", \"ms\": %.3f}", r->stages[i].ms);
  }
  ipuStrBufPrintf(&b, "], \"total_ms\": %.3f}\n", totalMs(r));
  return ipuStrBufTake(&b);
}
