/* hl-infer-shapes: re-runs the result type inference of every hl op with
 * its current operand types and refines declared result types that are
 * less static than what is inferred (hl ops allow that: trait
 * CompatibleResultTypes); func.call results, func.func result types and
 * the arguments of private functions follow.
 *
 * A type refines another when both are tensors of the same element type
 * and either the declared one is unranked, or both have the same rank and
 * agree on every dimension static in both; the refined type is static
 * wherever either is. Anything else is a conflict, reported as a located
 * error. Inferred types that say less than the declared ones change
 * nothing.
 *
 * Algorithm: sweeps over the module until nothing changes; a sweep visits
 * the ops in pre-order (program order): an hl op's declared result types
 * are merged with its inferred ones (INFER hook), a func.call's with its
 * callee's result types, and then each func.func's result types with the
 * operand types of its func.return ops (when all of them agree), and each
 * private function's arguments with what all its call sites pass (when
 * they agree). Refinements only ever make types more static, so the
 * sweeps end; each costs O(ops + calls x private functions), and there are
 * at most as many as the call chains are long, plus one. Last, where a
 * refined value is passed or returned where a type that stayed is
 * required, an hl.identity casts it (tensor.cast's role). */
#include <string.h>

#include "passes.h"

typedef enum { MERGE_SAME, MERGE_REFINED, MERGE_CONFLICT } MergeResult;

/* What the call sites of one private function pass: per argument, the
 * type they all pass, or NULL once two of them differ. */
typedef struct {
  IpuOp *func;
  intptr_t numArgs;
  IpuType *passed;
} CalleeArgs;

typedef struct {
  IpuContext *ctx;
  IpuSymbolTableCollection *symbols;
  CalleeArgs *callees;
  size_t numCallees, calleeCapacity;
  int64_t refined, casts;
  bool changed;
  bool failed;
} InferState;

/* Merges what is known of a value: `declared` and `inferred`. */
static MergeResult mergeTypes(IpuContext *ctx, IpuType declared,
                              IpuType inferred, IpuType *out) {
  *out = declared;
  if (declared == inferred)
    return MERGE_SAME;
  if (!ipuTypeIsTensor(declared) || !ipuTypeIsTensor(inferred) ||
      ipuShapedTypeGetElementType(declared) !=
          ipuShapedTypeGetElementType(inferred))
    return MERGE_CONFLICT;
  if (!ipuShapedTypeHasRank(inferred))
    return MERGE_SAME;
  if (!ipuShapedTypeHasRank(declared)) {
    *out = inferred;
    return MERGE_REFINED;
  }
  intptr_t rank = ipuShapedTypeGetRank(declared);
  if (ipuShapedTypeGetRank(inferred) != rank ||
      ipuRankedTensorTypeGetEncoding(declared) !=
          ipuRankedTensorTypeGetEncoding(inferred))
    return MERGE_CONFLICT;
  int64_t small[8];
  int64_t *dims =
      rank <= 8 ? small : ipuAlloc(ctx, (size_t)rank * sizeof *dims);
  if (!dims)
    return MERGE_SAME; /* out of memory: leave the type as it is */
  bool conflict = false;
  for (intptr_t i = 0; i < rank; ++i) {
    int64_t d = ipuShapedTypeGetDimSize(declared, i);
    int64_t n = ipuShapedTypeGetDimSize(inferred, i);
    if (d != IPU_DYNAMIC && n != IPU_DYNAMIC && d != n)
      conflict = true;
    dims[i] = d != IPU_DYNAMIC ? d : n;
  }
  if (!conflict)
    *out = ipuRankedTensorTypeGet(ctx, rank, dims,
                                  ipuShapedTypeGetElementType(declared),
                                  ipuRankedTensorTypeGetEncoding(declared));
  if (dims != small)
    ipuFree(ctx, dims);
  if (conflict)
    return MERGE_CONFLICT;
  if (!*out) {
    *out = declared;
    return MERGE_SAME;
  }
  return *out == declared ? MERGE_SAME : MERGE_REFINED;
}

/* ---- Type text for messages. ------------------------------------------ */

typedef struct {
  char text[256];
  size_t len;
} TypeText;

