/* quantize, part 5: wide (16-bit) activations. Which values feed the
 * layers chosen to get a 16-bit input, and the accuracy-driven search
 * that chooses those layers (mixed precision).
 *
 * A wide activation is stored as i16 within +-qmax, qmax at most
 * Q_WIDE_QMAX (15 significant bits: two slices of an 8-bit DAC, so one
 * extra pass through the array), and less where K * qmax * 127 would not
 * fit an i32 accumulator. Weights stay 8-bit. */
#include <stdlib.h>
#include <string.h>

#include "quantize.h"

/* A conv2d, gemm (not trans_a) or matmul with a constant weight of a
 * static shape: the layers whose input may be wide. *K: the length of
 * its dot products. */
static bool isWeightedLayer(IpuOp *op, int64_t *K) {
  bool conv = ipuOpIsA(op, "hl.conv2d"), gemm = ipuOpIsA(op, "hl.gemm");
  if ((!conv && !gemm && !ipuOpIsA(op, "hl.matmul")) ||
      ipuOpGetNumOperands(op) < 2 ||
      !ipuPassMatchHlConstant(ipuOpGetOperand(op, 1), NULL))
    return false;
  IpuAttr transA = ipuOpGetAttr(op, "trans_a");
  if (gemm && transA && ipuAttrIsBool(transA) && ipuBoolAttrGetValue(transA))
    return false;
  IpuType w = ipuValueGetType(ipuOpGetOperand(op, 1));
  if (!ipuTypeIsTensor(w) || !ipuShapedTypeHasRank(w) ||
      !ipuShapedTypeHasStaticShape(w))
    return false;
  intptr_t rank = ipuShapedTypeGetRank(w);
  const int64_t *shape = ipuShapedTypeGetShape(w);
  if (conv && rank == 4) {
    *K = shape[1] * shape[2] * shape[3];
  } else if (!conv && rank == 2) {
    IpuAttr transB = ipuOpGetAttr(op, "trans_b");
    bool tb = gemm && transB && ipuAttrIsBool(transB) &&
              ipuBoolAttrGetValue(transB);
    *K = tb ? shape[1] : shape[0];
  } else {
    return false;
  }
  return *K > 0;
}

/* The largest qmax for inputs of a layer with dot products of length K. */
static int64_t boundForK(int64_t K) {
  int64_t q = (int64_t)INT32_MAX / (K * 127);
  return q < Q_WIDE_QMAX ? q : Q_WIDE_QMAX;
}

enum { MAX_CHAIN = 64 };

bool qWideValues(QState *st, IpuPtrMap *out) {
  if (!st->wideLayers)
    return true;
  intptr_t i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(st->body); op && i < st->numBodyOps;
       op = ipuOpGetNext(op), ++i) {
    int64_t K;
    if (!st->wideLayers[i] || !isWeightedLayer(op, &K))
      continue;
    /* The value and the scale-preserving ops before it share one integer
     * form, made where the chain starts. */
    IpuValue chain[MAX_CHAIN];
    intptr_t n = 0;
    for (IpuValue v = ipuOpGetOperand(op, 0); v && n < MAX_CHAIN;) {
      chain[n++] = v;
      IpuOp *def = ipuValueGetDefiningOp(v);
      IpuValue scaled;
      double factor;
      if (def && qIsScalarScale(st->ctx, def, &scaled, &factor)) {
        v = scaled;
        continue;
      }
      if (!def || ipuOpGetNumOperands(def) != 1 ||
          ipuOpGetNumResults(def) != 1 ||
          !(qIsScalePreserving(def) || ipuOpIsA(def, "hl.clip")))
        break;
      v = ipuOpGetOperand(def, 0);
    }
    /* Every layer any of them feeds bounds the values. */
    int64_t qmax = Q_WIDE_QMAX;
    for (intptr_t c = 0; c < n; ++c)
      for (IpuOpOperand *u = ipuValueGetFirstUse(chain[c]); u;
           u = ipuOpOperandGetNextUse(u)) {
        int64_t k;
        if (ipuOpOperandGetIndex(u) == 0 &&
            isWeightedLayer(ipuOpOperandGetOwner(u), &k) && boundForK(k) < qmax)
          qmax = boundForK(k);
      }
    if (qmax <= 127)
      continue; /* too long a dot product to gain anything */
    for (intptr_t c = 0; c < n; ++c) {
      intptr_t old = ipuPtrMapGetInt(out, chain[c], 0);
      if ((old == 0 || qmax < old) && !ipuPtrMapPutInt(out, chain[c], qmax))
        return ipuSucceeded(ipuOpEmitError(st->func, "out of memory"));
    }
  }
  return true;
}

