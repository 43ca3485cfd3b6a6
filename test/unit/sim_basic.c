/* Unit tests of the .ipub simulator on hand-built IpubModules: results
 * exact, timing against cycles worked out by hand, link contention, credits
 * (double buffering), deadlock detection and the analog options. */
#include <stdlib.h>
#include <string.h>

#include "ipu/context.h"
#include "ipu/diagnostics.h"
#include "ipu/dialects.h"
#include "ipu/interp.h"
#include "ipu/sim.h"
#include "unit_test.h"

/* ---- Building modules: everything from one arena, freed per test. ----- */

static void *arena[4096];
static int arenaCount;

static void *alloc(size_t size) {
  void *p = calloc(1, size ? size : 1);
  arena[arenaCount++] = p;
  return p;
}

static void freeArena(void) {
  while (arenaCount)
    free(arena[--arenaCount]);
}

static uint32_t *list(int n, const uint32_t *v) {
  uint32_t *p = alloc(sizeof *p * (size_t)n);
  memcpy(p, v, sizeof *p * (size_t)n);
  return p;
}

static IpubBuffer buffer(const char *name, IpuDType dt, int64_t d0,
                         int64_t d1, uint32_t slots) {
  IpubBuffer b;
  memset(&b, 0, sizeof b);
  b.dtype = dt;
  b.rank = d1 ? 2 : 1;
  b.shape[0] = d0;
  b.shape[1] = d1;
  b.bytes = (uint64_t)(d0 * (d1 ? d1 : 1)) * (dt == IPU_DTYPE_I8 ? 1 : 4);
  b.slots = slots;
  b.name = (char *)name;
  return b;
}

static IpubInstr instr(IpubOpcode op, int ns, const uint32_t *srcs, int nd,
                       const uint32_t *dsts) {
  IpubInstr in;
  memset(&in, 0, sizeof in);
  in.opcode = op;
  in.numSrcs = (uint32_t)ns;
  in.numDsts = (uint32_t)nd;
  in.srcs = ns ? list(ns, srcs) : NULL;
  in.dsts = nd ? list(nd, dsts) : NULL;
  in.adcBits = 32;
  in.inputBits = 8;
  in.inputSlices = 1;
  in.debugLoc = IPUB_NO_INDEX;
  return in;
}

static IpubInstr recv(uint32_t route, uint32_t dst) {
  IpubInstr in = instr(IPUB_OP_RECV, 0, NULL, 1, &dst);
  in.route = route;
  return in;
}

static IpubInstr send(uint32_t route, uint32_t src) {
  IpubInstr in = instr(IPUB_OP_SEND, 1, &src, 0, NULL);
  in.route = route;
  return in;
}

static IpubInstr unary(IpubOpcode op, uint32_t src, uint32_t dst) {
  return instr(op, 1, &src, 1, &dst);
}

static IpubInstr hostIo(IpubOpcode op, uint32_t index, uint32_t b) {
  IpubInstr in = op == IPUB_OP_INPUT ? instr(op, 0, NULL, 1, &b)
                                     : instr(op, 1, &b, 0, NULL);
  in.index = index;
  return in;
}

static IpubRoute route(uint64_t bytes, int n, const int32_t (*path)[3]) {
  IpubRoute r;
  r.bytes = bytes;
  r.numHops = (uint32_t)n;
  r.path = alloc(sizeof *r.path * (size_t)n);
  for (int i = 0; i < n; ++i) {
    r.path[i].chip = path[i][0];
    r.path[i].x = path[i][1];
    r.path[i].y = path[i][2];
  }
  return r;
}

/* test-4x4 with round figures: arrays apply inputs at once (a product is
 * 4 cycles a row), 4 bytes a cycle on every link, 1 cycle a hop, no PCIe
 * latency. */
static void testTarget(IpubModule *m) {
  CHECK(ipuTargetGetPreset("test-4x4", &m->target));
  m->target.bitSerialInputs = false;
  m->target.arrayStepCycles = 4;
  m->target.hostLinkBytesPerSecond = 4 * m->target.clockHz;
  m->target.chipLinkLatencySeconds = 0;
}

