/* ipu-opt: parses an .ir/.mlir file, runs a pass pipeline on it and prints
 * the result, with MLIR's mlir-opt options and exit codes (0 ok, 1 error). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tool_support.h"

typedef struct {
  const char *input;
  const char *output;
  bool allowUnregistered;
  bool generic;
  bool debugInfo;
  bool prettyDebugInfo;
  int64_t elideLimit;
  int64_t hexThreshold;
  bool splitInput;
  bool verifyDiagnostics;
  bool verifyEach;
  bool listPasses;
  bool dumpPipeline;
  bool timing;
  bool statistics;
  const char *pipeline;    /* --pass-pipeline */
  char *passFlags;         /* "a,b{x=1}" from one flag per pass */
  const char *printBefore, *printAfter;
  bool printBeforeAll, printAfterAll;
  const char *target;      /* --target: preset name or target file */
  bool listTargets;
} Options;

static void usage(FILE *out) {
  fputs(
      "OVERVIEW: IPU modular optimizer driver\n\n"
      "USAGE: ipu-opt [options] <input file>\n\n"
      "OPTIONS:\n"
      "  -o <file>                          Output file (default: stdout)\n"
      "  --pass-pipeline=<pipeline>         Textual pass pipeline, e.g.\n"
      "                                     'builtin.module(func.func(cse))'\n"
      "  --<pass>[=<options>]               Add one registered pass\n"
      "  --list-passes                      List passes and pipelines\n"
      "  --target=<name|file>               Attach a target (hw.target) to\n"
      "                                     the module before the pipeline\n"
      "                                     runs\n"
      "  --list-targets                     List the preset targets\n"
      "  --dump-pass-pipeline               Print the pipeline to stderr\n"
      "  --allow-unregistered-dialect       Accept ops of unknown dialects\n"
      "  --mlir-print-op-generic            Print ops in generic form\n"
      "  --mlir-print-debuginfo             Print locations\n"
      "  --mlir-print-local-scope           Print locations inline, no aliases\n"
      "  --mlir-elide-elementsattrs-if-larger=<n>\n"
      "  --mlir-print-elementsattrs-with-hex-if-larger=<n>\n"
      "  --split-input-file                 Split the input at '// -----'\n"
      "  --verify-diagnostics               Check expected-* comments\n"
      "  --verify-each[=true|false]         Verify after each pass (on)\n"
      "  --mlir-print-ir-before=<passes>    Print IR before these passes\n"
      "  --mlir-print-ir-after=<passes>     Print IR after these passes\n"
      "  --mlir-print-ir-before-all, --mlir-print-ir-after-all\n"
      "  --mlir-timing                      Report pass timing\n"
      "  --mlir-pass-statistics             Report pass statistics\n"
      "  --help, --version\n",
      out);
}

static void appendPassFlag(Options *o, const char *name, const char *opts) {
  size_t old = o->passFlags ? strlen(o->passFlags) : 0;
  size_t need = old + strlen(name) + (opts ? strlen(opts) + 2 : 0) + 2;
  o->passFlags = realloc(o->passFlags, need);
  char *p = o->passFlags + old;
  if (old)
    *p++ = ',';
  if (opts)
    sprintf(p, "%s{%s}", name, opts);
  else
    strcpy(p, name);
}

static bool parseBool(const char *v, bool *out) {
  if (!v || !strcmp(v, "true") || !strcmp(v, "1")) {
    *out = true;
    return true;
  }
  if (!strcmp(v, "false") || !strcmp(v, "0")) {
    *out = false;
    return true;
  }
  return false;
}

static bool parseInt(const char *v, int64_t *out) {
  if (!v || !*v)
    return false;
  char *end;
  long long x = strtoll(v, &end, 10);
  if (*end || x < 0)
    return false;
  *out = x;
  return true;
}

static int optionError(const char *fmt, const char *arg) {
  fprintf(stderr, "ipu-opt: error: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n");
  return 1;
}

