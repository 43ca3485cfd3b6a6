/* Unit test of the verifier and dominance through the C API: CFG dominance
 * (with unreachable blocks), nested regions, graph regions, one error per
 * isolated scope, 10,000-deep nesting and a 200,000-op module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipu/ipu.h"

#include "unit_test.h"

/* ---- A test dialect: v.op (anything), v.term (terminator with any
 * successors), v.iso (isolated from above, one region), v.two (exactly two
 * operands, one result of the same type). ------------------------------ */

static const IpuValueDef kVarValues[] = {
    {"vs", IPU_TYPEC_ANY, true, false, ""}};
static const IpuValueDef kTwo[] = {{"a", IPU_TYPEC_ANY, false, false, ""},
                                   {"b", IPU_TYPEC_ANY, false, false, ""}};
static const IpuValueDef kOne[] = {{"r", IPU_TYPEC_ANY, false, false, ""}};

static const IpuOpDef kTermOp = {
    .name = "v.term", .summary = "terminator", .operands = kVarValues,
    .numOperands = 1, .numSuccessors = -1,
    .traits = IPU_TRAIT_TERMINATOR};
static const IpuOpDef kIsoOp = {
    .name = "v.iso", .summary = "isolated", .numRegions = 1,
    .traits = IPU_TRAIT_ISOLATED_FROM_ABOVE};
static const IpuOpDef kTwoOp = {
    .name = "v.two", .summary = "two operands", .operands = kTwo,
    .numOperands = 2, .results = kOne, .numResults = 1,
    .traits = IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE};
/* v.grp (i32, variadic..., i32) with the same element type;
 * v.opt (optional operand, optional result); v.blk (one region that must
 * hold a non-empty single block); v.graph (a graph region); v.sym (a symbol
 * without declared attributes); v.kid (parent v.iso or v.graph). */
static const IpuValueDef kGroup[] = {
    {"first", IPU_TYPEC_ANY, false, false, ""},
    {"middle", IPU_TYPEC_ANY, true, false, ""},
    {"last", IPU_TYPEC_ANY, false, false, ""}};
static const IpuValueDef kOptional[] = {
    {"maybe", IPU_TYPEC_ANY, false, true, ""}};
static const IpuOpDef kGroupOp = {
    .name = "v.grp", .summary = "groups", .operands = kGroup,
    .numOperands = 3, .traits = IPU_TRAIT_SAME_OPERANDS_ELEMENT_TYPE};
static const IpuOpDef kOptOp = {
    .name = "v.opt", .summary = "optional", .operands = kOptional,
    .numOperands = 1, .results = kOptional, .numResults = 1};
static const IpuOpDef kBlkOp = {
    .name = "v.blk", .summary = "single block", .numRegions = 1,
    .traits = IPU_TRAIT_SINGLE_BLOCK};
static const IpuOpDef kGraphOp = {
    .name = "v.graph", .summary = "graph", .numRegions = 1,
    .traits = IPU_TRAIT_GRAPH_REGION | IPU_TRAIT_NO_TERMINATOR};
static const IpuOpDef kSymOp = {
    .name = "v.sym", .summary = "symbol", .traits = IPU_TRAIT_SYMBOL};
static const IpuOpDef kKidOp = {
    .name = "v.kid", .summary = "child", .parent = "v.iso, v.graph"};
/* v.inf: its result type is inferred as i64 (or fails with `bad`). */
static IpuLogicalResult inferI64(IpuContext *ctx, IpuLocation loc,
                                 intptr_t numOperands, const IpuValue *operands,
                                 IpuAttr attrs, IpuAttr props,
                                 intptr_t numResults, IpuType *types) {
  if (attrs && ipuDictionaryAttrGetC(attrs, "bad"))
    return ipuEmitError(ctx, loc, "cannot infer from 'bad'");
  for (intptr_t i = 0; i < numResults; ++i)
    types[i] = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  return IPU_SUCCESS;
}
static const IpuOpDef kInfOp = {
    .name = "v.inf", .summary = "inferred", .results = kOne,
    .numResults = 1, .inferResultTypes = inferI64};
