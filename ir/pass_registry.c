/* The registry of passes and named pipelines, looked up by argument name,
 * and the --list-passes text. */
#include <string.h>

#include "pass_impl.h"

IpuPassRegistry *ipuPassRegistryCreate(IpuContext *ctx) {
  IpuPassRegistry *reg = ipuCalloc(ctx, 1, sizeof *reg);
  if (reg)
    reg->ctx = ctx;
  return reg;
}

void ipuPassRegistryDestroy(IpuPassRegistry *reg) {
  if (!reg)
    return;
  IpuContext *ctx = reg->ctx;
  for (intptr_t i = 0; i < reg->numPipelines; i++) {
    ipuFree(ctx, reg->pipelines[i].name);
    ipuFree(ctx, reg->pipelines[i].summary);
    ipuFree(ctx, reg->pipelines[i].text);
  }
  ipuFree(ctx, reg->pipelines);
  ipuFree(ctx, reg->passes);
  ipuFree(ctx, reg);
}

static bool refIs(IpuStringRef s, const char *name) {
  return name && strlen(name) == s.length && memcmp(s.data, name, s.length) == 0;
}

const IpuPassDef *ipuPassRegistryLookupRef(const IpuPassRegistry *reg,
                                           IpuStringRef name) {
  if (!reg)
    return NULL;
  for (intptr_t i = 0; i < reg->numPasses; i++)
    if (refIs(name, reg->passes[i]->argument))
      return reg->passes[i];
  return NULL;
}

const IpuPassPipelineDef *ipuPassRegistryLookupPipelineDef(
    const IpuPassRegistry *reg, IpuStringRef name) {
  if (!reg)
    return NULL;
  for (intptr_t i = 0; i < reg->numPipelines; i++)
    if (refIs(name, reg->pipelines[i].name))
      return &reg->pipelines[i];
  return NULL;
}

const IpuPassDef *ipuPassRegistryLookup(const IpuPassRegistry *reg,
                                        const char *argument) {
  if (!argument)
    return NULL;
  return ipuPassRegistryLookupRef(reg, ipuStringRefFromCString(argument));
}

bool ipuPassRegistryContains(const IpuPassRegistry *reg,
                             const char *argument) {
  if (!argument)
    return false;
  IpuStringRef name = ipuStringRefFromCString(argument);
  return ipuPassRegistryLookupRef(reg, name) ||
         ipuPassRegistryLookupPipelineDef(reg, name);
}

static bool nameTaken(const IpuPassRegistry *reg, const char *name) {
  return ipuPassRegistryContains(reg, name);
}

void ipuPassRegistryAddPass(IpuPassRegistry *reg, const IpuPassDef *def) {
  if (!reg || !def)
    return;
  for (intptr_t i = 0; i < reg->numPasses; i++)
    if (reg->passes[i] == def)
      return;
  if (!def->argument || !def->argument[0] || !def->run) {
    ipuEmitError(reg->ctx, ipuLocUnknownGet(reg->ctx),
                 "pass definition without an argument or a run function");
    return;
  }
  if (nameTaken(reg, def->argument)) {
    ipuEmitError(reg->ctx, ipuLocUnknownGet(reg->ctx),
                 "pass '%s' is registered twice", def->argument);
    return;
  }
  if (reg->numPasses == reg->capPasses) {
    intptr_t cap = reg->capPasses ? reg->capPasses * 2 : 16;
    const IpuPassDef **p =
        ipuRealloc(reg->ctx, reg->passes, (size_t)cap * sizeof *p);
    if (!p)
      return;
    reg->passes = p;
    reg->capPasses = cap;
  }
  reg->passes[reg->numPasses++] = def;
}

