/* Folding through op definitions' fold hooks, constant matching, and the
 * trivially-dead test (MLIR's Operation::fold, m_Constant, isOpTriviallyDead). */
#include <string.h>

#include "op_impl.h"
#include "rewriter_impl.h"

bool ipuOpMatchConstant(IpuOp *op, IpuAttr *value) {
  if (!op || !ipuOpHasTrait(op, IPU_TRAIT_CONSTANT_LIKE))
    return false;
  IpuAttr a = ipuOpGetAttr(op, "value");
  if (!a)
    return false;
  if (value)
    *value = a;
  return true;
}

/* No effects of its own, so erasable when unused: Pure, or a terminator that
 * only hands values back (a region's yield inside a pure op). */
static bool hasNoEffects(const IpuOp *op) {
  const IpuOpDef *def = ipuOpGetDef(op);
  if (!def)
    return false; /* unregistered: anything may happen */
  if (def->traits & IPU_TRAIT_PURE)
    return true;
  return (def->traits & IPU_TRAIT_TERMINATOR) &&
         (def->traits & IPU_TRAIT_RETURN_LIKE);
}

bool ipuOpIsTriviallyDead(IpuOp *op) {
  if (!op || !ipuOpUseEmpty(op))
    return false;
  const IpuOpDef *def = ipuOpGetDef(op);
  if (!def || !(def->traits & IPU_TRAIT_PURE))
    return false;
  if (def->traits & (IPU_TRAIT_TERMINATOR | IPU_TRAIT_SYMBOL))
    return false;
  /* Nested ops must be effect-free too: walked without recursion. */
  for (IpuOp *o = ipuIrNextPreOrder(op, op, false); o;
       o = ipuIrNextPreOrder(o, op, false))
    if (!hasNoEffects(o))
      return false;
  return true;
}

/* ---- Folding. --------------------------------------------------------- */

/* Erases the constants materialised for a fold that is then abandoned. */
static void eraseMaterialized(IpuRewriter *rw, IpuOp **made, intptr_t n) {
  for (intptr_t i = n; i-- > 0;)
    if (made[i] && ipuOpUseEmpty(made[i]))
      ipuRewriterEraseOp(rw, made[i]);
}

/* Turns the hook's results into replacement values: existing values as
 * they are, attributes through the dialect's materializeConstant. */
static bool materialize(IpuOp *op, IpuRewriter *rw, const IpuFoldResult *res,
                        IpuValue *values, IpuOp **made) {
  intptr_t n = ipuOpGetNumResults(op);
  const IpuDialectDef *dialect = ipuOpGetDialect(op);
  for (intptr_t i = 0; i < n; ++i) {
    IpuType type = ipuValueGetType(ipuOpGetResult(op, i));
    made[i] = NULL;
    if (res[i].value) {
      /* A result may not stand for itself unless every one does (that is
       * an in-place fold, handled before), and types must agree. */
      if (res[i].value == ipuOpGetResult(op, i) ||
          ipuValueGetType(res[i].value) != type)
        goto fail;
      values[i] = res[i].value;
      continue;
    }
    if (!res[i].attr || !dialect || !dialect->materializeConstant)
      goto fail;
    ipuRewriterSetInsertionPointBefore(rw, op);
    IpuOp *c = dialect->materializeConstant(ipuRewriterGetBuilder(rw),
                                            res[i].attr, type, ipuOpGetLoc(op));
    if (!c)
      goto fail;
    made[i] = c;
    ipuIrRewriterNotifyInserted(rw, c);
    if (ipuOpGetNumResults(c) < 1 ||
        ipuValueGetType(ipuOpGetResult(c, 0)) != type)
      goto fail;
    values[i] = ipuOpGetResult(c, 0);
  }
  return true;
fail:
  eraseMaterialized(rw, made, n);
  return false;
}

IpuIrFoldOutcome ipuIrFoldOp(IpuOp *op, IpuRewriter *rw) {
  const IpuOpDef *def = ipuOpGetDef(op);
  if (!def || !def->fold || (def->traits & IPU_TRAIT_CONSTANT_LIKE))
    return IPU_FOLD_NONE;
  IpuContext *ctx = ipuOpGetContext(op);
  intptr_t numOperands = ipuOpGetNumOperands(op);
  intptr_t numResults = ipuOpGetNumResults(op);
  /* One allocation: constant operands, fold results, values, new ops. */
  size_t bytes = ((size_t)numOperands + 1) * sizeof(IpuAttr) +
                 ((size_t)numResults + 1) *
                     (sizeof(IpuFoldResult) + sizeof(IpuValue) + sizeof(IpuOp *));
  char *mem = ipuCalloc(ctx, 1, bytes);
  if (!mem) {
    ipuIrReportOutOfMemory(ctx, ipuOpGetLoc(op));
    return IPU_FOLD_NONE;
  }
  IpuAttr *consts = (IpuAttr *)mem;
  IpuFoldResult *res = (IpuFoldResult *)(consts + numOperands + 1);
  IpuValue *values = (IpuValue *)(res + numResults + 1);
  IpuOp **made = (IpuOp **)(values + numResults + 1);
  for (intptr_t i = 0; i < numOperands; ++i) {
    IpuValue v = ipuOpGetOperand(op, i);
    IpuOp *producer = v ? ipuValueGetDefiningOp(v) : NULL;
    if (producer && !ipuOpMatchConstant(producer, &consts[i]))
      consts[i] = NULL;
  }
  IpuIrFoldOutcome outcome = IPU_FOLD_NONE;
  if (!def->fold(op, consts, res))
    goto done;
  bool inPlace = true;
  for (intptr_t i = 0; i < numResults && inPlace; ++i)
    inPlace = !res[i].attr && res[i].value == ipuOpGetResult(op, i);
  if (inPlace) {
    ipuRewriterFinalizeModification(rw, op);
    outcome = IPU_FOLD_IN_PLACE;
    goto done;
  }
  if (!materialize(op, rw, res, values, made))
    goto done;
  ipuRewriterReplaceOp(rw, op, values);
  outcome = IPU_FOLD_REPLACED;
done:
  ipuFree(ctx, mem);
  return outcome;
}

bool ipuOpTryFold(IpuOp *op, IpuBuilder *b, bool *erased) {
  if (erased)
    *erased = false;
  if (!op)
    return false;
  IpuRewriter rw;
  ipuIrRewriterInit(&rw, b ? b->ctx : ipuOpGetContext(op), NULL, NULL);
  IpuIrFoldOutcome outcome = ipuIrFoldOp(op, &rw);
  if (erased)
    *erased = outcome == IPU_FOLD_REPLACED;
  return outcome != IPU_FOLD_NONE;
}
