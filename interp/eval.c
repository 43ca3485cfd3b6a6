/* The reference interpreter's driver: runs a func.func body op by op,
 * mapping SSA values to tensors and dispatching each op to its evaluator. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* func.call nesting allowed before giving up (the driver recurses). */
enum { MAX_CALL_DEPTH = 64 };

typedef struct {
  IpuValue key;
  IpuTensor tensor;
  /* false for what is only borrowed: the caller's inputs, constants read
   * in place from their attributes, and views of either. Nothing writes
   * into a borrowed tensor: evaluators only read their operands. */
  bool owned;
  /* Uses not evaluated yet: an owned tensor is freed when none remain, so
   * that a network keeps only its live intermediate values. */
  intptr_t remainingUses;
} Slot;

typedef struct {
  IpuContext *ctx;
  Slot *slots;
  size_t capacity, count;
  /* ipuInterpRunFuncObserved's callback (NULL: none); while it is set,
   * results without uses are freed only after it has seen them. */
  IpuInterpObserveFn observe;
  void *observeData;
} Env;

static size_t hashValue(IpuValue v) {
  uintptr_t x = (uintptr_t)v;
  x ^= x >> 17;
  x *= (uintptr_t)0x9E3779B97F4A7C15ull;
  return (size_t)(x ^ (x >> 29));
}

static Slot *envFind(const Env *env, IpuValue v) {
  if (!env->capacity)
    return NULL;
  size_t mask = env->capacity - 1;
  for (size_t i = hashValue(v) & mask;; i = (i + 1) & mask) {
    if (env->slots[i].key == v)
      return &env->slots[i];
    if (!env->slots[i].key)
      return NULL;
  }
}

static bool envGrow(Env *env) {
  size_t cap = env->capacity ? env->capacity * 2 : 64;
  Slot *slots = ipuCalloc(env->ctx, cap, sizeof(Slot));
  if (!slots)
    return false;
  for (size_t i = 0; i < env->capacity; ++i) {
    Slot *old = &env->slots[i];
    if (!old->key)
      continue;
    size_t j = hashValue(old->key) & (cap - 1);
    while (slots[j].key)
      j = (j + 1) & (cap - 1);
    slots[j] = *old;
  }
  ipuFree(env->ctx, env->slots);
  env->slots = slots;
  env->capacity = cap;
  return true;
}

/* Takes over `t` (when owned); on failure frees it. */
static bool envBind(Env *env, IpuValue v, IpuTensor *t, bool owned) {
  if ((env->count + 1) * 2 > env->capacity && !envGrow(env)) {
    if (owned)
      ipuTensorFree(t);
    return false;
  }
  size_t mask = env->capacity - 1;
  size_t i = hashValue(v) & mask;
  while (env->slots[i].key && env->slots[i].key != v)
    i = (i + 1) & mask;
  Slot *s = &env->slots[i];
  if (s->key && s->owned)
    ipuTensorFree(&s->tensor);
  if (!s->key)
    env->count++;
  s->key = v;
  s->tensor = *t;
  s->owned = owned;
  s->remainingUses = 0;
  for (IpuOpOperand *use = ipuValueGetFirstUse(v); use;
       use = ipuOpOperandGetNextUse(use))
    s->remainingUses++;
  return true;
}

/* Counts off one use of each operand of an evaluated op. */
static void envReleaseOperands(Env *env, IpuOp *op) {
  for (intptr_t i = 0, n = ipuOpGetNumOperands(op); i < n; ++i) {
    Slot *s = envFind(env, ipuOpGetOperand(op, i));
    if (s && --s->remainingUses <= 0 && s->owned)
      ipuTensorFree(&s->tensor);
  }
}

static void envDestroy(Env *env) {
  for (size_t i = 0; i < env->capacity; ++i)
    if (env->slots[i].key && env->slots[i].owned)
      ipuTensorFree(&env->slots[i].tensor);
  ipuFree(env->ctx, env->slots);
}

static IpuLogicalResult evalConstant(IpuOp *op, intptr_t numIns,
                                     const IpuTensor *const *ins,
                                     IpuTensor *outs) {
  return ipuInterpTensorFromAttr(ipuOpGetContext(op), ipuOpGetLoc(op),
                                 ipuOpGetAttr(op, "value"), &outs[0]);
}

static const EvalEntry coreEntries[] = {{"hl.constant", evalConstant}};
static const EvalTable coreTable = {coreEntries,
                                    sizeof coreEntries / sizeof *coreEntries};

