/* ipu-compile: a trained network to a .ipub binary in one step: ONNX import
 * (or an IR file at any level), the default pipeline for a target
 * (quantize and lower to tiles, place, route, lower to hw, plan memory) and
 * emission, with progress and timing, a report of the compile decisions and
 * an SVG picture of the placement and routes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_report.h"
#include "ipu/ipub.h"
#include "placement_svg.h"
#include "run_support.h"

typedef enum { EMIT_IPUB, EMIT_HW, EMIT_TILE } EmitKind;

typedef struct {
  const char *input, *output, *targetSpec, *calibration, *svg;
  const char *minCosine, *seed, *effort;
  IpuOnnxInputShape *shapes;
  int64_t (*dims)[IPU_TENSOR_MAX_RANK];
  intptr_t numShapes;
  EmitKind emit;
  RunReport report;
  bool quiet;
  bool debugInfo; /* --mlir-print-debuginfo: emitted IR keeps locations */
} Options;

static void usage(FILE *f) {
  fputs("usage: ipu-compile MODEL.onnx|MODEL.ir -o OUT.ipub [options]\n"
        "  --target NAME|FILE       the chip: a preset (m1076, test-4x4) or "
        "a target\n"
        "                           file (default m1076)\n"
        "  --calibration DIR        calibration inputs for quantization (a "
        "directory\n"
        "                           of samples, as the quantize pass reads "
        "them);\n"
        "                           not needed when nothing is float\n"
        "  --input-shape NAME=DIMS  fix a dynamic ONNX input (repeatable)\n"
        "  --min-cosine C           mixed precision: widen layers until the "
        "output\n"
        "                           cosine on the calibration samples "
        "reaches C\n"
        "  --seed S, --effort E     placement annealing seed and effort "
        "(0: greedy)\n"
        "  --emit=ipub|hw|tile      what -o receives (default ipub; hw and "
        "tile are IR)\n"
        "  --mlir-print-debuginfo   the emitted IR keeps its locations "
        "(ONNX node names)\n"
        "  --report[=json]          the compile decisions, on stdout\n"
        "  --svg FILE               a picture of the placement and routes\n"
        "  -q, --quiet              no progress lines or remarks on stderr\n"
        "An IR input may be hl (float), tile or hw IR: the pipeline starts "
        "where it is.\n",
        f);
}

/* Returns -1 to go on, else the exit code. */
static int parseArgs(int argc, char **argv, Options *o) {
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    const char *eq = strchr(a, '=');
    size_t nameLen = eq ? (size_t)(eq - a) : strlen(a);
#define FLAG(s) (nameLen == strlen(s) && !strncmp(a, s, nameLen))
    const char *value = eq ? eq + 1 : NULL;
    bool takesValue = FLAG("--target") || FLAG("--calibration") ||
                      FLAG("--input-shape") || FLAG("--min-cosine") ||
                      FLAG("--seed") || FLAG("--effort") || FLAG("--svg") ||
                      FLAG("-o");
    if (takesValue && !value) {
      if (!next) {
        fprintf(stderr, "ipu-compile: error: %s needs a value\n", a);
        return 1;
      }
      value = argv[++i];
    }
    if (FLAG("-h") || FLAG("--help")) {
      usage(stdout);
      return 0;
    } else if (FLAG("-o")) {
      o->output = value;
    } else if (FLAG("--target")) {
      o->targetSpec = value;
    } else if (FLAG("--calibration")) {
      o->calibration = value;
    } else if (FLAG("--svg")) {
      o->svg = value;
    } else if (FLAG("--min-cosine") || FLAG("--seed") || FLAG("--effort")) {
      char *end;
      errno = 0;
      double v = strtod(value, &end);
      bool whole = !FLAG("--min-cosine");
      if (!*value || *end || errno || v < 0 || (whole && v != (long long)v) ||
          (!whole && v > 1)) {
        fprintf(stderr, "ipu-compile: error: %.*s expects %s, got '%s'\n",
                (int)nameLen, a,
                whole ? "a whole number >= 0" : "a number in [0, 1]", value);
        return 1;
      }
      *(FLAG("--seed") ? &o->seed : FLAG("--effort") ? &o->effort
                                                     : &o->minCosine) = value;
    } else if (FLAG("--input-shape")) {
      char *arg = (char *)value;
      if (!toolParseInputShape(arg, &o->shapes[o->numShapes],
                               o->dims[o->numShapes])) {
        fprintf(stderr, "ipu-compile: error: bad --input-shape '%s' "
                "(expected NAME=1x3x48x192)\n", arg);
        return 1;
      }
      ++o->numShapes;
    } else if (FLAG("--emit")) {
      o->emit = value && !strcmp(value, "ipub") ? EMIT_IPUB
                : value && !strcmp(value, "hw") ? EMIT_HW
                : value && !strcmp(value, "tile") ? EMIT_TILE
                                                  : (EmitKind)-1;
      if ((int)o->emit < 0) {
        fprintf(stderr, "ipu-compile: error: --emit expects ipub, hw or "
                "tile, got '%s'\n", value ? value : "");
        return 1;
      }
    } else if (!strcmp(a, "--report") || !strcmp(a, "--report=text")) {
      o->report = RUN_REPORT_TEXT;
    } else if (!strcmp(a, "--report=json")) {
      o->report = RUN_REPORT_JSON;
    } else if (FLAG("-q") || FLAG("--quiet")) {
      o->quiet = true;
    } else if (FLAG("--mlir-print-debuginfo")) {
      o->debugInfo = true;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ipu-compile: error: unknown option '%s'\n", a);
      usage(stderr);
      return 1;
    } else if (o->input) {
      fprintf(stderr, "ipu-compile: error: more than one input file\n");
      return 1;
    } else {
      o->input = a;
    }
#undef FLAG
  }
  if (!o->input || !o->output) {
    fprintf(stderr, "ipu-compile: error: %s\n",
            !o->input ? "no input model given" : "no output given (-o FILE)");
    usage(stderr);
    return 1;
  }
  return -1;
}

