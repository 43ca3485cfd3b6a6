/* ipu-run's parts: the options, checking and writing outputs (shared by the
 * interpreter and the simulator paths), and the simulator path itself. */
#ifndef IPU_RUN_SUPPORT_H
#define IPU_RUN_SUPPORT_H

#include "ipu/ipub.h"
#include "ipu/sim.h"
#include "tool_support.h"

typedef struct {
  const char *name; /* the NAME of NAME=FILE */
  const char *path;
} NamedFile;

typedef enum { RUN_BACKEND_DEFAULT, RUN_BACKEND_INTERP, RUN_BACKEND_IPU,
               RUN_BACKEND_LLVM } RunBackend;
typedef enum { RUN_REPORT_NONE, RUN_REPORT_TEXT, RUN_REPORT_JSON } RunReport;

typedef struct {
  const char *input;
  const char *outDir;
  const char *funcName;
  NamedFile *inputs, *expects;
  int numInputs, numExpects;
  double rtol, atol;
  long repeat; /* runs of the function; the last one's outputs count */
  bool time;   /* print parse and run times to stderr */
  RunBackend backend;
  RunReport report;
  IpuSimOptions sim; /* --inferences, --adc-bits, --weight-noise, --seed */
} RunOptions;

/* Whether the command-line NAME designates output `index`. */
typedef bool (*RunOutputMatcher)(const char *name, intptr_t index,
                                 void *data);

/* Checks the outputs against every --expect (one line each on stdout),
 * prints their types when nothing is expected, and writes them to -o DIR.
 * False if a check or a write failed (after printing why). */
bool runCheckAndWrite(const RunOptions *o, RunOutputMatcher match,
                      void *matchData, const IpuTensor *outs, intptr_t n);

/* Whether `name` is "N", "<prefix>N" or "%N"-style for `index`: the digits
 * after an optional prefix (each of `prefixes`, NULL-terminated). */
bool runNameIsIndex(const char *name, intptr_t index,
                    const char *const *prefixes);

/* Monotonic milliseconds. */
double runNowMs(void);

/* The simulator path: runs the binary `m` (already loaded and validated)
 * with the options' inputs, checks/writes its outputs and prints the
 * report. Returns the exit code. */
int runIpub(const RunOptions *o, const IpubModule *m);

#endif
