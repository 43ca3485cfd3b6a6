/* hl-drop-identities: removes the hl ops that forward their input
 * unchanged: hl.identity, hl.dropout (inference), and ops that are no-ops
 * by their attributes: a cast to the input's type, a reshape or flatten
 * to the input's type, a transpose by the identity permutation, a slice
 * taking every element with step 1, a pad by zero on every side and a
 * concat of a single operand. Their results' uses take the input.
 *
 * Algorithm: one post-order walk; each op is checked in O(rank) and, when
 * it is a no-op whose result type is its input's, erased. O(ops). */
#include <string.h>

#include "passes.h"

/* The kinds, each with a statistic. */
typedef enum {
  DROP_IDENTITY,
  DROP_DROPOUT,
  DROP_CAST,
  DROP_RESHAPE,
  DROP_TRANSPOSE,
  DROP_SLICE,
  DROP_PAD,
  DROP_CONCAT,
  NUM_DROP_KINDS
} DropKind;

static const IpuPassStatisticDef dropStatistics[] = {
    {"num-identity", "Number of hl.identity ops removed"},
    {"num-dropout", "Number of hl.dropout ops removed"},
    {"num-cast", "Number of casts to the same type removed"},
    {"num-reshape", "Number of reshapes and flattens to the same type "
                    "removed"},
    {"num-transpose", "Number of identity transposes removed"},
    {"num-slice", "Number of slices taking everything removed"},
    {"num-pad", "Number of pads by zero removed"},
    {"num-concat", "Number of single-operand concats removed"},
    {"num-removed", "Number of ops removed in all"},
};

typedef struct {
  int64_t count[NUM_DROP_KINDS];
} DropState;

/* A dense i64 array attribute's elements, or n = -1 when absent or of
 * another kind. */
static const int64_t *i64Array(const IpuOp *op, const char *name,
                               intptr_t *n) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *n = -1;
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      !ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(a), 64))
    return NULL;
  *n = ipuDenseArrayAttrGetNumElements(a);
  return ipuDenseArrayAttrGetData(a);
}

static bool isIdentityTranspose(const IpuOp *op, intptr_t rank) {
  intptr_t n;
  const int64_t *perm = i64Array(op, "perm", &n);
  if (n < 0)
    return !ipuOpGetAttr(op, "perm") && rank <= 1; /* reversed axes */
  if (n != rank)
    return false;
  for (intptr_t i = 0; i < n; ++i)
    if (perm[i] != i)
      return false;
  return true;
}

/* ONNX Slice bounds: negative values count from the end, then clamp. */
static int64_t clampIndex(int64_t v, int64_t dim) {
  if (v < 0)
    v = v < -dim ? 0 : v + dim;
  return v > dim ? dim : v;
}

static bool isFullSlice(const IpuOp *op, IpuType inputType) {
  intptr_t rank = ipuShapedTypeGetRank(inputType);
  intptr_t numStarts, numEnds, numAxes, numSteps;
  const int64_t *starts = i64Array(op, "starts", &numStarts);
  const int64_t *ends = i64Array(op, "ends", &numEnds);
  const int64_t *axes = i64Array(op, "axes", &numAxes);
  const int64_t *steps = i64Array(op, "steps", &numSteps);
  if (numStarts < 0 || numEnds != numStarts ||
      (numAxes >= 0 && numAxes != numStarts) ||
      (numSteps >= 0 && numSteps != numStarts))
    return false;
  for (intptr_t i = 0; i < numStarts; ++i) {
    int64_t axis = axes ? axes[i] : i;
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank || (steps && steps[i] != 1))
      return false;
    int64_t dim = ipuShapedTypeGetDimSize(inputType, axis);
    if (dim == IPU_DYNAMIC || clampIndex(starts[i], dim) != 0 ||
        clampIndex(ends[i], dim) != dim)
      return false;
  }
  return true;
}

