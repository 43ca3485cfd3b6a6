/* Pass instrumentation: IR dumps before/after passes, and the timing and
 * statistics reports in MLIR's layout (--mlir-timing, --mlir-pass-statistics). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipu/asm.h"
#include "pass_impl.h"

double ipuPassClockSeconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
    return 0.0;
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- IR printing. ------------------------------------------------------- */

/* True if `argument` is one of the comma-separated names in `list`. */
static bool listContains(const char *list, const char *argument) {
  if (!list)
    return false;
  size_t n = strlen(argument);
  const char *p = list;
  for (;;) {
    while (*p == ' ')
      p++;
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    while (len && p[len - 1] == ' ')
      len--;
    if (len == n && memcmp(p, argument, n) == 0)
      return true;
    if (!end)
      return false;
    p = end + 1;
  }
}

bool ipuPassShouldPrintBefore(const IpuPassManager *root,
                              const IpuPassDef *def) {
  return root->printCfg.beforeAll ||
         listContains(root->printCfg.before, def->argument);
}

bool ipuPassShouldPrintAfter(const IpuPassManager *root,
                             const IpuPassDef *def) {
  return root->printCfg.afterAll ||
         listContains(root->printCfg.after, def->argument);
}

typedef struct {
  IpuStringCallback cb;
  void *userData;
  char last; /* last character written, to end the dump with one blank line */
} TrackingSink;

static void trackingWrite(IpuStringRef piece, void *userData) {
  TrackingSink *s = userData;
  if (piece.length == 0)
    return;
  s->last = piece.data[piece.length - 1];
  s->cb(piece, s->userData);
}

void ipuPassPrintIR(IpuPassManager *root, bool before, bool failed,
                    const IpuPassDef *def, IpuOp *op) {
  double start = ipuPassClockSeconds();
  const IpuIRPrintingConfig *cfg = &root->printCfg;
  TrackingSink sink = {cfg->cb, cfg->userData, '\n'};
  ipuPassEmit(trackingWrite, &sink, "// -----// IR Dump ");
  ipuPassEmit(trackingWrite, &sink, before ? "Before " : "After ");
  ipuPassEmit(trackingWrite, &sink, def->argument);
  if (failed)
    ipuPassEmit(trackingWrite, &sink, " Failed");
  ipuPassEmit(trackingWrite, &sink, " (");
  ipuPassEmit(trackingWrite, &sink, def->argument);
  ipuPassEmit(trackingWrite, &sink, ") //----- //\n");
  IpuPrintOptions opts;
  ipuPrintOptionsInit(&opts);
  /* IR a pass left broken may not satisfy custom printers. */
  opts.generic = cfg->generic || failed;
  opts.debugInfo = cfg->debugInfo;
  ipuOpPrint(op, &opts, trackingWrite, &sink);
  ipuPassEmit(trackingWrite, &sink, sink.last == '\n' ? "\n" : "\n\n");
  /* Kept out of the pipelines' times, as it is out of the passes'. */
  root->printSeconds += ipuPassClockSeconds() - start;
}

/* ---- Report banners. ---------------------------------------------------- */

static void printBanner(IpuStringCallback cb, void *userData,
                        const char *title) {
  static const char rule[] =
      "===-------------------------------------------------------------------"
      "------===\n";
  ipuPassEmit(cb, userData, rule);
  size_t padding = (80 - strlen(title)) / 2;
  for (size_t i = 0; i < padding; i++)
    ipuPassEmit(cb, userData, " ");
  ipuPassEmit(cb, userData, title);
  ipuPassEmit(cb, userData, "\n");
  ipuPassEmit(cb, userData, rule);
}

static void printIndent(IpuStringCallback cb, void *userData, int indent) {
  for (int i = 0; i < indent; i++)
    ipuPassEmit(cb, userData, " ");
}

/* ---- Timing. ------------------------------------------------------------ */

static void printTimeRow(IpuStringCallback cb, void *userData, double t,
                         double total, int indent, const char *name,
                         const char *suffix) {
  double percent = total > 0 ? 100.0 * t / total : 0.0;
  ipuPassEmitF(cb, userData, "  %8.4f (%5.1f%%)  ", t, percent);
  printIndent(cb, userData, indent);
  ipuPassEmit(cb, userData, name);
  ipuPassEmit(cb, userData, suffix);
  ipuPassEmit(cb, userData, "\n");
}

static void printPmTimes(const IpuPassManager *pm, IpuStringCallback cb,
                         void *userData, double total, int indent) {
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    const IpuPassEntry *e = &pm->entries[i];
    if (e->nested) {
      char name[160];
      snprintf(name, sizeof name, "'%s' Pipeline", e->nested->anchor);
      printTimeRow(cb, userData, e->seconds, total, indent, name, "");
      printPmTimes(e->nested, cb, userData, total, indent + 2);
    } else {
      printTimeRow(cb, userData, e->seconds, total, indent, e->def->argument,
                   "");
    }
  }
}

