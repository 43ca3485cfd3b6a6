/* MLIR's textual pass pipeline syntax, `builtin.module(func.func(cse),
 * canonicalize{max-iterations=3})`, with named pipelines and located errors. */
#include <ctype.h>
#include <string.h>

#include "pass_impl.h"

typedef struct {
  const IpuPassRegistry *reg;
  IpuPipelineSource src;    /* the text being parsed */
  bool implicitNesting;     /* flags: nest passes restricted to other ops */
  int expansionDepth;       /* named pipelines being expanded */
  const IpuPassPipelineDef **expanding; /* IPU_PASS_MAX_NESTING entries */
} Parser;

static void skipSpace(const Parser *p, size_t *pos) {
  while (*pos < p->src.length && isspace((unsigned char)p->src.text[*pos]))
    (*pos)++;
}

static IpuLogicalResult errorAt(const Parser *p, size_t pos, const char *msg) {
  return ipuPipelineErrorAt(&p->src, p->src.text + pos, "%s", msg);
}

/* Index of the '}' closing the '{' at `open` (quotes respected), or
 * `length` when there is none. */
static size_t closingBrace(const Parser *p, size_t open) {
  const char *t = p->src.text;
  size_t depth = 0;
  for (size_t i = open; i < p->src.length; i++) {
    char c = t[i];
    if (c == '"' || c == '\'') {
      const char *close = memchr(t + i + 1, c, p->src.length - i - 1);
      if (close) {
        i = (size_t)(close - t);
        continue;
      }
    }
    if (c == '{')
      depth++;
    else if (c == '}' && --depth == 0)
      return i;
  }
  return p->src.length;
}

static IpuLogicalResult parseList(Parser *p, IpuPassManager *pm, size_t *pos,
                                  bool nested);

/* Expands `${NAME}` in a named pipeline with the option values given at
 * its use (or their defaults) and parses the result into `pm`. */
static IpuLogicalResult expandPipeline(Parser *p, IpuPassManager *pm,
                                       const IpuPassPipelineDef *def,
                                       size_t nameAt, const char *options,
                                       size_t optionsLength) {
  IpuContext *ctx = p->src.ctx;
  if (p->expansionDepth >= IPU_PASS_MAX_NESTING)
    return errorAt(p, nameAt, "named pass pipelines nested too deeply");
  for (int i = 0; i < p->expansionDepth; i++)
    if (p->expanding[i] == def)
      return ipuPipelineErrorAt(&p->src, p->src.text + nameAt,
                                "pass pipeline '%s' expands into itself",
                                def->name);

  IpuPassOptionValue *values = NULL;
  if (def->numOptions > 0) {
    values = ipuPassOptionsCreateDefaults(&p->src, p->src.text + nameAt,
                                          def->name, def->options,
                                          def->numOptions);
    if (!values)
      return IPU_FAILURE;
  }
  IpuLogicalResult result = IPU_SUCCESS;
  if (options) {
    if (def->numOptions > 0)
      result = ipuPassOptionsParse(&p->src, options, optionsLength, def->name,
                                   def->options, def->numOptions, values);
    else {
      size_t opos = 0;
      IpuPassOptionToken tok;
      if (ipuPassOptionNext(options, optionsLength, &opos, &tok))
        result = ipuPipelineErrorAt(&p->src, tok.key.data,
                                    "no such option '%.*s' for '%s'",
                                    (int)tok.key.length, tok.key.data,
                                    def->name);
    }
  }

  IpuStrBuf text = {.ctx = ctx};
  for (const char *s = def->text; *s && ipuSucceeded(result);) {
    const char *ref = strstr(s, "${");
    if (!ref) {
      ipuStrBufAppend(&text, s, strlen(s));
      break;
    }
    ipuStrBufAppend(&text, s, (size_t)(ref - s));
    const char *close = strchr(ref, '}');
    intptr_t idx = -1;
    if (close)
      idx = ipuPassOptionFind(def->options, def->numOptions,
                              ipuStringRefMake(ref + 2,
                                               (size_t)(close - ref - 2)));
    if (idx < 0) {
      result = ipuPipelineErrorAt(
          &p->src, p->src.text + nameAt,
          "pass pipeline '%s' refers to '%.*s', which is not one of its "
          "options",
          def->name, close ? (int)(close - ref + 1) : (int)strlen(ref), ref);
      break;
    }
    ipuPassOptionPrintValue(&def->options[idx], &values[idx],
                            ipuStrBufCallback, &text);
    s = close + 1;
  }
  if (text.failed)
    result = IPU_FAILURE;
  ipuPassOptionsDestroy(ctx, values, def->options, def->numOptions);

  if (ipuSucceeded(result) && text.length > 0) {
    size_t nameLen = strlen(def->name);
    char *bufferName = ipuAlloc(ctx, nameLen + 12);
    if (!bufferName) {
      result = IPU_FAILURE;
    } else {
      memcpy(bufferName, "<pipeline ", 10);
      memcpy(bufferName + 10, def->name, nameLen);
      bufferName[10 + nameLen] = '>';
      bufferName[11 + nameLen] = '\0';
      Parser inner = *p;
      inner.src.text = text.data;
      inner.src.length = text.length;
      inner.src.bufferName = bufferName;
      inner.expanding[inner.expansionDepth++] = def;
      size_t pos = 0;
      result = parseList(&inner, pm, &pos, false);
      ipuFree(ctx, bufferName);
    }
  }
  ipuFree(ctx, text.data);
  return result;
}

