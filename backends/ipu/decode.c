/* ipubDecode: reads a .ipub image, checking the header, section table, each
 * section's CRC-32 and every field; errors name the byte offset. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ipub_internal.h"

/* Byte offsets of what the verifier may complain about. */
typedef struct {
  uint64_t section;
  uint64_t *blocks, *buffers, *instrs;
} TileOffsets;

typedef struct {
  uint64_t target, routesSection, kernels, io, debug;
  TileOffsets *tiles; /* numTiles + 1: the host last */
  uint64_t *routes, *inputs, *outputs;
} Offsets;

typedef struct {
  IpuContext *ctx;
  IpuLocation loc;
  const uint8_t *data;
  size_t size;
  size_t pos, end;  /* the section being read */
  char label[64];   /* "TILE section 3" */
  bool failed;
  IpubModule *m;
  Offsets offs;
} Decoder;

static bool failAt(Decoder *d, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool failAt(Decoder *d, uint64_t offset, const char *fmt, ...) {
  if (d->failed)
    return false;
  d->failed = true;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (d->label[0])
    ipuEmitError(d->ctx, d->loc, "byte %llu: %s: %s",
                 (unsigned long long)offset, d->label, msg);
  else
    ipuEmitError(d->ctx, d->loc, "byte %llu: %s", (unsigned long long)offset,
                 msg);
  return false;
}

static bool outOfMemory(Decoder *d) {
  return failAt(d, d->pos, "out of memory");
}

static uint32_t loadU32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint64_t loadU64(const uint8_t *p) {
  return (uint64_t)loadU32(p) | (uint64_t)loadU32(p + 4) << 32;
}

/* The next n bytes of the section, or NULL after an error naming `what`. */
static const uint8_t *take(Decoder *d, size_t n, const char *what) {
  if (d->failed)
    return NULL;
  if (n > d->end - d->pos) {
    failAt(d, d->pos, "%s needs %zu bytes but the section ends at byte %zu",
           what, n, d->end);
    return NULL;
  }
  const uint8_t *p = d->data + d->pos;
  d->pos += n;
  return p;
}

static bool getU8(Decoder *d, uint8_t *v, const char *what) {
  const uint8_t *p = take(d, 1, what);
  if (p)
    *v = *p;
  return p != NULL;
}

static bool getBool(Decoder *d, bool *v, const char *what) {
  uint8_t b;
  if (!getU8(d, &b, what))
    return false;
  if (b > 1)
    return failAt(d, d->pos - 1, "%s is %u, not 0 or 1", what, b);
  *v = b;
  return true;
}

static bool getU32(Decoder *d, uint32_t *v, const char *what) {
  const uint8_t *p = take(d, 4, what);
  if (p)
    *v = loadU32(p);
  return p != NULL;
}

static bool getI32(Decoder *d, int32_t *v, const char *what) {
  uint32_t u;
  if (!getU32(d, &u, what))
    return false;
  *v = (int32_t)u;
  return true;
}

static bool getU64(Decoder *d, uint64_t *v, const char *what) {
  const uint8_t *p = take(d, 8, what);
  if (p)
    *v = loadU64(p);
  return p != NULL;
}

static bool getI64(Decoder *d, int64_t *v, const char *what) {
  uint64_t u;
  if (!getU64(d, &u, what))
    return false;
  *v = (int64_t)u;
  return true;
}

/* A count of items that take at least `minSize` bytes each: it must fit in
 * what is left of the section, so damage cannot ask for huge arrays. */
static bool getCount(Decoder *d, uint32_t *n, size_t minSize,
                     const char *what) {
  if (!getU32(d, n, what))
    return false;
  if ((uint64_t)*n * minSize > d->end - d->pos)
    return failAt(d, d->pos - 4,
                  "%s %u needs at least %llu bytes but only %zu remain in "
                  "the section",
                  what, *n, (unsigned long long)*n * minSize, d->end - d->pos);
  return true;
}

static void *allocArray(Decoder *d, size_t count, size_t size) {
  if (d->failed || count == 0)
    return NULL;
  void *p = ipuCalloc(d->ctx, count, size);
  if (!p)
    outOfMemory(d);
  return p;
}

/* u32 length, then the bytes (no NUL among them). */
static bool getString(Decoder *d, char **out, size_t maxLength,
                      const char *what) {
  size_t at = d->pos;
  uint32_t n;
  if (!getU32(d, &n, what))
    return false;
  if (n > maxLength)
    return failAt(d, at, "%s is %u bytes long, more than the limit of %zu",
                  what, n, maxLength);
  const uint8_t *p = take(d, n, what);
  if (!p)
    return false;
  if (memchr(p, 0, n))
    return failAt(d, at, "%s holds a NUL byte", what);
  char *s = ipuAlloc(d->ctx, (size_t)n + 1);
  if (!s)
    return outOfMemory(d);
  memcpy(s, p, n);
  s[n] = 0;
  *out = s;
  return true;
}

static bool getShape(Decoder *d, IpuDType *dtype, int *rank, int64_t *shape,
                     const char *what) {
  uint32_t t, r;
  if (!getU32(d, &t, what) || !getU32(d, &r, what))
    return false;
  if (t > 0xFFFF)
    return failAt(d, d->pos - 8, "%s has unknown element type %u", what, t);
  if (r > IPU_TENSOR_MAX_RANK)
    return failAt(d, d->pos - 4, "%s has rank %u, more than %d", what, r,
                  IPU_TENSOR_MAX_RANK);
  *dtype = (IpuDType)t;
  *rank = (int)r;
  for (uint32_t i = 0; i < r; ++i)
    if (!getI64(d, &shape[i], what))
      return false;
  return true;
}

/* ---- Sections ---------------------------------------------------------- */

static bool readTarget(Decoder *d, IpuTarget *t) {
  char *name = NULL;
  if (!getString(d, &name, IPUB_TARGET_NAME_MAX, "target name"))
    return false;
  memset(t, 0, sizeof *t);
  memcpy(t->name, name, strlen(name) + 1);
  ipuFree(d->ctx, name);
  for (size_t i = 0; i < ipubNumTargetFields; ++i) {
    const IpubTargetField *f = &ipubTargetFields[i];
    char *field = (char *)t + f->offset;
    bool ok;
    if (f->kind == IPUB_TF_INT) {
      ok = getI64(d, (int64_t *)field, f->key);
    } else if (f->kind == IPUB_TF_REAL) {
      uint64_t bits = 0;
      ok = getU64(d, &bits, f->key);
      memcpy(field, &bits, sizeof bits);
    } else {
      ok = getBool(d, (bool *)field, f->key);
    }
    if (!ok)
      return false;
  }
  const char *bad;
  if (!ipubTargetIsValid(t, &bad))
    return failAt(d, d->offs.target, "target field '%s' is out of range",
                  bad);
  return true;
}

static bool getWindow(Decoder *d, IpubWindow *w) {
  int64_t *fields[] = {&w->kernel[0],    &w->kernel[1],    &w->strides[0],
                       &w->strides[1],   &w->pads[0],      &w->pads[1],
                       &w->pads[2],      &w->pads[3],      &w->dilations[0],
                       &w->dilations[1], &w->channelBegin, &w->channelCount};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; ++i)
    if (!getI64(d, fields[i], "window geometry"))
      return false;
  return true;
}