void ipuPassManagerPrintTiming(const IpuPassManager *pm, IpuStringCallback cb,
                               void *userData) {
  if (!pm || !cb)
    return;
  const IpuPassManager *root = ipuPassManagerGetRoot(pm);
  double total = root->runSeconds;
  for (intptr_t i = 0; i < root->numRows; i++)
    total += root->rows[i].seconds;
  double accounted = 0;
  for (intptr_t i = 0; i < root->numRows; i++)
    accounted += root->rows[i].seconds;
  for (intptr_t i = 0; i < root->numEntries; i++)
    accounted += root->entries[i].seconds;

  printBanner(cb, userData, "... Execution time report ...");
  ipuPassEmitF(cb, userData, "  Total Execution Time: %.4f seconds\n\n",
               total);
  ipuPassEmit(cb, userData, "  ----Wall Time----  ----Name----\n");
  for (intptr_t i = 0; i < root->numRows; i++)
    if (!root->rows[i].afterRun)
      printTimeRow(cb, userData, root->rows[i].seconds, total, 0,
                   root->rows[i].name, "");
  printPmTimes(root, cb, userData, total, 0);
  for (intptr_t i = 0; i < root->numRows; i++)
    if (root->rows[i].afterRun)
      printTimeRow(cb, userData, root->rows[i].seconds, total, 0,
                   root->rows[i].name, "");
  double rest = total - accounted;
  printTimeRow(cb, userData, rest > 0 ? rest : 0.0, total, 0, "Rest", "");
  printTimeRow(cb, userData, total, total, 0, "Total", "");
}

/* ---- Statistics. -------------------------------------------------------- */

static size_t decimalWidth(int64_t v) {
  char buf[32];
  return (size_t)snprintf(buf, sizeof buf, "%" PRId64, v);
}

static void printPassStatistics(const IpuPassEntry *e, IpuStringCallback cb,
                                void *userData, int indent) {
  const IpuPassDef *def = e->def;
  printIndent(cb, userData, indent);
  ipuPassEmit(cb, userData, def->argument);
  ipuPassEmit(cb, userData, "\n");
  size_t nameWidth = 0, valueWidth = 0;
  for (intptr_t k = 0; k < def->numStatistics; k++) {
    size_t n = strlen(def->statistics[k].name);
    if (n > nameWidth)
      nameWidth = n;
    size_t w = decimalWidth(e->statistics[k]);
    if (w > valueWidth)
      valueWidth = w;
  }
  /* Sorted by name, as MLIR prints them. */
  const char *last = NULL;
  for (intptr_t k = 0; k < def->numStatistics; k++) {
    intptr_t best = -1;
    for (intptr_t i = 0; i < def->numStatistics; i++) {
      if (last && strcmp(def->statistics[i].name, last) <= 0)
        continue;
      if (best < 0 ||
          strcmp(def->statistics[i].name, def->statistics[best].name) < 0)
        best = i;
    }
    if (best < 0)
      break;
    const IpuPassStatisticDef *s = &def->statistics[best];
    last = s->name;
    printIndent(cb, userData, indent + 2);
    ipuPassEmitF(cb, userData, "(S) %*" PRId64 " ", (int)valueWidth,
                 e->statistics[best]);
    ipuPassEmit(cb, userData, s->name);
    printIndent(cb, userData, (int)(nameWidth - strlen(s->name)));
    ipuPassEmit(cb, userData, " - ");
    ipuPassEmit(cb, userData, s->description ? s->description : "");
    ipuPassEmit(cb, userData, "\n");
  }
}

static void printPmStatistics(const IpuPassManager *pm, IpuStringCallback cb,
                              void *userData, int indent) {
  for (intptr_t i = 0; i < pm->numEntries; i++) {
    const IpuPassEntry *e = &pm->entries[i];
    if (e->nested) {
      printIndent(cb, userData, indent);
      ipuPassEmit(cb, userData, "'");
      ipuPassEmit(cb, userData, e->nested->anchor);
      ipuPassEmit(cb, userData, "' Pipeline\n");
      printPmStatistics(e->nested, cb, userData, indent + 2);
    } else {
      printPassStatistics(e, cb, userData, indent);
    }
  }
}

void ipuPassManagerPrintStatistics(const IpuPassManager *pm,
                                   IpuStringCallback cb, void *userData) {
  if (!pm || !cb)
    return;
  printBanner(cb, userData, "... Pass statistics report ...");
  printPmStatistics(ipuPassManagerGetRoot(pm), cb, userData, 0);
  ipuPassEmit(cb, userData, "\n");
}