static void appendPiece(IpuStringRef piece, void *userData) {
  TypeText *t = userData;
  size_t room = sizeof t->text - 1 - t->len;
  size_t n = piece.length < room ? piece.length : room;
  memcpy(t->text + t->len, piece.data, n);
  t->len += n;
  t->text[t->len] = '\0';
}

static const char *typeText(IpuType type, TypeText *t) {
  t->len = 0;
  t->text[0] = '\0';
  ipuTypePrint(type, appendPiece, t);
  return t->text;
}

/* Merges result `i` of `op` with `known`; `what` names where `known`
 * comes from, for the error. */
static void refineResult(InferState *st, IpuOp *op, intptr_t i,
                         IpuType known, const char *what) {
  IpuValue result = ipuOpGetResult(op, i);
  IpuType declared = ipuValueGetType(result), merged;
  switch (mergeTypes(st->ctx, declared, known, &merged)) {
  case MERGE_SAME:
    return;
  case MERGE_REFINED:
    ipuValueSetType(result, merged);
    st->refined++;
    st->changed = true;
    return;
  case MERGE_CONFLICT: {
    TypeText a, b;
    ipuOpEmitError(op, "%s type %s of result #%jd conflicts with its "
                       "declared type %s",
                   what, typeText(known, &a), (intmax_t)i,
                   typeText(declared, &b));
    st->failed = true;
    return;
  }
  }
}

static void inferHlOp(InferState *st, IpuOp *op) {
  const IpuOpDef *def = ipuOpGetDef(op);
  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t numResults = ipuOpGetNumResults(op);
  if (!def || !def->inferResultTypes || numResults == 0)
    return;
  IpuValue *operands =
      ipuAlloc(st->ctx, ((size_t)numOperands + 1) * sizeof *operands);
  IpuType *inferred = ipuCalloc(st->ctx, (size_t)numResults, sizeof *inferred);
  if (!operands || !inferred) {
    ipuOpEmitError(op, "out of memory inferring result types");
    st->failed = true;
  } else {
    for (intptr_t i = 0; i < numOperands; ++i)
      operands[i] = ipuOpGetOperand(op, i);
    if (ipuFailed(def->inferResultTypes(
            st->ctx, ipuOpGetLoc(op), numOperands, operands,
            ipuOpGetAttrDict(op), ipuOpGetProperties(op), numResults,
            inferred)))
      st->failed = true;
    else
      for (intptr_t i = 0; i < numResults && !st->failed; ++i)
        refineResult(st, op, i, inferred[i], "inferred");
  }
  ipuFree(st->ctx, operands);
  ipuFree(st->ctx, inferred);
}

static IpuType functionTypeOf(const IpuOp *func) {
  IpuAttr a = ipuOpGetAttr(func, "function_type");
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_TYPE)
    return NULL;
  IpuType t = ipuTypeAttrGetValue(a);
  return t && ipuTypeGetKind(t) == IPU_TYPE_FUNCTION ? t : NULL;
}

static IpuOp *resolveCallee(InferState *st, IpuOp *call) {
  IpuAttr callee = ipuOpGetAttr(call, "callee");
  if (!callee || ipuAttrGetKind(callee) != IPU_ATTR_SYMBOL_REF)
    return NULL;
  IpuOp *func =
      ipuSymbolTableCollectionLookupNearest(st->symbols, call, callee);
  return func && ipuOpIsA(func, "func.func") ? func : NULL;
}

static void inferCall(InferState *st, IpuOp *call) {
  IpuOp *func = resolveCallee(st, call);
  IpuType type = func ? functionTypeOf(func) : NULL;
  if (!type || ipuFunctionTypeGetNumResults(type) != ipuOpGetNumResults(call))
    return;
  for (intptr_t i = 0; i < ipuOpGetNumResults(call) && !st->failed; ++i)
    refineResult(st, call, i, ipuFunctionTypeGetResult(type, i),
                 "the callee's");
}

/* Refines the function's result types from its func.return operands when
 * every return agrees on the refined type. */
