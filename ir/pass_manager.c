/* The pass manager: lists of passes and nested pass managers anchored on op
 * names, and running them (MLIR's OpToOpPassAdaptor semantics, sequential). */
#include <string.h>

#include "ipu/opdef.h"
#include "ipu/verifier.h"
#include "pass_impl.h"

static bool isAnyAnchor(const char *anchor) {
  return strcmp(anchor, "any") == 0;
}

static IpuPassManager *createPm(IpuContext *ctx, const IpuPassRegistry *reg,
                                IpuStringRef anchor) {
  IpuPassManager *pm = ipuCalloc(ctx, 1, sizeof *pm);
  if (!pm)
    return NULL;
  pm->ctx = ctx;
  pm->reg = reg;
  pm->verify = true;
  pm->anchor = ipuStrDup(ctx, anchor);
  if (!pm->anchor) {
    ipuFree(ctx, pm);
    return NULL;
  }
  return pm;
}

IpuPassManager *ipuPassManagerCreate(IpuContext *ctx,
                                     const IpuPassRegistry *reg,
                                     const char *anchor) {
  if (!ctx)
    return NULL;
  return createPm(ctx, reg, ipuStringRefFromCString(anchor ? anchor : "any"));
}

IpuPassManager *ipuPassManagerCreateNested(IpuPassManager *parent,
                                           IpuStringRef anchor) {
  IpuPassManager *pm = createPm(parent->ctx, parent->reg, anchor);
  if (!pm)
    return NULL;
  pm->parent = parent;
  pm->depth = parent->depth + 1;
  return pm;
}

static void destroyEntry(IpuContext *ctx, IpuPassEntry *e) {
  if (e->nested)
    ipuPassManagerDestroyTree(e->nested);
  if (e->def)
    ipuPassOptionsDestroy(ctx, e->options, e->def->options,
                          e->def->numOptions);
  ipuFree(ctx, e->statistics);
}

void ipuPassManagerDestroyTree(IpuPassManager *pm) {
  if (!pm)
    return;
  IpuContext *ctx = pm->ctx;
  for (intptr_t i = 0; i < pm->numEntries; i++)
    destroyEntry(ctx, &pm->entries[i]);
  ipuFree(ctx, pm->entries);
  ipuFree(ctx, pm->anchor);
  ipuFree(ctx, (char *)pm->printCfg.before);
  ipuFree(ctx, (char *)pm->printCfg.after);
  for (intptr_t i = 0; i < pm->numRows; i++)
    ipuFree(ctx, pm->rows[i].name);
  ipuFree(ctx, pm->rows);
  ipuFree(ctx, pm);
}

void ipuPassManagerDestroy(IpuPassManager *pm) {
  /* Nested pass managers belong to their parent. */
  if (pm && !pm->parent)
    ipuPassManagerDestroyTree(pm);
}

IpuPassManager *ipuPassManagerGetRoot(const IpuPassManager *pm) {
  while (pm->parent)
    pm = pm->parent;
  return (IpuPassManager *)pm;
}

const char *ipuPassManagerGetAnchor(const IpuPassManager *pm) {
  return pm ? pm->anchor : NULL;
}

IpuPassEntry *ipuPassManagerAppendEntry(IpuPassManager *pm) {
  if (pm->numEntries == pm->capEntries) {
    intptr_t cap = pm->capEntries ? pm->capEntries * 2 : 4;
    IpuPassEntry *e =
        ipuRealloc(pm->ctx, pm->entries, (size_t)cap * sizeof *e);
    if (!e)
      return NULL;
    pm->entries = e;
    pm->capEntries = cap;
  }
  IpuPassEntry *e = &pm->entries[pm->numEntries++];
  memset(e, 0, sizeof *e);
  return e;
}

IpuLogicalResult ipuPassManagerAppendAll(IpuPassManager *to,
                                         IpuPassManager *from, bool coalesce) {
  IpuLogicalResult result = IPU_SUCCESS;
  intptr_t i = 0;
  IpuPassEntry *last = to->numEntries ? &to->entries[to->numEntries - 1] : NULL;
  if (coalesce && last && last->nested && from->numEntries &&
      from->entries[0].nested &&
      strcmp(last->nested->anchor, from->entries[0].nested->anchor) == 0) {
    IpuPassManager *first = from->entries[0].nested;
    from->entries[0].nested = NULL;
    i = 1;
    if (ipuFailed(ipuPassManagerAppendAll(last->nested, first, false)))
      result = IPU_FAILURE;
  }
  for (; i < from->numEntries && ipuSucceeded(result); i++) {
    IpuPassEntry *e = ipuPassManagerAppendEntry(to);
    if (!e) {
      result = IPU_FAILURE;
      break;
    }
    *e = from->entries[i];
    memset(&from->entries[i], 0, sizeof from->entries[i]);
    if (e->nested)
      e->nested->parent = to;
  }
  /* Whatever could not move is destroyed with `from`. */
  if (from->numEntries > i)
    memmove(from->entries, from->entries + i,
            (size_t)(from->numEntries - i) * sizeof *from->entries);
  from->numEntries -= i;
  ipuPassManagerDestroyTree(from);
  return result;
}