static bool getIndexList(Decoder *d, uint32_t *n, uint32_t **v,
                         const char *what) {
  if (!getCount(d, n, 4, what))
    return false;
  *v = allocArray(d, *n, sizeof **v);
  for (uint32_t i = 0; i < *n && !d->failed; ++i)
    getU32(d, &(*v)[i], what);
  return !d->failed;
}

/* One operand: an index list of length one. */
static bool getOne(Decoder *d, uint32_t *n, uint32_t **v, const char *what) {
  *n = 1;
  *v = allocArray(d, 1, sizeof **v);
  return !d->failed && getU32(d, *v, what);
}

static bool readInstr(Decoder *d, IpubInstr *in) {
  size_t at = d->pos;
  uint8_t opcode, flags;
  if (!getU8(d, &opcode, "opcode") || !getU8(d, &flags, "instruction flags"))
    return false;
  if (opcode < IPUB_OP_RECV || opcode > IPUB_OP_OUTPUT)
    return failAt(d, at, "unknown opcode %u", opcode);
  in->opcode = (IpubOpcode)opcode;
  in->route = in->block = in->kernel = in->index = IPUB_NO_INDEX;
  in->debugLoc = IPUB_NO_INDEX;
  bool windowAllowed = opcode == IPUB_OP_MVM || opcode == IPUB_OP_WINDOWS;
  if ((flags & ~(IPUB_INSTR_HAS_WINDOW | IPUB_INSTR_IN_PLACE)) ||
      ((flags & IPUB_INSTR_HAS_WINDOW) && !windowAllowed) ||
      ((flags & IPUB_INSTR_IN_PLACE) && opcode != IPUB_OP_EXEC) ||
      (opcode == IPUB_OP_WINDOWS && !(flags & IPUB_INSTR_HAS_WINDOW)))
    return failAt(d, at + 1, "invalid flags 0x%02x for a %s instruction",
                  flags, ipubOpcodeName(opcode));
  in->hasWindow = (flags & IPUB_INSTR_HAS_WINDOW) != 0;
  in->inPlace = (flags & IPUB_INSTR_IN_PLACE) != 0;
  switch (in->opcode) {
  case IPUB_OP_RECV:
    getU32(d, &in->route, "route index");
    getOne(d, &in->numDsts, &in->dsts, "destination buffer");
    break;
  case IPUB_OP_SEND:
    getU32(d, &in->route, "route index");
    getOne(d, &in->numSrcs, &in->srcs, "source buffer");
    break;
  case IPUB_OP_MVM:
    getU32(d, &in->block, "block index");
    getOne(d, &in->numSrcs, &in->srcs, "source buffer");
    getOne(d, &in->numDsts, &in->dsts, "destination buffer");
    getU32(d, &in->adcBits, "adc_bits");
    getU32(d, &in->adcShift, "adc_shift");
    getU32(d, &in->inputBits, "input_bits");
    getU32(d, &in->inputSlices, "input_slices");
    break;
  case IPUB_OP_WINDOWS:
    getOne(d, &in->numSrcs, &in->srcs, "source buffer");
    getOne(d, &in->numDsts, &in->dsts, "destination buffer");
    break;
  case IPUB_OP_ACCUMULATE:
    getIndexList(d, &in->numSrcs, &in->srcs, "source count");
    getOne(d, &in->numDsts, &in->dsts, "destination buffer");
    break;
  case IPUB_OP_EXEC:
    getU32(d, &in->kernel, "kernel index");
    getIndexList(d, &in->numSrcs, &in->srcs, "source count");
    getIndexList(d, &in->numDsts, &in->dsts, "destination count");
    break;
  case IPUB_OP_INPUT:
    getU32(d, &in->index, "input index");
    getOne(d, &in->numDsts, &in->dsts, "destination buffer");
    break;
  case IPUB_OP_OUTPUT:
    getU32(d, &in->index, "output index");
    getOne(d, &in->numSrcs, &in->srcs, "source buffer");
    break;
  }
  if (in->hasWindow)
    getWindow(d, &in->window);
  return !d->failed;
}

