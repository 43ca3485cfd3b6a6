/* Unit test of the pattern rewriter and greedy driver: folding, constant
 * dedup and hoisting, dead-code removal, benefit order, non-convergence and
 * erase safety (run under ASan), with a tiny test dialect of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"

#include "unit_test.h"

/* ---- The test dialect. -------------------------------------------------
 *   t.const  {value}  : Pure, ConstantLike
 *   t.add    (a, b)   : Pure, Commutative; folds constants and x + 0;
 *                       canonicalization moves a constant lhs to the rhs
 *   t.sink   (...)    : side effects (keeps values alive)
 *   t.toggle          : a pattern flips its `on` attribute forever
 *   t.wrap   ({...})  : Pure, one region, no terminator needed
 *   t.kill            : a pattern erases the next ops in its block */

static bool foldAdd(IpuOp *op, const IpuAttr *c, IpuFoldResult *r) {
  if (c[0] && c[1] && ipuAttrGetKind(c[0]) == IPU_ATTR_INTEGER &&
      ipuAttrGetKind(c[1]) == IPU_ATTR_INTEGER) {
    IpuType t = ipuValueGetType(ipuOpGetResult(op, 0));
    r[0].attr = ipuIntegerAttrGet(ipuOpGetContext(op), t,
                                  ipuIntegerAttrGetInt(c[0]) +
                                      ipuIntegerAttrGetInt(c[1]));
    return true;
  }
  if (c[1] && ipuAttrGetKind(c[1]) == IPU_ATTR_INTEGER &&
      ipuIntegerAttrGetInt(c[1]) == 0) {
    r[0].value = ipuOpGetOperand(op, 0);
    return true;
  }
  return false;
}

static IpuLogicalResult swapConstantLhs(IpuOp *op, IpuRewriter *rw,
                                        void *ud) {
  (void)ud;
  IpuValue lhs = ipuOpGetOperand(op, 0), rhs = ipuOpGetOperand(op, 1);
  IpuOp *l = ipuValueGetDefiningOp(lhs), *r = ipuValueGetDefiningOp(rhs);
  if (!ipuOpMatchConstant(l, NULL) || ipuOpMatchConstant(r, NULL))
    return ipuRewriterNotifyMatchFailure(rw, op, "lhs is not the constant");
  ipuRewriterStartModification(rw, op);
  IpuValue ops[2] = {rhs, lhs};
  ipuOpSetOperands(op, 2, ops);
  ipuRewriterFinalizeModification(rw, op);
  return IPU_SUCCESS;
}

static void addCanonicalization(IpuPatternSet *set) {
  IpuPattern p = {"t.add", 1, swapConstantLhs, "swap-constant-lhs", NULL};
  ipuPatternSetAdd(set, &p);
}

static const IpuValueDef kAnyValue[] = {{"v", IPU_TYPEC_ANY, false, false, ""}};
static const IpuValueDef kTwoValues[] = {
    {"lhs", IPU_TYPEC_ANY, false, false, ""},
    {"rhs", IPU_TYPEC_ANY, false, false, ""}};
static const IpuValueDef kVariadic[] = {
    {"vs", IPU_TYPEC_ANY, true, false, ""}};
static const IpuAttrDef kValueAttr[] = {
    {"value", IPU_ATTRC_ANY, false, NULL, ""}};

static const IpuOpDef kConstOp = {
    .name = "t.const", .summary = "constant", .results = kAnyValue,
    .numResults = 1, .attrs = kValueAttr, .numAttrs = 1,
    .traits = IPU_TRAIT_PURE | IPU_TRAIT_CONSTANT_LIKE};
static const IpuOpDef kAddOp = {
    .name = "t.add", .summary = "add", .operands = kTwoValues,
    .numOperands = 2, .results = kAnyValue, .numResults = 1,
    .traits = IPU_TRAIT_PURE | IPU_TRAIT_COMMUTATIVE, .fold = foldAdd,
    .canonicalizationPatterns = addCanonicalization};
static const IpuOpDef kSinkOp = {
    .name = "t.sink", .summary = "side effect", .operands = kVariadic,
    .numOperands = 1};
static const IpuOpDef kToggleOp = {.name = "t.toggle", .summary = "toggle"};
static const IpuOpDef kWrapOp = {
    .name = "t.wrap", .summary = "region", .numRegions = 1,
    .traits = IPU_TRAIT_PURE | IPU_TRAIT_NO_TERMINATOR |
              IPU_TRAIT_SINGLE_BLOCK};
