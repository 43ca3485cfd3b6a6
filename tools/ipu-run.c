/* ipu-run: runs a function of an IR file on tensors from .npy / .pb files
 * with the reference interpreter, writes or checks its outputs. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipu/interp.h"
#include "ipu/tensor_io.h"
#include "tool_support.h"

typedef struct {
  const char *name; /* the NAME of NAME=FILE */
  const char *path;
} NamedFile;

typedef struct {
  const char *input;
  const char *outDir;
  const char *funcName;
  NamedFile *inputs, *expects;
  int numInputs, numExpects;
  double rtol, atol;
  long repeat; /* runs of the function; the last one's outputs count */
  bool time;   /* print parse and run times to stderr */
} Options;

/* --repeat's bound keeps the per-run time table small. */
enum { MAX_REPEAT = 1000000 };

static void usage(FILE *f) {
  fprintf(f,
          "usage: ipu-run FILE.ir [--input NAME=FILE]... [--expect NAME=FILE]...\n"
          "               [--rtol R] [--atol A] [-o DIR] [--func NAME]\n"
          "               [--repeat N] [--time]\n"
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
          "                      and minimum time of a run, in ms\n",
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
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    bool takesValue = !strcmp(a, "--input") || !strcmp(a, "--expect") ||
                      !strcmp(a, "--rtol") || !strcmp(a, "--atol") ||
                      !strcmp(a, "-o") || !strcmp(a, "--func") ||
                      !strcmp(a, "--repeat");
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
static bool matchesOutput(const char *name, IpuOp *func, intptr_t index) {
  if (attrDictHasString(func, "res_attrs", index, name))
    return true;
  const char *digits = name;
  if (!strncmp(digits, "output_", 7))
    digits += 7;
  else if (digits[0] == '%')
    digits += 1;
  char *end;
  long v = strtol(digits, &end, 10);
  return *digits >= '0' && *digits <= '9' && !*end && v == index;
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

static double elementAsDouble(const IpuTensor *t, int64_t i) {
  const void *d = t->data;
  switch (t->dtype) {
  case IPU_DTYPE_F32: return ((const float *)d)[i];
  case IPU_DTYPE_F64: return ((const double *)d)[i];
  case IPU_DTYPE_F16: return ipuF16ToF32(((const uint16_t *)d)[i]);
  case IPU_DTYPE_BF16: return ipuBF16ToF32(((const uint16_t *)d)[i]);
  case IPU_DTYPE_U8: return ((const uint8_t *)d)[i];
  case IPU_DTYPE_BOOL: return ((const uint8_t *)d)[i];
  case IPU_DTYPE_I8: return ((const int8_t *)d)[i];
  case IPU_DTYPE_U16: return ((const uint16_t *)d)[i];
  case IPU_DTYPE_I16: return ((const int16_t *)d)[i];
  case IPU_DTYPE_I32: return ((const int32_t *)d)[i];
  case IPU_DTYPE_U32: return ((const uint32_t *)d)[i];
  case IPU_DTYPE_I64: return (double)((const int64_t *)d)[i];
  case IPU_DTYPE_U64: return (double)((const uint64_t *)d)[i];
  default: return NAN;
  }
}

static void printShape(FILE *f, const IpuTensor *t) {
  if (!t->rank)
    fputs("scalar", f);
  for (int i = 0; i < t->rank; ++i)
    fprintf(f, "%s%lld", i ? "x" : "", (long long)t->shape[i]);
}

/* Compares output `index` with the expected tensor; prints one line. */
static bool compareOutput(const Options *o, intptr_t index,
                          const IpuTensor *got, const NamedFile *file) {
  IpuTensor want;
  IpuTensorIoError err;
  if (!ipuTensorReadFile(file->path, &want, &err)) {
    fprintf(stderr, "ipu-run: error: expected output '%s': %s\n", file->name,
            err.message);
    return false;
  }
  bool ok = want.dtype == got->dtype && ipuTensorSameShape(&want, got);
  if (!ok) {
    printf("output %lld: FAIL: got %s ", (long long)index,
           ipuDTypeName(got->dtype));
    printShape(stdout, got);
    printf(", expected %s ", ipuDTypeName(want.dtype));
    printShape(stdout, &want);
    printf(" (%s)\n", file->path);
    ipuTensorFree(&want);
    return false;
  }
  double maxAbs = 0, maxRel = 0;
  int64_t bad = 0, firstBad = -1, n = ipuTensorNumElements(got);
  for (int64_t i = 0; i < n; ++i) {
    double a = elementAsDouble(got, i), b = elementAsDouble(&want, i);
    /* Equal values (infinities included) and two NaNs match. */
    if (a == b || (isnan(a) && isnan(b)))
      continue;
    double diff = fabs(a - b);
    double rel = b != 0 ? diff / fabs(b) : INFINITY;
    if (isnan(diff))
      diff = rel = INFINITY;
    if (diff > maxAbs)
      maxAbs = diff;
    if (rel > maxRel)
      maxRel = rel;
    if (!(diff <= o->atol + o->rtol * fabs(b)) && bad++ == 0)
      firstBad = i;
  }
  printf("output %lld: max abs error %.6g, max rel error %.6g: ",
         (long long)index, maxAbs, maxRel);
  if (bad) {
    printf("FAIL (%lld of %lld elements out of tolerance; first at flat "
           "index %lld: got %.9g, expected %.9g)\n",
           (long long)bad, (long long)n, (long long)firstBad,
           elementAsDouble(got, firstBad), elementAsDouble(&want, firstBad));
  } else {
    printf("ok\n");
  }
  ipuTensorFree(&want);
  return bad == 0;
}

static bool checkAndWrite(const Options *o, IpuOp *func, IpuTensor *outs,
                          intptr_t n) {
  bool ok = true;
  for (int k = 0; k < o->numExpects; ++k) {
    bool found = false;
    for (intptr_t i = 0; i < n && !found; ++i)
      found = matchesOutput(o->expects[k].name, func, i);
    if (!found) {
      fprintf(stderr, "ipu-run: error: --expect '%s' names no output (the "
              "function has %lld)\n", o->expects[k].name, (long long)n);
      ok = false;
    }
  }
  for (intptr_t i = 0; i < n; ++i) {
    bool compared = false;
    for (int k = 0; k < o->numExpects; ++k)
      if (matchesOutput(o->expects[k].name, func, i)) {
        ok = compareOutput(o, i, &outs[i], &o->expects[k]) && ok;
        compared = true;
      }
    if (!compared && !o->numExpects) {
      printf("output %lld: %s ", (long long)i, ipuDTypeName(outs[i].dtype));
      printShape(stdout, &outs[i]);
      putchar('\n');
    }
    if (o->outDir) {
      char path[4096];
      snprintf(path, sizeof path, "%s/output_%lld.npy", o->outDir,
               (long long)i);
      IpuTensorIoError err;
      if (!ipuTensorWriteNpy(path, &outs[i], &err)) {
        fprintf(stderr, "ipu-run: error: %s\n", err.message);
        ok = false;
      }
    }
  }
  return ok;
}

static double nowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
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
    double start = nowMs();
    ok = ipuSucceeded(ipuInterpRunFunc(func, numArgs, inputs, outs, numOuts));
    if (ms)
      ms[r] = nowMs() - start;
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
      rc = checkAndWrite(o, func, outs, numOuts) ? 0 : 1;
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
  double parseStart = nowMs();
  if (!toolReadFile(o.input, &file, err, sizeof err)) {
    fprintf(stderr, "ipu-run: error: %s\n", err);
    goto done;
  }
  haveFile = true;
  sources = ipuSourceMgrCreate(ctx);
  ipuSourceMgrAddBuffer(sources, file.name, file.data, file.length);
  ToolDiagPrinter printer = {stderr, sources};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  IpuParseOptions popts;
  memset(&popts, 0, sizeof popts);
  popts.filename = file.name;
  IpuOp *module = ipuParseSource(ctx, file.data, file.length, &popts);
  if (module && o.time)
    fprintf(stderr, "ipu-run: parse: %.3f ms\n", nowMs() - parseStart);
  if (module) {
    rc = run(&o, module);
    ipuOpDestroy(module);
  }
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
