/* hl-fold-constants: replaces every pure hl op without regions whose
 * operands are all hl.constant ops by constants of its results.
 *
 * Algorithm: list the ops below the pass's op in pre-order (program order
 * within each block), then visit the list once. An op qualifies when it is
 * a registered pure hl op (not a constant) with no regions, every operand
 * is defined by an hl.constant at the time it is visited (so chains fold
 * in one sweep), and every result is a static tensor of at most
 * `max-elements` elements. It is folded through its own fold hook when
 * that yields constants or existing values; otherwise the reference
 * interpreter evaluates it (ipuInterpEvalOp) and each result becomes an
 * hl.constant (dense_resource above 64 KiB). Ops the interpreter cannot
 * evaluate, or refuses on these constants (an integer division by zero, an
 * index out of range), are left alone.
 * Afterwards the constants that fed folded ops are erased if unused.
 * Complexity: O(ops) plus the cost of evaluating the folded ops. */
#include <string.h>

#include "passes.h"

typedef struct {
  IpuContext *ctx;
  int64_t maxElements;
  int64_t folded;
  unsigned blobCounter;
  IpuPtrMap inputs; /* constants that fed a folded op (a set) */
  bool failed;
} FoldState;

typedef struct {
  IpuOp **ops;
  size_t count, cap;
  IpuContext *ctx;
  bool outOfMemory;
} OpList;

static bool isHlOp(const IpuOp *op) {
  const IpuDialectDef *d = ipuOpGetDialect(op);
  return d && !strcmp(d->name, "hl");
}

static IpuWalkResult collect(IpuOp *op, void *userData) {
  OpList *l = userData;
  if (!isHlOp(op) || ipuOpIsA(op, "hl.constant"))
    return IPU_WALK_ADVANCE;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    IpuOp **ops = ipuRealloc(l->ctx, l->ops, cap * sizeof *ops);
    if (!ops) {
      l->outOfMemory = true;
      return IPU_WALK_INTERRUPT;
    }
    l->ops = ops;
    l->cap = cap;
  }
  l->ops[l->count++] = op;
  return IPU_WALK_ADVANCE;
}

/* The op's shape allows folding: pure, no regions, operands all constant,
 * results static and small enough. */
static bool qualifies(const FoldState *st, IpuOp *op) {
  if (!ipuOpHasTrait(op, IPU_TRAIT_PURE) ||
      ipuOpHasTrait(op, IPU_TRAIT_CONSTANT_LIKE) || ipuOpGetNumRegions(op) ||
      ipuOpGetNumOperands(op) == 0 || ipuOpGetNumResults(op) == 0)
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i)
    if (!ipuPassMatchHlConstant(ipuOpGetOperand(op, i), NULL))
      return false;
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i) {
    IpuType t = ipuValueGetType(ipuOpGetResult(op, i));
    if (ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
        !ipuShapedTypeHasStaticShape(t))
      return false;
    int64_t n = ipuShapedTypeGetNumElements(t); /* -1 on overflow */
    if (n < 0 || n > st->maxElements)
      return false;
  }
  return true;
}

/* Remembers the op's operand constants, which may die with it. */
static void noteInputs(FoldState *st, IpuOp *op) {
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuOp *c = ipuValueGetDefiningOp(ipuOpGetOperand(op, i));
    if (c && !ipuPtrMapPut(&st->inputs, c, c))
      st->failed = true;
  }
}

static void dropDiagnostic(const IpuDiagnostic *diag, void *userData) {
  (void)diag;
  (void)userData;
}

/* ipuInterpEvalOp with its diagnostics dropped: an op the interpreter
 * refuses on these constants (an index out of range, an integer division
 * by zero, no memory) is left alone rather than failing the pass; it will
 * report at run time. */
static IpuLogicalResult evalQuietly(IpuContext *ctx, IpuOp *op,
                                    const IpuTensor *ins, IpuTensor *outs) {
  IpuDiagnosticHandler handler;
  void *userData;
  ipuContextGetDiagnosticHandler(ctx, &handler, &userData);
  ipuContextSetDiagnosticHandler(ctx, dropDiagnostic, NULL);
  IpuLogicalResult r = ipuInterpEvalOp(op, ins, outs);
  ipuContextSetDiagnosticHandler(ctx, handler, userData);
  return r;
}

static void freeTensors(IpuTensor *ts, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    ipuTensorFree(&ts[i]);
}

/* Evaluates `op` and replaces it by constants. Returns false when it is
 * left alone; sets st->failed after an error. */