static const IpuOpDef kKillOp = {.name = "t.kill", .summary = "killer"};

static IpuOp *materializeConst(IpuBuilder *b, IpuAttr value, IpuType type,
                               IpuLocation loc) {
  IpuOpState st;
  ipuOpStateInit(&st, b->ctx, ipuStringRefFromCString("t.const"), loc);
  ipuOpStateAddResults(&st, 1, &type);
  ipuOpStateAddAttr(&st, "value", value);
  return ipuBuilderCreate(b, &st);
}

static const IpuOpDef *const kTestOps[] = {&kConstOp, &kAddOp,  &kSinkOp,
                                           &kToggleOp, &kWrapOp, &kKillOp};
static const IpuDialectDef kTestDialect = {
    .name = "t", .summary = "rewrite test dialect", .ops = kTestOps,
    .numOps = 6, .materializeConstant = materializeConst};

/* ---- Building IR. ----------------------------------------------------- */

typedef struct {
  IpuContext *ctx;
  IpuOp *module;
  IpuBlock *body;
  IpuBuilder b;
  IpuType i32;
  int errors;
  char lastError[256];
} Env;

static void onDiag(const IpuDiagnostic *d, void *ud) {
  Env *e = ud;
  if (ipuDiagnosticGetSeverity(d) != IPU_SEVERITY_ERROR)
    return;
  ++e->errors;
  snprintf(e->lastError, sizeof e->lastError, "%s", ipuDiagnosticGetMessage(d));
}

static void envInit(Env *e) {
  memset(e, 0, sizeof *e);
  e->ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(e->ctx);
  ipuContextRegisterDialect(e->ctx, &kTestDialect);
  ipuContextSetAllowUnregisteredDialects(e->ctx, true);
  ipuContextSetDiagnosticHandler(e->ctx, onDiag, e);
  e->i32 = ipuIntegerTypeGet(e->ctx, 32, IPU_SIGNLESS);
  IpuOpState st;
  ipuOpStateInit(&st, e->ctx, ipuStringRefFromCString("builtin.module"),
                 ipuLocUnknownGet(e->ctx));
  ipuOpStateAddEmptyRegions(&st, 1);
  e->module = ipuOpCreate(&st);
  e->body = ipuBlockCreate(e->ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(e->module, 0), e->body);
  ipuBuilderInit(&e->b, e->ctx);
  ipuBuilderSetInsertionPointToEnd(&e->b, e->body);
}

static void envDispose(Env *e) {
  ipuOpDestroy(e->module);
  ipuContextDestroy(e->ctx);
}

static IpuLocation lineLoc(Env *e, unsigned line) {
  return ipuLocFileGet(e->ctx, ipuIdentGetC(e->ctx, "t.mlir"), line, 1);
}

static IpuOp *mkConst(Env *e, int64_t v) {
  return materializeConst(&e->b, ipuIntegerAttrGet(e->ctx, e->i32, v), e->i32,
                          lineLoc(e, 1));
}

static IpuOp *mkOp(Env *e, const char *name, intptr_t nOperands,
                   const IpuValue *operands, intptr_t nResults) {
  IpuOpState st;
  ipuOpStateInit(&st, e->ctx, ipuStringRefFromCString(name), lineLoc(e, 2));
  ipuOpStateAddOperands(&st, nOperands, operands);
  for (intptr_t i = 0; i < nResults; ++i)
    ipuOpStateAddResults(&st, 1, &e->i32);
  return ipuBuilderCreate(&e->b, &st);
}

static IpuValue res(IpuOp *op) { return ipuOpGetResult(op, 0); }

static IpuOp *mkAdd(Env *e, IpuValue a, IpuValue b) {
  IpuValue v[2] = {a, b};
  return mkOp(e, "t.add", 2, v, 1);
}

static IpuOp *mkSink(Env *e, IpuValue v) { return mkOp(e, "t.sink", 1, &v, 0); }

static intptr_t countNamed(IpuBlock *b, const char *name) {
  intptr_t n = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op))
    n += ipuOpIsA(op, name);
  return n;
}

static int64_t constValueOf(IpuValue v) {
  IpuAttr a = NULL;
  IpuOp *def = ipuValueGetDefiningOp(v);
  if (!def || !ipuOpMatchConstant(def, &a))
    return -999;
  return ipuIntegerAttrGetInt(a);
}

