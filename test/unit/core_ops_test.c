/* Unit test of the structural IR (ops, values and uses, blocks, regions,
 * builder, walks, clone, symbols, op diagnostics) through the public API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"

#include "unit_test.h"

/* ---- A counting allocator with failure injection. --------------------- */

typedef struct {
  size_t liveBytes, peakBytes, allocations;
  long failAfter; /* -1: never fail; else fail once this many succeeded */
} AllocStats;

static void *countMalloc(size_t size, void *ud) {
  AllocStats *s = ud;
  if (s->failAfter >= 0 && (long)s->allocations >= s->failAfter)
    return NULL;
  size_t *p = malloc(size + 16);
  if (!p)
    return NULL;
  p[0] = size;
  s->liveBytes += size;
  if (s->liveBytes > s->peakBytes)
    s->peakBytes = s->liveBytes;
  ++s->allocations;
  return (char *)p + 16;
}

static void countFree(void *ptr, void *ud) {
  AllocStats *s = ud;
  if (!ptr)
    return;
  size_t *p = (size_t *)((char *)ptr - 16);
  s->liveBytes -= p[0];
  free(p);
}

static void *countRealloc(void *ptr, size_t size, void *ud) {
  AllocStats *s = ud;
  if (!ptr)
    return countMalloc(size, ud);
  if (s->failAfter >= 0 && (long)s->allocations >= s->failAfter)
    return NULL;
  size_t *p = (size_t *)((char *)ptr - 16);
  size_t old = p[0];
  size_t *q = realloc(p, size + 16);
  if (!q)
    return NULL;
  q[0] = size;
  s->liveBytes = s->liveBytes - old + size;
  if (s->liveBytes > s->peakBytes)
    s->peakBytes = s->liveBytes;
  ++s->allocations;
  return (char *)q + 16;
}

/* ---- A test dialect. --------------------------------------------------- */

static const IpuAttrDef constAttrs[] = {
    {"value", IPU_ATTRC_ANY, false, NULL, ""}};
static const IpuAttrDef funcAttrs[] = {
    {"sym_name", IPU_ATTRC_SYMBOL_NAME, false, NULL, ""},
    {"sym_visibility", IPU_ATTRC_STRING, true, NULL, ""}};
static const IpuValueDef twoOperands[] = {
    {"lhs", IPU_TYPEC_ANY, false, false, ""},
    {"rhs", IPU_TYPEC_ANY, false, false, ""}};
static const IpuValueDef oneResult[] = {
    {"out", IPU_TYPEC_ANY, false, false, ""}};

static IpuLogicalResult
inferFirstOperand(IpuContext *ctx, IpuLocation loc, intptr_t numOperands,
                  const IpuValue *operands, IpuAttr attributes,
                  IpuAttr properties, intptr_t numResults, IpuType *types) {
  if (numOperands < 1)
    return ipuEmitError(ctx, loc, "needs an operand to infer from");
  for (intptr_t i = 0; i < numResults; ++i)
    types[i] = ipuValueGetType(operands[0]);
  return IPU_SUCCESS;
}

static const IpuOpDef addDef = {
    .name = "test.add",
    .summary = "",
    .operands = twoOperands,
    .numOperands = 2,
    .results = oneResult,
    .numResults = 1,
    .traits = IPU_TRAIT_PURE | IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE,
    .inferResultTypes = inferFirstOperand};
static const IpuOpDef constDef = {.name = "test.const",
                                  .summary = "",
                                  .results = oneResult,
                                  .numResults = 1,
                                  .attrs = constAttrs,
                                  .numAttrs = 1,
                                  .traits = IPU_TRAIT_CONSTANT_LIKE};
static const IpuOpDef regionDef = {
    .name = "test.region", .summary = "", .numRegions = 1};
static const IpuOpDef brDef = {.name = "test.br",
                               .summary = "",
                               .numSuccessors = -1,
                               .traits = IPU_TRAIT_TERMINATOR};
static const IpuOpDef tableDef = {.name = "test.table",
                                  .summary = "",
                                  .attrs = funcAttrs,
                                  .numAttrs = 2,
                                  .numRegions = 1,
                                  .traits = IPU_TRAIT_SYMBOL_TABLE |
                                            IPU_TRAIT_SYMBOL |
                                            IPU_TRAIT_NO_TERMINATOR};
static const IpuOpDef funcDef = {.name = "test.func",
                                 .summary = "",
                                 .attrs = funcAttrs,
                                 .numAttrs = 2,
                                 .numRegions = 1,
                                 .traits = IPU_TRAIT_SYMBOL};
static const IpuOpDef *const testOps[] = {&addDef, &constDef, &regionDef,
                                          &brDef,  &tableDef, &funcDef};
static const IpuDialectDef testDialect = {
    .name = "test", .summary = "", .ops = testOps, .numOps = 6};

/* ---- Helpers. ---------------------------------------------------------- */

static char lastMessage[1024];
static int numDiagnostics;

static void recordDiagnostic(const IpuDiagnostic *d, void *userData) {
  snprintf(lastMessage, sizeof lastMessage, "%s", ipuDiagnosticGetMessage(d));
  ++numDiagnostics;
}

static IpuContext *newContext(const IpuAllocator *alloc) {
  IpuContext *ctx = ipuContextCreate(alloc);
  if (!ctx)
    return NULL;
  ipuContextRegisterDialect(ctx, &testDialect);
  ipuContextSetDiagnosticHandler(ctx, recordDiagnostic, NULL);
  return ctx;
}

static IpuLocation loc(IpuContext *ctx) { return ipuLocUnknownGet(ctx); }
static IpuType i32(IpuContext *ctx) {
  return ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
}

static IpuOp *makeOp(IpuContext *ctx, const char *name, intptr_t numOperands,
                     const IpuValue *operands, intptr_t numResults,
                     intptr_t numRegions) {
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString(name), loc(ctx));
  ipuOpStateAddOperands(&st, numOperands, operands);
  for (intptr_t i = 0; i < numResults; ++i) {
    IpuType t = i32(ctx);
    ipuOpStateAddResults(&st, 1, &t);
  }
  ipuOpStateAddEmptyRegions(&st, numRegions);
  return ipuOpCreate(&st);
}

