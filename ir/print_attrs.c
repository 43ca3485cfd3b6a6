/* Printing builtin attributes as MLIR does, the task loop that prints nested
 * types/attributes/locations without recursion, and ipuAttrPrint. */
#include <ctype.h>

#include "print_internal.h"

void ipuAsmPush(AsmPrinter *p, uint8_t kind, uint8_t flags, const void *ptr) {
  if (p->numTasks == p->capTasks &&
      !ipuAsmGrow(p, (void **)&p->tasks, &p->capTasks, p->numTasks + 1,
                  sizeof *p->tasks))
    return;
  PrintTask *t = &p->tasks[p->numTasks++];
  t->kind = kind;
  t->flags = flags;
  t->ptr = ptr;
}

void ipuAsmRunTasks(AsmPrinter *p, size_t base) {
  while (p->numTasks > base) {
    PrintTask t = p->tasks[--p->numTasks];
    if (p->oom) {
      /* Output is already incomplete; drain quietly. */
      continue;
    }
    switch (t.kind) {
    case TASK_LIT:
      psPuts(p->os, (const char *)t.ptr);
      break;
    case TASK_TYPE:
      ipuAsmExpandType(p, (IpuType)t.ptr);
      break;
    case TASK_ATTR:
      ipuAsmExpandAttr(p, (IpuAttr)t.ptr, (AttrTypeElision)t.flags);
      break;
    case TASK_LOC:
      ipuAsmExpandLoc(p, (IpuLocation)t.ptr, t.flags);
      break;
    case TASK_NAME:
      ipuAsmPrintKeywordOrString(p->os, ipuIdentStr((IpuIdent)t.ptr));
      break;
    }
  }
}

bool ipuAsmIsBareIdentifier(IpuStringRef s) {
  if (!s.length)
    return false;
  unsigned char c = (unsigned char)s.data[0];
  if (!isalpha(c) && c != '_')
    return false;
  for (size_t i = 1; i < s.length; i++) {
    c = (unsigned char)s.data[i];
    if (!isalnum(c) && c != '_' && c != '$' && c != '.')
      return false;
  }
  return true;
}

void ipuAsmPrintKeywordOrString(PrintStream *os, IpuStringRef s) {
  if (ipuAsmIsBareIdentifier(s))
    psStr(os, s);
  else
    psQuoted(os, s);
}

void ipuAsmPrintSymbolRef(PrintStream *os, IpuStringRef s) {
  if (!s.length) {
    psPuts(os, "@<<INVALID EMPTY SYMBOL>>");
    return;
  }
  psPutc(os, '@');
  ipuAsmPrintKeywordOrString(os, s);
}

static void printNamedAttrText(AsmPrinter *p, IpuNamedAttr na) {
  ipuAsmPrintKeywordOrString(p->os, ipuIdentStr(na.name));
  if (na.value && ipuAttrGetKind(na.value) == IPU_ATTR_UNIT)
    return;
  psWrite(p->os, " = ", 3);
  ipuAsmPrintAttr(p, na.value, ELIDE_NEVER);
}

void ipuAsmPrintNamedAttr(AsmPrinter *p, IpuNamedAttr na) {
  PrintStream *os = p->os;
  EntryCacheEntry *e = NULL;
  if (p->entryCache) {
    uint64_t h =
        ((uint64_t)(uintptr_t)na.name * 31 ^ (uint64_t)(uintptr_t)na.value) *
        0x9E3779B97F4A7C15ull;
    e = &p->entryCache[h >> 55];
    if (e->name == na.name && e->value == na.value && e->len) {
      if (os->cap - os->len >= sizeof e->text) {
        memcpy(os->buf + os->len, e->text, sizeof e->text); /* fixed size */
        os->len += e->len;
      } else {
        psWrite(os, e->text, e->len);
      }
      return;
    }
  }
  size_t start = os->len;
  uint64_t flushes = os->flushes;
  printNamedAttrText(p, na);
  size_t len = os->len - start;
  /* Within one print an attribute always prints the same text: location
   * aliases are fixed up front and a resource is recorded on first use. */
  if (e && os->flushes == flushes && len && len <= ENTRY_CACHE_TEXT) {
    e->name = na.name;
    e->value = na.value;
    e->len = (uint8_t)len;
    memcpy(e->text, os->buf + start, len);
  }
}

