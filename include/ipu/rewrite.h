/* The pattern rewriter: patterns keyed by op name with a benefit, and a
 * greedy worklist driver that applies them with folding and dead-code
 * removal until nothing changes (or a limit is reached). */
#ifndef IPU_REWRITE_H
#define IPU_REWRITE_H

#include "ipu/opdef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct IpuRewriter IpuRewriter;
typedef struct IpuPatternSet IpuPatternSet;

/* Returns IPU_SUCCESS if it changed the IR (through the rewriter only). */
typedef IpuLogicalResult (*IpuMatchAndRewriteFn)(IpuOp *op, IpuRewriter *rw,
                                                 void *userData);
typedef struct {
  const char *rootName; /* op name it applies to; NULL: any op */
  int benefit;          /* higher is tried first */
  IpuMatchAndRewriteFn matchAndRewrite;
  const char *debugName;
  void *userData;
} IpuPattern;

IpuPatternSet *ipuPatternSetCreate(IpuContext *ctx);
void ipuPatternSetDestroy(IpuPatternSet *set);
void ipuPatternSetAdd(IpuPatternSet *set, const IpuPattern *pattern);
IpuContext *ipuPatternSetGetContext(const IpuPatternSet *set);
intptr_t ipuPatternSetGetNumPatterns(const IpuPatternSet *set);
/* Adds the canonicalization patterns of every registered op. */
void ipuPatternSetAddCanonicalizationPatterns(IpuPatternSet *set);

/* Rewriter: every IR change a pattern makes goes through it, so the driver
 * can keep its worklist right. */
IpuContext *ipuRewriterGetContext(IpuRewriter *rw);
IpuBuilder *ipuRewriterGetBuilder(IpuRewriter *rw);
void ipuRewriterSetInsertionPointBefore(IpuRewriter *rw, IpuOp *op);
void ipuRewriterSetInsertionPointAfter(IpuRewriter *rw, IpuOp *op);
IpuOp *ipuRewriterCreate(IpuRewriter *rw, IpuOpState *st);
/* Replaces every result of `op` with `values[i]` and erases it. */
void ipuRewriterReplaceOp(IpuRewriter *rw, IpuOp *op, const IpuValue *values);
void ipuRewriterEraseOp(IpuRewriter *rw, IpuOp *op);
void ipuRewriterReplaceAllUsesWith(IpuRewriter *rw, IpuValue from,
                                   IpuValue to);
/* Call before/after changing an op in place (attributes, operands). */
void ipuRewriterStartModification(IpuRewriter *rw, IpuOp *op);
void ipuRewriterFinalizeModification(IpuRewriter *rw, IpuOp *op);
/* Always fails; records why a pattern did not apply (for debugging). */
IpuLogicalResult ipuRewriterNotifyMatchFailure(IpuRewriter *rw, IpuOp *op,
                                               const char *reason);

typedef struct {
  int maxIterations;    /* sweeps over the worklist; default 10 */
  int64_t maxRewrites;  /* -1: unlimited */
  bool fold;            /* use op fold hooks; default true */
  bool removeDeadOps;   /* erase pure ops without uses; default true */
  bool topDown;         /* seed the worklist top-down; default true */
} IpuGreedyConfig;

void ipuGreedyConfigInit(IpuGreedyConfig *cfg);

typedef struct {
  int64_t iterations;
  int64_t patternsApplied;
  int64_t opsFolded;
  int64_t opsErased;
  bool converged;
  bool changed;
} IpuGreedyStats;

/* Applies `set` to every op nested in `scope`'s regions (not `scope`
 * itself). Fails (with a diagnostic) only when it did not converge within
 * maxIterations. `stats` may be NULL. */
IpuLogicalResult ipuApplyPatternsGreedily(IpuOp *scope,
                                          const IpuPatternSet *set,
                                          const IpuGreedyConfig *cfg,
                                          IpuGreedyStats *stats);

/* Tries the op's fold hook once and applies the result (materialising
 * constants through the dialect, inserted before `op`). Returns true if the
 * op was folded (replaced or updated in place). */
bool ipuOpTryFold(IpuOp *op, IpuBuilder *b, bool *erased);

/* True if `op` is CONSTANT_LIKE; stores its `value` attribute. */
bool ipuOpMatchConstant(IpuOp *op, IpuAttr *value);
/* Trivially dead: pure (and holds no side-effecting ops) with no uses. */
bool ipuOpIsTriviallyDead(IpuOp *op);

#ifdef __cplusplus
}
#endif
#endif
