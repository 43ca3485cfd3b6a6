/* Unit test of the .ipub binary (include/ipu/ipub.h): round trips, every
 * damaged byte and truncation an error, the verifier's checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"
#include "ipu/ipub.h"

#include "unit_test.h"

/* backends/ipu's CRC-32 (ipub_internal.h), to forge valid checksums. */
uint32_t ipubCrc32(uint32_t crc, const uint8_t *data, size_t size);

typedef struct {
  int errors;
  char last[1024];
} Diags;

static void collect(const IpuDiagnostic *diag, void *userData) {
  Diags *d = userData;
  if (ipuDiagnosticGetSeverity(diag) != IPU_SEVERITY_ERROR)
    return;
  ++d->errors;
  snprintf(d->last, sizeof d->last, "%s", ipuDiagnosticGetMessage(diag));
}

/* ---- A small module: host -> tile A (mvm, exec) -> tile B -> host ------ */

static uint32_t *indices(IpuContext *ctx, uint32_t n, const uint32_t *v) {
  uint32_t *p = ipuAlloc(ctx, n * sizeof *p);
  memcpy(p, v, n * sizeof *p);
  return p;
}

static void setBuffer(IpuContext *ctx, IpubBuffer *b, const char *name,
                      IpuDType dtype, int64_t rows, int64_t cols,
                      uint64_t offset) {
  b->name = ipuStrDup(ctx, ipuStringRefFromCString(name));
  b->dtype = dtype;
  b->rank = 2;
  b->shape[0] = rows;
  b->shape[1] = cols;
  b->offset = offset;
  b->bytes = (uint64_t)(rows * cols) * ipuDTypeSize(dtype);
  b->slots = 1;
}

static IpubInstr instr(IpubOpcode op) {
  IpubInstr in = {.opcode = op};
  in.route = in.block = in.kernel = in.index = IPUB_NO_INDEX;
  in.debugLoc = IPUB_NO_INDEX;
  return in;
}

static IpubInstr io(IpuContext *ctx, IpubOpcode op, uint32_t route,
                    uint32_t buffer) {
  IpubInstr in = instr(op);
  if (op == IPUB_OP_SEND || op == IPUB_OP_RECV)
    in.route = route;
  else
    in.index = route;
  bool src = op == IPUB_OP_SEND || op == IPUB_OP_OUTPUT;
  if (src) {
    in.numSrcs = 1;
    in.srcs = indices(ctx, 1, &buffer);
  } else {
    in.numDsts = 1;
    in.dsts = indices(ctx, 1, &buffer);
  }
  return in;
}

static void setRoute(IpuContext *ctx, IpubRoute *r, uint64_t bytes,
                     uint32_t hops, const IpubEndpoint *path) {
  r->bytes = bytes;
  r->numHops = hops;
  r->path = ipuAlloc(ctx, hops * sizeof *path);
  memcpy(r->path, path, hops * sizeof *path);
}

static char *dup(IpuContext *ctx, const char *s) {
  return ipuStrDup(ctx, ipuStringRefFromCString(s));
}

