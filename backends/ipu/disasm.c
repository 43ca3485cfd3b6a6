/* ipubDisassemble: a readable listing of a .ipub module (ipu-translate
 * --disasm): target, signature, tiles, host, routes and kernel text. */
#include <stdio.h>
#include <string.h>

#include "ipub_internal.h"

/* Weights shown per block before "..."; the listing is for reading. */
#define MAX_WEIGHTS_SHOWN 16

static void addType(IpuStrBuf *t, IpuDType dtype, int rank, const int64_t *shape) {
  ipuStrBufPrintf(t, "%s[", ipuDTypeName(dtype));
  for (int i = 0; i < rank; ++i)
    ipuStrBufPrintf(t, "%s%lld", i ? "x" : "", (long long)shape[i]);
  ipuStrBufPrintf(t, "]");
}

static void addTarget(IpuStrBuf *t, const IpuTarget *target) {
  ipuStrBufPrintf(t, "target \"%s\" {\n", target->name);
  for (size_t i = 0; i < ipubNumTargetFields; ++i) {
    const IpubTargetField *f = &ipubTargetFields[i];
    const char *field = (const char *)target + f->offset;
    if (f->kind == IPUB_TF_INT)
      ipuStrBufPrintf(t, "  %s = %lld\n", f->key, (long long)*(const int64_t *)field);
    else if (f->kind == IPUB_TF_REAL)
      ipuStrBufPrintf(t, "  %s = %.17g\n", f->key, *(const double *)field);
    else
      ipuStrBufPrintf(t, "  %s = %s\n", f->key, *(const bool *)field ? "true" : "false");
  }
  ipuStrBufPrintf(t, "}\n");
}

static void addSignature(IpuStrBuf *t, const char *what, uint32_t n,
                         const IpubTensorDesc *d) {
  ipuStrBufPrintf(t, "%s (%u):\n", what, n);
  for (uint32_t i = 0; i < n; ++i) {
    ipuStrBufPrintf(t, "  %u \"%s\": ", i, d[i].name ? d[i].name : "");
    addType(t, d[i].dtype, d[i].rank, d[i].shape);
    ipuStrBufPrintf(t, "\n");
  }
}

static const char *bufferName(const IpubTile *tile, uint32_t i) {
  return i < tile->numBuffers && tile->buffers[i].name ? tile->buffers[i].name
                                                       : "?";
}

static void addBufferList(IpuStrBuf *t, const IpubTile *tile, uint32_t n,
                          const uint32_t *v) {
  for (uint32_t i = 0; i < n; ++i)
    ipuStrBufPrintf(t, "%s@%s", i ? ", " : "", bufferName(tile, v[i]));
}

static void addWindow(IpuStrBuf *t, const IpubWindow *w) {
  ipuStrBufPrintf(t, " window{kernel = %lldx%lld, strides = %lldx%lld, pads = "
         "[%lld, %lld, %lld, %lld], dilations = %lldx%lld, channels = %lld+",
      (long long)w->kernel[0], (long long)w->kernel[1],
      (long long)w->strides[0], (long long)w->strides[1],
      (long long)w->pads[0], (long long)w->pads[1], (long long)w->pads[2],
      (long long)w->pads[3], (long long)w->dilations[0],
      (long long)w->dilations[1], (long long)w->channelBegin);
  if (w->channelCount < 0)
    ipuStrBufPrintf(t, "all}");
  else
    ipuStrBufPrintf(t, "%lld}", (long long)w->channelCount);
}