static bool allocLayers(QState *st) {
  if (st->wideLayers)
    return true;
  st->wideLayers = ipuCalloc(st->ctx, (size_t)st->numBodyOps + 1,
                             sizeof *st->wideLayers);
  if (!st->wideLayers)
    ipuOpEmitError(st->func, "out of memory");
  return st->wideLayers != NULL;
}

bool qParseWideLayers(QState *st, const char *names) {
  if (!names || !*names)
    return true;
  if (!allocLayers(st))
    return false;
  bool all = !strcmp(names, "all");
  for (const char *p = names; p && *p;) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char name[256];
    if (len == 0 || len >= sizeof name) {
      ipuOpEmitError(st->func, "quantize: wide-activations: bad layer name "
                     "'%.*s'", (int)len, p);
      return false;
    }
    memcpy(name, p, len);
    name[len] = 0;
    bool found = false;
    intptr_t i = 0;
    for (IpuOp *op = ipuBlockGetFirstOp(st->body); op && i < st->numBodyOps;
         op = ipuOpGetNext(op), ++i) {
      int64_t K;
      if (isWeightedLayer(op, &K) &&
          (all || qLocHasName(ipuOpGetLoc(op), name))) {
        st->wideLayers[i] = true;
        found = true;
      }
    }
    if (!found && !all) {
      ipuOpEmitError(st->func, "quantize: wide-activations: no conv2d, gemm "
                     "or matmul with a constant weight is named '%s'",
                     name);
      return false;
    }
    p = all ? NULL : end ? end + 1 : NULL;
  }
  return true;
}

/* ---- The search. ---- */

typedef struct {
  QState *st;
  IpuTensor **floatOuts; /* per sample */
  intptr_t *numFloatOuts;
  int64_t trials;
} Search;

/* Gives the values of `clone` the ranges of the corresponding values of
 * the function (same structure), or forgets them (`forget`). */
static bool mirrorRanges(QState *st, IpuBlock *orig, IpuBlock *clone,
                         bool forget) {
  for (intptr_t a = 0; a < ipuBlockGetNumArguments(clone); ++a) {
    IpuValue c = ipuBlockGetArgument(clone, a);
    if (forget ? !ipuPtrMapPutInt(&st->rangeIndex, c, 0)
               : !qAliasRange(st, ipuBlockGetArgument(orig, a), c))
      return false;
  }
  IpuOp *o = orig ? ipuBlockGetFirstOp(orig) : NULL;
  for (IpuOp *c = ipuBlockGetFirstOp(clone); c; c = ipuOpGetNext(c)) {
    for (intptr_t r = 0; r < ipuOpGetNumResults(c); ++r) {
      IpuValue v = ipuOpGetResult(c, r);
      if (forget ? ipuPtrMapContains(&st->rangeIndex, v) &&
                       !ipuPtrMapPutInt(&st->rangeIndex, v, 0)
                 : !qAliasRange(st, ipuOpGetResult(o, r), v))
        return false;
    }
    o = o ? ipuOpGetNext(o) : NULL;
  }
  return true;
}

/* Quantizes a clone of the function with the current st->wideLayers and
 * returns the smallest output cosine over the samples (-1 after an
 * error, which has been reported). */
