/* Printing dense constants as MLIR does: splats, nested element lists,
 * "0x..." hex straight from the raw data (i1 bit-packed, as MLIR stores
 * it), elision, and array<T: ...> dense arrays. */
#include "print_internal.h"

static int64_t numElementsOf(IpuAttr a) {
  return ipuShapedTypeGetNumElements(ipuAttrGetType(a));
}

/* Dense attributes whose elements are all equal are made splats when they
 * are created (dense_elements.c), as MLIR uniques them: the flag says it
 * all, without another pass over the data. */
static bool isEffectivelySplat(IpuAttr a, int64_t numElements) {
  return ipuDenseElementsAttrIsSplat(a) && numElements != 0;
}

bool ipuAsmShouldElideElements(AsmPrinter *p, IpuAttr a) {
  int64_t limit = p->opts.elideElementsLimit;
  if (limit <= 0)
    return false;
  int64_t n = numElementsOf(a);
  if (n <= limit)
    return false;
  return !isEffectivelySplat(a, n);
}

/* Little-endian bytes -> 64-bit words. */
static void loadWords(const unsigned char *src, size_t bytes, uint64_t *words,
                      size_t numWords) {
  for (size_t w = 0; w < numWords; w++) {
    uint64_t v = 0;
    for (size_t b = 0; b < 8; b++) {
      size_t at = w * 8 + b;
      if (at < bytes)
        v |= (uint64_t)src[at] << (8 * b);
    }
    words[w] = v;
  }
}

static void printIntElement(AsmPrinter *p, IpuType t, const unsigned char *src,
                            size_t bytes) {
  bool isIndex = ipuTypeGetKind(t) == IPU_TYPE_INDEX;
  unsigned width = isIndex ? 64 : ipuIntegerTypeGetWidth(t);
  bool isSigned =
      isIndex || ipuIntegerTypeGetSignedness(t) != IPU_UNSIGNED;
  if (width == 1) {
    psPuts(p->os, (src[0] & 1) ? "true" : "false");
    return;
  }
  uint64_t small[2];
  size_t numWords = (bytes + 7) / 8;
  if (numWords <= 2) {
    loadWords(src, bytes, small, numWords ? numWords : 1);
    ipuAsmPrintWideInt(p, small, (intptr_t)(numWords ? numWords : 1), width,
                       isSigned);
    return;
  }
  uint64_t *words = ipuAlloc(p->ctx, numWords * sizeof *words);
  if (!words) {
    ipuAsmPrinterOutOfMemory(p);
    return;
  }
  loadWords(src, bytes, words, numWords);
  ipuAsmPrintWideInt(p, words, (intptr_t)numWords, width, isSigned);
  ipuFree(p->ctx, words);
}

static void printFloatElement(AsmPrinter *p, IpuType t, const unsigned char *src,
                              size_t bytes) {
  uint64_t bits = 0;
  for (size_t b = 0; b < bytes && b < 8; b++)
    bits |= (uint64_t)src[b] << (8 * b);
  ipuAsmPrintFloat(p->os, ipuFloatTypeGetKind(t), bits);
}

static void printScalarElement(AsmPrinter *p, IpuType t, const unsigned char *src,
                               size_t bytes) {
  if (ipuTypeIsFloat(t))
    printFloatElement(p, t, src, bytes);
  else
    printIntElement(p, t, src, bytes);
}

static void printElement(AsmPrinter *p, IpuType elem, const unsigned char *src,
                         size_t esz) {
  if (ipuTypeGetKind(elem) != IPU_TYPE_COMPLEX) {
    printScalarElement(p, elem, src, esz);
    return;
  }
  IpuType part = ipuComplexTypeGetElementType(elem);
  size_t half = esz / 2;
  psPutc(p->os, '(');
  printScalarElement(p, part, src, half);
  psPutc(p->os, ',');
  printScalarElement(p, part, src + half, half);
  psPutc(p->os, ')');
}

static bool isI1(IpuType t) {
  return ipuTypeGetKind(t) == IPU_TYPE_INTEGER && ipuIntegerTypeGetWidth(t) == 1;
}

/* `"0x..."`: the raw little-endian data, i1 elements packed eight to a
 * byte, least significant bit first. */