static IpuLogicalResult runCanonicalize(Env *e, IpuGreedyStats *stats) {
  IpuPatternSet *set = ipuPatternSetCreate(e->ctx);
  ipuPatternSetAddCanonicalizationPatterns(set);
  IpuLogicalResult r = ipuApplyPatternsGreedily(e->module, set, NULL, stats);
  ipuPatternSetDestroy(set);
  return r;
}

/* ---- Tests. ----------------------------------------------------------- */

/* (2 + 3) + 0 folds to one constant 5; the old constants die. */
static void testFold(void) {
  Env e;
  envInit(&e);
  IpuOp *c2 = mkConst(&e, 2), *c3 = mkConst(&e, 3), *c0 = mkConst(&e, 0);
  IpuOp *a = mkAdd(&e, res(c2), res(c3));
  IpuOp *b = mkAdd(&e, res(a), res(c0));
  IpuOp *sink = mkSink(&e, res(b));
  IpuGreedyStats stats;
  CHECK(ipuSucceeded(runCanonicalize(&e, &stats)));
  CHECK(stats.converged && stats.changed);
  CHECK(stats.opsFolded >= 2);
  CHECK(countNamed(e.body, "t.add") == 0);
  CHECK(countNamed(e.body, "t.const") == 1);
  CHECK(constValueOf(ipuOpGetOperand(sink, 0)) == 5);
  CHECK(ipuBlockGetFirstOp(e.body) ==
        ipuValueGetDefiningOp(ipuOpGetOperand(sink, 0)));
  CHECK(ipuSucceeded(ipuOpVerify(e.module)));
  CHECK(e.errors == 0);
  envDispose(&e);
}

/* Equal constants become one, hoisted to the front of the block. */
static void testDedup(void) {
  Env e;
  envInit(&e);
  IpuOp *u = mkOp(&e, "x.opaque", 0, NULL, 1);
  IpuOp *c1 = mkConst(&e, 7);
  IpuOp *s1 = mkSink(&e, res(c1));
  IpuOp *c2 = mkConst(&e, 7);
  IpuOp *s2 = mkSink(&e, res(c2));
  IpuOp *c3 = mkConst(&e, 8);
  IpuOp *s3 = mkSink(&e, res(c3));
  IpuOp *s4 = mkSink(&e, res(u));
  (void)s4;
  IpuGreedyStats stats;
  CHECK(ipuSucceeded(runCanonicalize(&e, &stats)));
  CHECK(countNamed(e.body, "t.const") == 2);
  CHECK(ipuOpGetOperand(s1, 0) == ipuOpGetOperand(s2, 0));
  CHECK(constValueOf(ipuOpGetOperand(s1, 0)) == 7);
  CHECK(constValueOf(ipuOpGetOperand(s3, 0)) == 8);
  /* Both constants now lead the block: 8 was moved in front of 7, as
   * MLIR's OperationFolder does. */
  IpuOp *first = ipuBlockGetFirstOp(e.body);
  CHECK(ipuOpMatchConstant(first, NULL));
  CHECK(ipuOpMatchConstant(ipuOpGetNext(first), NULL));
  CHECK(constValueOf(res(first)) == 8);
  /* Moved constants lose their location, as in MLIR. */
  CHECK(ipuAttrGetKind(ipuOpGetLoc(first)) == IPU_ATTR_LOC_UNKNOWN);
  CHECK(ipuSucceeded(ipuOpVerify(e.module)));
  envDispose(&e);
}

/* Dead pure ops go (with the producers they kept alive); side-effecting
 * and unregistered ops stay. */