static IpuOp *makeConst(IpuContext *ctx, int64_t value) {
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("test.const"), loc(ctx));
  IpuType t = i32(ctx);
  ipuOpStateAddResults(&st, 1, &t);
  ipuOpStateAddAttr(&st, "value", ipuIntegerAttrGet(ctx, t, value));
  ipuOpStateAddAttr(&st, "note", ipuUnitAttrGet(ctx));
  return ipuOpCreate(&st);
}

static IpuOp *makeAdd(IpuContext *ctx, IpuValue a, IpuValue b) {
  IpuValue ops[2] = {a, b};
  return makeOp(ctx, "test.add", 2, ops, 1, 0);
}

/* An op with one region holding one block; returns the block. */
static IpuBlock *addBody(IpuOp *op, intptr_t numArgs) {
  IpuContext *ctx = ipuOpGetContext(op);
  IpuType types[4] = {i32(ctx), i32(ctx), i32(ctx), i32(ctx)};
  IpuBlock *b = ipuBlockCreate(ctx, numArgs, types, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(op, 0), b);
  return b;
}

static intptr_t countUses(IpuValue v) {
  intptr_t n = 0;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    ++n;
  return n;
}

/* ---- Tests. ------------------------------------------------------------ */

static void testCreateErrors(void) {
  IpuContext *ctx = newContext(NULL);
  numDiagnostics = 0;
  IpuOp *op = makeOp(ctx, "test.nope", 0, NULL, 0, 1);
  CHECK(op == NULL);
  CHECK(strcmp(lastMessage, "unregistered operation 'test.nope' found in "
                            "dialect ('test') that does not allow unknown "
                            "operations") == 0);
  op = makeOp(ctx, "other.op", 0, NULL, 0, 2);
  CHECK(op == NULL);
  CHECK(strcmp(lastMessage,
               "operation being parsed with an unregistered dialect. If this "
               "is intended, please use -allow-unregistered-dialect with the "
               "MLIR tool used") == 0);
  op = makeOp(ctx, "nodot", 0, NULL, 0, 0);
  CHECK(op == NULL);
  op = makeOp(ctx, "test", 0, NULL, 0, 0);
  CHECK(op == NULL);
  CHECK(strstr(lastMessage, "'test' op created with unregistered dialect") ==
        lastMessage);
  CHECK(numDiagnostics == 4);

  /* An owned region with ops inside is destroyed with the failed state. */
  IpuOp *inner = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuRegion *r = ipuRegionCreate(ctx);
  IpuBlock *b = ipuBlockCreate(ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(r, b);
  ipuBlockAppendOp(b, inner);
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("bad.op"), loc(ctx));
  ipuOpStateAddOwnedRegions(&st, 1, &r);
  CHECK(ipuOpCreate(&st) == NULL);

  ipuContextSetAllowUnregisteredDialects(ctx, true);
  op = makeOp(ctx, "other.op", 0, NULL, 2, 1);
  CHECK(op != NULL);
  CHECK(ipuOpGetDef(op) == NULL);
  CHECK(strcmp(ipuIdentCStr(ipuOpGetName(op)), "other.op") == 0);
  CHECK(ipuOpGetDialect(op) == NULL);
  ipuOpDestroy(op);
  op = makeOp(ctx, "nodot", 0, NULL, 0, 0);
  CHECK(op != NULL);
  ipuOpDestroy(op);
  /* A registered dialect still rejects unknown ops. */
  CHECK(makeOp(ctx, "test.nope", 0, NULL, 0, 0) == NULL);

  /* Type inference. */
  IpuOp *c = makeConst(ctx, 1);
  IpuOpState inf;
  ipuOpStateInit(&inf, ctx, ipuStringRefFromCString("test.add"), loc(ctx));
  IpuValue two[2] = {ipuOpGetResult(c, 0), ipuOpGetResult(c, 0)};
  ipuOpStateAddOperands(&inf, 2, two);
  inf.inferResultTypes = true;
  IpuOp *add = ipuOpCreate(&inf);
  CHECK(add && ipuOpGetNumResults(add) == 1 &&
        ipuValueGetType(ipuOpGetResult(add, 0)) == i32(ctx));
  ipuOpStateInit(&inf, ctx, ipuStringRefFromCString("test.const"), loc(ctx));
  inf.inferResultTypes = true;
  CHECK(ipuOpCreate(&inf) == NULL);
  CHECK(strcmp(lastMessage, "'test.const' op cannot infer its result types") ==
        0);
  ipuOpDestroy(add);
  ipuOpDestroy(c);
  ipuContextDestroy(ctx);
}