static EvalFn lookupEvaluator(const char *name) {
  const EvalTable *tables[] = {&coreTable, &evalElementwiseTable,
                               &evalNnTable, &evalShapeTable,
                               &evalQuantTable,
                               &evalAxisTable, &evalTileTable};
  for (size_t t = 0; t < sizeof tables / sizeof *tables; ++t)
    for (size_t i = 0; i < tables[t]->count; ++i)
      if (!strcmp(tables[t]->entries[i].name, name))
        return tables[t]->entries[i].eval;
  return NULL;
}

static bool isOp(const IpuOp *op, const char *name) {
  return !strcmp(ipuIdentCStr(ipuOpGetName(op)), name);
}

static IpuLogicalResult runFunc(IpuOp *func, intptr_t numInputs,
                                const IpuTensor *const *inputs,
                                IpuTensor **outputs, intptr_t *numOutputs,
                                int depth, IpuInterpObserveFn observe,
                                void *observeData);

/* The func.func named by a func.call's callee, among the ops of the block
 * that holds the calling function. */
static IpuOp *findCallee(IpuOp *caller, IpuOp *call) {
  IpuAttr callee = ipuOpGetAttr(call, "callee");
  if (!callee || ipuAttrGetKind(callee) != IPU_ATTR_SYMBOL_REF ||
      ipuSymbolRefAttrGetNumNested(callee) != 0)
    return NULL;
  IpuIdent name = ipuSymbolRefAttrGetRoot(callee);
  IpuBlock *block = ipuOpGetBlock(caller);
  for (IpuOp *op = block ? ipuBlockGetFirstOp(block) : NULL; op;
       op = ipuOpGetNext(op)) {
    IpuAttr sym = ipuOpGetSymbolName(op);
    if (sym && isOp(op, "func.func") &&
        ipuStringRefEqual(ipuStringAttrGetValue(sym), ipuIdentStr(name)))
      return op;
  }
  return NULL;
}

static IpuLogicalResult evalCall(Env *env, IpuOp *func, IpuOp *op,
                                 const IpuTensor *const *ins, int depth) {
  if (depth + 1 >= MAX_CALL_DEPTH)
    return ipuOpEmitError(op, "calls nest deeper than %d", MAX_CALL_DEPTH);
  IpuOp *callee = findCallee(func, op);
  if (!callee)
    return ipuOpEmitError(op, "callee is not a function of the enclosing "
                          "module");
  IpuTensor *outs = NULL;
  intptr_t numOuts = 0;
  if (ipuFailed(runFunc(callee, ipuOpGetNumOperands(op), ins, &outs,
                        &numOuts, depth + 1, env->observe, env->observeData)))
    return ipuOpEmitError(op, "called function failed");
  if (numOuts != ipuOpGetNumResults(op)) {
    ipuInterpOutputsFree(outs, numOuts);
    return ipuOpEmitError(op, "callee returns %lld values, the call has "
                          "%lld results", (long long)numOuts,
                          (long long)ipuOpGetNumResults(op));
  }
  bool ok = true;
  for (intptr_t i = 0; i < numOuts; ++i)
    if (ok)
      ok = envBind(env, ipuOpGetResult(op, i), &outs[i], true);
    else
      ipuTensorFree(&outs[i]);
  free(outs);
  return ok ? IPU_SUCCESS : ipuOpEmitError(op, "out of memory");
}

static IpuLogicalResult evalReturn(Env *env, IpuOp *op,
                                   const IpuTensor *const *ins,
                                   IpuTensor **outputs,
                                   intptr_t *numOutputs) {
  intptr_t n = ipuOpGetNumOperands(op);
  IpuTensor *outs = calloc(n ? (size_t)n : 1, sizeof(IpuTensor));
  if (!outs)
    return ipuOpEmitError(op, "out of memory");
  for (intptr_t i = 0; i < n; ++i) {
    if (!ipuTensorClone(&outs[i], ins[i])) {
      ipuInterpOutputsFree(outs, i);
      return ipuOpEmitError(op, "out of memory");
    }
  }
  *outputs = outs;
  *numOutputs = n;
  return IPU_SUCCESS;
}

static IpuLogicalResult runBlock(IpuOp *func, IpuOp *owner, IpuBlock *body,
                                 const IpuTensor *const *inputs,
                                 IpuTensor **outputs, intptr_t *numOutputs,
                                 int depth, IpuInterpObserveFn observe,
                                 void *observeData);

