/* The target description as data: IpuTarget to and from its `hw.target`
 * dictionary, on modules, and read from target files with located errors. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dialect_support.h"
#include "ipu/asm.h"
#include "ipu/target.h"

/* ---- The entries (target_fields.def). --------------------------------- */

typedef enum { KIND_INT, KIND_REAL, KIND_BOOL } FieldKind;
enum { POSITIVE, NON_NEGATIVE };

typedef struct {
  const char *key;
  FieldKind kind;
  size_t offset;        /* of the member in IpuTarget */
  int64_t min, max;     /* KIND_INT */
  int realMin;          /* KIND_REAL: POSITIVE or NON_NEGATIVE */
} FieldDef;

static const FieldDef fields[] = {
#define TARGET_INT(m, key, lo, hi, doc)                                        \
  {key, KIND_INT, offsetof(IpuTarget, m), lo, hi, 0},
#define TARGET_REAL(m, key, minKind, doc)                                      \
  {key, KIND_REAL, offsetof(IpuTarget, m), 0, 0, minKind},
#define TARGET_BOOL(m, key, doc)                                               \
  {key, KIND_BOOL, offsetof(IpuTarget, m), 0, 0, 0},
#include "hw/target_fields.def"
#undef TARGET_INT
#undef TARGET_REAL
#undef TARGET_BOOL
};
enum { NUM_FIELDS = sizeof fields / sizeof fields[0] };
static const char NAME_KEY[] = "name";

static const FieldDef *findField(IpuStringRef key) {
  for (size_t i = 0; i < NUM_FIELDS; ++i)
    if (ipuStringRefEqual(key, ipuStringRefFromCString(fields[i].key)))
      return &fields[i];
  return NULL;
}

/* ---- Where an error goes. ----------------------------------------------- */

/* Errors go to `loc`, or, for a target file whose text is at hand, to the
 * entry's name in it (attributes carry no locations of their own). */
typedef struct {
  IpuContext *ctx;
  IpuLocation loc;
  const char *text; /* NULL: no file text */
  size_t length;
  const char *filename;
} Locator;

static bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool isIdentChar(char c) {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$' || c == '.';
}

/* Skips blanks and `//` comments from `pos`. */
static size_t skipBlanks(const Locator *l, size_t pos) {
  while (pos < l->length) {
    char c = l->text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos;
    } else if (c == '/' && pos + 1 < l->length && l->text[pos + 1] == '/') {
      while (pos < l->length && l->text[pos] != '\n')
        ++pos;
    } else {
      break;
    }
  }
  return pos;
}

/* The offset of the name of the entry `key =` after `hw.target =` (bare or
 * quoted names), of `hw.target` itself when `key` is NULL or not found, or
 * SIZE_MAX. A scan of tokens that skips comments and string bodies, enough
 * to point at a dictionary key. */
static size_t findEntry(const Locator *l, const char *key) {
  size_t anchor = SIZE_MAX, pos = 0;
  while (pos < l->length) {
    char c = l->text[pos];
    size_t start = pos, nameBegin, nameEnd;
    if (c == '/' && pos + 1 < l->length && l->text[pos + 1] == '/') {
      pos = skipBlanks(l, pos);
      continue;
    }
    if (c == '"') {
      nameBegin = ++pos;
      while (pos < l->length && l->text[pos] != '"' && l->text[pos] != '\n')
        pos += l->text[pos] == '\\' ? 2 : 1;
      nameEnd = pos < l->length ? pos : l->length;
      ++pos;
    } else if (isIdentStart(c)) {
      nameBegin = pos;
      while (pos < l->length && isIdentChar(l->text[pos]))
        ++pos;
      nameEnd = pos;
    } else {
      ++pos;
      continue;
    }
    size_t after = skipBlanks(l, pos < l->length ? pos : l->length);
    if (after >= l->length || l->text[after] != '=')
      continue;
    IpuStringRef name = ipuStringRefMake(l->text + nameBegin,
                                         nameEnd - nameBegin);
    if (anchor == SIZE_MAX) {
      if (ipuStringRefEqual(name,
                            ipuStringRefFromCString(IPU_TARGET_ATTR_NAME))) {
        anchor = start;
        if (!key)
          return anchor;
      }
    } else if (ipuStringRefEqual(name, ipuStringRefFromCString(key))) {
      return start;
    }
  }
  return anchor;
}