static void inferSignature(InferState *st, IpuOp *func) {
  IpuType type = functionTypeOf(func);
  if (!type || ipuOpGetNumRegions(func) != 1)
    return;
  intptr_t numInputs = ipuFunctionTypeGetNumInputs(type);
  intptr_t numResults = ipuFunctionTypeGetNumResults(type);
  if (numResults == 0)
    return;
  IpuType *results = ipuCalloc(st->ctx, (size_t)numResults, sizeof *results);
  IpuType *inputs =
      ipuAlloc(st->ctx, ((size_t)numInputs + 1) * sizeof *inputs);
  if (!results || !inputs) {
    ipuFree(st->ctx, results);
    ipuFree(st->ctx, inputs);
    ipuOpEmitError(func, "out of memory inferring result types");
    st->failed = true;
    return;
  }
  bool agree = true, anyReturn = false;
  for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0));
       b && agree; b = ipuBlockGetNext(b)) {
    IpuOp *ret = ipuBlockGetLastOp(b);
    if (!ret || !ipuOpIsA(ret, "func.return"))
      continue;
    if (ipuOpGetNumOperands(ret) != numResults) {
      agree = false;
      break;
    }
    anyReturn = true;
    for (intptr_t i = 0; i < numResults && agree; ++i) {
      IpuType merged;
      if (mergeTypes(st->ctx, ipuFunctionTypeGetResult(type, i),
                     ipuValueGetType(ipuOpGetOperand(ret, i)),
                     &merged) == MERGE_CONFLICT)
        agree = false;
      else if (!results[i])
        results[i] = merged;
      else
        agree = results[i] == merged;
    }
  }
  bool refined = false;
  for (intptr_t i = 0; agree && anyReturn && i < numResults; ++i)
    refined |= results[i] != ipuFunctionTypeGetResult(type, i);
  if (refined) {
    for (intptr_t i = 0; i < numInputs; ++i)
      inputs[i] = ipuFunctionTypeGetInput(type, i);
    IpuType newType =
        ipuFunctionTypeGet(st->ctx, numInputs, inputs, numResults, results);
    if (newType) {
      ipuOpSetAttr(func, "function_type", ipuTypeAttrGet(st->ctx, newType));
      st->refined++;
      st->changed = true;
    }
  }
  ipuFree(st->ctx, results);
  ipuFree(st->ctx, inputs);
}

/* ---- Arguments of private functions from their call sites. ---------- */

static IpuBlock *entryBlock(IpuOp *func) {
  return ipuOpGetNumRegions(func) == 1
             ? ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0))
             : NULL;
}

/* Records what `call` passes to its callee, when only calls can reach the
 * callee (private, with a body). */
static void recordCallSite(InferState *st, IpuOp *call) {
  IpuOp *func = resolveCallee(st, call);
  const char *visibility = func ? ipuOpGetSymbolVisibility(func) : NULL;
  IpuBlock *entry = func ? entryBlock(func) : NULL;
  if (!entry || !visibility || strcmp(visibility, "private") ||
      ipuBlockGetNumArguments(entry) != ipuOpGetNumOperands(call))
    return;
  CalleeArgs *rec = NULL;
  for (size_t i = 0; i < st->numCallees && !rec; ++i)
    if (st->callees[i].func == func)
      rec = &st->callees[i];
  intptr_t n = ipuOpGetNumOperands(call);
  if (!rec) {
    if (st->numCallees == st->calleeCapacity) {
      size_t cap = st->calleeCapacity ? 2 * st->calleeCapacity : 8;
      CalleeArgs *grown =
          ipuRealloc(st->ctx, st->callees, cap * sizeof *grown);
      if (!grown)
        goto oom;
      st->callees = grown;
      st->calleeCapacity = cap;
    }
    IpuType *passed = ipuCalloc(st->ctx, (size_t)n + 1, sizeof *passed);
    if (!passed)
      goto oom;
    for (intptr_t i = 0; i < n; ++i)
      passed[i] = ipuValueGetType(ipuOpGetOperand(call, i));
    st->callees[st->numCallees++] = (CalleeArgs){func, n, passed};
    return;
  }
  for (intptr_t i = 0; i < n; ++i)
    if (rec->passed[i] != ipuValueGetType(ipuOpGetOperand(call, i)))
      rec->passed[i] = NULL;
  return;
oom:
  ipuOpEmitError(call, "out of memory inferring result types");
  st->failed = true;
}

