/* The built-in targets: `test-4x4`, a small chip for tests, and `m1076`,
 * modelled on the public figures of Mythic's M1076 analog matrix processor. */
#include <string.h>

#include "ipu/target.h"

/* A small chip whose limits tests reach easily: 16 arrays of 256 x 256
 * (1M weights in all), bit-serial inputs, little SRAM, a narrow SIMD unit.
 * Round numbers, so that expected figures in tests are easy to work out;
 * nothing here models a real part. */
static const IpuTarget testTarget = {
    .name = "test-4x4",
    .chips = 1,
    .gridCols = 4,
    .gridRows = 4,
    .chipLinkBytesPerSecond = 1.0e9,
    .chipLinkLatencySeconds = 1.0e-6,
    .arrayRows = 256,
    .arrayCols = 256,
    .weightBits = 8,
    /* Wide enough for exact int32 partial sums (see m1076). */
    .adcBits = 32,
    .inputBits = 8,
    .bitSerialInputs = true, /* exercises the bit-serial path: 8 steps */
    .arrayStepCycles = 4,    /* a product: 8 steps x 4 = 32 cycles */
    .sramBytesPerTile = 64 * 1024,
    .simdLanes = 8,
    .nocLinkBytesPerCycle = 4.0,
    .nocHopLatencyCycles = 1,
    .hostLinkBytesPerSecond = 1.0e9,
    .clockHz = 1.0e8,
    .energyAnalogMacPj = 1.0,
    .energySramBytePj = 2.0,
    .energyNocByteHopPj = 1.0,
    .energyHostLinkBytePj = 100.0,
    .energySimdOpPj = 1.0,
};

/* Mythic M1076 AMP. Public figures (product brief and press, 2021: 76 AMP
 * tiles, up to 80M weights, up to 25 TOPS int8, 3-4 W typical, PCIe 2.0
 * x4; WikiChip on Mythic's architecture, 2018: each tile does a ~1000 x
 * 1000 matrix product in a few microseconds, ~0.5 pJ/MAC all-in on
 * ResNet-50 at batch 1; Microprocessor Report, Aug 2018: ResNet-50 runs in
 * ~5 MB of on-chip SRAM). Where Mythic publishes nothing the value is an
 * assumption, marked "assumed", chosen to agree with the figures above. */
static const IpuTarget m1076Target = {
    .name = "m1076",
    /* One M1076. Multi-chip cards (four M1076 behind a PCIe switch) are
     * modelled with `chips` > 1 in a target file. */
    .chips = 1,
    /* 76 tiles as a 19 x 4 grid: 76 = 2 * 2 * 19 allows no squarer
     * rectangle, and Mythic has not published the floorplan. A squarer
     * grid with spare positions (8 x 10 = 80) would shorten NoC distances
     * but give the chip 4 tiles (5% of the weights) it does not have; the
     * tile count is the figure placement and packing results depend on. */
    .gridCols = 19,
    .gridRows = 4,
    /* Between chips of a multi-chip card: the same PCIe 2.0 x4 links as to
     * the host (2 GB/s, see below), through the card's switch; latency
     * assumed ~1 us for a PCIe transfer through one switch. */
    .chipLinkBytesPerSecond = 2.0e9,
    .chipLinkLatencySeconds = 1.0e-6,
    /* 1024 x 1024 8-bit weights per tile: 76 * 1024 * 1024 = 79.7M, the
     * "80M weights" of the product brief. */
    .arrayRows = 1024,
    .arrayCols = 1024,
    .weightBits = 8,
    /* Modelled exact: the ADC delivers the full int32 partial sum, so tile
     * evaluation stays bit-exact with int8 hl evaluation. Mythic's real
     * ADCs are narrower (about 8 bits, with analog-aware training making
     * up for it); a target file with a smaller adc_bits models that, as an
     * optional analog effect (DESIGN.md, "Binary and interpreter"). */
    .adcBits = 32,
    .inputBits = 8,
    /* Mythic applies inputs as voltages (DACs), all bits at once. */
    .bitSerialInputs = false,
    /* 25 TOPS = 12.5e12 MAC/s over 76 tiles of 1024 x 1024 cells: one
     * matrix-vector product per tile every 76 * 1024 * 1024 / 12.5e12 =
     * 6.4 us ("a few microseconds"), i.e. 1600 cycles at 250 MHz. Peak:
     * 76 * 1024 * 1024 * 250e6 / 1600 = 12.45e12 MAC/s = 24.9 TOPS. */
    .arrayStepCycles = 1600,
    /* ~5 MB of SRAM for ResNet-50 over 76 tiles: 66 KB a tile, taken as
     * 64 KiB. */
    .sramBytesPerTile = 64 * 1024,
    /* Assumed. Requantizing one product's 1024 outputs takes about 4
     * lane operations each (multiply, shift, add, clamp): 4096 operations
     * in the 1600 cycles until the next product need 3 lanes; 16 leave
     * room for pooling and activations. */
    .simdLanes = 16,
    /* Assumed: 64-bit links, 2 GB/s at 250 MHz. A tile streams 1 KiB in
     * and 1 KiB out per 6.4 us (0.16 GB/s each way), so a link carries
     * about a dozen tiles' streams. */
    .nocLinkBytesPerCycle = 8.0,
    .nocHopLatencyCycles = 2, /* assumed: router stage + link stage */
    /* PCIe 2.0: 5 GT/s a lane with 8b/10b coding = 500 MB/s a lane each
     * way; x4 = 2 GB/s. */
    .hostLinkBytesPerSecond = 2.0e9,
    .clockHz = 2.5e8, /* assumed (not published); see arrayStepCycles */
    /* The arrays at peak: 12.45e12 MAC/s * 0.25 pJ = 3.1 W, and with the
     * digital events below (about 0.05 pJ/MAC more on ResNet-50) about
     * 3.7 W: the 3-4 W of the product brief. Mythic's 0.5 pJ/MAC all-in on
     * ResNet-50 also counts static and idle power, which this event model
     * leaves out. */
    .energyAnalogMacPj = 0.25,
    /* Horowitz, "Computing's energy problem", ISSCC 2014 (45 nm; Mythic's
     * process is 40 nm): a 64-bit read of a 32 KB SRAM costs 20 pJ, 2.5 pJ
     * a byte. */
    .energySramBytePj = 2.5,
    /* Assumed: ~0.1 pJ/bit for a router plus a ~1 mm link at 40 nm. */
    .energyNocByteHopPj = 1.0,
    /* Assumed: ~10 pJ/bit for a PCIe 2.0 SerDes lane. */
    .energyHostLinkBytePj = 80.0,
    /* Horowitz 2014: 8-bit add 0.03 pJ, 32-bit add 0.1 pJ, 32-bit multiply
     * 3.1 pJ; requantization mixes them: ~1 pJ a lane operation with the
     * register file (assumed). */
    .energySimdOpPj = 1.0,
};

static const char *const presetNames[] = {"test-4x4", "m1076", NULL};

const char *const *ipuTargetPresetNames(void) { return presetNames; }

bool ipuTargetGetPreset(const char *name, IpuTarget *t) {
  if (!name)
    return false;
  if (strcmp(name, testTarget.name) == 0)
    *t = testTarget;
  else if (strcmp(name, m1076Target.name) == 0)
    *t = m1076Target;
  else
    return false;
  return true;
}
