/* Unit test of ipubFromHw on hw IR parsed without verification, so that its
 * own checks (the emitter's backstop) are the ones that speak. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"
#include "ipu/ipub.h"

#include "unit_test.h"

typedef struct {
  int errors;
  char last[1024];
  unsigned line;
} Diags;

static void collect(const IpuDiagnostic *diag, void *userData) {
  Diags *d = userData;
  if (ipuDiagnosticGetSeverity(diag) != IPU_SEVERITY_ERROR)
    return;
  ++d->errors;
  snprintf(d->last, sizeof d->last, "%s", ipuDiagnosticGetMessage(diag));
  IpuLocation loc = ipuLocFindFileLoc(ipuDiagnosticGetLocation(diag));
  d->line = loc ? ipuLocFileGetLine(loc) : 0;
}

/* Line numbers below count from the module line (1). */
static const char *const program =
    "module attributes {hw.target = {name = \"tiny\", chips = 1, grid_cols = "
    "2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, "
    "chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, "
    "weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = "
    "false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = "
    "8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, "
    "host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, "
    "energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, "
    "energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, "
    "energy_simd_op_pj = 1.0}} {\n"
    "  hw.route {bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, "
    "1, 0>, sym_name = \"r0\"}\n"
    "  hw.route {bytes = 128 : i64, path = array<i64: 0, 1, 0, 0, 0, 0, -1, "
    "0, 0>, sym_name = \"r1\"}\n"
    "  hw.tile ({\n"
    "    tile.array ({\n"
    "      tile.block {col = 0 : i64, row = 0 : i64, sym_name = \"w0\", value "
    "= dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>}\n"
    "    }) {cols = 4 : i64, rows = 4 : i64, sym_name = \"a0\"}\n"
    "    hw.buffer {offset = 0 : i64, slots = 2 : i64, sym_name = \"x\", type "
    "= tensor<16x4xi8>}\n"
    "    hw.buffer {offset = 128 : i64, sym_name = \"y\", type = "
    "tensor<16x2xi32>}\n"
    "    hw.buffer {offset = 256 : i64, sym_name = \"z\", type = "
    "tensor<16x2xi32>}\n"
    "    hw.program ({\n"
    "      hw.recv {dst = @x, route = @r0} loc(\"in\")\n"
    "      hw.mvm {block = @a0::@w0, dst = @y, src = @x} loc(\"fc\")\n"
    "      hw.exec ({\n"
    "      ^bb0(%a: tensor<16x2xi32>):\n"
    "        %r = hl.relu %a : tensor<16x2xi32>\n"
    "        hw.yield %r : tensor<16x2xi32>\n"
    "      }) {dsts = [@z], srcs = [@y]} loc(\"relu\")\n"
    "      hw.send {route = @r1, src = @z} loc(\"relu\")\n"
    "    })\n"
    "  }) {x = 1 : i64, y = 0 : i64}\n"
    "  hw.host ({\n"
    "    hw.buffer {sym_name = \"in0\", type = tensor<16x4xi8>}\n"
    "    hw.buffer {sym_name = \"out0\", type = tensor<16x2xi32>}\n"
    "    hw.program ({\n"
    "      hw.input {dst = @in0, index = 0 : i64}\n"
    "      hw.send {route = @r0, src = @in0}\n"
    "      hw.recv {dst = @out0, route = @r1}\n"
    "      hw.output {index = 0 : i64, src = @out0}\n"
    "    })\n"
    "  }) {arg_names = [\"x\"], function_type = (tensor<16x4xi8>) -> "
    "tensor<16x2xi32>, result_names = [\"y\"]}\n"
    "}\n";

/* The program with the first `from` replaced by `to`. */
static char *edited(const char *from, const char *to) {
  const char *at = from ? strstr(program, from) : NULL;
  size_t n = strlen(program) + (to ? strlen(to) : 0) + 1;
  char *s = malloc(n);
  if (!at) {
    snprintf(s, n, "%s", program);
    return s;
  }
  snprintf(s, n, "%.*s%s%s", (int)(at - program), program, to,
           at + strlen(from));
  return s;
}

static IpubModule *emit(IpuContext *ctx, Diags *d, const char *text) {
  IpuParseOptions options = {0};
  options.filename = "hw.ir";
  options.skipVerify = true;
  IpuOp *module = ipuParseSource(ctx, text, strlen(text), &options);
  CHECK_MSG(module != NULL, "parse: %s", d->last);
  if (!module)
    return NULL;
  IpubModule *m = NULL;
  ipubFromHw(module, &m);
  ipuOpDestroy(module);
  return m;
}

