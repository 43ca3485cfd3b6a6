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
/* Copies the pattern; its strings and userData are borrowed and must
 * outlive the set. */
void ipuPatternSetAdd(IpuPatternSet *set, const IpuPattern *pattern);
IpuContext *ipuPatternSetGetContext(const IpuPatternSet *set);
intptr_t ipuPatternSetGetNumPatterns(const IpuPatternSet *set);
/* Adds the canonicalization patterns of every registered op. */
void ipuPatternSetAddCanonicalizationPatterns(IpuPatternSet *set);

/* Rewriter: every IR change a pattern makes goes through it, so the driver
 * can keep its worklist right. Ops created straight through the builder
 * (ipuRewriterGetBuilder) are not seen until the next sweep; never destroy
 * ops directly (ipuOpDestroy) inside a pattern: use ipuRewriterEraseOp. */
IpuContext *ipuRewriterGetContext(IpuRewriter *rw);
IpuBuilder *ipuRewriterGetBuilder(IpuRewriter *rw);
void ipuRewriterSetInsertionPointBefore(IpuRewriter *rw, IpuOp *op);
void ipuRewriterSetInsertionPointAfter(IpuRewriter *rw, IpuOp *op);
IpuOp *ipuRewriterCreate(IpuRewriter *rw, IpuOpState *st);
/* Replaces every result of `op` with `values[i]` and erases it. */
void ipuRewriterReplaceOp(IpuRewriter *rw, IpuOp *op, const IpuValue *values);
/* Erases `op` and everything nested in it. Its results must be unused
 * (otherwise an error is reported and nothing is erased). */
void ipuRewriterEraseOp(IpuRewriter *rw, IpuOp *op);
void ipuRewriterReplaceAllUsesWith(IpuRewriter *rw, IpuValue from,
                                   IpuValue to);
/* Call before/after changing an op in place (attributes, operands). */
void ipuRewriterStartModification(IpuRewriter *rw, IpuOp *op);
void ipuRewriterFinalizeModification(IpuRewriter *rw, IpuOp *op);
/* Always fails; records why a pattern did not apply (for debugging). */
IpuLogicalResult ipuRewriterNotifyMatchFailure(IpuRewriter *rw, IpuOp *op,
                                               const char *reason);
/* The reason given by the last ipuRewriterNotifyMatchFailure, or NULL. */
const char *ipuRewriterGetLastFailure(const IpuRewriter *rw);

/* More ways to change IR through a rewriter (each tells the driver). */
void ipuRewriterSetInsertionPointToStart(IpuRewriter *rw, IpuBlock *block);
void ipuRewriterSetInsertionPointToEnd(IpuRewriter *rw, IpuBlock *block);
/* Inserts a detached op (e.g. from ipuOpClone) at the insertion point. */
void ipuRewriterInsert(IpuRewriter *rw, IpuOp *op);
void ipuRewriterMoveOpBefore(IpuRewriter *rw, IpuOp *op, IpuOp *before);
void ipuRewriterMoveOpAfter(IpuRewriter *rw, IpuOp *op, IpuOp *after);
/* In-place changes with the Start/Finalize notifications built in. */
void ipuRewriterSetOperand(IpuRewriter *rw, IpuOp *op, intptr_t i,
                           IpuValue v);
void ipuRewriterSetAttr(IpuRewriter *rw, IpuOp *op, const char *name,
                        IpuAttr value);

/* A rewriter nobody listens to, for passes that change IR outside the
 * greedy driver (patterns get theirs from the driver). Starts with no
 * insertion point. */
IpuRewriter *ipuStandaloneRewriterCreate(IpuContext *ctx);
void ipuStandaloneRewriterDestroy(IpuRewriter *rw);

typedef struct {
  int maxIterations;    /* sweeps over the worklist; default 10 */
  int64_t maxRewrites;  /* -1: unlimited */
  bool fold;            /* use op fold hooks; default true */
  bool removeDeadOps;   /* erase pure ops without uses; default true */
  bool topDown;         /* seed the worklist top-down; default true */
} IpuGreedyConfig;

/* maxIterations 0 means the default (10), a negative value no limit;
 * maxRewrites counts pattern applications per sweep. A sweep also stops
 * after 16 rewrites per op it started with, so a pattern that always
 * applies ends in the non-convergence failure instead of a hang. */
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

/* The same, but best effort as MLIR's canonicalizer: not converging is
 * reported only through the result and `stats`, without a diagnostic. */
IpuLogicalResult ipuApplyPatternsGreedilyBestEffort(IpuOp *scope,
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