static IpuLocation locate(const Locator *l, const char *key) {
  if (!l->text)
    return l->loc;
  size_t offset = findEntry(l, key);
  if (offset == SIZE_MAX)
    return l->loc;
  unsigned line = 1;
  size_t lineStart = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (l->text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return ipuLocFileGet(l->ctx, ipuIdentGetC(l->ctx, l->filename), line,
                       (unsigned)(offset - lineStart + 1));
}

/* ---- Attribute to IpuTarget. ------------------------------------------- */

static IpuLogicalResult readName(const Locator *l, IpuAttr dict,
                                 IpuTarget *t) {
  IpuAttr value = ipuDictionaryAttrGetC(dict, NAME_KEY);
  if (!value)
    return ipuEmitError(l->ctx, locate(l, NULL),
                        "target entry 'name' is missing");
  DialectText text;
  if (ipuAttrGetKind(value) != IPU_ATTR_STRING || ipuAttrGetType(value))
    return ipuEmitError(l->ctx, locate(l, NAME_KEY),
                        "target entry 'name' must be a string, but got %s",
                        dialectAttrText(value, &text));
  IpuStringRef name = ipuStringAttrGetValue(value);
  if (name.length == 0 || name.length >= sizeof t->name ||
      memchr(name.data, '\0', name.length))
    return ipuEmitError(l->ctx, locate(l, NAME_KEY),
                        "target entry 'name' must be 1 to %zu bytes long "
                        "without NUL bytes, but got %s",
                        sizeof t->name - 1, dialectAttrText(value, &text));
  memset(t->name, 0, sizeof t->name);
  memcpy(t->name, name.data, name.length);
  return IPU_SUCCESS;
}

static IpuLogicalResult readField(const Locator *l, IpuAttr dict,
                                  const FieldDef *f, IpuTarget *t) {
  IpuAttr value = ipuDictionaryAttrGetC(dict, f->key);
  if (!value)
    return ipuEmitError(l->ctx, locate(l, NULL),
                        "target entry '%s' is missing", f->key);
  IpuType type = ipuAttrGetType(value);
  char *member = (char *)t + f->offset;
  DialectText text;
  switch (f->kind) {
  case KIND_INT: {
    if (ipuAttrGetKind(value) != IPU_ATTR_INTEGER ||
        !ipuTypeIsSignlessInteger(type, 64))
      return ipuEmitError(l->ctx, locate(l, f->key),
                          "target entry '%s' must be a 64-bit integer (i64), "
                          "but got %s",
                          f->key, dialectAttrText(value, &text));
    int64_t v = ipuIntegerAttrGetInt(value);
    if (v < f->min || v > f->max)
      return ipuEmitError(l->ctx, locate(l, f->key),
                          "target entry '%s' must be in [%jd, %jd], but got "
                          "%jd",
                          f->key, (intmax_t)f->min, (intmax_t)f->max,
                          (intmax_t)v);
    memcpy(member, &v, sizeof v);
    return IPU_SUCCESS;
  }
  case KIND_REAL: {
    if (ipuAttrGetKind(value) != IPU_ATTR_FLOAT || !type ||
        ipuFloatTypeGetKind(type) != IPU_F64)
      return ipuEmitError(l->ctx, locate(l, f->key),
                          "target entry '%s' must be a 64-bit float (f64), "
                          "but got %s",
                          f->key, dialectAttrText(value, &text));
    double v = ipuFloatAttrGetValue(value);
    bool positive = f->realMin == POSITIVE;
    if (!isfinite(v) || v < 0 || (positive && v == 0))
      return ipuEmitError(l->ctx, locate(l, f->key),
                          "target entry '%s' must be a finite number %s 0, "
                          "but got %s",
                          f->key, positive ? ">" : ">=",
                          dialectAttrText(value, &text));
    memcpy(member, &v, sizeof v);
    return IPU_SUCCESS;
  }
  case KIND_BOOL: {
    if (!ipuAttrIsBool(value))
      return ipuEmitError(l->ctx, locate(l, f->key),
                          "target entry '%s' must be a bool (true or false), "
                          "but got %s",
                          f->key, dialectAttrText(value, &text));
    bool v = ipuBoolAttrGetValue(value);
    memcpy(member, &v, sizeof v);
    return IPU_SUCCESS;
  }
  }
  return IPU_FAILURE;
}

static IpuLogicalResult fromAttr(const Locator *l, IpuAttr attr,
                                 IpuTarget *out) {
  DialectText text;
  if (!attr || ipuAttrGetKind(attr) != IPU_ATTR_DICTIONARY)
    return ipuEmitError(l->ctx, locate(l, NULL),
                        "'" IPU_TARGET_ATTR_NAME "' must be a dictionary of "
                        "target entries, but got %s",
                        dialectAttrText(attr, &text));
  /* Unknown names first: a misspelt entry is also a missing one, and its
   * own name is the better clue. */
  for (intptr_t i = 0; i < ipuDictionaryAttrGetNumEntries(attr); ++i) {
    IpuStringRef key = ipuIdentStr(ipuDictionaryAttrGetEntry(attr, i).name);
    if (findField(key) ||
        ipuStringRefEqual(key, ipuStringRefFromCString(NAME_KEY)))
      continue;
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)key.length, key.data);
    return ipuEmitError(l->ctx, locate(l, name), "unknown target entry '%s'",
                        name);
  }
  IpuTarget t;
  memset(&t, 0, sizeof t);
  if (ipuFailed(readName(l, attr, &t)))
    return IPU_FAILURE;
  for (size_t i = 0; i < NUM_FIELDS; ++i)
    if (ipuFailed(readField(l, attr, &fields[i], &t)))
      return IPU_FAILURE;
  if (t.chips > 1 && t.chipLinkBytesPerSecond == 0)
    return ipuEmitError(l->ctx, locate(l, "chip_link_bytes_per_second"),
                        "target entry 'chip_link_bytes_per_second' must be > "
                        "0 when there are several chips ('chips' is %jd)",
                        (intmax_t)t.chips);
  *out = t;
  return IPU_SUCCESS;
}

