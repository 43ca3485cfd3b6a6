/* Values (op results and block arguments) and their use lists: every
 * operand is linked into its value's list, so replace-all-uses is O(uses). */
#include "op_impl.h"

IpuType ipuValueGetType(IpuValue v) { return v->type; }
void ipuValueSetType(IpuValue v, IpuType t) { v->type = t; }

bool ipuValueIsBlockArgument(IpuValue v) { return ipuIrValueIsArg(v); }
bool ipuValueIsOpResult(IpuValue v) { return !ipuIrValueIsArg(v); }

IpuOp *ipuValueGetDefiningOp(IpuValue v) {
  return ipuIrValueIsArg(v) ? NULL : ipuIrResultOwner(v);
}

IpuBlock *ipuValueGetOwnerBlock(IpuValue v) {
  return ipuIrValueIsArg(v) ? ipuIrAsBlockArg(v)->owner : NULL;
}

intptr_t ipuValueGetIndex(IpuValue v) { return ipuIrValueIndex(v); }

IpuBlock *ipuValueGetParentBlock(IpuValue v) {
  if (ipuIrValueIsArg(v))
    return ipuIrAsBlockArg(v)->owner;
  return ipuIrResultOwner(v)->block;
}

IpuLocation ipuValueGetLoc(IpuValue v) {
  if (ipuIrValueIsArg(v))
    return ipuIrBlockArgLoc(ipuIrAsBlockArg(v));
  return ipuIrOpLoc(ipuIrResultOwner(v));
}

void ipuBlockArgumentSetLoc(IpuValue arg, IpuLocation loc) {
  if (ipuIrValueIsArg(arg) && loc)
    ipuIrAsBlockArg(arg)->loc = (uint64_t)(uintptr_t)loc;
}

IpuOpOperand *ipuValueGetFirstUse(IpuValue v) { return ipuIrFirstUse(v); }
bool ipuValueHasUses(IpuValue v) { return v->firstUse != 0; }

bool ipuValueHasOneUse(IpuValue v) {
  IpuOpOperand *first = ipuIrFirstUse(v);
  return first && !ipuIrNextUse(first);
}

void ipuValueReplaceAllUsesWith(IpuValue from, IpuValue to) {
  if (from == to)
    return;
  for (IpuOpOperand *use; (use = ipuIrFirstUse(from));) {
    ipuIrOperandUnlink(use);
    ipuIrOperandLink(use, to);
  }
}

IpuOpOperand *ipuOpOperandGetNextUse(IpuOpOperand *use) {
  return ipuIrNextUse(use);
}
IpuOp *ipuOpOperandGetOwner(IpuOpOperand *use) {
  return ipuIrOperandOwner(use);
}

intptr_t ipuOpOperandGetIndex(IpuOpOperand *use) {
  return use - ipuIrOperandArray(use);
}

IpuValue ipuOpOperandGetValue(IpuOpOperand *use) { return use->value; }

void ipuOpOperandSet(IpuOpOperand *use, IpuValue v) {
  if (use->value == v)
    return;
  ipuIrOperandUnlink(use);
  ipuIrOperandLink(use, v);
}
