/* ipu-docgen: writes the Markdown reference of a dialect from its registered
 * op table, so docs/dialects/ is generated and cannot drift from the code. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"

static void usage(FILE *out) {
  fputs("OVERVIEW: IPU dialect reference generator\n\n"
        "USAGE: ipu-docgen [-o <file>] <dialect>\n"
        "       ipu-docgen --all <dir>     write <dir>/<dialect>.md for each\n"
        "       ipu-docgen --list          list the registered dialects\n\n"
        "Writes the Markdown reference of a registered dialect (to standard\n"
        "output unless -o is given).\n",
        out);
}

/* ---- Output: a growable text buffer, written out at once. ------------- */

typedef struct {
  char *data;
  size_t length, capacity;
  bool failed; /* out of memory */
} Text;

static void textAppendN(Text *t, const char *s, size_t n) {
  if (t->failed)
    return;
  if (t->length + n + 1 > t->capacity) {
    size_t cap = t->capacity ? t->capacity : 4096;
    while (cap < t->length + n + 1)
      cap *= 2;
    char *grown = realloc(t->data, cap);
    if (!grown) {
      t->failed = true;
      return;
    }
    t->data = grown;
    t->capacity = cap;
  }
  memcpy(t->data + t->length, s, n);
  t->length += n;
  t->data[t->length] = '\0';
}

static void textAppend(Text *t, const char *s) { textAppendN(t, s, strlen(s)); }

