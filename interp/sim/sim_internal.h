/* Private state of the .ipub simulator (interp/sim/): the machine being
 * modelled, its event queue, and what the report collects. */
#ifndef IPU_SIM_INTERNAL_H
#define IPU_SIM_INTERNAL_H

#include "ipu/interp.h"
#include "ipu/sim.h"
#include "kernels/kernels.h"

/* The timing model, in cycles of the target's clock:
 * - A tile's control core runs its program in order, inference after
 *   inference; each instruction costs SIM_ISSUE_CYCLES to issue, then the
 *   core waits for its unit. The host runs one thread per inference, the
 *   next started when the previous first waits for results; its EXECs
 *   share one CPU (hostOpsPerSecond).
 * - MVM: rows x slices x arrayStepCycles (x inputBits when bit-serial) on
 *   the array. An EXEC right after it reading its streamed result (the
 *   ADC epilogue) overlaps it: the pair takes max(mvm + simd/rows,
 *   mvm/rows + simd). EXEC, WINDOWS, ACCUMULATE: element operations /
 *   simdLanes on the SIMD unit.
 * - SEND waits for its turn (messages of a route go in inference order)
 *   and a free slot in the receiver's buffer (a slot frees after the
 *   receiver's last reader of the buffer in that inference), then
 *   reserves the route's links cut-through: each link is held from when
 *   the head enters it (once free) until the tail has left it, bytes /
 *   bandwidth cycles, heads advancing by each link's latency (mesh: the
 *   hop latency; chip and host links: the chip link latency). The sender
 *   continues when its tail has left; RECV completes once the whole
 *   message is in.
 * - Values are computed in inference 0 (every inference gets the same
 *   inputs), and so are the energy events. */

/* Cycles the control core spends issuing one instruction. */
#define SIM_ISSUE_CYCLES 1

/* Energy event kinds, in report order. */
enum {
  SIM_E_ANALOG_MAC,
  SIM_E_SRAM_BYTE,
  SIM_E_NOC_BYTE_HOP,
  SIM_E_CHIP_LINK_BYTE,
  SIM_E_HOST_LINK_BYTE,
  SIM_E_SIMD_OP,
  SIM_E_KINDS
};
extern const char *const simEnergyKindNames[SIM_E_KINDS];

/* A directed link: a mesh link, a chip's link to the card's switch (out,
 * in), or the host link (down, up). */
typedef struct {
  char name[48];
  double bytesPerCycle;
  uint64_t latencyCycles;
  int energyKind;     /* SIM_E_NOC_BYTE_HOP, SIM_E_CHIP_LINK_BYTE, ... */
  uint64_t freeAt;    /* the end of its last reservation */
  uint64_t busyCycles;
  uint64_t bytes;     /* per inference (counted in inference 0) */
} SimLink;

typedef struct {
  uint64_t bytes;
  uint32_t numLinks;
  uint32_t *links;
  uint32_t srcOwner, dstOwner; /* owner indices (host = numTiles) */
  uint32_t sendInstr, recvInstr;
  uint32_t recvBuffer, slots;
  /* The receiver's instruction after which a slot is free again (the last
   * reader of the buffer), and the next route freed by the same one. */
  uint32_t freeInstr;
  int64_t nextFreed; /* route index or -1 */
  int64_t sent, freed, arrived;
  /* Contexts waiting to send / receive, indexed by inference on the host
   * (one context per inference), entry 0 on a tile. -1: none. */
  int64_t *sendWaiter, *recvWaiter;
  IpuTensor payload; /* inference 0's data in flight */
} SimRoute;

/* A tile or the host. */
typedef struct {
  const IpubTile *tile;
  bool isHost;
  IpuTensor *values;      /* per buffer, inference 0 (data NULL: unset) */
  IpuMvmPacked *packed;   /* per block */
  int64_t *firstFreed;    /* per instruction: first route it frees, -1 */
  uint64_t arrayBusy, simdBusy, controlBusy;
  uint64_t unitFreeAt;    /* host: when its CPU is free */
  uint64_t macs;          /* per inference */
} SimOwner;

enum { CTX_READY, CTX_WAIT, CTX_DONE };

/* A control thread: a tile's core (one for all inferences, in order), or
 * one of the host's (one per inference, concurrent). */
typedef struct {
  uint32_t owner;
  uint32_t pc;
  uint32_t executing; /* instructions the pending retirement covers */
  int state;
  int64_t inference;
  int64_t lastInference; /* the last inference this context runs */
  /* Host: whether the next inference's thread has been started (when this
   * one first waits for results, as a host runtime feeding a pipeline
   * does). */
  bool startedNext;
} SimCtx;

typedef struct {
  uint64_t time, seq;
  uint32_t kind; /* SIM_EV_* */
  uint32_t a;    /* context, or route */
  int64_t b;     /* inference (arrivals) */
} SimEvent;

enum { SIM_EV_RETIRE, SIM_EV_RETRY, SIM_EV_ARRIVE };

typedef struct {
  SimEvent *items;
  size_t count, cap;
} SimHeap;

typedef struct {
  double energyPj; /* per inference */
  uint64_t macs;
  uint64_t simdOps;
} SimLayer;

typedef struct {
  const IpubModule *m;
  IpuContext *ctx;
  IpuLocation loc;
  IpuSimOptions opts;
  const IpuTarget *t;
  uint32_t numOwners; /* tiles, then the host */
  int64_t *gridOwner; /* per (chip, y, x): owner index or -1 */
  SimOwner *owners;
  SimRoute *routes;
  uint32_t numLinks;
  SimLink *links;
  uint32_t numCtxs;
  SimCtx *ctxs;
  SimHeap heap;
  uint64_t seq;
  uint64_t *finishAt; /* per inference: when its last program ended */
  IpuOp *kernelModule;
  IpuOp **kernels;
  uint64_t *kernelOps; /* element operations of one run of each kernel */
  const IpuTensor *inputs;
  IpuTensor *outputs;  /* malloc'd, as ipuInterpRunFunc gives them */
  double energy[SIM_E_KINDS];  /* per inference */
  uint32_t numLayers;          /* debug locations + 1 (unknown) */
  SimLayer *layers;
} Sim;

/* sim_setup.c: checks the module and options and builds the machine;
 * simTeardown frees everything but the outputs. */
IpuLogicalResult simSetup(Sim *s);
void simTeardown(Sim *s);
/* The owner index of a tile position (host: numTiles), or -1. */
int64_t simOwnerAt(const Sim *s, IpubEndpoint e);

/* sim_exec.c: runs every inference. */
IpuLogicalResult simRunEvents(Sim *s);

/* sim_report.c: the report of a finished run. */
IpuSimReport *simBuildReport(Sim *s);

#endif