/* Returns -1 to go on, or an exit code. */
static int parseArgs(int argc, char **argv, Options *o,
                     const IpuPassRegistry *reg) {
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (arg[0] != '-' || !strcmp(arg, "-")) {
      if (o->input)
        return optionError("more than one input file given: '%s'", arg);
      o->input = arg;
      continue;
    }
    const char *name = arg + 1 + (arg[1] == '-');
    const char *eq = strchr(name, '=');
    size_t nameLen = eq ? (size_t)(eq - name) : strlen(name);
    const char *value = eq ? eq + 1 : NULL;
#define IS(s) (nameLen == strlen(s) && !strncmp(name, s, nameLen))
    if (IS("o")) {
      if (!value) {
        if (i + 1 >= argc)
          return optionError("option '%s' needs a file name", arg);
        value = argv[++i];
      }
      o->output = value;
    } else if (IS("help") || IS("h")) {
      usage(stdout);
      return 0;
    } else if (IS("version")) {
      puts("ipu-opt (IPU IR toolkit) 0.1");
      return 0;
    } else if (IS("allow-unregistered-dialect")) {
      o->allowUnregistered = true;
    } else if (IS("mlir-print-op-generic")) {
      o->generic = true;
    } else if (IS("mlir-print-debuginfo")) {
      o->debugInfo = true;
    } else if (IS("mlir-print-local-scope")) {
      o->prettyDebugInfo = true; /* locations inline, no #loc aliases */
    } else if (IS("mlir-elide-elementsattrs-if-larger")) {
      if (!parseInt(value, &o->elideLimit))
        return optionError("invalid value for '%s'", arg);
    } else if (IS("mlir-print-elementsattrs-with-hex-if-larger")) {
      if (!parseInt(value, &o->hexThreshold))
        return optionError("invalid value for '%s'", arg);
    } else if (IS("split-input-file")) {
      o->splitInput = true;
    } else if (IS("verify-diagnostics")) {
      o->verifyDiagnostics = true;
    } else if (IS("verify-each")) {
      if (!parseBool(value, &o->verifyEach))
        return optionError("invalid value for '%s' (true or false)", arg);
    } else if (IS("list-passes")) {
      o->listPasses = true;
    } else if (IS("target")) {
      if (!value) {
        if (i + 1 >= argc)
          return optionError("option '%s' needs a target name or file", arg);
        value = argv[++i];
      }
      o->target = value;
    } else if (IS("list-targets")) {
      o->listTargets = true;
    } else if (IS("dump-pass-pipeline")) {
      o->dumpPipeline = true;
    } else if (IS("mlir-timing")) {
      o->timing = true;
    } else if (IS("mlir-pass-statistics")) {
      o->statistics = true;
    } else if (IS("pass-pipeline")) {
      if (!value) {
        if (i + 1 >= argc)
          return optionError("option '%s' needs a pipeline", arg);
        value = argv[++i];
      }
      o->pipeline = value;
    } else if (IS("mlir-print-ir-before")) {
      if (!value)
        return optionError("option '%s' needs pass names", arg);
      o->printBefore = value;
    } else if (IS("mlir-print-ir-after")) {
      if (!value)
        return optionError("option '%s' needs pass names", arg);
      o->printAfter = value;
    } else if (IS("mlir-print-ir-before-all")) {
      o->printBeforeAll = true;
    } else if (IS("mlir-print-ir-after-all")) {
      o->printAfterAll = true;
    } else {
      char passName[256];
      if (nameLen >= sizeof passName)
        return optionError("unknown command line argument '%s'", arg);
      memcpy(passName, name, nameLen);
      passName[nameLen] = '\0';
      if (!ipuPassRegistryContains(reg, passName))
        return optionError(
            "unknown command line argument '%s' (see --help and --list-passes)",
            arg);
      appendPassFlag(o, passName, value);
    }
#undef IS
  }
  if (o->pipeline && o->passFlags)
    return optionError("%s",
                       "'--pass-pipeline' cannot be used with individual pass "
                       "options");
  if (!o->input)
    o->input = "-";
  return -1;
}