/* tile.simd and tile.host: their single block runs on the operands, in an
 * environment of its own (the region is isolated from above). */
static IpuLogicalResult evalRegionOp(Env *env, IpuOp *func, IpuOp *op,
                                     const IpuTensor *const *ins, int depth) {
  IpuBlock *body = ipuOpGetNumRegions(op) == 1
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0))
                       : NULL;
  if (!body || ipuBlockGetNext(body) ||
      ipuBlockGetNumArguments(body) != ipuOpGetNumOperands(op))
    return ipuOpEmitError(op, "expects one block taking the operands");
  IpuTensor *outs = NULL;
  intptr_t numOuts = 0;
  if (ipuFailed(runBlock(func, op, body, ins, &outs, &numOuts, depth,
                         env->observe, env->observeData)))
    return IPU_FAILURE;
  IpuLogicalResult r = IPU_SUCCESS;
  if (numOuts != ipuOpGetNumResults(op))
    r = ipuOpEmitError(op, "region yields %lld values, the op has %lld "
                       "results", (long long)numOuts,
                       (long long)ipuOpGetNumResults(op));
  for (intptr_t i = 0; i < numOuts; ++i) {
    if (ipuSucceeded(r) &&
        !envBind(env, ipuOpGetResult(op, i), &outs[i], true))
      r = ipuOpEmitError(op, "out of memory");
    else if (ipuFailed(r))
      ipuTensorFree(&outs[i]);
  }
  free(outs);
  return r;
}

/* Runs the evaluator of `op` (not a call) into outs[0..numResults) and
 * checks each result against its type; on failure no output holds data. */
static IpuLogicalResult evalOpTensors(IpuOp *op, const IpuTensor *const *ins,
                                      IpuTensor *outs) {
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  EvalFn fn = lookupEvaluator(name);
  if (!fn)
    return ipuOpEmitError(op, "the interpreter does not support '%s'", name);
  if (ipuOpGetNumRegions(op))
    return ipuOpEmitError(op, "the interpreter does not support ops with "
                          "regions");
  intptr_t numResults = ipuOpGetNumResults(op);
  IpuLogicalResult r = fn(op, ipuOpGetNumOperands(op), ins, outs);
  for (intptr_t i = 0; i < numResults; ++i) {
    char why[400];
    if (ipuSucceeded(r) &&
        !ipuInterpTensorMatchesType(&outs[i], ipuValueGetType(
                                                  ipuOpGetResult(op, i)),
                                    why, sizeof why))
      r = ipuOpEmitError(op, "result #%lld does not match its type: %s",
                         (long long)i, why);
  }
  if (ipuFailed(r))
    for (intptr_t i = 0; i < numResults; ++i)
      ipuTensorFree(&outs[i]);
  return r;
}

/* The shape hl.reshape, hl.flatten, hl.identity or hl.dropout gives its
 * operand `x` when its kernel would succeed with exactly that: the result
 * is then the operand's bytes under this shape. False leaves the op to its
 * evaluator (which also words any error). */
static bool viewShape(IpuOp *op, const IpuTensor *x, int *rank,
                      int64_t *shape) {
  if (isOp(op, "hl.identity") || isOp(op, "hl.dropout")) {
    *rank = x->rank;
    memcpy(shape, x->shape, sizeof x->shape);
    return true;
  }
  int64_t total = ipuTensorNumElements(x);
  if (isOp(op, "hl.reshape")) {
    /* Only the resolved form the importer writes: i64 extents, no -1. */
    IpuAttr a = ipuOpGetAttr(op, "shape");
    if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
        !ipuTypeIsInteger(ipuDenseArrayAttrGetElementType(a)) ||
        ipuTypeGetIntOrFloatBitWidth(ipuDenseArrayAttrGetElementType(a)) !=
            64 ||
        ipuDenseArrayAttrGetNumElements(a) > IPU_TENSOR_MAX_RANK)
      return false;
    *rank = (int)ipuDenseArrayAttrGetNumElements(a);
    const int64_t *dims = ipuDenseArrayAttrGetData(a);
    int64_t count = 1;
    for (int i = 0; i < *rank; ++i) {
      if (dims[i] < 0 || __builtin_mul_overflow(count, dims[i], &count))
        return false;
      shape[i] = dims[i];
    }
    return count == total;
  }
  if (isOp(op, "hl.flatten")) {
    IpuAttr a = ipuOpGetAttr(op, "axis");
    if (a && ipuAttrGetKind(a) != IPU_ATTR_INTEGER)
      return false;
    int64_t axis = a ? ipuIntegerAttrGetInt(a) : 1;
    if (axis < 0)
      axis += x->rank;
    if (axis < 0 || axis > x->rank)
      return false;
    /* A valid tensor's extents multiply without overflow. */
    shape[0] = 1;
    shape[1] = 1;
    for (int i = 0; i < x->rank; ++i)
      shape[i < axis ? 0 : 1] *= x->shape[i];
    *rank = 2;
    return true;
  }
  return false;
}

