/* Printing builtin types as MLIR does (tensor<4x?xf32>, (i32) -> (f32, i64),
 * !dialect.ident<...>), one nesting level per task, and ipuTypePrint. */
#include <ctype.h>

#include "print_internal.h"

static void printScalar(PrintStream *os, IpuType t) {
  switch (ipuTypeGetKind(t)) {
  case IPU_TYPE_INTEGER: {
    IpuSignedness s = ipuIntegerTypeGetSignedness(t);
    if (s == IPU_SIGNED)
      psPutc(os, 's');
    else if (s == IPU_UNSIGNED)
      psPutc(os, 'u');
    psPutc(os, 'i');
    psUInt(os, ipuIntegerTypeGetWidth(t));
    return;
  }
  case IPU_TYPE_INDEX:
    psWrite(os, "index", 5);
    return;
  case IPU_TYPE_NONE:
    psWrite(os, "none", 4);
    return;
  case IPU_TYPE_FLOAT:
    switch (ipuFloatTypeGetKind(t)) {
    case IPU_F16:
      psWrite(os, "f16", 3);
      return;
    case IPU_BF16:
      psWrite(os, "bf16", 4);
      return;
    case IPU_F32:
      psWrite(os, "f32", 3);
      return;
    case IPU_F64:
      psWrite(os, "f64", 3);
      return;
    }
    return;
  default:
    return;
  }
}

static bool isScalar(IpuType t) {
  switch (ipuTypeGetKind(t)) {
  case IPU_TYPE_INTEGER:
  case IPU_TYPE_INDEX:
  case IPU_TYPE_NONE:
  case IPU_TYPE_FLOAT:
    return true;
  default:
    return false;
  }
}

static void printDims(PrintStream *os, IpuType t) {
  intptr_t rank = ipuShapedTypeGetRank(t);
  const int64_t *shape = ipuShapedTypeGetShape(t);
  for (intptr_t i = 0; i < rank; i++) {
    if (shape[i] == IPU_DYNAMIC)
      psPutc(os, '?');
    else
      psInt(os, shape[i]);
    psPutc(os, 'x');
  }
}

static void printVectorDims(PrintStream *os, IpuType t) {
  intptr_t rank = ipuShapedTypeGetRank(t);
  const int64_t *shape = ipuShapedTypeGetShape(t);
  const bool *scalable = ipuVectorTypeGetScalableDims(t);
  for (intptr_t i = 0; i < rank; i++) {
    bool s = scalable && scalable[i];
    if (s)
      psPutc(os, '[');
    psInt(os, shape[i]);
    if (s)
      psPutc(os, ']');
    psPutc(os, 'x');
  }
}

bool ipuAsmTryPrintSimpleType(AsmPrinter *p, IpuType t) {
  PrintStream *os = p->os;
  if (!t) {
    psPuts(os, "<<NULL TYPE>>");
    return true;
  }
  if (isScalar(t)) {
    printScalar(os, t);
    return true;
  }
  IpuTypeKind kind = ipuTypeGetKind(t);
  if (kind == IPU_TYPE_RANKED_TENSOR && !ipuRankedTensorTypeGetEncoding(t)) {
    IpuType elem = ipuShapedTypeGetElementType(t);
    if (!elem || !isScalar(elem))
      return false;
    psWrite(os, "tensor<", 7);
    printDims(os, t);
    printScalar(os, elem);
    psPutc(os, '>');
    return true;
  }
  return false;
}

/* Whether the dialect symbol body prints as `!dialect.body`: an identifier,
 * optionally followed by a `<...>` suffix. */
static bool isPrettyDialectBody(IpuStringRef body) {
  const char *s = body.data;
  size_t n = body.length, i = 0;
  if (!n || !isalpha((unsigned char)s[0]))
    return false;
  while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '_'))
    i++;
  if (i == n)
    return true;
  return s[i] == '<' && s[n - 1] == '>';
}

void ipuAsmPrintDialectSymbol(PrintStream *os, char prefix, IpuIdent dialect,
                              IpuStringRef body) {
  psPutc(os, prefix);
  psStr(os, ipuIdentStr(dialect));
  if (isPrettyDialectBody(body)) {
    psPutc(os, '.');
    psStr(os, body);
    return;
  }
  psPutc(os, '<');
  psStr(os, body);
  psPutc(os, '>');
}

/* Pushes `T0, T1, ...` (in reverse, so they print in order). */
static void pushTypeList(AsmPrinter *p, intptr_t n, IpuType (*get)(IpuType, intptr_t),
                         IpuType owner, intptr_t offset) {
  for (intptr_t i = n; i-- > 0;) {
    ipuAsmPush(p, TASK_TYPE, 0, get(owner, offset + i));
    if (i)
      ipuAsmPushLit(p, ", ");
  }
}