/* Smallest encodings, for count checks. */
#define MIN_BLOCK_SIZE 20  /* name length, row, col, k, n */
#define MIN_BUFFER_SIZE 37 /* name length, dtype, rank, offset, bytes, ... */
#define MIN_INSTR_SIZE 10  /* opcode, flags, two u32 */
#define MIN_HOP_SIZE 12
#define MIN_ROUTE_SIZE 12
#define MIN_DESC_SIZE 12

static bool readTile(Decoder *d, IpubTile *t, TileOffsets *o) {
  getI32(d, &t->chip, "chip");
  getI32(d, &t->x, "x");
  getI32(d, &t->y, "y");
  getBool(d, &t->hasArray, "has-array flag");
  getU32(d, &t->arrayRows, "array rows");
  getU32(d, &t->arrayCols, "array columns");
  getU32(d, &t->weightBits, "weight bits");
  getCount(d, &t->numBlocks, MIN_BLOCK_SIZE, "block count");
  t->blocks = allocArray(d, t->numBlocks, sizeof *t->blocks);
  o->blocks = allocArray(d, t->numBlocks, sizeof *o->blocks);
  for (uint32_t i = 0; i < t->numBlocks && !d->failed; ++i) {
    IpubBlock *b = &t->blocks[i];
    o->blocks[i] = d->pos;
    getString(d, &b->name, IPUB_MAX_NAME, "block name");
    getU32(d, &b->row, "block row");
    getU32(d, &b->col, "block column");
    getU32(d, &b->k, "block rows (K)");
    getU32(d, &b->n, "block columns (N)");
    if (d->failed)
      break;
    uint64_t cells = (uint64_t)b->k * b->n;
    if (cells > d->end - d->pos)
      return failAt(d, d->pos,
                    "block %u's %u x %u weights need %llu bytes but only %zu "
                    "remain in the section",
                    i, b->k, b->n, (unsigned long long)cells, d->end - d->pos);
    b->weights = allocArray(d, (size_t)cells, 1);
    const uint8_t *p = take(d, (size_t)cells, "weights");
    if (p && cells)
      memcpy(b->weights, p, (size_t)cells);
  }
  getCount(d, &t->numBuffers, MIN_BUFFER_SIZE, "buffer count");
  t->buffers = allocArray(d, t->numBuffers, sizeof *t->buffers);
  o->buffers = allocArray(d, t->numBuffers, sizeof *o->buffers);
  for (uint32_t i = 0; i < t->numBuffers && !d->failed; ++i) {
    IpubBuffer *b = &t->buffers[i];
    o->buffers[i] = d->pos;
    getString(d, &b->name, IPUB_MAX_NAME, "buffer name");
    getShape(d, &b->dtype, &b->rank, b->shape, "buffer type");
    getU64(d, &b->offset, "buffer offset");
    getU64(d, &b->bytes, "buffer bytes");
    getU32(d, &b->slots, "buffer slots");
    getU32(d, &b->streamRows, "buffer stream rows");
    getBool(d, &b->strided, "buffer strided");
    for (int k = 0; b->strided && k < b->rank && !d->failed; ++k)
      getI64(d, &b->strides[k], "buffer stride");
  }
  getCount(d, &t->numInstrs, MIN_INSTR_SIZE, "instruction count");
  t->instrs = allocArray(d, t->numInstrs, sizeof *t->instrs);
  o->instrs = allocArray(d, t->numInstrs, sizeof *o->instrs);
  for (uint32_t i = 0; i < t->numInstrs && !d->failed; ++i) {
    o->instrs[i] = d->pos;
    readInstr(d, &t->instrs[i]);
  }
  return !d->failed;
}

