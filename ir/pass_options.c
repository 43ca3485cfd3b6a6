/* Typed pass options: the `key=value` syntax of MLIR's pass options (quotes
 * and nested braces), value parsing and printing, located pipeline errors. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pass_impl.h"

void ipuPassEmit(IpuStringCallback cb, void *userData, const char *s) {
  cb(ipuStringRefMake(s, strlen(s)), userData);
}

void ipuPassEmitF(IpuStringCallback cb, void *userData, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n >= sizeof buf)
    n = (int)sizeof buf - 1;
  cb(ipuStringRefMake(buf, (size_t)n), userData);
}

/* ---- Located errors. ---------------------------------------------------- */

IpuLogicalResult ipuPipelineErrorAt(const IpuPipelineSource *src,
                                    const char *at, const char *fmt, ...) {
  size_t offset = 0;
  if (at && at >= src->text && at <= src->text + src->length)
    offset = (size_t)(at - src->text);
  /* Line and column of `at`, and the extent of its line. */
  size_t lineStart = 0;
  unsigned line = 1;
  for (size_t i = 0; i < offset; i++)
    if (src->text[i] == '\n') {
      line++;
      lineStart = i + 1;
    }
  size_t lineEnd = offset;
  while (lineEnd < src->length && src->text[lineEnd] != '\n')
    lineEnd++;
  size_t column = offset - lineStart;

  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int msgLen = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (msgLen < 0) {
    va_end(ap2);
    return ipuEmitError(src->ctx, ipuLocUnknownGet(src->ctx),
                        "invalid pass pipeline");
  }
  char *msg = ipuAlloc(src->ctx, (size_t)msgLen + 1);
  if (!msg) {
    va_end(ap2);
    return IPU_FAILURE;
  }
  vsnprintf(msg, (size_t)msgLen + 1, fmt, ap2);
  va_end(ap2);

  size_t caretLen = column + 1;
  char *caret = ipuAlloc(src->ctx, caretLen + 1);
  if (!caret) {
    ipuFree(src->ctx, msg);
    return IPU_FAILURE;
  }
  for (size_t i = 0; i < column; i++)
    caret[i] = src->text[lineStart + i] == '\t' ? '\t' : ' ';
  caret[column] = '^';
  caret[caretLen] = '\0';

  ipuEmitError(src->ctx, ipuLocUnknownGet(src->ctx),
               "%s:%u:%zu: error: %s\n%.*s\n%s", src->bufferName, line,
               column + 1, msg, (int)(lineEnd - lineStart),
               src->text + lineStart, caret);
  ipuFree(src->ctx, caret);
  ipuFree(src->ctx, msg);
  return IPU_FAILURE;
}

/* ---- Tokenizing `key=value key2={...}`. --------------------------------- */

/* If text[i] opens a quote that closes later, returns the closing index. */
static bool skipQuoted(const char *text, size_t length, size_t *i) {
  char q = text[*i];
  if (q != '"' && q != '\'')
    return false;
  const char *close = memchr(text + *i + 1, q, length - *i - 1);
  if (!close)
    return false;
  *i = (size_t)(close - text);
  return true;
}

/* Index of the '}' matching the '{' at `open`, or `length`. */
static size_t matchBrace(const char *text, size_t length, size_t open) {
  size_t depth = 0;
  for (size_t i = open; i < length; i++) {
    if (skipQuoted(text, length, &i))
      continue;
    if (text[i] == '{')
      depth++;
    else if (text[i] == '}' && --depth == 0)
      return i;
  }
  return length;
}

static IpuStringRef trimRef(const char *s, size_t n) {
  while (n && isspace((unsigned char)*s)) {
    s++;
    n--;
  }
  while (n && isspace((unsigned char)s[n - 1]))
    n--;
  return ipuStringRefMake(s, n);
}

/* Strips one level of quotes or of enclosing braces, as MLIR does. */
static IpuStringRef unquote(IpuStringRef v) {
  if (v.length >= 2) {
    char f = v.data[0], l = v.data[v.length - 1];
    if ((f == '"' || f == '\'') && l == f)
      return trimRef(v.data + 1, v.length - 2);
    if (f == '{' && matchBrace(v.data, v.length, 0) == v.length - 1)
      return trimRef(v.data + 1, v.length - 2);
  }
  return v;
}

