/* ipubEncode: an IpubModule as a .ipub file image (docs/binary-format.md):
 * header, section table, 8-byte aligned sections, a CRC-32 on each. */
#include <string.h>

#include "ipub_internal.h"

typedef struct {
  IpuContext *ctx;
  uint8_t *data;
  size_t size, capacity;
  bool failed; /* out of memory */
} Writer;

static uint8_t *reserve(Writer *w, size_t n) {
  if (w->failed)
    return NULL;
  if (n > SIZE_MAX / 2 - w->size) {
    w->failed = true;
    return NULL;
  }
  if (w->size + n > w->capacity) {
    size_t cap = w->capacity ? w->capacity : 4096;
    while (cap < w->size + n)
      cap *= 2;
    uint8_t *p = ipuRealloc(w->ctx, w->data, cap);
    if (!p) {
      w->failed = true;
      return NULL;
    }
    w->data = p;
    w->capacity = cap;
  }
  uint8_t *p = w->data + w->size;
  w->size += n;
  return p;
}

static void putBytes(Writer *w, const void *src, size_t n) {
  uint8_t *p = reserve(w, n);
  if (p && n)
    memcpy(p, src, n);
}

static void storeU32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void storeU64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void putU8(Writer *w, uint8_t v) { putBytes(w, &v, 1); }

static void putU32(Writer *w, uint32_t v) {
  uint8_t *p = reserve(w, 4);
  if (p)
    storeU32(p, v);
}

static void putU64(Writer *w, uint64_t v) {
  uint8_t *p = reserve(w, 8);
  if (p)
    storeU64(p, v);
}

static void putI32(Writer *w, int32_t v) { putU32(w, (uint32_t)v); }
static void putI64(Writer *w, int64_t v) { putU64(w, (uint64_t)v); }

static void putF64(Writer *w, double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  putU64(w, bits);
}

static void putString(Writer *w, const char *s) {
  size_t n = s ? strlen(s) : 0;
  putU32(w, (uint32_t)n);
  putBytes(w, s, n);
}

static void putShape(Writer *w, IpuDType dtype, int rank,
                     const int64_t *shape) {
  putU32(w, (uint32_t)dtype);
  putU32(w, (uint32_t)rank);
  for (int i = 0; i < rank; ++i)
    putI64(w, shape[i]);
}

static void putTarget(Writer *w, const IpuTarget *t) {
  putString(w, t->name);
  for (size_t i = 0; i < ipubNumTargetFields; ++i) {
    const IpubTargetField *f = &ipubTargetFields[i];
    const char *field = (const char *)t + f->offset;
    if (f->kind == IPUB_TF_INT)
      putI64(w, *(const int64_t *)field);
    else if (f->kind == IPUB_TF_REAL)
      putF64(w, *(const double *)field);
    else
      putU8(w, *(const bool *)field ? 1 : 0);
  }
}

static void putWindow(Writer *w, const IpubWindow *win) {
  for (int i = 0; i < 2; ++i)
    putI64(w, win->kernel[i]);
  for (int i = 0; i < 2; ++i)
    putI64(w, win->strides[i]);
  for (int i = 0; i < 4; ++i)
    putI64(w, win->pads[i]);
  for (int i = 0; i < 2; ++i)
    putI64(w, win->dilations[i]);
  putI64(w, win->channelBegin);
  putI64(w, win->channelCount);
}

static void putIndices(Writer *w, uint32_t n, const uint32_t *v) {
  putU32(w, n);
  for (uint32_t i = 0; i < n; ++i)
    putU32(w, v[i]);
}