/* Binds the result of `op` without computing or copying anything when it
 * can: an hl.constant whose attribute already holds the tensor borrows the
 * attribute's storage; a reshape-like op borrows the storage of a borrowed
 * operand and takes over the buffer of an owned one whose last use it is.
 * *bound tells whether it did; the result is failure only when binding ran
 * out of memory (reported at the op). */
static IpuLogicalResult bindWithoutCopy(Env *env, IpuOp *op,
                                        const IpuTensor *const *ins,
                                        bool *bound) {
  *bound = false;
  if (ipuOpGetNumResults(op) != 1 || ipuOpGetNumRegions(op))
    return IPU_SUCCESS;
  IpuValue result = ipuOpGetResult(op, 0);
  IpuTensor t;
  bool owned = false;
  if (isOp(op, "hl.constant")) {
    if (ipuOpGetNumOperands(op) != 0 ||
        !evalTensorViewOfAttr(ipuOpGetAttr(op, "value"), &t) ||
        !ipuInterpTensorMatchesType(&t, ipuValueGetType(result), NULL, 0))
      return IPU_SUCCESS;
  } else {
    int rank;
    int64_t shape[IPU_TENSOR_MAX_RANK] = {0};
    if (ipuOpGetNumOperands(op) != 1 || !ipuTensorIsValid(ins[0]) ||
        !viewShape(op, ins[0], &rank, shape))
      return IPU_SUCCESS;
    Slot *operand = envFind(env, ipuOpGetOperand(op, 0));
    if (!operand || (operand->owned && operand->remainingUses != 1))
      return IPU_SUCCESS;
    t = *ins[0];
    t.rank = rank;
    memcpy(t.shape, shape, sizeof t.shape);
    if (!ipuInterpTensorMatchesType(&t, ipuValueGetType(result), NULL, 0))
      return IPU_SUCCESS;
    owned = operand->owned;
    /* The operand has no use left after this op: its buffer moves. */
    operand->owned = false;
  }
  *bound = true;
  if (!envBind(env, result, &t, owned))
    return ipuOpEmitError(op, "out of memory");
  if (owned && !ipuValueHasUses(result) && !env->observe)
    ipuTensorFree(&envFind(env, result)->tensor);
  return IPU_SUCCESS;
}

/* Evaluates one op of the body (not the terminator). */
static IpuLogicalResult evalOp(Env *env, IpuOp *func, IpuOp *op,
                               const IpuTensor *const *ins, int depth) {
  if (isOp(op, "func.call"))
    return evalCall(env, func, op, ins, depth);
  if (isOp(op, "tile.simd") || isOp(op, "tile.host"))
    return evalRegionOp(env, func, op, ins, depth);
  bool bound;
  IpuLogicalResult shortcut = bindWithoutCopy(env, op, ins, &bound);
  if (bound)
    return shortcut;
  intptr_t numResults = ipuOpGetNumResults(op);
  IpuTensor outsInline[4];
  IpuTensor *outs = outsInline;
  if (numResults > 4 &&
      !(outs = ipuCalloc(env->ctx, (size_t)numResults, sizeof(IpuTensor))))
    return ipuOpEmitError(op, "out of memory");
  memset(outs, 0, sizeof(IpuTensor) * (size_t)(numResults > 4 ? numResults
                                                                : 4));
  IpuLogicalResult r = evalOpTensors(op, ins, outs);
  for (intptr_t i = 0; i < numResults; ++i) {
    if (ipuSucceeded(r)) {
      IpuValue result = ipuOpGetResult(op, i);
      if (!envBind(env, result, &outs[i], true))
        r = ipuOpEmitError(op, "out of memory");
      else if (!ipuValueHasUses(result) && !env->observe)
        ipuTensorFree(&envFind(env, result)->tensor);
    } else {
      ipuTensorFree(&outs[i]);
    }
  }
  if (outs != outsInline)
    ipuFree(env->ctx, outs);
  return r;
}