void ipuPassRegistryAddPipeline(IpuPassRegistry *reg, const char *name,
                                const char *summary, const char *pipeline,
                                const IpuPassOptionDef *options,
                                intptr_t numOptions) {
  if (!reg || !name || !name[0] || !pipeline)
    return;
  /* Registering the same pipeline again is a no-op, as for passes. */
  const IpuPassPipelineDef *old =
      ipuPassRegistryLookupPipelineDef(reg, ipuStringRefFromCString(name));
  if (old && strcmp(old->text, pipeline) == 0 && old->options == options)
    return;
  if (nameTaken(reg, name)) {
    ipuEmitError(reg->ctx, ipuLocUnknownGet(reg->ctx),
                 "pass pipeline '%s' is registered twice", name);
    return;
  }
  if (reg->numPipelines == reg->capPipelines) {
    intptr_t cap = reg->capPipelines ? reg->capPipelines * 2 : 8;
    IpuPassPipelineDef *p =
        ipuRealloc(reg->ctx, reg->pipelines, (size_t)cap * sizeof *p);
    if (!p)
      return;
    reg->pipelines = p;
    reg->capPipelines = cap;
  }
  IpuPassPipelineDef def;
  def.name = ipuStrDup(reg->ctx, ipuStringRefFromCString(name));
  def.summary =
      ipuStrDup(reg->ctx, ipuStringRefFromCString(summary ? summary : ""));
  def.text = ipuStrDup(reg->ctx, ipuStringRefFromCString(pipeline));
  def.options = options;
  def.numOptions = options ? numOptions : 0;
  if (!def.name || !def.summary || !def.text) {
    ipuFree(reg->ctx, def.name);
    ipuFree(reg->ctx, def.summary);
    ipuFree(reg->ctx, def.text);
    return;
  }
  reg->pipelines[reg->numPipelines++] = def;
}

intptr_t ipuPassRegistryGetNumPasses(const IpuPassRegistry *reg) {
  return reg ? reg->numPasses : 0;
}

const IpuPassDef *ipuPassRegistryGetPass(const IpuPassRegistry *reg,
                                         intptr_t i) {
  if (!reg || i < 0 || i >= reg->numPasses)
    return NULL;
  return reg->passes[i];
}

/* ---- --list-passes. ----------------------------------------------------- */

static const char *kindPlaceholder(IpuPassOptionKind kind) {
  switch (kind) {
  case IPU_OPTION_BOOL:
    return "";
  case IPU_OPTION_INT:
    return "=<long>";
  case IPU_OPTION_DOUBLE:
    return "=<number>";
  case IPU_OPTION_STRING:
    return "=<string>";
  case IPU_OPTION_ENUM:
    return "=<value>";
  case IPU_OPTION_INT_LIST:
    return "=<long,...>";
  }
  return "";
}

/* Width of `--name=<kind>` for an option line. */
static size_t optionWidth(const IpuPassOptionDef *def) {
  size_t w = 2 + strlen(def->name) + strlen(kindPlaceholder(def->kind));
  if (def->kind == IPU_OPTION_ENUM && def->enumValues)
    w = 2 + strlen(def->name) + 3 + strlen(def->enumValues);
  return w;
}

static void emitPadded(IpuStringCallback cb, void *userData, size_t used,
                       size_t width) {
  static const char spaces[] = "                                        ";
  size_t pad = used < width ? width - used : 1;
  while (pad) {
    size_t n = pad < sizeof spaces - 1 ? pad : sizeof spaces - 1;
    cb(ipuStringRefMake(spaces, n), userData);
    pad -= n;
  }
}

intptr_t ipuPassNextByName(intptr_t n, IpuPassNameOf nameOf,
                           const void *entries, const char *after) {
  intptr_t best = -1;
  for (intptr_t i = 0; i < n; i++) {
    const char *name = nameOf(i, entries);
    if (after && strcmp(name, after) <= 0)
      continue;
    if (best < 0 || strcmp(name, nameOf(best, entries)) < 0)
      best = i;
  }
  return best;
}

const char *ipuPassOptionDefName(intptr_t i, const void *defs) {
  return ((const IpuPassOptionDef *)defs)[i].name;
}

static const char *passArgument(intptr_t i, const void *passes) {
  return ((const IpuPassDef *const *)passes)[i]->argument;
}

static const char *pipelineName(intptr_t i, const void *pipelines) {
  return ((const IpuPassPipelineDef *)pipelines)[i].name;
}

