/* quantize, part 4: the error report. Runs the float original and the
 * quantized function on the calibration samples and compares each
 * quantized layer's output (dequantized) and each function result with
 * the float values: max abs error and cosine similarity, as remarks, pass
 * statistics and optionally JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "quantize.h"

typedef struct {
  QState *st;
  IpuPtrMap byOp; /* float op (clone) or quantized op -> layer index + 1 */
  IpuTensor *floatValues; /* per layer, this sample */
  bool oom;
} ReportRun;

double qCosine(double dot, double nf, double nq) {
  if (nf == 0 && nq == 0)
    return 1.0;
  if (nf == 0 || nq == 0)
    return 0.0;
  return dot / (sqrt(nf) * sqrt(nq));
}

static void observeFloat(IpuOp *op, intptr_t resultIndex,
                         const IpuTensor *value, void *userData) {
  ReportRun *r = userData;
  intptr_t i = ipuPtrMapGetInt(&r->byOp, op, 0);
  if (i <= 0 || resultIndex != 0 || !ipuPassTensorIsFloat(value))
    return;
  ipuTensorFree(&r->floatValues[i - 1]);
  if (!ipuTensorClone(&r->floatValues[i - 1], value))
    r->oom = true;
}

/* Element i of a quantized or float tensor, as a real number. */
static double realValue(const IpuTensor *t, int64_t i, float scale) {
  if (ipuPassTensorIsFloat(t))
    return ipuPassTensorGetF(t, i);
  double v = 0;
  switch (t->dtype) {
  case IPU_DTYPE_I8:
    v = ((const int8_t *)t->data)[i];
    break;
  case IPU_DTYPE_U8:
    v = ((const uint8_t *)t->data)[i];
    break;
  case IPU_DTYPE_I16:
    v = ((const int16_t *)t->data)[i];
    break;
  case IPU_DTYPE_I32:
    v = ((const int32_t *)t->data)[i];
    break;
  default:
    break;
  }
  return v * scale;
}

static void accumulate(QLayer *l, const IpuTensor *ref, const IpuTensor *q,
                       float scale) {
  int64_t n = ipuTensorNumElements(ref);
  if (n != ipuTensorNumElements(q))
    return;
  for (int64_t i = 0; i < n; ++i) {
    double f = ipuPassTensorGetF(ref, i), v = realValue(q, i, scale);
    double e = fabs(f - v);
    if (e > l->maxAbsError || isnan(e))
      l->maxAbsError = e;
    l->dot += f * v;
    l->normFloat += f * f;
    l->normQuant += v * v;
  }
  l->count += n;
}

static void observeQuant(IpuOp *op, intptr_t resultIndex,
                         const IpuTensor *value, void *userData) {
  ReportRun *r = userData;
  intptr_t i = ipuPtrMapGetInt(&r->byOp, op, 0);
  if (i <= 0 || resultIndex != 0)
    return;
  QLayer *l = &r->st->layers[i - 1];
  if (ipuTensorIsValid(&r->floatValues[i - 1]))
    accumulate(l, &r->floatValues[i - 1], value, l->scale);
}

static void jsonString(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; ++s) {
    if (*s == '"' || *s == '\\')
      fprintf(f, "\\%c", *s);
    else if ((unsigned char)*s < 0x20)
      fprintf(f, "\\u%04x", *s);
    else
      fputc(*s, f);
  }
  fputc('"', f);
}

/* The first name location inside `loc`, for the report. */
static const char *locName(IpuLocation loc, int depth) {
  if (!loc || depth > 16)
    return NULL;
  switch (ipuAttrGetKind(loc)) {
  case IPU_ATTR_LOC_NAME:
    return ipuIdentCStr(ipuLocNameGetName(loc));
  case IPU_ATTR_LOC_FUSED:
    for (intptr_t i = 0; i < ipuLocFusedGetNumLocations(loc); ++i) {
      const char *n = locName(ipuLocFusedGetLocation(loc, i), depth + 1);
      if (n)
        return n;
    }
    return NULL;
  case IPU_ATTR_LOC_CALLSITE:
    return locName(ipuLocCallSiteGetCallee(loc), depth + 1);
  default:
    return NULL;
  }
}

static bool writeJson(QState *st, const char *path, const QLayer *outputs,
                      intptr_t numOutputs, IpuOp **floatOps) {
  FILE *f = fopen(path, "w");
  if (!f)
    return false;
  fprintf(f, "{\n  \"samples\": %lld,\n  \"layers\": [",
          (long long)st->numSamples);
  for (intptr_t i = 0; i < st->numLayers; ++i) {
    const QLayer *l = &st->layers[i];
    IpuOp *fop = floatOps[l->floatIndex];
    const char *name = locName(ipuOpGetLoc(fop), 0);
    fprintf(f, "%s\n    {\"op\": ", i ? "," : "");
    jsonString(f, ipuIdentCStr(ipuOpGetName(fop)));
    fprintf(f, ", \"name\": ");
    jsonString(f, name ? name : "");
    fprintf(f, ", \"max_abs_error\": %.9g, \"cosine\": %.9f}",
            l->maxAbsError, qCosine(l->dot, l->normFloat, l->normQuant));
  }
  fprintf(f, "\n  ],\n  \"outputs\": [");
  for (intptr_t i = 0; i < numOutputs; ++i) {
    const QLayer *l = &outputs[i];
    fprintf(f, "%s\n    {\"index\": %lld, \"max_abs_error\": %.9g, "
               "\"cosine\": %.9f}",
            i ? "," : "", (long long)i, l->maxAbsError,
            qCosine(l->dot, l->normFloat, l->normQuant));
  }
  fprintf(f, "\n  ]\n}\n");
  return fclose(f) == 0;
}