IpuPassManager *ipuPassManagerNest(IpuPassManager *pm, const char *anchor) {
  if (!pm || !anchor || !anchor[0])
    return NULL;
  if (pm->depth + 1 >= IPU_PASS_MAX_NESTING) {
    ipuEmitError(pm->ctx, ipuLocUnknownGet(pm->ctx),
                 "pass pipeline nested more than %d levels deep",
                 IPU_PASS_MAX_NESTING);
    return NULL;
  }
  IpuPassManager *nested =
      ipuPassManagerCreateNested(pm, ipuStringRefFromCString(anchor));
  if (!nested)
    return NULL;
  IpuPassEntry *e = ipuPassManagerAppendEntry(pm);
  if (!e) {
    ipuPassManagerDestroyTree(nested);
    return NULL;
  }
  e->nested = nested;
  return nested;
}

IpuLogicalResult ipuPassManagerAddPassDef(IpuPassManager *pm,
                                          const IpuPassDef *def,
                                          const IpuPipelineSource *src,
                                          const char *nameAt,
                                          const char *options,
                                          size_t optionsLength,
                                          bool nestImplicitly) {
  IpuPassManager *target = pm;
  if (def->anchor && !isAnyAnchor(pm->anchor) &&
      strcmp(def->anchor, pm->anchor) != 0) {
    if (!nestImplicitly)
      return ipuPipelineErrorAt(
          src, nameAt,
          "Can't add pass '%s' restricted to '%s' on a PassManager intended "
          "to run on '%s', did you intend to nest?",
          def->argument, def->anchor, pm->anchor);
    /* Implicit nesting, as mlir-opt's flags do: reuse the nested pass
     * manager just before when it has the same anchor. */
    IpuPassEntry *last =
        pm->numEntries ? &pm->entries[pm->numEntries - 1] : NULL;
    if (last && last->nested && strcmp(last->nested->anchor, def->anchor) == 0)
      target = last->nested;
    else if (!(target = ipuPassManagerNest(pm, def->anchor)))
      return IPU_FAILURE;
  }

  IpuPassOptionValue *values = NULL;
  if (def->numOptions > 0) {
    values = ipuPassOptionsCreateDefaults(src, nameAt, def->argument,
                                          def->options, def->numOptions);
    if (!values)
      return IPU_FAILURE;
    if (options &&
        ipuFailed(ipuPassOptionsParse(src, options, optionsLength,
                                      def->argument, def->options,
                                      def->numOptions, values))) {
      ipuPassOptionsDestroy(pm->ctx, values, def->options, def->numOptions);
      return IPU_FAILURE;
    }
  } else if (options) {
    /* Any option is unknown: report the first one where it is. */
    size_t pos = 0;
    IpuPassOptionToken tok;
    if (ipuPassOptionNext(options, optionsLength, &pos, &tok))
      return ipuPipelineErrorAt(src, tok.key.data,
                                "no such option '%.*s' for '%s'",
                                (int)tok.key.length, tok.key.data,
                                def->argument);
  }
  int64_t *stats = NULL;
  if (def->numStatistics > 0) {
    stats = ipuCalloc(pm->ctx, (size_t)def->numStatistics, sizeof *stats);
    if (!stats) {
      ipuPassOptionsDestroy(pm->ctx, values, def->options, def->numOptions);
      return IPU_FAILURE;
    }
  }
  IpuPassEntry *e = ipuPassManagerAppendEntry(target);
  if (!e) {
    ipuFree(pm->ctx, stats);
    ipuPassOptionsDestroy(pm->ctx, values, def->options, def->numOptions);
    return IPU_FAILURE;
  }
  e->def = def;
  e->options = values;
  e->statistics = stats;
  return IPU_SUCCESS;
}

/* ---- Configuration. ----------------------------------------------------- */

void ipuPassManagerEnableVerifier(IpuPassManager *pm, bool enable) {
  if (pm)
    ipuPassManagerGetRoot(pm)->verify = enable;
}

