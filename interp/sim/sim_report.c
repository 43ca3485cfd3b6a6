/* The simulator's report: headline figures, per tile unit utilization, link
 * loads, energy per event kind and per layer (debug location), as text for
 * people and as JSON for scripts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

const char *const simEnergyKindNames[SIM_E_KINDS] = {
    "analog_mac", "sram_byte", "noc_byte_hop",
    "chip_link_byte", "host_link_byte", "simd_op"};

typedef struct {
  int32_t chip, x, y;
  bool host;
  uint64_t arrayCycles, simdCycles, controlCycles, macs;
} TileStat;

typedef struct {
  char name[48];
  uint64_t bytes, busyCycles;
} LinkStat;

typedef struct {
  char *name;
  double energyPj;
  uint64_t macs, simdOps;
} LayerStat;

struct IpuSimReport {
  char target[64];
  double clockHz;
  int64_t inferences;
  IpuSimSummary summary;
  double effectiveTops;
  double energy[SIM_E_KINDS];
  uint32_t numTiles; /* the host last */
  TileStat *tiles;
  uint32_t numLinks;
  LinkStat *links;
  uint32_t numLayers;
  LayerStat *layers;
};

/* Whether link i leads somewhere: mesh links off the grid's edge do not
 * exist, nor chip links on a one-chip target. */
static bool linkExists(const Sim *s, uint32_t i) {
  const IpuTarget *t = s->t;
  uint64_t mesh = (uint64_t)(t->chips * t->gridRows * t->gridCols * 4);
  if (i >= mesh)
    return i >= mesh + 2 * (uint64_t)t->chips || t->chips > 1;
  int dir = (int)(i % 4);
  int64_t cell = i / 4, x = cell % t->gridCols,
          y = (cell / t->gridCols) % t->gridRows;
  x += dir == 0 ? 1 : dir == 1 ? -1 : 0;
  y += dir == 2 ? 1 : dir == 3 ? -1 : 0;
  return x >= 0 && x < t->gridCols && y >= 0 && y < t->gridRows;
}

static void summarize(Sim *s, IpuSimReport *r) {
  int64_t n = s->opts.inferences;
  uint64_t last = 0;
  for (int64_t i = 0; i < n; ++i)
    if (s->finishAt[i] > last)
      last = s->finishAt[i];
  IpuSimSummary *sum = &r->summary;
  sum->latencyCycles = s->finishAt[0];
  sum->latencySeconds = (double)s->finishAt[0] / s->t->clockHz;
  sum->totalCycles = last;
  if (n > 1 && last > s->finishAt[0])
    sum->inferencesPerSecond =
        (double)(n - 1) * s->t->clockHz / (double)(last - s->finishAt[0]);
  else
    sum->inferencesPerSecond =
        s->finishAt[0] ? s->t->clockHz / (double)s->finishAt[0] : 0;
  for (int k = 0; k < SIM_E_KINDS; ++k) {
    r->energy[k] = s->energy[k];
    sum->energyPj += s->energy[k];
  }
  for (uint32_t o = 0; o < s->numOwners; ++o)
    sum->macs += s->owners[o].macs;
  r->effectiveTops = 2.0 * (double)sum->macs * sum->inferencesPerSecond / 1e12;
}

static const char *layerName(const Sim *s, uint32_t i) {
  return i < s->m->numDebugLocs && s->m->debugLocs[i] ? s->m->debugLocs[i]
                                                      : "(no location)";
}

typedef struct {
  const Sim *sim;
  uint32_t index;
} LayerRef;

