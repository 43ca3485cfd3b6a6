/* hl-fuse-activations: folds an activation op (hl.relu, hl.leaky_relu,
 * hl.clip, hl.sigmoid, hl.tanh, hl.hard_sigmoid, hl.hard_swish) into the
 * hl.conv2d, hl.conv_transpose, hl.matmul or hl.gemm producing its operand.
 *
 * Algorithm: one post-order walk (program order within each block). An
 * activation fuses when its operand is the float result of such a
 * producer, that result has no other use and the producer has no
 * activation yet: the producer takes `activation` and `activation_params`
 * (the activation's attributes, defaults made explicit; a clip's missing
 * bound is an infinity) and the location fused[producer, activation]; the
 * activation's uses take the producer's result and it is erased. A chain
 * such as relu then clip fuses its first activation only. O(ops). */
#include <math.h>
#include <string.h>

#include "passes.h"

typedef struct {
  const char *opName;   /* "hl.leaky_relu" */
  const char *fused;    /* "leaky_relu", the `activation` value */
  const char *param[2]; /* attributes giving activation_params, in order */
  float dflt[2];        /* their defaults (the ops' own) */
} Activation;

static const Activation kActivations[] = {
    {"hl.relu", "relu", {NULL, NULL}, {0, 0}},
    {"hl.leaky_relu", "leaky_relu", {"alpha", NULL}, {0.01f, 0}},
    {"hl.clip", "clip", {"min", "max"}, {-INFINITY, INFINITY}},
    {"hl.sigmoid", "sigmoid", {NULL, NULL}, {0, 0}},
    {"hl.tanh", "tanh", {NULL, NULL}, {0, 0}},
    {"hl.hard_sigmoid", "hard_sigmoid", {"alpha", "beta"}, {0.2f, 0.5f}},
    {"hl.hard_swish", "hard_swish", {NULL, NULL}, {0, 0}},
};

static const char *const kProducers[] = {"hl.conv2d", "hl.conv_transpose",
                                         "hl.matmul", "hl.gemm"};

static const Activation *activationOf(const IpuOp *op) {
  for (size_t i = 0; i < sizeof kActivations / sizeof *kActivations; ++i)
    if (ipuOpIsA(op, kActivations[i].opName))
      return &kActivations[i];
  return NULL;
}

static bool isProducer(const IpuOp *op) {
  for (size_t i = 0; i < sizeof kProducers / sizeof *kProducers; ++i)
    if (ipuOpIsA(op, kProducers[i]))
      return true;
  return false;
}

typedef struct {
  IpuContext *ctx;
  int64_t fused;
} FuseState;

/* The activation's parameters; false when they are not f32 floats or do
 * not make a valid fused activation (a clip with min > max or NaN). */
static bool readParams(IpuOp *op, const Activation *act, float *params,
                       intptr_t *n) {
  *n = 0;
  for (int i = 0; i < 2 && act->param[i]; ++i) {
    IpuAttr a = ipuOpGetAttr(op, act->param[i]);
    float v = act->dflt[i];
    if (a) {
      if (ipuAttrGetKind(a) != IPU_ATTR_FLOAT)
        return false;
      v = (float)ipuFloatAttrGetValue(a);
    }
    params[(*n)++] = v;
  }
  if (!strcmp(act->fused, "clip") && !(params[0] <= params[1]))
    return false;
  return true;
}

static IpuWalkResult fuseOp(IpuOp *op, void *userData) {
  FuseState *st = userData;
  const Activation *act = activationOf(op);
  if (!act || ipuOpGetNumOperands(op) != 1 || ipuOpGetNumResults(op) != 1)
    return IPU_WALK_ADVANCE;
  IpuValue input = ipuOpGetOperand(op, 0);
  IpuOp *producer = ipuValueGetDefiningOp(input);
  if (!producer || !isProducer(producer) || !ipuValueHasOneUse(input) ||
      ipuOpGetAttr(producer, "activation") ||
      ipuOpGetAttr(producer, "activation_params"))
    return IPU_WALK_ADVANCE;
  IpuType type = ipuValueGetType(input);
  if (!ipuTypeIsTensor(type) ||
      !ipuTypeIsFloat(ipuShapedTypeGetElementType(type)) ||
      ipuValueGetType(ipuOpGetResult(op, 0)) != type)
    return IPU_WALK_ADVANCE;
  float params[2];
  intptr_t n;
  if (!readParams(op, act, params, &n))
    return IPU_WALK_ADVANCE;

  IpuContext *ctx = st->ctx;
  ipuOpSetAttr(producer, "activation",
               ipuStringAttrGet(ctx, ipuStringRefFromCString(act->fused),
                                NULL));
  if (n)
    ipuOpSetAttr(producer, "activation_params",
                 ipuDenseArrayAttrGet(ctx, ipuFloatTypeGet(ctx, IPU_F32), n,
                                      params));
  IpuLocation locs[2] = {ipuOpGetLoc(producer), ipuOpGetLoc(op)};
  ipuOpSetLoc(producer, ipuLocFusedGet(ctx, 2, locs, NULL));
  ipuValueReplaceAllUsesWith(ipuOpGetResult(op, 0), input);
  ipuOpDestroy(op);
  st->fused++;
  return IPU_WALK_ADVANCE;
}

static IpuLogicalResult runFuseActivations(IpuOp *op, IpuPassRun *run) {
  FuseState st = {ipuPassRunGetContext(run), 0};
  ipuOpWalk(op, IPU_WALK_POST_ORDER, fuseOp, &st);
  return ipuPassFinishRewrites(run, "num-fused", st.fused, false);
}

static const IpuPassStatisticDef fuseStatistics[] = {
    {"num-fused", "Number of activations fused into their producer"},
};

const IpuPassDef ipuHlFuseActivationsPass = {
    .argument = "hl-fuse-activations",
    .summary = "Fuse activations into the conv / matmul / gemm before them",
    .description =
        "Replaces an hl.relu, hl.leaky_relu, hl.clip, hl.sigmoid, hl.tanh, "
        "hl.hard_sigmoid or hl.hard_swish whose operand is the float result "
        "of an hl.conv2d, hl.conv_transpose, hl.matmul or hl.gemm, used "
        "only there and without an activation yet, by that producer's "
        "`activation` / `activation_params` attributes. The producer's "
        "location becomes fused[producer, activation].",
    .anchor = NULL,
    .statistics = fuseStatistics,
    .numStatistics = 1,
    .run = runFuseActivations,
};
