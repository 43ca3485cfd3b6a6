/* The IPU target description: the chip as data (grid, arrays, bits, SRAM,
 * SIMD, NoC, links, clock, energies), as a module attribute `hw.target`
 * that prints and parses in the textual format, with built-in presets. */
#ifndef IPU_TARGET_H
#define IPU_TARGET_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every parameter of DESIGN.md's "The target". Sizes in bytes, times in
 * cycles of `clockHz` unless named otherwise, energies in picojoules. */
typedef struct IpuTarget {
  char name[64];            /* "test-4x4", "m1076", or the file's own */
  /* Chips and their grid of tiles. */
  int64_t chips;            /* >= 1 */
  int64_t gridCols;         /* tiles per row (x), >= 1 */
  int64_t gridRows;         /* tiles per column (y), >= 1 */
  double chipLinkBytesPerSecond; /* between chips (PCIe), > 0 if chips > 1 */
  double chipLinkLatencySeconds;
  /* The analog array of each tile (one per tile). */
  int64_t arrayRows;        /* inputs per array, >= 1 */
  int64_t arrayCols;        /* outputs per array, >= 1 */
  int64_t weightBits;       /* 1..8 */
  int64_t adcBits;          /* 1..32: the ADC's output range */
  int64_t inputBits;        /* 1..8 */
  bool bitSerialInputs;     /* inputs applied one bit per step */
  /* Cycles of one analog step of an array: a whole matrix-vector product,
   * or one input bit of it when inputs are bit-serial (then a product takes
   * inputBits steps). With the grid and the array size this gives the
   * peak rate (added to the contract: without it no field says how fast
   * the arrays are). >= 1. */
  int64_t arrayStepCycles;
  /* Per tile. */
  int64_t sramBytesPerTile; /* >= 1 */
  int64_t simdLanes;        /* >= 1 */
  /* Network-on-chip and host. */
  double nocLinkBytesPerCycle; /* > 0 */
  int64_t nocHopLatencyCycles; /* >= 0 */
  double hostLinkBytesPerSecond; /* > 0 */
  double clockHz;           /* > 0 */
  /* Energies per event, pJ (>= 0). */
  double energyAnalogMacPj;
  double energySramBytePj;
  double energyNocByteHopPj;
  double energyHostLinkBytePj;
  double energySimdOpPj;
} IpuTarget;

/* The name of the module attribute that carries the target. */
#define IPU_TARGET_ATTR_NAME "hw.target"

/* Fills *t with the preset `name` ("test-4x4", "m1076"). False if there is
 * no such preset. */
bool ipuTargetGetPreset(const char *name, IpuTarget *t);
/* The names of the presets, NULL-terminated. */
const char *const *ipuTargetPresetNames(void);

/* The target as an attribute (a dictionary with one entry per field, the
 * form a target file holds) and back. ipuTargetFromAttr reports a located
 * error at `loc` naming the entry for a missing, mistyped or out-of-range
 * entry, or an unknown one, and returns failure. */
IpuAttr ipuTargetToAttr(IpuContext *ctx, const IpuTarget *t);
IpuLogicalResult ipuTargetFromAttr(IpuContext *ctx, IpuLocation loc,
                                   IpuAttr attr, IpuTarget *t);

/* The module's target (its `hw.target` attribute). Returns failure with a
 * located error if the attribute is malformed; if the module has none,
 * returns failure without an error when `required` is false (then check
 * ipuModuleHasTarget first), with one when it is true. */
bool ipuModuleHasTarget(IpuOp *module);
IpuLogicalResult ipuModuleGetTarget(IpuOp *module, bool required,
                                    IpuTarget *t);
/* Attaches `t` to the module (replacing any target). */
IpuLogicalResult ipuModuleSetTarget(IpuOp *module, const IpuTarget *t);

/* `spec` is a preset name or the path of a target file: a file in the
 * textual format holding `module attributes {hw.target = {...}} {}`.
 * Errors (no such preset or file, a parse error, a bad entry) are located
 * in the file, or at `loc` for a bad name. */
IpuLogicalResult ipuTargetResolve(IpuContext *ctx, IpuLocation loc,
                                  const char *spec, IpuTarget *t);

/* The target in a target file already in memory (`text[length]` must be a
 * readable NUL byte, as for ipuParseSource): what ipuTargetResolve does
 * with a file, for callers that keep the text to render diagnostics with
 * source lines (the tools add it to their IpuSourceMgr as `filename`).
 * Errors in an entry are located at the entry's name in the text. */
IpuLogicalResult ipuTargetParse(IpuContext *ctx, const char *filename,
                                const char *text, size_t length,
                                IpuTarget *t);

/* Peak multiply-accumulates per second of all arrays of all chips. */
double ipuTargetPeakMacsPerSecond(const IpuTarget *t);

#ifdef __cplusplus
}
#endif
#endif