static void printHexData(AsmPrinter *p, IpuType elem, const unsigned char *data,
                         size_t size) {
  psWrite(p->os, "\"0x", 3);
  if (!isI1(elem)) {
    psHex(p->os, data, size);
  } else {
    unsigned char packed[4096];
    size_t i = 0;
    while (i < size) {
      size_t n = 0;
      for (; n < sizeof packed && i < size; n++) {
        unsigned char byte = 0;
        for (unsigned bit = 0; bit < 8 && i < size; bit++, i++)
          byte |= (unsigned char)((data[i] & 1) << bit);
        packed[n] = byte;
      }
      psHex(p->os, packed, n);
    }
  }
  psPutc(p->os, '"');
}

static bool shouldPrintHex(AsmPrinter *p, int64_t numElements) {
  int64_t threshold = p->opts.hexThreshold;
  if (threshold == 0)
    threshold = 100;
  if (threshold < 0)
    return false;
  return numElements > threshold;
}

void ipuAsmPrintDenseElementsBody(AsmPrinter *p, IpuAttr a) {
  IpuType type = ipuAttrGetType(a);
  IpuType elem = ipuShapedTypeGetElementType(type);
  size_t esz = ipuDenseElementStorageBytes(elem);
  int64_t numElements = ipuShapedTypeGetNumElements(type);
  const unsigned char *data = ipuDenseElementsAttrGetRawData(a);
  size_t size = ipuDenseElementsAttrGetRawSize(a);
  bool splat = isEffectivelySplat(a, numElements);

  if (splat) {
    if (esz && size >= esz)
      printElement(p, elem, data, esz);
    return;
  }
  if (numElements <= 0 || !esz)
    return; /* degenerate shapes print no elements */
  if (size != (size_t)numElements * esz || shouldPrintHex(p, numElements)) {
    printHexData(p, elem, data, size);
    return;
  }

  /* Nested brackets from a mixed-radix counter over the shape, as MLIR's
   * printDenseElementsAttrImpl. */
  intptr_t rank = ipuShapedTypeGetRank(type);
  const int64_t *shape = ipuShapedTypeGetShape(type);
  int64_t smallCounter[16];
  int64_t *counter = smallCounter;
  if (rank > 16) {
    counter = ipuAlloc(p->ctx, (size_t)rank * sizeof *counter);
    if (!counter) {
      ipuAsmPrinterOutOfMemory(p);
      return;
    }
  }
  for (intptr_t i = 0; i < rank; i++)
    counter[i] = 0;
  intptr_t openBrackets = 0;
  PrintStream *os = p->os;
  for (int64_t idx = 0; idx < numElements; idx++) {
    if (idx)
      psWrite(os, ", ", 2);
    while (openBrackets++ < rank)
      psPutc(os, '[');
    openBrackets = rank;
    printElement(p, elem, data + (size_t)idx * esz, esz);
    if (rank > 0) {
      ++counter[rank - 1];
      for (intptr_t i = rank - 1; i > 0; --i) {
        if (counter[i] >= shape[i]) {
          counter[i] = 0;
          ++counter[i - 1];
          --openBrackets;
          psPutc(os, ']');
        }
      }
    }
  }
  while (openBrackets-- > 0)
    psPutc(os, ']');
  if (counter != smallCounter)
    ipuFree(p->ctx, counter);
}

void ipuAsmPrintDenseArray(AsmPrinter *p, IpuAttr a) {
  IpuType elem = ipuDenseArrayAttrGetElementType(a);
  intptr_t n = ipuDenseArrayAttrGetNumElements(a);
  const unsigned char *data = ipuDenseArrayAttrGetData(a);
  size_t esz = ipuDenseElementStorageBytes(elem);
  PrintStream *os = p->os;
  psWrite(os, "array<", 6);
  ipuAsmPrintType(p, elem);
  if (n > 0) {
    psWrite(os, ": ", 2);
    for (intptr_t i = 0; i < n; i++) {
      if (i)
        psWrite(os, ", ", 2);
      printScalarElement(p, elem, data + (size_t)i * esz, esz);
    }
  }
  psPutc(os, '>');
}
