/* quantize, part 1: calibration. Loads the calibration samples and runs
 * the float function on them, recording the range of every value (max
 * |x|, then a histogram of |x| for the percentile and the share of
 * elements int8 would flush to zero).
 *
 * Naming: each PATH of `calibration=` is a sample directory holding
 * input_I.npy for argument I (input_0.npy, input_1.npy, ...), or a
 * directory of such sample directories (taken in name order), or, for a
 * function of one argument, a single .npy file. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ipu/tensor_io.h"
#include "quantize.h"

enum { HIST_BINS = 4096, MAX_SAMPLES = 4096 };

static bool isDir(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool isFile(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static bool growSamples(QState *st) {
  if (st->numSamples >= MAX_SAMPLES) {
    ipuOpEmitError(st->func, "more than %d calibration samples",
                   MAX_SAMPLES);
    return false;
  }
  IpuTensor *grown = ipuRealloc(
      st->ctx, st->inputs,
      sizeof(IpuTensor) * (size_t)((st->numSamples + 1) * st->numArgs + 1));
  if (!grown) {
    ipuOpEmitError(st->func, "out of memory");
    return false;
  }
  st->inputs = grown;
  memset(&st->inputs[st->numSamples * st->numArgs], 0,
         sizeof(IpuTensor) * (size_t)st->numArgs);
  st->numSamples++;
  return true;
}

/* Reads one file as argument `arg` of the newest sample, checking it
 * against the argument's type. */
static bool readArgument(QState *st, const char *path, intptr_t arg) {
  IpuTensor *t = &st->inputs[(st->numSamples - 1) * st->numArgs + arg];
  IpuTensorIoError err;
  if (!ipuTensorReadNpy(path, t, &err)) {
    ipuOpEmitError(st->func, "cannot read calibration input: %s",
                   err.message);
    return false;
  }
  char why[400];
  IpuValue a = ipuBlockGetArgument(st->body, arg);
  if (!ipuInterpTensorMatchesType(t, ipuValueGetType(a), why, sizeof why)) {
    ipuOpEmitError(st->func, "calibration input '%s' does not fit argument "
                   "#%lld: %s", path, (long long)arg, why);
    return false;
  }
  return true;
}

static bool readSampleDir(QState *st, const char *dir) {
  if (!growSamples(st))
    return false;
  for (intptr_t a = 0; a < st->numArgs; ++a) {
    char path[4096];
    snprintf(path, sizeof path, "%s/input_%lld.npy", dir, (long long)a);
    if (!isFile(path)) {
      ipuOpEmitError(st->func, "calibration sample '%s' has no '%s'", dir,
                     path);
      return false;
    }
    if (!readArgument(st, path, a))
      return false;
  }
  return true;
}

static int compareNames(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory of sample directories, in name order. */
static bool readSampleDirs(QState *st, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    ipuOpEmitError(st->func, "cannot open calibration directory '%s'", dir);
    return false;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  bool ok = true;
  for (struct dirent *e; ok && (e = readdir(d));) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (!isDir(path))
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 16;
      char **grown = ipuRealloc(st->ctx, names, cap * sizeof *names);
      if (!grown) {
        ok = false;
        break;
      }
      names = grown;
    }
    if (!(names[n] = ipuStrDup(st->ctx, ipuStringRefFromCString(path))))
      ok = false;
    else
      n++;
  }
  closedir(d);
  if (ok && n > 1)
    qsort(names, n, sizeof *names, compareNames);
  for (size_t i = 0; ok && i < n; ++i)
    ok = readSampleDir(st, names[i]);
  if (ok && n == 0) {
    ipuOpEmitError(st->func, "calibration directory '%s' holds neither "
                   "input_0.npy nor sample directories", dir);
    ok = false;
  }
  for (size_t i = 0; i < n; ++i)
    ipuFree(st->ctx, names[i]);
  ipuFree(st->ctx, names);
  return ok;
}

static bool loadPath(QState *st, const char *path) {
  if (isDir(path)) {
    char first[4096];
    snprintf(first, sizeof first, "%s/input_0.npy", path);
    return isFile(first) ? readSampleDir(st, path) : readSampleDirs(st, path);
  }
  if (!isFile(path)) {
    ipuOpEmitError(st->func, "calibration input '%s' does not exist", path);
    return false;
  }
  if (st->numArgs != 1) {
    ipuOpEmitError(st->func, "calibration file '%s' given for a function of "
                   "%lld arguments: use sample directories of input_I.npy",
                   path, (long long)st->numArgs);
    return false;
  }
  return growSamples(st) && readArgument(st, path, 0);
}