static void testValid(IpuContext *ctx, Diags *d) {
  IpubModule *m = emit(ctx, d, program);
  CHECK_MSG(m != NULL, "%s", d->last);
  if (!m)
    return;
  CHECK(m->numTiles == 1 && m->tiles[0].x == 1 && m->tiles[0].numBlocks == 1);
  CHECK(m->tiles[0].blocks[0].weights[5] == 6);
  CHECK(m->tiles[0].buffers[0].slots == 2 && m->tiles[0].buffers[0].bytes == 64);
  CHECK(m->numKernels == 1 && strstr(m->kernelText, "sym_name = \"k0\"") &&
        strstr(m->kernelText, "\"func.return\""));
  CHECK(m->numRoutes == 2 && m->routes[0].numHops == 3 &&
        m->routes[0].path[0].chip == IPUB_HOST_CHIP);
  CHECK(m->numInputs == 1 && !strcmp(m->inputs[0].name, "x") &&
        m->numOutputs == 1 && !strcmp(m->outputs[0].name, "y"));
  /* Two instructions share loc("relu"). */
  CHECK(m->tiles[0].instrs[2].debugLoc == 2 &&
        m->tiles[0].instrs[3].debugLoc == 2 &&
        !strcmp(m->debugLocs[2], "loc(\"relu\")"));
  uint8_t *data = NULL;
  size_t size = 0;
  IpubModule *back = NULL;
  CHECK(ipuSucceeded(ipubEncode(m, &data, &size)));
  CHECK(data && ipuSucceeded(ipubDecode(ctx, "x.ipub", data, size, &back)));
  ipubModuleFree(back);
  ipuFree(ctx, data);
  ipubModuleFree(m);
}

static void expectError(IpuContext *ctx, Diags *d, const char *from,
                        const char *to, unsigned line, const char *want) {
  char *text = edited(from, to);
  int before = d->errors;
  IpubModule *m = emit(ctx, d, text);
  CHECK_MSG(!m && d->errors == before + 1 && strstr(d->last, want) &&
                (!line || d->line == line),
            "'%s' -> '%s': expected '%s' at line %u, got '%s' at line %u",
            from, to, want, line, d->last, d->line);
  ipubModuleFree(m);
  free(text);
}

/* ipubFromHw with each allocation refused in turn: failure without a crash
 * or a leak (ASan checks), until no refusal is reached. */
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

static void testRefusedAllocations(void) {
  Refuser refuser = {0, -1};
  IpuAllocator allocator = {refuseMalloc, refuseRealloc, refuseFree,
                            &refuser};
  IpuContext *ctx = ipuContextCreate(&allocator);
  ipuRegisterAllDialects(ctx);
  Diags d = {0};
  ipuContextSetDiagnosticHandler(ctx, collect, &d);
  IpuParseOptions options = {0};
  options.filename = "hw.ir";
  IpuOp *module = ipuParseSource(ctx, program, strlen(program), &options);
  CHECK(module != NULL);
  long runs = 0;
  for (long n = 0; module && n < 100000; ++n) {
    refuser.count = 0;
    refuser.failAt = n;
    IpubModule *m = NULL;
    IpuLogicalResult r = ipubFromHw(module, &m);
    bool reached = refuser.count > n;
    refuser.failAt = -1;
    ++runs;
    CHECK(ipuSucceeded(r) == (m != NULL));
    ipubModuleFree(m);
    if (!reached) {
      CHECK(ipuSucceeded(r));
      break;
    }
  }
  CHECK(runs > 10 && runs < 100000);
  printf("refused allocations: %ld runs\n", runs);
  if (module)
    ipuOpDestroy(module);
  ipuContextDestroy(ctx);
}

int main(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  Diags d = {0};
  ipuContextSetDiagnosticHandler(ctx, collect, &d);
  testValid(ctx, &d);
  expectError(ctx, &d, "hw.recv {dst = @x, route = @r0} loc(\"in\")", "", 2,
              "route 0 has 1 send(s) and 0 receive(s)");
  expectError(ctx, &d, "offset = 256 : i64, ", "", 10,
              "has no SRAM offset (run plan-memory");
  expectError(ctx, &d, "block = @a0::@w0", "block = @a1::@w0", 0,
              "must name a block of this tile's array");
  expectError(ctx, &d, "block = @a0::@w0", "block = @a0::@w9", 0,
              "@a0::@w9, which is no block");
  expectError(ctx, &d, "dst = @y, src", "dst = @q, src", 0,
              "'dst' refers to @q, which is no buffer here");
  expectError(ctx, &d, "  hw.route {bytes = 64",
              "  func.func private @f()\n  hw.route {bytes = 64", 2,
              "cannot be emitted into a .ipub");
  expectError(ctx, &d, "dsts = [@z], srcs = [@y]", "dsts = [@x], srcs = [@y]",
              0, "result #0 does not have the type of buffer @x");
  expectError(ctx, &d, "offset = 128 : i64", "offset = 1008 : i64", 9,
              "exceeds the tile's 1024 bytes of SRAM");
  expectError(ctx, &d, "{x = 1 : i64, y = 0 : i64}", "{x = 2 : i64, y = 0 : i64}",
              4, "position is outside target 'tiny'");
  expectError(ctx, &d, "0, 0, 0, 0, 1, 0>, sym_name = \"r0\"",
              "0, 0, 0, 0, 1, 1>, sym_name = \"r0\"", 2,
              "neither a mesh link");
  expectError(ctx, &d, "hw.input {dst = @in0, index = 0 : i64}",
              "hw.input {dst = @in0, index = 3 : i64}", 26,
              "index 3 out of range");
  ipuContextDestroy(ctx);
  testRefusedAllocations();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