static double trial(Search *s) {
  QState *st = s->st;
  s->trials++;
  IpuOp *func = st->func;
  IpuBlock *body = st->body;
  IpuOp *clone = ipuOpClone(func);
  if (!clone) {
    ipuOpEmitError(func, "out of memory");
    return -1;
  }
  IpuBlock *cloneBody = ipuRegionGetFirstBlock(ipuOpGetRegion(clone, 0));
  bool ok = mirrorRanges(st, body, cloneBody, false);
  /* The rewrite records into these; the real rewrite comes later. */
  QLayer *layers = st->layers;
  intptr_t numLayers = st->numLayers, capLayers = st->capLayers;
  int64_t numQuantized = st->numQuantized, numWeights4 = st->numWeights4;
  int64_t numWide = st->numWide;
  st->func = clone;
  st->body = cloneBody;
  st->layers = NULL;
  st->numLayers = st->capLayers = 0;
  ok = ok && qRewrite(st);
  double minCosine = ok ? 1.0 : -1;
  intptr_t numOutputs = s->numFloatOuts[0];
  double acc[3 * 64];
  memset(acc, 0, sizeof acc);
  for (intptr_t k = 0; ok && k < st->numSamples; ++k) {
    IpuTensor *outs = NULL;
    intptr_t n = 0;
    ok = ipuSucceeded(ipuInterpRunFunc(clone, st->numArgs,
                                       &st->inputs[k * st->numArgs], &outs,
                                       &n));
    for (intptr_t o = 0; ok && o < n && o < numOutputs && o < 64; ++o) {
      const IpuTensor *f = &s->floatOuts[k][o], *q = &outs[o];
      int64_t count = ipuTensorNumElements(f);
      if (!ipuPassTensorIsFloat(f) || !ipuPassTensorIsFloat(q) ||
          count != ipuTensorNumElements(q))
        continue;
      for (int64_t e = 0; e < count; ++e) {
        double a = ipuPassTensorGetF(f, e), b = ipuPassTensorGetF(q, e);
        acc[3 * o] += a * b;
        acc[3 * o + 1] += a * a;
        acc[3 * o + 2] += b * b;
      }
    }
    ipuInterpOutputsFree(outs, n);
  }
  for (intptr_t o = 0; ok && o < numOutputs && o < 64; ++o) {
    double c = qCosine(acc[3 * o], acc[3 * o + 1], acc[3 * o + 2]);
    minCosine = c < minCosine ? c : minCosine;
  }
  if (!ok)
    minCosine = -1;
  if (!mirrorRanges(st, NULL, cloneBody, true)) {
    ipuOpEmitError(func, "out of memory");
    minCosine = -1;
  }
  ipuFree(st->ctx, st->layers);
  st->func = func;
  st->body = body;
  st->layers = layers;
  st->numLayers = numLayers;
  st->capLayers = capLayers;
  st->numQuantized = numQuantized;
  st->numWeights4 = numWeights4;
  st->numWide = numWide;
  st->failed = false;
  ipuOpDestroy(clone);
  return minCosine;
}

typedef struct {
  intptr_t index;
  double cosine;
} Candidate;

static int byCosineDesc(const void *a, const void *b) {
  const Candidate *x = a, *y = b;
  if (x->cosine != y->cosine)
    return x->cosine > y->cosine ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static bool search(Search *s, double target) {
  QState *st = s->st;
  double current = trial(s);
  if (current < 0)
    return false;
  Candidate *cands = ipuCalloc(st->ctx, (size_t)st->numBodyOps + 1,
                               sizeof *cands);
  if (!cands)
    return ipuSucceeded(ipuOpEmitError(st->func, "out of memory"));
  intptr_t numCands = 0, i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(st->body);
       op && i < st->numBodyOps && current < target;
       op = ipuOpGetNext(op), ++i) {
    int64_t K;
    if (st->wideLayers[i] || !isWeightedLayer(op, &K) || boundForK(K) <= 127)
      continue;
    st->wideLayers[i] = true;
    double c = trial(s);
    st->wideLayers[i] = false;
    if (c < 0) {
      ipuFree(st->ctx, cands);
      return false;
    }
    cands[numCands++] = (Candidate){i, c};
  }
  qsort(cands, (size_t)numCands, sizeof *cands, byCosineDesc);
  /* Widen the most helpful first; a layer that does not help on its own
   * may still help beside the others, so all are tried in order. */
  for (intptr_t c = 0; c < numCands && current < target; ++c) {
    st->wideLayers[cands[c].index] = true;
    current = c == 0 ? cands[0].cosine : trial(s);
    if (current < 0) {
      ipuFree(st->ctx, cands);
      return false;
    }
  }
  ipuFree(st->ctx, cands);
  if (current < target)
    ipuOpEmitRemark(st->func, "quantize: min-cosine %g not reached: %.6f "
                    "with every eligible layer input wide",
                    target, current);
  return true;
}

bool qChooseWideLayers(QState *st, double target) {
  if (!(target > 0) || st->numSamples == 0)
    return true;
  if (!allocLayers(st))
    return false;
  Search s;
  memset(&s, 0, sizeof s);
  s.st = st;
  s.floatOuts = ipuCalloc(st->ctx, (size_t)st->numSamples, sizeof *s.floatOuts);
  s.numFloatOuts = ipuCalloc(st->ctx, (size_t)st->numSamples,
                             sizeof *s.numFloatOuts);
  bool ok = s.floatOuts && s.numFloatOuts;
  if (!ok)
    ipuOpEmitError(st->func, "out of memory");
  for (intptr_t k = 0; ok && k < st->numSamples; ++k)
    ok = ipuSucceeded(ipuInterpRunFunc(st->func, st->numArgs,
                                       &st->inputs[k * st->numArgs],
                                       &s.floatOuts[k], &s.numFloatOuts[k]));
  ok = ok && search(&s, target);
  for (intptr_t k = 0; s.floatOuts && k < st->numSamples; ++k)
    ipuInterpOutputsFree(s.floatOuts[k], s.numFloatOuts[k]);
  ipuFree(st->ctx, s.floatOuts);
  ipuFree(st->ctx, s.numFloatOuts);
  return ok;
}