IpuLogicalResult ipuTargetFromAttr(IpuContext *ctx, IpuLocation loc,
                                   IpuAttr attr, IpuTarget *t) {
  Locator l = {ctx, loc, NULL, 0, NULL};
  return fromAttr(&l, attr, t);
}

/* ---- IpuTarget to attribute. ------------------------------------------- */

IpuAttr ipuTargetToAttr(IpuContext *ctx, const IpuTarget *t) {
  IpuNamedAttr entries[NUM_FIELDS + 1];
  IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  IpuType f64 = ipuFloatTypeGet(ctx, IPU_F64);
  for (size_t i = 0; i < NUM_FIELDS; ++i) {
    const FieldDef *f = &fields[i];
    const char *member = (const char *)t + f->offset;
    IpuAttr value = NULL;
    if (f->kind == KIND_INT) {
      int64_t v;
      memcpy(&v, member, sizeof v);
      value = ipuIntegerAttrGet(ctx, i64, v);
    } else if (f->kind == KIND_REAL) {
      double v;
      memcpy(&v, member, sizeof v);
      value = ipuFloatAttrGet(ctx, f64, v);
    } else {
      bool v;
      memcpy(&v, member, sizeof v);
      value = ipuBoolAttrGet(ctx, v);
    }
    if (!value)
      return NULL;
    entries[i].name = ipuIdentGetC(ctx, f->key);
    entries[i].value = value;
  }
  entries[NUM_FIELDS].name = ipuIdentGetC(ctx, NAME_KEY);
  entries[NUM_FIELDS].value = ipuStringAttrGet(
      ctx, ipuStringRefMake(t->name, strnlen(t->name, sizeof t->name)), NULL);
  if (!entries[NUM_FIELDS].value)
    return NULL;
  return ipuDictionaryAttrGet(ctx, NUM_FIELDS + 1, entries);
}

double ipuTargetPeakMacsPerSecond(const IpuTarget *t) {
  double steps = t->bitSerialInputs ? (double)t->inputBits : 1.0;
  double arrays = (double)t->chips * (double)t->gridCols * (double)t->gridRows;
  double cells = (double)t->arrayRows * (double)t->arrayCols;
  return arrays * cells * t->clockHz / ((double)t->arrayStepCycles * steps);
}

/* ---- On modules. -------------------------------------------------------- */

bool ipuModuleHasTarget(IpuOp *module) {
  return module && ipuOpGetAttr(module, IPU_TARGET_ATTR_NAME) != NULL;
}

IpuLogicalResult ipuModuleGetTarget(IpuOp *module, bool required,
                                    IpuTarget *t) {
  IpuAttr attr = ipuOpGetAttr(module, IPU_TARGET_ATTR_NAME);
  if (!attr) {
    if (required)
      ipuOpEmitError(module, "has no target: give one with "
                             "--target=NAME|FILE (the '" IPU_TARGET_ATTR_NAME
                             "' attribute)");
    return IPU_FAILURE;
  }
  return ipuTargetFromAttr(ipuOpGetContext(module), ipuOpGetLoc(module), attr,
                           t);
}

static bool isModule(const IpuOp *op) {
  return strcmp(ipuIdentCStr(ipuOpGetName(op)), "builtin.module") == 0;
}

