/* `(T, T) -> (T, T)`: the functional type of an op's operands and results,
 * as MLIR's printFunctionalType, with a cache of whole signatures. */
#include "op_impl.h"
#include "print_internal.h"

static void printValueType(AsmPrinter *p, IpuValue v) {
  ipuAsmPrintType(p, v ? v->type : NULL);
}

static void printSignature(AsmPrinter *p, IpuOp *op) {
  PrintStream *os = p->os;
  psPutc(os, '(');
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; i++) {
    if (i)
      psWrite(os, ", ", 2);
    printValueType(p, operands[i].value);
  }
  psWrite(os, ") -> ", 5);
  uint32_t nr = op->numResults;
  bool wrap = nr != 1 || ipuTypeGetKind(ipuIrOpResult(op, 0)->type) ==
                             IPU_TYPE_FUNCTION;
  if (wrap)
    psPutc(os, '(');
  for (uint32_t i = 0; i < nr; i++) {
    if (i)
      psWrite(os, ", ", 2);
    printValueType(p, ipuIrOpResult(op, i));
  }
  if (wrap)
    psPutc(os, ')');
}

/* The op's types as a cache key; false when they do not fit one. */
static bool signatureKey(IpuOp *op, IpuType types[SIG_CACHE_TYPES],
                         uint64_t *hash) {
  uint32_t n = op->numOperands + op->numResults;
  if (n > SIG_CACHE_TYPES)
    return false;
  uint64_t h = op->numOperands;
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < SIG_CACHE_TYPES; i++) {
    IpuType t = NULL;
    if (i < op->numOperands) {
      IpuValue v = operands[i].value;
      if (!v)
        return false;
      t = v->type;
    } else if (i < n) {
      t = ipuIrOpResult(op, i - op->numOperands)->type;
    }
    types[i] = t;
    h = (h ^ (uint64_t)(uintptr_t)t) * 0x9E3779B97F4A7C15ull;
  }
  *hash = h;
  return true;
}

void ipuAsmPrintFunctionalType(AsmPrinter *p, IpuOp *op) {
  PrintStream *os = p->os;
  IpuType types[SIG_CACHE_TYPES];
  uint64_t hash;
  if (!p->sigCache || !signatureKey(op, types, &hash)) {
    printSignature(p, op);
    return;
  }
  SigCacheEntry *e = &p->sigCache[hash >> 58];
  if (e->numOperands == op->numOperands && e->numResults == op->numResults &&
      memcmp(e->types, types, sizeof types) == 0 && e->len) {
    if (os->cap - os->len >= SIG_CACHE_TEXT) {
      memcpy(os->buf + os->len, e->text, SIG_CACHE_TEXT); /* fixed size */
      os->len += e->len;
    } else {
      psWrite(os, e->text, e->len);
    }
    return;
  }
  size_t start = os->len;
  uint64_t flushes = os->flushes;
  printSignature(p, op);
  size_t len = os->len - start;
  if (os->flushes == flushes && len <= SIG_CACHE_TEXT && len) {
    memcpy(e->types, types, sizeof types);
    e->numOperands = (uint8_t)op->numOperands;
    e->numResults = (uint8_t)op->numResults;
    e->len = (uint8_t)len;
    memcpy(e->text, os->buf + start, len);
  }
}