static void testUsesAndAttributes(void) {
  IpuContext *ctx = newContext(NULL);
  IpuOp *c1 = makeConst(ctx, 1), *c2 = makeConst(ctx, 2);
  IpuValue v1 = ipuOpGetResult(c1, 0), v2 = ipuOpGetResult(c2, 0);
  IpuOp *a = makeAdd(ctx, v1, v1);
  IpuOp *b = makeAdd(ctx, v1, v2);
  CHECK(countUses(v1) == 3 && countUses(v2) == 1);
  CHECK(ipuValueHasOneUse(v2) && !ipuValueHasOneUse(v1));
  CHECK(ipuValueGetDefiningOp(v1) == c1 && ipuValueIsOpResult(v1));
  CHECK(ipuValueGetIndex(ipuOpGetResult(a, 0)) == 0);
  CHECK(ipuOpOperandGetIndex(ipuOpGetOpOperand(b, 1)) == 1);
  CHECK(ipuOpOperandGetOwner(ipuOpGetOpOperand(b, 1)) == b);

  ipuValueReplaceAllUsesWith(v1, v2);
  CHECK(countUses(v1) == 0 && countUses(v2) == 4);
  CHECK(ipuOpGetOperand(a, 0) == v2 && ipuOpGetOperand(b, 0) == v2);
  CHECK(ipuOpUseEmpty(c1) && !ipuOpUseEmpty(c2));
  CHECK(ipuOpGetDialect(c1) == &testDialect);
  CHECK(ipuOpHasTrait(c1, IPU_TRAIT_CONSTANT_LIKE) &&
        !ipuOpHasTrait(c1, IPU_TRAIT_PURE));

  ipuOpSetOperand(a, 1, v1);
  CHECK(countUses(v1) == 1 && countUses(v2) == 3);
  /* Growing past the inline operand storage relinks every use. */
  IpuValue many[6] = {v1, v2, v1, v2, v1, v2};
  ipuOpSetOperands(a, 6, many);
  CHECK(ipuOpGetNumOperands(a) == 6);
  CHECK(countUses(v1) == 3 && countUses(v2) == 5);
  ipuOpSetOperands(a, 1, many);
  CHECK(countUses(v1) == 1 && countUses(v2) == 2);
  ipuOpOperandSet(ipuOpGetOpOperand(a, 0), v2);
  CHECK(countUses(v1) == 0 && countUses(v2) == 3);

  /* Inherent attributes move to the properties. */
  IpuAttr props = ipuOpGetProperties(c1);
  CHECK(props && ipuAttrGetKind(props) == IPU_ATTR_DICTIONARY);
  CHECK(ipuDictionaryAttrGetC(props, "value") != NULL);
  CHECK(ipuDictionaryAttrGetC(ipuOpGetAttrDict(c1), "value") == NULL);
  CHECK(ipuDictionaryAttrGetC(ipuOpGetAttrDict(c1), "note") != NULL);
  CHECK(ipuIntegerAttrGetInt(ipuOpGetAttr(c1, "value")) == 1);
  ipuOpSetAttr(c1, "value", ipuIntegerAttrGet(ctx, i32(ctx), 7));
  CHECK(ipuIntegerAttrGetInt(ipuOpGetAttr(c1, "value")) == 7);
  CHECK(ipuDictionaryAttrGetC(ipuOpGetAttrDict(c1), "value") == NULL);
  ipuOpSetAttr(c1, "extra", ipuUnitAttrGet(ctx));
  CHECK(ipuDictionaryAttrGetC(ipuOpGetAttrDict(c1), "extra") != NULL);
  CHECK(ipuDictionaryAttrGetC(ipuOpGetProperties(c1), "extra") == NULL);
  ipuOpSetAttr(c1, "extra", NULL);
  ipuOpSetAttr(c1, "note", NULL);
  CHECK(ipuDictionaryAttrGetNumEntries(ipuOpGetAttrDict(c1)) == 0);
  /* A dictionary set wholesale splits the same way. */
  IpuNamedAttr entries[2] = {
      {ipuIdentGetC(ctx, "other"), ipuUnitAttrGet(ctx)},
      {ipuIdentGetC(ctx, "value"), ipuIntegerAttrGet(ctx, i32(ctx), 9)}};
  ipuOpSetAttrDict(c1, ipuDictionaryAttrGet(ctx, 2, entries));
  CHECK(ipuIntegerAttrGetInt(ipuOpGetAttr(c1, "value")) == 9);
  CHECK(ipuDictionaryAttrGetNumEntries(ipuOpGetAttrDict(c1)) == 1);

  /* Unregistered ops keep attributes and properties verbatim. */
  ipuContextSetAllowUnregisteredDialects(ctx, true);
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("x.y"), loc(ctx));
  ipuOpStateAddAttr(&st, "value", ipuUnitAttrGet(ctx));
  st.properties = ipuIntegerAttrGet(ctx, i32(ctx), 5);
  IpuOp *u = ipuOpCreate(&st);
  CHECK(u && ipuOpGetProperties(u) == ipuIntegerAttrGet(ctx, i32(ctx), 5));
  CHECK(ipuOpGetAttr(u, "value") == ipuUnitAttrGet(ctx));
  ipuOpDestroy(u);

  ipuOpDestroy(a);
  ipuOpDestroy(b);
  ipuOpDestroy(c1);
  ipuOpDestroy(c2);
  ipuContextDestroy(ctx);
}