static bool readRoutes(Decoder *d, IpubModule *m) {
  getCount(d, &m->numRoutes, MIN_ROUTE_SIZE, "route count");
  m->routes = allocArray(d, m->numRoutes, sizeof *m->routes);
  d->offs.routes = allocArray(d, m->numRoutes, sizeof *d->offs.routes);
  for (uint32_t i = 0; i < m->numRoutes && !d->failed; ++i) {
    IpubRoute *r = &m->routes[i];
    d->offs.routes[i] = d->pos;
    getU64(d, &r->bytes, "route bytes");
    getCount(d, &r->numHops, MIN_HOP_SIZE, "hop count");
    r->path = allocArray(d, r->numHops, sizeof *r->path);
    for (uint32_t h = 0; h < r->numHops && !d->failed; ++h) {
      getI32(d, &r->path[h].chip, "hop chip");
      getI32(d, &r->path[h].x, "hop x");
      getI32(d, &r->path[h].y, "hop y");
    }
  }
  return !d->failed;
}

static bool readKernels(Decoder *d, IpubModule *m) {
  uint64_t n;
  getU32(d, &m->numKernels, "kernel count");
  if (!getU64(d, &n, "kernel text length"))
    return false;
  if (n > d->end - d->pos)
    return failAt(d, d->pos - 8,
                  "kernel text of %llu bytes is longer than the %zu bytes "
                  "left in the section",
                  (unsigned long long)n, d->end - d->pos);
  size_t at = d->pos;
  const uint8_t *p = take(d, (size_t)n, "kernel text");
  if (!p)
    return false;
  const uint8_t *nul = memchr(p, 0, (size_t)n);
  if (nul)
    return failAt(d, at + (size_t)(nul - p), "kernel text holds a NUL byte");
  m->kernelText = ipuAlloc(d->ctx, (size_t)n + 1);
  if (!m->kernelText)
    return outOfMemory(d);
  memcpy(m->kernelText, p, (size_t)n);
  m->kernelText[n] = 0;
  return true;
}