static void textPrintf(Text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void textPrintf(Text *t, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof buf) {
    textAppendN(t, buf, (size_t)n);
    return;
  }
  char *big = malloc((size_t)n + 1);
  if (!big) {
    t->failed = true;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  textAppendN(t, big, (size_t)n);
  free(big);
}

static void textCallback(IpuStringRef piece, void *userData) {
  textAppendN(userData, piece.data, piece.length);
}

/* A table cell: pipes would end the cell and newlines the row. */
static void textAppendCell(Text *t, const char *s) {
  for (; s && *s; ++s) {
    if (*s == '|')
      textAppend(t, "\\|");
    else if (*s == '\n')
      textAppend(t, " ");
    else
      textAppendN(t, s, 1);
  }
}

/* ---- One op. ---------------------------------------------------------- */

/* builtin and func print as MLIR does; every other dialect uses the
 * uniform short form, which the table alone determines. */
static bool usesUniformForm(const IpuDialectDef *dialect) {
  return strcmp(dialect->name, "builtin") != 0 &&
         strcmp(dialect->name, "func") != 0;
}

static bool isVariableLength(const IpuValueDef *v) {
  return v->variadic || v->optional;
}

/* The uniform short form of `op`, in MLIR's assembly-format notation. */
static void writeSyntax(Text *t, const IpuOpDef *op) {
  textAppend(t, "Syntax:\n\n```mlir\n");
  if (op->numResults == 1 && !isVariableLength(&op->results[0]))
    textPrintf(t, "%%%s = ", op->results[0].name);
  else if (op->numResults > 0)
    textAppend(t, "%results:N = ");
  textAppend(t, op->name);
  for (intptr_t i = 0; i < op->numOperands; ++i)
    textPrintf(t, "%s %%%s%s", i ? "," : "", op->operands[i].name,
               isVariableLength(&op->operands[i]) ? "..." : "");
  if (op->numSuccessors != 0)
    textAppend(t, " [successors]");
  if (op->numRegions > 0) {
    textAppend(t, " (");
    for (intptr_t i = 0; i < op->numRegions; ++i)
      textAppend(t, i ? ", {...}" : "{...}");
    textAppend(t, ")");
  }
  textAppend(t, " attr-dict");
  if (op->numOperands == 0 && op->numResults == 0)
    ; /* no types at all */
  else if (op->numOperands == 0)
    textAppend(t, " : type(results)");
  else if (ipuOpDefHasTrait(op, IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE))
    textAppend(t, " : type");
  else if (ipuOpDefHasTrait(op, IPU_TRAIT_SAME_TYPE_SHORTHAND))
    textAppend(t, " : type (when all types agree) or "
                  "functional-type(operands, results)");
  else
    textAppend(t, " : functional-type(operands, results)");
  textAppend(t, "\n```\n\n");
}

static void writeTraits(Text *t, const IpuOpDef *op) {
  if (!op->traits)
    return;
  Text names = {0};
  ipuTraitsRender(op->traits, textCallback, &names);
  textAppend(t, "Traits:");
  const char *p = names.data ? names.data : "";
  bool first = true;
  while (*p) {
    while (*p == ' ')
      ++p;
    size_t n = strcspn(p, " ");
    if (n == 0)
      break;
    textPrintf(t, "%s `%.*s`", first ? "" : ",", (int)n, p);
    first = false;
    p += n;
  }
  textAppend(t, "\n\n");
  free(names.data);
}

static void writeValues(Text *t, const char *heading, const char *column,
                        const IpuValueDef *values, intptr_t n) {
  if (n == 0)
    return;
  textPrintf(t, "#### %s\n\n", heading);
  textPrintf(t, "| %s | Constraint | Description |\n", column);
  textAppend(t, "| :--- | :--- | :--- |\n");
  for (intptr_t i = 0; i < n; ++i) {
    const IpuValueDef *v = &values[i];
    textPrintf(t, "| `%s` | ", v->name);
    if (v->variadic)
      textAppend(t, "variadic of ");
    else if (v->optional)
      textAppend(t, "optional ");
    textAppendCell(t, ipuTypeConstraintName(v->type));
    textAppend(t, " | ");
    textAppendCell(t, v->summary);
    textAppend(t, " |\n");
  }
  textAppend(t, "\n");
}

static void writeAttrs(Text *t, const IpuOpDef *op) {
  if (op->numAttrs == 0)
    return;
  textAppend(t, "#### Attributes\n\n");
  textAppend(t, "| Attribute | Kind | Presence | Default | Description |\n");
  textAppend(t, "| :--- | :--- | :--- | :--- | :--- |\n");
  for (intptr_t i = 0; i < op->numAttrs; ++i) {
    const IpuAttrDef *a = &op->attrs[i];
    textPrintf(t, "| `%s` | ", a->name);
    textAppendCell(t, ipuAttrConstraintName(a->kind));
    textPrintf(t, " | %s | ", a->optional ? "optional" : "required");
    if (a->defaultValue) {
      textAppend(t, "`");
      textAppendCell(t, a->defaultValue);
      textAppend(t, "`");
    }
    textAppend(t, " | ");
    textAppendCell(t, a->summary);
    textAppend(t, " |\n");
  }
  textAppend(t, "\n");
}

static void writeStructure(Text *t, const IpuOpDef *op) {
  textPrintf(t, "Regions: %ld. Successors: ", (long)op->numRegions);
  if (op->numSuccessors < 0)
    textAppend(t, "any");
  else
    textPrintf(t, "%ld", (long)op->numSuccessors);
  textAppend(t, ".");
  if (op->parent)
    textPrintf(t, " Parent: `%s`.", op->parent);
  textAppend(t, "\n\n");
}

/* Which hooks the op has: what passes can expect of it. */
static void writeHooks(Text *t, const IpuOpDef *op) {
  const char *hooks[4];
  int n = 0;
  if (op->verify)
    hooks[n++] = "verifier";
  if (op->inferResultTypes)
    hooks[n++] = "result type inference";
  if (op->fold)
    hooks[n++] = "folder";
  if (op->canonicalizationPatterns)
    hooks[n++] = "canonicalization patterns";
  if (n == 0)
    return;
  textAppend(t, "Hooks:");
  for (int i = 0; i < n; ++i)
    textPrintf(t, "%s %s", i ? "," : "", hooks[i]);
  textAppend(t, ".\n\n");
}

static void writeOp(Text *t, const IpuDialectDef *dialect,
                    const IpuOpDef *op) {
  textPrintf(t, "### `%s`\n\n", op->name);
  if (op->summary)
    textPrintf(t, "_%s_\n\n", op->summary);
  if (usesUniformForm(dialect))
    writeSyntax(t, op);
  if (op->description)
    textPrintf(t, "%s\n\n", op->description);
  writeTraits(t, op);
  writeValues(t, "Operands", "Operand", op->operands, op->numOperands);
  writeValues(t, "Results", "Result", op->results, op->numResults);
  writeAttrs(t, op);
  writeStructure(t, op);
  writeHooks(t, op);
}

static void writeDialect(Text *t, const IpuDialectDef *dialect) {
  textPrintf(t,
             "<!-- Generated by ipu-docgen from "
             "dialects/%s/%s_ops.def; do not edit. -->\n\n",
             dialect->name, dialect->name);
  textPrintf(t, "# The `%s` dialect\n\n", dialect->name);
  if (dialect->summary)
    textPrintf(t, "_%s_\n\n", dialect->summary);
  if (dialect->description)
    textPrintf(t, "%s\n\n", dialect->description);
  if (dialect->numDiscardableAttrs > 0) {
    textAppend(t, "## Attributes\n\n");
    for (intptr_t i = 0; i < dialect->numDiscardableAttrs; ++i) {
      const IpuDialectAttrDef *a = &dialect->discardableAttrs[i];
      textPrintf(t, "### `%s`\n\n", a->name);
      if (a->summary)
        textPrintf(t, "_%s_\n\n", a->summary);
      if (a->description) {
        textAppend(t, a->description);
        textAppend(t, "\n\n");
      }
    }
  }
  textAppend(t, "## Operations\n\n");
  for (intptr_t i = 0; i < dialect->numOps; ++i) {
    const char *name = dialect->ops[i]->name;
    textPrintf(t, "- [`%s`](#", name);
    /* The anchor a Markdown renderer gives the heading `name`: GitHub
     * drops punctuation such as the dot. */
    for (const char *p = name; *p; ++p)
      if (*p != '.')
        textAppendN(t, p, 1);
    textAppend(t, ")\n");
  }
  textAppend(t, "\n");
  for (intptr_t i = 0; i < dialect->numOps; ++i)
    writeOp(t, dialect, dialect->ops[i]);
  /* One newline at the end, not the blank line every section leaves. */
  while (t->length >= 2 && t->data[t->length - 1] == '\n' &&
         t->data[t->length - 2] == '\n')
    t->data[--t->length] = '\0';
}

/* ---- Driver. ---------------------------------------------------------- */

static bool writeFile(const char *path, const Text *t) {
  FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "ipu-docgen: cannot open '%s' for writing\n", path);
    return false;
  }
  bool ok = fwrite(t->data, 1, t->length, f) == t->length;
  ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
  if (!ok)
    fprintf(stderr, "ipu-docgen: error writing '%s'\n", path);
  return ok;
}