static IpubTile *tiles(IpubModule *m, int n) {
  m->numTiles = (uint32_t)n;
  m->tiles = alloc(sizeof *m->tiles * (size_t)n);
  return m->tiles;
}

static void program(IpubTile *t, int nb, const IpubBuffer *bufs, int ni,
                    const IpubInstr *ins) {
  t->numBuffers = (uint32_t)nb;
  t->buffers = alloc(sizeof *bufs * (size_t)nb);
  memcpy(t->buffers, bufs, sizeof *bufs * (size_t)nb);
  t->numInstrs = (uint32_t)ni;
  t->instrs = alloc(sizeof *ins * (size_t)ni);
  memcpy(t->instrs, ins, sizeof *ins * (size_t)ni);
}

static void io(IpubModule *m, IpuDType in, int64_t i0, int64_t i1,
               IpuDType out, int64_t o0, int64_t o1) {
  m->numInputs = m->numOutputs = 1;
  m->inputs = alloc(sizeof *m->inputs);
  m->outputs = alloc(sizeof *m->outputs);
  m->inputs->name = "x";
  m->inputs->dtype = in;
  m->inputs->rank = 2;
  m->inputs->shape[0] = i0;
  m->inputs->shape[1] = i1;
  m->outputs->name = "y";
  m->outputs->dtype = out;
  m->outputs->rank = 2;
  m->outputs->shape[0] = o0;
  m->outputs->shape[1] = o1;
}

/* ---- One tile: host -> MVM -> host. ------------------------------------ */

enum { M = 2, K = 64, N = 3 };
static int8_t weights[K * N];

/* The module: the host sends x (M x K i8) to tile (0, 0, 0), which runs
 * one MVM with a K x N block and sends the M x N i32 back. */
static void oneTile(IpuContext *ctx, IpubModule *m, uint32_t slots) {
  memset(m, 0, sizeof *m);
  m->ctx = ctx;
  testTarget(m);
  io(m, IPU_DTYPE_I8, M, K, IPU_DTYPE_I32, M, N);
  for (int i = 0; i < K * N; ++i)
    weights[i] = (int8_t)((i * 37) % 255 - 127);
  IpubTile *t = tiles(m, 1);
  t->hasArray = true;
  t->arrayRows = t->arrayCols = 256;
  t->weightBits = 8;
  t->numBlocks = 1;
  t->blocks = alloc(sizeof *t->blocks);
  t->blocks->k = K;
  t->blocks->n = N;
  t->blocks->weights = weights;
  t->blocks->name = "w";
  IpubBuffer tb[] = {buffer("x", IPU_DTYPE_I8, M, K, slots),
                     buffer("y", IPU_DTYPE_I32, M, N, 1)};
  IpubInstr ti[] = {recv(0, 0), unary(IPUB_OP_MVM, 0, 1), send(1, 1)};
  program(t, 2, tb, 3, ti);
  IpubBuffer hb[] = {buffer("hx", IPU_DTYPE_I8, M, K, 1),
                     buffer("hy", IPU_DTYPE_I32, M, N, slots)};
  IpubInstr hi[] = {hostIo(IPUB_OP_INPUT, 0, 0), send(0, 0), recv(1, 1),
                    hostIo(IPUB_OP_OUTPUT, 0, 1)};
  m->host.chip = IPUB_HOST_CHIP;
  program(&m->host, 2, hb, 4, hi);
  static const int32_t down[][3] = {{-1, 0, 0}, {0, 0, 0}};
  static const int32_t up[][3] = {{0, 0, 0}, {-1, 0, 0}};
  m->numRoutes = 2;
  m->routes = alloc(sizeof *m->routes * 2);
  m->routes[0] = route(M * K, 2, down);
  m->routes[1] = route(M * N * 4, 2, up);
}

