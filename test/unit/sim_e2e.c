/* The simulator end to end: a quantized gemm split over three arrays of
 * tiny-16x8 goes through hl-to-tile, place, route-noc, tile-to-hw,
 * plan-memory, the .ipub encoder and decoder, and runs bit-exact with the
 * tile-level evaluation, with traffic on the NoC and every inference. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/asm.h"
#include "ipu/context.h"
#include "ipu/dialects.h"
#include "ipu/interp.h"
#include "ipu/ipub.h"
#include "ipu/pass.h"
#include "ipu/sim.h"
#include "ipu/target.h"
#include "unit_test.h"

static char lastError[512];

static void onDiag(const IpuDiagnostic *d, void *user) {
  ++*(int *)user;
  snprintf(lastError, sizeof lastError, "%s", ipuDiagnosticGetMessage(d));
}

/* tiny-16x8 (test/Transforms/Inputs/tiny-16x8.ir): 16 x 8 arrays. */
static const IpuTarget *tiny(void) {
  static IpuTarget t;
  ipuTargetGetPreset("test-4x4", &t);
  snprintf(t.name, sizeof t.name, "tiny-16x8");
  t.arrayRows = 16;
  t.arrayCols = 8;
  return &t;
}

/* The gemm of tile-to-hw-gemm.mlir with varied weights: K = 20 rows need
 * two arrays of 16, N = 12 columns two of 8. */
static char *gemmText(void) {
  static char text[8192];
  int n = snprintf(text, sizeof text,
                   "func.func @gemm(%%x: tensor<2x20xi8>, %%b: tensor<12xi32>)"
                   " -> tensor<2x12xi8> {\n"
                   "  %%w = hl.constant {value = dense<[");
  for (int k = 0; k < 20; ++k) {
    n += snprintf(text + n, sizeof text - (size_t)n, "%s[", k ? ", " : "");
    for (int j = 0; j < 12; ++j)
      n += snprintf(text + n, sizeof text - (size_t)n, "%s%d", j ? ", " : "",
                    (k * 7 + j * 13) % 31 - 15);
    n += snprintf(text + n, sizeof text - (size_t)n, "]");
  }
  snprintf(text + n, sizeof text - (size_t)n,
           "]> : tensor<20x12xi8>} : tensor<20x12xi8>\n"
           "  %%y = hl.gemm %%x, %%w, %%b : (tensor<2x20xi8>, "
           "tensor<20x12xi8>, tensor<12xi32>) -> tensor<2x12xi32>\n"
           "  %%r = hl.requantize %%y {clamp_min = -128 : i64, multiplier = "
           "array<i64: 16777216>, shift = array<i64: 31>, zero_point = "
           "dense<0> : tensor<1xi8>} : (tensor<2x12xi32>) -> "
           "tensor<2x12xi8>\n"
           "  return %%r : tensor<2x12xi8>\n"
           "}\n");
  return text;
}

static bool runPasses(IpuContext *ctx, IpuPassRegistry *reg, IpuOp *module,
                      const char *pipeline) {
  IpuPassManager *pm = ipuPassManagerCreate(ctx, reg, "builtin.module");
  bool ok = ipuSucceeded(ipuPassManagerParsePipeline(pm, pipeline)) &&
            ipuSucceeded(ipuPassManagerRun(pm, module));
  ipuPassManagerDestroy(pm);
  return ok;
}

static IpuOp *firstFunc(IpuOp *module) {
  IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "func.func"))
      return op;
  return NULL;
}

int main(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  int errors = 0;
  ipuRegisterAllDialects(ctx);
  ipuContextSetDiagnosticHandler(ctx, onDiag, &errors);
  IpuPassRegistry *reg = ipuPassRegistryCreate(ctx);
  ipuRegisterAllPasses(reg);

  const char *text = gemmText();
  IpuOp *module = ipuParseSource(ctx, text, strlen(text), NULL);
  CHECK(module && ipuSucceeded(ipuModuleSetTarget(module, tiny())));
  CHECK(runPasses(ctx, reg, module, "builtin.module(hl-to-tile,cleanup)"));

  /* Inputs: x in [-128, 127], a bias per column. */
  IpuTensor in[2];
  int64_t xs[2] = {2, 20}, bs[1] = {12};
  ipuTensorInit(&in[0], IPU_DTYPE_I8, 2, xs);
  ipuTensorInit(&in[1], IPU_DTYPE_I32, 1, bs);
  for (int i = 0; i < 40; ++i)
    ((int8_t *)in[0].data)[i] = (int8_t)((i * 29) % 256 - 128);
  for (int i = 0; i < 12; ++i)
    ((int32_t *)in[1].data)[i] = i * 100 - 500;
  IpuTensor *ref = NULL;
  intptr_t numRef = 0;
  CHECK(ipuSucceeded(ipuInterpRunFunc(firstFunc(module), 2, in, &ref,
                                      &numRef)));

  CHECK(runPasses(ctx, reg, module,
                  "builtin.module(place,route-noc,tile-to-hw,plan-memory)"));
  IpubModule *built = NULL, *loaded = NULL;
  uint8_t *image = NULL;
  size_t size = 0;
  CHECK(ipuSucceeded(ipubFromHw(module, &built)));
  CHECK(built && ipuSucceeded(ipubEncode(built, &image, &size)));
  CHECK(image && ipuSucceeded(ipubDecode(ctx, "gemm.ipub", image, size,
                                         &loaded)));
  CHECK_MSG(errors == 0, "unexpected error: %s", lastError);
  if (loaded && ref) {
    CHECK(loaded->numTiles >= 3 && loaded->numRoutes >= 4);
    for (int64_t n = 1; n <= 5; n += 4) {
      IpuSimOptions o;
      ipuSimOptionsInit(&o);
      o.inferences = n;
      IpuTensor *outs;
      intptr_t numOuts;
      IpuSimReport *rep;
      CHECK(ipuSucceeded(ipuSimRun(loaded, &o, ipuLocUnknownGet(ctx), in, 2,
                                   &outs, &numOuts, &rep)));
      CHECK(numOuts == 1 && numRef == 1 &&
            ipuTensorSameShape(&outs[0], &ref[0]) &&
            outs[0].dtype == ref[0].dtype &&
            memcmp(outs[0].data, ref[0].data, ipuTensorByteSize(&ref[0])) ==
                0);
      IpuSimSummary s;
      ipuSimReportSummary(rep, &s);
      CHECK(s.latencyCycles > 0 && s.macs >= 2 * 20 * 12);
      /* The partial sums of the split travel between tiles. */
      char *json = ipuSimReportJson(ctx, rep);
      CHECK(json && strstr(json, "\"noc_byte_hop\": ") &&
            !strstr(json, "\"noc_byte_hop\": 0,"));
      ipuFree(ctx, json);
      ipuSimReportFree(ctx, rep);
      ipuInterpOutputsFree(outs, numOuts);
    }
  }
  CHECK_MSG(errors == 0, "unexpected error: %s", lastError);
  if (ref)
    ipuInterpOutputsFree(ref, numRef);
  ipuFree(ctx, image);
  if (built)
    ipubModuleFree(built);
  if (loaded)
    ipubModuleFree(loaded);
  ipuTensorFree(&in[0]);
  ipuTensorFree(&in[1]);
  if (module)
    ipuOpDestroy(module);
  ipuPassRegistryDestroy(reg);
  ipuContextDestroy(ctx);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
