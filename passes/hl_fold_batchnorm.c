/* hl-fold-batchnorm: folds an hl.batchnorm into the hl.conv2d,
 * hl.conv_transpose or hl.gemm producing its input, by rescaling the
 * producer's constant weight and bias.
 *
 * With s = scale / sqrt(var + epsilon) per output channel, the producer's
 * weight becomes W * s (on the weight axis of that channel) and its bias
 * (b - mean) * s + bias_bn, computed in double and stored in the weight's
 * element type. Output channel m of a convolution is weight row m; of a
 * transposed convolution with g groups, weight element [c, j, ...] feeds
 * channel (c / (C/g)) * (M/g) + j; of a gemm, column n of op(b), and alpha
 * is folded into b and c' = (beta * c - mean) * s + bias_bn becomes a 1-D
 * [N] c with alpha = beta = 1 (only when c is absent, a scalar, [N] or
 * [1, N]). Conditions: the producer's result is used by the batchnorm
 * only, it has no fused activation, and the batchnorm's four parameters,
 * the weight and the bias (if any) are hl.constant ops. The new constants
 * are inserted before the producer (dense_resource above 64 KiB); the old
 * ones are erased after the walk when left unused; the producer's
 * location becomes fused[producer, batchnorm].
 *
 * Algorithm: one post-order walk; each fold costs O(weight elements).
 * Complexity O(ops + total weight size). */
#include <math.h>
#include <string.h>

#include "passes.h"

enum { BN_INPUT, BN_SCALE, BN_BIAS, BN_MEAN, BN_VAR };
enum { PRODUCER_INPUT, PRODUCER_WEIGHT, PRODUCER_BIAS };

typedef enum { KIND_CONV, KIND_CONV_TRANSPOSE, KIND_GEMM } ProducerKind;

typedef struct {
  IpuContext *ctx;
  int64_t folded;
  unsigned blobCounter;
  /* Constants the folds stopped using, erased after the walk if unused:
   * erasing them during it could pull ops from under the walker. */
  IpuPtrMap oldConstants;
  bool failed;
} FoldState;

/* The tensors a fold computes on; owned, freed by releaseTensors. */
typedef struct {
  IpuTensor params[4]; /* scale, bias, mean, var of the batchnorm */
  IpuTensor weight;
  IpuTensor bias; /* the producer's bias (gemm: c); no data when absent */
  bool hasBias;
} FoldTensors;

static void releaseTensors(FoldTensors *t) {
  for (int i = 0; i < 4; ++i)
    ipuTensorFree(&t->params[i]);
  ipuTensorFree(&t->weight);
  ipuTensorFree(&t->bias);
}

static bool producerKind(const IpuOp *op, ProducerKind *kind) {
  if (ipuOpIsA(op, "hl.conv2d"))
    *kind = KIND_CONV;
  else if (ipuOpIsA(op, "hl.conv_transpose"))
    *kind = KIND_CONV_TRANSPOSE;
  else if (ipuOpIsA(op, "hl.gemm"))
    *kind = KIND_GEMM;
  else
    return false;
  return true;
}

static double floatAttr(const IpuOp *op, const char *name, double dflt) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_FLOAT ? ipuFloatAttrGetValue(a)
                                                  : dflt;
}

static int64_t intAttr(const IpuOp *op, const char *name, int64_t dflt) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER ? ipuIntegerAttrGetInt(a)
                                                    : dflt;
}

static bool boolAttr(const IpuOp *op, const char *name) {
  IpuAttr a = ipuOpGetAttr(op, name);
  return a && ipuAttrIsBool(a) && ipuBoolAttrGetValue(a);
}

/* Reads a constant operand into `t`; false (after the interpreter's
 * located error) if its data cannot be read. */
static bool readConstant(FoldState *st, IpuOp *user, IpuAttr value,
                         IpuTensor *t) {
  if (ipuSucceeded(ipuInterpTensorFromAttr(st->ctx, ipuOpGetLoc(user), value,
                                           t)))
    return true;
  st->failed = true;
  return false;
}