void ipuAsmExpandType(AsmPrinter *p, IpuType t) {
  if (ipuAsmTryPrintSimpleType(p, t))
    return;
  PrintStream *os = p->os;
  switch (ipuTypeGetKind(t)) {
  case IPU_TYPE_FUNCTION: {
    intptr_t numInputs = ipuFunctionTypeGetNumInputs(t);
    intptr_t numResults = ipuFunctionTypeGetNumResults(t);
    bool wrap = numResults != 1 ||
                ipuTypeGetKind(ipuFunctionTypeGetResult(t, 0)) == IPU_TYPE_FUNCTION;
    psPutc(os, '(');
    if (wrap)
      ipuAsmPushLit(p, ")");
    pushTypeList(p, numResults, ipuFunctionTypeGetResult, t, 0);
    if (wrap)
      ipuAsmPushLit(p, "(");
    ipuAsmPushLit(p, ") -> ");
    pushTypeList(p, numInputs, ipuFunctionTypeGetInput, t, 0);
    return;
  }
  case IPU_TYPE_VECTOR:
    psWrite(os, "vector<", 7);
    printVectorDims(os, t);
    ipuAsmPushLit(p, ">");
    ipuAsmPush(p, TASK_TYPE, 0, ipuShapedTypeGetElementType(t));
    return;
  case IPU_TYPE_RANKED_TENSOR: {
    IpuAttr enc = ipuRankedTensorTypeGetEncoding(t);
    psWrite(os, "tensor<", 7);
    printDims(os, t);
    ipuAsmPushLit(p, ">");
    if (enc) {
      ipuAsmPush(p, TASK_ATTR, ELIDE_NEVER, enc);
      ipuAsmPushLit(p, ", ");
    }
    ipuAsmPush(p, TASK_TYPE, 0, ipuShapedTypeGetElementType(t));
    return;
  }
  case IPU_TYPE_UNRANKED_TENSOR:
    psWrite(os, "tensor<*x", 9);
    ipuAsmPushLit(p, ">");
    ipuAsmPush(p, TASK_TYPE, 0, ipuShapedTypeGetElementType(t));
    return;
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF: {
    bool ranked = ipuTypeGetKind(t) == IPU_TYPE_MEMREF;
    IpuAttr layout = ranked ? ipuMemRefTypeGetLayout(t) : NULL;
    IpuAttr space = ipuMemRefTypeGetMemorySpace(t);
    if (ranked) {
      psWrite(os, "memref<", 7);
      printDims(os, t);
    } else {
      psWrite(os, "memref<*x", 9);
    }
    ipuAsmPushLit(p, ">");
    if (space) {
      ipuAsmPush(p, TASK_ATTR, ELIDE_MAY, space);
      ipuAsmPushLit(p, ", ");
    }
    if (layout) {
      ipuAsmPush(p, TASK_ATTR, ELIDE_MAY, layout);
      ipuAsmPushLit(p, ", ");
    }
    ipuAsmPush(p, TASK_TYPE, 0, ipuShapedTypeGetElementType(t));
    return;
  }
  case IPU_TYPE_COMPLEX:
    psWrite(os, "complex<", 8);
    ipuAsmPushLit(p, ">");
    ipuAsmPush(p, TASK_TYPE, 0, ipuComplexTypeGetElementType(t));
    return;
  case IPU_TYPE_TUPLE:
    psWrite(os, "tuple<", 6);
    ipuAsmPushLit(p, ">");
    pushTypeList(p, ipuTupleTypeGetNumTypes(t), ipuTupleTypeGetType, t, 0);
    return;
  case IPU_TYPE_OPAQUE:
    ipuAsmPrintDialectSymbol(os, '!', ipuOpaqueTypeGetDialect(t),
                             ipuOpaqueTypeGetBody(t));
    return;
  default:
    psPuts(os, "<<UNKNOWN TYPE>>");
    return;
  }
}

void ipuAsmPrintType(AsmPrinter *p, IpuType t) {
  TypeCacheEntry *e = NULL;
  if (p->typeCache && t) {
    uint64_t h = (uint64_t)(uintptr_t)t * 0x9E3779B97F4A7C15ull;
    e = &p->typeCache[h >> 56];
    if (e->type == t) {
      PrintStream *os = p->os;
      if (os->cap - os->len >= TYPE_CACHE_TEXT) {
        memcpy(os->buf + os->len, e->text, TYPE_CACHE_TEXT); /* fixed size */
        os->len += e->len;
      } else {
        psWrite(os, e->text, e->len);
      }
      return;
    }
  }
  PrintStream *os = p->os;
  size_t start = os->len;
  uint64_t flushes = os->flushes;
  if (!ipuAsmTryPrintSimpleType(p, t)) {
    size_t base = p->numTasks;
    ipuAsmPush(p, TASK_TYPE, 0, t);
    ipuAsmRunTasks(p, base);
  }
  if (e && os->flushes == flushes && os->len - start <= TYPE_CACHE_TEXT) {
    e->type = t;
    e->len = (uint8_t)(os->len - start);
    memcpy(e->text, os->buf + start, e->len);
  }
}

void ipuTypePrint(IpuType t, IpuStringCallback cb, void *userData) {
  IpuContext *ctx = t ? ipuTypeGetContext(t) : NULL;
  PrintStream os;
  /* Types are short: the stream's small built-in buffer does. */
  ipuPrintStreamInit(&os, NULL, cb, userData);
  AsmPrinter p;
  ipuAsmPrinterInit(&p, ctx, &os, NULL);
  ipuAsmPrintType(&p, t);
  ipuAsmPrinterDispose(&p);
  ipuPrintStreamFinish(&os);
}