static bool isElided(IpuIdent name, const char *const *elided) {
  if (!elided)
    return false;
  IpuStringRef s = ipuIdentStr(name);
  for (; *elided; elided++)
    if (strlen(*elided) == s.length && !memcmp(*elided, s.data, s.length))
      return true;
  return false;
}

void ipuAsmPrintOptionalAttrDict(AsmPrinter *p, const IpuNamedAttr *attrs,
                                 intptr_t n, const char *const *elided,
                                 bool withKeyword) {
  bool first = true;
  for (intptr_t i = 0; i < n; i++) {
    if (isElided(attrs[i].name, elided))
      continue;
    if (first) {
      psPuts(p->os, withKeyword ? " attributes {" : " {");
      first = false;
    } else {
      psWrite(p->os, ", ", 2);
    }
    ipuAsmPrintNamedAttr(p, attrs[i]);
  }
  if (!first)
    psPutc(p->os, '}');
}

void ipuAsmRecordResource(AsmPrinter *p, IpuResourceBlob *blob) {
  uint32_t unused;
  if (!p->recordResources || !blob ||
      ipuPrintMapGet(&p->resourceSet, blob, &unused))
    return;
  if (!ipuAsmGrow(p, (void **)&p->resources, &p->capResources,
                  p->numResources + 1, sizeof *p->resources))
    return;
  if (!ipuPrintMapPut(p->ctx, &p->resourceSet, blob, 0)) {
    ipuAsmPrinterOutOfMemory(p);
    return;
  }
  p->resources[p->numResources++] = blob;
}

void ipuAsmPrintResourceSection(AsmPrinter *p) {
  PrintStream *os = p->os;
  bool any = false;
  for (size_t i = 0; i < p->numResources; i++) {
    IpuResourceBlob *blob = p->resources[i];
    if (!ipuResourceHasData(blob))
      continue;
    if (!any) {
      psPuts(os, "\n{-#\n  dialect_resources: {\n    builtin: {\n");
      any = true;
    } else {
      psWrite(os, ",\n", 2);
    }
    psWrite(os, "      ", 6);
    ipuAsmPrintKeywordOrString(os, ipuResourceGetName(blob));
    psWrite(os, ": \"0x", 5);
    uint32_t align = ipuResourceGetAlignment(blob);
    unsigned char le[4] = {(unsigned char)align, (unsigned char)(align >> 8),
                           (unsigned char)(align >> 16),
                           (unsigned char)(align >> 24)};
    psHex(os, le, 4);
    psHex(os, ipuResourceGetData(blob), ipuResourceGetSize(blob));
    psPutc(os, '"');
  }
  if (any)
    psPuts(os, "\n    }\n  }\n#-}\n");
}

/* Pushes ` : type` for typed attributes (nothing for none/untyped). */
static void pushTypeSuffix(AsmPrinter *p, IpuAttr a, AttrTypeElision elision) {
  if (elision == ELIDE_MUST)
    return;
  IpuType t = ipuAttrGetType(a);
  if (!t || ipuTypeGetKind(t) == IPU_TYPE_NONE)
    return;
  ipuAsmPush(p, TASK_TYPE, 0, t);
  ipuAsmPushLit(p, " : ");
}

static void printInteger(AsmPrinter *p, IpuAttr a, AttrTypeElision elision) {
  PrintStream *os = p->os;
  IpuType t = ipuAttrGetType(a);
  bool isIndex = ipuTypeGetKind(t) == IPU_TYPE_INDEX;
  unsigned width = isIndex ? 64 : ipuIntegerTypeGetWidth(t);
  IpuSignedness sign = isIndex ? IPU_SIGNLESS : ipuIntegerTypeGetSignedness(t);
  const uint64_t *words = ipuIntegerAttrGetWords(a);
  intptr_t numWords = ipuIntegerAttrGetNumWords(a);
  if (!isIndex && width == 1 && sign == IPU_SIGNLESS) {
    bool v = numWords > 0 && (words[0] & 1);
    psPuts(os, v ? "true" : "false");
    return; /* booleans always elide the type */
  }
  if (width <= 64 && numWords >= 1) {
    uint64_t v = words[0];
    if (width < 64)
      v &= ((uint64_t)1 << width) - 1;
    if (sign == IPU_UNSIGNED) {
      psUInt(os, v);
    } else {
      if (width < 64 && width && ((v >> (width - 1)) & 1))
        v |= ~(uint64_t)0 << width;
      psInt(os, (int64_t)v);
    }
  } else {
    ipuAsmPrintWideInt(p, words, numWords, width, sign != IPU_UNSIGNED);
  }
  if (elision == ELIDE_MAY && ipuTypeIsSignlessInteger(t, 64))
    return;
  if (elision == ELIDE_MUST)
    return;
  psWrite(os, " : ", 3);
  ipuAsmPrintType(p, t);
}