bool ipuPassOptionNext(const char *text, size_t length, size_t *pos,
                       IpuPassOptionToken *tok) {
  size_t i = *pos;
  while (i < length && isspace((unsigned char)text[i]))
    i++;
  if (i >= length) {
    *pos = i;
    return false;
  }
  size_t keyStart = i;
  while (i < length && text[i] != '=' && !isspace((unsigned char)text[i]))
    i++;
  tok->key = ipuStringRefMake(text + keyStart, i - keyStart);
  tok->hasValue = false;
  tok->value = ipuStringRefMake(text + i, 0);
  if (i < length && text[i] == '=') {
    size_t valueStart = ++i;
    while (i < length && !isspace((unsigned char)text[i])) {
      if (skipQuoted(text, length, &i)) {
        i++;
        continue;
      }
      if (text[i] == '{') {
        size_t close = matchBrace(text, length, i);
        i = close < length ? close + 1 : length;
        continue;
      }
      i++;
    }
    tok->hasValue = true;
    tok->value = unquote(ipuStringRefMake(text + valueStart, i - valueStart));
  }
  *pos = i;
  return true;
}

intptr_t ipuPassOptionFind(const IpuPassOptionDef *defs, intptr_t n,
                           IpuStringRef name) {
  for (intptr_t i = 0; i < n; i++)
    if (strlen(defs[i].name) == name.length &&
        memcmp(defs[i].name, name.data, name.length) == 0)
      return i;
  return -1;
}

/* ---- Values. ------------------------------------------------------------ */

static bool refEq(IpuStringRef s, const char *lit) {
  return strlen(lit) == s.length && memcmp(s.data, lit, s.length) == 0;
}

static bool parseInt64(IpuStringRef s, int64_t *out, bool *overflow) {
  s = trimRef(s.data, s.length);
  *overflow = false;
  if (s.length == 0 || s.length > 64)
    return false;
  char buf[72];
  memcpy(buf, s.data, s.length);
  buf[s.length] = '\0';
  const char *p = buf;
  bool neg = false;
  if (*p == '+' || *p == '-')
    neg = *p++ == '-';
  int base = 10;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (!*p)
    return false;
  uint64_t v = 0;
  for (; *p; p++) {
    int d;
    if (*p >= '0' && *p <= '9')
      d = *p - '0';
    else if (base == 16 && isxdigit((unsigned char)*p))
      d = tolower((unsigned char)*p) - 'a' + 10;
    else
      return false;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
      *overflow = true;
      return false;
    }
    v = v * (uint64_t)base + (uint64_t)d;
  }
  if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX) {
    *overflow = true;
    return false;
  }
  *out = neg ? (int64_t)(0 - v) : (int64_t)v;
  return true;
}

static bool enumContains(const char *values, IpuStringRef s) {
  if (!values)
    return false;
  const char *p = values;
  while (*p) {
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    IpuStringRef item = trimRef(p, n);
    if (item.length == s.length && memcmp(item.data, s.data, s.length) == 0)
      return true;
    if (!end)
      break;
    p = end + 1;
  }
  return false;
}

static void clearValue(IpuContext *ctx, IpuPassOptionValue *v) {
  ipuFree(ctx, v->stringValue);
  ipuFree(ctx, v->listValues);
  memset(v, 0, sizeof *v);
}

