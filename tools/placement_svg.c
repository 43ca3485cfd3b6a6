/* Draws a binary's placement and routes as SVG: one rectangle per tile of
 * every chip, filled with the colour of the layer doing most of its
 * multiply-accumulates (a legend names the layers), and one line per
 * directed NoC link, wider and redder with the bytes it carries per
 * inference; hovering shows the figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement_svg.h"

enum { CELL = 64, GAP = 24, MARGIN = 40, HOST_W = 70, LEGEND_W = 300 };

/* A layer's name from a printed location: loc("conv1") -> conv1,
 * loc("f.onnx":1:2) -> f.onnx:1:2, fused locations -> their first name. */
static void layerName(const char *loc, char *out, size_t size) {
  size_t n = 0;
  const char *p = loc ? strchr(loc, '"') : NULL;
  if (!p) {
    snprintf(out, size, "%s", loc ? loc : "?");
    return;
  }
  for (++p; *p && *p != '"' && n + 1 < size; ++p)
    out[n++] = *p;
  out[n] = 0;
}

/* XML text escaping for names that come from the model. */
static void escaped(IpuStrBuf *b, const char *s) {
  for (; *s; ++s) {
    switch (*s) {
    case '<': ipuStrBufAppend(b, "&lt;", 4); break;
    case '>': ipuStrBufAppend(b, "&gt;", 4); break;
    case '&': ipuStrBufAppend(b, "&amp;", 5); break;
    case '"': ipuStrBufAppend(b, "&quot;", 6); break;
    default: ipuStrBufAppend(b, s, 1);
    }
  }
}

static void colourOf(int layer, char *out, size_t size) {
  double hue = fmod(layer * 137.508, 360.0);
  snprintf(out, size, "hsl(%.0f,65%%,%d%%)", hue, 62 + (layer % 3) * 8);
}

/* Per tile: the layer with the most MACs (-1: none), MACs, SRAM top. */
typedef struct {
  int layer;
  uint64_t macs, sramTop;
} TileInfo;

typedef struct {
  char (*names)[96];
  int count;
} Layers;

static int layerIndex(Layers *l, const char *name) {
  for (int i = 0; i < l->count; ++i)
    if (!strcmp(l->names[i], name))
      return i;
  snprintf(l->names[l->count], sizeof l->names[0], "%s", name);
  return l->count++;
}

static uint64_t instrMacs(const IpubTile *t, const IpubInstr *in) {
  if (in->opcode != IPUB_OP_MVM || in->block >= t->numBlocks ||
      !in->numDsts || in->dsts[0] >= t->numBuffers)
    return 0;
  const IpubBuffer *dst = &t->buffers[in->dsts[0]];
  uint64_t rows = dst->rank ? (uint64_t)dst->shape[0] : 1;
  return rows * t->blocks[in->block].k * t->blocks[in->block].n *
         (in->inputSlices ? in->inputSlices : 1);
}

/* Fills info[t] for every tile; layer names into *layers. */
static bool summarise(const IpubModule *m, TileInfo *info, Layers *layers) {
  uint32_t maxInstrs = 0;
  for (uint32_t t = 0; t < m->numTiles; ++t)
    if (m->tiles[t].numInstrs > maxInstrs)
      maxInstrs = m->tiles[t].numInstrs;
  int *layerOf = calloc(maxInstrs + 1, sizeof *layerOf);
  uint64_t *macs = calloc(maxInstrs + 1, sizeof *macs);
  if (!layerOf || !macs) {
    free(layerOf);
    free(macs);
    return false;
  }
  for (uint32_t t = 0; t < m->numTiles; ++t) {
    const IpubTile *tile = &m->tiles[t];
    info[t].layer = -1;
    for (uint32_t b = 0; b < tile->numBuffers; ++b) {
      const IpubBuffer *buf = &tile->buffers[b];
      uint64_t top = buf->offset + buf->bytes * buf->slots;
      if (top > info[t].sramTop)
        info[t].sramTop = top;
    }
    /* MACs per layer on this tile, layers numbered globally. */
    memset(macs, 0, sizeof *macs * (maxInstrs + 1));
    for (uint32_t i = 0; i < tile->numInstrs; ++i) {
      const IpubInstr *in = &tile->instrs[i];
      uint64_t n = instrMacs(tile, in);
      if (!n)
        continue;
      char name[96];
      layerName(in->debugLoc < m->numDebugLocs ? m->debugLocs[in->debugLoc]
                                               : NULL,
                name, sizeof name);
      int l = layerIndex(layers, name);
      layerOf[i] = l;
      macs[i] = n;
      info[t].macs += n;
    }
    uint64_t best = 0;
    for (uint32_t i = 0; i < tile->numInstrs; ++i) {
      if (!macs[i])
        continue;
      uint64_t sum = 0;
      for (uint32_t j = 0; j < tile->numInstrs; ++j)
        if (macs[j] && layerOf[j] == layerOf[i])
          sum += macs[j];
      if (sum > best) {
        best = sum;
        info[t].layer = layerOf[i];
      }
    }
  }
  free(layerOf);
  free(macs);
  return true;
}