static void input(IpuTensor *x) {
  int64_t shape[2] = {M, K};
  ipuTensorInit(x, IPU_DTYPE_I8, 2, shape);
  int8_t *v = x->data;
  for (int i = 0; i < M * K; ++i)
    v[i] = (int8_t)((i * 11) % 256 - 128);
}

static bool exactProduct(const IpuTensor *x, const IpuTensor *y) {
  if (y->dtype != IPU_DTYPE_I32 || y->rank != 2 || y->shape[0] != M ||
      y->shape[1] != N)
    return false;
  const int8_t *xv = x->data;
  const int32_t *yv = y->data;
  for (int r = 0; r < M; ++r)
    for (int j = 0; j < N; ++j) {
      int32_t s = 0;
      for (int k = 0; k < K; ++k)
        s += xv[r * K + k] * weights[k * N + j];
      if (yv[r * N + j] != s)
        return false;
    }
  return true;
}

static IpuLogicalResult run(IpubModule *m, const IpuSimOptions *o,
                            const IpuTensor *x, IpuTensor **outs,
                            intptr_t *n, IpuSimReport **rep) {
  return ipuSimRun(m, o, ipuLocUnknownGet(m->ctx), x, x ? 1 : 0, outs, n,
                   rep);
}

static void testOneTile(IpuContext *ctx) {
  IpubModule m;
  oneTile(ctx, &m, 1);
  IpuTensor x, *outs;
  intptr_t n;
  IpuSimReport *rep;
  input(&x);
  CHECK(ipuSucceeded(run(&m, NULL, &x, &outs, &n, &rep)));
  CHECK(n == 1 && exactProduct(&x, &outs[0]));
  /* Host: INPUT 0-1; SEND issues 1-2, 128 bytes at 4 a cycle: 2-34,
   * arriving at 34. Tile: RECV 34-35, MVM 35-36 + 2 rows x 4 = 44; SEND
   * 44-45, 24 bytes: 45-51. Host: RECV 51-52, OUTPUT 52-53. */
  IpuSimSummary s;
  ipuSimReportSummary(rep, &s);
  CHECK_MSG(s.latencyCycles == 53, "latency %llu",
            (unsigned long long)s.latencyCycles);
  CHECK(s.macs == M * K * N);
  CHECK(s.latencySeconds == 53 / m.target.clockHz);
  /* Energy: MACs, SRAM (recv 128 + mvm reads 128 + writes 24 + send 24),
   * the host link both ways. */
  double want = M * K * N * m.target.energyAnalogMacPj +
                (128 + 128 + 24 + 24) * m.target.energySramBytePj +
                (128 + 24) * m.target.energyHostLinkBytePj;
  CHECK_MSG(s.energyPj > want - 1e-6 && s.energyPj < want + 1e-6,
            "energy %g, want %g", s.energyPj, want);
  char *text = ipuSimReportText(ctx, rep);
  char *json = ipuSimReportJson(ctx, rep);
  CHECK(text && strstr(text, "latency") && strstr(text, "host->chips"));
  CHECK(json && strstr(json, "\"latency_cycles\": 53") &&
        strstr(json, "\"analog_mac\""));
  ipuFree(ctx, text);
  ipuFree(ctx, json);
  ipuSimReportFree(ctx, rep);
  ipuInterpOutputsFree(outs, n);

  /* Throughput: double-buffered receive buffers let the host send the
   * next input while the tile still computes. */
  IpuSimOptions o;
  ipuSimOptionsInit(&o);
  o.inferences = 8;
  double single, twice;
  CHECK(ipuSucceeded(run(&m, &o, &x, &outs, &n, &rep)));
  CHECK(exactProduct(&x, &outs[0]));
  ipuSimReportSummary(rep, &s);
  single = s.inferencesPerSecond;
  CHECK(s.latencyCycles == 53);
  ipuSimReportFree(ctx, rep);
  ipuInterpOutputsFree(outs, n);
  freeArena();
  oneTile(ctx, &m, 2);
  CHECK(ipuSucceeded(run(&m, &o, &x, &outs, &n, &rep)));
  CHECK(exactProduct(&x, &outs[0]));
  ipuSimReportSummary(rep, &s);
  twice = s.inferencesPerSecond;
  CHECK_MSG(twice > single * 1.2, "double %g, single %g", twice, single);
  ipuSimReportFree(ctx, rep);
  ipuInterpOutputsFree(outs, n);

  /* Analog options: no noise is exact; noise is the same for a seed. */
  o.inferences = 1;
  o.weightNoise = 0;
  o.seed = 5;
  CHECK(ipuSucceeded(run(&m, &o, &x, &outs, &n, NULL)));
  CHECK(exactProduct(&x, &outs[0]));
  ipuInterpOutputsFree(outs, n);
  IpuTensor *a, *b, *c;
  intptr_t na, nb, nc;
  o.weightNoise = 3;
  CHECK(ipuSucceeded(run(&m, &o, &x, &a, &na, NULL)));
  CHECK(ipuSucceeded(run(&m, &o, &x, &b, &nb, NULL)));
  o.seed = 6;
  CHECK(ipuSucceeded(run(&m, &o, &x, &c, &nc, NULL)));
  CHECK(!exactProduct(&x, &a[0]));
  CHECK(memcmp(a[0].data, b[0].data, M * N * 4) == 0);
  CHECK(memcmp(a[0].data, c[0].data, M * N * 4) != 0);
  ipuInterpOutputsFree(a, na);
  ipuInterpOutputsFree(b, nb);
  ipuInterpOutputsFree(c, nc);
  /* A 4-bit ADC saturates these sums to [-8, 7]. */
  o.weightNoise = 0;
  o.adcBits = 4;
  CHECK(ipuSucceeded(run(&m, &o, &x, &a, &na, NULL)));
  bool clamped = true;
  for (int i = 0; i < M * N; ++i)
    clamped = clamped && ((int32_t *)a[0].data)[i] >= -8 &&
              ((int32_t *)a[0].data)[i] <= 7;
  CHECK(clamped && !exactProduct(&x, &a[0]));
  ipuInterpOutputsFree(a, na);
  ipuTensorFree(&x);
  freeArena();
}

