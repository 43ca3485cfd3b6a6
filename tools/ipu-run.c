/* ipu-run: runs a function of an IR file on tensors from .npy / .pb files
 * with the reference interpreter, or a .ipub binary (or hw IR) on the
 * simulated chip; writes or checks its outputs. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipu/interp.h"
#include "ipu/tensor_io.h"
#include "run_support.h"

typedef RunOptions Options;

/* --repeat's bound keeps the per-run time table small. */
enum { MAX_REPEAT = 1000000 };

static void usage(FILE *f) {
  fprintf(f,
          "usage: ipu-run FILE.ir [--input NAME=FILE]... [--expect NAME=FILE]...\n"
          "               [--rtol R] [--atol A] [-o DIR] [--func NAME]\n"
          "               [--repeat N] [--time] [--backend=interp|ipu|llvm]\n"
          "               [--report[=json]] [--inferences N] [--adc-bits B]\n"
          "               [--weight-noise SIGMA] [--seed S]\n"
          "  --input NAME=FILE   argument NAME (%%arg0, 0 or its name) from a\n"
          "                      .npy or ONNX TensorProto .pb file\n"
          "  --expect NAME=FILE  compare output NAME (0, %%0, output_0 or its\n"
          "                      name) with FILE: |out - exp| <= atol + rtol * |exp|\n"
          "  --rtol R, --atol A  tolerances (default 1e-5 and 1e-8, as numpy)\n"
          "  -o DIR              write DIR/output_<i>.npy\n"
          "  --func NAME         the function to run (default: @main, else the\n"
          "                      first function with a body)\n"
          "  --repeat N          run the function N times (1 to %d); the last\n"
          "                      run's outputs are checked and written\n"
          "  --time              print to stderr the parse time and the median\n"
          "                      and minimum time of a run, in ms\n"
          "  --backend=B         interp: the reference interpreter (default for\n"
          "                      IR); ipu: the simulated chip (default for .ipub;\n"
          "                      an IR file must be hw IR, from ipu-compile\n"
          "                      --emit=hw); llvm: not available yet\n"
          "  --report[=json]     (ipu) latency, throughput, utilization, link\n"
          "                      loads and energy, on stdout after the outputs\n"
          "  --inferences N      (ipu) run N inferences back to back (default 1)\n"
          "  --adc-bits B        (ipu) simulate every ADC with B bits\n"
          "  --weight-noise S    (ipu) programming noise, S weight LSBs (stddev)\n"
          "  --seed S            (ipu) seed of the noise (default 1)\n",
          MAX_REPEAT);
}

static bool parseDouble(const char *s, double *out) {
  char *end;
  errno = 0;
  *out = strtod(s, &end);
  return *s && !*end && !errno && *out >= 0;
}

static bool addNamed(NamedFile **list, int *n, const char *arg,
                     const char *flag) {
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg || !eq[1]) {
    fprintf(stderr, "ipu-run: error: %s expects NAME=FILE, got '%s'\n", flag,
            arg);
    return false;
  }
  NamedFile *grown = realloc(*list, sizeof(NamedFile) * (size_t)(*n + 1));
  if (!grown)
    return false;
  *list = grown;
  char *name = strndup(arg, (size_t)(eq - arg));
  if (!name)
    return false;
  grown[*n].name = name;
  grown[*n].path = eq + 1;
  ++*n;
  return true;
}