/* One element: `name`, `name{options}` or `anchor(list)`. */
static IpuLogicalResult parseElement(Parser *p, IpuPassManager *pm,
                                     size_t *pos) {
  const char *t = p->src.text;
  skipSpace(p, pos);
  size_t nameAt = *pos;
  while (*pos < p->src.length && !strchr(",(){}", t[*pos]))
    (*pos)++;
  size_t nameEnd = *pos;
  while (nameEnd > nameAt && isspace((unsigned char)t[nameEnd - 1]))
    nameEnd--;
  IpuStringRef name = ipuStringRefMake(t + nameAt, nameEnd - nameAt);
  if (name.length == 0)
    return errorAt(p, nameAt, "expected pass or pipeline name");

  if (*pos < p->src.length && t[*pos] == '(') {
    if (pm->depth + 1 >= IPU_PASS_MAX_NESTING)
      return errorAt(p, *pos, "pass pipeline nested too deeply");
    IpuPassManager *nested = ipuPassManagerCreateNested(pm, name);
    IpuPassEntry *e = nested ? ipuPassManagerAppendEntry(pm) : NULL;
    if (!e) {
      ipuPassManagerDestroyTree(nested);
      return IPU_FAILURE;
    }
    e->nested = nested;
    (*pos)++;
    if (ipuFailed(parseList(p, nested, pos, true)))
      return IPU_FAILURE;
    (*pos)++; /* the ')' that parseList stopped at */
    return IPU_SUCCESS;
  }

  const char *options = NULL;
  size_t optionsLength = 0;
  if (*pos < p->src.length && t[*pos] == '{') {
    size_t close = closingBrace(p, *pos);
    if (close >= p->src.length)
      return errorAt(p, *pos,
                     "missing closing '}' while processing pass options");
    options = t + *pos + 1;
    optionsLength = close - *pos - 1;
    *pos = close + 1;
  }

  const IpuPassPipelineDef *pipeline =
      ipuPassRegistryLookupPipelineDef(p->reg, name);
  if (pipeline)
    return expandPipeline(p, pm, pipeline, nameAt, options, optionsLength);
  const IpuPassDef *def = ipuPassRegistryLookupRef(p->reg, name);
  if (!def)
    return ipuPipelineErrorAt(
        &p->src, t + nameAt,
        "'%.*s' does not refer to a registered pass or pass pipeline",
        (int)name.length, name.data);
  return ipuPassManagerAddPassDef(pm, def, &p->src, t + nameAt, options,
                                  optionsLength, p->implicitNesting);
}

/* A comma-separated list of elements. Inside parentheses (`nested`) it
 * stops at the closing ')'; otherwise at the end of the text. */
static IpuLogicalResult parseList(Parser *p, IpuPassManager *pm, size_t *pos,
                                  bool nested) {
  skipSpace(p, pos);
  if (nested && *pos < p->src.length && p->src.text[*pos] == ')')
    return IPU_SUCCESS;
  if (!nested && *pos >= p->src.length)
    return IPU_SUCCESS;
  for (;;) {
    if (ipuFailed(parseElement(p, pm, pos)))
      return IPU_FAILURE;
    skipSpace(p, pos);
    if (*pos >= p->src.length) {
      if (nested)
        return errorAt(p, *pos,
                       "encountered unbalanced parentheses while parsing "
                       "pipeline");
      return IPU_SUCCESS;
    }
    char c = p->src.text[*pos];
    if (c == ',') {
      (*pos)++;
      continue;
    }
    if (c == ')') {
      if (nested)
        return IPU_SUCCESS;
      return errorAt(p, *pos,
                     "encountered extra closing ')' creating unbalanced "
                     "parentheses while parsing pipeline");
    }
    return errorAt(p, *pos, "expected ',' after parsing pipeline");
  }
}