/* Shows each result of `op` to the observer, then frees the owned ones
 * nobody uses (evalOp kept them for it). */
static void observeResults(Env *env, IpuOp *op) {
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i) {
    IpuValue result = ipuOpGetResult(op, i);
    Slot *s = envFind(env, result);
    if (!s)
      continue;
    if (ipuTensorIsValid(&s->tensor))
      env->observe(op, i, &s->tensor, env->observeData);
    if (s->owned && !ipuValueHasUses(result))
      ipuTensorFree(&s->tensor);
  }
}

static IpuLogicalResult runBody(Env *env, IpuOp *func, IpuBlock *body,
                                IpuTensor **outputs, intptr_t *numOutputs,
                                int depth) {
  const IpuTensor **ins = NULL;
  intptr_t insCap = 0;
  IpuLogicalResult r = IPU_FAILURE;
  bool returned = false;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    intptr_t n = ipuOpGetNumOperands(op);
    if (n > insCap) {
      const IpuTensor **grown =
          ipuRealloc(env->ctx, ins, sizeof(*ins) * (size_t)n);
      if (!grown) {
        r = ipuOpEmitError(op, "out of memory");
        goto done;
      }
      ins = grown;
      insCap = n;
    }
    for (intptr_t i = 0; i < n; ++i) {
      Slot *s = envFind(env, ipuOpGetOperand(op, i));
      if (!s) {
        r = ipuOpEmitError(op, "operand #%lld has no value (defined outside "
                           "the function body?)", (long long)i);
        goto done;
      }
      ins[i] = &s->tensor;
    }
    if (isOp(op, "func.return") || isOp(op, "tile.yield")) {
      r = evalReturn(env, op, ins, outputs, numOutputs);
      returned = true;
      break;
    }
    if (ipuFailed(evalOp(env, func, op, ins, depth)))
      goto done;
    if (env->observe)
      observeResults(env, op);
    envReleaseOperands(env, op);
  }
  if (!returned)
    r = ipuOpEmitError(ipuBlockGetParentOp(body),
                       "body does not end in func.return or tile.yield");
done:
  ipuFree(env->ctx, ins);
  return r;
}

/* Runs `body` (of `owner`: the function, or a tile.simd / tile.host op in
 * function `func`) on one input per block argument, in an environment of
 * its own; its terminator's operands become *outputs (malloc'd, freed with
 * ipuInterpOutputsFree). */
static IpuLogicalResult runBlock(IpuOp *func, IpuOp *owner, IpuBlock *body,
                                 const IpuTensor *const *inputs,
                                 IpuTensor **outputs, intptr_t *numOutputs,
                                 int depth, IpuInterpObserveFn observe,
                                 void *observeData) {
  Env env = {ipuOpGetContext(owner), NULL, 0, 0, observe, observeData};
  IpuLogicalResult r = IPU_SUCCESS;
  for (intptr_t i = 0, n = ipuBlockGetNumArguments(body);
       i < n && ipuSucceeded(r); ++i) {
    IpuValue arg = ipuBlockGetArgument(body, i);
    char why[400];
    if (!ipuTensorIsValid(inputs[i]))
      r = ipuOpEmitError(owner, "input #%lld is not a well-formed tensor",
                         (long long)i);
    else if (!ipuInterpTensorMatchesType(inputs[i], ipuValueGetType(arg),
                                         why, sizeof why))
      r = ipuOpEmitError(owner, "input #%lld: %s", (long long)i, why);
    else {
      IpuTensor borrowed = *inputs[i];
      if (!envBind(&env, arg, &borrowed, false))
        r = ipuOpEmitError(owner, "out of memory");
    }
  }
  if (ipuSucceeded(r))
    r = runBody(&env, func, body, outputs, numOutputs, depth);
  envDestroy(&env);
  return r;
}