static void testBlocksAndOrder(void) {
  IpuContext *ctx = newContext(NULL);
  IpuBlock *b = ipuBlockCreate(ctx, 0, NULL, NULL);
  IpuBuilder builder;
  ipuBuilderInit(&builder, ctx);
  ipuBuilderSetInsertionPointToEnd(&builder, b);
  enum { N = 200 };
  IpuOp *ops[N];
  ops[0] = makeConst(ctx, 0);
  ipuBuilderInsert(&builder, ops[0]);
  /* Insert always right after the first op, which exhausts the gaps and
   * forces renumbering again and again. */
  for (int i = 1; i < N; ++i) {
    ops[i] = makeConst(ctx, i);
    ipuBuilderSetInsertionPointAfter(&builder, ops[0]);
    ipuBuilderInsert(&builder, ops[i]);
    if (i % 7 == 0)
      CHECK(ipuOpIsBeforeInBlock(ops[0], ops[i]) &&
            ipuOpIsBeforeInBlock(ops[i], ops[i - 1]));
  }
  /* List order is ops[0], ops[N-1], ..., ops[1]. */
  int bad = 0;
  for (int i = 1; i < N; ++i)
    for (int j = i + 1; j < N; j += 13)
      bad += !ipuOpIsBeforeInBlock(ops[j], ops[i]) ||
             ipuOpIsBeforeInBlock(ops[i], ops[j]);
  CHECK(bad == 0);
  CHECK(ipuBlockGetFirstOp(b) == ops[0] && ipuBlockGetLastOp(b) == ops[1]);
  CHECK(ipuOpGetNext(ops[0]) == ops[N - 1] && ipuOpGetPrev(ops[1]) == ops[2]);
  ipuOpMoveBefore(ops[1], ops[0]);
  CHECK(ipuBlockGetFirstOp(b) == ops[1] &&
        ipuOpIsBeforeInBlock(ops[1], ops[0]));
  ipuOpMoveAfter(ops[1], ops[2]);
  CHECK(ipuBlockGetLastOp(b) == ops[1]);
  ipuBuilderSetInsertionPointToStart(&builder, b);
  IpuOp *first = makeConst(ctx, -1);
  ipuBuilderInsert(&builder, first);
  CHECK(ipuBlockGetFirstOp(b) == first && ipuOpIsBeforeInBlock(first, ops[0]));
  CHECK(ipuBlockGetTerminator(b) == NULL);

  /* Erasing an attached op unlinks it. */
  ipuOpDestroy(ops[5]);
  CHECK(ipuOpGetNext(ops[6]) == ops[4]);

  /* Block arguments. */
  IpuValue arg0 = ipuBlockAddArgument(b, i32(ctx), loc(ctx));
  IpuValue arg1 = ipuBlockAddArgument(b, i32(ctx), loc(ctx));
  IpuValue arg2 = ipuBlockAddArgument(b, i32(ctx), loc(ctx));
  CHECK(ipuBlockGetNumArguments(b) == 3 && ipuValueIsBlockArgument(arg1));
  IpuLocation fileLoc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, "f.mlir"), 1, 2);
  ipuBlockArgumentSetLoc(arg0, fileLoc);
  CHECK(ipuValueGetLoc(arg0) == fileLoc && ipuValueGetLoc(arg1) == loc(ctx));
  CHECK(ipuValueGetOwnerBlock(arg1) == b && ipuValueGetParentBlock(arg1) == b);
  IpuOp *use = makeAdd(ctx, arg0, arg2);
  ipuBlockAppendOp(b, use);
  CHECK(ipuValueGetParentBlock(ipuOpGetResult(use, 0)) == b);
  ipuBlockEraseArgument(b, 1);
  CHECK(ipuBlockGetNumArguments(b) == 2 && ipuBlockGetArgument(b, 1) == arg2 &&
        ipuValueGetIndex(arg2) == 1);

  /* Successors keep predecessor lists. */
  IpuRegion *r = ipuRegionCreate(ctx);
  ipuRegionAppendBlock(r, b);
  IpuBlock *b2 = ipuBlockCreate(ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(r, b2);
  CHECK(ipuRegionGetNumBlocks(r) == 2 && ipuBlockIsEntryBlock(b) &&
        !ipuBlockIsEntryBlock(b2) && ipuBlockGetNext(b) == b2);
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("test.br"), loc(ctx));
  ipuOpStateAddSuccessors(&st, 1, &b2);
  IpuOp *br = ipuOpCreate(&st);
  ipuBlockAppendOp(b, br);
  CHECK(ipuBlockGetTerminator(b) == br && ipuBlockHasPredecessors(b2) &&
        !ipuBlockHasPredecessors(b));
  ipuOpSetSuccessor(br, 0, b);
  CHECK(!ipuBlockHasPredecessors(b2) && ipuBlockHasPredecessors(b));
  ipuOpSetSuccessor(br, 0, b2);
  ipuOpDestroy(br);
  CHECK(!ipuBlockHasPredecessors(b2));

  /* Region bodies move. */
  IpuRegion *r2 = ipuRegionCreate(ctx);
  ipuRegionTakeBody(r2, r);
  CHECK(ipuRegionIsEmpty(r) && ipuRegionGetNumBlocks(r2) == 2 &&
        ipuBlockGetParentRegion(b2) == r2);
  ipuBlockDestroy(b2);
  CHECK(ipuRegionGetNumBlocks(r2) == 1 && ipuRegionGetLastBlock(r2) == b);
  ipuRegionDestroy(r);
  ipuRegionDestroy(r2);
  ipuContextDestroy(ctx);
}

/* Builds test.region { a; b = add(outer, arg); test.region { c = add(b, a) } }
 * and a branch between two blocks, then clones it. */
static void testClone(void) {
  IpuContext *ctx = newContext(NULL);
  IpuOp *outer = makeConst(ctx, 1);
  IpuValue outerV = ipuOpGetResult(outer, 0);
  IpuOp *top = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuBlock *body = addBody(top, 1);
  IpuBlock *body2 = ipuBlockCreate(ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(top, 0), body2);
  IpuOp *a = makeConst(ctx, 2);
  ipuBlockAppendOp(body, a);
  IpuOp *b = makeAdd(ctx, outerV, ipuBlockGetArgument(body, 0));
  ipuBlockAppendOp(body, b);
  IpuOp *nested = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  ipuBlockAppendOp(body, nested);
  IpuBlock *nbody = addBody(nested, 0);
  IpuOp *c = makeAdd(ctx, ipuOpGetResult(b, 0), ipuOpGetResult(a, 0));
  ipuBlockAppendOp(nbody, c);
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("test.br"), loc(ctx));
  ipuOpStateAddSuccessors(&st, 1, &body2);
  ipuBlockAppendOp(body, ipuOpCreate(&st));

  IpuOp *copy = ipuOpClone(top);
  CHECK(copy && copy != top && ipuOpGetBlock(copy) == NULL);
  CHECK(countUses(outerV) == 2);
  IpuBlock *cbody = ipuRegionGetFirstBlock(ipuOpGetRegion(copy, 0));
  CHECK(cbody != body && ipuBlockGetNumArguments(cbody) == 1);
  CHECK(ipuRegionGetNumBlocks(ipuOpGetRegion(copy, 0)) == 2);
  IpuOp *ca = ipuBlockGetFirstOp(cbody);
  IpuOp *cb = ipuOpGetNext(ca);
  IpuOp *cnested = ipuOpGetNext(cb);
  IpuOp *cbr = ipuOpGetNext(cnested);
  CHECK(ca != a && ipuOpIsA(ca, "test.const") && ipuOpIsA(cb, "test.add"));
  CHECK(ipuOpGetOperand(cb, 0) == outerV);
  CHECK(ipuOpGetOperand(cb, 1) == ipuBlockGetArgument(cbody, 0));
  IpuOp *cc =
      ipuBlockGetFirstOp(ipuRegionGetFirstBlock(ipuOpGetRegion(cnested, 0)));
  CHECK(cc != c && ipuOpGetOperand(cc, 0) == ipuOpGetResult(cb, 0) &&
        ipuOpGetOperand(cc, 1) == ipuOpGetResult(ca, 0));
  CHECK(ipuOpGetSuccessor(cbr, 0) == ipuBlockGetNext(cbody));
  CHECK(ipuIntegerAttrGetInt(ipuOpGetAttr(ca, "value")) == 2);
  CHECK(countUses(ipuOpGetResult(b, 0)) == 1);
  CHECK(ipuOpIsProperAncestor(copy, cc) && ipuOpIsAncestor(cc, cc) &&
        !ipuOpIsProperAncestor(top, cc));
  ipuOpDestroy(copy);
  CHECK(countUses(outerV) == 1);
  ipuOpDestroy(top);
  CHECK(countUses(outerV) == 0);
  ipuOpDestroy(outer);
  ipuContextDestroy(ctx);
}