/* Returns -1 to continue, else the exit code. */
static int parseArgs(int argc, char **argv, Options *o) {
  o->rtol = 1e-5;
  o->atol = 1e-8;
  o->repeat = 1;
  ipuSimOptionsInit(&o->sim);
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    bool takesValue = !strcmp(a, "--input") || !strcmp(a, "--expect") ||
                      !strcmp(a, "--rtol") || !strcmp(a, "--atol") ||
                      !strcmp(a, "-o") || !strcmp(a, "--func") ||
                      !strcmp(a, "--repeat") || !strcmp(a, "--inferences") ||
                      !strcmp(a, "--adc-bits") ||
                      !strcmp(a, "--weight-noise") || !strcmp(a, "--seed");
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    }
    if (takesValue && !next) {
      fprintf(stderr, "ipu-run: error: %s needs a value\n", a);
      return 1;
    }
    if (!strcmp(a, "--input")) {
      if (!addNamed(&o->inputs, &o->numInputs, argv[++i], a))
        return 1;
    } else if (!strcmp(a, "--expect")) {
      if (!addNamed(&o->expects, &o->numExpects, argv[++i], a))
        return 1;
    } else if (!strcmp(a, "--rtol") || !strcmp(a, "--atol")) {
      if (!parseDouble(argv[++i], a[2] == 'r' ? &o->rtol : &o->atol)) {
        fprintf(stderr, "ipu-run: error: %s expects a non-negative number, "
                "got '%s'\n", a, argv[i]);
        return 1;
      }
    } else if (!strcmp(a, "--repeat")) {
      const char *v = argv[++i];
      char *end;
      errno = 0;
      o->repeat = strtol(v, &end, 10);
      if (!*v || *end || errno || o->repeat < 1 || o->repeat > MAX_REPEAT) {
        fprintf(stderr, "ipu-run: error: --repeat expects a whole number "
                "from 1 to %d, got '%s'\n", MAX_REPEAT, v);
        return 1;
      }
    } else if (!strncmp(a, "--backend=", 10)) {
      const char *b = a + 10;
      o->backend = !strcmp(b, "interp") ? RUN_BACKEND_INTERP
                   : !strcmp(b, "ipu")  ? RUN_BACKEND_IPU
                   : !strcmp(b, "llvm") ? RUN_BACKEND_LLVM
                                        : RUN_BACKEND_DEFAULT;
      if (o->backend == RUN_BACKEND_DEFAULT) {
        fprintf(stderr, "ipu-run: error: unknown backend '%s' (interp, ipu "
                "or llvm)\n", b);
        return 1;
      }
    } else if (!strcmp(a, "--report") || !strcmp(a, "--report=text")) {
      o->report = RUN_REPORT_TEXT;
    } else if (!strcmp(a, "--report=json")) {
      o->report = RUN_REPORT_JSON;
    } else if (!strcmp(a, "--inferences") || !strcmp(a, "--adc-bits") ||
               !strcmp(a, "--seed")) {
      const char *v = argv[++i];
      char *end;
      errno = 0;
      long long n = strtoll(v, &end, 10);
      long long lo = a[2] == 's' ? 0 : 1;
      long long hi = a[2] == 'i' ? 1000000 : a[2] == 'a' ? 32 : LLONG_MAX;
      if (!*v || *end || errno || n < lo || n > hi) {
        fprintf(stderr, "ipu-run: error: %s expects a whole number from %lld "
                "to %lld, got '%s'\n", a, lo, hi, v);
        return 1;
      }
      if (a[2] == 'i')
        o->sim.inferences = n;
      else if (a[2] == 'a')
        o->sim.adcBits = n;
      else
        o->sim.seed = (uint64_t)n;
    } else if (!strcmp(a, "--weight-noise")) {
      if (!parseDouble(argv[++i], &o->sim.weightNoise)) {
        fprintf(stderr, "ipu-run: error: %s expects a non-negative number, "
                "got '%s'\n", a, argv[i]);
        return 1;
      }
    } else if (!strcmp(a, "--time")) {
      o->time = true;
    } else if (!strcmp(a, "-o")) {
      o->outDir = argv[++i];
    } else if (!strcmp(a, "--func")) {
      o->funcName = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ipu-run: error: unknown option '%s'\n", a);
      usage(stderr);
      return 1;
    } else if (o->input) {
      fprintf(stderr, "ipu-run: error: more than one input file\n");
      return 1;
    } else {
      o->input = a;
    }
  }
  if (!o->input) {
    usage(stderr);
    return 1;
  }
  return -1;
}

static bool isFuncWithBody(IpuOp *op) {
  if (strcmp(ipuIdentCStr(ipuOpGetName(op)), "func.func"))
    return false;
  IpuRegion *r = ipuOpGetNumRegions(op) ? ipuOpGetRegion(op, 0) : NULL;
  return r && ipuRegionGetFirstBlock(r);
}

static IpuOp *findFunc(IpuOp *module, const char *name) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  IpuOp *first = NULL;
  const char *want = name ? name : "main";
  if (want[0] == '@')
    ++want;
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op)) {
    if (!isFuncWithBody(op))
      continue;
    IpuAttr sym = ipuOpGetSymbolName(op);
    if (sym && ipuStringRefEqual(ipuStringAttrGetValue(sym),
                                 ipuStringRefFromCString(want)))
      return op;
    if (!first)
      first = op;
  }
  return name ? NULL : first;
}

/* Whether the dictionary at `index` of func's array attribute `attrName`
 * (arg_attrs, res_attrs) holds the string NAME (an ONNX value name). */
static bool attrDictHasString(IpuOp *func, const char *attrName,
                              intptr_t index, const char *name) {
  IpuAttr dicts = ipuOpGetAttr(func, attrName);
  if (!dicts || ipuAttrGetKind(dicts) != IPU_ATTR_ARRAY ||
      index >= ipuArrayAttrGetNumElements(dicts))
    return false;
  IpuAttr dict = ipuArrayAttrGetElement(dicts, index);
  if (ipuAttrGetKind(dict) != IPU_ATTR_DICTIONARY)
    return false;
  IpuStringRef want = ipuStringRefFromCString(name);
  for (intptr_t i = 0; i < ipuDictionaryAttrGetNumEntries(dict); ++i) {
    IpuAttr v = ipuDictionaryAttrGetEntry(dict, i).value;
    if (ipuAttrGetKind(v) == IPU_ATTR_STRING &&
        ipuStringRefEqual(ipuStringAttrGetValue(v), want))
      return true;
  }
  return false;
}

