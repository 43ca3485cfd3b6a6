/* Unit test of the target API (include/ipu/target.h) and of the verifier's
 * dialect attribute hook: presets, attribute round trips, module get/set,
 * target files with located errors, and the hook on any op. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipu/ipu.h"
#include "ipu/target.h"

#include "unit_test.h"

/* ---- Diagnostics, collected. ------------------------------------------ */

typedef struct {
  int count;   /* errors */
  int remarks; /* the hook's calls, in testHook */
  char last[512];
  unsigned line, column;
} Diags;

static void collect(const IpuDiagnostic *diag, void *userData) {
  Diags *d = userData;
  if (ipuDiagnosticGetSeverity(diag) == IPU_SEVERITY_REMARK) {
    ++d->remarks;
    return;
  }
  ++d->count;
  snprintf(d->last, sizeof d->last, "%s", ipuDiagnosticGetMessage(diag));
  IpuLocation loc = ipuLocFindFileLoc(ipuDiagnosticGetLocation(diag));
  d->line = loc ? ipuLocFileGetLine(loc) : 0;
  d->column = loc ? ipuLocFileGetColumn(loc) : 0;
}

static IpuOp *parse(IpuContext *ctx, const char *text) {
  IpuParseOptions options = {0};
  options.filename = "test";
  return ipuParseSource(ctx, text, strlen(text), &options);
}

/* Every field, as the entry table lists them. */
static bool sameTarget(const IpuTarget *a, const IpuTarget *b) {
  bool same = strcmp(a->name, b->name) == 0;
#define TARGET_INT(m, key, lo, hi, doc) same = same && a->m == b->m;
#define TARGET_REAL(m, key, minKind, doc) same = same && a->m == b->m;
#define TARGET_BOOL(m, key, doc) same = same && a->m == b->m;
#include "../../dialects/hw/target_fields.def"
#undef TARGET_INT
#undef TARGET_REAL
#undef TARGET_BOOL
  return same;
}

static void testPresets(IpuContext *ctx) {
  const char *const *names = ipuTargetPresetNames();
  CHECK(names[0] && strcmp(names[0], "test-4x4") == 0);
  CHECK(names[1] && strcmp(names[1], "m1076") == 0);
  CHECK(names[2] == NULL);
  IpuTarget t;
  CHECK(!ipuTargetGetPreset("m1077", &t));
  CHECK(!ipuTargetGetPreset(NULL, &t));
  for (const char *const *n = names; *n; ++n) {
    CHECK(ipuTargetGetPreset(*n, &t));
    CHECK(strcmp(t.name, *n) == 0);
    IpuAttr attr = ipuTargetToAttr(ctx, &t);
    CHECK(attr && ipuAttrGetKind(attr) == IPU_ATTR_DICTIONARY);
    IpuTarget back;
    memset(&back, 0xAB, sizeof back);
    CHECK(ipuSucceeded(
        ipuTargetFromAttr(ctx, ipuLocUnknownGet(ctx), attr, &back)));
    CHECK_MSG(sameTarget(&t, &back), "preset %s round trip", *n);
  }
  /* DESIGN.md's figures for the M1076. */
  CHECK(ipuTargetGetPreset("m1076", &t));
  int64_t tiles = t.chips * t.gridCols * t.gridRows;
  CHECK(tiles == 76);
  double weights = (double)tiles * (double)(t.arrayRows * t.arrayCols);
  CHECK(weights > 78e6 && weights < 82e6);
  CHECK(t.weightBits == 8);
  double tops = 2 * ipuTargetPeakMacsPerSecond(&t) / 1e12;
  CHECK_MSG(tops > 24 && tops < 26, "m1076 peak %g TOPS", tops);
  CHECK(t.hostLinkBytesPerSecond == 2.0e9);
  double watts = ipuTargetPeakMacsPerSecond(&t) * t.energyAnalogMacPj * 1e-12;
  CHECK_MSG(watts >= 3 && watts <= 4, "m1076 arrays at peak %g W", watts);
  CHECK(ipuTargetGetPreset("test-4x4", &t));
  CHECK(t.gridCols == 4 && t.gridRows == 4 && t.arrayRows == 256 &&
        t.arrayCols == 256 && t.weightBits == 8);
}