static IpubModule *buildSample(IpuContext *ctx) {
  IpubModule *m = ipubModuleCreate(ctx);
  ipuTargetGetPreset("test-4x4", &m->target);
  m->numTiles = 2;
  m->tiles = ipuCalloc(ctx, 2, sizeof *m->tiles);

  IpubTile *a = &m->tiles[0];
  a->chip = 0, a->x = 0, a->y = 0;
  a->hasArray = true;
  a->arrayRows = a->arrayCols = 256;
  a->weightBits = 8;
  a->numBlocks = 2;
  a->blocks = ipuCalloc(ctx, 2, sizeof *a->blocks);
  a->blocks[0] = (IpubBlock){0, 0, 4, 2, ipuAlloc(ctx, 8), dup(ctx, "w0")};
  for (int i = 0; i < 8; ++i)
    a->blocks[0].weights[i] = (int8_t)(i * 31 - 100);
  a->blocks[1] = (IpubBlock){4, 0, 2, 3, ipuAlloc(ctx, 6), dup(ctx, "w1")};
  for (int i = 0; i < 6; ++i)
    a->blocks[1].weights[i] = (int8_t)(127 - i);
  a->numBuffers = 6;
  a->buffers = ipuCalloc(ctx, 6, sizeof *a->buffers);
  setBuffer(ctx, &a->buffers[0], "in", IPU_DTYPE_I8, 3, 4, 0);
  a->buffers[0].slots = 2;
  setBuffer(ctx, &a->buffers[1], "acc", IPU_DTYPE_I32, 3, 2, 32);
  a->buffers[1].streamRows = 2;
  a->buffers[1].bytes = 2 * 2 * 4;
  setBuffer(ctx, &a->buffers[2], "q", IPU_DTYPE_I8, 3, 2, 64);
  setBuffer(ctx, &a->buffers[3], "map", IPU_DTYPE_I8, 1, 1, 80);
  a->buffers[3].rank = 4;
  int64_t map[4] = {1, 1, 3, 1};
  memcpy(a->buffers[3].shape, map, sizeof map);
  a->buffers[3].bytes = 3;
  setBuffer(ctx, &a->buffers[4], "win", IPU_DTYPE_I8, 2, 2, 96);
  /* A box view: rows 1..2, column 1 of @q (3 x 2), so strided. */
  setBuffer(ctx, &a->buffers[5], "band", IPU_DTYPE_I8, 2, 1, 67);
  a->buffers[5].strided = true;
  a->buffers[5].strides[0] = 2;
  a->buffers[5].strides[1] = 1;
  a->numInstrs = 5;
  a->instrs = ipuCalloc(ctx, 5, sizeof *a->instrs);
  a->instrs[0] = io(ctx, IPUB_OP_RECV, 0, 0);
  a->instrs[0].debugLoc = 0;
  IpubInstr mvm = instr(IPUB_OP_MVM);
  mvm.block = 0;
  mvm.numSrcs = mvm.numDsts = 1;
  mvm.srcs = indices(ctx, 1, (uint32_t[]){0});
  mvm.dsts = indices(ctx, 1, (uint32_t[]){1});
  mvm.adcBits = 32, mvm.adcShift = 0, mvm.inputBits = 8, mvm.inputSlices = 1;
  mvm.debugLoc = 1;
  a->instrs[1] = mvm;
  IpubInstr exec = instr(IPUB_OP_EXEC);
  exec.kernel = 0;
  exec.numSrcs = exec.numDsts = 1;
  exec.srcs = indices(ctx, 1, (uint32_t[]){1});
  exec.dsts = indices(ctx, 1, (uint32_t[]){2});
  exec.inPlace = true; /* the flag round-trips (the data is not checked) */
  exec.debugLoc = 1;
  a->instrs[2] = exec;
  /* The 1x1x3x1 map gives 2 positions of a 2x1 kernel, 2 values each. */
  IpubInstr win = instr(IPUB_OP_WINDOWS);
  win.numSrcs = win.numDsts = 1;
  win.srcs = indices(ctx, 1, (uint32_t[]){3});
  win.dsts = indices(ctx, 1, (uint32_t[]){4});
  win.hasWindow = true;
  win.window = (IpubWindow){{2, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 0, -1};
  a->instrs[3] = io(ctx, IPUB_OP_SEND, 1, 2);
  a->instrs[4] = win;

  IpubTile *b = &m->tiles[1];
  b->chip = 0, b->x = 1, b->y = 0;
  b->numBuffers = 1;
  b->buffers = ipuCalloc(ctx, 1, sizeof *b->buffers);
  setBuffer(ctx, &b->buffers[0], "fwd", IPU_DTYPE_I8, 3, 2, 0);
  b->numInstrs = 2;
  b->instrs = ipuCalloc(ctx, 2, sizeof *b->instrs);
  b->instrs[0] = io(ctx, IPUB_OP_RECV, 1, 0);
  b->instrs[1] = io(ctx, IPUB_OP_SEND, 2, 0);

  IpubTile *h = &m->host;
  h->numBuffers = 2;
  h->buffers = ipuCalloc(ctx, 2, sizeof *h->buffers);
  setBuffer(ctx, &h->buffers[0], "x", IPU_DTYPE_I8, 3, 4, 0);
  setBuffer(ctx, &h->buffers[1], "y", IPU_DTYPE_I8, 3, 2, 0);
  h->numInstrs = 4;
  h->instrs = ipuCalloc(ctx, 4, sizeof *h->instrs);
  h->instrs[0] = io(ctx, IPUB_OP_INPUT, 0, 0);
  h->instrs[1] = io(ctx, IPUB_OP_SEND, 0, 0);
  h->instrs[2] = io(ctx, IPUB_OP_RECV, 2, 1);
  h->instrs[3] = io(ctx, IPUB_OP_OUTPUT, 0, 1);
  h->instrs[3].debugLoc = 2;

  m->numRoutes = 3;
  m->routes = ipuCalloc(ctx, 3, sizeof *m->routes);
  setRoute(ctx, &m->routes[0], 12, 2,
           (IpubEndpoint[]){{-1, 0, 0}, {0, 0, 0}});
  setRoute(ctx, &m->routes[1], 6, 2, (IpubEndpoint[]){{0, 0, 0}, {0, 1, 0}});
  setRoute(ctx, &m->routes[2], 6, 3,
           (IpubEndpoint[]){{0, 1, 0}, {0, 0, 0}, {-1, 0, 0}});

  m->numKernels = 1;
  m->kernelText = dup(ctx,
                      "\"builtin.module\"() ({\n"
                      "  \"func.func\"() <{function_type = (tensor<3x2xi32>)"
                      " -> tensor<3x2xi8>, sym_name = \"k0\"}> ({\n"
                      "  ^bb0(%arg0: tensor<3x2xi32>):\n"
                      "    %0 = \"hl.cast\"(%arg0) <{to = i8}> : (tensor<3x2xi32>) -> "
                      "tensor<3x2xi8>\n"
                      "    \"func.return\"(%0) : (tensor<3x2xi8>) -> ()\n"
                      "  }) : () -> ()\n"
                      "}) : () -> ()\n");
  m->numInputs = m->numOutputs = 1;
  m->inputs = ipuCalloc(ctx, 1, sizeof *m->inputs);
  m->inputs[0] = (IpubTensorDesc){dup(ctx, "x"), IPU_DTYPE_I8, 2, {3, 4}};
  m->outputs = ipuCalloc(ctx, 1, sizeof *m->outputs);
  m->outputs[0] = (IpubTensorDesc){dup(ctx, ""), IPU_DTYPE_I8, 2, {3, 2}};
  m->numDebugLocs = 3;
  m->debugLocs = ipuCalloc(ctx, 3, sizeof *m->debugLocs);
  m->debugLocs[0] = dup(ctx, "loc(\"in\")");
  m->debugLocs[1] = dup(ctx, "loc(\"conv1\"(\"model.onnx\":0:0))");
  m->debugLocs[2] = dup(ctx, "loc(\"out\")");
  return m;
}

/* ---- Deep comparison --------------------------------------------------- */

static bool sameStr(const char *a, const char *b) {
  return !strcmp(a ? a : "", b ? b : "");
}

static bool sameTile(const IpubTile *a, const IpubTile *b) {
  if (a->chip != b->chip || a->x != b->x || a->y != b->y ||
      a->hasArray != b->hasArray || a->arrayRows != b->arrayRows ||
      a->arrayCols != b->arrayCols || a->weightBits != b->weightBits ||
      a->numBlocks != b->numBlocks || a->numBuffers != b->numBuffers ||
      a->numInstrs != b->numInstrs)
    return false;
  for (uint32_t i = 0; i < a->numBlocks; ++i) {
    const IpubBlock *x = &a->blocks[i], *y = &b->blocks[i];
    if (x->row != y->row || x->col != y->col || x->k != y->k ||
        x->n != y->n || !sameStr(x->name, y->name) ||
        memcmp(x->weights, y->weights, (size_t)x->k * x->n))
      return false;
  }
  for (uint32_t i = 0; i < a->numBuffers; ++i) {
    const IpubBuffer *x = &a->buffers[i], *y = &b->buffers[i];
    if (x->dtype != y->dtype || x->rank != y->rank ||
        memcmp(x->shape, y->shape, sizeof(int64_t) * (size_t)x->rank) ||
        x->offset != y->offset || x->bytes != y->bytes ||
        x->slots != y->slots || x->streamRows != y->streamRows ||
        x->strided != y->strided ||
        (x->strided && memcmp(x->strides, y->strides,
                              sizeof(int64_t) * (size_t)x->rank)) ||
        !sameStr(x->name, y->name))
      return false;
  }
  for (uint32_t i = 0; i < a->numInstrs; ++i) {
    const IpubInstr *x = &a->instrs[i], *y = &b->instrs[i];
    if (x->opcode != y->opcode || x->numSrcs != y->numSrcs ||
        x->numDsts != y->numDsts ||
        (x->numSrcs &&
         memcmp(x->srcs, y->srcs, x->numSrcs * sizeof *x->srcs)) ||
        (x->numDsts &&
         memcmp(x->dsts, y->dsts, x->numDsts * sizeof *x->dsts)) ||
        x->debugLoc != y->debugLoc || x->hasWindow != y->hasWindow ||
        x->inPlace != y->inPlace ||
        (x->hasWindow && memcmp(&x->window, &y->window, sizeof x->window)))
      return false;
    switch (x->opcode) {
    case IPUB_OP_SEND:
    case IPUB_OP_RECV:
      if (x->route != y->route)
        return false;
      break;
    case IPUB_OP_MVM:
      if (x->block != y->block || x->adcBits != y->adcBits ||
          x->adcShift != y->adcShift || x->inputBits != y->inputBits ||
          x->inputSlices != y->inputSlices)
        return false;
      break;
    case IPUB_OP_EXEC:
      if (x->kernel != y->kernel)
        return false;
      break;
    case IPUB_OP_INPUT:
    case IPUB_OP_OUTPUT:
      if (x->index != y->index)
        return false;
      break;
    default:
      break;
    }
  }
  return true;
}

static bool sameDescs(uint32_t n, const IpubTensorDesc *a,
                      const IpubTensorDesc *b) {
  for (uint32_t i = 0; i < n; ++i)
    if (!sameStr(a[i].name, b[i].name) || a[i].dtype != b[i].dtype ||
        a[i].rank != b[i].rank ||
        memcmp(a[i].shape, b[i].shape, sizeof(int64_t) * (size_t)a[i].rank))
      return false;
  return true;
}

static bool sameModule(const IpubModule *a, const IpubModule *b) {
  if (memcmp(&a->target, &b->target, sizeof a->target) ||
      a->numTiles != b->numTiles || a->numRoutes != b->numRoutes ||
      a->numKernels != b->numKernels || a->numInputs != b->numInputs ||
      a->numOutputs != b->numOutputs || a->numDebugLocs != b->numDebugLocs ||
      !sameStr(a->kernelText, b->kernelText) || !sameTile(&a->host, &b->host))
    return false;
  for (uint32_t i = 0; i < a->numTiles; ++i)
    if (!sameTile(&a->tiles[i], &b->tiles[i]))
      return false;
  for (uint32_t i = 0; i < a->numRoutes; ++i)
    if (a->routes[i].bytes != b->routes[i].bytes ||
        a->routes[i].numHops != b->routes[i].numHops ||
        memcmp(a->routes[i].path, b->routes[i].path,
               a->routes[i].numHops * sizeof *a->routes[i].path))
      return false;
  for (uint32_t i = 0; i < a->numDebugLocs; ++i)
    if (!sameStr(a->debugLocs[i], b->debugLocs[i]))
      return false;
  return sameDescs(a->numInputs, a->inputs, b->inputs) &&
         sameDescs(a->numOutputs, a->outputs, b->outputs);
}

/* ---- Tests ------------------------------------------------------------- */

static bool decodeFails(IpuContext *ctx, Diags *d, const uint8_t *data,
                        size_t size) {
  IpubModule *m = NULL;
  int before = d->errors;
  IpuLogicalResult r = ipubDecode(ctx, "t.ipub", data, size, &m);
  ipubModuleFree(m);
  return ipuFailed(r) && !m && d->errors == before + 1 &&
         !strncmp(d->last, "byte ", 5);
}

static void testRoundTrip(IpuContext *ctx, Diags *d) {
  IpubModule *m = buildSample(ctx);
  uint8_t *data = NULL;
  size_t size = 0;
  CHECK(ipuSucceeded(ipubVerify(m, NULL)));
  CHECK_MSG(ipuSucceeded(ipubEncode(m, &data, &size)), "%s", d->last);
  CHECK(size % 8 == 0 && size > 32);
  if (!data) {
    ipubModuleFree(m);
    return;
  }
  printf("sample image: %zu bytes\n", size);
  IpubModule *back = NULL;
  CHECK_MSG(ipuSucceeded(ipubDecode(ctx, "t.ipub", data, size, &back)), "%s",
            d->last);
  CHECK(back && sameModule(m, back));
  if (back) {
    uint8_t *again = NULL;
    size_t againSize = 0;
    CHECK(ipuSucceeded(ipubEncode(back, &again, &againSize)));
    CHECK(againSize == size && again && !memcmp(again, data, size));
    ipuFree(ctx, again);
    char *text = ipubDisassemble(back);
    CHECK(text && strlen(text) > 200);
    CHECK(text && strstr(text, "mvm") && strstr(text, "route 2") &&
          strstr(text, "@k0") && strstr(text, "loc(\"conv1\"") &&
          strstr(text, "@band: int8[2x1] at 67, 2 bytes, strides [2, 1]") &&
          strstr(text, "(@acc) -> @q in_place"));
    ipuFree(ctx, text);
  }
  ipubModuleFree(back);

  /* Every single-byte change of the image is detected. */
  uint8_t *copy = ipuAlloc(ctx, size);
  int missed = 0;
  static const uint8_t flips[] = {0x01, 0x80, 0xFF, 0x5A};
  for (size_t i = 0; i < size; ++i) {
    for (size_t f = 0; f < sizeof flips; ++f) {
      memcpy(copy, data, size);
      copy[i] ^= flips[f];
      if (!decodeFails(ctx, d, copy, size)) {
        if (++missed < 5)
          fprintf(stderr, "flip 0x%02x at byte %zu not detected (%s)\n",
                  flips[f], i, d->last);
      }
    }
  }
  CHECK_MSG(missed == 0, "%d byte flips not detected", missed);
  /* Every truncation, and a byte too many. */
  missed = 0;
  for (size_t n = 0; n < size; ++n)
    if (!decodeFails(ctx, d, data, n) && ++missed < 5)
      fprintf(stderr, "truncation to %zu bytes not detected\n", n);
  CHECK_MSG(missed == 0, "%d truncations not detected", missed);
  uint8_t *longer = ipuCalloc(ctx, size + 8, 1);
  memcpy(longer, data, size);
  CHECK(decodeFails(ctx, d, longer, size + 8));
  CHECK(strstr(d->last, "trailing") != NULL);
  ipuFree(ctx, longer);
  ipuFree(ctx, copy);
  ipuFree(ctx, data);
  ipubModuleFree(m);
}

/* A hand-made module with one defect: encoding refuses it with `want` in
 * the message. */
typedef void (*Damage)(IpubModule *m);
static void expectInvalid(IpuContext *ctx, Diags *d, Damage damage,
                          const char *want) {
  IpubModule *m = buildSample(ctx);
  damage(m);
  uint8_t *data = NULL;
  size_t size = 0;
  int before = d->errors;
  CHECK(ipuFailed(ipubEncode(m, &data, &size)) && !data);
  CHECK_MSG(d->errors == before + 1 && strstr(d->last, want),
            "expected '%s', got '%s'", want, d->last);
  ipubModuleFree(m);
}

static void offsetPastSram(IpubModule *m) {
  m->tiles[0].buffers[2].offset = 65536;
}
static void misaligned(IpubModule *m) { m->tiles[0].buffers[2].offset = 65; }
static void stridedSlots(IpubModule *m) { m->tiles[0].buffers[5].slots = 2; }
static void stridedPastSram(IpubModule *m) {
  m->tiles[0].buffers[5].strides[0] = 65536;
}
static void stridedNegative(IpubModule *m) {
  m->tiles[0].buffers[5].strides[1] = -1;
}
static void badBytes(IpubModule *m) { m->tiles[0].buffers[1].bytes = 24; }
static void badBlock(IpubModule *m) { m->tiles[0].instrs[1].block = 7; }
static void overlap(IpubModule *m) { m->tiles[0].blocks[1].row = 3; }
static void wideWeight(IpubModule *m) {
  m->tiles[0].blocks[0].weights[3] = -128;
}
static void unpairedRoute(IpubModule *m) {
  m->tiles[1].instrs[0].route = 2;
}
static void badHop(IpubModule *m) { m->routes[1].path[1].x = 2; }
static void routeEnd(IpubModule *m) {
  m->routes[1].path[1] = (IpubEndpoint){0, 0, 1};
}
static void kernelCount(IpubModule *m) { m->numKernels = 2; }
static void unsorted(IpubModule *m) { m->tiles[1].x = 0, m->tiles[1].y = 0; }
static void offGrid(IpubModule *m) { m->tiles[1].x = 4; }
static void badStream(IpubModule *m) { m->tiles[0].buffers[1].streamRows = 4; }
static void inputType(IpubModule *m) { m->inputs[0].shape[0] = 2; }
static void badDebug(IpubModule *m) { m->host.instrs[3].debugLoc = 3; }
static void windowFit(IpubModule *m) { m->tiles[0].instrs[4].window.kernel[0] = 5; }
static void mvmShape(IpubModule *m) { m->tiles[0].instrs[1].block = 1; }
static void accOne(IpubModule *m) {
  m->tiles[0].instrs[2].opcode = IPUB_OP_ACCUMULATE;
}

static void testVerifier(IpuContext *ctx, Diags *d) {
  expectInvalid(ctx, d, offsetPastSram, "exceeds the tile's 65536 bytes");
  expectInvalid(ctx, d, misaligned, "not a multiple of 16");
  expectInvalid(ctx, d, stridedSlots, "one slot and no stream rows");
  expectInvalid(ctx, d, stridedPastSram, "its span exceeds");
  expectInvalid(ctx, d, stridedNegative, "negative stride -1");
  expectInvalid(ctx, d, badBytes, "bytes per slot");
  expectInvalid(ctx, d, badBlock, "block index 7 out of range");
  expectInvalid(ctx, d, overlap, "overlaps");
  expectInvalid(ctx, d, wideWeight, "does not fit 8 bits");
  expectInvalid(ctx, d, unpairedRoute, "more than one recv");
  expectInvalid(ctx, d, badHop, "neither a mesh link");
  expectInvalid(ctx, d, routeEnd, "ends at (0, 0, 1)");
  expectInvalid(ctx, d, kernelCount, "2 kernel(s) for 1 exec");
  expectInvalid(ctx, d, unsorted, "duplicate position");
  expectInvalid(ctx, d, offGrid, "outside target 'test-4x4'");
  expectInvalid(ctx, d, badStream, "streams 4 rows");
  expectInvalid(ctx, d, inputType, "signature says");
  expectInvalid(ctx, d, badDebug, "debug location 3 out of range");
  expectInvalid(ctx, d, windowFit, "does not fit the padded input");
  expectInvalid(ctx, d, mvmShape, "block @w1 has 2 rows");
  expectInvalid(ctx, d, accOne, "accumulate has 1 source(s)");
}

/* Hand-made damage the CRCs do not catch (the header and section CRCs are
 * recomputed): the loader's field checks name the byte. */
static void testFieldChecks(IpuContext *ctx, Diags *d) {
  IpubModule *m = buildSample(ctx);
  uint8_t *data = NULL;
  size_t size = 0;
  CHECK(ipuSucceeded(ipubEncode(m, &data, &size)));
  ipubModuleFree(m);
  if (!data)
    return;
  /* Another version (1: before strided buffers) is refused before
   * anything else. */
  data[8] = IPUB_VERSION - 1;
  CHECK(decodeFails(ctx, d, data, size) &&
        strstr(d->last, "unsupported format version 1"));
  data[8] = IPUB_VERSION + 1;
  CHECK(decodeFails(ctx, d, data, size) &&
        strstr(d->last, "unsupported format version 3"));
  data[8] = IPUB_VERSION;
  /* A huge section count, then one section offset past the end, with the
   * header checksum fixed up: the table checks speak. */
  uint8_t *copy = ipuAlloc(ctx, size);
  memcpy(copy, data, size);
  copy[24] = 0xFF, copy[25] = 0xFF, copy[26] = 0xFF, copy[27] = 0x7F;
  CHECK(decodeFails(ctx, d, copy, size) && strstr(d->last, "section count"));
  ipuFree(ctx, copy);
  ipuFree(ctx, data);
}

/* The loader parses the kernel text and checks each kernel's signature
 * (the encoder does not: it writes what it is given). */
static void testKernelText(IpuContext *ctx, Diags *d, const char *text,
                           const char *want) {
  IpubModule *m = buildSample(ctx);
  ipuFree(ctx, m->kernelText);
  m->kernelText = dup(ctx, text);
  uint8_t *data = NULL;
  size_t size = 0;
  CHECK(ipuSucceeded(ipubEncode(m, &data, &size)));
  ipubModuleFree(m);
  CHECK_MSG(data && decodeFails(ctx, d, data, size) && strstr(d->last, want),
            "expected '%s', got '%s'", want, d->last);
  ipuFree(ctx, data);
}

static void testKernels(IpuContext *ctx, Diags *d) {
  testKernelText(ctx, d, "\"builtin.module\"() ({", "does not parse");
  testKernelText(ctx, d,
                 "func.func @k0(%a: tensor<3x2xi32>) -> tensor<3x2xi32> {\n"
                 "  return %a : tensor<3x2xi32>\n}\n",
                 "does not take and return the types");
  testKernelText(ctx, d,
                 "func.func @k1(%a: tensor<3x2xi32>) -> tensor<3x2xi32> {\n"
                 "  return %a : tensor<3x2xi32>\n}\n",
                 "kernel @k0 is not the next func.func");
}

/* ---- Forged damage: random bytes with valid checksums ------------------ */

static uint64_t nextRandom(uint64_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

static uint32_t load32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint64_t load64(const uint8_t *p) {
  return load32(p) | (uint64_t)load32(p + 4) << 32;
}

static void store32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[i] = (uint8_t)(v >> (8 * i));
}

/* Section `index`'s checksum and then the header's, recomputed. */
static void forgeChecksums(uint8_t *data, uint32_t index) {
  uint8_t *entry = data + 32 + 24 * index;
  uint64_t offset = load64(entry + 8), size = load64(entry + 16);
  store32(entry + 4, ipubCrc32(0, data + offset, (size_t)size));
  uint32_t count = load32(data + 24);
  store32(data + 28, 0);
  store32(data + 28, ipubCrc32(0, data, 32 + 24 * (size_t)count));
}

/* Bytes changed inside a section with its checksum forged: the field
 * checks and the verifier see them. Loading must fail with a located error
 * or succeed on a module that encodes back to exactly the same bytes. */
static void testForgedDamage(IpuContext *ctx, Diags *d) {
  IpubModule *m = buildSample(ctx);
  uint8_t *data = NULL;
  size_t size = 0;
  CHECK(ipuSucceeded(ipubEncode(m, &data, &size)));
  ipubModuleFree(m);
  if (!data)
    return;
  uint8_t *copy = ipuAlloc(ctx, size);
  uint32_t count = load32(data + 24);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  int accepted = 0, bad = 0;
  for (int round = 0; round < 4000; ++round) {
    memcpy(copy, data, size);
    uint32_t index = (uint32_t)(nextRandom(&state) % count);
    const uint8_t *entry = data + 32 + 24 * index;
    uint64_t offset = load64(entry + 8), length = load64(entry + 16);
    int changes = 1 + (int)(nextRandom(&state) % 3);
    for (int c = 0; c < changes; ++c) {
      uint64_t at = offset + nextRandom(&state) % length;
      uint64_t r = nextRandom(&state);
      /* Small values, 0xFF runs and single bits: counts and indices. */
      copy[at] = r % 3 == 0   ? (uint8_t)(r >> 8)
                 : r % 3 == 1 ? (uint8_t)(copy[at] ^ (1u << ((r >> 8) % 8)))
                              : (uint8_t)0xFF;
    }
    forgeChecksums(copy, index);
    IpubModule *back = NULL;
    int before = d->errors;
    if (ipuSucceeded(ipubDecode(ctx, "f.ipub", copy, size, &back))) {
      ++accepted;
      uint8_t *again = NULL;
      size_t againSize = 0;
      if (ipuFailed(ipubEncode(back, &again, &againSize)) ||
          againSize != size || memcmp(again, copy, size)) {
        if (++bad < 5)
          fprintf(stderr, "forged image accepted but not canonical\n");
      }
      ipuFree(ctx, again);
      ipubModuleFree(back);
    } else if (d->errors != before + 1 || strncmp(d->last, "byte ", 5)) {
      if (++bad < 5)
        fprintf(stderr, "forged image: unexpected diagnostics: %s\n",
                d->last);
    }
  }
  CHECK_MSG(bad == 0, "%d forged images mishandled", bad);
  printf("forged damage: %d of 4000 images still valid\n", accepted);
  ipuFree(ctx, copy);
  ipuFree(ctx, data);
}

/* ---- Refused allocations ---------------------------------------------- */

/* An allocator that refuses the allocation numbered `failAt` (from 0;
 * negative: never). */
typedef struct {
  long count, failAt;
} Refuser;

static void *refuseMalloc(size_t size, void *userData) {
  Refuser *r = userData;
  return r->failAt >= 0 && r->count++ == r->failAt ? NULL : malloc(size);
}

static void *refuseRealloc(void *ptr, size_t size, void *userData) {
  Refuser *r = userData;
  return r->failAt >= 0 && r->count++ == r->failAt ? NULL
                                                   : realloc(ptr, size);
}

static void refuseFree(void *ptr, void *userData) { free(ptr); }

/* Decoding and encoding with every single allocation refused in turn:
 * each ends in failure without a crash or a leak (ASan checks the leaks),
 * until enough succeed. */
static void testRefusedAllocations(const uint8_t *image, size_t size) {
  Refuser refuser = {0, -1};
  IpuAllocator allocator = {refuseMalloc, refuseRealloc, refuseFree,
                            &refuser};
  IpuContext *ctx = ipuContextCreate(&allocator);
  ipuRegisterAllDialects(ctx);
  Diags d = {0};
  ipuContextSetDiagnosticHandler(ctx, collect, &d);
  long decodeRuns = 0, encodeRuns = 0;
  for (long n = 0; n < 100000; ++n) {
    refuser.count = 0;
    refuser.failAt = n;
    IpubModule *m = NULL;
    IpuLogicalResult r = ipubDecode(ctx, "a.ipub", image, size, &m);
    bool reached = refuser.count > n;
    refuser.failAt = -1;
    ++decodeRuns;
    CHECK(ipuSucceeded(r) == (m != NULL));
    ipubModuleFree(m);
    /* Every allocation of the run happened before the refusal point. */
    if (!reached) {
      CHECK(ipuSucceeded(r));
      break;
    }
  }
  IpubModule *m = NULL;
  CHECK(ipuSucceeded(ipubDecode(ctx, "a.ipub", image, size, &m)));
  for (long n = 0; m && n < 100000; ++n) {
    uint8_t *data = NULL;
    size_t dataSize = 0;
    refuser.count = 0;
    refuser.failAt = n;
    IpuLogicalResult r = ipubEncode(m, &data, &dataSize);
    char *text = ipuSucceeded(r) ? ipubDisassemble(m) : NULL;
    bool reached = refuser.count > n;
    refuser.failAt = -1;
    ++encodeRuns;
    ipuFree(ctx, data);
    ipuFree(ctx, text);
    if (!reached) {
      CHECK(ipuSucceeded(r) && text);
      break;
    }
  }
  ipubModuleFree(m);
  CHECK(decodeRuns > 10 && decodeRuns < 100000 && encodeRuns > 2);
  printf("refused allocations: %ld decode runs, %ld encode runs\n",
         decodeRuns, encodeRuns);
  ipuContextDestroy(ctx);
}

int main(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  Diags d = {0};
  ipuContextSetDiagnosticHandler(ctx, collect, &d);
  testRoundTrip(ctx, &d);
  testVerifier(ctx, &d);
  testFieldChecks(ctx, &d);
  testKernels(ctx, &d);
  testForgedDamage(ctx, &d);
  {
    IpubModule *m = buildSample(ctx);
    uint8_t *image = NULL;
    size_t size = 0;
    CHECK(ipuSucceeded(ipubEncode(m, &image, &size)));
    ipubModuleFree(m);
    if (image)
      testRefusedAllocations(image, size);
    ipuFree(ctx, image);
  }
  ipuContextDestroy(ctx);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