static void printOptionLines(const IpuPassOptionDef *defs, intptr_t n,
                             size_t width, IpuStringCallback cb,
                             void *userData) {
  const char *last = NULL;
  for (intptr_t k = 0; k < n; k++) {
    intptr_t best = ipuPassNextByName(n, ipuPassOptionDefName, defs, last);
    if (best < 0)
      return;
    const IpuPassOptionDef *def = &defs[best];
    last = def->name;
    ipuPassEmit(cb, userData, "    --");
    ipuPassEmit(cb, userData, def->name);
    if (def->kind == IPU_OPTION_ENUM && def->enumValues) {
      /* "=<a|b|c>" reads better than LLVM's separate `=a` lines. */
      ipuPassEmit(cb, userData, "=<");
      for (const char *p = def->enumValues; *p; p++)
        if (*p != ' ')
          cb(ipuStringRefMake(*p == ',' ? "|" : p, 1), userData);
      ipuPassEmit(cb, userData, ">");
    } else {
      ipuPassEmit(cb, userData, kindPlaceholder(def->kind));
    }
    emitPadded(cb, userData, optionWidth(def) + 2, width + 2);
    ipuPassEmit(cb, userData, "- ");
    ipuPassEmit(cb, userData, def->help ? def->help : "");
    if (def->defaultValue && def->defaultValue[0]) {
      ipuPassEmit(cb, userData, " (default: ");
      ipuPassEmit(cb, userData, def->defaultValue);
      ipuPassEmit(cb, userData, ")");
    }
    ipuPassEmit(cb, userData, "\n");
  }
}

static void printEntry(const char *name, const char *summary,
                       const IpuPassOptionDef *options, intptr_t numOptions,
                       size_t width, IpuStringCallback cb, void *userData) {
  ipuPassEmit(cb, userData, "  --");
  ipuPassEmit(cb, userData, name);
  emitPadded(cb, userData, 2 + strlen(name), width);
  ipuPassEmit(cb, userData, "-   ");
  ipuPassEmit(cb, userData, summary ? summary : "");
  ipuPassEmit(cb, userData, "\n");
  printOptionLines(options, numOptions, width, cb, userData);
}

void ipuPassRegistryPrintList(const IpuPassRegistry *reg, IpuStringCallback cb,
                              void *userData) {
  if (!reg)
    return;
  size_t width = 0;
  for (intptr_t i = 0; i < reg->numPasses; i++) {
    const IpuPassDef *d = reg->passes[i];
    size_t w = 2 + strlen(d->argument) + 2;
    if (w > width)
      width = w;
    for (intptr_t k = 0; k < d->numOptions; k++)
      if (optionWidth(&d->options[k]) + 4 > width)
        width = optionWidth(&d->options[k]) + 4;
  }
  for (intptr_t i = 0; i < reg->numPipelines; i++) {
    const IpuPassPipelineDef *p = &reg->pipelines[i];
    size_t w = 2 + strlen(p->name) + 2;
    if (w > width)
      width = w;
    for (intptr_t k = 0; k < p->numOptions; k++)
      if (optionWidth(&p->options[k]) + 4 > width)
        width = optionWidth(&p->options[k]) + 4;
  }

  ipuPassEmit(cb, userData, "Passes:\n");
  const char *last = NULL;
  for (intptr_t k = 0; k < reg->numPasses; k++) {
    intptr_t best =
        ipuPassNextByName(reg->numPasses, passArgument, reg->passes, last);
    if (best < 0)
      break;
    const IpuPassDef *d = reg->passes[best];
    printEntry(d->argument, d->summary, d->options, d->numOptions, width, cb,
               userData);
    last = d->argument;
  }

  if (reg->numPipelines == 0)
    return;
  ipuPassEmit(cb, userData, "Pass Pipelines:\n");
  last = NULL;
  for (intptr_t k = 0; k < reg->numPipelines; k++) {
    intptr_t best = ipuPassNextByName(reg->numPipelines, pipelineName,
                                      reg->pipelines, last);
    if (best < 0)
      break;
    const IpuPassPipelineDef *p = &reg->pipelines[best];
    printEntry(p->name, p->summary, p->options, p->numOptions, width, cb,
               userData);
    last = p->name;
  }
}