bool ipuPassOptionParseValue(IpuContext *ctx, const IpuPassOptionDef *def,
                             IpuStringRef text, IpuPassOptionValue *out,
                             const char **reason) {
  IpuPassOptionValue v;
  memset(&v, 0, sizeof v);
  bool overflow = false;
  switch (def->kind) {
  case IPU_OPTION_BOOL:
    if (text.length == 0 || refEq(text, "true") || refEq(text, "TRUE") ||
        refEq(text, "True") || refEq(text, "1"))
      v.boolValue = true;
    else if (refEq(text, "false") || refEq(text, "FALSE") ||
             refEq(text, "False") || refEq(text, "0"))
      v.boolValue = false;
    else {
      *reason = "expected 'true' or 'false'";
      return false;
    }
    break;
  case IPU_OPTION_INT:
    if (!parseInt64(text, &v.intValue, &overflow)) {
      *reason = overflow ? "integer out of range" : "expected an integer";
      return false;
    }
    break;
  case IPU_OPTION_DOUBLE: {
    IpuStringRef t = trimRef(text.data, text.length);
    char buf[128];
    if (t.length == 0 || t.length >= sizeof buf) {
      *reason = "expected a number";
      return false;
    }
    memcpy(buf, t.data, t.length);
    buf[t.length] = '\0';
    char *end = NULL;
    errno = 0;
    v.doubleValue = strtod(buf, &end);
    if (*end != '\0') {
      *reason = "expected a number";
      return false;
    }
    break;
  }
  case IPU_OPTION_ENUM:
    if (!enumContains(def->enumValues, text)) {
      *reason = "expected one of";
      return false;
    }
    /* fall through */
  case IPU_OPTION_STRING:
    v.stringValue = ipuStrDup(ctx, text);
    if (!v.stringValue) {
      *reason = "out of memory";
      return false;
    }
    break;
  case IPU_OPTION_INT_LIST: {
    IpuStringRef t = trimRef(text.data, text.length);
    if (t.length == 0)
      break;
    intptr_t count = 1;
    for (size_t i = 0; i < t.length; i++)
      count += t.data[i] == ',';
    v.listValues = ipuAlloc(ctx, (size_t)count * sizeof(int64_t));
    if (!v.listValues) {
      *reason = "out of memory";
      return false;
    }
    size_t start = 0;
    for (intptr_t k = 0; k < count; k++) {
      size_t end = start;
      while (end < t.length && t.data[end] != ',')
        end++;
      if (!parseInt64(ipuStringRefMake(t.data + start, end - start),
                      &v.listValues[k], &overflow)) {
        ipuFree(ctx, v.listValues);
        *reason = overflow ? "integer out of range"
                           : "expected a comma-separated list of integers";
        return false;
      }
      start = end + 1;
    }
    v.numListValues = count;
    break;
  }
  default:
    *reason = "unknown option kind";
    return false;
  }
  clearValue(ctx, out);
  *out = v;
  return true;
}

static IpuLogicalResult reportBadValue(const IpuPipelineSource *src,
                                       const char *at, const char *owner,
                                       const IpuPassOptionDef *def,
                                       IpuStringRef text, const char *reason) {
  if (def->kind == IPU_OPTION_ENUM)
    return ipuPipelineErrorAt(
        src, at, "invalid value '%.*s' for option '%s' of '%s': %s %s",
        (int)text.length, text.data, def->name, owner, reason,
        def->enumValues ? def->enumValues : "");
  return ipuPipelineErrorAt(src, at,
                            "invalid value '%.*s' for option '%s' of '%s': %s",
                            (int)text.length, text.data, def->name, owner,
                            reason);
}

IpuPassOptionValue *ipuPassOptionsCreateDefaults(
    const IpuPipelineSource *src, const char *at, const char *owner,
    const IpuPassOptionDef *defs, intptr_t n) {
  if (n <= 0)
    return NULL;
  IpuPassOptionValue *values = ipuCalloc(src->ctx, (size_t)n, sizeof *values);
  if (!values)
    return NULL;
  for (intptr_t i = 0; i < n; i++) {
    const IpuPassOptionDef *def = &defs[i];
    const char *dflt = def->defaultValue;
    if (!dflt) {
      /* false / 0 / "" / empty; an enum defaults to its first value. */
      if (def->kind == IPU_OPTION_STRING || def->kind == IPU_OPTION_ENUM) {
        IpuStringRef first = ipuStringRefMake("", 0);
        if (def->kind == IPU_OPTION_ENUM && def->enumValues) {
          const char *comma = strchr(def->enumValues, ',');
          first = trimRef(def->enumValues, comma ? (size_t)(comma - def->enumValues)
                                                 : strlen(def->enumValues));
        }
        values[i].stringValue = ipuStrDup(src->ctx, first);
        if (!values[i].stringValue) {
          ipuPassOptionsDestroy(src->ctx, values, defs, n);
          return NULL;
        }
      }
      continue;
    }
    /* Booleans need an explicit spelling: an empty default means false. */
    if (def->kind == IPU_OPTION_BOOL && dflt[0] == '\0')
      continue;
    const char *reason = NULL;
    IpuStringRef text = ipuStringRefFromCString(dflt);
    if (!ipuPassOptionParseValue(src->ctx, def, text, &values[i], &reason)) {
      ipuPipelineErrorAt(src, at,
                         "invalid default value '%s' for option '%s' of "
                         "'%s': %s",
                         dflt, def->name, owner, reason);
      ipuPassOptionsDestroy(src->ctx, values, defs, n);
      return NULL;
    }
  }
  return values;
}