/* ---- Walks. ------------------------------------------------------------ */

typedef struct {
  IpuOp *seen[64];
  int n;
  IpuOp *skip, *stopAt;
  bool erase;
} WalkLog;

static IpuWalkResult logOp(IpuOp *op, void *ud) {
  WalkLog *log = ud;
  if (log->n < 64)
    log->seen[log->n++] = op;
  if (op == log->stopAt)
    return IPU_WALK_INTERRUPT;
  if (op == log->skip)
    return IPU_WALK_SKIP;
  if (log->erase && ipuOpGetBlock(op))
    ipuOpDestroy(op);
  return IPU_WALK_ADVANCE;
}

static IpuWalkResult eraseSkipped(IpuOp *op, void *ud) {
  WalkLog *log = ud;
  log->seen[log->n++] = op;
  if (op != log->skip)
    return IPU_WALK_ADVANCE;
  ipuOpDestroy(op);
  return IPU_WALK_SKIP;
}

static void testWalks(void) {
  IpuContext *ctx = newContext(NULL);
  /* root { x { y }, z { w } } */
  IpuOp *root = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuBlock *rb = addBody(root, 0);
  IpuOp *x = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuOp *z = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  ipuBlockAppendOp(rb, x);
  ipuBlockAppendOp(rb, z);
  IpuOp *y = makeConst(ctx, 0), *w = makeConst(ctx, 0);
  ipuBlockAppendOp(addBody(x, 0), y);
  ipuBlockAppendOp(addBody(z, 0), w);

  WalkLog log = {0};
  CHECK(ipuOpWalk(root, IPU_WALK_PRE_ORDER, logOp, &log) == IPU_WALK_ADVANCE);
  CHECK(log.n == 5 && log.seen[0] == root && log.seen[1] == x &&
        log.seen[2] == y && log.seen[3] == z && log.seen[4] == w);
  memset(&log, 0, sizeof log);
  ipuOpWalk(root, IPU_WALK_POST_ORDER, logOp, &log);
  CHECK(log.n == 5 && log.seen[0] == y && log.seen[1] == x &&
        log.seen[2] == w && log.seen[3] == z && log.seen[4] == root);
  memset(&log, 0, sizeof log);
  log.skip = x;
  ipuOpWalk(root, IPU_WALK_PRE_ORDER, logOp, &log);
  CHECK(log.n == 4 && log.seen[2] == z);
  memset(&log, 0, sizeof log);
  log.stopAt = y;
  CHECK(ipuOpWalk(root, IPU_WALK_PRE_ORDER, logOp, &log) == IPU_WALK_INTERRUPT);
  CHECK(log.n == 3);
  /* Walking a nested op stays inside it. */
  memset(&log, 0, sizeof log);
  ipuOpWalk(x, IPU_WALK_POST_ORDER, logOp, &log);
  CHECK(log.n == 2 && log.seen[0] == y && log.seen[1] == x);
  /* Pre-order walks may erase the visited op when they skip it. */
  memset(&log, 0, sizeof log);
  log.skip = x;
  log.erase = false;
  ipuOpWalk(root, IPU_WALK_PRE_ORDER, eraseSkipped, &log);
  CHECK(log.n == 4 && ipuBlockGetFirstOp(rb) == z);
  x = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  ipuBlockInsertOpBefore(rb, z, x);
  ipuBlockAppendOp(addBody(x, 0), makeConst(ctx, 0));
  /* Post-order walks may erase the visited op. */
  memset(&log, 0, sizeof log);
  log.erase = true;
  ipuOpWalk(root, IPU_WALK_POST_ORDER, logOp, &log);
  CHECK(log.n == 5 && ipuBlockIsEmpty(rb));
  ipuOpDestroy(root);
  ipuContextDestroy(ctx);
}

static IpuWalkResult countOp(IpuOp *op, void *ud) {
  ++*(long *)ud;
  return IPU_WALK_ADVANCE;
}

static void testDeepNesting(void) {
  IpuContext *ctx = newContext(NULL);
  enum { DEPTH = 10000 };
  IpuOp *root = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuOp *outer = makeConst(ctx, 3);
  ipuBlockAppendOp(addBody(root, 1), outer);
  IpuOp *cur = root;
  for (int i = 0; i < DEPTH; ++i) {
    IpuBlock *b =
        i ? addBody(cur, 1) : ipuRegionGetFirstBlock(ipuOpGetRegion(cur, 0));
    IpuOp *next = makeOp(ctx, "test.region", 0, NULL, 0, 1);
    /* Every level uses a value of the outermost level and its own
     * block argument, so destruction must drop uses first. */
    IpuOp *add =
        makeAdd(ctx, ipuOpGetResult(outer, 0), ipuBlockGetArgument(b, 0));
    ipuBlockAppendOp(b, add);
    ipuBlockAppendOp(b, next);
    cur = next;
  }
  long n = 0;
  ipuOpWalk(root, IPU_WALK_PRE_ORDER, countOp, &n);
  CHECK(n == 2 * DEPTH + 2);
  n = 0;
  ipuOpWalk(root, IPU_WALK_POST_ORDER, countOp, &n);
  CHECK(n == 2 * DEPTH + 2);
  CHECK(countUses(ipuOpGetResult(outer, 0)) == DEPTH);
  IpuOp *copy = ipuOpClone(root);
  CHECK(copy != NULL);
  n = 0;
  ipuOpWalk(copy, IPU_WALK_POST_ORDER, countOp, &n);
  CHECK(n == 2 * DEPTH + 2);
  CHECK(countUses(ipuOpGetResult(outer, 0)) == DEPTH);
  CHECK(ipuOpIsProperAncestor(root, cur));
  ipuOpDestroy(copy);
  ipuOpDestroy(root);
  ipuContextDestroy(ctx);
}