/* Operand layouts per opcode: the table in docs/binary-format.md. */
static void putInstr(Writer *w, const IpubInstr *in) {
  bool window = in->opcode == IPUB_OP_WINDOWS ||
                (in->opcode == IPUB_OP_MVM && in->hasWindow);
  putU8(w, (uint8_t)in->opcode);
  putU8(w, (window ? IPUB_INSTR_HAS_WINDOW : 0) |
                (in->opcode == IPUB_OP_EXEC && in->inPlace ? IPUB_INSTR_IN_PLACE
                                                           : 0));
  switch (in->opcode) {
  case IPUB_OP_RECV:
    putU32(w, in->route);
    putU32(w, in->dsts[0]);
    break;
  case IPUB_OP_SEND:
    putU32(w, in->route);
    putU32(w, in->srcs[0]);
    break;
  case IPUB_OP_MVM:
    putU32(w, in->block);
    putU32(w, in->srcs[0]);
    putU32(w, in->dsts[0]);
    putU32(w, in->adcBits);
    putU32(w, in->adcShift);
    putU32(w, in->inputBits);
    putU32(w, in->inputSlices);
    break;
  case IPUB_OP_WINDOWS:
    putU32(w, in->srcs[0]);
    putU32(w, in->dsts[0]);
    break;
  case IPUB_OP_ACCUMULATE:
    putIndices(w, in->numSrcs, in->srcs);
    putU32(w, in->dsts[0]);
    break;
  case IPUB_OP_EXEC:
    putU32(w, in->kernel);
    putIndices(w, in->numSrcs, in->srcs);
    putIndices(w, in->numDsts, in->dsts);
    break;
  case IPUB_OP_INPUT:
    putU32(w, in->index);
    putU32(w, in->dsts[0]);
    break;
  case IPUB_OP_OUTPUT:
    putU32(w, in->index);
    putU32(w, in->srcs[0]);
    break;
  }
  if (window)
    putWindow(w, &in->window);
}

static void putTile(Writer *w, const IpubTile *t) {
  putI32(w, t->chip);
  putI32(w, t->x);
  putI32(w, t->y);
  putU8(w, t->hasArray ? 1 : 0);
  putU32(w, t->arrayRows);
  putU32(w, t->arrayCols);
  putU32(w, t->weightBits);
  putU32(w, t->numBlocks);
  for (uint32_t i = 0; i < t->numBlocks; ++i) {
    const IpubBlock *b = &t->blocks[i];
    putString(w, b->name);
    putU32(w, b->row);
    putU32(w, b->col);
    putU32(w, b->k);
    putU32(w, b->n);
    putBytes(w, b->weights, (size_t)b->k * b->n);
  }
  putU32(w, t->numBuffers);
  for (uint32_t i = 0; i < t->numBuffers; ++i) {
    const IpubBuffer *b = &t->buffers[i];
    putString(w, b->name);
    putShape(w, b->dtype, b->rank, b->shape);
    putU64(w, b->offset);
    putU64(w, b->bytes);
    putU32(w, b->slots);
    putU32(w, b->streamRows);
    putU8(w, b->strided);
    for (int d = 0; b->strided && d < b->rank; ++d)
      putI64(w, b->strides[d]);
  }
  putU32(w, t->numInstrs);
  for (uint32_t i = 0; i < t->numInstrs; ++i)
    putInstr(w, &t->instrs[i]);
}

static void putRoutes(Writer *w, const IpubModule *m) {
  putU32(w, m->numRoutes);
  for (uint32_t i = 0; i < m->numRoutes; ++i) {
    const IpubRoute *r = &m->routes[i];
    putU64(w, r->bytes);
    putU32(w, r->numHops);
    for (uint32_t h = 0; h < r->numHops; ++h) {
      putI32(w, r->path[h].chip);
      putI32(w, r->path[h].x);
      putI32(w, r->path[h].y);
    }
  }
}

static void putKernels(Writer *w, const IpubModule *m) {
  size_t n = m->kernelText ? strlen(m->kernelText) : 0;
  putU32(w, m->numKernels);
  putU64(w, n);
  putBytes(w, m->kernelText, n);
}

static void putDescs(Writer *w, uint32_t n, const IpubTensorDesc *d) {
  putU32(w, n);
  for (uint32_t i = 0; i < n; ++i) {
    putString(w, d[i].name);
    putShape(w, d[i].dtype, d[i].rank, d[i].shape);
  }
}

static void putDebugMap(Writer *w, const IpubTile *t) {
  putU32(w, t->numInstrs);
  for (uint32_t i = 0; i < t->numInstrs; ++i)
    putU32(w, t->instrs[i].debugLoc);
}

