/* ipubDisassemble: a readable listing of a .ipub module (ipu-translate
 * --disasm): target, signature, tiles, host, routes and kernel text. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ipub_internal.h"

/* Weights shown per block before "..."; the listing is for reading. */
#define MAX_WEIGHTS_SHOWN 16

typedef struct {
  IpuContext *ctx;
  char *data;
  size_t size, capacity;
  bool failed;
} Text;

static void add(Text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add(Text *t, const char *fmt, ...) {
  if (t->failed)
    return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(t->data + t->size, t->capacity - t->size, fmt, ap);
  va_end(ap);
  if (n < 0) {
    t->failed = true;
    return;
  }
  if ((size_t)n >= t->capacity - t->size) {
    size_t cap = t->capacity * 2;
    while (cap - t->size <= (size_t)n)
      cap *= 2;
    char *p = ipuRealloc(t->ctx, t->data, cap);
    if (!p) {
      t->failed = true;
      return;
    }
    t->data = p;
    t->capacity = cap;
    va_start(ap, fmt);
    vsnprintf(t->data + t->size, t->capacity - t->size, fmt, ap);
    va_end(ap);
  }
  t->size += (size_t)n;
}

static void addType(Text *t, IpuDType dtype, int rank, const int64_t *shape) {
  add(t, "%s[", ipuDTypeName(dtype));
  for (int i = 0; i < rank; ++i)
    add(t, "%s%lld", i ? "x" : "", (long long)shape[i]);
  add(t, "]");
}

static void addTarget(Text *t, const IpuTarget *target) {
  add(t, "target \"%s\" {\n", target->name);
  for (size_t i = 0; i < ipubNumTargetFields; ++i) {
    const IpubTargetField *f = &ipubTargetFields[i];
    const char *field = (const char *)target + f->offset;
    if (f->kind == IPUB_TF_INT)
      add(t, "  %s = %lld\n", f->key, (long long)*(const int64_t *)field);
    else if (f->kind == IPUB_TF_REAL)
      add(t, "  %s = %.17g\n", f->key, *(const double *)field);
    else
      add(t, "  %s = %s\n", f->key, *(const bool *)field ? "true" : "false");
  }
  add(t, "}\n");
}

static void addSignature(Text *t, const char *what, uint32_t n,
                         const IpubTensorDesc *d) {
  add(t, "%s (%u):\n", what, n);
  for (uint32_t i = 0; i < n; ++i) {
    add(t, "  %u \"%s\": ", i, d[i].name ? d[i].name : "");
    addType(t, d[i].dtype, d[i].rank, d[i].shape);
    add(t, "\n");
  }
}

static const char *bufferName(const IpubTile *tile, uint32_t i) {
  return i < tile->numBuffers && tile->buffers[i].name ? tile->buffers[i].name
                                                       : "?";
}

static void addBufferList(Text *t, const IpubTile *tile, uint32_t n,
                          const uint32_t *v) {
  for (uint32_t i = 0; i < n; ++i)
    add(t, "%s@%s", i ? ", " : "", bufferName(tile, v[i]));
}

static void addWindow(Text *t, const IpubWindow *w) {
  add(t, " window{kernel = %lldx%lld, strides = %lldx%lld, pads = "
         "[%lld, %lld, %lld, %lld], dilations = %lldx%lld, channels = %lld+",
      (long long)w->kernel[0], (long long)w->kernel[1],
      (long long)w->strides[0], (long long)w->strides[1],
      (long long)w->pads[0], (long long)w->pads[1], (long long)w->pads[2],
      (long long)w->pads[3], (long long)w->dilations[0],
      (long long)w->dilations[1], (long long)w->channelBegin);
  if (w->channelCount < 0)
    add(t, "all}");
  else
    add(t, "%lld}", (long long)w->channelCount);
}

static void addInstr(Text *t, const IpubModule *m, const IpubTile *tile,
                     uint32_t index, const IpubInstr *in) {
  add(t, "    %4u: %-10s ", index, ipubOpcodeName(in->opcode));
  switch (in->opcode) {
  case IPUB_OP_RECV:
    add(t, "route %u -> ", in->route);
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_SEND:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    add(t, " -> route %u", in->route);
    break;
  case IPUB_OP_MVM:
    add(t, "block %u (@%s) ", in->block,
        in->block < tile->numBlocks && tile->blocks[in->block].name
            ? tile->blocks[in->block].name
            : "?");
    addBufferList(t, tile, in->numSrcs, in->srcs);
    add(t, " -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    add(t, " adc_bits = %u, adc_shift = %u, input_bits = %u, input_slices "
           "= %u",
        in->adcBits, in->adcShift, in->inputBits, in->inputSlices);
    break;
  case IPUB_OP_EXEC:
    add(t, "@k%u (", in->kernel);
    addBufferList(t, tile, in->numSrcs, in->srcs);
    add(t, ") -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_INPUT:
    add(t, "input %u -> ", in->index);
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  case IPUB_OP_OUTPUT:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    add(t, " -> output %u", in->index);
    break;
  default:
    addBufferList(t, tile, in->numSrcs, in->srcs);
    add(t, " -> ");
    addBufferList(t, tile, in->numDsts, in->dsts);
    break;
  }
  if (in->hasWindow)
    addWindow(t, &in->window);
  if (in->debugLoc != IPUB_NO_INDEX && in->debugLoc < m->numDebugLocs)
    add(t, "  ; %s", m->debugLocs[in->debugLoc]);
  add(t, "\n");
}

static void addTile(Text *t, const IpubModule *m, const IpubTile *tile,
                    bool host) {
  if (host)
    add(t, "host:\n");
  else
    add(t, "tile (%d, %d, %d):\n", tile->chip, tile->x, tile->y);
  if (tile->hasArray)
    add(t, "  array %u x %u, weight_bits %u, %u block(s)\n", tile->arrayRows,
        tile->arrayCols, tile->weightBits, tile->numBlocks);
  for (uint32_t i = 0; i < tile->numBlocks; ++i) {
    const IpubBlock *b = &tile->blocks[i];
    add(t, "    block %u @%s: rows [%u, %u), cols [%u, %u), weights", i,
        b->name ? b->name : "", b->row, b->row + b->k, b->col, b->col + b->n);
    size_t cells = (size_t)b->k * b->n;
    for (size_t c = 0; c < cells && c < MAX_WEIGHTS_SHOWN; ++c)
      add(t, " %d", b->weights[c]);
    add(t, "%s\n", cells > MAX_WEIGHTS_SHOWN ? " ..." : "");
  }
  add(t, "  buffers (%u):\n", tile->numBuffers);
  for (uint32_t i = 0; i < tile->numBuffers; ++i) {
    const IpubBuffer *b = &tile->buffers[i];
    add(t, "    %u @%s: ", i, b->name ? b->name : "");
    addType(t, b->dtype, b->rank, b->shape);
    if (!host)
      add(t, " at %llu", (unsigned long long)b->offset);
    add(t, ", %llu bytes", (unsigned long long)b->bytes);
    if (b->slots != 1)
      add(t, " x %u slots", b->slots);
    if (b->streamRows)
      add(t, ", streamed %u rows", b->streamRows);
    add(t, "\n");
  }
  add(t, "  program (%u):\n", tile->numInstrs);
  for (uint32_t i = 0; i < tile->numInstrs; ++i)
    addInstr(t, m, tile, i, &tile->instrs[i]);
}

char *ipubDisassemble(const IpubModule *m) {
  Text t = {m->ctx, NULL, 0, 4096, false};
  t.data = ipuAlloc(m->ctx, t.capacity);
  if (!t.data)
    return NULL;
  t.data[0] = 0;
  add(&t, "; .ipub version %d: %u tile(s), %u route(s), %u kernel(s)\n",
      IPUB_VERSION, m->numTiles, m->numRoutes, m->numKernels);
  addTarget(&t, &m->target);
  addSignature(&t, "inputs", m->numInputs, m->inputs);
  addSignature(&t, "outputs", m->numOutputs, m->outputs);
  for (uint32_t i = 0; i < m->numTiles; ++i)
    addTile(&t, m, &m->tiles[i], false);
  addTile(&t, m, &m->host, true);
  add(&t, "routes (%u):\n", m->numRoutes);
  for (uint32_t i = 0; i < m->numRoutes; ++i) {
    const IpubRoute *r = &m->routes[i];
    add(&t, "  %u: %llu bytes:", i, (unsigned long long)r->bytes);
    for (uint32_t h = 0; h < r->numHops; ++h) {
      if (r->path[h].chip == IPUB_HOST_CHIP)
        add(&t, "%s host", h ? " ->" : "");
      else
        add(&t, "%s (%d, %d, %d)", h ? " ->" : "", r->path[h].chip,
            r->path[h].x, r->path[h].y);
    }
    add(&t, "\n");
  }
  add(&t, "kernels (%u):\n", m->numKernels);
  if (m->kernelText && m->kernelText[0]) {
    add(&t, "%s", m->kernelText);
    if (m->kernelText[strlen(m->kernelText) - 1] != '\n')
      add(&t, "\n");
  }
  if (t.failed) {
    ipuFree(m->ctx, t.data);
    return NULL;
  }
  return t.data;
}