/* ---- A two-tile chain: host -> A (MVM) -> B (EXEC: doubles) -> host. --- */

static const char doubleKernel[] =
    "func.func @k0(%a: tensor<2x3xi32>) -> tensor<2x3xi32> {\n"
    "  %0 = \"hl.add\"(%a, %a) : (tensor<2x3xi32>, tensor<2x3xi32>) -> "
    "tensor<2x3xi32>\n"
    "  \"func.return\"(%0) : (tensor<2x3xi32>) -> ()\n"
    "}\n";

static void testChain(IpuContext *ctx) {
  IpubModule m;
  oneTile(ctx, &m, 1);
  IpubTile *t = tiles(&m, 2);
  IpubTile *a = &t[0];
  a->hasArray = true;
  a->arrayRows = a->arrayCols = 256;
  a->weightBits = 8;
  a->numBlocks = 1;
  a->blocks = alloc(sizeof *a->blocks);
  a->blocks->k = K;
  a->blocks->n = N;
  a->blocks->weights = weights;
  IpubBuffer ab[] = {buffer("x", IPU_DTYPE_I8, M, K, 1),
                     buffer("y", IPU_DTYPE_I32, M, N, 1)};
  IpubInstr ai[] = {recv(0, 0), unary(IPUB_OP_MVM, 0, 1), send(1, 1)};
  program(a, 2, ab, 3, ai);
  IpubTile *b = &t[1];
  b->x = b->y = 1;
  IpubBuffer bb[] = {buffer("a", IPU_DTYPE_I32, M, N, 1),
                     buffer("d", IPU_DTYPE_I32, M, N, 1)};
  IpubInstr bi[] = {recv(1, 0), unary(IPUB_OP_EXEC, 0, 1), send(2, 1)};
  program(b, 2, bb, 3, bi);
  m.numKernels = 1;
  m.kernelText = (char *)doubleKernel;
  static const int32_t down[][3] = {{-1, 0, 0}, {0, 0, 0}};
  static const int32_t ab1[][3] = {{0, 0, 0}, {0, 1, 0}, {0, 1, 1}};
  static const int32_t up[][3] = {{0, 1, 1}, {0, 1, 0}, {0, 0, 0},
                                  {-1, 0, 0}};
  m.numRoutes = 3;
  m.routes = alloc(sizeof *m.routes * 3);
  m.routes[0] = route(M * K, 2, down);
  m.routes[1] = route(M * N * 4, 3, ab1);
  m.routes[2] = route(M * N * 4, 4, up);
  m.host.instrs[2].route = 2;
  IpuTensor x, *outs;
  intptr_t n;
  IpuSimReport *rep;
  input(&x);
  CHECK(ipuSucceeded(run(&m, NULL, &x, &outs, &n, &rep)));
  /* Exact: twice the product. */
  bool exact = n == 1;
  for (int i = 0; exact && i < M * N; ++i)
    ((int32_t *)outs[0].data)[i] /= 2;
  CHECK(exact && exactProduct(&x, &outs[0]));
  /* Host: INPUT 0-1, SEND 1-2, 128 bytes 2-34. A: RECV 34-35, MVM 35-44,
   * SEND 44-45: 24 bytes over (0,0)->(1,0) 45-51, (1,0)->(1,1) 46-52, in
   * B at 53. B: RECV 53-54, EXEC 6 adds on 8 lanes 54-56, SEND 56-57:
   * 57-63, 58-64, host link 59-65. Host: RECV 65-66, OUTPUT 66-67. */
  IpuSimSummary s;
  ipuSimReportSummary(rep, &s);
  CHECK_MSG(s.latencyCycles == 67, "latency %llu",
            (unsigned long long)s.latencyCycles);
  ipuSimReportFree(ctx, rep);
  ipuInterpOutputsFree(outs, n);
  /* A route off the grid is an error, not a crash. */
  static const int32_t off[][3] = {{0, 0, 0}, {0, 1, 0}, {0, 1, 9}};
  m.routes[1] = route(M * N * 4, 3, off);
  CHECK(ipuFailed(run(&m, NULL, &x, &outs, &n, &rep)));
  ipuTensorFree(&x);
  freeArena();
}