static void testDeadCode(void) {
  Env e;
  envInit(&e);
  IpuOp *c = mkConst(&e, 1);
  IpuOp *x = mkOp(&e, "x.opaque", 0, NULL, 1);
  IpuOp *dead = mkAdd(&e, res(x), res(c));
  IpuOp *unreg = mkOp(&e, "x.unused", 0, NULL, 1);
  IpuOp *sink = mkSink(&e, res(x));
  CHECK(ipuOpIsTriviallyDead(dead));
  CHECK(!ipuOpIsTriviallyDead(unreg));
  CHECK(!ipuOpIsTriviallyDead(sink));
  CHECK(!ipuOpIsTriviallyDead(x)); /* has a use */
  /* A pure op holding a side effect in its region is not dead. */
  IpuOpState st;
  ipuOpStateInit(&st, e.ctx, ipuStringRefFromCString("t.wrap"), lineLoc(&e, 3));
  ipuOpStateAddEmptyRegions(&st, 1);
  IpuOp *wrap = ipuBuilderCreate(&e.b, &st);
  IpuBlock *inner = ipuBlockCreate(e.ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(wrap, 0), inner);
  IpuBuilder saved = e.b;
  ipuBuilderSetInsertionPointToEnd(&e.b, inner);
  IpuOp *innerSink = mkSink(&e, res(x));
  e.b = saved;
  CHECK(!ipuOpIsTriviallyDead(wrap));
  ipuOpDestroy(innerSink);
  CHECK(ipuOpIsTriviallyDead(wrap));
  IpuGreedyStats stats;
  CHECK(ipuSucceeded(runCanonicalize(&e, &stats)));
  CHECK(countNamed(e.body, "t.add") == 0);
  CHECK(countNamed(e.body, "t.const") == 0);
  CHECK(countNamed(e.body, "t.wrap") == 0);
  CHECK(countNamed(e.body, "x.unused") == 1);
  CHECK(countNamed(e.body, "t.sink") == 1);
  CHECK(stats.opsErased >= 3);
  /* With removeDeadOps off, nothing dies. */
  IpuOp *dead2 = mkAdd(&e, res(x), res(x));
  (void)dead2;
  IpuPatternSet *set = ipuPatternSetCreate(e.ctx);
  IpuGreedyConfig cfg;
  ipuGreedyConfigInit(&cfg);
  cfg.removeDeadOps = false;
  CHECK(ipuSucceeded(ipuApplyPatternsGreedily(e.module, set, &cfg, NULL)));
  CHECK(countNamed(e.body, "t.add") == 1);
  ipuPatternSetDestroy(set);
  envDispose(&e);
}

/* The canonicalization pattern moves a constant lhs to the rhs; with
 * folding off the fold hook is not used. */
static void testPatternAndNoFold(void) {
  Env e;
  envInit(&e);
  IpuOp *x = mkOp(&e, "x.opaque", 0, NULL, 1);
  IpuOp *c = mkConst(&e, 4);
  IpuOp *a = mkAdd(&e, res(c), res(x));
  IpuOp *c0 = mkConst(&e, 0);
  IpuOp *z = mkAdd(&e, res(a), res(c0));
  IpuOp *s = mkSink(&e, res(z));
  IpuPatternSet *set = ipuPatternSetCreate(e.ctx);
  ipuPatternSetAddCanonicalizationPatterns(set);
  CHECK(ipuPatternSetGetNumPatterns(set) >= 1);
  IpuGreedyConfig cfg;
  ipuGreedyConfigInit(&cfg);
  cfg.fold = false;
  IpuGreedyStats stats;
  CHECK(ipuSucceeded(ipuApplyPatternsGreedily(e.module, set, &cfg, &stats)));
  CHECK(stats.patternsApplied == 1 && stats.opsFolded == 0);
  CHECK(ipuOpGetOperand(a, 0) == res(x));
  CHECK(ipuOpGetOperand(s, 0) == res(z));
  /* Folding on: a + 0 folds to a. */
  CHECK(ipuSucceeded(ipuApplyPatternsGreedily(e.module, set, NULL, &stats)));
  CHECK(ipuOpGetOperand(s, 0) == res(a));
  ipuPatternSetDestroy(set);
  envDispose(&e);
}

/* Patterns are tried by benefit, highest first, op-specific before
 * generic on ties; a failing pattern lets the next one try. */
typedef struct {
  char log[64];
} Trace;

static IpuLogicalResult tracePattern(IpuOp *op, IpuRewriter *rw, void *ud,
                                     char tag, bool apply) {
  Trace *t = ud;
  size_t n = strlen(t->log);
  if (n + 1 < sizeof t->log) {
    t->log[n] = tag;
    t->log[n + 1] = '\0';
  }
  if (!apply)
    return ipuRewriterNotifyMatchFailure(rw, op, "declined");
  ipuRewriterSetAttr(rw, op, "done", ipuUnitAttrGet(ipuRewriterGetContext(rw)));
  return IPU_SUCCESS;
}

#define TRACE_PATTERN(fn, tag, applyCond)                                   \
  static IpuLogicalResult fn(IpuOp *op, IpuRewriter *rw, void *ud) {       \
    bool apply = (applyCond) && !ipuOpGetAttr(op, "done");                  \
    if (ipuOpGetAttr(op, "done"))                                           \
      return ipuRewriterNotifyMatchFailure(rw, op, "done");                 \
    return tracePattern(op, rw, ud, tag, apply);                            \
  }