static void testFromAttrErrors(IpuContext *ctx, Diags *d) {
  IpuTarget t, out;
  ipuTargetGetPreset("test-4x4", &t);
  IpuAttr good = ipuTargetToAttr(ctx, &t);
  IpuLocation loc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, "here"), 7, 9);
  struct {
    const char *key, *value, *message;
  } cases[] = {
      {"weight_bits", "9",
       "target entry 'weight_bits' must be in [1, 8], but got 9"},
      {"clock_hz", "-1.0",
       "target entry 'clock_hz' must be a finite number > 0, but got "
       "-1.000000e+00 : f64"},
      {"chips", "1.0",
       "target entry 'chips' must be a 64-bit integer (i64), but got "
       "1.000000e+00 : f64"},
      {"bit_serial_inputs", "0",
       "target entry 'bit_serial_inputs' must be a bool (true or false), but "
       "got 0 : i64"},
      {"extra", "1", "unknown target entry 'extra'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    IpuAttr value = ipuAttrParse(ctx, ipuStringRefFromCString(cases[i].value));
    IpuAttr bad = ipuDictionaryAttrSet(
        ctx, good, ipuIdentGetC(ctx, cases[i].key), value);
    d->count = 0;
    CHECK(ipuFailed(ipuTargetFromAttr(ctx, loc, bad, &out)));
    CHECK(d->count == 1);
    CHECK_MSG(strcmp(d->last, cases[i].message) == 0, "got '%s'", d->last);
    CHECK(d->line == 7 && d->column == 9);
  }
  d->count = 0;
  IpuAttr missing =
      ipuDictionaryAttrSet(ctx, good, ipuIdentGetC(ctx, "name"), NULL);
  CHECK(ipuFailed(ipuTargetFromAttr(ctx, loc, missing, &out)));
  CHECK(strcmp(d->last, "target entry 'name' is missing") == 0);
  CHECK(ipuFailed(ipuTargetFromAttr(ctx, loc, NULL, &out)));
  CHECK(ipuFailed(ipuTargetFromAttr(ctx, loc, ipuUnitAttrGet(ctx), &out)));
  CHECK(d->count == 3);
  /* Several chips need a chip link. */
  t.chips = 2;
  t.chipLinkBytesPerSecond = 0;
  IpuAttr attr = ipuTargetToAttr(ctx, &t);
  CHECK(ipuFailed(ipuTargetFromAttr(ctx, loc, attr, &out)));
  t.chipLinkBytesPerSecond = 1e9;
  attr = ipuTargetToAttr(ctx, &t);
  CHECK(ipuSucceeded(ipuTargetFromAttr(ctx, loc, attr, &out)));
  CHECK(out.chips == 2);
}

static void testModules(IpuContext *ctx, Diags *d) {
  IpuOp *module =
      parse(ctx, "module {\n  func.func @f() {\n    return\n  }\n}\n");
  CHECK(module != NULL);
  if (!module)
    return;
  IpuTarget t, got;
  CHECK(!ipuModuleHasTarget(module));
  d->count = 0;
  CHECK(ipuFailed(ipuModuleGetTarget(module, false, &got)));
  CHECK(d->count == 0);
  CHECK(ipuFailed(ipuModuleGetTarget(module, true, &got)));
  CHECK(d->count == 1 && strstr(d->last, "has no target") != NULL);

  ipuTargetGetPreset("m1076", &t);
  CHECK(ipuSucceeded(ipuModuleSetTarget(module, &t)));
  CHECK(ipuModuleHasTarget(module));
  CHECK(ipuSucceeded(ipuModuleGetTarget(module, true, &got)));
  CHECK(sameTarget(&t, &got));
  CHECK(ipuSucceeded(ipuOpVerify(module)));
  /* Replacing it. */
  ipuTargetGetPreset("test-4x4", &t);
  CHECK(ipuSucceeded(ipuModuleSetTarget(module, &t)));
  CHECK(ipuSucceeded(ipuModuleGetTarget(module, true, &got)));
  CHECK(strcmp(got.name, "test-4x4") == 0);
  /* A bad target is refused and the old one stays. */
  IpuTarget bad = t;
  bad.adcBits = 0;
  snprintf(bad.name, sizeof bad.name, "bad");
  d->count = 0;
  CHECK(ipuFailed(ipuModuleSetTarget(module, &bad)));
  CHECK(d->count == 1);
  CHECK(ipuSucceeded(ipuModuleGetTarget(module, true, &got)));
  CHECK(strcmp(got.name, "test-4x4") == 0);
  /* Only modules hold one, and the verifier says so. */
  IpuOp *func =
      ipuBlockGetFirstOp(ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0)));
  d->count = 0;
  CHECK(ipuFailed(ipuModuleSetTarget(func, &t)));
  CHECK(d->count == 1);
  ipuOpSetAttr(func, IPU_TARGET_ATTR_NAME, ipuTargetToAttr(ctx, &t));
  d->count = 0;
  CHECK(ipuFailed(ipuOpVerify(module)));
  CHECK(d->count == 1 && strstr(d->last, "only allowed on a 'builtin.module'"));
  ipuOpSetAttr(func, IPU_TARGET_ATTR_NAME, NULL);
  /* A malformed module attribute fails verification. */
  ipuOpSetAttr(module, IPU_TARGET_ATTR_NAME, ipuUnitAttrGet(ctx));
  d->count = 0;
  CHECK(ipuFailed(ipuOpVerify(module)));
  CHECK(d->count == 1);
  CHECK(ipuFailed(ipuModuleGetTarget(module, false, &got)));
  ipuOpDestroy(module);
}