static void putDebug(Writer *w, const IpubModule *m) {
  putU32(w, m->numDebugLocs);
  for (uint32_t i = 0; i < m->numDebugLocs; ++i)
    putString(w, m->debugLocs[i]);
  for (uint32_t i = 0; i < m->numTiles; ++i)
    putDebugMap(w, &m->tiles[i]);
  putDebugMap(w, &m->host);
}

/* Starts a section at the next aligned offset (zero padding) and records
 * it in table entry `index`; endSection fills in its size and CRC. */
static size_t beginSection(Writer *w, uint32_t index, uint32_t kind) {
  while (w->size % IPUB_SECTION_ALIGN)
    putU8(w, 0);
  if (!w->failed)
    storeU32(w->data + IPUB_HEADER_SIZE + index * IPUB_SECTION_ENTRY_SIZE,
             kind);
  return w->size;
}

static void endSection(Writer *w, uint32_t index, size_t begin) {
  if (w->failed)
    return;
  uint8_t *entry = w->data + IPUB_HEADER_SIZE + index * IPUB_SECTION_ENTRY_SIZE;
  storeU32(entry + 4, ipubCrc32(0, w->data + begin, w->size - begin));
  storeU64(entry + 8, begin);
  storeU64(entry + 16, w->size - begin);
}

IpuLogicalResult ipubEncode(const IpubModule *m, uint8_t **data,
                            size_t *size) {
  *data = NULL;
  *size = 0;
  IpuContext *ctx = m->ctx;
  if (ipuFailed(ipubVerify(m, ipuLocUnknownGet(ctx))))
    return IPU_FAILURE;
  uint32_t numSections = m->numTiles + 6;
  if (numSections < m->numTiles)
    return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                        "too many tiles for a .ipub file");
  Writer w = {ctx, NULL, 0, 0, false};
  /* Header and table first (filled in below), then the sections. */
  uint8_t *head =
      reserve(&w, IPUB_HEADER_SIZE + (size_t)numSections * IPUB_SECTION_ENTRY_SIZE);
  if (head)
    memset(head, 0, w.size);
  uint32_t index = 0;
  size_t begin = beginSection(&w, index, IPUB_SECTION_TARGET);
  putTarget(&w, &m->target);
  endSection(&w, index++, begin);
  for (uint32_t i = 0; i < m->numTiles; ++i) {
    begin = beginSection(&w, index, IPUB_SECTION_TILE);
    putTile(&w, &m->tiles[i]);
    endSection(&w, index++, begin);
  }
  begin = beginSection(&w, index, IPUB_SECTION_HOST);
  putTile(&w, &m->host);
  endSection(&w, index++, begin);
  begin = beginSection(&w, index, IPUB_SECTION_ROUTES);
  putRoutes(&w, m);
  endSection(&w, index++, begin);
  begin = beginSection(&w, index, IPUB_SECTION_KERNELS);
  putKernels(&w, m);
  endSection(&w, index++, begin);
  begin = beginSection(&w, index, IPUB_SECTION_IO);
  putDescs(&w, m->numInputs, m->inputs);
  putDescs(&w, m->numOutputs, m->outputs);
  endSection(&w, index++, begin);
  begin = beginSection(&w, index, IPUB_SECTION_DEBUG);
  putDebug(&w, m);
  endSection(&w, index++, begin);
  while (w.size % IPUB_SECTION_ALIGN)
    putU8(&w, 0);
  if (w.failed) {
    ipuFree(ctx, w.data);
    return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                        "out of memory while encoding the .ipub image");
  }
  memcpy(w.data, ipubMagic, IPUB_MAGIC_SIZE);
  storeU32(w.data + IPUB_HDR_VERSION, IPUB_VERSION);
  storeU32(w.data + IPUB_HDR_FLAGS, 0);
  storeU64(w.data + IPUB_HDR_FILE_SIZE, w.size);
  storeU32(w.data + IPUB_HDR_NUM_SECTIONS, numSections);
  storeU32(w.data + IPUB_HDR_CRC,
           ipubCrc32(0, w.data, IPUB_HEADER_SIZE +
                                    (size_t)numSections * IPUB_SECTION_ENTRY_SIZE));
  *data = w.data;
  *size = w.size;
  return IPU_SUCCESS;
}