static const IpuOpDef *const kOps[] = {&kTermOp, &kIsoOp,  &kTwoOp,
                                       &kGroupOp, &kOptOp, &kBlkOp,
                                       &kGraphOp, &kSymOp, &kKidOp,
                                       &kInfOp};
static const IpuDialectDef kDialect = {
    .name = "v", .summary = "verifier test dialect", .ops = kOps,
    .numOps = 10};

/* ---- Environment and diagnostics capture. ----------------------------- */

typedef struct {
  IpuContext *ctx;
  IpuType i32;
  int errors;
  char messages[8][200]; /* first errors and their first note */
  char notes[8][200];
} Env;

static void onDiag(const IpuDiagnostic *d, void *ud) {
  Env *e = ud;
  if (ipuDiagnosticGetSeverity(d) != IPU_SEVERITY_ERROR)
    return;
  if (e->errors < 8) {
    snprintf(e->messages[e->errors], 200, "%s", ipuDiagnosticGetMessage(d));
    e->notes[e->errors][0] = '\0';
    if (ipuDiagnosticGetNumNotes(d) > 0)
      snprintf(e->notes[e->errors], 200, "%s",
               ipuDiagnosticGetMessage(ipuDiagnosticGetNote(d, 0)));
  }
  ++e->errors;
}

static void envInit(Env *e) {
  memset(e, 0, sizeof *e);
  e->ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(e->ctx);
  ipuContextRegisterDialect(e->ctx, &kDialect);
  ipuContextSetAllowUnregisteredDialects(e->ctx, true);
  ipuContextSetDiagnosticHandler(e->ctx, onDiag, e);
  e->i32 = ipuIntegerTypeGet(e->ctx, 32, IPU_SIGNLESS);
}

static void resetDiags(Env *e) { e->errors = 0; }

static IpuOp *mk(Env *e, IpuBlock *into, const char *name, intptr_t nOps,
                 const IpuValue *ops, intptr_t nRes, intptr_t nRegions,
                 intptr_t nSucc, IpuBlock *const *succ) {
  IpuOpState st;
  ipuOpStateInit(&st, e->ctx, ipuStringRefFromCString(name),
                 ipuLocUnknownGet(e->ctx));
  ipuOpStateAddOperands(&st, nOps, ops);
  for (intptr_t i = 0; i < nRes; ++i)
    ipuOpStateAddResults(&st, 1, &e->i32);
  ipuOpStateAddEmptyRegions(&st, nRegions);
  ipuOpStateAddSuccessors(&st, nSucc, succ);
  IpuOp *op = ipuOpCreate(&st);
  if (op && into)
    ipuBlockAppendOp(into, op);
  return op;
}