static bool isZeroPad(const IpuOp *op, intptr_t rank) {
  intptr_t n;
  const int64_t *pads = i64Array(op, "pads", &n);
  if (n != 2 * rank)
    return false;
  for (intptr_t i = 0; i < n; ++i)
    if (pads[i] != 0)
      return false;
  return true;
}

/* Which no-op `op` is, or NUM_DROP_KINDS when it is none. */
static DropKind classify(const IpuOp *op, IpuType inputType) {
  intptr_t rank = ipuShapedTypeHasRank(inputType)
                      ? ipuShapedTypeGetRank(inputType)
                      : -1;
  if (ipuOpIsA(op, "hl.identity"))
    return DROP_IDENTITY;
  if (ipuOpIsA(op, "hl.dropout"))
    return DROP_DROPOUT;
  /* The checks below rely on the result type being the input's. */
  if (ipuOpIsA(op, "hl.cast"))
    return DROP_CAST;
  /* Equal dynamic types say nothing about the extents at run time. */
  if ((ipuOpIsA(op, "hl.reshape") || ipuOpIsA(op, "hl.flatten")) &&
      ipuShapedTypeHasStaticShape(inputType))
    return DROP_RESHAPE;
  if (rank < 0)
    return NUM_DROP_KINDS;
  if (ipuOpIsA(op, "hl.transpose") && isIdentityTranspose(op, rank))
    return DROP_TRANSPOSE;
  if (ipuOpIsA(op, "hl.slice") && isFullSlice(op, inputType))
    return DROP_SLICE;
  if (ipuOpIsA(op, "hl.pad") && isZeroPad(op, rank))
    return DROP_PAD;
  if (ipuOpIsA(op, "hl.concat"))
    return DROP_CONCAT;
  return NUM_DROP_KINDS;
}

static IpuWalkResult dropOp(IpuOp *op, void *userData) {
  DropState *st = userData;
  if (ipuOpGetNumOperands(op) != 1 || ipuOpGetNumResults(op) != 1 ||
      ipuOpGetNumRegions(op) != 0)
    return IPU_WALK_ADVANCE;
  IpuValue input = ipuOpGetOperand(op, 0), result = ipuOpGetResult(op, 0);
  IpuType type = ipuValueGetType(input);
  if (ipuValueGetType(result) != type || !ipuTypeIsTensor(type))
    return IPU_WALK_ADVANCE;
  DropKind kind = classify(op, type);
  if (kind == NUM_DROP_KINDS)
    return IPU_WALK_ADVANCE;
  ipuValueReplaceAllUsesWith(result, input);
  ipuOpDestroy(op);
  st->count[kind]++;
  return IPU_WALK_ADVANCE;
}

static IpuLogicalResult runDropIdentities(IpuOp *op, IpuPassRun *run) {
  DropState st;
  memset(&st, 0, sizeof st);
  ipuOpWalk(op, IPU_WALK_POST_ORDER, dropOp, &st);
  int64_t total = 0;
  for (int k = 0; k < NUM_DROP_KINDS; ++k) {
    ipuPassRunAddStatistic(run, dropStatistics[k].name, st.count[k]);
    total += st.count[k];
  }
  return ipuPassFinishRewrites(run, "num-removed", total, false);
}

const IpuPassDef ipuHlDropIdentitiesPass = {
    .argument = "hl-drop-identities",
    .summary = "Remove hl ops that forward their input unchanged",
    .description =
        "Removes hl.identity, hl.dropout (inference) and ops that are "
        "no-ops by their attributes: a cast, reshape or flatten to the "
        "input's own type, a transpose by the identity permutation, a "
        "slice taking everything with step 1, a pad by zero on every side "
        "and a concat of a single operand. Uses of their results take the "
        "input.",
    .anchor = NULL,
    .statistics = dropStatistics,
    .numStatistics = sizeof dropStatistics / sizeof *dropStatistics,
    .run = runDropIdentities,
};
