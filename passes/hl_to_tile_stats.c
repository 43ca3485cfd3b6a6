/* hl-to-tile, part 4: the packing statistics (arrays used against the
 * lower bound, utilization, MACs per array) and the JSON report. A block
 * that several layers share counts its weights once and the MACs of all
 * its uses. */
#include <stdio.h>

#include "hl_to_tile.h"

void htComputeStats(const HtState *st, HtStats *out) {
  int64_t cells = st->target.arrayRows * st->target.arrayCols;
  int64_t weightCells = 0, macsTotal = 0, macsMax = 0;
  for (intptr_t i = 0; i < st->numBlocks; ++i)
    weightCells += st->blocks[i].rows * st->blocks[i].cols;
  out->weightCells = weightCells;
  out->numArrays = st->numArrays;
  /* Every cell holds one weight of the target's weight bits, so the bound
   * ceil(weight bits / array bits) counts cells. */
  out->lowerBound = cells ? (weightCells + cells - 1) / cells : 0;
  out->ratioPpm = out->lowerBound
                      ? (int64_t)((double)st->numArrays * 1e6 /
                                  (double)out->lowerBound + 0.5)
                      : 0;
  out->utilizationPpm =
      st->numArrays ? (int64_t)((double)weightCells * 1e6 /
                                ((double)st->numArrays * (double)cells) + 0.5)
                    : 0;
  int64_t *macs = ipuCalloc(st->ctx, (size_t)st->numArrays + 1,
                            sizeof *macs);
  for (intptr_t i = 0; macs && i < st->numBlocks; ++i)
    macs[st->blocks[i].array] += st->blocks[i].macs;
  for (int64_t a = 0; macs && a < st->numArrays; ++a) {
    macsTotal += macs[a];
    if (macs[a] > macsMax)
      macsMax = macs[a];
  }
  ipuFree(st->ctx, macs);
  out->macsMax = macsMax;
  out->macsMean = st->numArrays ? macsTotal / st->numArrays : 0;
}

bool htWriteReport(const HtState *st, const HtStats *s, const char *path,
                   IpuOp *module) {
  FILE *f = fopen(path, "w");
  if (!f) {
    ipuOpEmitError(module, "hl-to-tile: cannot write the report '%s'", path);
    return false;
  }
  const IpuTarget *t = &st->target;
  fprintf(f,
          "{\n  \"target\": \"%s\",\n  \"array_rows\": %lld,\n"
          "  \"array_cols\": %lld,\n  \"num_layers\": %lld,\n"
          "  \"num_blocks\": %lld,\n  \"weight_cells\": %lld,\n"
          "  \"num_arrays\": %lld,\n  \"lower_bound\": %lld,\n"
          "  \"ratio\": %.6f,\n  \"utilization\": %.6f,\n"
          "  \"arrays_on_chip\": %lld,\n  \"fits\": %s,\n"
          "  \"macs_per_array_max\": %lld,\n  \"macs_per_array_mean\": %lld,\n"
          "  \"num_simd_ops\": %lld,\n  \"num_host_ops\": %lld,\n"
          "  \"num_channels\": %lld,\n  \"num_layer_parts\": %lld,\n"
          "  \"num_group_packs\": %lld,\n"
          "  \"num_split_layers\": %lld,\n  \"num_split_parts\": %lld,\n"
          "  \"num_banded_layers\": %lld,\n  \"num_row_bands\": %lld,\n"
          "  \"num_latency_bands\": %lld,\n"
          "  \"arrays\": [",
          t->name, (long long)t->arrayRows, (long long)t->arrayCols,
          (long long)st->numLayers, (long long)st->numBlocks,
          (long long)s->weightCells, (long long)s->numArrays,
          (long long)s->lowerBound, s->ratioPpm / 1e6,
          s->utilizationPpm / 1e6, (long long)(t->gridRows * t->gridCols *
                                               t->chips),
          s->numArrays <= t->gridRows * t->gridCols * t->chips ? "true"
                                                               : "false",
          (long long)s->macsMax, (long long)s->macsMean,
          (long long)st->numSimdOps, (long long)st->numHostOps,
          (long long)st->numChannels, (long long)st->numParts,
          (long long)st->numGroupPacks,
          (long long)st->numSplitLayers, (long long)st->numSplitParts,
          (long long)st->numBandedLayers, (long long)st->numBands,
          (long long)st->numLatencyBands);
  for (int64_t a = 0; a < st->numArrays; ++a) {
    fprintf(f, "%s\n    {\"name\": \"a%lld\", \"blocks\": [", a ? "," : "",
            (long long)a);
    bool first = true;
    for (intptr_t i = 0; i < st->numBlocks; ++i) {
      const HtBlock *b = &st->blocks[i];
      if (b->array != a)
        continue;
      fprintf(f,
              "%s{\"name\": \"%s\", \"row\": %lld, \"col\": %lld, "
              "\"rows\": %lld, \"cols\": %lld, \"uses\": %lld}",
              first ? "" : ", ", b->name, (long long)b->row,
              (long long)b->col, (long long)b->rows, (long long)b->cols,
              (long long)b->numMvms);
      first = false;
    }
    fprintf(f, "]}");
  }
  fprintf(f, "\n  ]\n}\n");
  bool ok = !ferror(f);
  if (fclose(f) != 0)
    ok = false;
  if (!ok)
    ipuOpEmitError(module, "hl-to-tile: cannot write the report '%s'", path);
  return ok;
}