static IpuWalkResult recordCall(IpuOp *op, void *userData) {
  InferState *st = userData;
  if (ipuOpIsA(op, "func.call"))
    recordCallSite(st, op);
  return st->failed ? IPU_WALK_INTERRUPT : IPU_WALK_ADVANCE;
}

/* Gives each private function's arguments the more static type that all
 * its call sites pass; then the sweeps carry it through the body. */
static void refineCalleeArgs(InferState *st) {
  for (size_t c = 0; c < st->numCallees; ++c) {
    CalleeArgs *rec = &st->callees[c];
    IpuBlock *entry = entryBlock(rec->func);
    IpuType type = functionTypeOf(rec->func);
    if (!type || ipuFunctionTypeGetNumInputs(type) != rec->numArgs)
      continue;
    bool refined = false;
    for (intptr_t i = 0; i < rec->numArgs; ++i) {
      IpuValue arg = ipuBlockGetArgument(entry, i);
      IpuType merged;
      if (rec->passed[i] &&
          mergeTypes(st->ctx, ipuValueGetType(arg), rec->passed[i],
                     &merged) == MERGE_REFINED &&
          merged == rec->passed[i]) {
        ipuValueSetType(arg, merged);
        refined = true;
      }
    }
    if (!refined)
      continue;
    intptr_t numResults = ipuFunctionTypeGetNumResults(type);
    IpuType *inputs =
        ipuAlloc(st->ctx, ((size_t)rec->numArgs + 1) * sizeof *inputs);
    IpuType *results =
        ipuAlloc(st->ctx, ((size_t)numResults + 1) * sizeof *results);
    IpuType newType = NULL;
    if (inputs && results) {
      for (intptr_t i = 0; i < rec->numArgs; ++i)
        inputs[i] = ipuValueGetType(ipuBlockGetArgument(entry, i));
      for (intptr_t i = 0; i < numResults; ++i)
        results[i] = ipuFunctionTypeGetResult(type, i);
      newType = ipuFunctionTypeGet(st->ctx, rec->numArgs, inputs, numResults,
                                   results);
    }
    ipuFree(st->ctx, inputs);
    ipuFree(st->ctx, results);
    if (!newType) {
      ipuOpEmitError(rec->func, "out of memory inferring result types");
      st->failed = true;
      return;
    }
    ipuOpSetAttr(rec->func, "function_type",
                 ipuTypeAttrGet(st->ctx, newType));
    st->refined++;
    st->changed = true;
  }
}

static void clearCallSites(InferState *st) {
  for (size_t c = 0; c < st->numCallees; ++c)
    ipuFree(st->ctx, st->callees[c].passed);
  st->numCallees = 0;
}

/* ---- Casts where a refined value meets a type that stayed. ----------- */

/* What operand `i` of a func.call or func.return must be: the callee's
 * argument type or the enclosing function's result type. */
static IpuType requiredOperandType(InferState *st, IpuOp *op, intptr_t i) {
  IpuOp *func = NULL;
  IpuType type = NULL;
  if (ipuOpIsA(op, "func.call")) {
    func = resolveCallee(st, op);
    type = func ? functionTypeOf(func) : NULL;
    return type && i < ipuFunctionTypeGetNumInputs(type)
               ? ipuFunctionTypeGetInput(type, i)
               : NULL;
  }
  func = ipuOpGetParentOp(op);
  type = func && ipuOpIsA(func, "func.func") ? functionTypeOf(func) : NULL;
  return type && i < ipuFunctionTypeGetNumResults(type)
             ? ipuFunctionTypeGetResult(type, i)
             : NULL;
}

/* A refined value passed where the old, less static type is still
 * required (a public function's arguments, call sites that disagree,
 * returns that disagree) goes through an hl.identity to that type: the
 * identity acts as MLIR's tensor.cast (its operand and result types need
 * only be compatible, and it folds away only when they are equal). */