bool qLoadCalibration(QState *st, const char *paths) {
  st->numArgs = ipuBlockGetNumArguments(st->body);
  if (!paths || !*paths) {
    ipuOpEmitError(st->func, "quantize needs calibration inputs "
                   "(calibration=PATHS)");
    return false;
  }
  char *copy = ipuStrDup(st->ctx, ipuStringRefFromCString(paths));
  if (!copy) {
    ipuOpEmitError(st->func, "out of memory");
    return false;
  }
  bool ok = true;
  for (char *save = NULL, *p = strtok_r(copy, ",", &save); ok && p;
       p = strtok_r(NULL, ",", &save))
    if (*p)
      ok = loadPath(st, p);
  ipuFree(st->ctx, copy);
  if (ok && st->numSamples == 0) {
    ipuOpEmitError(st->func, "no calibration samples in '%s'", paths);
    ok = false;
  }
  return ok;
}

void qFreeCalibration(QState *st) {
  for (intptr_t i = 0; i < st->numSamples * st->numArgs; ++i)
    ipuTensorFree(&st->inputs[i]);
  ipuFree(st->ctx, st->inputs);
  st->inputs = NULL;
  for (intptr_t i = 0; i < st->numRanges; ++i) {
    ipuFree(st->ctx, st->ranges[i].hist);
    ipuFree(st->ctx, st->ranges[i].gram);
  }
  ipuFree(st->ctx, st->ranges);
  st->ranges = NULL;
  st->numRanges = st->capRanges = 0;
  ipuPtrMapDestroy(&st->rangeIndex);
}

QRange *qRangeOf(QState *st, IpuValue v) {
  intptr_t i = ipuPtrMapGetInt(&st->rangeIndex, v, 0);
  return i > 0 ? &st->ranges[i - 1] : NULL;
}

bool qIsInt8Friendly(QState *st, IpuValue v) {
  QRange *r = qRangeOf(st, v);
  return r && (r->nonZero == 0 || 2 * r->tiny <= r->nonZero);
}

bool qAliasRange(QState *st, IpuValue from, IpuValue to) {
  intptr_t i = ipuPtrMapGetInt(&st->rangeIndex, from, 0);
  return i == 0 || ipuPtrMapPutInt(&st->rangeIndex, to, i);
}

static QRange *rangeFor(QState *st, IpuValue v) {
  QRange *r = qRangeOf(st, v);
  if (r)
    return r;
  if (st->numRanges == st->capRanges) {
    intptr_t cap = st->capRanges ? 2 * st->capRanges : 64;
    QRange *grown =
        ipuRealloc(st->ctx, st->ranges, sizeof(QRange) * (size_t)cap);
    if (!grown)
      return NULL;
    st->ranges = grown;
    st->capRanges = cap;
  }
  r = &st->ranges[st->numRanges];
  memset(r, 0, sizeof *r);
  if (!ipuPtrMapPutInt(&st->rangeIndex, v, st->numRanges + 1))
    return NULL;
  st->numRanges++;
  return r;
}

typedef struct {
  QState *st;
  bool histogram; /* second run: fill histograms */
  bool oom;
} ObserveData;

/* Second run: |x| into the histogram and the underflow counts. */
static bool addToHistogram(QState *st, QRange *r, double x) {
  if (x != 0) {
    r->nonZero++;
    if (x < r->absMax / 254.0)
      r->tiny++;
  }
  if (!(r->absMax > 0))
    return true;
  if (!r->hist && !(r->hist = ipuCalloc(st->ctx, HIST_BINS, sizeof(int64_t))))
    return false;
  int64_t bin = (int64_t)(x / r->absMax * HIST_BINS);
  bin = bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin;
  r->hist[bin]++;
  r->count++;
  return true;
}