static bool readDescs(Decoder *d, uint32_t *n, IpubTensorDesc **descs,
                      uint64_t **offs, const char *what) {
  getCount(d, n, MIN_DESC_SIZE, what);
  *descs = allocArray(d, *n, sizeof **descs);
  *offs = allocArray(d, *n, sizeof **offs);
  for (uint32_t i = 0; i < *n && !d->failed; ++i) {
    (*offs)[i] = d->pos;
    getString(d, &(*descs)[i].name, IPUB_MAX_NAME, "tensor name");
    getShape(d, &(*descs)[i].dtype, &(*descs)[i].rank, (*descs)[i].shape,
             "tensor type");
  }
  return !d->failed;
}

static bool readDebugMap(Decoder *d, IpubTile *t, const char *who) {
  uint32_t n;
  size_t at = d->pos;
  if (!getU32(d, &n, "instruction count"))
    return false;
  if (n != t->numInstrs)
    return failAt(d, at,
                  "the debug map of %s has %u entries but its program has "
                  "%u instructions",
                  who, n, t->numInstrs);
  for (uint32_t i = 0; i < n; ++i)
    if (!getU32(d, &t->instrs[i].debugLoc, "debug location index"))
      return false;
  return true;
}

static bool readDebug(Decoder *d, IpubModule *m) {
  getCount(d, &m->numDebugLocs, 4, "location count");
  m->debugLocs = allocArray(d, m->numDebugLocs, sizeof *m->debugLocs);
  for (uint32_t i = 0; i < m->numDebugLocs && !d->failed; ++i)
    getString(d, &m->debugLocs[i], d->end - d->pos, "location");
  for (uint32_t i = 0; i < m->numTiles && !d->failed; ++i) {
    char who[64];
    ipubTileLabel(m, i, who, sizeof who);
    readDebugMap(d, &m->tiles[i], who);
  }
  if (!d->failed)
    readDebugMap(d, &m->host, "the host");
  return !d->failed;
}

/* ---- Header and section table ----------------------------------------- */

typedef struct {
  uint32_t kind, crc;
  uint64_t offset, size;
} SectionEntry;