static void printFloatAttr(AsmPrinter *p, IpuAttr a, AttrTypeElision elision) {
  IpuType t = ipuAttrGetType(a);
  IpuFloatKind kind = ipuFloatTypeGetKind(t);
  ipuAsmPrintFloat(p->os, kind, ipuFloatAttrGetBits(a));
  if (elision == ELIDE_MUST || (elision == ELIDE_MAY && kind == IPU_F64))
    return;
  psWrite(p->os, " : ", 3);
  ipuAsmPrintType(p, t);
}

static void expandArray(AsmPrinter *p, IpuAttr a) {
  intptr_t n = ipuArrayAttrGetNumElements(a);
  psPutc(p->os, '[');
  ipuAsmPushLit(p, "]");
  for (intptr_t i = n; i-- > 0;) {
    ipuAsmPush(p, TASK_ATTR, ELIDE_MAY, ipuArrayAttrGetElement(a, i));
    if (i)
      ipuAsmPushLit(p, ", ");
  }
}

/* Values whose printing never pushes tasks: printing them directly from
 * within a task keeps the C stack flat. */
static bool printsWithoutTasks(IpuAttr v) {
  switch (ipuAttrGetKind(v)) {
  case IPU_ATTR_INTEGER:
  case IPU_ATTR_FLOAT:
  case IPU_ATTR_UNIT:
  case IPU_ATTR_SYMBOL_REF:
  case IPU_ATTR_OPAQUE:
  case IPU_ATTR_DENSE_ARRAY:
    return v != NULL;
  case IPU_ATTR_STRING: {
    IpuType t = ipuAttrGetType(v);
    switch (t ? ipuTypeGetKind(t) : IPU_TYPE_NONE) {
    case IPU_TYPE_INTEGER:
    case IPU_TYPE_INDEX:
    case IPU_TYPE_FLOAT:
    case IPU_TYPE_NONE:
      return true;
    default:
      return false;
    }
  }
  default:
    return false;
  }
}

static void expandDictionary(AsmPrinter *p, IpuAttr a) {
  intptr_t n = ipuDictionaryAttrGetNumEntries(a);
  PrintStream *os = p->os;
  psPutc(os, '{');
  if (!n) {
    psPutc(os, '}');
    return;
  }
  /* Entries whose values print without nested tasks go straight out;
   * otherwise every piece goes through the task stack. */
  bool simple = true;
  for (intptr_t i = 0; i < n && simple; i++)
    simple = printsWithoutTasks(ipuDictionaryAttrGetEntry(a, i).value);
  if (simple) {
    for (intptr_t i = 0; i < n; i++) {
      if (i)
        psWrite(os, ", ", 2);
      ipuAsmPrintNamedAttr(p, ipuDictionaryAttrGetEntry(a, i));
    }
    psPutc(os, '}');
    return;
  }
  ipuAsmPushLit(p, "}");
  for (intptr_t i = n; i-- > 0;) {
    IpuNamedAttr na = ipuDictionaryAttrGetEntry(a, i);
    bool unit = na.value && ipuAttrGetKind(na.value) == IPU_ATTR_UNIT;
    if (!unit) {
      ipuAsmPush(p, TASK_ATTR, ELIDE_NEVER, na.value);
      ipuAsmPushLit(p, " = ");
    }
    ipuAsmPush(p, TASK_NAME, 0, na.name);
    if (i)
      ipuAsmPushLit(p, ", ");
  }
}