/* Whether NAME designates position `index`: "%argN", "argN", "N", or a
 * string in the argument's attribute dictionary or name location. */
static bool matchesArg(const char *name, IpuOp *func, intptr_t index) {
  const char *digits = name;
  if (!strncmp(digits, "%arg", 4))
    digits += 4;
  else if (!strncmp(digits, "arg", 3))
    digits += 3;
  if (*digits) {
    char *end;
    long v = strtol(digits, &end, 10);
    if (!*end && digits[0] >= '0' && digits[0] <= '9')
      return v == index;
  }
  if (attrDictHasString(func, "arg_attrs", index, name))
    return true;
  IpuStringRef want = ipuStringRefFromCString(name);
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0));
  IpuLocation loc = ipuValueGetLoc(ipuBlockGetArgument(body, index));
  return loc && ipuAttrGetKind(loc) == IPU_ATTR_LOC_NAME &&
         ipuStringRefEqual(ipuIdentStr(ipuLocNameGetName(loc)), want);
}

/* Whether NAME designates result `index`: "N", "%N", "output_N", or a
 * string in the result's attribute dictionary (the ONNX output name). */
static bool matchesOutput(const char *name, intptr_t index, void *func) {
  static const char *const prefixes[] = {"output_", "%", NULL};
  return attrDictHasString(func, "res_attrs", index, name) ||
         runNameIsIndex(name, index, prefixes);
}

/* Loads one tensor per function argument; false after printing why. */
static bool loadInputs(const Options *o, IpuOp *func, IpuTensor *tensors,
                       intptr_t numArgs) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0));
  for (int k = 0; k < o->numInputs; ++k) {
    bool found = false;
    for (intptr_t i = 0; i < numArgs && !found; ++i)
      found = matchesArg(o->inputs[k].name, func, i);
    if (!found) {
      fprintf(stderr, "ipu-run: error: input '%s' names no argument of the "
              "function (it has %lld)\n", o->inputs[k].name,
              (long long)numArgs);
      return false;
    }
  }
  for (intptr_t i = 0; i < numArgs; ++i) {
    const NamedFile *file = NULL;
    for (int k = 0; k < o->numInputs; ++k)
      if (matchesArg(o->inputs[k].name, func, i)) {
        if (file) {
          fprintf(stderr, "ipu-run: error: input %%arg%lld is given twice\n",
                  (long long)i);
          return false;
        }
        file = &o->inputs[k];
      }
    if (!file) {
      fprintf(stderr, "ipu-run: error: missing input %%arg%lld (give "
              "--input %%arg%lld=FILE)\n", (long long)i, (long long)i);
      return false;
    }
    IpuTensorIoError err;
    if (!ipuTensorReadFile(file->path, &tensors[i], &err)) {
      fprintf(stderr, "ipu-run: error: input '%s': %s\n", file->name,
              err.message);
      return false;
    }
    char why[400];
    if (!ipuInterpTensorMatchesType(
            &tensors[i], ipuValueGetType(ipuBlockGetArgument(body, i)), why,
            sizeof why)) {
      fprintf(stderr, "ipu-run: error: input '%s' (%s) for %%arg%lld: %s\n",
              file->name, file->path, (long long)i, why);
      return false;
    }
  }
  return true;
}

static int compareDoubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Prints the median and minimum of the (sorted in place) run times. */
static void printRunTimes(double *ms, long n) {
  qsort(ms, (size_t)n, sizeof *ms, compareDoubles);
  double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  fprintf(stderr, "ipu-run: run: median %.3f ms, min %.3f ms (%ld run%s)\n",
          median, ms[0], n, n == 1 ? "" : "s");
}

/* Runs the function o->repeat times; on success *outs holds the last run's
 * outputs. */
static bool runRepeated(const Options *o, IpuOp *func, intptr_t numArgs,
                        const IpuTensor *inputs, IpuTensor **outs,
                        intptr_t *numOuts) {
  double *ms = o->time ? calloc((size_t)o->repeat, sizeof *ms) : NULL;
  if (o->time && !ms) {
    fprintf(stderr, "ipu-run: error: out of memory\n");
    return false;
  }
  bool ok = true;
  for (long r = 0; r < o->repeat && ok; ++r) {
    if (r)
      ipuInterpOutputsFree(*outs, *numOuts);
    double start = runNowMs();
    ok = ipuSucceeded(ipuInterpRunFunc(func, numArgs, inputs, outs, numOuts));
    if (ms)
      ms[r] = runNowMs() - start;
  }
  if (ok && ms)
    printRunTimes(ms, o->repeat);
  free(ms);
  return ok;
}