/* Prints `t` as a target file would hold it. */
static void appendText(IpuStringRef piece, void *userData) {
  FILE *f = userData;
  fwrite(piece.data, 1, piece.length, f);
}

static void testFiles(IpuContext *ctx, Diags *d) {
  char path[] = "/tmp/ipu-target-test-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0)
    return;
  FILE *f = fdopen(fd, "w");
  IpuTarget t, got;
  ipuTargetGetPreset("m1076", &t);
  snprintf(t.name, sizeof t.name, "from-a-file");
  IpuOp *module = parse(ctx, "module {\n}\n");
  ipuModuleSetTarget(module, &t);
  IpuPrintOptions print;
  ipuPrintOptionsInit(&print);
  ipuOpPrint(module, &print, appendText, f);
  fclose(f);
  ipuOpDestroy(module);

  IpuLocation here = ipuLocUnknownGet(ctx);
  d->count = 0;
  CHECK(ipuSucceeded(ipuTargetResolve(ctx, here, path, &got)));
  CHECK(d->count == 0);
  CHECK(sameTarget(&t, &got));
  CHECK(ipuSucceeded(ipuTargetResolve(ctx, here, "test-4x4", &got)));
  CHECK(strcmp(got.name, "test-4x4") == 0);
  CHECK(ipuFailed(ipuTargetResolve(ctx, here, "nosuch", &got)));
  CHECK(strcmp(d->last,
               "unknown target 'nosuch' (known: test-4x4, m1076)") == 0);
  CHECK(ipuFailed(ipuTargetResolve(ctx, here, "/nonexistent/t.ir", &got)));
  CHECK(strstr(d->last, "cannot open target file '/nonexistent/t.ir'") != NULL);
  CHECK(ipuFailed(ipuTargetResolve(ctx, here, "/tmp", &got)));
  CHECK(strstr(d->last, "is not a regular file") != NULL);
  unlink(path);

  /* Errors in a file point at the entry. */
  static const char text[] =
      "// comment: adc_bits = 99 is not the entry\n"
      "module attributes {\"hw.target\" = {name = \"f\", chips = 1,\n"
      "    grid_cols = 1, grid_rows = 1, chip_link_bytes_per_second = 0.0,\n"
      "    chip_link_latency_seconds = 0.0, array_rows = 8, array_cols = 8,\n"
      "    weight_bits = 8, \"adc_bits\" = 99, input_bits = 8,\n"
      "    bit_serial_inputs = false, array_step_cycles = 1,\n"
      "    sram_bytes_per_tile = 1, simd_lanes = 1,\n"
      "    noc_link_bytes_per_cycle = 1.0, noc_hop_latency_cycles = 0,\n"
      "    host_link_bytes_per_second = 1.0, clock_hz = 1.0,\n"
      "    energy_analog_mac_pj = 0.0, energy_sram_byte_pj = 0.0,\n"
      "    energy_noc_byte_hop_pj = 0.0, energy_host_link_byte_pj = 0.0,\n"
      "    energy_simd_op_pj = 0.0}} {\n"
      "}\n";
  d->count = 0;
  CHECK(ipuFailed(ipuTargetParse(ctx, "mem.ir", text, sizeof text - 1, &got)));
  CHECK(d->count == 1);
  CHECK_MSG(d->line == 5 && d->column == 22, "at %u:%u", d->line, d->column);
  CHECK(strstr(d->last, "'adc_bits' must be in [1, 32], but got 99") != NULL);
  /* The same text with a good value parses. */
  char fixed[sizeof text];
  memcpy(fixed, text, sizeof text);
  char *p = strstr(fixed, "\"adc_bits\" = 99");
  memcpy(p + strlen("\"adc_bits\" = "), "32", 2);
  CHECK(ipuSucceeded(
      ipuTargetParse(ctx, "mem.ir", fixed, sizeof fixed - 1, &got)));
  CHECK(got.adcBits == 32 && strcmp(got.name, "f") == 0);
  /* A syntax error is the parser's. */
  d->count = 0;
  CHECK(ipuFailed(
      ipuTargetParse(ctx, "mem.ir", "module attributes {", 19, &got)));
  CHECK(d->count == 1);
}