/* ---- Symbols. ---------------------------------------------------------- */

static IpuOp *makeSymbol(IpuContext *ctx, const char *opName, const char *sym,
                         IpuBlock *into) {
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString(opName), loc(ctx));
  ipuOpStateAddAttr(&st, "sym_name",
                    ipuStringAttrGet(ctx, ipuStringRefFromCString(sym), NULL));
  ipuOpStateAddEmptyRegions(&st, 1);
  IpuOp *op = ipuOpCreate(&st);
  ipuBlockAppendOp(into, op);
  return op;
}

/* Many symbols, every third removed: the hashed table agrees with a scan. */
static void testSymbolTableChurn(void) {
  IpuContext *ctx = newContext(NULL);
  IpuOp *top = makeOp(ctx, "test.table", 0, NULL, 0, 1);
  IpuBlock *tb = addBody(top, 0);
  enum { N = 300 };
  IpuOp *syms[N];
  char name[32];
  for (int i = 0; i < N; ++i) {
    snprintf(name, sizeof name, "s%d", i * 7919 % 1000);
    syms[i] = makeSymbol(ctx, "test.func", name, tb);
  }
  IpuSymbolTable *st = ipuSymbolTableCreate(top);
  for (int i = 0; i < N; i += 3)
    ipuSymbolTableRemove(st, syms[i]);
  int bad = 0;
  for (int i = 0; i < N; ++i) {
    snprintf(name, sizeof name, "s%d", i * 7919 % 1000);
    IpuOp *found = ipuSymbolTableLookup(st, ipuStringRefFromCString(name));
    bad += found != (i % 3 ? syms[i] : NULL);
  }
  CHECK(bad == 0);
  ipuSymbolTableDestroy(st);
  ipuOpDestroy(top);
  ipuContextDestroy(ctx);
}

static void testSymbols(void) {
  IpuContext *ctx = newContext(NULL);
  IpuOp *top = makeOp(ctx, "test.table", 0, NULL, 0, 1);
  IpuBlock *tb = addBody(top, 0);
  IpuOp *f = makeSymbol(ctx, "test.func", "f", tb);
  IpuOp *g = makeSymbol(ctx, "test.func", "g", tb);
  IpuOp *inner = makeSymbol(ctx, "test.table", "inner", tb);
  IpuOp *h = makeSymbol(ctx, "test.func", "h", addBody(inner, 0));
  IpuOp *dup = makeSymbol(ctx, "test.func", "f", tb);
  ipuOpSetAttr(g, "sym_visibility",
               ipuStringAttrGet(ctx, ipuStringRefFromCString("private"), NULL));
  CHECK(strcmp(ipuOpGetSymbolVisibility(g), "private") == 0 &&
        strcmp(ipuOpGetSymbolVisibility(f), "public") == 0);
  CHECK(ipuOpIsSymbolTable(top) && ipuOpIsSymbolTable(inner) &&
        !ipuOpIsSymbolTable(f));
  IpuAttr name = ipuOpGetSymbolName(f);
  CHECK(name && ipuStringRefEqual(ipuStringAttrGetValue(name),
                                  ipuStringRefFromCString("f")));

  IpuSymbolTable *st = ipuSymbolTableCreate(top);
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("f")) == f);
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("g")) == g);
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("h")) == NULL);
  ipuSymbolTableRemove(st, f);
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("f")) == NULL);
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("g")) == g);
  CHECK(ipuSymbolTableInsert(st, dup) && !ipuSymbolTableInsert(st, f));
  CHECK(ipuSymbolTableLookup(st, ipuStringRefFromCString("f")) == dup);
  ipuSymbolTableDestroy(st);

  /* Nested references, from inside a function. */
  IpuOp *user = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  ipuBlockAppendOp(addBody(g, 0), user);
  IpuIdent hId = ipuIdentGetC(ctx, "h");
  IpuAttr refH = ipuSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "inner"), 1, &hId);
  IpuAttr refF = ipuFlatSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "f"));
  IpuAttr refNone = ipuFlatSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "none"));
  CHECK(ipuSymbolGetNearestSymbolTable(user) == top);
  CHECK(ipuSymbolGetNearestSymbolTable(inner) == inner);
  CHECK(ipuSymbolLookupNearest(user, refH) == h);
  CHECK(ipuSymbolLookupNearest(user, refF) == f);
  CHECK(ipuSymbolLookupNearest(user, refNone) == NULL);
  CHECK(ipuSymbolLookupNearest(h, refF) == NULL); /* inner has no @f */
  IpuIdent fakeNested = ipuIdentGetC(ctx, "x");
  CHECK(ipuSymbolLookupNearest(user,
                               ipuSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "f"),
                                                   1, &fakeNested)) == NULL);
  IpuSymbolTableCollection *coll = ipuSymbolTableCollectionCreate(ctx);
  CHECK(ipuSymbolTableCollectionLookupNearest(coll, user, refH) == h);
  CHECK(ipuSymbolTableCollectionLookupNearest(coll, user, refF) == f);
  CHECK(ipuSymbolTableCollectionLookupNearest(coll, user, refNone) == NULL);
  ipuSymbolTableCollectionInvalidate(coll, top);
  CHECK(ipuSymbolTableCollectionLookupNearest(coll, user, refF) == f);
  ipuSymbolTableCollectionDestroy(coll);

  /* Uses found through arrays and dictionaries of attrs and properties. */
  CHECK(!ipuSymbolIsUsedWithin(f, top) && !ipuSymbolIsUsedWithin(inner, top));
  IpuNamedAttr entry = {ipuIdentGetC(ctx, "callee"), refH};
  IpuAttr dict = ipuDictionaryAttrGet(ctx, 1, &entry);
  IpuAttr arr = ipuArrayAttrGet(ctx, 1, &dict);
  ipuOpSetAttr(user, "refs", arr);
  CHECK(ipuSymbolIsUsedWithin(inner, top) && !ipuSymbolIsUsedWithin(h, top));
  CHECK(ipuSymbolIsUsedWithin(inner, user) && !ipuSymbolIsUsedWithin(inner, f));
  ipuOpSetProperties(user, refF);
  CHECK(ipuSymbolIsUsedWithin(f, g));

  /* Unregistered single-region ops hide symbol tables, as in MLIR. */
  ipuContextSetAllowUnregisteredDialects(ctx, true);
  IpuOp *unknown = makeOp(ctx, "x.wrap", 0, NULL, 0, 1);
  ipuBlockAppendOp(addBody(user, 0), unknown);
  IpuOp *deep = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  ipuBlockAppendOp(addBody(unknown, 0), deep);
  CHECK(ipuSymbolLookupNearest(deep, refF) == NULL);
  ipuOpDestroy(top);
  ipuContextDestroy(ctx);
}