static bool generate(const IpuDialectDef *dialect, const char *path) {
  Text t = {0};
  writeDialect(&t, dialect);
  bool ok = !t.failed && writeFile(path, &t);
  if (t.failed)
    fprintf(stderr, "ipu-docgen: out of memory\n");
  free(t.data);
  return ok;
}

static bool generateAll(IpuContext *ctx, const char *dir) {
  bool ok = true;
  for (intptr_t i = 0; i < ipuContextGetNumDialects(ctx); ++i) {
    const IpuDialectDef *dialect = ipuContextGetDialect(ctx, i);
    size_t size = strlen(dir) + strlen(dialect->name) + 5;
    char *path = malloc(size);
    if (!path)
      return false;
    snprintf(path, size, "%s/%s.md", dir, dialect->name);
    ok = generate(dialect, path) && ok;
    free(path);
  }
  return ok;
}

int main(int argc, char **argv) {
  const char *output = "-", *dialectName = NULL, *allDir = NULL;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(arg, "-o") == 0 && i + 1 < argc) {
      output = argv[++i];
    } else if (strcmp(arg, "--all") == 0 && i + 1 < argc) {
      allDir = argv[++i];
    } else if (strcmp(arg, "--list") == 0) {
      list = true;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      fprintf(stderr, "ipu-docgen: unknown option '%s'\n", arg);
      usage(stderr);
      return 1;
    } else if (!dialectName) {
      dialectName = arg;
    } else {
      fprintf(stderr, "ipu-docgen: more than one dialect given\n");
      return 1;
    }
  }
  if (!list && !allDir && !dialectName) {
    usage(stderr);
    return 1;
  }

  IpuContext *ctx = ipuContextCreate(NULL);
  if (!ctx) {
    fprintf(stderr, "ipu-docgen: cannot create a context\n");
    return 1;
  }
  ipuRegisterAllDialects(ctx);
  bool ok = true;
  if (list) {
    for (intptr_t i = 0; i < ipuContextGetNumDialects(ctx); ++i) {
      const IpuDialectDef *d = ipuContextGetDialect(ctx, i);
      printf("%s\t%s\n", d->name, d->summary ? d->summary : "");
    }
  } else if (allDir) {
    ok = generateAll(ctx, allDir);
  } else {
    const IpuDialectDef *dialect =
        ipuContextLookupDialect(ctx, ipuStringRefFromCString(dialectName));
    if (!dialect) {
      fprintf(stderr, "ipu-docgen: no dialect named '%s'\n", dialectName);
      ok = false;
    } else {
      ok = generate(dialect, output);
    }
  }
  ipuContextDestroy(ctx);
  return ok ? 0 : 1;
}