/* The ADC epilogue: an EXEC reading a streamed MVM result runs alongside
 * the MVM, so the pair ends one epilogue row after the products. */
static void testStreamed(IpuContext *ctx) {
  for (uint32_t rows = 0; rows <= 2; rows += 2) {
    IpubModule m;
    oneTile(ctx, &m, 1);
    IpubBuffer tb[] = {buffer("x", IPU_DTYPE_I8, M, K, 1),
                       buffer("y", IPU_DTYPE_I32, M, N, 1),
                       buffer("z", IPU_DTYPE_I32, M, N, 1)};
    tb[1].streamRows = rows;
    IpubInstr ti[] = {recv(0, 0), unary(IPUB_OP_MVM, 0, 1),
                      unary(IPUB_OP_EXEC, 1, 2), send(1, 2)};
    program(&m.tiles[0], 3, tb, 4, ti);
    m.numKernels = 1;
    m.kernelText = (char *)doubleKernel;
    IpuTensor x, *outs;
    intptr_t n;
    IpuSimReport *rep;
    input(&x);
    CHECK(ipuSucceeded(run(&m, NULL, &x, &outs, &n, &rep)));
    for (int i = 0; n == 1 && i < M * N; ++i)
      ((int32_t *)outs[0].data)[i] /= 2;
    CHECK(n == 1 && exactProduct(&x, &outs[0]));
    /* As testOneTile up to the MVM issued at 35-36. Streamed: 8 cycles of
     * products, then the last row's epilogue (6 adds over 2 rows on 8
     * lanes: 1 cycle): 36-45, SEND 45-46, 46-52, RECV 52-53, OUTPUT
     * 53-54. Not streamed: MVM 36-44, EXEC 44-45-46, one cycle later. */
    IpuSimSummary s;
    ipuSimReportSummary(rep, &s);
    CHECK_MSG(s.latencyCycles == (rows ? 54u : 55u), "latency %llu",
              (unsigned long long)s.latencyCycles);
    ipuSimReportFree(ctx, rep);
    ipuInterpOutputsFree(outs, n);
    ipuTensorFree(&x);
    freeArena();
  }
}

