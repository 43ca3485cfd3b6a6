/* Unit test of the hl-infer-shapes pass on IR whose declared types are
 * less static than its operands allow: such IR does not verify (the hl
 * verifier wants the exact inferred types), so it is parsed unverified,
 * as an API user may leave it after changing argument types, and must
 * verify after the pass. Also: calls and signatures, conflicts, no-ops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"

#include "unit_test.h"

typedef struct {
  char text[16384];
  size_t len;
} Buffer;

static void append(IpuStringRef piece, void *userData) {
  Buffer *b = userData;
  size_t room = sizeof b->text - 1 - b->len;
  size_t n = piece.length < room ? piece.length : room;
  memcpy(b->text + b->len, piece.data, n);
  b->len += n;
  b->text[b->len] = '\0';
}

static void collectDiagnostic(const IpuDiagnostic *diag, void *userData) {
  Buffer *b = userData;
  const char *msg = ipuDiagnosticGetMessage(diag);
  append(ipuStringRefFromCString(msg), b);
  append(ipuStringRefFromCString("\n"), b);
}

typedef struct {
  bool passOk;     /* the pass succeeded */
  bool verifies;   /* the module verifies afterwards */
  int64_t refined; /* the num-refined statistic */
  Buffer ir;       /* the module printed after the pass */
  Buffer diags;    /* every diagnostic */
} Outcome;

/* Parses `source` without verifying it, runs hl-infer-shapes on it and
 * records what happened. */
static void runPass(const char *source, Outcome *out) {
  memset(out, 0, sizeof *out);
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  ipuContextSetDiagnosticHandler(ctx, collectDiagnostic, &out->diags);
  IpuParseOptions opts = {.filename = "infer.mlir", .skipVerify = true};
  IpuOp *module = ipuParseSource(ctx, source, strlen(source), &opts);
  CHECK_MSG(module != NULL, "parse failed: %s", out->diags.text);
  if (!module) {
    ipuContextDestroy(ctx);
    return;
  }
  IpuPassRegistry *reg = ipuPassRegistryCreate(ctx);
  ipuRegisterAllPasses(reg);
  IpuPassManager *pm = ipuPassManagerCreate(ctx, reg, "builtin.module");
  ipuPassManagerEnableVerifier(pm, false);
  ipuPassManagerEnableStatistics(pm, true);
  CHECK(ipuSucceeded(
      ipuPassManagerParsePipeline(pm, "builtin.module(hl-infer-shapes)")));
  out->passOk = ipuSucceeded(ipuPassManagerRun(pm, module));
  out->refined =
      ipuPassManagerGetStatistic(pm, "hl-infer-shapes", "num-refined");
  if (out->passOk)
    out->verifies = ipuSucceeded(ipuOpVerify(module));
  IpuPrintOptions print;
  ipuPrintOptionsInit(&print);
  ipuOpPrint(module, &print, append, &out->ir);
  ipuOpDestroy(module);
  ipuPassManagerDestroy(pm);
  ipuPassRegistryDestroy(reg);
  ipuContextDestroy(ctx);
}

#define CHECK_HAS(buffer, needle)                                              \
  CHECK_MSG(strstr((buffer).text, needle) != NULL, "missing '%s' in:\n%s",     \
            needle, (buffer).text)
#define CHECK_LACKS(buffer, needle)                                            \
  CHECK_MSG(strstr((buffer).text, needle) == NULL, "unexpected '%s' in:\n%s",  \
            needle, (buffer).text)

/* The pass succeeded and left a module that verifies, without a dynamic
 * size anywhere. */
#define CHECK_ALL_STATIC(o)                                                    \
  do {                                                                         \
    CHECK((o).passOk);                                                         \
    CHECK_MSG((o).verifies, "does not verify:\n%s\n%s", (o).diags.text,        \
              (o).ir.text);                                                    \
    CHECK_LACKS((o).ir, "?");                                                  \
  } while (0)

/* Static arguments, `?` results everywhere: everything becomes static,
 * including the function's result types, and the module verifies. */