static void parserInit(Parser *p, IpuPassManager *pm, const char *text,
                       const IpuPassPipelineDef **expanding, bool implicit) {
  p->reg = pm->reg;
  p->src.ctx = pm->ctx;
  p->src.text = text;
  p->src.length = strlen(text);
  p->src.bufferName = "<pipeline>";
  p->implicitNesting = implicit;
  p->expansionDepth = 0;
  p->expanding = expanding;
}

/* A parse target standing in for `pm` (same depth), so that a failed parse
 * leaves `pm` unchanged. */
static IpuPassManager *createStandIn(IpuPassManager *pm) {
  IpuPassManager *tmp;
  if (pm->parent) {
    tmp = ipuPassManagerCreateNested(pm->parent,
                                     ipuStringRefFromCString(pm->anchor));
  } else {
    tmp = ipuPassManagerCreate(pm->ctx, pm->reg, pm->anchor);
  }
  if (tmp)
    tmp->depth = pm->depth;
  return tmp;
}

IpuLogicalResult ipuPassManagerParsePipeline(IpuPassManager *pm,
                                             const char *text) {
  if (!pm || !text)
    return IPU_FAILURE;
  const IpuPassPipelineDef *expanding[IPU_PASS_MAX_NESTING];
  Parser p;
  parserInit(&p, pm, text, expanding, false);
  const char *t = p.src.text;

  size_t pos = 0;
  skipSpace(&p, &pos);
  size_t nameAt = pos;
  while (pos < p.src.length && !strchr(",(){}", t[pos]))
    pos++;
  size_t nameEnd = pos;
  while (nameEnd > nameAt && isspace((unsigned char)t[nameEnd - 1]))
    nameEnd--;
  if (pos >= p.src.length || t[pos] != '(' || nameEnd == nameAt)
    return ipuPipelineErrorAt(&p.src, t + nameAt,
                              "expected pass pipeline to be wrapped with the "
                              "anchor operation type, e.g. '%s(...)'",
                              pm->anchor);
  IpuStringRef name = ipuStringRefMake(t + nameAt, nameEnd - nameAt);
  if (strlen(pm->anchor) != name.length ||
      memcmp(pm->anchor, name.data, name.length) != 0)
    return ipuPipelineErrorAt(&p.src, t + nameAt,
                              "can't add a '%.*s' pipeline to a pass manager "
                              "that runs on '%s'",
                              (int)name.length, name.data, pm->anchor);
  pos++;
  IpuPassManager *tmp = createStandIn(pm);
  if (!tmp)
    return IPU_FAILURE;
  if (ipuFailed(parseList(&p, tmp, &pos, true))) {
    ipuPassManagerDestroyTree(tmp);
    return IPU_FAILURE;
  }
  pos++;
  skipSpace(&p, &pos);
  if (pos < p.src.length) {
    ipuPassManagerDestroyTree(tmp);
    return errorAt(&p, pos,
                   t[pos] == ')'
                       ? "encountered extra closing ')' creating unbalanced "
                         "parentheses while parsing pipeline"
                       : "unexpected text after the end of the pipeline");
  }
  return ipuPassManagerAppendAll(pm, tmp, false);
}

IpuLogicalResult ipuPassManagerAddPasses(IpuPassManager *pm,
                                         const char *passList) {
  if (!pm || !passList)
    return IPU_FAILURE;
  const IpuPassPipelineDef *expanding[IPU_PASS_MAX_NESTING];
  Parser p;
  parserInit(&p, pm, passList, expanding, true);
  IpuPassManager *tmp = createStandIn(pm);
  if (!tmp)
    return IPU_FAILURE;
  size_t pos = 0;
  if (ipuFailed(parseList(&p, tmp, &pos, false))) {
    ipuPassManagerDestroyTree(tmp);
    return IPU_FAILURE;
  }
  return ipuPassManagerAppendAll(pm, tmp, true);
}

IpuLogicalResult ipuPassManagerAddPass(IpuPassManager *pm,
                                       const char *argument,
                                       const char *options) {
  if (!pm || !argument)
    return IPU_FAILURE;
  if (!argument[0] || strpbrk(argument, ",(){} \t\n"))
    return ipuEmitError(pm->ctx, ipuLocUnknownGet(pm->ctx),
                        "'%s' does not refer to a registered pass or pass "
                        "pipeline",
                        argument);
  /* `argument{options}`: one syntax, one parser, located errors. */
  IpuStrBuf text = {.ctx = pm->ctx};
  ipuStrBufPrintf(&text, options && options[0] ? "%s{%s}" : "%s", argument,
                  options ? options : "");
  IpuLogicalResult result =
      text.failed ? IPU_FAILURE : ipuPassManagerAddPasses(pm, text.data);
  ipuFree(pm->ctx, text.data);
  return result;
}