void ipuPassManagerEnableTiming(IpuPassManager *pm, bool enable) {
  if (pm)
    ipuPassManagerGetRoot(pm)->timing = enable;
}

void ipuPassManagerEnableStatistics(IpuPassManager *pm, bool enable) {
  if (pm)
    ipuPassManagerGetRoot(pm)->statistics = enable;
}

void ipuPassManagerEnableIRPrinting(IpuPassManager *pm,
                                    const IpuIRPrintingConfig *cfg) {
  if (!pm)
    return;
  IpuPassManager *root = ipuPassManagerGetRoot(pm);
  ipuFree(root->ctx, (char *)root->printCfg.before);
  ipuFree(root->ctx, (char *)root->printCfg.after);
  memset(&root->printCfg, 0, sizeof root->printCfg);
  root->printing = false;
  if (!cfg || !cfg->cb)
    return;
  root->printCfg = *cfg;
  root->printCfg.before =
      cfg->before ? ipuStrDup(root->ctx, ipuStringRefFromCString(cfg->before))
                  : NULL;
  root->printCfg.after =
      cfg->after ? ipuStrDup(root->ctx, ipuStringRefFromCString(cfg->after))
                 : NULL;
  root->printing = true;
}

void ipuPassManagerRecordTiming(IpuPassManager *pm, const char *name,
                                double seconds) {
  if (!pm || !name)
    return;
  IpuPassManager *root = ipuPassManagerGetRoot(pm);
  if (root->numRows == root->capRows) {
    intptr_t cap = root->capRows ? root->capRows * 2 : 4;
    IpuPassTimingRow *r =
        ipuRealloc(root->ctx, root->rows, (size_t)cap * sizeof *r);
    if (!r)
      return;
    root->rows = r;
    root->capRows = cap;
  }
  /* Rows of the same name and side of the run accumulate. */
  for (intptr_t i = 0; i < root->numRows; i++)
    if (root->rows[i].afterRun == root->hasRun &&
        strcmp(root->rows[i].name, name) == 0) {
      root->rows[i].seconds += seconds;
      return;
    }
  char *copy = ipuStrDup(root->ctx, ipuStringRefFromCString(name));
  if (!copy)
    return;
  root->rows[root->numRows++] =
      (IpuPassTimingRow){copy, seconds, root->hasRun};
}

/* ---- Printing the pipeline. --------------------------------------------- */

static void printPm(const IpuPassManager *pm, IpuStringCallback cb,
                    void *userData) {
  ipuPassEmit(cb, userData, pm->anchor);
  ipuPassEmit(cb, userData, "(");
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    const IpuPassEntry *e = &pm->entries[i];
    if (i)
      ipuPassEmit(cb, userData, ",");
    if (e->nested) {
      printPm(e->nested, cb, userData);
      continue;
    }
    ipuPassEmit(cb, userData, e->def->argument);
    ipuPassOptionsPrint(e->def->options, e->def->numOptions, e->options, cb,
                        userData);
  }
  ipuPassEmit(cb, userData, ")");
}

void ipuPassManagerPrintPipeline(const IpuPassManager *pm,
                                 IpuStringCallback cb, void *userData) {
  if (pm && cb)
    printPm(pm, cb, userData);
}

/* ---- Running. ----------------------------------------------------------- */

/* MLIR's canScheduleOn for op-agnostic pass managers: registered ops
 * isolated from above, on which every pass of the list may run. */
static bool anyPmCanRunOn(const IpuPassManager *pm, const IpuOp *op,
                          bool requireIsolated) {
  if (requireIsolated &&
      (!ipuOpGetDef(op) || !ipuOpHasTrait(op, IPU_TRAIT_ISOLATED_FROM_ABOVE)))
    return false;
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    const IpuPassDef *def = pm->entries[i].def;
    if (def && def->anchor && !ipuOpIsA(op, def->anchor))
      return false;
  }
  return true;
}

static bool nestedPmRunsOn(const IpuPassManager *pm, const IpuOp *op) {
  if (isAnyAnchor(pm->anchor))
    return anyPmCanRunOn(pm, op, true);
  return ipuOpIsA(op, pm->anchor);
}

static IpuLogicalResult runPipeline(IpuPassManager *root, IpuPassManager *pm,
                                    IpuOp *op);