static int run(const Options *o, IpuOp *module) {
  IpuOp *func = findFunc(module, o->funcName);
  if (!func) {
    if (o->funcName)
      fprintf(stderr, "ipu-run: error: no function @%s with a body\n",
              o->funcName[0] == '@' ? o->funcName + 1 : o->funcName);
    else
      fprintf(stderr, "ipu-run: error: the file has no function with a "
              "body\n");
    return 1;
  }
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0));
  intptr_t numArgs = ipuBlockGetNumArguments(body);
  IpuTensor *inputs = calloc(numArgs ? (size_t)numArgs : 1, sizeof *inputs);
  if (!inputs)
    return 1;
  int rc = 1;
  if (loadInputs(o, func, inputs, numArgs)) {
    IpuTensor *outs;
    intptr_t numOuts;
    if (runRepeated(o, func, numArgs, inputs, &outs, &numOuts)) {
      rc = runCheckAndWrite(o, matchesOutput, func, outs, numOuts) ? 0 : 1;
      ipuInterpOutputsFree(outs, numOuts);
    }
  }
  for (intptr_t i = 0; i < numArgs; ++i)
    ipuTensorFree(&inputs[i]);
  free(inputs);
  return rc;
}

int main(int argc, char **argv) {
  Options o;
  memset(&o, 0, sizeof o);
  int rc = parseArgs(argc, argv, &o);
  IpuContext *ctx = NULL;
  IpuSourceMgr *sources = NULL;
  ToolFile file = {0};
  bool haveFile = false;
  if (rc >= 0)
    goto done;
  rc = 1;
  ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  char err[512];
  double parseStart = runNowMs();
  if (!toolReadFile(o.input, &file, err, sizeof err)) {
    fprintf(stderr, "ipu-run: error: %s\n", err);
    goto done;
  }
  haveFile = true;
  sources = ipuSourceMgrCreate(ctx);
  ipuSourceMgrAddBuffer(sources, file.name, file.data, file.length);
  ToolDiagPrinter printer = {stderr, sources, false};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  bool binary = file.length >= 4 && !memcmp(file.data, "IPUB", 4);
  RunBackend backend = o.backend != RUN_BACKEND_DEFAULT ? o.backend
                       : binary ? RUN_BACKEND_IPU : RUN_BACKEND_INTERP;
  if (backend == RUN_BACKEND_LLVM) {
    fprintf(stderr, "ipu-run: error: --backend=llvm: the LLVM host backend "
            "is not built yet; use interp or ipu\n");
    goto done;
  }
  if (binary && backend == RUN_BACKEND_INTERP) {
    fprintf(stderr, "ipu-run: error: '%s' is a .ipub binary: it runs on the "
            "simulated chip (--backend=ipu)\n", file.name);
    goto done;
  }
  if (backend == RUN_BACKEND_INTERP &&
      (o.report != RUN_REPORT_NONE || o.sim.inferences != 1 ||
       o.sim.adcBits || o.sim.weightNoise > 0)) {
    fprintf(stderr, "ipu-run: error: --report, --inferences, --adc-bits and "
            "--weight-noise need --backend=ipu\n");
    goto done;
  }
  if (binary) {
    IpubModule *m = NULL;
    if (ipuSucceeded(ipubDecode(ctx, file.name, (const uint8_t *)file.data,
                                file.length, &m))) {
      if (o.time)
        fprintf(stderr, "ipu-run: load: %.3f ms\n", runNowMs() - parseStart);
      rc = runIpub(&o, m);
      ipubModuleFree(m);
    }
    goto done;
  }
  IpuParseOptions popts;
  memset(&popts, 0, sizeof popts);
  popts.filename = file.name;
  IpuOp *module = ipuParseSource(ctx, file.data, file.length, &popts);
  if (module && o.time)
    fprintf(stderr, "ipu-run: parse: %.3f ms\n", runNowMs() - parseStart);
  if (module && backend == RUN_BACKEND_IPU) {
    IpubModule *m = NULL;
    if (ipuSucceeded(ipubFromHw(module, &m))) {
      rc = runIpub(&o, m);
      ipubModuleFree(m);
    }
  } else if (module) {
    rc = run(&o, module);
  }
  if (module)
    ipuOpDestroy(module);
done:
  if (sources)
    ipuSourceMgrDestroy(sources);
  if (haveFile)
    toolFileFree(&file);
  if (ctx)
    ipuContextDestroy(ctx);
  for (int i = 0; i < o.numInputs; ++i)
    free((char *)o.inputs[i].name);
  for (int i = 0; i < o.numExpects; ++i)
    free((char *)o.expects[i].name);
  free(o.inputs);
  free(o.expects);
  return rc;
}