static void observe(IpuOp *op, intptr_t resultIndex, const IpuTensor *value,
                    void *userData) {
  ObserveData *d = userData;
  if (!ipuPassTensorIsFloat(value) || ipuOpGetParentOp(op) != d->st->func)
    return;
  QRange *r = rangeFor(d->st, ipuOpGetResult(op, resultIndex));
  if (!r) {
    d->oom = true;
    return;
  }
  int64_t n = ipuTensorNumElements(value);
  if (!d->histogram) {
    for (int64_t i = 0; i < n; ++i) {
      double x = ipuPassTensorGetF(value, i);
      x = x < 0 ? -x : x;
      if (x > r->absMax && x < 1e30)
        r->absMax = x;
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    double x = ipuPassTensorGetF(value, i);
    if (!addToHistogram(d->st, r, x < 0 ? -x : x)) {
      d->oom = true;
      return;
    }
  }
  if (r->gram && r->gramK > 0 && n % r->gramK == 0) {
    int64_t k = r->gramK;
    for (int64_t row = 0; row < n / k; ++row)
      for (int64_t i = 0; i < k; ++i) {
        double xi = ipuPassTensorGetF(value, row * k + i);
        if (xi == 0)
          continue;
        for (int64_t j = 0; j < k; ++j)
          r->gram[i * k + j] += xi * ipuPassTensorGetF(value, row * k + j);
      }
  }
}

/* Float arguments: observed from the inputs themselves. */
static void observeArguments(ObserveData *d, intptr_t sample) {
  QState *st = d->st;
  for (intptr_t a = 0; a < st->numArgs; ++a) {
    const IpuTensor *t = &st->inputs[sample * st->numArgs + a];
    if (!ipuPassTensorIsFloat(t))
      continue;
    IpuValue arg = ipuBlockGetArgument(st->body, a);
    QRange *r = rangeFor(st, arg);
    if (!r) {
      d->oom = true;
      return;
    }
    int64_t n = ipuTensorNumElements(t);
    for (int64_t i = 0; i < n; ++i) {
      double x = ipuPassTensorGetF(t, i);
      x = x < 0 ? -x : x;
      if (d->histogram) {
        if (!addToHistogram(st, r, x)) {
          d->oom = true;
          return;
        }
      } else if (x > r->absMax && x < 1e30) {
        r->absMax = x;
      }
    }
  }
}

static bool runAll(QState *st, bool histogram) {
  ObserveData d = {st, histogram, false};
  for (intptr_t s = 0; s < st->numSamples; ++s) {
    observeArguments(&d, s);
    IpuTensor *outs = NULL;
    intptr_t numOuts = 0;
    if (ipuFailed(ipuInterpRunFuncObserved(
            st->func, st->numArgs, &st->inputs[s * st->numArgs], &outs,
            &numOuts, observe, &d))) {
      ipuOpEmitError(st->func, "running the float function on calibration "
                     "sample %lld failed", (long long)s);
      return false;
    }
    ipuInterpOutputsFree(outs, numOuts);
    if (d.oom) {
      ipuOpEmitError(st->func, "out of memory recording ranges");
      return false;
    }
  }
  return true;
}

/* The clip bound minimizing the expected squared int8 error of |x| over
 * the histogram: clipped values cost (v - c)^2, the others their rounding
 * error at step c / 127 (bins taken at their centres). Candidates every
 * 16 bins. O(HIST_BINS^2 / 16). */
static double mseClip(const QRange *r, double floor) {
  double best = r->absMax, bestErr = -1, w = r->absMax / HIST_BINS;
  for (int cb = 16; cb <= HIST_BINS; cb += 16) {
    if (cb * w < floor)
      continue;
    double c = cb * w, step = c / 127.0, err = 0;
    for (int b = 0; b < HIST_BINS; ++b) {
      if (!r->hist[b])
        continue;
      double v = (b + 0.5) * w, e;
      if (v > c)
        e = v - c;
      else
        e = v - nearbyint(v / step) * step;
      err += (double)r->hist[b] * e * e;
    }
    if (bestErr < 0 || err < bestErr) {
      bestErr = err;
      best = c;
    }
  }
  return best;
}

/* With gptq: a Gram matrix for the input of every gemm / matmul with a
 * constant 2-D weight (an op result; at most GRAM_MAX_K features). */
static bool prepareGrams(QState *st) {
  enum { GRAM_MAX_K = 2048 };
  for (IpuOp *op = ipuBlockGetFirstOp(st->body); op; op = ipuOpGetNext(op)) {
    if ((!ipuOpIsA(op, "hl.gemm") && !ipuOpIsA(op, "hl.matmul")) ||
        ipuOpGetNumOperands(op) < 2 ||
        !ipuPassMatchHlConstant(ipuOpGetOperand(op, 1), NULL))
      continue;
    IpuValue in = ipuOpGetOperand(op, 0);
    IpuType t = ipuValueGetType(in);
    if (!ipuValueGetDefiningOp(in) || !ipuTypeIsTensor(t) ||
        !ipuShapedTypeHasStaticShape(t) || ipuShapedTypeGetRank(t) < 2)
      continue;
    int64_t k = ipuShapedTypeGetDimSize(t, ipuShapedTypeGetRank(t) - 1);
    QRange *r = rangeFor(st, in);
    if (!r) {
      ipuOpEmitError(st->func, "out of memory");
      return false;
    }
    if (r->gram || k < 1 || k > GRAM_MAX_K)
      continue;
    if (!(r->gram = ipuCalloc(st->ctx, (size_t)(k * k), sizeof(double)))) {
      ipuOpEmitError(st->func, "out of memory");
      return false;
    }
    r->gramK = k;
  }
  return true;
}

bool qCalibrate(QState *st) {
  if (st->gptq && !prepareGrams(st))
    return false;
  if (!runAll(st, false))
    return false;
  for (intptr_t i = 0; i < st->numRanges; ++i)
    st->ranges[i].clipped = st->ranges[i].absMax;
  if (!runAll(st, true))
    return false;
  for (intptr_t i = 0; i < st->numRanges; ++i) {
    QRange *r = &st->ranges[i];
    if (!r->hist || r->count == 0)
      continue;
    if (st->percentile >= 100.0 && !st->mse)
      continue;
    double want = r->count * st->percentile / 100.0, sum = 0;
    for (int b = 0; b < HIST_BINS; ++b) {
      sum += (double)r->hist[b];
      if (sum >= want) {
        r->clipped = r->absMax * (b + 1) / HIST_BINS;
        break;
      }
    }
    /* With mse, the percentile bounds the search from below. */
    if (st->mse)
      r->clipped = mseClip(r, st->percentile >= 100.0 ? 0 : r->clipped);
  }
  return true;
}