/* ---- Contention and a chain with an EXEC. ------------------------------- */

static const char kernels[] =
    "module {\n"
    "  func.func @k0() -> tensor<16xi32> {\n"
    "    %0 = \"hl.constant\"() <{value = dense<3> : tensor<16xi32>}> : () "
    "-> tensor<16xi32>\n"
    "    \"func.return\"(%0) : (tensor<16xi32>) -> ()\n"
    "  }\n"
    "  func.func @k1(%a: tensor<16xi32>) -> tensor<16xi32> {\n"
    "    %0 = \"hl.add\"(%a, %a) : (tensor<16xi32>, tensor<16xi32>) -> "
    "tensor<16xi32>\n"
    "    \"func.return\"(%0) : (tensor<16xi32>) -> ()\n"
    "  }\n"
    "}\n";

/* Tiles A (0,0) and B (1,0) each make 16 x i32 (EXEC k0) and send it to C
 * (2,0); A's route crosses B's router, so both use link (1,0)->(2,0). C
 * adds the two, doubles the sum (EXEC k1) and sends it to the host. */
static void contention(IpuContext *ctx, IpubModule *m, bool deadlock) {
  memset(m, 0, sizeof *m);
  m->ctx = ctx;
  testTarget(m);
  m->numOutputs = 1;
  m->outputs = alloc(sizeof *m->outputs);
  m->outputs->name = "y";
  m->outputs->dtype = IPU_DTYPE_I32;
  m->outputs->rank = 1;
  m->outputs->shape[0] = 16;
  m->numKernels = 2;
  m->kernelText = (char *)kernels;
  IpubTile *t = tiles(m, 3);
  IpubBuffer one[] = {buffer("v", IPU_DTYPE_I32, 16, 0, 1)};
  IpubInstr make[] = {instr(IPUB_OP_EXEC, 0, NULL, 1, (uint32_t[]){0}),
                      send(0, 0)};
  for (int i = 0; i < 3; ++i) {
    t[i].x = i;
    t[i].hasArray = true;
  }
  program(&t[0], 1, one, 2, make);
  make[1].route = 1;
  program(&t[1], 1, one, 2, make);
  IpubBuffer cb[] = {buffer("a", IPU_DTYPE_I32, 16, 0, 1),
                     buffer("b", IPU_DTYPE_I32, 16, 0, 1),
                     buffer("s", IPU_DTYPE_I32, 16, 0, 1),
                     buffer("d", IPU_DTYPE_I32, 16, 0, 1)};
  IpubInstr ci[] = {recv(0, 0), recv(1, 1),
                    instr(IPUB_OP_ACCUMULATE, 2, (uint32_t[]){0, 1}, 1,
                          (uint32_t[]){2}),
                    unary(IPUB_OP_EXEC, 2, 3), send(2, 3)};
  ci[3].kernel = 1;
  program(&t[2], 4, cb, 5, ci);
  IpubBuffer hb[] = {buffer("hy", IPU_DTYPE_I32, 16, 0, 1)};
  IpubInstr hi[] = {recv(2, 0), hostIo(IPUB_OP_OUTPUT, 0, 0)};
  m->host.chip = IPUB_HOST_CHIP;
  program(&m->host, 1, hb, 2, hi);
  static const int32_t ra[][3] = {{0, 0, 0}, {0, 1, 0}, {0, 2, 0}};
  static const int32_t rb[][3] = {{0, 1, 0}, {0, 2, 0}};
  static const int32_t rc[][3] = {
      {0, 2, 0}, {0, 1, 0}, {0, 0, 0}, {-1, 0, 0}};
  m->numRoutes = 3;
  m->routes = alloc(sizeof *m->routes * 3);
  m->routes[0] = route(64, 3, ra);
  m->routes[1] = route(64, 2, rb);
  m->routes[2] = route(64, 4, rc);
  if (deadlock) {
    /* C waits for B's data first, B waits for C's: a cycle. */
    static const int32_t back[][3] = {{0, 2, 0}, {0, 1, 0}};
    m->routes[2] = route(64, 2, back);
    IpubInstr bi[] = {recv(2, 0), send(1, 0)};
    program(&t[1], 1, one, 2, bi);
    IpubInstr c2[] = {recv(1, 1), send(2, 1), recv(0, 0)};
    program(&t[2], 4, cb, 3, c2);
    m->host.numInstrs = 0;
    m->numOutputs = 0;
  }
}