static uint32_t expectedKind(uint32_t index, uint32_t numSections) {
  if (index == 0)
    return IPUB_SECTION_TARGET;
  uint32_t fromEnd = numSections - index;
  switch (fromEnd) {
  case 5: return IPUB_SECTION_HOST;
  case 4: return IPUB_SECTION_ROUTES;
  case 3: return IPUB_SECTION_KERNELS;
  case 2: return IPUB_SECTION_IO;
  case 1: return IPUB_SECTION_DEBUG;
  default: return IPUB_SECTION_TILE;
  }
}

static uint64_t alignUp(uint64_t v) {
  return (v + IPUB_SECTION_ALIGN - 1) / IPUB_SECTION_ALIGN * IPUB_SECTION_ALIGN;
}

/* Bytes [from, to) are padding: all zero. */
static bool checkPadding(Decoder *d, uint64_t from, uint64_t to) {
  for (uint64_t i = from; i < to; ++i)
    if (d->data[i])
      return failAt(d, i, "padding byte is 0x%02x, not zero", d->data[i]);
  return true;
}

static bool readHeader(Decoder *d, uint32_t *numSections) {
  if (d->size < IPUB_HEADER_SIZE)
    return failAt(d, d->size,
                  "file of %zu bytes is shorter than the %d-byte header "
                  "(truncated?)",
                  d->size, IPUB_HEADER_SIZE);
  if (memcmp(d->data, ipubMagic, IPUB_MAGIC_SIZE))
    return failAt(d, 0, "not a .ipub file (bad magic)");
  uint32_t version = loadU32(d->data + IPUB_HDR_VERSION);
  if (version != IPUB_VERSION)
    return failAt(d, IPUB_HDR_VERSION,
                  "unsupported format version %u (this reader reads version "
                  "%d)",
                  version, IPUB_VERSION);
  uint32_t n = loadU32(d->data + IPUB_HDR_NUM_SECTIONS);
  uint64_t tableEnd = IPUB_HEADER_SIZE + (uint64_t)n * IPUB_SECTION_ENTRY_SIZE;
  if (tableEnd > d->size)
    return failAt(d, IPUB_HDR_NUM_SECTIONS,
                  "section count %u needs a %llu-byte table but the file has "
                  "%zu bytes (truncated or damaged)",
                  n, (unsigned long long)tableEnd, d->size);
  uint32_t stored = loadU32(d->data + IPUB_HDR_CRC);
  static const uint8_t zero[4] = {0};
  uint32_t crc = ipubCrc32(0, d->data, IPUB_HDR_CRC);
  crc = ipubCrc32(crc, zero, 4);
  crc = ipubCrc32(crc, d->data + IPUB_HDR_CRC + 4,
                  (size_t)tableEnd - IPUB_HDR_CRC - 4);
  if (crc != stored)
    return failAt(d, IPUB_HDR_CRC,
                  "header checksum mismatch (stored 0x%08x, computed 0x%08x): "
                  "the header or section table is damaged",
                  stored, crc);
  uint32_t flags = loadU32(d->data + IPUB_HDR_FLAGS);
  if (flags)
    return failAt(d, IPUB_HDR_FLAGS, "unknown header flags 0x%08x", flags);
  uint64_t fileSize = loadU64(d->data + IPUB_HDR_FILE_SIZE);
  if (fileSize != d->size)
    return failAt(d, d->size < fileSize ? d->size : IPUB_HDR_FILE_SIZE,
                  "the header gives a file size of %llu bytes but the file "
                  "has %zu (%s)",
                  (unsigned long long)fileSize, d->size,
                  d->size < fileSize ? "truncated" : "trailing bytes");
  if (n < 6)
    return failAt(d, IPUB_HDR_NUM_SECTIONS,
                  "section count %u is less than the 6 required sections", n);
  *numSections = n;
  return true;
}

