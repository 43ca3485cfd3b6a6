/* What the hw verifiers share: the enclosing module, target and owner of
 * an op, buffer references resolved with located errors. */
#include <stdio.h>

#include "hw_hooks.h"

IpuOp *hwModuleOf(IpuOp *op) {
  while (op && !ipuOpIsA(op, "builtin.module"))
    op = ipuOpGetParentOp(op);
  return op;
}

IpuLogicalResult hwTargetOf(IpuOp *op, IpuTarget *t, bool *has) {
  IpuOp *module = hwModuleOf(op);
  *has = module && ipuModuleHasTarget(module);
  if (!*has)
    return IPU_SUCCESS;
  return ipuModuleGetTarget(module, false, t);
}

IpuOp *hwOwnerOf(IpuOp *inst) {
  IpuOp *program = ipuOpGetParentOp(inst);
  if (!program || !ipuOpIsA(program, "hw.program"))
    return NULL;
  IpuOp *owner = ipuOpGetParentOp(program);
  if (owner && (ipuOpIsA(owner, "hw.tile") || ipuOpIsA(owner, "hw.host")))
    return owner;
  return NULL;
}

bool hwOwnerPosition(IpuOp *owner, int64_t pos[3]) {
  if (ipuOpIsA(owner, "hw.host")) {
    pos[0] = -1, pos[1] = 0, pos[2] = 0;
    return true;
  }
  pos[0] = 0;
  dialectGetIntAttr(owner, "chip", &pos[0]);
  return dialectGetIntAttr(owner, "x", &pos[1]) &&
         dialectGetIntAttr(owner, "y", &pos[2]);
}

const char *hwPlaceText(const int64_t pos[3], char *buf, size_t size) {
  if (pos[0] < 0)
    snprintf(buf, size, "the host");
  else
    snprintf(buf, size, "(%lld, %lld, %lld)", (long long)pos[0],
             (long long)pos[1], (long long)pos[2]);
  return buf;
}

IpuType hwBufferType(const IpuOp *buffer) {
  IpuAttr a = ipuOpGetAttr(buffer, "type");
  return a && ipuAttrGetKind(a) == IPU_ATTR_TYPE ? ipuTypeAttrGetValue(a)
                                                 : NULL;
}

IpuOp *hwResolveBuffer(IpuOp *inst, IpuAttr ref, const char *what) {
  IpuOp *owner = hwOwnerOf(inst);
  DialectText text;
  if (!ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF ||
      ipuSymbolRefAttrGetNumNested(ref) != 0) {
    ipuOpEmitError(inst, "%s must be a flat symbol reference to a hw.buffer",
                   what);
    return NULL;
  }
  IpuOp *buffer = owner ? ipuSymbolLookupIn(owner, ref) : NULL;
  if (!buffer || !ipuOpIsA(buffer, "hw.buffer")) {
    ipuOpEmitError(inst, "%s %s does not name a hw.buffer of its %s", what,
                   dialectAttrText(ref, &text),
                   owner && ipuOpIsA(owner, "hw.host") ? "host" : "tile");
    return NULL;
  }
  return buffer;
}

IpuOp *hwBufferAttr(IpuOp *inst, const char *name) {
  char what[64];
  snprintf(what, sizeof what, "'%s'", name);
  return hwResolveBuffer(inst, ipuOpGetAttr(inst, name), what);
}

IpuLogicalResult hwBufferList(IpuOp *inst, const char *name, IpuOp ***out,
                              intptr_t *count) {
  *out = NULL;
  *count = 0;
  IpuAttr list = ipuOpGetAttr(inst, name);
  if (!list || ipuAttrGetKind(list) != IPU_ATTR_ARRAY)
    return ipuOpEmitError(inst, "'%s' must be an array of buffer symbols",
                          name);
  intptr_t n = ipuArrayAttrGetNumElements(list);
  if (!n)
    return IPU_SUCCESS;
  IpuContext *ctx = ipuOpGetContext(inst);
  IpuOp **buffers = ipuCalloc(ctx, (size_t)n, sizeof *buffers);
  if (!buffers)
    return ipuOpEmitError(inst, "out of memory");
  for (intptr_t i = 0; i < n; ++i) {
    char what[64];
    snprintf(what, sizeof what, "'%s' #%lld", name, (long long)i);
    buffers[i] = hwResolveBuffer(inst, ipuArrayAttrGetElement(list, i), what);
    if (!buffers[i]) {
      ipuFree(ctx, buffers);
      return IPU_FAILURE;
    }
  }
  *out = buffers;
  *count = n;
  return IPU_SUCCESS;
}

const char *hwSymbolText(const IpuOp *op, char *buf, size_t size) {
  IpuAttr name = ipuOpGetSymbolName(op);
  IpuStringRef s = name ? ipuStringAttrGetValue(name)
                        : ipuStringRefFromCString("?");
  snprintf(buf, size, "%.*s", (int)s.length, s.data);
  return buf;
}