/* Whether a gemm's c can become a 1-D [N] bias: absent, one element, [N]
 * or [1, N]. */
static bool gemmBiasFoldable(const IpuTensor *c, int64_t n) {
  int64_t count = ipuTensorNumElements(c);
  if (count == 1)
    return true;
  if (c->rank == 1)
    return c->shape[0] == n;
  return c->rank == 2 && c->shape[0] == 1 && c->shape[1] == n;
}

/* Output channel fed by weight element i. */
static int64_t channelOfWeight(ProducerKind kind, const IpuTensor *w,
                               int64_t groups, bool transB, int64_t i) {
  switch (kind) {
  case KIND_CONV: {
    int64_t perChannel = ipuTensorNumElements(w) / w->shape[0];
    return i / perChannel;
  }
  case KIND_CONV_TRANSPOSE: {
    int64_t window = w->shape[2] * w->shape[3];
    int64_t outPerGroup = w->shape[1];
    int64_t inPerGroup = w->shape[0] / groups;
    int64_t c = i / (outPerGroup * window), j = (i / window) % outPerGroup;
    return (c / inPerGroup) * outPerGroup + j;
  }
  case KIND_GEMM:
    return transB ? i / w->shape[1] : i % w->shape[1];
  }
  return 0;
}

/* Checks the shapes the rewrite relies on (the verifier has checked the
 * rest): the weight's channel count is the batchnorm's. */
static bool shapesFit(ProducerKind kind, const IpuTensor *w, int64_t groups,
                      bool transB, int64_t channels) {
  switch (kind) {
  case KIND_CONV:
    return w->rank == 4 && w->shape[0] == channels && channels > 0;
  case KIND_CONV_TRANSPOSE:
    return w->rank == 4 && groups >= 1 && w->shape[0] % groups == 0 &&
           w->shape[1] * groups == channels && channels > 0;
  case KIND_GEMM:
    return w->rank == 2 && w->shape[transB ? 0 : 1] == channels;
  }
  return false;
}

