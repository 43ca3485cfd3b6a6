/* The IPU simulator: runs a loaded .ipub (ipu/ipub.h) as a discrete-event
 * model of the chip (tiles' control cores, arrays, SIMD units, SRAM, NoC
 * links with contention, the chip and host links) with results bit-exact
 * with the tile-level evaluation, and reports time, utilization and energy. */
#ifndef IPU_SIM_H
#define IPU_SIM_H

#include "ipu/ipub.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  /* Inferences run back to back (pipelined: a tile starts the next one as
   * soon as its program allows). The outputs are the last inference's;
   * every inference gets the same inputs. >= 1. */
  int64_t inferences;
  /* Analog effects, off by default. adcBits > 0 replaces every MVM's ADC
   * width (keeping its shift); weightNoise > 0 adds seeded programming
   * noise: each weight w becomes clamp(round(w + N(0, weightNoise))) in the
   * array's weight range (weightNoise in weight LSBs). */
  int64_t adcBits;
  double weightNoise;
  uint64_t seed;
  /* Host compute rate for EXEC on the host, element operations per
   * second; 0: a default of 1e9. */
  double hostOpsPerSecond;
} IpuSimOptions;

/* What a run measured (opaque; read it through the functions below). */
typedef struct IpuSimReport IpuSimReport;

/* Headline figures of a report. */
typedef struct {
  double latencySeconds;      /* first inference, inputs to outputs */
  uint64_t latencyCycles;
  double inferencesPerSecond; /* steady state over the run */
  uint64_t totalCycles;
  double energyPj;            /* per inference */
  uint64_t macs;              /* analog MACs per inference */
} IpuSimSummary;

void ipuSimOptionsInit(IpuSimOptions *o); /* the defaults above */

/* Runs `m` on `numInputs` tensors matching m->inputs. On success
 * *outputs and *numOutputs are as ipuInterpRunFunc gives them (freed with
 * ipuInterpOutputsFree) and *report (when report is not NULL) is freed with
 * ipuSimReportFree. Errors (bad inputs, a kernel that fails, a deadlock
 * the model detects) are reported through m->ctx at `loc`. */
IpuLogicalResult ipuSimRun(const IpubModule *m, const IpuSimOptions *opts,
                           IpuLocation loc, const IpuTensor *inputs,
                           intptr_t numInputs, IpuTensor **outputs,
                           intptr_t *numOutputs, IpuSimReport **report);

void ipuSimReportSummary(const IpuSimReport *r, IpuSimSummary *s);
/* The report as text (ipu-run --report) and as JSON (--report=json):
 * latency, throughput, cycles and utilization per tile, link loads, energy
 * per layer (instructions grouped by debug location) and per event kind.
 * NUL-terminated, freed with ipuFree(ctx, ...). */
char *ipuSimReportText(IpuContext *ctx, const IpuSimReport *r);
char *ipuSimReportJson(IpuContext *ctx, const IpuSimReport *r);
void ipuSimReportFree(IpuContext *ctx, IpuSimReport *r);

#ifdef __cplusplus
}
#endif
#endif