static IpuBlock *addBlock(Env *e, IpuRegion *r) {
  IpuBlock *b = ipuBlockCreate(e->ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(r, b);
  return b;
}

static IpuOp *mkModule(Env *e, IpuBlock **body) {
  IpuOp *m = mk(e, NULL, "builtin.module", 0, NULL, 0, 1, 0, NULL);
  *body = addBlock(e, ipuOpGetRegion(m, 0));
  return m;
}

static IpuValue r0(IpuOp *op) { return ipuOpGetResult(op, 0); }

/* ---- Tests. ----------------------------------------------------------- */

/* entry -> {a, b} -> join; dead is unreachable. */
static void testCfgDominance(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  IpuOp *f = mk(&e, body, "x.func", 0, NULL, 0, 1, 0, NULL);
  IpuRegion *r = ipuOpGetRegion(f, 0);
  IpuBlock *entry = addBlock(&e, r), *a = addBlock(&e, r),
           *b = addBlock(&e, r), *join = addBlock(&e, r),
           *dead = addBlock(&e, r);
  IpuOp *x = mk(&e, entry, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuBlock *ab[2] = {a, b};
  mk(&e, entry, "v.term", 0, NULL, 0, 0, 2, ab);
  IpuOp *y = mk(&e, a, "x.def", 0, NULL, 1, 0, 0, NULL);
  mk(&e, a, "v.term", 0, NULL, 0, 0, 1, &join);
  mk(&e, b, "v.term", 0, NULL, 0, 0, 1, &join);
  IpuValue xv = r0(x);
  IpuOp *useX = mk(&e, join, "x.use", 1, &xv, 0, 0, 0, NULL);
  mk(&e, join, "v.term", 0, NULL, 0, 0, 0, NULL);
  IpuValue yv = r0(y);
  IpuOp *deadUse = mk(&e, dead, "x.use", 1, &yv, 0, 0, 0, NULL);
  mk(&e, dead, "v.term", 0, NULL, 0, 0, 1, &join);

  CHECK(ipuSucceeded(ipuOpVerify(m)));
  CHECK(e.errors == 0);
  CHECK(ipuValueDominates(xv, useX));
  CHECK(!ipuValueDominates(yv, useX));
  CHECK(ipuValueDominates(yv, deadUse)); /* unreachable: anything goes */

  IpuDominanceInfo *dom = ipuDominanceInfoCreate(e.ctx);
  CHECK(ipuDominanceInfoGetIdom(dom, join) == entry);
  CHECK(ipuDominanceInfoGetIdom(dom, a) == entry);
  CHECK(ipuDominanceInfoGetIdom(dom, entry) == NULL);
  CHECK(ipuDominanceInfoGetNumChildren(dom, entry) == 3);
  CHECK(ipuDominanceInfoGetChild(dom, entry, 2) == join);
  CHECK(!ipuDominanceInfoIsReachable(dom, dead));
  CHECK(ipuDominanceInfoIsReachable(dom, b));
  CHECK(ipuDominanceInfoBlockDominates(dom, entry, join));
  CHECK(!ipuDominanceInfoBlockDominates(dom, a, join));
  CHECK(ipuDominanceInfoOpProperlyDominates(dom, x, useX));
  CHECK(ipuDominanceInfoOpProperlyDominates(dom, f, useX)); /* encloses */
  ipuDominanceInfoDestroy(dom);

  /* y used in join: a does not dominate join. */
  IpuOp *bad = mk(&e, NULL, "x.use", 1, &yv, 0, 0, 0, NULL);
  ipuBlockInsertOpBefore(join, ipuBlockGetFirstOp(join), bad);
  resetDiags(&e);
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(e.errors == 1);
  CHECK(strcmp(e.messages[0], "'x.use' op operand #0 does not dominate this "
                              "use") == 0);
  CHECK(strcmp(e.notes[0], "operand defined here (op in the same region)") ==
        0);
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

/* Same block order, nested regions, block arguments, graph regions. */
static void testNestedAndGraph(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  /* Module (graph region): use before definition is fine. */
  IpuOp *later = mk(&e, NULL, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuValue lv = r0(later);
  mk(&e, body, "x.use", 1, &lv, 0, 0, 0, NULL);
  ipuBlockAppendOp(body, later);
  CHECK(ipuSucceeded(ipuOpVerify(m)));

  /* In an SSACFG region it is not. */
  IpuOp *f = mk(&e, body, "x.func", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *fb = addBlock(&e, ipuOpGetRegion(f, 0));
  IpuOp *d = mk(&e, NULL, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuValue dv = r0(d);
  IpuOp *wrap = mk(&e, fb, "x.wrap", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *wb = addBlock(&e, ipuOpGetRegion(wrap, 0));
  mk(&e, wb, "x.use", 1, &dv, 0, 0, 0, NULL);
  ipuBlockAppendOp(fb, d);
  resetDiags(&e);
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(e.errors == 1);
  CHECK(strcmp(e.notes[0], "operand defined here (op in a parent region)") ==
        0);
  ipuOpMoveBefore(d, wrap);
  resetDiags(&e);
  CHECK(ipuSucceeded(ipuOpVerify(m)));

  /* A value defined inside a region, used after its op. */
  IpuOp *inner = mk(&e, wb, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuValue iv = r0(inner);
  IpuOp *outerUse = mk(&e, fb, "x.use", 1, &iv, 0, 0, 0, NULL);
  resetDiags(&e);
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(strcmp(e.notes[0], "operand defined here (op in a child region)") == 0);
  CHECK(!ipuValueDominates(iv, outerUse));
  ipuOpDestroy(outerUse);

  /* A block argument of another block. */
  IpuBlock *second = ipuBlockCreate(e.ctx, 1, &e.i32, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(f, 0), second);
  mk(&e, second, "v.term", 0, NULL, 0, 0, 0, NULL);
  IpuValue arg = ipuBlockGetArgument(second, 0);
  mk(&e, fb, "x.use", 1, &arg, 0, 0, 0, NULL);
  mk(&e, fb, "v.term", 0, NULL, 0, 0, 1, &second);
  resetDiags(&e);
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(e.errors == 1);
  CHECK(strcmp(e.notes[0], "operand defined as a block argument (block #1 in "
                           "the same region)") == 0);
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

/* One error per isolated scope; no cascades inside a scope. */
static void testScopes(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  for (int i = 0; i < 3; ++i) {
    IpuOp *iso = mk(&e, body, "v.iso", 0, NULL, 0, 1, 0, NULL);
    IpuBlock *b = addBlock(&e, ipuOpGetRegion(iso, 0));
    IpuOp *x = mk(&e, b, "x.def", 0, NULL, 1, 0, 0, NULL);
    IpuValue xv = r0(x);
    mk(&e, b, "v.two", 1, &xv, 1, 0, 0, NULL); /* wrong count */
    mk(&e, b, "v.two", 1, &xv, 1, 0, 0, NULL); /* same: not reported */
    mk(&e, b, "v.term", 0, NULL, 0, 0, 0, NULL);
  }
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(e.errors == 3);
  CHECK(strcmp(e.messages[0], "'v.two' op expected 2 operands, but found 1") ==
        0);
  ipuOpDestroy(m);

  /* Isolation: a value from outside, noted at the isolated op. */
  resetDiags(&e);
  m = mkModule(&e, &body);
  IpuOp *f = mk(&e, body, "x.func", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *fb = addBlock(&e, ipuOpGetRegion(f, 0));
  IpuOp *x = mk(&e, fb, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuOp *iso = mk(&e, fb, "v.iso", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *ib = addBlock(&e, ipuOpGetRegion(iso, 0));
  IpuValue xv = r0(x);
  IpuOp *wrap = mk(&e, ib, "x.wrap", 0, NULL, 0, 1, 0, NULL);
  mk(&e, addBlock(&e, ipuOpGetRegion(wrap, 0)), "x.use", 1, &xv, 0, 0, 0,
     NULL);
  mk(&e, ib, "v.term", 0, NULL, 0, 0, 0, NULL);
  CHECK(ipuFailed(ipuOpVerify(m)));
  CHECK(e.errors == 1);
  CHECK(strcmp(e.messages[0],
               "'x.use' op using value defined outside the region") == 0);
  CHECK(strcmp(e.notes[0], "required by region isolation constraints") == 0);
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

/* 10,000-deep (and 200,000-deep) nesting: no recursion, no overflow. */
static void testDeepNesting(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  IpuOp *top = mk(&e, body, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuValue tv = r0(top);
  IpuBlock *b = body;
  for (int i = 0; i < 200000; ++i) {
    IpuOp *w = mk(&e, b, "x.wrap", 0, NULL, 0, 1, 0, NULL);
    b = addBlock(&e, ipuOpGetRegion(w, 0));
    if (i % 10000 == 9999)
      mk(&e, b, "x.use", 1, &tv, 0, 0, 0, NULL);
  }
  IpuOp *deepest = mk(&e, b, "x.use", 1, &tv, 0, 0, 0, NULL);
  clock_t t0 = clock();
  CHECK(ipuSucceeded(ipuOpVerify(m)));
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  CHECK(secs < 5.0);
  CHECK(e.errors == 0);
  CHECK(ipuValueDominates(tv, deepest));
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

/* 200,000 ops in one function: verification stays fast. */
static void testScale(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  IpuOp *f = mk(&e, body, "v.iso", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *fb = addBlock(&e, ipuOpGetRegion(f, 0));
  IpuOp *prev = mk(&e, fb, "x.def", 0, NULL, 1, 0, 0, NULL);
  for (int i = 0; i < 200000; ++i) {
    IpuValue v[2] = {r0(prev), r0(prev)};
    prev = mk(&e, fb, "v.two", 2, v, 1, 0, 0, NULL);
  }
  mk(&e, fb, "v.term", 0, NULL, 0, 0, 0, NULL);
  clock_t t0 = clock();
  CHECK(ipuSucceeded(ipuOpVerify(m)));
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  printf("verify 200000 ops: %.3f s\n", secs);
  CHECK(secs < 5.0);
  CHECK(e.errors == 0);
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

/* Verifies a module holding just `op` (appended to a fresh module) and
 * returns the first error message. */
static const char *verifyOne(Env *e, IpuOp *m) {
  resetDiags(e);
  e->messages[0][0] = '\0';
  if (ipuSucceeded(ipuOpVerify(m)))
    return "";
  return e->messages[0];
}

/* ODS-style checks only reachable with ops the shipped dialects lack. */
static void testOdsChecks(void) {
  Env e;
  envInit(&e);
  IpuBlock *body;
  IpuOp *m = mkModule(&e, &body);
  IpuOp *x = mk(&e, body, "x.def", 0, NULL, 1, 0, 0, NULL);
  IpuValue xv = r0(x);
  IpuType f32 = ipuFloatTypeGet(e.ctx, IPU_F32);
  IpuOp *fdef = mk(&e, body, "x.def", 0, NULL, 0, 0, 0, NULL);
  (void)fdef;
  IpuValue one[1] = {xv};
  IpuOp *op = mk(&e, body, "v.grp", 1, one, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m),
               "'v.grp' op expected 2 or more operands, but found 1") == 0);
  ipuOpDestroy(op);
  IpuValue three[3] = {xv, xv, xv};
  op = mk(&e, body, "v.grp", 3, three, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "") == 0);
  ipuOpDestroy(op);
  IpuOpState st;
  ipuOpStateInit(&st, e.ctx, ipuStringRefFromCString("x.def"),
                 ipuLocUnknownGet(e.ctx));
  ipuOpStateAddResults(&st, 1, &f32);
  IpuOp *fx = ipuOpCreate(&st);
  ipuBlockAppendOp(body, fx);
  IpuValue mixed[2] = {xv, r0(fx)};
  op = mk(&e, body, "v.grp", 2, mixed, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "'v.grp' op requires the same element type "
                                 "for all operands") == 0);
  ipuOpDestroy(op);

  IpuValue two[2] = {xv, xv};
  op = mk(&e, body, "v.opt", 2, two, 1, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "'v.opt' op operand group starting at #0 "
                                 "requires 0 or 1 element, but found 2") == 0);
  ipuOpDestroy(op);
  op = mk(&e, body, "v.opt", 0, NULL, 2, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "'v.opt' op result group starting at #0 "
                                 "requires 0 or 1 element, but found 2") == 0);
  ipuOpDestroy(op);
  op = mk(&e, body, "v.opt", 0, NULL, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "") == 0);
  ipuOpDestroy(op);

  op = mk(&e, body, "v.blk", 0, NULL, 0, 1, 0, NULL);
  addBlock(&e, ipuOpGetRegion(op, 0));
  CHECK(strcmp(verifyOne(&e, m), "'v.blk' op expects a non-empty block") == 0);
  ipuOpDestroy(op);

  op = mk(&e, body, "v.graph", 0, NULL, 0, 1, 0, NULL);
  IpuBlock *g1 = addBlock(&e, ipuOpGetRegion(op, 0));
  addBlock(&e, ipuOpGetRegion(op, 0));
  CHECK(strcmp(verifyOne(&e, m), "'v.graph' op expects graph region #0 to "
                                 "have 0 or 1 blocks") == 0);
  ipuBlockDestroy(ipuBlockGetNext(g1));
  mk(&e, g1, "v.kid", 0, NULL, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "") == 0);
  ipuOpDestroy(op);

  op = mk(&e, body, "v.kid", 0, NULL, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "'v.kid' op expects parent op to be one of "
                                 "'v.iso, v.graph'") == 0);
  ipuOpDestroy(op);

  op = mk(&e, body, "v.sym", 0, NULL, 0, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m),
               "'v.sym' op requires string attribute 'sym_name'") == 0);
  ipuOpSetAttr(op, "sym_name",
               ipuStringAttrGet(e.ctx, ipuStringRefFromCString("s"), NULL));
  ipuOpSetAttr(op, "sym_visibility",
               ipuStringAttrGet(e.ctx, ipuStringRefFromCString("odd"), NULL));
  CHECK(strcmp(verifyOne(&e, m),
               "'v.sym' op visibility expected to be one of [\"public\", "
               "\"private\", \"nested\"], but got \"odd\"") == 0);
  ipuOpDestroy(op);

  /* Inferred result types must match (InferTypeOpInterface). */
  op = mk(&e, body, "v.inf", 0, NULL, 1, 0, 0, NULL);
  CHECK(strcmp(verifyOne(&e, m), "'v.inf' op inferred type(s) 'i64' are "
                                 "incompatible with return type(s) of "
                                 "operation 'i32'") == 0);
  CHECK(e.errors == 2);
  CHECK(strcmp(e.messages[1], "'v.inf' op failed to infer returned types") ==
        0);
  ipuOpSetAttr(op, "bad", ipuUnitAttrGet(e.ctx));
  CHECK(strcmp(verifyOne(&e, m), "cannot infer from 'bad'") == 0);
  CHECK(e.errors == 2);
  ipuOpDestroy(op);

  /* Successors into another region. */
  IpuOp *holder = mk(&e, body, "x.holder", 0, NULL, 0, 2, 0, NULL);
  IpuBlock *h0 = addBlock(&e, ipuOpGetRegion(holder, 0));
  IpuBlock *h1 = addBlock(&e, ipuOpGetRegion(holder, 1));
  /* (not an entry block: an entry block with predecessors fails first) */
  mk(&e, h1, "x.end", 0, NULL, 0, 0, 0, NULL);
  h1 = addBlock(&e, ipuOpGetRegion(holder, 1));
  mk(&e, h1, "x.end", 0, NULL, 0, 0, 0, NULL);
  op = mk(&e, h0, "v.term", 0, NULL, 0, 0, 1, &h1);
  CHECK(strcmp(verifyOne(&e, m),
               "reference to block defined in another region") == 0);
  ipuOpDestroy(op);
  op = mk(&e, h0, "x.br", 0, NULL, 0, 0, 1, &h1);
  CHECK(strcmp(verifyOne(&e, m),
               "'x.br' op branching to block of a different region") == 0);
  ipuOpDestroy(op);
  ipuOpDestroy(holder);

  /* Unknown ops: of a registered dialect (refused at creation), or once
   * unregistered dialects are no longer allowed. */
  CHECK(mk(&e, body, "v.nope", 0, NULL, 0, 0, 0, NULL) == NULL);
  ipuContextSetAllowUnregisteredDialects(e.ctx, false);
  CHECK(strncmp(verifyOne(&e, m), "'x.def' op created with unregistered "
                                  "dialect.", 40) == 0);
  ipuContextSetAllowUnregisteredDialects(e.ctx, true);

  CHECK(strcmp(verifyOne(&e, m), "") == 0);
  ipuOpDestroy(m);
  ipuContextDestroy(e.ctx);
}

int main(void) {
  testOdsChecks();
  testCfgDominance();
  testNestedAndGraph();
  testScopes();
  testDeepNesting();
  testScale();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