static IpuWalkResult foldOp(IpuOp *bn, void *userData) {
  FoldState *st = userData;
  if (!ipuOpIsA(bn, "hl.batchnorm") || ipuOpGetNumOperands(bn) != 5)
    return IPU_WALK_ADVANCE;
  IpuValue input = ipuOpGetOperand(bn, BN_INPUT);
  IpuOp *producer = ipuValueGetDefiningOp(input);
  ProducerKind kind;
  if (!producer || !producerKind(producer, &kind) ||
      !ipuValueHasOneUse(input) || ipuOpGetAttr(producer, "activation") ||
      ipuOpGetAttr(producer, "activation_params") ||
      /* the producer's result replaces the batchnorm's */
      ipuValueGetType(input) != ipuValueGetType(ipuOpGetResult(bn, 0)))
    return IPU_WALK_ADVANCE;
  intptr_t numOperands = ipuOpGetNumOperands(producer);
  IpuAttr paramAttrs[4], weightAttr, biasAttr = NULL;
  IpuOp *oldConstants[6] = {NULL};
  for (int i = 0; i < 4; ++i) {
    oldConstants[i] = ipuPassMatchHlConstant(
        ipuOpGetOperand(bn, BN_SCALE + i), &paramAttrs[i]);
    if (!oldConstants[i])
      return IPU_WALK_ADVANCE;
  }
  IpuOp *weightOp = ipuPassMatchHlConstant(
      ipuOpGetOperand(producer, PRODUCER_WEIGHT), &weightAttr);
  if (!weightOp)
    return IPU_WALK_ADVANCE;
  oldConstants[4] = weightOp;
  if (numOperands > 2) {
    oldConstants[5] = ipuPassMatchHlConstant(
        ipuOpGetOperand(producer, PRODUCER_BIAS), &biasAttr);
    if (!oldConstants[5])
      return IPU_WALK_ADVANCE;
  }

  FoldTensors t;
  memset(&t, 0, sizeof t);
  t.hasBias = biasAttr != NULL;
  bool ok = true;
  for (int i = 0; i < 4 && ok; ++i)
    ok = readConstant(st, bn, paramAttrs[i], &t.params[i]);
  ok = ok && readConstant(st, producer, weightAttr, &t.weight) &&
       (!t.hasBias || readConstant(st, producer, biasAttr, &t.bias));
  if (!ok) {
    releaseTensors(&t);
    return st->failed ? IPU_WALK_INTERRUPT : IPU_WALK_ADVANCE;
  }

  int64_t channels = ipuTensorNumElements(&t.params[0]);
  int64_t groups = kind == KIND_CONV_TRANSPOSE ? intAttr(producer, "groups", 1)
                                               : 1;
  bool transB = kind == KIND_GEMM && boolAttr(producer, "trans_b");
  bool biasFits =
      !t.hasBias ||
      (ipuPassTensorIsFloat(&t.bias) &&
       (kind == KIND_GEMM ? gemmBiasFoldable(&t.bias, channels)
                          : ipuTensorNumElements(&t.bias) == channels));
  bool fits = biasFits && ipuPassTensorIsFloat(&t.weight) &&
              shapesFit(kind, &t.weight, groups, transB, channels);
  for (int i = 0; i < 4 && fits; ++i)
    fits = ipuPassTensorIsFloat(&t.params[i]) &&
           ipuTensorNumElements(&t.params[i]) == channels;
  if (!fits) {
    releaseTensors(&t);
    return IPU_WALK_ADVANCE;
  }

  /* The per-channel factor and the new bias, in double. */
  double epsilon = floatAttr(bn, "epsilon", 1e-5);
  double alpha = kind == KIND_GEMM ? floatAttr(producer, "alpha", 1.0) : 1.0;
  double beta = kind == KIND_GEMM ? floatAttr(producer, "beta", 1.0) : 1.0;
  double *factor = ipuAlloc(st->ctx, (size_t)channels * sizeof *factor);
  IpuTensor newBias;
  int64_t biasShape[1] = {channels};
  if (!factor || !ipuTensorInit(&newBias, t.weight.dtype, 1, biasShape)) {
    ipuFree(st->ctx, factor);
    releaseTensors(&t);
    ipuOpEmitError(bn, "out of memory folding the batchnorm");
    st->failed = true;
    return IPU_WALK_INTERRUPT;
  }
  for (int64_t m = 0; m < channels; ++m) {
    double scale = ipuPassTensorGetF(&t.params[0], m);
    double shift = ipuPassTensorGetF(&t.params[1], m);
    double mean = ipuPassTensorGetF(&t.params[2], m);
    double var = ipuPassTensorGetF(&t.params[3], m);
    double s = scale / sqrt(var + epsilon);
    double b = 0.0;
    if (t.hasBias)
      b = ipuPassTensorGetF(&t.bias, ipuTensorNumElements(&t.bias) == 1 ? 0
                                                                      : m);
    factor[m] = s * alpha;
    ipuPassTensorSetF(&newBias, m, (beta * b - mean) * s + shift);
  }
  int64_t numWeights = ipuTensorNumElements(&t.weight);
  for (int64_t i = 0; i < numWeights; ++i) {
    int64_t m = channelOfWeight(kind, &t.weight, groups, transB, i);
    ipuPassTensorSetF(&t.weight, i, ipuPassTensorGetF(&t.weight, i) *
                                         factor[m]);
  }
  ipuFree(st->ctx, factor);

  /* New constants before the producer, then the producer rewired. */
  IpuBuilder b;
  ipuBuilderInit(&b, st->ctx);
  ipuBuilderSetInsertionPointBefore(&b, producer);
  char hint[80];
  IpuValue weightValue = ipuOpGetOperand(producer, PRODUCER_WEIGHT);
  ipuPassBlobNameHint(weightAttr, "bn", "folded_bn", hint, sizeof hint);
  IpuOp *newWeightOp = ipuPassCreateHlConstant(
      &b, ipuValueGetType(weightValue), t.weight.data,
      ipuTensorByteSize(&t.weight), hint, &st->blobCounter,
      ipuOpGetLoc(weightOp));
  IpuType biasType = ipuRankedTensorTypeGet(
      st->ctx, 1, biasShape,
      ipuShapedTypeGetElementType(ipuValueGetType(weightValue)), NULL);
  ipuPassBlobNameHint(biasAttr ? biasAttr : weightAttr, "bn_bias",
                      "folded_bn_bias", hint, sizeof hint);
  IpuOp *newBiasOp =
      newWeightOp ? ipuPassCreateHlConstant(
                        &b, biasType, newBias.data, ipuTensorByteSize(&newBias),
                        hint, &st->blobCounter, ipuOpGetLoc(bn))
                  : NULL;
  ipuTensorFree(&newBias);
  releaseTensors(&t);
  if (!newBiasOp) {
    if (newWeightOp)
      ipuOpDestroy(newWeightOp);
    st->failed = true;
    return IPU_WALK_INTERRUPT;
  }

  IpuValue operands[3] = {ipuOpGetOperand(producer, PRODUCER_INPUT),
                          ipuOpGetResult(newWeightOp, 0),
                          ipuOpGetResult(newBiasOp, 0)};
  ipuOpSetOperands(producer, 3, operands);
  if (kind == KIND_GEMM) {
    ipuOpSetAttr(producer, "alpha", NULL);
    ipuOpSetAttr(producer, "beta", NULL);
  }
  IpuLocation locs[2] = {ipuOpGetLoc(producer), ipuOpGetLoc(bn)};
  ipuOpSetLoc(producer, ipuLocFusedGet(st->ctx, 2, locs, NULL));
  ipuValueReplaceAllUsesWith(ipuOpGetResult(bn, 0), input);
  ipuOpDestroy(bn);
  for (int i = 0; i < 6; ++i)
    if (oldConstants[i] &&
        !ipuPtrMapPut(&st->oldConstants, oldConstants[i], oldConstants[i]))
      st->failed = true;
  st->folded++;
  return IPU_WALK_ADVANCE;
}