/* The level of a module: where the pipeline starts. */
typedef enum { LEVEL_HL, LEVEL_TILE, LEVEL_HW } Level;

static IpuWalkResult findLevel(IpuOp *op, void *data) {
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  Level *level = data;
  if (!strncmp(name, "hw.", 3) && strcmp(name, "hw.tile") &&
      *level < LEVEL_HW) {
    *level = LEVEL_HW;
    return IPU_WALK_INTERRUPT;
  }
  if (!strncmp(name, "tile.", 5) && *level < LEVEL_TILE)
    *level = LEVEL_TILE;
  return IPU_WALK_ADVANCE;
}

/* Sets *data when an hl op computes in float (a float tensor operand or
 * result; constants and quantize / dequantize boundaries aside): then the
 * quantize pass needs calibration inputs, otherwise it has nothing to do. */
static IpuWalkResult findFloatCompute(IpuOp *op, void *data) {
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  if (strncmp(name, "hl.", 3) || !strcmp(name, "hl.constant") ||
      !strcmp(name, "hl.quantize") || !strcmp(name, "hl.dequantize"))
    return IPU_WALK_ADVANCE;
  intptr_t numOperands = ipuOpGetNumOperands(op);
  for (intptr_t i = 0; i < numOperands + ipuOpGetNumResults(op); ++i) {
    IpuType t = ipuValueGetType(i < numOperands
                                    ? ipuOpGetOperand(op, i)
                                    : ipuOpGetResult(op, i - numOperands));
    if (ipuTypeIsTensor(t) && ipuTypeIsFloat(ipuShapedTypeGetElementType(t))) {
      *(bool *)data = true;
      return IPU_WALK_INTERRUPT;
    }
  }
  return IPU_WALK_ADVANCE;
}

static const char *const kLevelNames[] = {"hl", "tile", "hw"};

typedef struct {
  const Options *o;
  IpuContext *ctx;
  IpuOp *module;
  CompileReport *report;
  int stage, numStages;
  double loadMs;
} Compile;

static void progress(Compile *c, const char *what, double ms) {
  if (!c->o->quiet)
    fprintf(stderr, "ipu-compile: [%d/%d] %-34s %8.1f ms\n", ++c->stage,
            c->numStages, what, ms);
}

/* A stage that ran from `start`: its line of progress and its entry in
 * the report (with the statistics of `pm`, if it ran passes). */
static void finishStage(Compile *c, const char *title, double start,
                        IpuPassManager *pm) {
  double ms = runNowMs() - start;
  compileReportAddStage(c->report, title, ms, pm);
  progress(c, title, ms);
}