TRACE_PATTERN(patLow, 'l', true)
TRACE_PATTERN(patHigh, 'h', false)
TRACE_PATTERN(patGeneric, 'g', false)
TRACE_PATTERN(patMid, 'm', true)

static void testBenefitOrder(void) {
  Env e;
  envInit(&e);
  mkOp(&e, "t.toggle", 0, NULL, 0);
  Trace t = {""};
  IpuPatternSet *set = ipuPatternSetCreate(e.ctx);
  IpuPattern low = {"t.toggle", 1, patLow, "low", &t};
  IpuPattern high = {"t.toggle", 5, patHigh, "high", &t};
  IpuPattern gen = {NULL, 3, patGeneric, "generic", &t};
  IpuPattern mid = {"t.toggle", 3, patMid, "mid", &t};
  ipuPatternSetAdd(set, &low);
  ipuPatternSetAdd(set, &high);
  ipuPatternSetAdd(set, &gen);
  ipuPatternSetAdd(set, &mid);
  CHECK(ipuPatternSetGetNumPatterns(set) == 4);
  CHECK(ipuSucceeded(ipuApplyPatternsGreedily(e.module, set, NULL, NULL)));
  /* First visit: high declines, mid (op-specific, tie with generic)
   * applies. Later visits: every pattern sees "done" and declines. */
  CHECK(strncmp(t.log, "hm", 2) == 0);
  ipuPatternSetDestroy(set);
  envDispose(&e);
}

static IpuLogicalResult flipForever(IpuOp *op, IpuRewriter *rw, void *ud) {
  (void)ud;
  IpuContext *ctx = ipuRewriterGetContext(rw);
  bool on = ipuOpGetAttr(op, "on") != NULL;
  ipuRewriterSetAttr(rw, op, "on", on ? NULL : ipuUnitAttrGet(ctx));
  return IPU_SUCCESS;
}

/* A pattern that always changes the IR: the driver gives up after the
 * iteration limit with a diagnostic instead of looping forever. */
static void testNoConvergence(void) {
  Env e;
  envInit(&e);
  mkOp(&e, "t.toggle", 0, NULL, 0);
  IpuPatternSet *set = ipuPatternSetCreate(e.ctx);
  IpuPattern p = {"t.toggle", 1, flipForever, "flip", NULL};
  ipuPatternSetAdd(set, &p);
  IpuGreedyConfig cfg;
  ipuGreedyConfigInit(&cfg);
  cfg.maxIterations = 3;
  IpuGreedyStats stats;
  CHECK(ipuFailed(ipuApplyPatternsGreedily(e.module, set, &cfg, &stats)));
  CHECK(!stats.converged);
  CHECK(stats.iterations == 3);
  CHECK(e.errors == 1);
  CHECK(strstr(e.lastError, "did not converge within 3 iterations") != NULL);
  /* maxRewrites bounds each sweep: still no convergence, still no hang. */
  cfg.maxIterations = 10;
  cfg.maxRewrites = 2;
  CHECK(ipuFailed(ipuApplyPatternsGreedily(e.module, set, &cfg, &stats)));
  CHECK(stats.patternsApplied == 20);
  ipuPatternSetDestroy(set);
  envDispose(&e);
}

/* t.kill erases (through the rewriter) every op after it in its block,
 * including ops with nested ops, all of which sit in the worklist. Run
 * under ASan: any touch of a freed op fails the test. */
static IpuLogicalResult killFollowers(IpuOp *op, IpuRewriter *rw, void *ud) {
  (void)ud;
  IpuOp *next = ipuOpGetNext(op);
  if (!next)
    return ipuRewriterNotifyMatchFailure(rw, op, "nothing to kill");
  /* Users first, so every erased op is unused by then. */
  IpuOp *last = ipuBlockGetLastOp(ipuOpGetBlock(op));
  while (last != op) {
    IpuOp *prev = ipuOpGetPrev(last);
    ipuRewriterEraseOp(rw, last);
    last = prev;
  }
  /* And replace the killer by a fresh op, created through the rewriter. */
  IpuOpState st;
  ipuOpStateInit(&st, ipuRewriterGetContext(rw),
                 ipuStringRefFromCString("x.after"), ipuOpGetLoc(op));
  ipuRewriterCreate(rw, &st);
  ipuRewriterEraseOp(rw, op);
  return IPU_SUCCESS;
}