static bool readTable(Decoder *d, uint32_t n, SectionEntry *entries) {
  uint64_t prevEnd = IPUB_HEADER_SIZE + (uint64_t)n * IPUB_SECTION_ENTRY_SIZE;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t at = IPUB_HEADER_SIZE + (uint64_t)i * IPUB_SECTION_ENTRY_SIZE;
    const uint8_t *p = d->data + at;
    SectionEntry *e = &entries[i];
    e->kind = loadU32(p);
    e->crc = loadU32(p + 4);
    e->offset = loadU64(p + 8);
    e->size = loadU64(p + 16);
    uint32_t want = expectedKind(i, n);
    if (e->kind != want)
      return failAt(d, at,
                    "section %u is of kind %u (%s) but the layout needs %s "
                    "there",
                    i, e->kind, ipubSectionKindName(e->kind),
                    ipubSectionKindName(want));
    uint64_t begin = alignUp(prevEnd);
    if (e->offset != begin)
      return failAt(d, at + 8,
                    "%s section %u starts at byte %llu but must start at "
                    "byte %llu (sections follow each other, 8-byte aligned)",
                    ipubSectionKindName(e->kind), i,
                    (unsigned long long)e->offset, (unsigned long long)begin);
    if (e->size > d->size - e->offset)
      return failAt(d, at + 16,
                    "%s section %u of %llu bytes at byte %llu runs past the "
                    "end of the file (%zu bytes)",
                    ipubSectionKindName(e->kind), i,
                    (unsigned long long)e->size,
                    (unsigned long long)e->offset, d->size);
    if (!checkPadding(d, prevEnd, begin))
      return false;
    prevEnd = e->offset + e->size;
  }
  if (alignUp(prevEnd) != d->size)
    return failAt(d, prevEnd,
                  "%llu bytes follow the last section (at most 7 bytes of "
                  "padding may)",
                  (unsigned long long)(d->size - prevEnd));
  return checkPadding(d, prevEnd, d->size);
}

static bool readSection(Decoder *d, uint32_t index, const SectionEntry *e) {
  IpubModule *m = d->m;
  d->pos = (size_t)e->offset;
  d->end = (size_t)(e->offset + e->size);
  uint32_t tile = index - 1;
  if (e->kind == IPUB_SECTION_TILE)
    snprintf(d->label, sizeof d->label, "TILE section %u (tile %u)", index,
             tile);
  else
    snprintf(d->label, sizeof d->label, "%s section %u",
             ipubSectionKindName(e->kind), index);
  uint32_t crc = ipubCrc32(0, d->data + d->pos, d->end - d->pos);
  if (crc != e->crc)
    return failAt(d, e->offset,
                  "checksum mismatch (stored 0x%08x, computed 0x%08x over "
                  "bytes %llu..%llu): the section is damaged",
                  e->crc, crc, (unsigned long long)e->offset,
                  (unsigned long long)(e->offset + e->size));
  switch (e->kind) {
  case IPUB_SECTION_TARGET:
    d->offs.target = e->offset;
    readTarget(d, &m->target);
    break;
  case IPUB_SECTION_TILE:
    d->offs.tiles[tile].section = e->offset;
    readTile(d, &m->tiles[tile], &d->offs.tiles[tile]);
    break;
  case IPUB_SECTION_HOST:
    d->offs.tiles[m->numTiles].section = e->offset;
    readTile(d, &m->host, &d->offs.tiles[m->numTiles]);
    break;
  case IPUB_SECTION_ROUTES:
    d->offs.routesSection = e->offset;
    readRoutes(d, m);
    break;
  case IPUB_SECTION_KERNELS:
    d->offs.kernels = e->offset;
    readKernels(d, m);
    break;
  case IPUB_SECTION_IO:
    d->offs.io = e->offset;
    readDescs(d, &m->numInputs, &m->inputs, &d->offs.inputs, "input count");
    readDescs(d, &m->numOutputs, &m->outputs, &d->offs.outputs,
              "output count");
    break;
  case IPUB_SECTION_DEBUG:
    d->offs.debug = e->offset;
    readDebug(d, m);
    break;
  }
  if (!d->failed && d->pos != d->end)
    return failAt(d, d->pos, "%zu unread bytes at the end of the section",
                  d->end - d->pos);
  d->label[0] = 0;
  return !d->failed;
}