/* Builds the pass manager for the options; NULL after a diagnostic. */
static IpuPassManager *buildPassManager(IpuContext *ctx,
                                        const IpuPassRegistry *reg,
                                        const Options *o, FILE *irOut) {
  IpuPassManager *pm = ipuPassManagerCreate(ctx, reg, "builtin.module");
  if (!pm)
    return NULL;
  IpuLogicalResult ok = IPU_SUCCESS;
  if (o->pipeline)
    ok = ipuPassManagerParsePipeline(pm, o->pipeline);
  else if (o->passFlags)
    ok = ipuPassManagerAddPasses(pm, o->passFlags);
  if (ipuFailed(ok)) {
    ipuPassManagerDestroy(pm);
    return NULL;
  }
  ipuPassManagerEnableVerifier(pm, o->verifyEach);
  ipuPassManagerEnableTiming(pm, o->timing);
  ipuPassManagerEnableStatistics(pm, o->statistics);
  if (o->printBefore || o->printAfter || o->printBeforeAll ||
      o->printAfterAll) {
    IpuIRPrintingConfig cfg = {0};
    cfg.before = o->printBefore;
    cfg.after = o->printAfter;
    cfg.beforeAll = o->printBeforeAll;
    cfg.afterAll = o->printAfterAll;
    cfg.generic = o->generic;
    cfg.debugInfo = o->debugInfo;
    cfg.cb = toolFileCallback;
    cfg.userData = irOut;
    ipuPassManagerEnableIRPrinting(pm, &cfg);
  }
  return pm;
}

static double nowSeconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The parser is done with part of a chunk of a mapped input file. */
typedef struct {
  const ToolFile *file;
  size_t chunkBegin;
} SourceRelease;

static void releaseSource(size_t begin, size_t end, void *userData) {
  const SourceRelease *r = userData;
  toolFileRelease(r->file, r->chunkBegin + begin, r->chunkBegin + end);
}

/* Parses, transforms and prints one chunk. Returns true on success. */
static bool processChunk(IpuContext *ctx, IpuPassManager *pm,
                         const Options *o, const IpuTarget *target,
                         const ToolFile *file, const ToolChunk *chunk,
                         FILE *out) {
  IpuParseOptions popts = {0};
  popts.filename = file->name;
  popts.lineOffset = chunk->lineOffset;
  /* A mapped file's pages come back from the file when diagnostics read
   * them again, so the parsed part need not stay in memory. */
  SourceRelease release = {file, chunk->begin};
  if (file->mapped) {
    popts.sourceConsumed = releaseSource;
    popts.sourceConsumedData = &release;
  }
  /* The chunk needs a NUL sentinel right after it: borrow the byte. */
  char *text = file->data + chunk->begin;
  size_t len = chunk->end - chunk->begin;
  char saved = text[len];
  text[len] = '\0';
  double start = nowSeconds();
  IpuOp *module = ipuParseSource(ctx, text, len, &popts);
  text[len] = saved;
  if (o->timing)
    ipuPassManagerRecordTiming(pm, "Parser", nowSeconds() - start);
  if (!module)
    return false;
  /* --target replaces whatever target the file gave. */
  bool ok = !target || ipuSucceeded(ipuModuleSetTarget(module, target));
  ok = ok && ipuSucceeded(ipuPassManagerRun(pm, module));
  if (ok) {
    IpuPrintOptions print;
    ipuPrintOptionsInit(&print);
    print.generic = o->generic;
    print.debugInfo = o->debugInfo;
    print.prettyDebugInfo = o->prettyDebugInfo;
    print.elideElementsLimit = o->elideLimit;
    if (o->hexThreshold)
      print.hexThreshold = o->hexThreshold;
    start = nowSeconds();
    ipuOpPrint(module, &print, toolFileCallback, out);
    if (o->timing)
      ipuPassManagerRecordTiming(pm, "Output", nowSeconds() - start);
  }
  ipuOpDestroy(module);
  return ok;
}