static IpuLogicalResult runPass(IpuPassManager *root, IpuPassEntry *entry,
                                IpuOp *op) {
  const IpuPassDef *def = entry->def;
  IpuContext *ctx = root->ctx;
  if (root->printing && ipuPassShouldPrintBefore(root, def))
    ipuPassPrintIR(root, true, false, def, op);

  size_t errorsBefore = ipuContextGetNumErrors(ctx);
  double start = ipuPassClockSeconds();
  IpuPassRun run = {root, entry, false};
  IpuLogicalResult result = def->run(op, &run);
  if (ipuFailed(result)) {
    if (ipuContextGetNumErrors(ctx) == errorsBefore)
      ipuEmitError(ctx, ipuOpGetLoc(op), "pass '%s' failed", def->argument);
  } else if (root->verify && !run.allPreserved) {
    if (ipuFailed(ipuOpVerify(op))) {
      ipuEmitError(ctx, ipuOpGetLoc(op),
                   "verification failed after running pass '%s'",
                   def->argument);
      result = IPU_FAILURE;
    }
  }
  entry->seconds += ipuPassClockSeconds() - start;

  if (root->printing && ipuPassShouldPrintAfter(root, def))
    ipuPassPrintIR(root, false, ipuFailed(result), def, op);
  return result;
}

/* Runs a nested pass manager on every matching op directly inside `op`. */
static IpuLogicalResult runAdaptor(IpuPassManager *root, IpuPassEntry *entry,
                                   IpuOp *op) {
  IpuPassManager *nested = entry->nested;
  double start = ipuPassClockSeconds();
  double printedBefore = root->printSeconds;
  /* Collect first: the ops to visit are fixed before any pass runs. */
  IpuOp **ops = NULL;
  intptr_t n = 0, cap = 0;
  IpuLogicalResult result = IPU_SUCCESS;
  for (intptr_t r = 0; r < ipuOpGetNumRegions(op) && ipuSucceeded(result);
       r++)
    for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(op, r)); b;
         b = ipuBlockGetNext(b))
      for (IpuOp *child = ipuBlockGetFirstOp(b); child;
           child = ipuOpGetNext(child)) {
        if (!nestedPmRunsOn(nested, child))
          continue;
        if (n == cap) {
          intptr_t newCap = cap ? cap * 2 : 16;
          IpuOp **grown =
              ipuRealloc(root->ctx, ops, (size_t)newCap * sizeof *grown);
          if (!grown) {
            result = IPU_FAILURE;
            break;
          }
          ops = grown;
          cap = newCap;
        }
        ops[n++] = child;
      }
  for (intptr_t i = 0; i < n && ipuSucceeded(result); i++)
    result = runPipeline(root, nested, ops[i]);
  ipuFree(root->ctx, ops);
  entry->seconds += ipuPassClockSeconds() - start -
                    (root->printSeconds - printedBefore);
  return result;
}

static IpuLogicalResult runPipeline(IpuPassManager *root, IpuPassManager *pm,
                                    IpuOp *op) {
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    IpuPassEntry *e = &pm->entries[i];
    IpuLogicalResult r =
        e->nested ? runAdaptor(root, e, op) : runPass(root, e, op);
    if (ipuFailed(r))
      return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

IpuLogicalResult ipuPassManagerRun(IpuPassManager *pm, IpuOp *op) {
  if (!pm || !op)
    return IPU_FAILURE;
  IpuPassManager *root = ipuPassManagerGetRoot(pm);
  if (isAnyAnchor(pm->anchor)) {
    if (!anyPmCanRunOn(pm, op, false))
      return ipuOpEmitError(
          op, "trying to schedule a pass on an unsupported operation");
  } else if (!ipuOpIsA(op, pm->anchor)) {
    return ipuEmitError(ipuOpGetContext(op), ipuOpGetLoc(op),
                        "can't run '%s' pass manager on '%s' op", pm->anchor,
                        ipuIdentCStr(ipuOpGetName(op)));
  }
  double start = ipuPassClockSeconds();
  IpuLogicalResult result = runPipeline(root, pm, op);
  root->runSeconds += ipuPassClockSeconds() - start;
  root->hasRun = true;
  return result;
}

/* ---- Statistics lookup. ------------------------------------------------- */

static int64_t sumStatistic(const IpuPassManager *pm, const char *pass,
                            const char *name) {
  int64_t sum = 0;
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    const IpuPassEntry *e = &pm->entries[i];
    if (e->nested) {
      sum += sumStatistic(e->nested, pass, name);
      continue;
    }
    if (strcmp(e->def->argument, pass) != 0)
      continue;
    for (intptr_t k = 0; k < e->def->numStatistics; k++)
      if (strcmp(e->def->statistics[k].name, name) == 0)
        sum += e->statistics[k];
  }
  return sum;
}

int64_t ipuPassManagerGetStatistic(const IpuPassManager *pm, const char *pass,
                                   const char *name) {
  if (!pm || !pass || !name)
    return 0;
  return sumStatistic(pm, pass, name);
}