/* Destroying IR whose values are used across blocks, or still used from
 * outside, never leaves a dangling use. */
static void testDestroyOrder(void) {
  IpuContext *ctx = newContext(NULL);
  IpuRegion *r = ipuRegionCreate(ctx);
  IpuType t = i32(ctx);
  IpuBlock *b1 = ipuBlockCreate(ctx, 1, &t, NULL);
  IpuBlock *b2 = ipuBlockCreate(ctx, 1, &t, NULL);
  ipuRegionAppendBlock(r, b1);
  ipuRegionAppendBlock(r, b2);
  IpuOp *c1 = makeConst(ctx, 1);
  IpuOp *c2 = makeConst(ctx, 2);
  ipuBlockAppendOp(b1, c1);
  ipuBlockAppendOp(b2, c2);
  ipuBlockAppendOp(
      b1, makeAdd(ctx, ipuOpGetResult(c2, 0), ipuBlockGetArgument(b2, 0)));
  ipuBlockAppendOp(
      b2, makeAdd(ctx, ipuOpGetResult(c1, 0), ipuBlockGetArgument(b1, 0)));
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("test.br"), loc(ctx));
  IpuBlock *both[2] = {b1, b2};
  ipuOpStateAddSuccessors(&st, 2, both);
  ipuBlockAppendOp(b2, ipuOpCreate(&st));
  ipuRegionDestroy(r);

  /* An op destroyed while used: the user keeps a NULL operand. */
  IpuOp *c = makeConst(ctx, 1);
  IpuOp *user = makeAdd(ctx, ipuOpGetResult(c, 0), ipuOpGetResult(c, 0));
  ipuOpDestroy(c);
  CHECK(ipuOpGetOperand(user, 0) == NULL && ipuOpGetOperand(user, 1) == NULL);
  ipuOpDestroy(user);

  /* A block destroyed while branched to from outside its region. */
  IpuBlock *target = ipuBlockCreate(ctx, 0, NULL, NULL);
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("test.br"), loc(ctx));
  ipuOpStateAddSuccessors(&st, 1, &target);
  IpuOp *br = ipuOpCreate(&st);
  ipuBlockDestroy(target);
  CHECK(ipuOpGetSuccessor(br, 0) == NULL);
  ipuOpDestroy(br);
  ipuContextDestroy(ctx);
}

static void testDiagnostics(void) {
  IpuContext *ctx = newContext(NULL);
  IpuOp *c = makeConst(ctx, 1);
  numDiagnostics = 0;
  CHECK(ipuOpEmitError(c, "requires %d things", 3) == IPU_FAILURE);
  CHECK(strcmp(lastMessage, "'test.const' op requires 3 things") == 0);
  ipuOpEmitRemark(c, "noted");
  CHECK(strcmp(lastMessage, "'test.const' op noted") == 0);
  IpuDiagnostic *d = ipuOpCreateError(c, "with %s", "notes");
  CHECK(d &&
        strcmp(ipuDiagnosticGetMessage(d), "'test.const' op with notes") == 0);
  ipuDiagnosticReport(d);
  CHECK(numDiagnostics == 3);
  ipuOpDestroy(c);
  ipuContextDestroy(ctx);
}

/* 200,000 ops in one block cost well under 100 MB (here: under 40 MB for
 * the ops; types and attributes are shared). */
static void testMemory(void) {
  AllocStats stats = {0, 0, 0, -1};
  IpuAllocator alloc = {countMalloc, countRealloc, countFree, &stats};
  IpuContext *ctx = newContext(&alloc);
  IpuOp *root = makeOp(ctx, "test.region", 0, NULL, 0, 1);
  IpuBlock *b = addBody(root, 0);
  IpuOp *c = makeConst(ctx, 1);
  ipuBlockAppendOp(b, c);
  IpuValue prev = ipuOpGetResult(c, 0);
  size_t before = stats.liveBytes;
  enum { N = 200000 };
  for (int i = 0; i < N; ++i) {
    IpuOp *add = makeAdd(ctx, prev, ipuOpGetResult(c, 0));
    ipuBlockAppendOp(b, add);
    prev = ipuOpGetResult(add, 0);
  }
  size_t perOp = (stats.liveBytes - before) / N;
  fprintf(stderr, "memory: %zu bytes per 2-operand op\n", perOp);
  CHECK(perOp <= 200);
  ipuOpDestroy(root);
  ipuContextDestroy(ctx);
  CHECK(stats.liveBytes == 0);
}

/* Packed source positions, operands that move out of the op (owners found
 * past the 63-operand tag range) and properties stored beside attributes. */