/* Runs one pipeline stage on the module, recording its statistics. */
static bool runStage(Compile *c, const IpuPassRegistry *reg,
                     const char *title, const char *pipeline) {
  IpuPassManager *pm = ipuPassManagerCreate(c->ctx, reg, "builtin.module");
  ipuPassManagerEnableStatistics(pm, true);
  double start = runNowMs();
  bool ok = ipuSucceeded(ipuPassManagerParsePipeline(pm, pipeline)) &&
            ipuSucceeded(ipuPassManagerRun(pm, c->module));
  if (ok)
    finishStage(c, title, start, pm);
  ipuPassManagerDestroy(pm);
  return ok;
}

static bool writeText(const char *path, const char *data, size_t size) {
  FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
  if (!f) {
    fprintf(stderr, "ipu-compile: error: cannot open '%s' for writing\n",
            path);
    return false;
  }
  bool ok = fwrite(data, 1, size, f) == size;
  ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
  if (!ok)
    fprintf(stderr, "ipu-compile: error: could not write '%s'\n", path);
  return ok;
}

/* The tile or hw IR; with --mlir-print-debuginfo its locations (the ONNX
 * node names) too, so that a later ipu-compile or ipu-opt run on it still
 * names the nodes. */
static bool emitIr(Compile *c) {
  double start = runNowMs();
  IpuStrBuf buf = {.ctx = c->ctx};
  IpuPrintOptions print;
  ipuPrintOptionsInit(&print);
  print.debugInfo = c->o->debugInfo;
  ipuOpPrint(c->module, &print, ipuStrBufCallback, &buf);
  char *text = ipuStrBufTake(&buf);
  bool ok = text && writeText(c->o->output, text, strlen(text));
  ipuFree(c->ctx, text);
  if (ok)
    finishStage(c, c->o->emit == EMIT_TILE ? "emit tile IR" : "emit hw IR",
                start, NULL);
  return ok;
}

/* hw IR -> IpubModule -> file (and the picture). */
static bool emitBinary(Compile *c) {
  double start = runNowMs();
  IpubModule *m = NULL;
  uint8_t *data = NULL;
  size_t size = 0;
  bool ok = ipuSucceeded(ipubFromHw(c->module, &m)) &&
            ipuSucceeded(ipubEncode(m, &data, &size));
  if (ok && c->o->emit == EMIT_IPUB)
    ok = writeText(c->o->output, (const char *)data, size);
  if (ok && c->o->svg) {
    char *svg = placementSvg(m, c->o->input);
    ok = svg && writeText(c->o->svg, svg, strlen(svg));
    ipuFree(c->ctx, svg);
  }
  if (ok) {
    compileReportSetBinary(c->report, m, size);
    finishStage(c, c->o->emit == EMIT_IPUB ? "emit .ipub" : "check the binary",
                start, NULL);
  }
  if (data)
    ipuFree(c->ctx, data);
  if (m)
    ipubModuleFree(m);
  return ok;
}

static IpuOp *load(Compile *c, IpuSourceMgr *sources, ToolFile *file) {
  const Options *o = c->o;
  double start = runNowMs();
  IpuOp *module = NULL;
  size_t len = strlen(o->input);
  if (len > 5 && !strcmp(o->input + len - 5, ".onnx")) {
    IpuOnnxImportOptions opts = {0};
    opts.inputShapes = o->shapes;
    opts.numInputShapes = o->numShapes;
    module = ipuOnnxImport(c->ctx, o->input, &opts);
  } else {
    char err[512];
    if (!toolReadFile(o->input, file, err, sizeof err)) {
      fprintf(stderr, "ipu-compile: error: %s\n", err);
      return NULL;
    }
    ipuSourceMgrAddBuffer(sources, file->name, file->data, file->length);
    IpuParseOptions popts;
    memset(&popts, 0, sizeof popts);
    popts.filename = file->name;
    module = ipuParseSource(c->ctx, file->data, file->length, &popts);
  }
  c->loadMs = runNowMs() - start;
  if (module)
    compileReportAddStage(c->report, "load", c->loadMs, NULL);
  return module;
}

