/* route-noc, part 3: the JSON report: the statistics, the load of every
 * mesh link that carries anything, and every flow with its path. */
#include <stdio.h>

#include "route_noc.h"

static void writePlace(FILE *f, RnPlace p) {
  fprintf(f, "[%lld, %lld, %lld]", (long long)p.chip, (long long)p.x,
          (long long)p.y);
}

static void writeTile(FILE *f, const RnState *s, int64_t tile) {
  RnPlace p;
  rnTilePos(s, tile, &p.chip, &p.x, &p.y);
  writePlace(f, p);
}

bool rnWriteReport(RnState *s, const char *mode, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) {
    ipuOpEmitError(s->module, "route-noc: cannot write the report '%s'",
                   path);
    return false;
  }
  fprintf(f, "{\n  \"target\": ");
  ipuPlaceWriteJsonString(f, s->target.name);
  fprintf(f,
          ",\n  \"mode\": \"%s\",\n"
          "  \"link_capacity\": %lld,\n  \"num_routes\": %lld,\n"
          "  \"max_link_load\": %lld,\n  \"max_link_load_xy\": %lld,\n"
          "  \"total_byte_hops\": %lld,\n  \"iterations\": %lld,\n"
          "  \"num_overloaded_links\": %lld,\n"
          "  \"num_channels_split\": %lld,\n"
          "  \"num_channels_inserted\": %lld,\n  \"links\": [",
          mode, (long long)s->capacity,
          (long long)s->numFlows, (long long)s->maxLoad,
          (long long)s->maxLoadXY, (long long)s->totalByteHops,
          (long long)s->iterations, (long long)s->numOverloaded,
          (long long)s->numSplit, (long long)s->numInserted);
  bool first = true;
  for (int64_t l = 0; l < s->numLinks; ++l) {
    if (s->load[l] == 0)
      continue;
    fprintf(f, "%s\n    {\"from\": ", first ? "" : ",");
    writeTile(f, s, rnLinkFrom(l));
    fprintf(f, ", \"to\": ");
    writeTile(f, s, rnLinkTo(s, l));
    fprintf(f, ", \"load\": %lld}", (long long)s->load[l]);
    first = false;
  }
  fprintf(f, "%s],\n  \"flows\": [", first ? "" : "\n  ");
  for (int64_t i = 0; i < s->numFlows; ++i) {
    const RnFlow *fl = &s->flows[i];
    fprintf(f, "%s\n    {\"bytes\": %lld, \"from\": ", i ? "," : "",
            (long long)fl->bytes);
    writePlace(f, fl->src);
    fprintf(f, ", \"to\": ");
    writePlace(f, fl->dst);
    int64_t hops = 0;
    for (int k = 0; k < fl->numSegs; ++k)
      hops += fl->segs[k].numNodes - 1;
    fprintf(f, ", \"mesh_hops\": %lld}", (long long)hops);
  }
  fprintf(f, "%s]\n}\n", s->numFlows ? "\n  " : "");
  bool ok = !ferror(f);
  if (fclose(f) != 0)
    ok = false;
  if (!ok)
    ipuOpEmitError(s->module, "route-noc: cannot write the report '%s'",
                   path);
  return ok;
}
