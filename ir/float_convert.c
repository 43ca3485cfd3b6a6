/* Conversions between double and the narrow IEEE formats (f16, bf16, f32),
 * done on the bit patterns with round-to-nearest-even and NaN payloads kept. */
#include <math.h>
#include <string.h>

#include "ipu/attributes.h"

typedef struct {
  unsigned expBits;
  unsigned mantBits;
} Format;

static const Format kHalf = {5, 10};
static const Format kBFloat = {8, 7};
static const Format kSingle = {8, 23};

static uint64_t doubleBits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}

static double bitsDouble(uint64_t b) {
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}

/* Rounds once, straight from double, so there is no double rounding through
 * an intermediate float. */
static uint64_t encode(double d, Format f) {
  uint64_t b = doubleBits(d);
  uint64_t sign = (b >> 63) << (f.expBits + f.mantBits);
  int exp = (int)((b >> 52) & 0x7FF);
  uint64_t mant = b & ((1ull << 52) - 1);
  uint64_t expAllOnes = (1ull << f.expBits) - 1;
  uint64_t inf = expAllOnes << f.mantBits;
  if (exp == 0x7FF) {
    if (!mant)
      return sign | inf;
    /* Keep the top of the payload and make the NaN quiet, as hardware
     * conversions do. */
    uint64_t payload = (mant >> (52 - f.mantBits)) | (1ull << (f.mantBits - 1));
    return sign | inf | payload;
  }
  if (exp == 0 && mant == 0)
    return sign;
  int bias = (1 << (f.expBits - 1)) - 1;
  int minExp = 1 - bias;
  /* value = full * 2^(e - 52) */
  uint64_t full = exp ? (mant | (1ull << 52)) : mant;
  int e = exp ? exp - 1023 : -1022;
  bool normal = e >= minExp;
  long shift = 52 - (long)f.mantBits + (normal ? 0 : (long)(minExp - e));
  uint64_t q = 0;
  if (shift < 64) {
    q = full >> shift;
    uint64_t rem = full & ((1ull << shift) - 1);
    uint64_t half = 1ull << (shift - 1);
    if (rem > half || (rem == half && (q & 1)))
      q++;
  }
  /* In the normal case q carries the implicit bit, which adds the missing
   * one to the exponent field (and carries into it when rounding up). */
  uint64_t bits = normal ? ((uint64_t)(e - minExp) << f.mantBits) + q : q;
  if (bits >= inf)
    bits = inf;
  return sign | bits;
}

static double decode(uint64_t bits, Format f) {
  uint64_t sign = (bits >> (f.expBits + f.mantBits)) & 1;
  uint64_t expAllOnes = (1ull << f.expBits) - 1;
  uint64_t exp = (bits >> f.mantBits) & expAllOnes;
  uint64_t mant = bits & ((1ull << f.mantBits) - 1);
  int bias = (1 << (f.expBits - 1)) - 1;
  uint64_t out;
  if (exp == expAllOnes) {
    out = (0x7FFull << 52) | (mant << (52 - f.mantBits));
  } else if (exp == 0) {
    double v = ldexp((double)mant, 1 - bias - (int)f.mantBits);
    out = doubleBits(v);
  } else {
    out = ((exp - (uint64_t)bias + 1023) << 52) | (mant << (52 - f.mantBits));
  }
  return bitsDouble(out | (sign << 63));
}

uint16_t ipuDoubleToHalfBits(double d) { return (uint16_t)encode(d, kHalf); }
uint16_t ipuDoubleToBFloat16Bits(double d) {
  return (uint16_t)encode(d, kBFloat);
}
uint16_t ipuFloatToHalfBits(float f) { return ipuDoubleToHalfBits(f); }
uint16_t ipuFloatToBFloat16Bits(float f) { return ipuDoubleToBFloat16Bits(f); }
float ipuHalfBitsToFloat(uint16_t bits) { return (float)decode(bits, kHalf); }
float ipuBFloat16BitsToFloat(uint16_t bits) {
  return (float)decode(bits, kBFloat);
}

uint64_t ipuFloatEncode(IpuFloatKind kind, double value) {
  switch (kind) {
  case IPU_F16:
    return encode(value, kHalf);
  case IPU_BF16:
    return encode(value, kBFloat);
  case IPU_F32:
    return encode(value, kSingle);
  case IPU_F64:
    return doubleBits(value);
  }
  return 0;
}

double ipuFloatDecode(IpuFloatKind kind, uint64_t bits) {
  switch (kind) {
  case IPU_F16:
    return decode(bits & 0xFFFF, kHalf);
  case IPU_BF16:
    return decode(bits & 0xFFFF, kBFloat);
  case IPU_F32:
    return decode(bits & 0xFFFFFFFFu, kSingle);
  case IPU_F64:
    return bitsDouble(bits);
  }
  return 0;
}