int main(int argc, char **argv) {
  Options o = {0};
  o.verifyEach = true;
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  IpuPassRegistry *reg = ipuPassRegistryCreate(ctx);
  ipuRegisterAllPasses(reg);
  int rc = parseArgs(argc, argv, &o, reg);
  ToolFile file = {0}, targetFile = {0};
  IpuTarget target;
  IpuSourceMgr *sources = NULL;
  IpuPassManager *pm = NULL;
  FILE *out = NULL;
  ToolChunk *chunks = NULL;
  if (rc >= 0)
    goto done;
  rc = 1;
  if (o.listPasses) {
    ipuPassRegistryPrintList(reg, toolFileCallback, stdout);
    rc = 0;
    goto done;
  }
  if (o.listTargets) {
    toolPrintTargets(stdout);
    rc = 0;
    goto done;
  }
  ipuContextSetAllowUnregisteredDialects(ctx, o.allowUnregistered);
  char err[512];
  if (!toolReadFile(o.input, &file, err, sizeof err)) {
    fprintf(stderr, "ipu-opt: error: %s\n", err);
    goto done;
  }
  sources = ipuSourceMgrCreate(ctx);
  ipuSourceMgrAddBuffer(sources, file.name, file.data, file.length);
  ToolDiagPrinter printer = {stderr, sources, false};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  if (o.target && !toolResolveTarget(ctx, sources, "ipu-opt", o.target,
                                     &targetFile, &target))
    goto done;

  pm = buildPassManager(ctx, reg, &o, stderr);
  if (!pm)
    goto done;
  if (o.dumpPipeline) {
    ipuPassManagerPrintPipeline(pm, toolFileCallback, stderr);
    fputc('\n', stderr);
  }
  out = o.output ? fopen(o.output, "wb") : stdout;
  if (!out) {
    fprintf(stderr, "ipu-opt: error: could not open output file '%s'\n",
            o.output);
    goto done;
  }

  size_t numChunks = 1;
  ToolChunk whole = {0, file.length, 0};
  if (o.splitInput)
    numChunks = toolSplitInput(file.data, file.length, &chunks);
  bool allOk = true;
  for (size_t i = 0; i < numChunks; i++) {
    const ToolChunk *chunk = chunks ? &chunks[i] : &whole;
    if (i > 0 && !o.verifyDiagnostics)
      fputs("// -----\n", out);
    if (o.verifyDiagnostics) {
      ToolDiagVerifier *v = toolDiagVerifierCreate(
          ctx, file.name, file.data, chunk->begin, chunk->end,
          chunk->lineOffset, stderr, sources);
      ipuContextSetDiagnosticHandler(ctx, toolDiagVerifierHandler, v);
      processChunk(ctx, pm, &o, o.target ? &target : NULL, &file, chunk,
                   out);
      if (!toolDiagVerifierFinish(v))
        allOk = false;
      toolDiagVerifierDestroy(v);
      ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
    } else if (!processChunk(ctx, pm, &o, o.target ? &target : NULL, &file,
                             chunk, out)) {
      allOk = false;
    }
  }
  if (o.timing)
    ipuPassManagerPrintTiming(pm, toolFileCallback, stderr);
  if (o.statistics)
    ipuPassManagerPrintStatistics(pm, toolFileCallback, stderr);
  rc = allOk ? 0 : 1;

done:
  if (out && out != stdout && fclose(out) != 0 && rc == 0) {
    fprintf(stderr, "ipu-opt: error: could not write '%s'\n", o.output);
    rc = 1;
  }
  if (out == stdout && fflush(stdout) != 0)
    rc = 1;
  free(chunks);
  if (pm)
    ipuPassManagerDestroy(pm);
  if (sources)
    ipuSourceMgrDestroy(sources);
  toolFileFree(&file);
  toolFileFree(&targetFile);
  free(o.passFlags);
  ipuPassRegistryDestroy(reg);
  ipuContextDestroy(ctx);
  return rc;
}