static void addInstr(IpuStrBuf *t, const IpubModule *m, const IpubTile *tile,
                     uint32_t index, const IpubInstr *in) {
  ipuStrBufPrintf(t, "    %4u: %-10s ", index, ipubOpcodeName(in->opcode));
  switch (in->opcode) {
  case IPUB_OP_RECV:
    ipuStrBufPrintf(t, "route %u -> ", in->route);
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_SEND:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    ipuStrBufPrintf(t, " -> route %u", in->route);
    break;
  case IPUB_OP_MVM:
    ipuStrBufPrintf(t, "block %u (@%s) ", in->block,
        in->block < tile->numBlocks && tile->blocks[in->block].name
            ? tile->blocks[in->block].name
            : "?");
    addBufferList(t, tile, in->numSrcs, in->srcs);
    ipuStrBufPrintf(t, " -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    ipuStrBufPrintf(t, " adc_bits = %u, adc_shift = %u, input_bits = %u, input_slices "
           "= %u",
        in->adcBits, in->adcShift, in->inputBits, in->inputSlices);
    break;
  case IPUB_OP_EXEC:
    ipuStrBufPrintf(t, "@k%u (", in->kernel);
    addBufferList(t, tile, in->numSrcs, in->srcs);
    ipuStrBufPrintf(t, ") -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_INPUT:
    ipuStrBufPrintf(t, "input %u -> ", in->index);
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_OUTPUT:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    ipuStrBufPrintf(t, " -> output %u", in->index);
    break;
  default:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    ipuStrBufPrintf(t, " -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  }
  if (in->hasWindow)
    addWindow(t, &in->window);
  if (in->inPlace)
    ipuStrBufPrintf(t, " in_place");
  if (in->debugLoc != IPUB_NO_INDEX && in->debugLoc < m->numDebugLocs)
    ipuStrBufPrintf(t, "  ; %s", m->debugLocs[in->debugLoc]);
  ipuStrBufPrintf(t, "\n");
}

static void addTile(IpuStrBuf *t, const IpubModule *m, const IpubTile *tile,
                    bool host) {
  if (host)
    ipuStrBufPrintf(t, "host:\n");
  else
    ipuStrBufPrintf(t, "tile (%d, %d, %d):\n", tile->chip, tile->x, tile->y);
  if (tile->hasArray)
    ipuStrBufPrintf(t, "  array %u x %u, weight_bits %u, %u block(s)\n", tile->arrayRows,
        tile->arrayCols, tile->weightBits, tile->numBlocks);
  for (uint32_t i = 0; i < tile->numBlocks; ++i) {
    const IpubBlock *b = &tile->blocks[i];
    ipuStrBufPrintf(t, "    block %u @%s: rows [%u, %u), cols [%u, %u), weights", i,
        b->name ? b->name : "", b->row, b->row + b->k, b->col, b->col + b->n);
    size_t cells = (size_t)b->k * b->n;
    for (size_t c = 0; c < cells && c < MAX_WEIGHTS_SHOWN; ++c)
      ipuStrBufPrintf(t, " %d", b->weights[c]);
    ipuStrBufPrintf(t, "%s\n", cells > MAX_WEIGHTS_SHOWN ? " ..." : "");
  }
  ipuStrBufPrintf(t, "  buffers (%u):\n", tile->numBuffers);
  for (uint32_t i = 0; i < tile->numBuffers; ++i) {
    const IpubBuffer *b = &tile->buffers[i];
    ipuStrBufPrintf(t, "    %u @%s: ", i, b->name ? b->name : "");
    addType(t, b->dtype, b->rank, b->shape);
    if (!host)
      ipuStrBufPrintf(t, " at %llu", (unsigned long long)b->offset);
    ipuStrBufPrintf(t, ", %llu bytes", (unsigned long long)b->bytes);
    if (b->slots != 1)
      ipuStrBufPrintf(t, " x %u slots", b->slots);
    if (b->streamRows)
      ipuStrBufPrintf(t, ", streamed %u rows", b->streamRows);
    for (int d = 0; b->strided && d < b->rank; ++d)
      ipuStrBufPrintf(t, "%s%lld", d ? ", " : ", strides [",
                      (long long)b->strides[d]);
    if (b->strided)
      ipuStrBufPrintf(t, "]");
    ipuStrBufPrintf(t, "\n");
  }
  ipuStrBufPrintf(t, "  program (%u):\n", tile->numInstrs);
  for (uint32_t i = 0; i < tile->numInstrs; ++i)
    addInstr(t, m, tile, i, &tile->instrs[i]);
}

char *ipubDisassemble(const IpubModule *m) {
  IpuStrBuf t = {.ctx = m->ctx};
  ipuStrBufPrintf(&t, "; .ipub version %d: %u tile(s), %u route(s), %u kernel(s)\n",
      IPUB_VERSION, m->numTiles, m->numRoutes, m->numKernels);
  addTarget(&t, &m->target);
  addSignature(&t, "inputs", m->numInputs, m->inputs);
  addSignature(&t, "outputs", m->numOutputs, m->outputs);
  for (uint32_t i = 0; i < m->numTiles; ++i)
    addTile(&t, m, &m->tiles[i], false);
  addTile(&t, m, &m->host, true);
  ipuStrBufPrintf(&t, "routes (%u):\n", m->numRoutes);
  for (uint32_t i = 0; i < m->numRoutes; ++i) {
    const IpubRoute *r = &m->routes[i];
    ipuStrBufPrintf(&t, "  %u: %llu bytes:", i, (unsigned long long)r->bytes);
    for (uint32_t h = 0; h < r->numHops; ++h) {
      if (r->path[h].chip == IPUB_HOST_CHIP)
        ipuStrBufPrintf(&t, "%s host", h ? " ->" : "");
      else
        ipuStrBufPrintf(&t, "%s (%d, %d, %d)", h ? " ->" : "", r->path[h].chip,
            r->path[h].x, r->path[h].y);
    }
    ipuStrBufPrintf(&t, "\n");
  }
  ipuStrBufPrintf(&t, "kernels (%u):\n", m->numKernels);
  if (m->kernelText && m->kernelText[0]) {
    ipuStrBufPrintf(&t, "%s", m->kernelText);
    if (m->kernelText[strlen(m->kernelText) - 1] != '\n')
      ipuStrBufPrintf(&t, "\n");
  }
  return ipuStrBufTake(&t);
}