void ipuPassOptionsDestroy(IpuContext *ctx, IpuPassOptionValue *values,
                           const IpuPassOptionDef *defs, intptr_t n) {
  if (!values)
    return;
  for (intptr_t i = 0; i < n; i++)
    clearValue(ctx, &values[i]);
  ipuFree(ctx, values);
}

IpuLogicalResult ipuPassOptionsParse(const IpuPipelineSource *src,
                                     const char *text, size_t length,
                                     const char *owner,
                                     const IpuPassOptionDef *defs, intptr_t n,
                                     IpuPassOptionValue *values) {
  size_t pos = 0;
  IpuPassOptionToken tok;
  while (ipuPassOptionNext(text, length, &pos, &tok)) {
    intptr_t idx = ipuPassOptionFind(defs, n, tok.key);
    if (idx < 0)
      return ipuPipelineErrorAt(src, tok.key.data,
                                "no such option '%.*s' for '%s'",
                                (int)tok.key.length, tok.key.data, owner);
    const IpuPassOptionDef *def = &defs[idx];
    if (!tok.hasValue && def->kind != IPU_OPTION_BOOL)
      return ipuPipelineErrorAt(src, tok.key.data,
                                "option '%s' of '%s' expects a value",
                                def->name, owner);
    const char *reason = NULL;
    if (!ipuPassOptionParseValue(src->ctx, def, tok.value, &values[idx],
                                 &reason))
      return reportBadValue(src, tok.hasValue ? tok.value.data : tok.key.data,
                            owner, def, tok.value, reason);
  }
  return IPU_SUCCESS;
}

/* ---- Printing. ---------------------------------------------------------- */

static void printDouble(double d, IpuStringCallback cb, void *userData) {
  char buf[64];
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (strtod(buf, NULL) == d)
      break;
  }
  ipuPassEmit(cb, userData, buf);
}

static void printString(const char *s, IpuStringCallback cb, void *userData) {
  bool plain = true;
  for (const char *p = s; *p; p++)
    if (isspace((unsigned char)*p) || *p == '{' || *p == '}' || *p == '"' ||
        *p == '\'')
      plain = false;
  if (plain) {
    ipuPassEmit(cb, userData, s);
    return;
  }
  const char *quote = strchr(s, '"') ? (strchr(s, '\'') ? NULL : "'") : "\"";
  if (quote) {
    ipuPassEmit(cb, userData, quote);
    ipuPassEmit(cb, userData, s);
    ipuPassEmit(cb, userData, quote);
    return;
  }
  /* Both quote kinds inside: braces keep it together if they balance. */
  ipuPassEmit(cb, userData, "{");
  ipuPassEmit(cb, userData, s);
  ipuPassEmit(cb, userData, "}");
}

static void printValue(const IpuPassOptionDef *def,
                       const IpuPassOptionValue *v, IpuStringCallback cb,
                       void *userData) {
  switch (def->kind) {
  case IPU_OPTION_BOOL:
    ipuPassEmit(cb, userData, v->boolValue ? "true" : "false");
    break;
  case IPU_OPTION_INT:
    ipuPassEmitF(cb, userData, "%" PRId64, v->intValue);
    break;
  case IPU_OPTION_DOUBLE:
    printDouble(v->doubleValue, cb, userData);
    break;
  case IPU_OPTION_STRING:
  case IPU_OPTION_ENUM:
    printString(v->stringValue ? v->stringValue : "", cb, userData);
    break;
  case IPU_OPTION_INT_LIST:
    for (intptr_t i = 0; i < v->numListValues; i++)
      ipuPassEmitF(cb, userData, "%s%" PRId64, i ? "," : "", v->listValues[i]);
    break;
  }
}