/* Pixel centre of tile (chip, x, y). */
static void centre(const IpuTarget *t, int chip, int x, int y, double *px,
                   double *py) {
  double chipH = (double)t->gridRows * (CELL + GAP) + GAP;
  *px = MARGIN + HOST_W + GAP + x * (CELL + GAP) + CELL / 2.0;
  *py = MARGIN + 30 + chip * chipH + y * (CELL + GAP) + CELL / 2.0;
}

/* Directed link loads: index ((chip * rows + y) * cols + x) * 4 + dir, dir
 * 0..3 = +x, -x, +y, -y from that tile. */
static uint64_t *linkLoads(const IpubModule *m, uint64_t *hostBytes) {
  const IpuTarget *t = &m->target;
  size_t n = (size_t)(t->chips * t->gridRows * t->gridCols * 4);
  uint64_t *load = calloc(n ? n : 1, sizeof *load);
  if (!load)
    return NULL;
  *hostBytes = 0;
  for (uint32_t r = 0; r < m->numRoutes; ++r) {
    const IpubRoute *route = &m->routes[r];
    for (uint32_t h = 0; h + 1 < route->numHops; ++h) {
      IpubEndpoint a = route->path[h], b = route->path[h + 1];
      if (a.chip < 0 || b.chip < 0) {
        *hostBytes += route->bytes;
        continue;
      }
      if (a.chip != b.chip)
        continue; /* the chip link */
      int dir = b.x > a.x ? 0 : b.x < a.x ? 1 : b.y > a.y ? 2 : 3;
      size_t i = (size_t)(((a.chip * t->gridRows + a.y) * t->gridCols + a.x) *
                          4 + dir);
      if (i < n)
        load[i] += route->bytes;
    }
  }
  return load;
}

static void drawLinks(IpuStrBuf *b, const IpubModule *m,
                      const uint64_t *load) {
  const IpuTarget *t = &m->target;
  size_t n = (size_t)(t->chips * t->gridRows * t->gridCols * 4);
  uint64_t max = 1;
  for (size_t i = 0; i < n; ++i)
    if (load[i] > max)
      max = load[i];
  static const int dx[] = {1, -1, 0, 0}, dy[] = {0, 0, 1, -1};
  for (size_t i = 0; i < n; ++i) {
    if (!load[i])
      continue;
    int dir = (int)(i % 4);
    int x = (int)(i / 4 % (size_t)t->gridCols);
    int y = (int)(i / 4 / (size_t)t->gridCols % (size_t)t->gridRows);
    int chip = (int)(i / 4 / (size_t)t->gridCols / (size_t)t->gridRows);
    double x0, y0, x1, y1;
    centre(t, chip, x, y, &x0, &y0);
    centre(t, chip, x + dx[dir], y + dy[dir], &x1, &y1);
    /* The two directions of a link side by side. */
    double off = dir % 2 ? -5 : 5;
    if (dy[dir])
      x0 += off, x1 += off;
    else
      y0 += off, y1 += off;
    double f = (double)load[i] / (double)max;
    ipuStrBufPrintf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"hsl(%.0f,90%%,45%%)\" stroke-width=\"%.1f\" "
                        "marker-end=\"url(#arrow)\"><title>(%d,%d)->(%d,%d) "
                        "chip %d: %llu bytes per inference</title></line>\n",
                        x0, y0, x1, y1, 60 - 60 * f, 1.5 + 6 * f, x, y,
                        x + dx[dir], y + dy[dir], chip,
                        (unsigned long long)load[i]);
  }
}

static void drawTiles(IpuStrBuf *b, const IpubModule *m,
                      const TileInfo *info, const Layers *layers) {
  const IpuTarget *t = &m->target;
  for (int chip = 0; chip < t->chips; ++chip)
    for (int y = 0; y < t->gridRows; ++y)
      for (int x = 0; x < t->gridCols; ++x) {
        double cx, cy;
        centre(t, chip, x, y, &cx, &cy);
        const IpubTile *tile = NULL;
        const TileInfo *ti = NULL;
        for (uint32_t i = 0; i < m->numTiles; ++i)
          if (m->tiles[i].chip == chip && m->tiles[i].x == x &&
              m->tiles[i].y == y)
            tile = &m->tiles[i], ti = &info[i];
        char fill[48] = "#f4f4f4";
        if (ti && ti->layer >= 0)
          colourOf(ti->layer, fill, sizeof fill);
        else if (tile)
          snprintf(fill, sizeof fill, "#c8c8c8");
        ipuStrBufPrintf(b,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
                            "height=\"%d\" rx=\"6\" fill=\"%s\" "
                            "stroke=\"#555\"><title>tile (%d, %d) chip %d",
                            cx - CELL / 2.0, cy - CELL / 2.0, CELL, CELL,
                            fill, x, y, chip);
        if (tile) {
          ipuStrBufPrintf(b, "\n%u instructions, %u weight blocks, "
                              "%llu MACs per inference, SRAM top %llu "
                              "bytes",
                              tile->numInstrs, tile->numBlocks,
                              (unsigned long long)ti->macs,
                              (unsigned long long)ti->sramTop);
          if (ti->layer >= 0) {
            ipuStrBufAppend(b, "\nmost MACs: ", 12);
            escaped(b, layers->names[ti->layer]);
          }
        } else {
          ipuStrBufAppend(b, "\nunused", 7);
        }
        ipuStrBufAppend(b, "</title></rect>\n", 16);
        ipuStrBufPrintf(b,
                            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                            "text-anchor=\"middle\">%d,%d</text>\n",
                            cx, cy + 4, x, y);
      }
}

