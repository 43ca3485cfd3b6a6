/* The builder: an insertion point (block and op to insert before) at which
 * new ops are placed as they are created. */
#include "op_impl.h"

void ipuBuilderInit(IpuBuilder *b, IpuContext *ctx) {
  b->ctx = ctx;
  b->block = NULL;
  b->before = NULL;
}

void ipuBuilderSetInsertionPointToEnd(IpuBuilder *b, IpuBlock *block) {
  b->block = block;
  b->before = NULL;
}

void ipuBuilderSetInsertionPointToStart(IpuBuilder *b, IpuBlock *block) {
  b->block = block;
  b->before = block ? block->firstOp : NULL;
}

void ipuBuilderSetInsertionPointBefore(IpuBuilder *b, IpuOp *op) {
  b->block = op->block;
  b->before = op->block ? op : NULL;
}

void ipuBuilderSetInsertionPointAfter(IpuBuilder *b, IpuOp *op) {
  b->block = op->block;
  b->before = op->block ? op->next : NULL;
}

void ipuBuilderInsert(IpuBuilder *b, IpuOp *op) {
  if (b->block)
    ipuBlockInsertOpBefore(b->block, b->before, op);
}

IpuOp *ipuBuilderCreate(IpuBuilder *b, IpuOpState *st) {
  IpuOp *op = ipuOpCreate(st);
  if (op)
    ipuBuilderInsert(b, op);
  return op;
}