static void testOpStorage(void) {
  IpuContext *ctx = newContext(NULL);
  ipuContextSetAllowUnregisteredDialects(ctx, true);
  IpuIdent file = ipuIdentGetC(ctx, "f.mlir");
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("x.pos"), NULL);
  ipuOpStateSetFileLineCol(&st, file, 12, 34);
  IpuOp *op = ipuOpCreate(&st);
  CHECK(op != NULL);
  CHECK(ipuOpGetLoc(op) == ipuLocFileGet(ctx, file, 12, 34));
  CHECK(ipuOpGetLoc(op) == ipuLocFileGet(ctx, file, 12, 34));
  ipuOpDestroy(op);
  IpuBlock *blk = ipuBlockCreate(ctx, 0, NULL, NULL);
  IpuValue arg = ipuBlockAddArgumentAt(blk, i32(ctx), file, 5, 6);
  CHECK(arg && ipuValueGetLoc(arg) == ipuLocFileGet(ctx, file, 5, 6));
  ipuBlockDestroy(blk);
  /* Columns too big to pack make the location at once. */
  ipuOpStateInit(&st, ctx, ipuStringRefFromCString("x.pos"), NULL);
  ipuOpStateSetFileLineCol(&st, file, 4000000000u, 1u << 30);
  op = ipuOpCreate(&st);
  CHECK(op && ipuLocFileGetLine(ipuOpGetLoc(op)) == 4000000000u &&
        ipuLocFileGetColumn(ipuOpGetLoc(op)) == 1u << 30);
  ipuOpDestroy(op);

  IpuOp *c = makeConst(ctx, 7);
  IpuValue v = ipuOpGetResult(c, 0);
  enum { N = 200 };
  IpuValue many[N];
  for (int i = 0; i < N; ++i)
    many[i] = v;
  IpuOp *user = makeOp(ctx, "x.user", N, many, 1, 0);
  CHECK(countUses(v) == N);
  bool owners = true;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    owners = owners && ipuOpOperandGetOwner(u) == user &&
             ipuOpGetOpOperand(user, ipuOpOperandGetIndex(u)) == u;
  CHECK(owners);
  ipuOpSetOperands(user, 3, many); /* a new count: out of the op */
  CHECK(countUses(v) == 3 && ipuOpGetNumOperands(user) == 3);
  ipuOpSetOperands(user, N, many);
  owners = true;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    owners = owners && ipuOpOperandGetOwner(u) == user &&
             ipuOpGetOpOperand(user, ipuOpOperandGetIndex(u)) == u;
  CHECK(owners && countUses(v) == N);
  ipuOpSetOperand(user, 150, ipuOpGetResult(user, 0));
  CHECK(ipuOpOperandGetOwner(ipuValueGetFirstUse(ipuOpGetResult(user, 0))) ==
        user);
  ipuOpSetOperands(user, 0, NULL);
  CHECK(!ipuValueHasUses(v));

  IpuAttr props = ipuIntegerAttrGet(ctx, i32(ctx), 5);
  ipuOpSetProperties(user, props);
  ipuOpSetAttr(user, "a", ipuUnitAttrGet(ctx));
  CHECK(ipuOpGetProperties(user) == props &&
        ipuOpGetAttr(user, "a") == ipuUnitAttrGet(ctx));
  IpuOp *copy = ipuOpClone(user);
  CHECK(copy && ipuOpGetProperties(copy) == props &&
        ipuOpGetAttr(copy, "a") == ipuUnitAttrGet(ctx));
  ipuOpSetProperties(user, NULL);
  CHECK(ipuOpGetProperties(user) == NULL &&
        ipuOpGetAttr(user, "a") == ipuUnitAttrGet(ctx));
  ipuOpDestroy(copy);
  ipuOpDestroy(user);
  ipuOpDestroy(c);
  ipuContextDestroy(ctx);
}

/* Every allocation failure point of building, cloning and destroying a
 * small nest ends without a crash or a leak. */
static void testAllocationFailures(void) {
  long succeededAt = -1;
  for (long failAfter = 0; failAfter < 400 && succeededAt < 0; ++failAfter) {
    AllocStats stats = {0, 0, 0, -1};
    IpuAllocator alloc = {countMalloc, countRealloc, countFree, &stats};
    IpuContext *ctx = newContext(&alloc);
    if (!ctx)
      continue;
    IpuOp *root = makeOp(ctx, "test.region", 0, NULL, 0, 1);
    IpuBlock *b = root ? addBody(root, 1) : NULL;
    IpuOp *c = makeConst(ctx, 1);
    stats.failAfter = (long)stats.allocations + failAfter;
    bool ok = root && b && c;
    if (b && c) {
      ipuBlockAppendOp(b, c);
      IpuOp *cur = root;
      for (int i = 0; i < 5 && cur; ++i) {
        IpuOp *next = makeOp(ctx, "test.region", 0, NULL, 0, 1);
        IpuOp *add = makeAdd(ctx, ipuOpGetResult(c, 0), ipuOpGetResult(c, 0));
        IpuBlock *body = i ? (next ? addBody(cur, 0) : NULL)
                           : ipuRegionGetFirstBlock(ipuOpGetRegion(cur, 0));
        if (!next || !add || !body) {
          ok = false;
          if (next)
            ipuOpDestroy(next);
          if (add)
            ipuOpDestroy(add);
          break;
        }
        ipuBlockAppendOp(body, add);
        ipuBlockAppendOp(body, next);
        cur = next;
      }
      IpuOp *copy = ipuOpClone(root);
      ok = ok && copy;
      if (copy)
        ipuOpDestroy(copy);
      IpuValue vals[5] = {0};
      for (int i = 0; i < 5; ++i)
        vals[i] = ipuOpGetResult(c, 0);
      ipuOpSetOperands(c, 5, vals);
      ipuOpSetOperands(c, 0, NULL);
    } else if (c) {
      ipuOpDestroy(c);
    }
    stats.failAfter = -1;
    if (root)
      ipuOpDestroy(root);
    ipuContextDestroy(ctx);
    CHECK(stats.liveBytes == 0);
    if (ok)
      succeededAt = failAfter;
  }
  CHECK(succeededAt > 0);
}

int main(void) {
  testCreateErrors();
  testUsesAndAttributes();
  testBlocksAndOrder();
  testClone();
  testWalks();
  testDeepNesting();
  testSymbols();
  testSymbolTableChurn();
  testDestroyOrder();
  testDiagnostics();
  testMemory();
  testOpStorage();
  testAllocationFailures();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