static IpuWalkResult insertCasts(IpuOp *op, void *userData) {
  InferState *st = userData;
  if (!ipuOpIsA(op, "func.call") && !ipuOpIsA(op, "func.return"))
    return IPU_WALK_ADVANCE;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuValue v = ipuOpGetOperand(op, i);
    IpuType need = requiredOperandType(st, op, i);
    IpuType have = ipuValueGetType(v);
    IpuType merged;
    if (!need || need == have ||
        mergeTypes(st->ctx, need, have, &merged) != MERGE_REFINED)
      continue;
    IpuBuilder b;
    ipuBuilderInit(&b, st->ctx);
    ipuBuilderSetInsertionPointBefore(&b, op);
    IpuOpState cast;
    ipuOpStateInit(&cast, st->ctx, ipuStringRefFromCString("hl.identity"),
                   ipuOpGetLoc(op));
    ipuOpStateAddOperands(&cast, 1, &v);
    ipuOpStateAddResults(&cast, 1, &need);
    IpuOp *created = ipuBuilderCreate(&b, &cast);
    if (!created) {
      ipuOpEmitError(op, "out of memory inferring result types");
      st->failed = true;
      return IPU_WALK_INTERRUPT;
    }
    ipuOpSetOperand(op, i, ipuOpGetResult(created, 0));
    st->casts++;
  }
  return IPU_WALK_ADVANCE;
}

static bool isHlOp(const IpuOp *op) {
  const IpuDialectDef *d = ipuOpGetDialect(op);
  return d && !strcmp(d->name, "hl");
}

static IpuWalkResult inferOp(IpuOp *op, void *userData) {
  InferState *st = userData;
  if (isHlOp(op))
    inferHlOp(st, op);
  else if (ipuOpIsA(op, "func.call"))
    inferCall(st, op);
  return st->failed ? IPU_WALK_INTERRUPT : IPU_WALK_ADVANCE;
}

/* Signatures after bodies: post-order reaches a func.func after its ops. */
static IpuWalkResult inferFunc(IpuOp *op, void *userData) {
  InferState *st = userData;
  if (ipuOpIsA(op, "func.func"))
    inferSignature(st, op);
  return st->failed ? IPU_WALK_INTERRUPT : IPU_WALK_ADVANCE;
}

static IpuLogicalResult runInferShapes(IpuOp *op, IpuPassRun *run) {
  InferState st;
  memset(&st, 0, sizeof st);
  st.ctx = ipuPassRunGetContext(run);
  st.symbols = ipuSymbolTableCollectionCreate(st.ctx);
  if (!st.symbols)
    return ipuOpEmitError(op, "out of memory inferring result types");
  do {
    st.changed = false;
    ipuOpWalk(op, IPU_WALK_PRE_ORDER, inferOp, &st);
    if (!st.failed)
      ipuOpWalk(op, IPU_WALK_POST_ORDER, inferFunc, &st);
    if (!st.failed)
      ipuOpWalk(op, IPU_WALK_PRE_ORDER, recordCall, &st);
    if (!st.failed)
      refineCalleeArgs(&st);
    clearCallSites(&st);
  } while (st.changed && !st.failed);
  if (!st.failed)
    ipuOpWalk(op, IPU_WALK_PRE_ORDER, insertCasts, &st);
  ipuFree(st.ctx, st.callees);
  ipuSymbolTableCollectionDestroy(st.symbols);
  ipuPassRunAddStatistic(run, "num-refined", st.refined);
  ipuPassRunAddStatistic(run, "num-casts", st.casts);
  if (st.failed)
    return IPU_FAILURE;
  if (!st.refined && !st.casts)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef inferStatistics[] = {
    {"num-refined", "Number of result types and function signatures "
                    "refined"},
    {"num-casts", "Number of hl.identity casts back to a type that stayed"},
};

const IpuPassDef ipuHlInferShapesPass = {
    .argument = "hl-infer-shapes",
    .summary = "Refine hl result types from their operands' types",
    .description =
        "Re-runs every hl op's result type inference in program order with "
        "the current operand types. Where the inferred type is a "
        "refinement of the declared one (same rank, or declared unranked; "
        "static where the declared type is dynamic), the result type is "
        "updated; where they conflict, it is an error. func.call results "
        "follow their callee's result types, func.func result types "
        "follow what their func.return ops return, and the arguments of a "
        "private function follow what all its call sites pass. Where a "
        "refined value meets a type that stayed (a public function's "
        "arguments, call sites or returns that disagree), an hl.identity "
        "casts it back, as MLIR's tensor.cast would.",
    .anchor = "builtin.module",
    .statistics = inferStatistics,
    .numStatistics = 2,
    .run = runInferShapes,
};