/* ---- The verifier's dialect attribute hook, in general. ---------------- */

/* Each call leaves a remark, which the handler counts. */
static IpuLogicalResult verifyTestAttr(IpuOp *op, IpuNamedAttr attr) {
  ipuEmitRemark(ipuOpGetContext(op), ipuOpGetLoc(op), "hook");
  if (strcmp(ipuIdentCStr(attr.name), "v.bad") == 0)
    return ipuOpEmitError(op, "rejects v.bad");
  return IPU_SUCCESS;
}

static const IpuOpDef kProbeOp = {.name = "v.probe", .summary = "probe"};
static const IpuAttrDef kInherentAttrs[] = {
    {"v.inherent", IPU_ATTRC_ANY, true, NULL, "inherent"}};
static const IpuOpDef kInherentOp = {.name = "v.with_inherent",
                                     .summary = "inherent",
                                     .attrs = kInherentAttrs,
                                     .numAttrs = 1};
static const IpuOpDef *const kTestOps[] = {&kProbeOp, &kInherentOp};
static const IpuDialectDef kTestDialect = {
    .name = "v",
    .summary = "test",
    .ops = kTestOps,
    .numOps = 2,
    .verifyOperationAttribute = verifyTestAttr,
};

static void testHook(IpuContext *ctx, Diags *d) {
  d->remarks = 0;
  ipuContextRegisterDialect(ctx, &kTestDialect);
  ipuContextSetAllowUnregisteredDialects(ctx, true);
  IpuOp *m = parse(ctx, "module attributes {v.ok = 1, other.x = 2, "
                        "plain = 3} {\n"
                        "  \"x.unregistered\"() {v.fine = 1} : () -> ()\n"
                        "  v.probe {v.also = 1}\n"
                        "  v.with_inherent {v.inherent = 1}\n"
                        "}\n");
  CHECK(m != NULL);
  /* v.ok, v.fine, v.also; not other.x, plain or the inherent one. */
  CHECK_MSG(d->remarks == 3, "hook called %d times", d->remarks);
  ipuOpDestroy(m);
  d->count = 0;
  m = parse(ctx,
            "module {\n  \"x.unregistered\"() {v.bad = 1} : () -> ()\n}\n");
  CHECK(m == NULL);
  CHECK(d->count == 1 &&
        strcmp(d->last, "'x.unregistered' op rejects v.bad") == 0);
  CHECK(d->line == 2);
  ipuContextSetAllowUnregisteredDialects(ctx, false);
}

int main(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  Diags diags = {0};
  ipuContextSetDiagnosticHandler(ctx, collect, &diags);
  testPresets(ctx);
  testFromAttrErrors(ctx, &diags);
  testModules(ctx, &diags);
  testFiles(ctx, &diags);
  testHook(ctx, &diags);
  ipuContextDestroy(ctx);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