IpuLogicalResult ipuModuleSetTarget(IpuOp *module, const IpuTarget *t) {
  if (!isModule(module))
    return ipuOpEmitError(module, "cannot hold a target: '" IPU_TARGET_ATTR_NAME
                                  "' belongs on a 'builtin.module'");
  IpuContext *ctx = ipuOpGetContext(module);
  IpuAttr attr = ipuTargetToAttr(ctx, t);
  IpuTarget checked;
  /* A target built by hand is checked as a file's would be. */
  if (!attr || ipuFailed(ipuTargetFromAttr(ctx, ipuOpGetLoc(module), attr,
                                           &checked)))
    return IPU_FAILURE;
  ipuOpSetAttr(module, IPU_TARGET_ATTR_NAME, attr);
  return IPU_SUCCESS;
}

/* ---- Target files. ------------------------------------------------------ */

IpuLogicalResult ipuTargetParse(IpuContext *ctx, const char *filename,
                                const char *text, size_t length,
                                IpuTarget *t) {
  IpuParseOptions options = {0};
  options.filename = filename;
  /* Only the attribute matters, checked below with entry locations. */
  options.skipVerify = true;
  IpuOp *module = ipuParseSource(ctx, text, length, &options);
  if (!module)
    return IPU_FAILURE;
  /* A wrapped module (several top-level ops) has no location in the file. */
  IpuLocation loc = ipuLocFindFileLoc(ipuOpGetLoc(module));
  if (!loc || ipuLocFileGetLine(loc) == 0)
    loc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, filename), 1, 1);
  Locator l = {ctx, loc, text, length, filename};
  IpuAttr attr = ipuOpGetAttr(module, IPU_TARGET_ATTR_NAME);
  IpuLogicalResult result =
      attr ? fromAttr(&l, attr, t)
           : ipuEmitError(ctx, l.loc,
                          "target file has no '" IPU_TARGET_ATTR_NAME
                          "' attribute on its module (expected `module "
                          "attributes {" IPU_TARGET_ATTR_NAME
                          " = {...}} {}`)");
  ipuOpDestroy(module);
  return result;
}

/* Target files are a few hundred bytes; this bounds what a wrong path
 * (a device, a model) can make us read. */
enum { MAX_TARGET_FILE_BYTES = 1 << 24 };

static void knownNames(char *out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (const char *const *n = ipuTargetPresetNames(); *n && used < size; ++n) {
    int w = snprintf(out + used, size - used, "%s%s",
                     n == ipuTargetPresetNames() ? "" : ", ", *n);
    if (w < 0)
      break;
    used += (size_t)w;
  }
}

IpuLogicalResult ipuTargetResolve(IpuContext *ctx, IpuLocation loc,
                                  const char *spec, IpuTarget *t) {
  if (ipuTargetGetPreset(spec, t))
    return IPU_SUCCESS;
  FILE *f = fopen(spec, "rb");
  int error = errno;
  struct stat st;
  bool regular = f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
  if (!regular) {
    if (f)
      fclose(f);
    /* A bare word is meant as a preset name; anything path-like as a file. */
    if (!strchr(spec, '/') && !strchr(spec, '.')) {
      char known[256];
      knownNames(known, sizeof known);
      return ipuEmitError(ctx, loc, "unknown target '%s' (known: %s)", spec,
                          known);
    }
    if (!f)
      return ipuEmitError(ctx, loc, "cannot open target file '%s': %s", spec,
                          strerror(error));
    return ipuEmitError(ctx, loc, "target file '%s' is not a regular file",
                        spec);
  }
  size_t capacity = 4096, length = 0;
  char *text = ipuAlloc(ctx, capacity);
  bool tooLarge = false;
  while (text) {
    if (length + 1 >= capacity) {
      if (capacity >= MAX_TARGET_FILE_BYTES) {
        tooLarge = true;
        break;
      }
      char *grown = ipuRealloc(ctx, text, capacity * 2);
      if (!grown) {
        ipuFree(ctx, text);
        text = NULL;
        break;
      }
      text = grown;
      capacity *= 2;
    }
    size_t n = fread(text + length, 1, capacity - 1 - length, f);
    length += n;
    if (n == 0)
      break;
  }
  bool readError = ferror(f);
  fclose(f);
  IpuLogicalResult result = IPU_FAILURE;
  if (!text)
    ipuEmitError(ctx, loc, "out of memory reading target file '%s'", spec);
  else if (tooLarge)
    ipuEmitError(ctx, loc, "target file '%s' is larger than %d bytes", spec,
                 MAX_TARGET_FILE_BYTES);
  else if (readError)
    ipuEmitError(ctx, loc, "cannot read target file '%s'", spec);
  else {
    text[length] = '\0';
    result = ipuTargetParse(ctx, spec, text, length, t);
  }
  ipuFree(ctx, text);
  return result;
}