bool qReport(QState *st, IpuOp *floatFunc, IpuPassRun *run,
             const char *jsonPath) {
  IpuContext *ctx = st->ctx;
  IpuBlock *floatBody =
      ipuRegionGetFirstBlock(ipuOpGetRegion(floatFunc, 0));
  intptr_t numFloatOps = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(floatBody); op; op = ipuOpGetNext(op))
    numFloatOps++;
  IpuOp **floatOps =
      ipuAlloc(ctx, sizeof(IpuOp *) * (size_t)(numFloatOps + 1));
  ReportRun r;
  memset(&r, 0, sizeof r);
  r.st = st;
  ipuPtrMapInit(&r.byOp, ctx);
  r.floatValues = ipuCalloc(ctx, (size_t)st->numLayers + 1, sizeof(IpuTensor));
  bool ok = floatOps && r.floatValues;
  intptr_t k = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(floatBody); ok && op;
       op = ipuOpGetNext(op))
    floatOps[k++] = op;
  for (intptr_t i = 0; ok && i < st->numLayers; ++i)
    ok = ipuPtrMapPutInt(&r.byOp, floatOps[st->layers[i].floatIndex], i + 1) &&
         ipuPtrMapPutInt(&r.byOp, st->layers[i].quantOp, i + 1);
  if (!ok) {
    ipuOpEmitError(st->func, "out of memory");
  }
  QLayer *outputs = NULL;
  intptr_t numOutputs = 0;
  for (intptr_t s = 0; ok && s < st->numSamples; ++s) {
    const IpuTensor *in = &st->inputs[s * st->numArgs];
    IpuTensor *fOut = NULL, *qOut = NULL;
    intptr_t nf = 0, nq = 0;
    ok = ipuSucceeded(ipuInterpRunFuncObserved(floatFunc, st->numArgs, in,
                                               &fOut, &nf, observeFloat,
                                               &r)) &&
         !r.oom;
    if (ok && ipuFailed(ipuInterpRunFuncObserved(st->func, st->numArgs, in,
                                                 &qOut, &nq, observeQuant,
                                                 &r))) {
      ipuOpEmitError(st->func, "running the quantized function on "
                     "calibration sample %lld failed", (long long)s);
      ok = false;
    }
    if (ok && !outputs) {
      numOutputs = nf;
      outputs = ipuCalloc(ctx, (size_t)nf + 1, sizeof(QLayer));
      ok = outputs != NULL;
    }
    for (intptr_t i = 0; ok && i < nf && i < nq; ++i)
      if (ipuPassTensorIsFloat(&fOut[i]) && ipuPassTensorIsFloat(&qOut[i]))
        accumulate(&outputs[i], &fOut[i], &qOut[i], 1.0f);
    ipuInterpOutputsFree(fOut, nf);
    ipuInterpOutputsFree(qOut, nq);
    for (intptr_t i = 0; r.floatValues && i < st->numLayers; ++i)
      ipuTensorFree(&r.floatValues[i]);
  }
  if (ok) {
    double minLayer = 1.0, minOutput = 1.0;
    for (intptr_t i = 0; i < st->numLayers; ++i) {
      QLayer *l = &st->layers[i];
      double c = qCosine(l->dot, l->normFloat, l->normQuant);
      minLayer = c < minLayer ? c : minLayer;
      ipuOpEmitRemark(l->anchor, "quantized '%s': max abs error %.4g, "
                      "cosine %.6f over %lld calibration samples",
                      ipuIdentCStr(ipuOpGetName(floatOps[l->floatIndex])),
                      l->maxAbsError, c, (long long)st->numSamples);
    }
    IpuOp *ret = ipuBlockGetTerminator(st->body);
    for (intptr_t i = 0; i < numOutputs; ++i) {
      QLayer *l = &outputs[i];
      double c = qCosine(l->dot, l->normFloat, l->normQuant);
      minOutput = c < minOutput ? c : minOutput;
      ipuOpEmitRemark(ret ? ret : st->func, "output #%lld: max abs error "
                      "%.4g, cosine %.6f over %lld calibration samples",
                      (long long)i, l->maxAbsError, c,
                      (long long)st->numSamples);
    }
    ipuPassRunAddStatistic(run, "min-layer-cosine-ppm",
                           (int64_t)floor(minLayer * 1e6));
    ipuPassRunAddStatistic(run, "min-output-cosine-ppm",
                           (int64_t)floor(minOutput * 1e6));
    if (jsonPath && *jsonPath &&
        !writeJson(st, jsonPath, outputs, numOutputs, floatOps)) {
      ipuOpEmitError(st->func, "cannot write the quantization report '%s'",
                     jsonPath);
      ok = false;
    }
  }
  ipuFree(ctx, outputs);
  ipuFree(ctx, r.floatValues);
  ipuFree(ctx, floatOps);
  ipuPtrMapDestroy(&r.byOp);
  return ok;
}