static void expandSymbolRef(AsmPrinter *p, IpuAttr a) {
  ipuAsmPrintSymbolRef(p->os, ipuIdentStr(ipuSymbolRefAttrGetRoot(a)));
  intptr_t n = ipuSymbolRefAttrGetNumNested(a);
  for (intptr_t i = 0; i < n; i++) {
    psWrite(p->os, "::", 2);
    ipuAsmPrintSymbolRef(p->os, ipuIdentStr(ipuSymbolRefAttrGetNested(a, i)));
  }
}

void ipuAsmExpandAttr(AsmPrinter *p, IpuAttr a, AttrTypeElision elision) {
  PrintStream *os = p->os;
  if (!a) {
    psPuts(os, "<<NULL ATTRIBUTE>>");
    return;
  }
  IpuAttrKind kind = ipuAttrGetKind(a);
  if (ipuAttrIsLocation(a) && p->aliases && ipuAsmPrintAlias(p, a))
    return;
  switch (kind) {
  case IPU_ATTR_INTEGER:
    printInteger(p, a, elision);
    return;
  case IPU_ATTR_FLOAT:
    printFloatAttr(p, a, elision);
    return;
  case IPU_ATTR_STRING:
    psQuoted(os, ipuStringAttrGetValue(a));
    pushTypeSuffix(p, a, elision);
    return;
  case IPU_ATTR_UNIT:
    psWrite(os, "unit", 4);
    return;
  case IPU_ATTR_ARRAY:
    expandArray(p, a);
    return;
  case IPU_ATTR_DICTIONARY:
    expandDictionary(p, a);
    return;
  case IPU_ATTR_DENSE_ARRAY:
    ipuAsmPrintDenseArray(p, a);
    return;
  case IPU_ATTR_DENSE_ELEMENTS:
    if (ipuAsmShouldElideElements(p, a)) {
      psPuts(os, "dense_resource<__elided__>");
    } else {
      psWrite(os, "dense<", 6);
      ipuAsmPrintDenseElementsBody(p, a);
      psPutc(os, '>');
    }
    pushTypeSuffix(p, a, elision);
    return;
  case IPU_ATTR_DENSE_RESOURCE: {
    IpuResourceBlob *blob = ipuDenseResourceAttrGetBlob(a);
    psWrite(os, "dense_resource<", 15);
    if (blob)
      ipuAsmPrintKeywordOrString(os, ipuResourceGetName(blob));
    psPutc(os, '>');
    ipuAsmRecordResource(p, blob);
    pushTypeSuffix(p, a, elision);
    return;
  }
  case IPU_ATTR_SYMBOL_REF:
    expandSymbolRef(p, a);
    return;
  case IPU_ATTR_TYPE:
    ipuAsmPush(p, TASK_TYPE, 0, ipuTypeAttrGetValue(a));
    return;
  case IPU_ATTR_OPAQUE:
    ipuAsmPrintDialectSymbol(os, '#', ipuOpaqueAttrGetDialect(a),
                             ipuOpaqueAttrGetBody(a));
    return;
  case IPU_ATTR_LOC_UNKNOWN:
  case IPU_ATTR_LOC_FILE:
  case IPU_ATTR_LOC_NAME:
  case IPU_ATTR_LOC_CALLSITE:
  case IPU_ATTR_LOC_FUSED:
    /* A location used as an attribute value: never through an alias at
     * its own top level (that was tried above). */
    psWrite(os, "loc(", 4);
    ipuAsmPushLit(p, ")");
    ipuAsmPush(p, TASK_LOC, LOC_TOP_LEVEL, a);
    return;
  }
  psPuts(os, "<<UNKNOWN ATTRIBUTE>>");
}

void ipuAsmPrintAttr(AsmPrinter *p, IpuAttr a, AttrTypeElision elision) {
  size_t base = p->numTasks;
  ipuAsmPush(p, TASK_ATTR, (uint8_t)elision, a);
  ipuAsmRunTasks(p, base);
}

void ipuAttrPrint(IpuAttr a, IpuStringCallback cb, void *userData) {
  IpuContext *ctx = a ? ipuAttrGetContext(a) : NULL;
  PrintStream os;
  ipuPrintStreamInit(&os, ctx, cb, userData);
  AsmPrinter p;
  ipuAsmPrinterInit(&p, ctx, &os, NULL);
  ipuAsmPrintAttr(&p, a, ELIDE_NEVER);
  ipuAsmPrinterDispose(&p);
  ipuPrintStreamFinish(&os);
}