static void buildKillerIR(Env *e) {
  mkOp(e, "t.kill", 0, NULL, 0);
  IpuOp *x = mkOp(e, "x.opaque", 0, NULL, 1);
  IpuOp *c = mkConst(e, 3);
  IpuOp *a = mkAdd(e, res(x), res(c));
  for (int i = 0; i < 3; ++i) {
    IpuOpState st;
    ipuOpStateInit(&st, e->ctx, ipuStringRefFromCString("t.wrap"),
                   lineLoc(e, 4));
    ipuOpStateAddEmptyRegions(&st, 1);
    IpuOp *wrap = ipuBuilderCreate(&e->b, &st);
    IpuBlock *inner = ipuBlockCreate(e->ctx, 0, NULL, NULL);
    ipuRegionAppendBlock(ipuOpGetRegion(wrap, 0), inner);
    IpuBuilder saved = e->b;
    ipuBuilderSetInsertionPointToEnd(&e->b, inner);
    IpuOp *ic = mkConst(e, 9);
    IpuOp *ia = mkAdd(e, res(a), res(ic));
    mkSink(e, res(ia));
    mkOp(e, "t.kill", 0, NULL, 0); /* nested killers, also in the list */
    mkOp(e, "x.victim", 0, NULL, 0);
    e->b = saved;
  }
  mkSink(e, res(a));
}

static void testEraseSafety(void) {
  for (int topDown = 0; topDown < 2; ++topDown) {
    Env e;
    envInit(&e);
    buildKillerIR(&e);
    IpuPatternSet *set = ipuPatternSetCreate(e.ctx);
    IpuPattern p = {"t.kill", 1, killFollowers, "kill", NULL};
    ipuPatternSetAdd(set, &p);
    IpuGreedyConfig cfg;
    ipuGreedyConfigInit(&cfg);
    cfg.topDown = topDown;
    IpuGreedyStats stats;
    CHECK(ipuSucceeded(ipuApplyPatternsGreedily(e.module, set, &cfg, &stats)));
    CHECK(stats.converged);
    /* Only the replacement of the top-level killer is left. */
    IpuOp *first = ipuBlockGetFirstOp(e.body);
    CHECK(first && ipuOpIsA(first, "x.after") && !ipuOpGetNext(first));
    CHECK(e.errors == 0);
    ipuPatternSetDestroy(set);
    envDispose(&e);
  }
}

/* ipuOpTryFold on its own: materialises before the op. */
static void testTryFold(void) {
  Env e;
  envInit(&e);
  IpuOp *c1 = mkConst(&e, 20), *c2 = mkConst(&e, 22);
  IpuOp *a = mkAdd(&e, res(c1), res(c2));
  IpuOp *s = mkSink(&e, res(a));
  bool erased = false;
  CHECK(!ipuOpTryFold(c1, &e.b, &erased)); /* constants do not fold */
  CHECK(ipuOpTryFold(a, &e.b, &erased));
  CHECK(erased);
  IpuOp *folded = ipuValueGetDefiningOp(ipuOpGetOperand(s, 0));
  CHECK(constValueOf(ipuOpGetOperand(s, 0)) == 42);
  CHECK(ipuOpGetNext(folded) == s);
  CHECK(!ipuOpTryFold(s, &e.b, &erased) && !erased);
  CHECK(ipuSucceeded(ipuOpVerify(e.module)));
  envDispose(&e);
}

/* Many ops: one sweep stays linear-ish and everything folds. */
static void testChain(void) {
  Env e;
  envInit(&e);
  IpuOp *prev = mkConst(&e, 0);
  for (int i = 0; i < 20000; ++i) {
    IpuOp *one = mkConst(&e, 1);
    prev = mkAdd(&e, res(prev), res(one));
  }
  IpuOp *s = mkSink(&e, res(prev));
  IpuGreedyStats stats;
  CHECK(ipuSucceeded(runCanonicalize(&e, &stats)));
  CHECK(constValueOf(ipuOpGetOperand(s, 0)) == 20000);
  CHECK(countNamed(e.body, "t.add") == 0);
  CHECK(countNamed(e.body, "t.const") == 1);
  envDispose(&e);
}

int main(void) {
  testFold();
  testDedup();
  testDeadCode();
  testPatternAndNoFold();
  testBenefitOrder();
  testNoConvergence();
  testEraseSafety();
  testTryFold();
  testChain();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
