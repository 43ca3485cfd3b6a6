/* ipu-run's output handling, shared by the interpreter and the simulator
 * paths: comparing outputs with expected tensors, writing them as .npy. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipu/tensor_io.h"
#include "run_support.h"

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
static bool compareOutput(const RunOptions *o, intptr_t index,
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

bool runCheckAndWrite(const RunOptions *o, RunOutputMatcher match,
                      void *matchData, const IpuTensor *outs, intptr_t n) {
  bool ok = true;
  for (int k = 0; k < o->numExpects; ++k) {
    bool found = false;
    for (intptr_t i = 0; i < n && !found; ++i)
      found = match(o->expects[k].name, i, matchData);
    if (!found) {
      fprintf(stderr, "ipu-run: error: --expect '%s' names no output (the "
              "function has %lld)\n", o->expects[k].name, (long long)n);
      ok = false;
    }
  }
  for (intptr_t i = 0; i < n; ++i) {
    bool compared = false;
    for (int k = 0; k < o->numExpects; ++k)
      if (match(o->expects[k].name, i, matchData)) {
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

bool runNameIsIndex(const char *name, intptr_t index,
                    const char *const *prefixes) {
  const char *digits = name;
  for (const char *const *p = prefixes; p && *p; ++p)
    if (!strncmp(digits, *p, strlen(*p))) {
      digits += strlen(*p);
      break;
    }
  if (*digits < '0' || *digits > '9')
    return false;
  char *end;
  errno = 0;
  long long v = strtoll(digits, &end, 10);
  return !*end && !errno && v == (long long)index;
}

double runNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