void ipuPassOptionPrintValue(const IpuPassOptionDef *def,
                             const IpuPassOptionValue *value,
                             IpuStringCallback cb, void *userData) {
  printValue(def, value, cb, userData);
}

void ipuPassOptionsPrint(const IpuPassOptionDef *defs, intptr_t n,
                         const IpuPassOptionValue *values,
                         IpuStringCallback cb, void *userData) {
  if (n <= 0 || !values)
    return;
  ipuPassEmit(cb, userData, "{");
  /* Sorted by name, as MLIR prints them; n is small, so select each next. */
  const char *last = NULL;
  for (intptr_t k = 0; k < n; k++) {
    intptr_t best = ipuPassNextByName(n, ipuPassOptionDefName, defs, last);
    if (best < 0)
      break;
    if (k)
      ipuPassEmit(cb, userData, " ");
    ipuPassEmit(cb, userData, defs[best].name);
    ipuPassEmit(cb, userData, "=");
    printValue(&defs[best], &values[best], cb, userData);
    last = defs[best].name;
  }
  ipuPassEmit(cb, userData, "}");
}

/* ---- Reading options inside a pass. ------------------------------------- */

static const IpuPassOptionValue *findValue(IpuPassRun *run, const char *name,
                                           IpuPassOptionKind kind) {
  if (!run || !run->entry || !run->entry->def || !name)
    return NULL;
  const IpuPassDef *def = run->entry->def;
  intptr_t idx =
      ipuPassOptionFind(def->options, def->numOptions,
                        ipuStringRefFromCString(name));
  if (idx < 0 || def->options[idx].kind != kind)
    return NULL;
  return &run->entry->options[idx];
}

IpuContext *ipuPassRunGetContext(IpuPassRun *run) {
  return run ? run->root->ctx : NULL;
}

bool ipuPassRunGetBool(IpuPassRun *run, const char *option) {
  const IpuPassOptionValue *v = findValue(run, option, IPU_OPTION_BOOL);
  return v ? v->boolValue : false;
}

int64_t ipuPassRunGetInt(IpuPassRun *run, const char *option) {
  const IpuPassOptionValue *v = findValue(run, option, IPU_OPTION_INT);
  return v ? v->intValue : 0;
}

double ipuPassRunGetDouble(IpuPassRun *run, const char *option) {
  const IpuPassOptionValue *v = findValue(run, option, IPU_OPTION_DOUBLE);
  return v ? v->doubleValue : 0.0;
}

const char *ipuPassRunGetString(IpuPassRun *run, const char *option) {
  const IpuPassOptionValue *v = findValue(run, option, IPU_OPTION_STRING);
  if (!v)
    v = findValue(run, option, IPU_OPTION_ENUM);
  return v && v->stringValue ? v->stringValue : "";
}

intptr_t ipuPassRunGetIntList(IpuPassRun *run, const char *option,
                              const int64_t **values) {
  const IpuPassOptionValue *v = findValue(run, option, IPU_OPTION_INT_LIST);
  if (values)
    *values = v ? v->listValues : NULL;
  return v ? v->numListValues : 0;
}

void ipuPassRunAddStatistic(IpuPassRun *run, const char *name, int64_t delta) {
  if (!run || !run->entry || !run->entry->def || !name)
    return;
  const IpuPassDef *def = run->entry->def;
  for (intptr_t i = 0; i < def->numStatistics; i++)
    if (strcmp(def->statistics[i].name, name) == 0) {
      run->entry->statistics[i] += delta;
      return;
    }
}

void ipuPassRunMarkAllPreserved(IpuPassRun *run) {
  if (run)
    run->allPreserved = true;
}