static IpuLogicalResult runFunc(IpuOp *func, intptr_t numInputs,
                                const IpuTensor *const *inputs,
                                IpuTensor **outputs, intptr_t *numOutputs,
                                int depth, IpuInterpObserveFn observe,
                                void *observeData) {
  *outputs = NULL;
  *numOutputs = 0;
  if (!isOp(func, "func.func"))
    return ipuOpEmitError(func, "the interpreter runs func.func ops only");
  IpuRegion *region = ipuOpGetNumRegions(func) ? ipuOpGetRegion(func, 0)
                                                : NULL;
  IpuBlock *body = region ? ipuRegionGetFirstBlock(region) : NULL;
  if (!body)
    return ipuOpEmitError(func, "cannot run a function without a body");
  if (ipuBlockGetNext(body))
    return ipuOpEmitError(func, "the interpreter runs single-block "
                          "functions only");
  intptr_t numArgs = ipuBlockGetNumArguments(body);
  if (numInputs != numArgs)
    return ipuOpEmitError(func, "function takes %lld arguments, %lld inputs "
                          "given", (long long)numArgs, (long long)numInputs);
  return runBlock(func, func, body, inputs, outputs, numOutputs, depth,
                  observe, observeData);
}

IpuLogicalResult ipuInterpRunFunc(IpuOp *func, intptr_t numInputs,
                                  const IpuTensor *inputs,
                                  IpuTensor **outputs, intptr_t *numOutputs) {
  return ipuInterpRunFuncObserved(func, numInputs, inputs, outputs,
                                  numOutputs, NULL, NULL);
}

IpuLogicalResult ipuInterpRunFuncObserved(IpuOp *func, intptr_t numInputs,
                                          const IpuTensor *inputs,
                                          IpuTensor **outputs,
                                          intptr_t *numOutputs,
                                          IpuInterpObserveFn observe,
                                          void *userData) {
  *outputs = NULL;
  *numOutputs = 0;
  IpuContext *ctx = ipuOpGetContext(func);
  const IpuTensor **ptrs =
      ipuCalloc(ctx, numInputs > 0 ? (size_t)numInputs : 1, sizeof(*ptrs));
  if (!ptrs)
    return ipuOpEmitError(func, "out of memory");
  for (intptr_t i = 0; i < numInputs; ++i)
    ptrs[i] = &inputs[i];
  IpuLogicalResult r = runFunc(func, numInputs, ptrs, outputs, numOutputs, 0,
                               observe, userData);
  ipuFree(ctx, ptrs);
  return r;
}

bool ipuInterpCanEvalOp(const IpuOp *op) {
  if (!op || ipuOpGetNumRegions(op) ||
      !lookupEvaluator(ipuIdentCStr(ipuOpGetName(op))))
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuType t = ipuValueGetType(ipuOpGetOperand(op, i));
    if (ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
        ipuInterpDTypeOf(ipuShapedTypeGetElementType(t)) ==
            IPU_DTYPE_UNDEFINED)
      return false;
  }
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i) {
    IpuType t = ipuValueGetType(ipuOpGetResult(op, i));
    if (ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR ||
        ipuInterpDTypeOf(ipuShapedTypeGetElementType(t)) ==
            IPU_DTYPE_UNDEFINED)
      return false;
  }
  return true;
}

IpuLogicalResult ipuInterpEvalOp(IpuOp *op, const IpuTensor *operands,
                                 IpuTensor *results) {
  IpuContext *ctx = ipuOpGetContext(op);
  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t numResults = ipuOpGetNumResults(op);
  memset(results, 0, sizeof(IpuTensor) * (size_t)numResults);
  if (isOp(op, "func.call"))
    return ipuOpEmitError(op, "ipuInterpEvalOp does not follow calls");
  const IpuTensor **ins =
      ipuCalloc(ctx, numOperands > 0 ? (size_t)numOperands : 1, sizeof(*ins));
  if (!ins)
    return ipuOpEmitError(op, "out of memory");
  IpuLogicalResult r = IPU_SUCCESS;
  for (intptr_t i = 0; i < numOperands && ipuSucceeded(r); ++i) {
    if (!ipuTensorIsValid(&operands[i]))
      r = ipuOpEmitError(op, "operand #%lld is not a well-formed tensor",
                         (long long)i);
    ins[i] = &operands[i];
  }
  if (ipuSucceeded(r))
    r = evalOpTensors(op, ins, results);
  ipuFree(ctx, ins);
  return r;
}

void ipuInterpOutputsFree(IpuTensor *outputs, intptr_t numOutputs) {
  for (intptr_t i = 0; i < numOutputs; ++i)
    ipuTensorFree(&outputs[i]);
  free(outputs);
}