static IpuLogicalResult runFoldBatchNorm(IpuOp *op, IpuPassRun *run) {
  FoldState st;
  memset(&st, 0, sizeof st);
  st.ctx = ipuPassRunGetContext(run);
  ipuPtrMapInit(&st.oldConstants, st.ctx);
  ipuOpWalk(op, IPU_WALK_POST_ORDER, foldOp, &st);
  ipuPassEraseDeadConstantsIn(&st.oldConstants);
  return ipuPassFinishRewrites(run, "num-folded", st.folded, st.failed);
}

static const IpuPassStatisticDef foldStatistics[] = {
    {"num-folded", "Number of batchnorms folded into their producer"},
};

const IpuPassDef ipuHlFoldBatchNormPass = {
    .argument = "hl-fold-batchnorm",
    .summary = "Fold hl.batchnorm into the conv / conv_transpose / gemm "
               "before it",
    .description =
        "Rescales the constant weight and bias of an hl.conv2d, "
        "hl.conv_transpose or hl.gemm whose only user is an hl.batchnorm "
        "with constant parameters, so that the batchnorm can go: weight "
        "W * s and bias (b - mean) * s + bias_bn per output channel, "
        "s = scale / sqrt(var + epsilon), computed in double. A gemm also "
        "takes alpha into b and gets a 1-D c with beta = 1 (when its c is "
        "absent, a scalar, [N] or [1, N]).",
    .anchor = NULL,
    .statistics = foldStatistics,
    .numStatistics = 1,
    .run = runFoldBatchNorm,
};
