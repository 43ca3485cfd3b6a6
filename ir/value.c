/* Values (op results and block arguments) and their use lists: every
 * operand is linked into its value's list, so replace-all-uses is O(uses). */
#include "op_impl.h"

IpuType ipuValueGetType(IpuValue v) { return v->type; }
void ipuValueSetType(IpuValue v, IpuType t) { v->type = t; }

bool ipuValueIsBlockArgument(IpuValue v) {
  return v->kind == IPU_VALUE_BLOCK_ARG;
}
bool ipuValueIsOpResult(IpuValue v) { return v->kind == IPU_VALUE_RESULT; }

IpuOp *ipuValueGetDefiningOp(IpuValue v) {
  return v->kind == IPU_VALUE_RESULT ? ipuIrResultOwner(v) : NULL;
}

IpuBlock *ipuValueGetOwnerBlock(IpuValue v) {
  return v->kind == IPU_VALUE_BLOCK_ARG ? ipuIrAsBlockArg(v)->owner : NULL;
}

intptr_t ipuValueGetIndex(IpuValue v) { return v->index; }

IpuBlock *ipuValueGetParentBlock(IpuValue v) {
  if (v->kind == IPU_VALUE_BLOCK_ARG)
    return ipuIrAsBlockArg(v)->owner;
  return ipuIrResultOwner(v)->block;
}

IpuLocation ipuValueGetLoc(IpuValue v) {
  if (v->kind == IPU_VALUE_BLOCK_ARG)
    return ipuIrAsBlockArg(v)->loc;
  return ipuIrResultOwner(v)->loc;
}

void ipuBlockArgumentSetLoc(IpuValue arg, IpuLocation loc) {
  if (arg->kind == IPU_VALUE_BLOCK_ARG && loc)
    ipuIrAsBlockArg(arg)->loc = loc;
}

IpuOpOperand *ipuValueGetFirstUse(IpuValue v) { return v->firstUse; }
bool ipuValueHasUses(IpuValue v) { return v->firstUse != NULL; }

bool ipuValueHasOneUse(IpuValue v) {
  return v->firstUse && !v->firstUse->nextUse;
}

void ipuValueReplaceAllUsesWith(IpuValue from, IpuValue to) {
  if (from == to)
    return;
  for (IpuOpOperand *use; (use = from->firstUse);) {
    ipuIrOperandUnlink(use);
    ipuIrOperandLink(use, to);
  }
}

IpuOpOperand *ipuOpOperandGetNextUse(IpuOpOperand *use) { return use->nextUse; }
IpuOp *ipuOpOperandGetOwner(IpuOpOperand *use) { return use->owner; }

intptr_t ipuOpOperandGetIndex(IpuOpOperand *use) {
  return use - use->owner->operands;
}

IpuValue ipuOpOperandGetValue(IpuOpOperand *use) { return use->value; }

void ipuOpOperandSet(IpuOpOperand *use, IpuValue v) {
  if (use->value == v)
    return;
  ipuIrOperandUnlink(use);
  ipuIrOperandLink(use, v);
}