static void testRefinesToStatic(void) {
  static const char src[] =
      "func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>,\n"
      "             %b: tensor<4xf32>) -> (tensor<?x4x?x?xf32>, tensor<?x?xf32>) {\n"
      "  %0 = hl.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x?x?xf32>\n"
      "  %1 = \"hl.relu\"(%0) : (tensor<?x4x?x?xf32>) -> tensor<?x?x?x?xf32>\n"
      "  %2 = \"hl.add\"(%1, %1) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>\n"
      "  %3 = hl.flatten %2 {axis = 1 : i64} : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>\n"
      "  %4 = \"hl.sigmoid\"(%1) : (tensor<?x?x?x?xf32>) -> tensor<?x4x?x?xf32>\n"
      "  return %4, %3 : tensor<?x4x?x?xf32>, tensor<?x?xf32>\n"
      "}\n";
  Outcome o;
  runPass(src, &o);
  CHECK_ALL_STATIC(o);
  CHECK_HAS(o.ir, "-> (tensor<1x4x6x6xf32>, tensor<1x144xf32>)");
  CHECK_HAS(o.ir, "hl.relu %0 : tensor<1x4x6x6xf32>");
  CHECK_HAS(o.ir, "hl.flatten %2 {axis = 1 : i64} : (tensor<1x4x6x6xf32>) "
                  "-> tensor<1x144xf32>");
  CHECK(o.refined == 6); /* five results and the signature */
}

/* Calls follow their callee, which may come later in the module (a
 * second sweep); an unranked declared result becomes ranked. */
static void testCallsAndUnranked(void) {
  static const char src[] =
      "func.func @caller(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {\n"
      "  %0 = call @callee(%x) : (tensor<2x3xf32>) -> tensor<?x3xf32>\n"
      "  %1 = \"hl.relu\"(%0) : (tensor<?x3xf32>) -> tensor<?x3xf32>\n"
      "  return %1 : tensor<?x3xf32>\n"
      "}\n"
      "func.func private @callee(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {\n"
      "  %0 = \"hl.identity\"(%x) : (tensor<2x3xf32>) -> tensor<*xf32>\n"
      "  %1 = \"hl.neg\"(%0) : (tensor<*xf32>) -> tensor<?x3xf32>\n"
      "  return %1 : tensor<?x3xf32>\n"
      "}\n";
  Outcome o;
  runPass(src, &o);
  CHECK_ALL_STATIC(o);
  CHECK_LACKS(o.ir, "*");
  CHECK_HAS(o.ir, "call @callee(%arg0) : (tensor<2x3xf32>) -> "
                  "tensor<2x3xf32>");
  CHECK_HAS(o.ir, "func.func @caller(%arg0: tensor<2x3xf32>) -> "
                  "tensor<2x3xf32>");
  CHECK_HAS(o.ir, "func.func private @callee(%arg0: tensor<2x3xf32>) -> "
                  "tensor<2x3xf32>");
}

/* A declared type that contradicts the operands is a located error. */
static void testConflict(void) {
  static const char src[] =
      "func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x5xf32> {\n"
      "  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x5xf32>\n"
      "  return %0 : tensor<2x5xf32>\n"
      "}\n";
  Outcome o;
  runPass(src, &o);
  CHECK(!o.passOk);
  CHECK_HAS(o.diags, "'hl.matmul' op inferred type tensor<2x4xf32> of "
                     "result #0 conflicts with its declared type "
                     "tensor<2x5xf32>");
}

/* Inference that fails (here a contracting dimension made static and
 * wrong by an argument) reports the hl op's own error. */
static void testInferenceError(void) {
  static const char src[] =
      "func.func @f(%a: tensor<2x3xf32>, %b: tensor<5x4xf32>) -> tensor<2x4xf32> {\n"
      "  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<5x4xf32>) -> tensor<2x4xf32>\n"
      "  return %0 : tensor<2x4xf32>\n"
      "}\n";
  Outcome o;
  runPass(src, &o);
  CHECK(!o.passOk);
  CHECK_HAS(o.diags, "'hl.matmul' op contracting dimensions differ: 3 (lhs) "
                     "vs 5 (rhs)");
}

/* Valid IR (types already exact) is left as it is. */
static void testNoChange(void) {
  static const char src[] =
      "func.func @f(%a: tensor<?x3xf32>, %b: tensor<3x4xf32>) -> tensor<?x4xf32> {\n"
      "  %0 = hl.matmul %a, %b : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>\n"
      "  %1 = hl.relu %0 : tensor<?x4xf32>\n"
      "  return %1 : tensor<?x4xf32>\n"
      "}\n";
  Outcome o;
  runPass(src, &o);
  CHECK(o.passOk && o.verifies);
  CHECK(o.refined == 0);
  CHECK_HAS(o.ir, "hl.relu %0 : tensor<?x4xf32>");
}

int main(void) {
  testRefinesToStatic();
  testCallsAndUnranked();
  testConflict();
  testInferenceError();
  testNoChange();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