char *placementSvg(const IpubModule *m, const char *title) {
  const IpuTarget *t = &m->target;
  TileInfo *info = calloc(m->numTiles ? m->numTiles : 1, sizeof *info);
  Layers layers = {0};
  uint32_t maxLayers = 1;
  for (uint32_t i = 0; i < m->numTiles; ++i)
    maxLayers += m->tiles[i].numInstrs;
  layers.names = calloc(maxLayers, sizeof *layers.names);
  uint64_t hostBytes = 0;
  uint64_t *load = info && layers.names ? linkLoads(m, &hostBytes) : NULL;
  IpuStrBuf b = {.ctx = m->ctx};
  if (!load || !summarise(m, info, &layers)) {
    free(info);
    free(layers.names);
    free(load);
    return NULL;
  }
  double chipH = (double)t->gridRows * (CELL + GAP) + GAP;
  double width = MARGIN * 2 + HOST_W + GAP + (double)t->gridCols *
                 (CELL + GAP) + LEGEND_W;
  double height = MARGIN * 2 + 30 + chipH * (double)t->chips +
                  14.0 * (layers.count > 20 ? 21 : layers.count);
  ipuStrBufPrintf(&b,
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "width=\"%.0f\" height=\"%.0f\" font-family=\"sans-"
                      "serif\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 6 "
                      "6\" refX=\"5\" refY=\"3\" markerWidth=\"3\" "
                      "markerHeight=\"3\" orient=\"auto\"><path d=\"M0,0 "
                      "L6,3 L0,6 z\" fill=\"#333\"/></marker></defs>\n"
                      "<text x=\"%d\" y=\"%d\" font-size=\"16\">",
                      width, height, MARGIN, MARGIN);
  escaped(&b, title ? title : "");
  ipuStrBufPrintf(&b, " on %s: %u tiles used, %u routes</text>\n",
                      t->name, m->numTiles, m->numRoutes);
  /* The host beside each chip's port (tile 0, 0). */
  for (int chip = 0; chip < t->chips; ++chip) {
    double px, py;
    centre(t, chip, 0, 0, &px, &py);
    double hx = MARGIN, hy = py - CELL / 2.0;
    ipuStrBufPrintf(&b,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
                        "height=\"%d\" fill=\"#dde7f5\" stroke=\"#555\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                        "text-anchor=\"middle\">host</text>\n"
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"#4a6fa5\" stroke-width=\"3\"><title>host "
                        "link: %llu bytes per inference (all chips)</title>"
                        "</line>\n",
                        hx, hy, HOST_W, CELL, hx + HOST_W / 2.0, py + 4,
                        hx + HOST_W, py, px - CELL / 2.0, py,
                        (unsigned long long)hostBytes);
  }
  drawTiles(&b, m, info, &layers);
  drawLinks(&b, m, load);
  /* Legend: the layers (at most 20 named). */
  double lx = width - LEGEND_W, ly = MARGIN + 30;
  ipuStrBufPrintf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">"
                      "tiles by the layer with most MACs; links by bytes "
                      "per inference</text>\n", lx, ly);
  for (int l = 0; l < layers.count && l < 20; ++l) {
    char fill[48];
    colourOf(l, fill, sizeof fill);
    ipuStrBufPrintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
                        "height=\"10\" fill=\"%s\"/><text x=\"%.1f\" "
                        "y=\"%.1f\" font-size=\"11\">", lx,
                        ly + 8 + 14.0 * l, fill, lx + 14, ly + 17 + 14.0 * l);
    escaped(&b, layers.names[l]);
    ipuStrBufAppend(&b, "</text>\n", 8);
  }
  if (layers.count > 20)
    ipuStrBufPrintf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">"
                        "... %d more layers</text>\n", lx,
                        ly + 17 + 14.0 * 20, layers.count - 20);
  ipuStrBufAppend(&b, "</svg>\n", 7);
  free(info);
  free(layers.names);
  free(load);
  return ipuStrBufTake(&b);
}
