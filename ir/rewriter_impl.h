/* Private parts of the pattern rewriter shared by rewriter.c, fold.c,
 * pattern_set.c and greedy_driver.c: the rewriter's layout, its listener
 * (how a driver hears about every change) and pattern lookup. */
#ifndef IPU_IR_REWRITER_IMPL_H
#define IPU_IR_REWRITER_IMPL_H

#include "ipu/rewrite.h"

/* Told about every change made through a rewriter. Callbacks may look at
 * the IR but must not change it. */
typedef struct {
  /* `op` was created or moved to a new position. */
  void (*inserted)(void *userData, IpuOp *op);
  /* `op` was changed in place (operands, attributes, location). */
  void (*modified)(void *userData, IpuOp *op);
  /* `op` is about to have its results replaced by `values` and be erased. */
  void (*replaced)(void *userData, IpuOp *op, const IpuValue *values);
  /* `op` is about to be destroyed. Called for every op nested in an erased
   * op first (users before definitions), then for the op itself, while the
   * whole tree is still intact. */
  void (*erased)(void *userData, IpuOp *op);
} IpuIrRewriteListener;

struct IpuRewriter {
  IpuContext *ctx;
  IpuBuilder builder;                   /* insertion point of new ops */
  const IpuIrRewriteListener *listener; /* NULL: nobody listens */
  void *listenerData;
  const char *lastFailure;              /* last match-failure reason */
  IpuOp *erasing;                       /* op whose tree is being erased
                                           (listeners must not queue ops
                                           inside it), or NULL */
  bool ownedByCaller;                   /* from ipuRewriterCreate */
};

void ipuIrRewriterInit(IpuRewriter *rw, IpuContext *ctx,
                       const IpuIrRewriteListener *listener,
                       void *listenerData);
/* Reports an op inserted behind the rewriter's back (constants built by a
 * dialect's materializeConstant through the rewriter's builder). */
void ipuIrRewriterNotifyInserted(IpuRewriter *rw, IpuOp *op);

/* The patterns that may apply to ops named `name`: the op-specific ones and
 * the generic (NULL-root) ones, each sorted by benefit, highest first, ties
 * in insertion order. The arrays stay valid until the set changes. */
void ipuIrPatternSetLookup(const IpuPatternSet *set, IpuIdent name,
                           const IpuPattern *const **specific,
                           intptr_t *numSpecific,
                           const IpuPattern *const **generic,
                           intptr_t *numGeneric);

/* Result of folding one op. */
typedef enum {
  IPU_FOLD_NONE,     /* the hook declined (or its results were unusable) */
  IPU_FOLD_IN_PLACE, /* the op was updated in place */
  IPU_FOLD_REPLACED, /* the op was replaced and erased */
} IpuIrFoldOutcome;

/* Folds `op` through its definition's hook: constant operands come from
 * CONSTANT_LIKE defining ops; attribute results are materialised by the
 * op's dialect before `op`; all changes go through `rw`. Constant-like ops
 * are not folded (they would fold to themselves forever). */
IpuIrFoldOutcome ipuIrFoldOp(IpuOp *op, IpuRewriter *rw);

#endif
