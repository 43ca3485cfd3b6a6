/* The in-memory .ipub module: creation and release, plus the tables the
 * encoder, loader and disassembler share (magic, names, target fields). */
#include <stddef.h>

#include "ipub_internal.h"

const uint8_t ipubMagic[IPUB_MAGIC_SIZE] = {'I', 'P', 'U', 'B',
                                            0x0D, 0x0A, 0x1A, 0x0A};

/* File order of the TARGET section; the ranges are the hw.target checks
 * (dialects/hw/target_fields.def). Changing this table changes the format:
 * bump IPUB_VERSION. */
#define INT_FIELD(member, key, lo, hi)                                         \
  {key, IPUB_TF_INT, offsetof(IpuTarget, member), lo, hi}
#define REAL_FIELD(member, key, positive)                                      \
  {key, IPUB_TF_REAL, offsetof(IpuTarget, member), positive, 0}
#define BOOL_FIELD(member, key) {key, IPUB_TF_BOOL, offsetof(IpuTarget, member), 0, 1}
const IpubTargetField ipubTargetFields[] = {
    INT_FIELD(chips, "chips", 1, 1024),
    INT_FIELD(gridCols, "grid_cols", 1, 4096),
    INT_FIELD(gridRows, "grid_rows", 1, 4096),
    REAL_FIELD(chipLinkBytesPerSecond, "chip_link_bytes_per_second", 0),
    REAL_FIELD(chipLinkLatencySeconds, "chip_link_latency_seconds", 0),
    INT_FIELD(arrayRows, "array_rows", 1, 65536),
    INT_FIELD(arrayCols, "array_cols", 1, 65536),
    INT_FIELD(weightBits, "weight_bits", 1, 8),
    INT_FIELD(adcBits, "adc_bits", 1, 32),
    INT_FIELD(inputBits, "input_bits", 1, 8),
    BOOL_FIELD(bitSerialInputs, "bit_serial_inputs"),
    INT_FIELD(arrayStepCycles, "array_step_cycles", 1, 1000000000),
    INT_FIELD(sramBytesPerTile, "sram_bytes_per_tile", 1, 1099511627776),
    INT_FIELD(simdLanes, "simd_lanes", 1, 65536),
    REAL_FIELD(nocLinkBytesPerCycle, "noc_link_bytes_per_cycle", 1),
    INT_FIELD(nocHopLatencyCycles, "noc_hop_latency_cycles", 0, 1000000),
    REAL_FIELD(hostLinkBytesPerSecond, "host_link_bytes_per_second", 1),
    REAL_FIELD(clockHz, "clock_hz", 1),
    REAL_FIELD(energyAnalogMacPj, "energy_analog_mac_pj", 0),
    REAL_FIELD(energySramBytePj, "energy_sram_byte_pj", 0),
    REAL_FIELD(energyNocByteHopPj, "energy_noc_byte_hop_pj", 0),
    REAL_FIELD(energyHostLinkBytePj, "energy_host_link_byte_pj", 0),
    REAL_FIELD(energySimdOpPj, "energy_simd_op_pj", 0),
};
const size_t ipubNumTargetFields =
    sizeof ipubTargetFields / sizeof ipubTargetFields[0];

const char *ipubSectionKindName(uint32_t kind) {
  static const char *const names[] = {NULL,     "TARGET",  "TILE", "HOST",
                                      "ROUTES", "KERNELS", "IO",   "DEBUG"};
  return kind < sizeof names / sizeof names[0] && names[kind] ? names[kind]
                                                              : "unknown";
}

const char *ipubOpcodeName(uint32_t opcode) {
  static const char *const names[] = {NULL,    "recv",       "send",
                                      "mvm",   "windows",    "accumulate",
                                      "exec",  "input",      "output"};
  return opcode < sizeof names / sizeof names[0] && names[opcode]
             ? names[opcode]
             : "unknown";
}

IpubModule *ipubModuleCreate(IpuContext *ctx) {
  IpubModule *m = ipuCalloc(ctx, 1, sizeof *m);
  if (!m)
    return NULL;
  m->ctx = ctx;
  m->host.chip = IPUB_HOST_CHIP;
  return m;
}

static void freeTile(IpuContext *ctx, IpubTile *t) {
  for (uint32_t i = 0; t->blocks && i < t->numBlocks; ++i) {
    ipuFree(ctx, t->blocks[i].weights);
    ipuFree(ctx, t->blocks[i].name);
  }
  ipuFree(ctx, t->blocks);
  for (uint32_t i = 0; t->buffers && i < t->numBuffers; ++i)
    ipuFree(ctx, t->buffers[i].name);
  ipuFree(ctx, t->buffers);
  for (uint32_t i = 0; t->instrs && i < t->numInstrs; ++i) {
    ipuFree(ctx, t->instrs[i].srcs);
    ipuFree(ctx, t->instrs[i].dsts);
  }
  ipuFree(ctx, t->instrs);
}

static void freeDescs(IpuContext *ctx, IpubTensorDesc *d, uint32_t n) {
  for (uint32_t i = 0; d && i < n; ++i)
    ipuFree(ctx, d[i].name);
  ipuFree(ctx, d);
}

void ipubModuleFree(IpubModule *m) {
  if (!m)
    return;
  IpuContext *ctx = m->ctx;
  for (uint32_t i = 0; m->tiles && i < m->numTiles; ++i)
    freeTile(ctx, &m->tiles[i]);
  ipuFree(ctx, m->tiles);
  freeTile(ctx, &m->host);
  for (uint32_t i = 0; m->routes && i < m->numRoutes; ++i)
    ipuFree(ctx, m->routes[i].path);
  ipuFree(ctx, m->routes);
  ipuFree(ctx, m->kernelText);
  freeDescs(ctx, m->inputs, m->numInputs);
  freeDescs(ctx, m->outputs, m->numOutputs);
  for (uint32_t i = 0; m->debugLocs && i < m->numDebugLocs; ++i)
    ipuFree(ctx, m->debugLocs[i]);
  ipuFree(ctx, m->debugLocs);
  ipuFree(ctx, m);
}
