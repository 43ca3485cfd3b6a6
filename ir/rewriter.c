/* The rewriter: the one door through which patterns change IR, so that a
 * listening driver (the greedy driver) can keep its worklist exact. */
#include <string.h>

#include "op_impl.h"
#include "rewriter_impl.h"

void ipuIrRewriterInit(IpuRewriter *rw, IpuContext *ctx,
                       const IpuIrRewriteListener *listener,
                       void *listenerData) {
  memset(rw, 0, sizeof *rw);
  rw->ctx = ctx;
  ipuBuilderInit(&rw->builder, ctx);
  rw->listener = listener;
  rw->listenerData = listenerData;
}

IpuRewriter *ipuStandaloneRewriterCreate(IpuContext *ctx) {
  IpuRewriter *rw = ipuAlloc(ctx, sizeof *rw);
  if (!rw)
    return NULL;
  ipuIrRewriterInit(rw, ctx, NULL, NULL);
  rw->ownedByCaller = true;
  return rw;
}

void ipuStandaloneRewriterDestroy(IpuRewriter *rw) {
  if (rw && rw->ownedByCaller)
    ipuFree(rw->ctx, rw);
}

IpuContext *ipuRewriterGetContext(IpuRewriter *rw) { return rw->ctx; }
IpuBuilder *ipuRewriterGetBuilder(IpuRewriter *rw) { return &rw->builder; }

void ipuRewriterSetInsertionPointBefore(IpuRewriter *rw, IpuOp *op) {
  ipuBuilderSetInsertionPointBefore(&rw->builder, op);
}
void ipuRewriterSetInsertionPointAfter(IpuRewriter *rw, IpuOp *op) {
  ipuBuilderSetInsertionPointAfter(&rw->builder, op);
}
void ipuRewriterSetInsertionPointToStart(IpuRewriter *rw, IpuBlock *block) {
  ipuBuilderSetInsertionPointToStart(&rw->builder, block);
}
void ipuRewriterSetInsertionPointToEnd(IpuRewriter *rw, IpuBlock *block) {
  ipuBuilderSetInsertionPointToEnd(&rw->builder, block);
}

/* ---- Notifications. --------------------------------------------------- */

void ipuIrRewriterNotifyInserted(IpuRewriter *rw, IpuOp *op) {
  if (rw->listener && rw->listener->inserted && op)
    rw->listener->inserted(rw->listenerData, op);
}

static void notifyModified(IpuRewriter *rw, IpuOp *op) {
  if (rw->listener && rw->listener->modified && op)
    rw->listener->modified(rw->listenerData, op);
}

/* ---- Creating and moving. --------------------------------------------- */

IpuOp *ipuRewriterCreate(IpuRewriter *rw, IpuOpState *st) {
  IpuOp *op = ipuBuilderCreate(&rw->builder, st);
  ipuIrRewriterNotifyInserted(rw, op);
  return op;
}

void ipuRewriterInsert(IpuRewriter *rw, IpuOp *op) {
  if (!op || op->block)
    return;
  ipuBuilderInsert(&rw->builder, op);
  ipuIrRewriterNotifyInserted(rw, op);
}

void ipuRewriterMoveOpBefore(IpuRewriter *rw, IpuOp *op, IpuOp *before) {
  if (op == before)
    return;
  ipuOpMoveBefore(op, before);
  ipuIrRewriterNotifyInserted(rw, op);
}

void ipuRewriterMoveOpAfter(IpuRewriter *rw, IpuOp *op, IpuOp *after) {
  if (op == after)
    return;
  ipuOpMoveAfter(op, after);
  ipuIrRewriterNotifyInserted(rw, op);
}

/* ---- Changing in place. ----------------------------------------------- */

void ipuRewriterStartModification(IpuRewriter *rw, IpuOp *op) {
  (void)rw;
  (void)op;
}

void ipuRewriterFinalizeModification(IpuRewriter *rw, IpuOp *op) {
  notifyModified(rw, op);
}