static int byLayerName(const void *a, const void *b) {
  const LayerRef *x = a, *y = b;
  int c = strcmp(layerName(x->sim, x->index), layerName(y->sim, y->index));
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* One entry per distinct debug location string (the table may repeat
 * one), in the order of their first index. */
static bool buildLayers(Sim *s, IpuSimReport *r) {
  LayerRef *refs = ipuAlloc(s->ctx, s->numLayers * sizeof *refs);
  if (!refs)
    return false;
  for (uint32_t i = 0; i < s->numLayers; ++i)
    refs[i] = (LayerRef){s, i};
  qsort(refs, s->numLayers, sizeof *refs, byLayerName);
  bool ok = true;
  for (uint32_t i = 0; ok && i < s->numLayers; ++i) {
    const char *name = layerName(s, refs[i].index);
    const SimLayer *src = &s->layers[refs[i].index];
    LayerStat *l = r->numLayers ? &r->layers[r->numLayers - 1] : NULL;
    if (!l || strcmp(l->name, name)) {
      l = &r->layers[r->numLayers++];
      ok = (l->name = ipuStrDup(s->ctx, ipuStringRefFromCString(name)));
    }
    if (ok) {
      l->energyPj += src->energyPj;
      l->macs += src->macs;
      l->simdOps += src->simdOps;
    }
  }
  ipuFree(s->ctx, refs);
  return ok;
}

IpuSimReport *simBuildReport(Sim *s) {
  IpuContext *ctx = s->ctx;
  IpuSimReport *r = ipuCalloc(ctx, 1, sizeof *r);
  if (!r)
    return NULL;
  snprintf(r->target, sizeof r->target, "%s", s->t->name);
  r->clockHz = s->t->clockHz;
  r->inferences = s->opts.inferences;
  summarize(s, r);
  r->tiles = ipuCalloc(ctx, s->numOwners, sizeof *r->tiles);
  r->links = ipuCalloc(ctx, s->numLinks, sizeof *r->links);
  r->layers = ipuCalloc(ctx, s->numLayers, sizeof *r->layers);
  if (!r->tiles || !r->links || !r->layers) {
    ipuSimReportFree(ctx, r);
    return NULL;
  }
  for (uint32_t o = 0; o < s->numOwners; ++o) {
    const SimOwner *ow = &s->owners[o];
    TileStat *t = &r->tiles[r->numTiles++];
    t->host = ow->isHost;
    t->chip = ow->isHost ? IPUB_HOST_CHIP : ow->tile->chip;
    t->x = ow->tile->x;
    t->y = ow->tile->y;
    t->arrayCycles = ow->arrayBusy;
    t->simdCycles = ow->simdBusy;
    t->controlCycles = ow->controlBusy;
    t->macs = ow->macs;
  }
  for (uint32_t i = 0; i < s->numLinks; ++i) {
    if (!linkExists(s, i))
      continue;
    LinkStat *l = &r->links[r->numLinks++];
    memcpy(l->name, s->links[i].name, sizeof l->name);
    l->bytes = s->links[i].bytes;
    l->busyCycles = s->links[i].busyCycles;
  }
  if (!buildLayers(s, r)) {
    ipuSimReportFree(ctx, r);
    return NULL;
  }
  return r;
}

void ipuSimReportSummary(const IpuSimReport *r, IpuSimSummary *s) {
  *s = r->summary;
}

void ipuSimReportFree(IpuContext *ctx, IpuSimReport *r) {
  if (!r)
    return;
  for (uint32_t i = 0; r->layers && i < r->numLayers; ++i)
    ipuFree(ctx, r->layers[i].name);
  ipuFree(ctx, r->tiles);
  ipuFree(ctx, r->links);
  ipuFree(ctx, r->layers);
  ipuFree(ctx, r);
}

/* ---- Text building (into an IpuStrBuf). ---------------------------- */

static double frac(uint64_t part, uint64_t whole) {
  return whole ? (double)part / (double)whole : 0;
}

/* An energy in pJ with a readable unit. */
static void putEnergy(IpuStrBuf *o, double pj) {
  static const char *const units[] = {"pJ", "nJ", "uJ", "mJ", "J"};
  int u = 0;
  while (fabs(pj) >= 1000 && u < 4)
    pj /= 1000, ++u;
  ipuStrBufPrintf(o, "%8.3f %s", pj, units[u]);
}

static void putSeconds(IpuStrBuf *o, double sec) {
  if (sec >= 1)
    ipuStrBufPrintf(o, "%.3f s", sec);
  else if (sec >= 1e-3)
    ipuStrBufPrintf(o, "%.3f ms", sec * 1e3);
  else
    ipuStrBufPrintf(o, "%.3f us", sec * 1e6);
}

static int byBytesDesc(const void *a, const void *b) {
  const LinkStat *x = *(const LinkStat *const *)a;
  const LinkStat *y = *(const LinkStat *const *)b;
  if (x->bytes != y->bytes)
    return x->bytes < y->bytes ? 1 : -1;
  return x < y ? -1 : x > y;
}

static int byEnergyDesc(const void *a, const void *b) {
  const LayerStat *x = *(const LayerStat *const *)a;
  const LayerStat *y = *(const LayerStat *const *)b;
  if (x->energyPj != y->energyPj)
    return x->energyPj < y->energyPj ? 1 : -1;
  return x < y ? -1 : x > y;
}

#define TOP_LINKS 10
#define TOP_LAYERS 20

static void textTiles(IpuStrBuf *o, const IpuSimReport *r) {
  uint64_t total = r->summary.totalCycles;
  ipuStrBufPrintf(o, "\nTiles (busy cycles over the run, utilization):\n");
  ipuStrBufPrintf(o, "  %-14s %22s %22s %22s\n", "tile", "array", "SIMD (host: CPU)",
      "control");
  for (uint32_t i = 0; i < r->numTiles; ++i) {
    const TileStat *t = &r->tiles[i];
    char name[48];
    if (t->host)
      snprintf(name, sizeof name, "host");
    else
      snprintf(name, sizeof name, "(%d, %d, %d)", (int)t->chip, (int)t->x,
               (int)t->y);
    ipuStrBufPrintf(o, "  %-14s %14llu %6.1f%% %14llu %6.1f%% %14llu %6.1f%%\n", name,
        (unsigned long long)t->arrayCycles, 100 * frac(t->arrayCycles, total),
        (unsigned long long)t->simdCycles, 100 * frac(t->simdCycles, total),
        (unsigned long long)t->controlCycles,
        100 * frac(t->controlCycles, total));
  }
}

static void textLinks(IpuStrBuf *o, const IpuSimReport *r) {
  const LinkStat **sorted = ipuAlloc(o->ctx, (r->numLinks + 1) *
                                                 sizeof *sorted);
  if (!sorted) {
    o->failed = true;
    return;
  }
  uint32_t used = 0;
  for (uint32_t i = 0; i < r->numLinks; ++i)
    if (r->links[i].bytes)
      sorted[used++] = &r->links[i];
  qsort(sorted, used, sizeof *sorted, byBytesDesc);
  ipuStrBufPrintf(o, "\nLinks (%u carry data; the busiest, bytes per inference):\n",
      used);
  for (uint32_t i = 0; i < used && i < TOP_LINKS; ++i)
    ipuStrBufPrintf(o, "  %-28s %12llu B  busy %5.1f%%\n", sorted[i]->name,
        (unsigned long long)sorted[i]->bytes,
        100 * frac(sorted[i]->busyCycles, r->summary.totalCycles));
  ipuFree(o->ctx, sorted);
}

/* A layer's location as a reader wants it in a table: the names of its
 * name locations (the ONNX nodes fused into it) joined by " + ", e.g.
 * `Conv.43 + BatchNormalization.29` for
 * `loc(fused["Conv.43"("m.onnx":0:0), "BatchNormalization.29"(...)])`;
 * a location without names as it is. */
static void putLayerName(IpuStrBuf *o, const char *loc) {
  bool any = false;
  for (const char *p = loc; *p; ++p) {
    if (*p != '"')
      continue;
    const char *begin = ++p;
    while (*p && *p != '"')
      p += p[0] == '\\' && p[1] ? 2 : 1;
    if (!*p)
      break;
    if (p[1] == '(') {
      ipuStrBufPrintf(o, "%s%.*s", any ? " + " : "", (int)(p - begin), begin);
      any = true;
    }
  }
  if (!any)
    ipuStrBufPrintf(o, "%s", loc);
}

static void textLayers(IpuStrBuf *o, const IpuSimReport *r) {
  const LayerStat **sorted = ipuAlloc(o->ctx, (r->numLayers + 1) *
                                                  sizeof *sorted);
  if (!sorted) {
    o->failed = true;
    return;
  }
  uint32_t used = 0;
  for (uint32_t i = 0; i < r->numLayers; ++i)
    if (r->layers[i].energyPj > 0 || r->layers[i].macs)
      sorted[used++] = &r->layers[i];
  qsort(sorted, used, sizeof *sorted, byEnergyDesc);
  ipuStrBufPrintf(o, "\nEnergy per layer (per inference; %u layers, the largest):\n",
      used);
  for (uint32_t i = 0; i < used && i < TOP_LAYERS; ++i) {
    ipuStrBufPrintf(o, "  ");
    putEnergy(o, sorted[i]->energyPj);
    ipuStrBufPrintf(o, "  %12llu MACs  ", (unsigned long long)sorted[i]->macs);
    putLayerName(o, sorted[i]->name);
    ipuStrBufPrintf(o, "\n");
  }
  ipuFree(o->ctx, sorted);
}

char *ipuSimReportText(IpuContext *ctx, const IpuSimReport *r) {
  IpuStrBuf o = {.ctx = ctx};
  const IpuSimSummary *s = &r->summary;
  ipuStrBufPrintf(&o, "IPU simulation on target '%s': %lld inference(s)\n", r->target,
      (long long)r->inferences);
  ipuStrBufPrintf(&o, "  latency     ");
  putSeconds(&o, s->latencySeconds);
  ipuStrBufPrintf(&o, " (%llu cycles)\n", (unsigned long long)s->latencyCycles);
  ipuStrBufPrintf(&o, "  throughput  %.1f inferences/s\n", s->inferencesPerSecond);
  ipuStrBufPrintf(&o, "  run         %llu cycles at %.0f MHz\n",
      (unsigned long long)s->totalCycles, r->clockHz / 1e6);
  ipuStrBufPrintf(&o, "  MACs        %llu per inference (effective %.3g TOPS)\n",
      (unsigned long long)s->macs, r->effectiveTops);
  ipuStrBufPrintf(&o, "  energy    ");
  putEnergy(&o, s->energyPj);
  ipuStrBufPrintf(&o, " per inference\n\nEnergy per event kind (per inference):\n");
  for (int k = 0; k < SIM_E_KINDS; ++k) {
    ipuStrBufPrintf(&o, "  %-16s", simEnergyKindNames[k]);
    putEnergy(&o, r->energy[k]);
    ipuStrBufPrintf(&o, "  %5.1f%%\n",
        s->energyPj > 0 ? 100 * r->energy[k] / s->energyPj : 0.0);
  }
  textTiles(&o, r);
  textLinks(&o, r);
  textLayers(&o, r);
  return ipuStrBufTake(&o);
}

/* ---- JSON. ------------------------------------------------------------- */

static void jsonNumber(IpuStrBuf *o, double v) {
  ipuStrBufPrintf(o, "%.9g", isfinite(v) ? v : 0.0);
}

char *ipuSimReportJson(IpuContext *ctx, const IpuSimReport *r) {
  IpuStrBuf o = {.ctx = ctx};
  const IpuSimSummary *s = &r->summary;
  uint64_t total = s->totalCycles;
  ipuStrBufPrintf(&o, "{\n  \"target\": ");
  ipuStrBufAppendJsonString(&o, r->target);
  ipuStrBufPrintf(&o, ",\n  \"clock_hz\": ");
  jsonNumber(&o, r->clockHz);
  ipuStrBufPrintf(&o, ",\n  \"inferences\": %lld,\n  \"latency_seconds\": ",
      (long long)r->inferences);
  jsonNumber(&o, s->latencySeconds);
  ipuStrBufPrintf(&o, ",\n  \"latency_cycles\": %llu,\n  \"inferences_per_second\": ",
      (unsigned long long)s->latencyCycles);
  jsonNumber(&o, s->inferencesPerSecond);
  ipuStrBufPrintf(&o, ",\n  \"total_cycles\": %llu,\n  \"macs\": %llu,\n"
      "  \"effective_tops\": ", (unsigned long long)total,
      (unsigned long long)s->macs);
  jsonNumber(&o, r->effectiveTops);
  ipuStrBufPrintf(&o, ",\n  \"energy_pj\": ");
  jsonNumber(&o, s->energyPj);
  ipuStrBufPrintf(&o, ",\n  \"energy_by_kind_pj\": {");
  for (int k = 0; k < SIM_E_KINDS; ++k) {
    ipuStrBufPrintf(&o, "%s\"%s\": ", k ? ", " : "", simEnergyKindNames[k]);
    jsonNumber(&o, r->energy[k]);
  }
  ipuStrBufPrintf(&o, "},\n  \"tiles\": [");
  for (uint32_t i = 0; i < r->numTiles; ++i) {
    const TileStat *t = &r->tiles[i];
    ipuStrBufPrintf(&o, "%s\n    {\"host\": %s, \"chip\": %d, \"x\": %d, \"y\": %d, "
        "\"macs\": %llu, \"array_cycles\": %llu, \"simd_cycles\": %llu, "
        "\"control_cycles\": %llu, \"array_utilization\": ", i ? "," : "",
        t->host ? "true" : "false", (int)t->chip, (int)t->x, (int)t->y,
        (unsigned long long)t->macs, (unsigned long long)t->arrayCycles,
        (unsigned long long)t->simdCycles,
        (unsigned long long)t->controlCycles);
    jsonNumber(&o, frac(t->arrayCycles, total));
    ipuStrBufPrintf(&o, ", \"simd_utilization\": ");
    jsonNumber(&o, frac(t->simdCycles, total));
    ipuStrBufPrintf(&o, ", \"control_utilization\": ");
    jsonNumber(&o, frac(t->controlCycles, total));
    ipuStrBufPrintf(&o, "}");
  }
  ipuStrBufPrintf(&o, "\n  ],\n  \"links\": [");
  for (uint32_t i = 0; i < r->numLinks; ++i) {
    const LinkStat *l = &r->links[i];
    ipuStrBufPrintf(&o, "%s\n    {\"name\": ", i ? "," : "");
    ipuStrBufAppendJsonString(&o, l->name);
    ipuStrBufPrintf(&o, ", \"bytes\": %llu, \"busy_cycles\": %llu, \"busy_fraction\": ",
        (unsigned long long)l->bytes, (unsigned long long)l->busyCycles);
    jsonNumber(&o, frac(l->busyCycles, total));
    ipuStrBufPrintf(&o, "}");
  }
  ipuStrBufPrintf(&o, "\n  ],\n  \"layers\": [");
  for (uint32_t i = 0; i < r->numLayers; ++i) {
    const LayerStat *l = &r->layers[i];
    ipuStrBufPrintf(&o, "%s\n    {\"name\": ", i ? "," : "");
    ipuStrBufAppendJsonString(&o, l->name);
    ipuStrBufPrintf(&o, ", \"energy_pj\": ");
    jsonNumber(&o, l->energyPj);
    ipuStrBufPrintf(&o, ", \"macs\": %llu, \"simd_ops\": %llu}",
        (unsigned long long)l->macs, (unsigned long long)l->simdOps);
  }
  ipuStrBufPrintf(&o, "\n  ]\n}\n");
  return ipuStrBufTake(&o);
}