static void testContention(IpuContext *ctx) {
  IpubModule m;
  contention(ctx, &m, false);
  IpuTensor *outs;
  intptr_t n;
  IpuSimReport *rep;
  CHECK(ipuSucceeded(run(&m, NULL, NULL, &outs, &n, &rep)));
  bool exact = n == 1 && outs[0].dtype == IPU_DTYPE_I32 &&
               outs[0].rank == 1 && outs[0].shape[0] == 16;
  for (int i = 0; exact && i < 16; ++i)
    exact = ((int32_t *)outs[0].data)[i] == 12;
  CHECK(exact);
  /* A and B: EXEC (no operations) 0-1, SEND issues 1-2. A first: link
   * (0,0)->(1,0) 2-18, its head reaches (1,0)->(2,0) at 3: held 3-19,
   * A's data in C at 20. B waits for that link: 19-35, in C at 36 (19
   * without A). C: RECV A 20-21, RECV B 36-37, ACCUMULATE 16 adds on 8
   * lanes 37-40, EXEC 16 adds 40-43, SEND 43-44 over 3 hops: 44-60,
   * 45-61, host link 46-62: at the host at 62. Host: RECV 62-63, OUTPUT
   * 63-64. */
  IpuSimSummary s;
  ipuSimReportSummary(rep, &s);
  CHECK_MSG(s.latencyCycles == 64, "latency %llu",
            (unsigned long long)s.latencyCycles);
  char *json = ipuSimReportJson(ctx, rep);
  CHECK(json && strstr(json, "\"name\": \"0:(1,0)->(2,0)\", \"bytes\": 128"));
  ipuFree(ctx, json);
  ipuSimReportFree(ctx, rep);
  ipuInterpOutputsFree(outs, n);
  freeArena();

  contention(ctx, &m, true);
  size_t before = ipuContextGetLiveAllocations(ctx);
  CHECK(ipuFailed(run(&m, NULL, NULL, &outs, &n, &rep)));
  CHECK(outs == NULL && n == 0 && rep == NULL);
  CHECK(ipuContextGetLiveAllocations(ctx) == before);
  freeArena();
}

static int errors;
static char lastError[512];

static void onDiag(const IpuDiagnostic *d, void *user) {
  (void)user;
  ++errors;
  snprintf(lastError, sizeof lastError, "%s", ipuDiagnosticGetMessage(d));
}

int main(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  ipuContextSetDiagnosticHandler(ctx, onDiag, NULL);
  testOneTile(ctx);
  CHECK_MSG(errors == 0, "unexpected error: %s", lastError);
  testChain(ctx);
  testStreamed(ctx);
  CHECK_MSG(errors == 1 && strstr(lastError, "leaves the target's grid"),
            "errors %d: %s", errors, lastError);
  testContention(ctx);
  CHECK_MSG(errors == 2 && strstr(lastError, "deadlock"), "errors %d: %s",
            errors, lastError);
  ipuContextDestroy(ctx);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