void ipuRewriterSetOperand(IpuRewriter *rw, IpuOp *op, intptr_t i,
                           IpuValue v) {
  ipuRewriterStartModification(rw, op);
  ipuOpSetOperand(op, i, v);
  ipuRewriterFinalizeModification(rw, op);
}

void ipuRewriterSetAttr(IpuRewriter *rw, IpuOp *op, const char *name,
                        IpuAttr value) {
  ipuRewriterStartModification(rw, op);
  ipuOpSetAttr(op, name, value);
  ipuRewriterFinalizeModification(rw, op);
}

/* Every user of `from` becomes a user of `to`; each one counts as modified,
 * as MLIR's RewriterBase::replaceAllUsesWith does. */
void ipuRewriterReplaceAllUsesWith(IpuRewriter *rw, IpuValue from,
                                   IpuValue to) {
  if (!from || from == to || !ipuValueHasUses(from))
    return;
  if (!rw->listener || !rw->listener->modified) {
    ipuValueReplaceAllUsesWith(from, to);
    return;
  }
  /* Users are told after the change; the list must be taken first. */
  intptr_t n = 0, cap = 8;
  IpuOp *inlineUsers[8];
  IpuOp **users = inlineUsers;
  for (IpuOpOperand *u = ipuValueGetFirstUse(from); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *owner = ipuOpOperandGetOwner(u);
    if (n && users[n - 1] == owner)
      continue;
    if (n == cap) {
      IpuOp **grown = users == inlineUsers
                          ? ipuAlloc(rw->ctx, (size_t)cap * 2 * sizeof *grown)
                          : ipuRealloc(rw->ctx, users,
                                       (size_t)cap * 2 * sizeof *grown);
      if (!grown)
        break; /* the driver's next sweep will see the rest */
      if (users == inlineUsers)
        memcpy(grown, inlineUsers, sizeof inlineUsers);
      users = grown;
      cap *= 2;
    }
    users[n++] = owner;
  }
  ipuValueReplaceAllUsesWith(from, to);
  for (intptr_t i = 0; i < n; ++i)
    notifyModified(rw, users[i]);
  if (users != inlineUsers)
    ipuFree(rw->ctx, users);
}

/* ---- Erasing. --------------------------------------------------------- */

void ipuRewriterEraseOp(IpuRewriter *rw, IpuOp *op) {
  if (!op)
    return;
  if (!ipuOpUseEmpty(op)) {
    ipuOpEmitError(op, "cannot be erased while its results have uses");
    return;
  }
  if (rw->listener && rw->listener->erased) {
    /* Nested ops first, the erased op last, all while the tree is intact;
     * `erasing` tells the listener not to queue anything inside it. */
    IpuOp *outer = rw->erasing;
    rw->erasing = op;
    for (IpuOp *o = ipuIrFirstPostOrder(op); o; o = ipuIrNextPostOrder(o, op))
      rw->listener->erased(rw->listenerData, o);
    rw->erasing = outer;
  }
  ipuOpDestroy(op);
}

void ipuRewriterReplaceOp(IpuRewriter *rw, IpuOp *op, const IpuValue *values) {
  if (!op)
    return;
  if (rw->listener && rw->listener->replaced)
    rw->listener->replaced(rw->listenerData, op, values);
  intptr_t n = ipuOpGetNumResults(op);
  for (intptr_t i = 0; i < n; ++i) {
    IpuValue result = ipuOpGetResult(op, i);
    if (values && values[i])
      ipuRewriterReplaceAllUsesWith(rw, result, values[i]);
  }
  ipuRewriterEraseOp(rw, op);
}

IpuLogicalResult ipuRewriterNotifyMatchFailure(IpuRewriter *rw, IpuOp *op,
                                               const char *reason) {
  (void)op;
  rw->lastFailure = reason;
  return IPU_FAILURE;
}

const char *ipuRewriterGetLastFailure(const IpuRewriter *rw) {
  return rw->lastFailure;
}