static int compile(Compile *c, const IpuPassRegistry *reg,
                   const IpuTarget *target) {
  const Options *o = c->o;
  Level level = LEVEL_HL;
  ipuOpWalk(c->module, IPU_WALK_PRE_ORDER, findLevel, &level);
  bool floatCompute = false;
  if (level == LEVEL_HL && !o->calibration)
    ipuOpWalk(c->module, IPU_WALK_PRE_ORDER, findFloatCompute, &floatCompute);
  if (level == LEVEL_HL && !o->calibration && floatCompute) {
    fprintf(stderr, "ipu-compile: error: quantization needs calibration "
            "inputs: give --calibration DIR\n");
    return 1;
  }
  if (level < LEVEL_HW && ipuFailed(ipuModuleSetTarget(c->module, target)))
    return 1;
  /* load, [quantize and lower], [place, route, hw, memory], binary,
   * [hw IR]; tile IR stops after the lowering. */
  c->numStages = o->emit == EMIT_TILE && level == LEVEL_HL
                     ? 3
                     : 2 + (level == LEVEL_HL) + (level < LEVEL_HW) * 4 +
                           (o->emit == EMIT_HW);
  if (!o->quiet)
    fprintf(stderr, "ipu-compile: %s (%s IR) for %s\n", o->input,
            kLevelNames[level], target->name);
  progress(c, "load", c->loadMs);
  char pipeline[8192];
  if (level == LEVEL_HL) {
    /* Without calibration inputs (an integer network) quantize has
     * nothing to do and reads none. */
    snprintf(pipeline, sizeof pipeline,
             "builtin.module(hl-to-tile-pipeline{target=%s%s%s array-budget=-1 balance-latency=true%s%s})",
             o->targetSpec, o->calibration ? " calibration=" : "",
             o->calibration ? o->calibration : "",
             o->minCosine ? " min-cosine=" : "",
             o->minCosine ? o->minCosine : "");
    if (!runStage(c, reg, "quantize, lower to tiles", pipeline))
      return 1;
    if (o->emit == EMIT_TILE)
      return emitIr(c) ? 0 : 1;
  }
  if (level < LEVEL_HW) {
    snprintf(pipeline, sizeof pipeline, "builtin.module(place{seed=%s effort=%s})",
             o->seed ? o->seed : "1", o->effort ? o->effort : "1");
    if (!runStage(c, reg, "place", pipeline) ||
        !runStage(c, reg, "route", "builtin.module(route-noc)") ||
        !runStage(c, reg, "lower to hw", "builtin.module(tile-to-hw)") ||
        !runStage(c, reg, "plan memory", "builtin.module(plan-memory)"))
      return 1;
  }
  if (!emitBinary(c))
    return 1;
  if (o->emit == EMIT_HW && !emitIr(c))
    return 1;
  if (o->report != RUN_REPORT_NONE) {
    char *text = o->report == RUN_REPORT_JSON
                     ? compileReportJson(c->ctx, c->report)
                     : compileReportText(c->ctx, c->report);
    if (!text)
      return 1;
    fputs(text, stdout);
    ipuFree(c->ctx, text);
  }
  return 0;
}

int main(int argc, char **argv) {
  Options o;
  memset(&o, 0, sizeof o);
  o.shapes = calloc((size_t)argc, sizeof *o.shapes);
  o.dims = calloc((size_t)argc, sizeof *o.dims);
  if (!o.shapes || !o.dims) {
    free(o.shapes);
    free(o.dims);
    return 1;
  }
  int rc = parseArgs(argc, argv, &o);
  if (rc >= 0) {
    free(o.shapes);
    free(o.dims);
    return rc;
  }
  if (!o.targetSpec)
    o.targetSpec = "m1076";
  rc = 1;
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  IpuSourceMgr *sources = ipuSourceMgrCreate(ctx);
  ToolDiagPrinter printer = {stderr, sources, o.quiet};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  IpuPassRegistry *reg = ipuPassRegistryCreate(ctx);
  ipuRegisterAllPasses(reg);
  ToolFile targetFile = {0}, file = {0};
  IpuTarget target;
  CompileReport *report = compileReportCreate(o.input, o.output);
  Compile c = {&o, ctx, NULL, report, 0, 0, 0};
  if (report && toolResolveTarget(ctx, sources, "ipu-compile", o.targetSpec,
                                  &targetFile, &target)) {
    compileReportSetTarget(report, &target);
    c.module = load(&c, sources, &file);
    if (c.module)
      rc = compile(&c, reg, &target);
  }
  if (c.module)
    ipuOpDestroy(c.module);
  compileReportDestroy(report);
  ipuPassRegistryDestroy(reg);
  ipuSourceMgrDestroy(sources);
  toolFileFree(&targetFile);
  if (file.data)
    toolFileFree(&file);
  ipuContextDestroy(ctx);
  free(o.shapes);
  free(o.dims);
  return rc;
}