/* The verifier's errors name the byte offset of the item. */
static IpuLocation locateInFile(void *userData, IpubWhere w, char *prefix,
                                size_t size, IpuOp **op) {
  *op = NULL;
  Decoder *d = userData;
  const Offsets *o = &d->offs;
  uint64_t at = 0;
  switch (w.kind) {
  case IPUB_WHERE_MODULE: at = 0; break;
  case IPUB_WHERE_TARGET: at = o->target; break;
  case IPUB_WHERE_TILE: at = o->tiles[w.tile].section; break;
  case IPUB_WHERE_BLOCK: at = o->tiles[w.tile].blocks[w.index]; break;
  case IPUB_WHERE_BUFFER: at = o->tiles[w.tile].buffers[w.index]; break;
  case IPUB_WHERE_INSTR: at = o->tiles[w.tile].instrs[w.index]; break;
  case IPUB_WHERE_ROUTE: at = o->routes[w.index]; break;
  case IPUB_WHERE_KERNELS: at = o->kernels; break;
  case IPUB_WHERE_INPUT: at = o->inputs[w.index]; break;
  case IPUB_WHERE_OUTPUT: at = o->outputs[w.index]; break;
  case IPUB_WHERE_DEBUG: at = o->debug; break;
  }
  snprintf(prefix, size, "byte %llu: ", (unsigned long long)at);
  return d->loc;
}

static void freeOffsets(Decoder *d, uint32_t numTiles) {
  Offsets *o = &d->offs;
  for (uint32_t i = 0; o->tiles && i <= numTiles; ++i) {
    ipuFree(d->ctx, o->tiles[i].blocks);
    ipuFree(d->ctx, o->tiles[i].buffers);
    ipuFree(d->ctx, o->tiles[i].instrs);
  }
  ipuFree(d->ctx, o->tiles);
  ipuFree(d->ctx, o->routes);
  ipuFree(d->ctx, o->inputs);
  ipuFree(d->ctx, o->outputs);
}

IpuLogicalResult ipubDecode(IpuContext *ctx, const char *filename,
                            const uint8_t *data, size_t size,
                            IpubModule **out) {
  *out = NULL;
  Decoder d = {.ctx = ctx, .data = data, .size = size};
  d.loc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, filename ? filename : "-"), 0,
                        0);
  uint32_t numSections = 0;
  if (!readHeader(&d, &numSections))
    return IPU_FAILURE;
  SectionEntry *entries = ipuCalloc(ctx, numSections, sizeof *entries);
  if (!entries)
    return ipuEmitError(ctx, d.loc, "out of memory");
  IpubModule *m = NULL;
  if (readTable(&d, numSections, entries)) {
    m = d.m = ipubModuleCreate(ctx);
    if (!m) {
      outOfMemory(&d);
    } else {
      m->numTiles = numSections - 6;
      m->tiles = allocArray(&d, m->numTiles, sizeof *m->tiles);
      d.offs.tiles = allocArray(&d, (size_t)m->numTiles + 1,
                                sizeof *d.offs.tiles);
    }
    for (uint32_t i = 0; i < numSections && !d.failed; ++i)
      readSection(&d, i, &entries[i]);
  }
  ipuFree(ctx, entries);
  IpubLocator locator = {locateInFile, &d};
  if (!d.failed && ipuFailed(ipubVerifyWith(m, d.loc, &locator)))
    d.failed = true;
  if (!d.failed) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "byte %llu: ",
             (unsigned long long)d.offs.kernels);
    if (ipuFailed(ipubCheckKernels(m, d.loc, prefix)))
      d.failed = true;
  }
  freeOffsets(&d, m ? m->numTiles : 0);
  if (d.failed) {
    ipubModuleFree(m);
    return IPU_FAILURE;
  }
  *out = m;
  return IPU_SUCCESS;
}