static bool foldByEvaluation(FoldState *st, IpuOp *op) {
  if (!ipuInterpCanEvalOp(op))
    return false;
  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t numResults = ipuOpGetNumResults(op);
  IpuTensor *ins = ipuCalloc(st->ctx, (size_t)numOperands, sizeof *ins);
  IpuTensor *outs = ipuCalloc(st->ctx, (size_t)numResults, sizeof *outs);
  IpuOp **made = ipuCalloc(st->ctx, (size_t)numResults, sizeof *made);
  bool done = false;
  if (!ins || !outs || !made) {
    ipuOpEmitError(op, "out of memory folding constants");
    st->failed = true;
    goto cleanup;
  }
  for (intptr_t i = 0; i < numOperands; ++i) {
    IpuAttr value;
    ipuPassMatchHlConstant(ipuOpGetOperand(op, i), &value);
    if (ipuFailed(ipuInterpTensorFromAttr(st->ctx, ipuOpGetLoc(op), value,
                                          &ins[i]))) {
      st->failed = true;
      goto cleanup;
    }
  }
  if (ipuFailed(evalQuietly(st->ctx, op, ins, outs)))
    goto cleanup;
  IpuBuilder b;
  ipuBuilderInit(&b, st->ctx);
  ipuBuilderSetInsertionPointBefore(&b, op);
  char hint[80];
  IpuAttr first;
  ipuPassMatchHlConstant(ipuOpGetOperand(op, 0), &first);
  ipuPassBlobNameHint(first, "folded", "folded", hint, sizeof hint);
  for (intptr_t i = 0; i < numResults; ++i) {
    IpuType type = ipuValueGetType(ipuOpGetResult(op, i));
    /* The tensor's storage must be the attribute's (i1 is a byte in
     * both). */
    if (ipuDenseElementStorageBytes(ipuShapedTypeGetElementType(type)) !=
        ipuDTypeSize(outs[i].dtype))
      goto undo;
    made[i] = ipuPassCreateHlConstant(&b, type, outs[i].data,
                                      ipuTensorByteSize(&outs[i]), hint,
                                      &st->blobCounter, ipuOpGetLoc(op));
    if (!made[i]) {
      st->failed = true;
      goto undo;
    }
  }
  for (intptr_t i = 0; i < numResults; ++i)
    ipuValueReplaceAllUsesWith(ipuOpGetResult(op, i),
                               ipuOpGetResult(made[i], 0));
  ipuOpDestroy(op);
  done = true;
  goto cleanup;
undo:
  for (intptr_t i = 0; i < numResults; ++i)
    if (made[i])
      ipuOpDestroy(made[i]);
cleanup:
  if (ins)
    freeTensors(ins, numOperands);
  if (outs)
    freeTensors(outs, numResults);
  ipuFree(st->ctx, ins);
  ipuFree(st->ctx, outs);
  ipuFree(st->ctx, made);
  return done;
}

static void foldOne(FoldState *st, IpuOp *op) {
  if (!qualifies(st, op))
    return;
  /* Noted before the op may go; an input that stays in use is kept. */
  noteInputs(st, op);
  const IpuOpDef *def = ipuOpGetDef(op);
  if (def && def->fold) {
    /* The hook may fold to constants or update the op in place; only a
     * replacement counts here. */
    IpuBuilder b;
    ipuBuilderInit(&b, st->ctx);
    ipuBuilderSetInsertionPointBefore(&b, op);
    bool erased = false;
    if (ipuOpTryFold(op, &b, &erased) && erased) {
      st->folded++;
      return;
    }
    if (!qualifies(st, op))
      return;
  }
  if (foldByEvaluation(st, op))
    st->folded++;
}

static IpuLogicalResult runFoldConstants(IpuOp *op, IpuPassRun *run) {
  IpuContext *ctx = ipuPassRunGetContext(run);
  FoldState st;
  memset(&st, 0, sizeof st);
  st.ctx = ctx;
  st.maxElements = ipuPassRunGetInt(run, "max-elements");
  if (st.maxElements < 0)
    return ipuOpEmitError(op, "hl-fold-constants: max-elements must not be "
                              "negative, got %lld",
                          (long long)st.maxElements);
  ipuPtrMapInit(&st.inputs, ctx);
  OpList list = {NULL, 0, 0, ctx, false};
  ipuOpWalk(op, IPU_WALK_PRE_ORDER, collect, &list);
  if (list.outOfMemory)
    st.failed = true;
  for (size_t i = 0; i < list.count && !st.failed; ++i)
    foldOne(&st, list.ops[i]);
  ipuFree(ctx, list.ops);
  /* Constants that fed folded ops go when nothing else uses them. */
  ipuPassEraseDeadConstantsIn(&st.inputs);
  return ipuPassFinishRewrites(run, "num-folded", st.folded, st.failed);
}

static const IpuPassOptionDef foldOptions[] = {
    {"max-elements", IPU_OPTION_INT, "1048576",
     "Leave ops alone whose results have more elements than this", NULL},
};

static const IpuPassStatisticDef foldStatistics[] = {
    {"num-folded", "Number of ops replaced by constants"},
};

const IpuPassDef ipuHlFoldConstantsPass = {
    .argument = "hl-fold-constants",
    .summary = "Replace hl ops on constants by constants",
    .description =
        "Every pure hl op without regions whose operands are all "
        "hl.constant ops, and whose results are static tensors of at most "
        "max-elements elements, is replaced by constants: through its own "
        "fold hook, otherwise by evaluating it with the reference "
        "interpreter. Constants left without uses are erased.",
    .anchor = NULL,
    .options = foldOptions,
    .numOptions = 1,
    .statistics = foldStatistics,
    .numStatistics = 1,
    .run = runFoldConstants,
};
