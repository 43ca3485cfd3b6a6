/* Unit tests of the IR core's context, types, attributes, locations,
 * resources, diagnostics and registry, through the public C API only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipu/ipu.h"

#include "unit_test.h"

/* ---- A counting allocator hook. --------------------------------------- */

typedef struct {
  long live;
  long total;
  long failAfter; /* fail the n-th allocation from now; -1: never */
} Counter;

static void *countMalloc(size_t size, void *ud) {
  Counter *c = ud;
  if (c->failAfter == 0)
    return NULL;
  if (c->failAfter > 0)
    c->failAfter--;
  void *p = malloc(size);
  if (p) {
    c->live++;
    c->total++;
  }
  return p;
}

static void *countRealloc(void *ptr, size_t size, void *ud) {
  Counter *c = ud;
  if (c->failAfter == 0)
    return NULL;
  if (c->failAfter > 0)
    c->failAfter--;
  return realloc(ptr, size);
}

static void countFree(void *ptr, void *ud) {
  Counter *c = ud;
  if (ptr)
    c->live--;
  free(ptr);
}

static IpuContext *newContext(Counter *c) {
  c->live = c->total = 0;
  c->failAfter = -1;
  IpuAllocator a = {countMalloc, countRealloc, countFree, c};
  return ipuContextCreate(&a);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- Output capture. -------------------------------------------------- */

typedef struct {
  char *data;
  size_t length, capacity;
} Buffer;

static void append(IpuStringRef piece, void *ud) {
  Buffer *b = ud;
  if (b->length + piece.length + 1 > b->capacity) {
    b->capacity = (b->length + piece.length + 1) * 2;
    b->data = realloc(b->data, b->capacity);
  }
  memcpy(b->data + b->length, piece.data, piece.length);
  b->length += piece.length;
  b->data[b->length] = '\0';
}

static void resetBuffer(Buffer *b) {
  b->length = 0;
  if (b->data)
    b->data[0] = '\0';
}

/* ---- Tests. ----------------------------------------------------------- */

static void testContextAndIdents(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  CHECK(ctx != NULL);
  CHECK(c.live == 1 && ipuContextGetLiveAllocations(ctx) == 1);
  IpuIdent a = ipuIdentGetC(ctx, "hello");
  IpuIdent b = ipuIdentGet(ctx, ipuStringRefMake("hello world", 5));
  CHECK(a == b);
  CHECK(strcmp(ipuIdentCStr(a), "hello") == 0);
  CHECK(ipuIdentGetC(ctx, "hellp") != a);
  IpuIdent withNul = ipuIdentGet(ctx, ipuStringRefMake("a\0b", 3));
  CHECK(ipuIdentStr(withNul).length == 3);
  CHECK(withNul != ipuIdentGet(ctx, ipuStringRefMake("a\0c", 3)));
  CHECK(ipuIdentGetC(ctx, "") == ipuIdentGet(ctx, ipuStringRefMake(NULL, 0)));

  char *dup = ipuStrDup(ctx, ipuStringRefMake("abcdef", 3));
  CHECK(strcmp(dup, "abc") == 0);
  ipuFree(ctx, dup);
  void *p = ipuRealloc(ctx, NULL, 10);
  p = ipuRealloc(ctx, p, 1000);
  CHECK(p != NULL);
  CHECK(ipuRealloc(ctx, p, 0) == NULL);
  CHECK((long)ipuContextGetLiveAllocations(ctx) == c.live);
  CHECK((long)ipuContextGetTotalAllocations(ctx) == c.total);

  /* Scale: 200,000 distinct identifiers and integer attributes. */
  double t0 = now();
  IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  bool allDistinct = true;
  IpuIdent first = NULL;
  for (int i = 0; i < 200000; i++) {
    char name[32];
    snprintf(name, sizeof name, "ident_%d", i);
    IpuIdent id = ipuIdentGetC(ctx, name);
    if (i == 0)
      first = id;
    else if (id == first)
      allDistinct = false;
    if (!ipuIntegerAttrGet(ctx, i64, i))
      allDistinct = false;
  }
  CHECK(allDistinct);
  CHECK(ipuIdentGetC(ctx, "ident_0") == first);
  CHECK(ipuIntegerAttrGet(ctx, i64, 123456) == ipuIntegerAttrGet(ctx, i64, 123456));
  double elapsed = now() - t0;
  CHECK(elapsed < 10.0); /* generous: sanitizers, shared machine */
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testTypes(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuType i32 = ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
  CHECK(i32 == ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS));
  CHECK(i32 != ipuIntegerTypeGet(ctx, 32, IPU_SIGNED));
  CHECK(ipuIntegerTypeGet(ctx, 0, IPU_SIGNLESS) != NULL);
  CHECK(ipuIntegerTypeGet(ctx, IPU_MAX_INTEGER_WIDTH + 1, IPU_SIGNLESS) == NULL);
  CHECK(ipuTypeGetContext(i32) == ctx);
  IpuType f32 = ipuFloatTypeGet(ctx, IPU_F32);
  CHECK(ipuFloatTypeGetWidth(ipuFloatTypeGet(ctx, IPU_BF16)) == 16);
  CHECK(ipuTypeGetIntOrFloatBitWidth(ipuIndexTypeGet(ctx)) == 64);

  int64_t shape[] = {4, IPU_DYNAMIC};
  int64_t shape2[] = {4, IPU_DYNAMIC};
  IpuType t1 = ipuRankedTensorTypeGet(ctx, 2, shape, f32, NULL);
  IpuType t2 = ipuRankedTensorTypeGet(ctx, 2, shape2, f32, NULL);
  CHECK(t1 && t1 == t2);
  CHECK(!ipuShapedTypeHasStaticShape(t1));
  CHECK(ipuShapedTypeGetNumElements(t1) == -1);
  CHECK(ipuShapedTypeGetDimSize(t1, 1) == IPU_DYNAMIC);
  CHECK(ipuRankedTensorTypeGet(ctx, 1, shape, f32, NULL) != t1);
  int64_t bad[] = {-2};
  CHECK(ipuRankedTensorTypeGet(ctx, 1, bad, f32, NULL) == NULL);
  CHECK(ipuRankedTensorTypeGet(ctx, 1, shape, ipuNoneTypeGet(ctx), NULL) == NULL);
  CHECK(ipuRankedTensorTypeGet(ctx, 0, NULL, f32, NULL) != NULL);
  IpuType u = ipuUnrankedTensorTypeGet(ctx, f32);
  CHECK(ipuShapedTypeGetRank(u) == -1 && !ipuShapedTypeHasRank(u));
  CHECK(ipuTypeIsTensor(u) && ipuTypeIsShaped(u));

  IpuAttr zero = ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), 0);
  IpuType m1 = ipuMemRefTypeGet(ctx, 1, shape, f32, NULL, zero);
  CHECK(m1 && m1 == ipuMemRefTypeGet(ctx, 1, shape, f32, NULL, NULL));
  CHECK(ipuMemRefTypeGetMemorySpace(m1) == NULL);

  int64_t vshape[] = {4, 8};
  bool noScalable[] = {false, false};
  bool scalable[] = {true, false};
  IpuType v1 = ipuVectorTypeGet(ctx, 2, vshape, NULL, f32);
  CHECK(v1 == ipuVectorTypeGet(ctx, 2, vshape, noScalable, f32));
  IpuType v2 = ipuVectorTypeGet(ctx, 2, vshape, scalable, f32);
  CHECK(v2 != v1 && ipuVectorTypeGetScalableDims(v2)[0]);
  CHECK(ipuVectorTypeGet(ctx, 2, shape, NULL, f32) == NULL); /* dynamic */
  CHECK(ipuVectorTypeGet(ctx, 2, vshape, NULL, ipuComplexTypeGet(ctx, f32)) == NULL);
  CHECK(ipuComplexTypeGet(ctx, ipuIndexTypeGet(ctx)) == NULL);

  IpuType ins[] = {i32, f32};
  IpuType fn = ipuFunctionTypeGet(ctx, 2, ins, 1, &f32);
  CHECK(fn == ipuFunctionTypeGet(ctx, 2, ins, 1, &f32));
  CHECK(fn != ipuFunctionTypeGet(ctx, 1, ins, 2, ins));
  CHECK(ipuFunctionTypeGetNumInputs(fn) == 2 && ipuFunctionTypeGetResult(fn, 0) == f32);
  IpuType tup = ipuTupleTypeGet(ctx, 2, ins);
  CHECK(tup != fn && ipuTupleTypeGetType(tup, 1) == f32);
  CHECK(ipuTupleTypeGet(ctx, 0, NULL) == ipuTupleTypeGet(ctx, 0, NULL));

  IpuType many[40];
  for (int i = 0; i < 40; i++)
    many[i] = ipuIntegerTypeGet(ctx, (unsigned)i + 1, IPU_SIGNLESS);
  IpuType big = ipuFunctionTypeGet(ctx, 20, many, 20, many + 20);
  CHECK(big && ipuFunctionTypeGetResult(big, 19) == many[39]);

  IpuIdent tile = ipuIdentGetC(ctx, "tile");
  IpuType o1 = ipuOpaqueTypeGet(ctx, tile, ipuStringRefFromCString("grid<4>"));
  CHECK(o1 == ipuOpaqueTypeGet(ctx, tile, ipuStringRefFromCString("grid<4>")));
  CHECK(ipuStringRefEqual(ipuOpaqueTypeGetBody(o1), ipuStringRefFromCString("grid<4>")));
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testIntegers(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuType i8 = ipuIntegerTypeGet(ctx, 8, IPU_SIGNLESS);
  IpuType ui8 = ipuIntegerTypeGet(ctx, 8, IPU_UNSIGNED);
  IpuType i1 = ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS);
  CHECK(ipuIntegerAttrGetInt(ipuIntegerAttrGet(ctx, i8, 300)) == 44);
  CHECK(ipuIntegerAttrGet(ctx, i8, 300) == ipuIntegerAttrGet(ctx, i8, 44));
  CHECK(ipuIntegerAttrGetInt(ipuIntegerAttrGet(ctx, i8, -1)) == -1);
  CHECK(ipuIntegerAttrGetUInt(ipuIntegerAttrGet(ctx, i8, -1)) == 255);
  CHECK(ipuIntegerAttrGetInt(ipuIntegerAttrGet(ctx, ui8, 255)) == 255);
  CHECK(ipuIntegerAttrGet(ctx, ui8, 1) != ipuIntegerAttrGet(ctx, i8, 1));
  CHECK(ipuIntegerAttrGetInt(ipuIntegerAttrGet(ctx, ipuIndexTypeGet(ctx), -7)) == -7);
  CHECK(ipuIntegerAttrGet(ctx, ipuFloatTypeGet(ctx, IPU_F32), 1) == NULL);

  IpuAttr t = ipuBoolAttrGet(ctx, true);
  CHECK(t == ipuIntegerAttrGet(ctx, i1, 1));
  CHECK(t == ipuIntegerAttrGet(ctx, i1, -1));
  CHECK(ipuAttrIsBool(t) && ipuBoolAttrGetValue(t));
  CHECK(!ipuBoolAttrGetValue(ipuBoolAttrGet(ctx, false)));
  CHECK(!ipuAttrIsBool(ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 1, IPU_UNSIGNED), 1)));

  /* Wider than 64 bits. */
  IpuType i128 = ipuIntegerTypeGet(ctx, 128, IPU_SIGNLESS);
  IpuAttr m1 = ipuIntegerAttrGet(ctx, i128, -1);
  CHECK(ipuIntegerAttrGetNumWords(m1) == 2);
  CHECK(ipuIntegerAttrGetWords(m1)[1] == ~0ull);
  uint64_t words[2] = {5, 1};
  IpuAttr w = ipuIntegerAttrGetFromWords(ctx, i128, 2, words);
  CHECK(w == ipuIntegerAttrGetFromWords(ctx, i128, 2, words));
  CHECK(ipuIntegerAttrGetWords(w)[1] == 1 && ipuIntegerAttrGetInt(w) == 5);
  IpuType i65 = ipuIntegerTypeGet(ctx, 65, IPU_SIGNLESS);
  uint64_t over[2] = {1, 0xFF};
  IpuAttr masked = ipuIntegerAttrGetFromWords(ctx, i65, 2, over);
  CHECK(ipuIntegerAttrGetWords(masked)[1] == 1);
  IpuAttr neg65 = ipuIntegerAttrGet(ctx, i65, -2);
  CHECK(ipuIntegerAttrGetWords(neg65)[1] == 1 && ipuIntegerAttrGetInt(neg65) == -2);
  IpuType huge = ipuIntegerTypeGet(ctx, 4096, IPU_SIGNLESS);
  IpuAttr hv = ipuIntegerAttrGet(ctx, huge, -3);
  CHECK(ipuIntegerAttrGetNumWords(hv) == 64 && ipuIntegerAttrGetWords(hv)[63] == ~0ull);
  IpuAttr shortWords = ipuIntegerAttrGetFromWords(ctx, huge, 1, words);
  CHECK(ipuIntegerAttrGetNumWords(shortWords) == 64 &&
        ipuIntegerAttrGetWords(shortWords)[1] == 0);
  IpuAttr i0 = ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 0, IPU_SIGNLESS), 5);
  CHECK(ipuIntegerAttrGetUInt(i0) == 0);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static uint32_t floatBits(float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}

static void testFloats(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  CHECK(ipuFloatToHalfBits(1.0f) == 0x3C00);
  CHECK(ipuFloatToHalfBits(-2.0f) == 0xC000);
  CHECK(ipuFloatToHalfBits(65504.0f) == 0x7BFF);
  CHECK(ipuFloatToHalfBits(65520.0f) == 0x7C00); /* ties to even: inf */
  CHECK(ipuFloatToHalfBits(65519.0f) == 0x7BFF);
  CHECK(ipuFloatToHalfBits(ldexpf(1, -24)) == 0x0001);
  CHECK(ipuFloatToHalfBits(ldexpf(1, -25)) == 0x0000);      /* tie to 0 */
  CHECK(ipuFloatToHalfBits(ldexpf(3, -25)) == 0x0002);      /* tie to 2 */
  CHECK(ipuFloatToHalfBits(ldexpf(1, -14)) == 0x0400);      /* min normal */
  CHECK(ipuFloatToHalfBits(ldexpf(1023, -24)) == 0x03FF);   /* max subnormal */
  CHECK(ipuFloatToHalfBits(1.0f + ldexpf(1, -11)) == 0x3C00);     /* tie */
  CHECK(ipuFloatToHalfBits(1.0f + ldexpf(3, -11)) == 0x3C02);     /* tie up */
  CHECK(ipuFloatToHalfBits(-0.0f) == 0x8000);
  CHECK(ipuFloatToHalfBits(INFINITY) == 0x7C00);
  CHECK((ipuFloatToHalfBits(NAN) & 0x7C00) == 0x7C00 &&
        (ipuFloatToHalfBits(NAN) & 0x3FF) != 0);
  CHECK(ipuHalfBitsToFloat(0x3C00) == 1.0f);
  CHECK(ipuHalfBitsToFloat(0x0001) == ldexpf(1, -24));
  CHECK(ipuHalfBitsToFloat(0x7BFF) == 65504.0f);
  CHECK(isinf(ipuHalfBitsToFloat(0xFC00)) && ipuHalfBitsToFloat(0xFC00) < 0);
  CHECK(isnan(ipuHalfBitsToFloat(0x7E00)));
  /* Every half round-trips. */
  bool roundTrip = true;
  for (uint32_t b = 0; b < 0x10000; b++) {
    float f = ipuHalfBitsToFloat((uint16_t)b);
    if (!isnan(f) && ipuFloatToHalfBits(f) != b)
      roundTrip = false;
  }
  CHECK(roundTrip);
  CHECK(ipuFloatToBFloat16Bits(1.0f) == 0x3F80);
  CHECK(ipuFloatToBFloat16Bits(1.0f / 3.0f) == 0x3EAB);
  CHECK(ipuBFloat16BitsToFloat(0x3F80) == 1.0f);
  CHECK(ipuFloatToBFloat16Bits(3.4e38f) == 0x7F80 || ipuFloatToBFloat16Bits(3.4e38f) == 0x7F7F);
  bool bfRoundTrip = true;
  for (uint32_t b = 0; b < 0x10000; b++) {
    float f = ipuBFloat16BitsToFloat((uint16_t)b);
    if (!isnan(f) && ipuFloatToBFloat16Bits(f) != b)
      bfRoundTrip = false;
  }
  CHECK(bfRoundTrip);
  /* f32 rounding agrees with the C conversion. */
  double samples[] = {0.1, 1e-40, 3.4028235677973366e38, 1e-45, 7e-46, 123.456};
  bool f32ok = true;
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
    if (ipuFloatEncode(IPU_F32, samples[i]) != floatBits((float)samples[i]))
      f32ok = false;
  CHECK(f32ok);

  IpuType f32 = ipuFloatTypeGet(ctx, IPU_F32);
  IpuType f16 = ipuFloatTypeGet(ctx, IPU_F16);
  IpuType f64 = ipuFloatTypeGet(ctx, IPU_F64);
  IpuAttr a = ipuFloatAttrGet(ctx, f32, 0.1);
  CHECK(ipuFloatAttrGetValue(a) == (double)0.1f);
  CHECK(a == ipuFloatAttrGet(ctx, f32, (double)0.1f));
  CHECK(ipuFloatAttrGet(ctx, f64, 0.1) != ipuFloatAttrGet(ctx, f32, 0.1));
  CHECK(ipuFloatAttrGet(ctx, f64, 0.0) != ipuFloatAttrGet(ctx, f64, -0.0));
  CHECK(ipuFloatAttrGet(ctx, f64, NAN) == ipuFloatAttrGet(ctx, f64, NAN));
  CHECK(ipuFloatAttrGetValue(ipuFloatAttrGet(ctx, f16, 0.1)) == (double)ipuHalfBitsToFloat(0x2E66));
  IpuAttr snan = ipuFloatAttrGetFromBits(ctx, f32, 0x7F800001);
  CHECK(ipuFloatAttrGetBits(snan) == 0x7F800001 && isnan(ipuFloatAttrGetValue(snan)));
  CHECK(snan != ipuFloatAttrGetFromBits(ctx, f32, 0x7FC00000));
  CHECK(ipuFloatAttrGet(ctx, ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS), 1.0) == NULL);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testStringsArraysDicts(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuAttr s1 = ipuStringAttrGet(ctx, ipuStringRefMake("a\0b", 3), NULL);
  CHECK(s1 == ipuStringAttrGet(ctx, ipuStringRefMake("a\0b", 3), NULL));
  CHECK(ipuStringAttrGetValue(s1).length == 3);
  CHECK(s1 == ipuStringAttrGet(ctx, ipuStringRefMake("a\0b", 3), ipuNoneTypeGet(ctx)));
  IpuType i32 = ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
  IpuAttr typed = ipuStringAttrGet(ctx, ipuStringRefMake("a\0b", 3), i32);
  CHECK(typed != s1 && ipuAttrGetType(typed) == i32);
  CHECK(ipuUnitAttrGet(ctx) == ipuUnitAttrGet(ctx));

  IpuAttr one = ipuIntegerAttrGet(ctx, i32, 1);
  IpuAttr elems[] = {one, s1};
  IpuAttr arr = ipuArrayAttrGet(ctx, 2, elems);
  CHECK(arr == ipuArrayAttrGet(ctx, 2, elems));
  CHECK(ipuArrayAttrGetElement(arr, 1) == s1 && ipuArrayAttrGetElement(arr, 2) == NULL);
  CHECK(ipuArrayAttrGet(ctx, 0, NULL) != arr);

  IpuNamedAttr entries[] = {
      {ipuIdentGetC(ctx, "b"), one},
      {ipuIdentGetC(ctx, "a"), s1},
      {ipuIdentGetC(ctx, "B"), arr},
      {ipuIdentGetC(ctx, "ab"), one},
  };
  IpuAttr d = ipuDictionaryAttrGet(ctx, 4, entries);
  CHECK(d != NULL);
  const char *order[] = {"B", "a", "ab", "b"};
  bool sorted = true;
  for (int i = 0; i < 4; i++)
    if (strcmp(ipuIdentCStr(ipuDictionaryAttrGetEntry(d, i).name), order[i]) != 0)
      sorted = false;
  CHECK(sorted);
  IpuNamedAttr reordered[] = {entries[3], entries[2], entries[1], entries[0]};
  CHECK(d == ipuDictionaryAttrGet(ctx, 4, reordered));
  IpuNamedAttr dup[] = {entries[0], entries[1], {ipuIdentGetC(ctx, "b"), s1}};
  CHECK(ipuDictionaryAttrGet(ctx, 3, dup) == NULL);
  CHECK(ipuDictionaryAttrGetC(d, "ab") == one);
  CHECK(ipuDictionaryAttrGetC(d, "zz") == NULL);
  CHECK(ipuDictionaryAttrGetC(d, "B") == arr);
  IpuAttr d2 = ipuDictionaryAttrSet(ctx, d, ipuIdentGetC(ctx, "c"), s1);
  CHECK(ipuDictionaryAttrGetNumEntries(d2) == 5 && ipuDictionaryAttrGetC(d2, "c") == s1);
  CHECK(ipuDictionaryAttrSet(ctx, d2, ipuIdentGetC(ctx, "c"), NULL) == d);
  IpuAttr d3 = ipuDictionaryAttrSet(ctx, d, ipuIdentGetC(ctx, "a"), one);
  CHECK(ipuDictionaryAttrGetC(d3, "a") == one && ipuDictionaryAttrGetNumEntries(d3) == 4);
  IpuAttr empty = ipuDictionaryAttrGet(ctx, 0, NULL);
  CHECK(ipuDictionaryAttrSet(ctx, NULL, ipuIdentGetC(ctx, "x"), NULL) == empty);
  IpuAttr single = ipuDictionaryAttrSet(ctx, NULL, ipuIdentGetC(ctx, "x"), one);
  CHECK(ipuDictionaryAttrGetNumEntries(single) == 1);

  /* Symbol refs, type and opaque attributes. */
  IpuIdent nested[] = {ipuIdentGetC(ctx, "b"), ipuIdentGetC(ctx, "c")};
  IpuAttr sym = ipuSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "a"), 2, nested);
  CHECK(sym == ipuSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "a"), 2, nested));
  CHECK(ipuFlatSymbolRefAttrGet(ctx, ipuIdentGetC(ctx, "a")) != sym);
  CHECK(ipuSymbolRefAttrGetNested(sym, 1) == nested[1]);
  CHECK(ipuTypeAttrGetValue(ipuTypeAttrGet(ctx, i32)) == i32);
  CHECK(ipuAttrGetType(ipuTypeAttrGet(ctx, i32)) == NULL);
  IpuAttr op = ipuOpaqueAttrGet(ctx, ipuIdentGetC(ctx, "hw"), ipuStringRefFromCString("x<1>"));
  CHECK(op == ipuOpaqueAttrGet(ctx, ipuIdentGetC(ctx, "hw"), ipuStringRefFromCString("x<1>")));

  /* Dense arrays. */
  int64_t vals[] = {1, 2, 3};
  IpuAttr da = ipuDenseI64ArrayAttrGet(ctx, 3, vals);
  CHECK(da == ipuDenseI64ArrayAttrGet(ctx, 3, vals));
  CHECK(((const int64_t *)ipuDenseArrayAttrGetData(da))[2] == 3);
  bool bools[] = {true, false};
  IpuType i1 = ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS);
  IpuAttr ba = ipuDenseArrayAttrGet(ctx, i1, 2, bools);
  unsigned char rawBools[] = {7, 0};
  CHECK(ba == ipuDenseArrayAttrGet(ctx, i1, 2, rawBools));
  float fv[] = {1.5f};
  CHECK(ipuDenseArrayAttrGet(ctx, ipuFloatTypeGet(ctx, IPU_F32), 1, fv) != NULL);
  CHECK(ipuDenseArrayAttrGet(ctx, ipuFloatTypeGet(ctx, IPU_F16), 1, fv) == NULL);
  CHECK(ipuDenseArrayAttrGet(ctx, ipuIntegerTypeGet(ctx, 7, IPU_SIGNLESS), 1, fv) == NULL);
  CHECK(ipuDenseI64ArrayAttrGet(ctx, 0, NULL) != NULL);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testDense(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuType f32 = ipuFloatTypeGet(ctx, IPU_F32);
  IpuType f16 = ipuFloatTypeGet(ctx, IPU_F16);
  IpuType i1 = ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS);
  IpuType i4 = ipuIntegerTypeGet(ctx, 4, IPU_SIGNLESS);
  CHECK(ipuDenseElementStorageBytes(i1) == 1);
  CHECK(ipuDenseElementStorageBytes(ipuIntegerTypeGet(ctx, 17, IPU_SIGNLESS)) == 3);
  CHECK(ipuDenseElementStorageBytes(ipuIndexTypeGet(ctx)) == 8);
  CHECK(ipuDenseElementStorageBytes(f16) == 2);
  CHECK(ipuDenseElementStorageBytes(ipuComplexTypeGet(ctx, f32)) == 8);
  CHECK(ipuDenseElementStorageBytes(ipuNoneTypeGet(ctx)) == 0);

  int64_t shape[] = {2, 2};
  IpuType t = ipuRankedTensorTypeGet(ctx, 2, shape, f32, NULL);
  float same[] = {1, 1, 1, 1};
  float one = 1;
  IpuAttr splat = ipuDenseElementsAttrGet(ctx, t, &one, 4, true);
  CHECK(splat && ipuDenseElementsAttrIsSplat(splat));
  CHECK(splat == ipuDenseElementsAttrGet(ctx, t, same, sizeof same, false));
  CHECK(ipuDenseElementsAttrGetRawSize(splat) == 4);
  CHECK(ipuDenseElementsAttrGetFloat(splat, 3) == 1.0);
  float diff[] = {1, 2, 3, 4};
  IpuAttr d = ipuDenseElementsAttrGet(ctx, t, diff, sizeof diff, false);
  CHECK(d != splat && !ipuDenseElementsAttrIsSplat(d));
  CHECK(d == ipuDenseElementsAttrGet(ctx, t, diff, sizeof diff, false));
  CHECK(ipuDenseElementsAttrGetFloat(d, 2) == 3.0 && ipuDenseElementsAttrGetInt(d, 3) == 4);
  CHECK(ipuDenseElementsAttrGet(ctx, t, diff, 12, false) == NULL);
  CHECK(ipuDenseElementsAttrGet(ctx, t, diff, 8, true) == NULL);
  int64_t dyn[] = {IPU_DYNAMIC};
  CHECK(ipuDenseElementsAttrGet(ctx, ipuRankedTensorTypeGet(ctx, 1, dyn, f32, NULL), diff,
                                4, true) == NULL);
  CHECK(ipuDenseElementsAttrGet(ctx, ipuUnrankedTensorTypeGet(ctx, f32), diff, 4, true) == NULL);
  int64_t zero[] = {0};
  IpuType empty = ipuRankedTensorTypeGet(ctx, 1, zero, f32, NULL);
  IpuAttr e0 = ipuDenseElementsAttrGet(ctx, empty, NULL, 0, false);
  CHECK(e0 && !ipuDenseElementsAttrIsSplat(e0));
  IpuAttr e1 = ipuDenseElementsAttrGet(ctx, empty, &one, 4, true);
  CHECK(e1 && e1 != e0 && ipuDenseElementsAttrIsSplat(e1));

  /* i1 and odd widths are normalised. */
  int64_t four[] = {4};
  IpuType b4 = ipuRankedTensorTypeGet(ctx, 1, four, i1, NULL);
  unsigned char bits1[] = {1, 0, 1, 1};
  unsigned char bits2[] = {0xFF, 0, 2, 1};
  CHECK(ipuDenseElementsAttrGet(ctx, b4, bits1, 4, false) ==
        ipuDenseElementsAttrGet(ctx, b4, bits2, 4, false));
  CHECK(ipuDenseElementsAttrGetInt(ipuDenseElementsAttrGet(ctx, b4, bits1, 4, false), 0) == 1);
  IpuType n4 = ipuRankedTensorTypeGet(ctx, 1, four, i4, NULL);
  unsigned char nib[] = {0xFF, 0x0F, 0x1F, 0xEF};
  IpuAttr na = ipuDenseElementsAttrGet(ctx, n4, nib, 4, false);
  CHECK(na && ipuDenseElementsAttrIsSplat(na) && ipuDenseElementsAttrGetInt(na, 2) == -1);

  /* f16 elements decode. */
  IpuType h4 = ipuRankedTensorTypeGet(ctx, 1, four, f16, NULL);
  uint16_t halves[] = {0x3C00, 0xC000, 0x3800, 0x7C00};
  IpuAttr ha = ipuDenseElementsAttrGet(ctx, h4, halves, sizeof halves, false);
  CHECK(ipuDenseElementsAttrGetFloat(ha, 1) == -2.0 && ipuDenseElementsAttrGetFloat(ha, 2) == 0.5);
  CHECK(isinf(ipuDenseElementsAttrGetFloat(ha, 3)));
  CHECK(ipuDenseElementsAttrGetInt(ha, 3) == INT64_MAX);
  CHECK(ipuDenseElementsAttrGetFloat(ha, 4) == 0.0); /* out of range */

  /* Unsigned and signed integer elements. */
  IpuType u8 = ipuIntegerTypeGet(ctx, 8, IPU_UNSIGNED);
  IpuType s8 = ipuIntegerTypeGet(ctx, 8, IPU_SIGNED);
  unsigned char bytes[] = {0xFF, 1, 2, 3};
  CHECK(ipuDenseElementsAttrGetInt(
            ipuDenseElementsAttrGet(ctx, ipuRankedTensorTypeGet(ctx, 1, four, u8, NULL), bytes,
                                    4, false),
            0) == 255);
  CHECK(ipuDenseElementsAttrGetFloat(
            ipuDenseElementsAttrGet(ctx, ipuRankedTensorTypeGet(ctx, 1, four, s8, NULL), bytes,
                                    4, false),
            0) == -1.0);

  /* Owned data: kept without a copy, or freed when an equal exists. */
  float *owned = ipuAlloc(ctx, sizeof diff);
  memcpy(owned, diff, sizeof diff);
  size_t liveBefore = ipuContextGetLiveAllocations(ctx);
  CHECK(ipuDenseElementsAttrGetOwned(ctx, t, owned, sizeof diff, false) == d);
  CHECK(ipuContextGetLiveAllocations(ctx) == liveBefore - 1);
  float *owned2 = ipuAlloc(ctx, sizeof diff);
  for (int i = 0; i < 4; i++)
    owned2[i] = (float)(i * 10);
  IpuAttr o2 = ipuDenseElementsAttrGetOwned(ctx, t, owned2, sizeof diff, false);
  CHECK(ipuDenseElementsAttrGetRawData(o2) == owned2);
  float *bad = ipuAlloc(ctx, 8);
  liveBefore = ipuContextGetLiveAllocations(ctx);
  CHECK(ipuDenseElementsAttrGetOwned(ctx, t, bad, 8, false) == NULL);
  CHECK(ipuContextGetLiveAllocations(ctx) == liveBefore - 1);

  /* 100 MB: hashing and uniquing must be fast, and never copy. */
  size_t n = 25 * 1000 * 1000;
  int64_t bigShape[] = {(int64_t)n};
  IpuType bigT = ipuRankedTensorTypeGet(ctx, 1, bigShape, f32, NULL);
  float *big = ipuAlloc(ctx, n * 4);
  for (size_t i = 0; i < n; i++)
    big[i] = (float)(i % 1000);
  float *big2 = ipuAlloc(ctx, n * 4);
  memcpy(big2, big, n * 4);
  double t0 = now();
  IpuAttr b1 = ipuDenseElementsAttrGetOwned(ctx, bigT, big, n * 4, false);
  IpuAttr b2 = ipuDenseElementsAttrGetOwned(ctx, bigT, big2, n * 4, false);
  double elapsed = now() - t0;
  CHECK(b1 && b1 == b2 && ipuDenseElementsAttrGetRawData(b1) == big);
  CHECK(ipuDenseElementsAttrGetFloat(b1, 1999) == 999.0f);
  CHECK(elapsed < 5.0);
  /* A huge splat keeps one element. */
  float *bigSplat = ipuAlloc(ctx, n * 4);
  for (size_t i = 0; i < n; i++)
    bigSplat[i] = 2.5f;
  IpuAttr bs = ipuDenseElementsAttrGetOwned(ctx, bigT, bigSplat, n * 4, false);
  CHECK(ipuDenseElementsAttrIsSplat(bs) && ipuDenseElementsAttrGetRawSize(bs) == 4);
  CHECK(ipuDenseElementsAttrGetFloat(bs, (int64_t)n - 1) == 2.5);

  /* dense_resource. */
  IpuResourceBlob *blob = ipuResourceGetOrCreate(ctx, ipuStringRefFromCString("w"));
  IpuAttr r1 = ipuDenseResourceAttrGet(ctx, t, blob);
  CHECK(r1 && r1 == ipuDenseResourceAttrGet(ctx, t, blob));
  CHECK(ipuDenseResourceAttrGetBlob(r1) == blob && ipuAttrGetType(r1) == t);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testResources(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuResourceBlob *b = ipuResourceGetOrCreate(ctx, ipuStringRefFromCString("blob"));
  CHECK(b && b == ipuResourceGetOrCreate(ctx, ipuStringRefFromCString("blob")));
  CHECK(ipuResourceLookup(ctx, ipuStringRefFromCString("blob")) == b);
  CHECK(ipuResourceLookup(ctx, ipuStringRefFromCString("other")) == NULL);
  CHECK(!ipuResourceHasData(b));
  unsigned char data[] = {1, 2, 3, 4, 5};
  CHECK(ipuSucceeded(ipuResourceSetData(ctx, b, data, 5, 64)));
  CHECK(ipuResourceHasData(b) && ipuResourceGetSize(b) == 5);
  CHECK(((uintptr_t)ipuResourceGetData(b) & 63) == 0);
  CHECK(ipuResourceGetAlignment(b) == 64);
  CHECK(memcmp(ipuResourceGetData(b), data, 5) == 0);
  CHECK(ipuFailed(ipuResourceSetData(ctx, b, data, 5, 0)));
  CHECK(ipuFailed(ipuResourceSetData(ctx, b, data, 5, 3)));
  CHECK(ipuResourceAllocateData(ctx, b, 5, 0) == NULL);
  CHECK(ipuResourceGetSize(b) == 5); /* failed calls keep the data */
  void *buf = ipuResourceAllocateData(ctx, b, 100, 4096);
  CHECK(buf && ((uintptr_t)buf & 4095) == 0 && ipuResourceGetData(b) == buf);
  CHECK(ipuSucceeded(ipuResourceSetData(ctx, b, NULL, 0, 1)));
  CHECK(ipuResourceHasData(b) && ipuResourceGetSize(b) == 0);
  CHECK(ipuContextGetNumResources(ctx) == 1 && ipuContextGetResource(ctx, 0) == b);
  CHECK(ipuStringRefEqual(ipuResourceGetName(b), ipuStringRefFromCString("blob")));
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static void testLocations(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  IpuIdent f = ipuIdentGetC(ctx, "f.mlir");
  IpuLocation unk = ipuLocUnknownGet(ctx);
  IpuLocation l1 = ipuLocFileGet(ctx, f, 1, 2);
  CHECK(l1 == ipuLocFileGet(ctx, f, 1, 2) && l1 != ipuLocFileGet(ctx, f, 1, 3));
  CHECK(ipuAttrIsLocation(l1) && !ipuAttrIsLocation(ipuUnitAttrGet(ctx)));
  IpuLocation r = ipuLocFileRangeGet(ctx, f, 1, 2, 3, 4);
  CHECK(r != l1 && ipuLocFileGetEndColumn(r) == 4);
  IpuLocation n1 = ipuLocNameGet(ctx, ipuIdentGetC(ctx, "n"), unk);
  CHECK(n1 == ipuLocNameGet(ctx, ipuIdentGetC(ctx, "n"), NULL));
  CHECK(ipuLocNameGetChild(n1) == NULL);
  IpuLocation a = ipuLocNameGet(ctx, ipuIdentGetC(ctx, "a"), NULL);
  IpuLocation b = ipuLocNameGet(ctx, ipuIdentGetC(ctx, "b"), NULL);
  IpuLocation single[] = {a};
  CHECK(ipuLocFusedGet(ctx, 1, single, NULL) == a);
  CHECK(ipuLocFusedGet(ctx, 0, NULL, NULL) == unk);
  IpuLocation withUnk[] = {unk, a, a, unk};
  CHECK(ipuLocFusedGet(ctx, 4, withUnk, NULL) == a);
  IpuAttr meta = ipuStringAttrGet(ctx, ipuStringRefFromCString("m"), NULL);
  IpuLocation m0 = ipuLocFusedGet(ctx, 0, NULL, meta);
  CHECK(ipuLocFusedGetNumLocations(m0) == 1 && ipuLocFusedGetLocation(m0, 0) == unk);
  IpuLocation ab[] = {a, b};
  IpuLocation fab = ipuLocFusedGet(ctx, 2, ab, NULL);
  IpuLocation nestedList[] = {fab, a, l1};
  IpuLocation flat = ipuLocFusedGet(ctx, 3, nestedList, NULL);
  CHECK(ipuLocFusedGetNumLocations(flat) == 3 && ipuLocFusedGetLocation(flat, 2) == l1);
  IpuLocation withMeta = ipuLocFusedGet(ctx, 2, ab, meta);
  IpuLocation mixed[] = {withMeta, l1};
  IpuLocation keep = ipuLocFusedGet(ctx, 2, mixed, NULL);
  CHECK(ipuLocFusedGetNumLocations(keep) == 2 && ipuLocFusedGetLocation(keep, 0) == withMeta);
  CHECK(ipuLocFindFileLoc(keep) == l1);
  IpuLocation l2 = ipuLocFileGet(ctx, f, 5, 6);
  IpuLocation call = ipuLocCallSiteGet(ctx, ipuLocNameGet(ctx, ipuIdentGetC(ctx, "x"), l2), l1);
  CHECK(ipuLocFindFileLoc(call) == l2);
  CHECK(ipuLocFindFileLoc(unk) == NULL && ipuLocFindFileLoc(a) == NULL);
  CHECK(ipuLocCallSiteGet(ctx, a, ipuUnitAttrGet(ctx)) == NULL);
  /* Deep nesting: no recursion. */
  IpuLocation deep = l1;
  for (int i = 0; i < 20000; i++)
    deep = ipuLocNameGet(ctx, ipuIdentGetC(ctx, "d"), deep);
  CHECK(ipuLocFindFileLoc(deep) == l1);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

typedef struct {
  Buffer out;
  const IpuSourceMgr *sm;
  int count;
} DiagSink;

static void renderHandler(const IpuDiagnostic *diag, void *ud) {
  DiagSink *sink = ud;
  sink->count++;
  ipuDiagnosticRender(diag, sink->sm, append, &sink->out);
}

static void testDiagnostics(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  const char *src = "first line\n\t x = 1\nthird\r\nlast";
  IpuSourceMgr *sm = ipuSourceMgrCreate(ctx);
  ipuSourceMgrAddBuffer(sm, "t.mlir", src, strlen(src));
  IpuStringRef line;
  CHECK(ipuSourceMgrGetLine(sm, "t.mlir", 2, &line) && line.length == 7);
  CHECK(ipuSourceMgrGetLine(sm, "t.mlir", 3, &line) && line.length == 5);
  CHECK(ipuSourceMgrGetLine(sm, "t.mlir", 4, &line) && line.length == 4);
  CHECK(!ipuSourceMgrGetLine(sm, "t.mlir", 5, &line));
  CHECK(!ipuSourceMgrGetLine(sm, "t.mlir", 0, &line));
  CHECK(!ipuSourceMgrGetLine(sm, "u.mlir", 1, &line));

  DiagSink sink = {{NULL, 0, 0}, sm, 0};
  ipuContextSetDiagnosticHandler(ctx, renderHandler, &sink);
  IpuIdent file = ipuIdentGetC(ctx, "t.mlir");
  CHECK(ipuFailed(ipuEmitError(ctx, ipuLocFileGet(ctx, file, 2, 3), "bad %s", "x")));
  CHECK(strcmp(sink.out.data, "t.mlir:2:3: error: bad x\n"
                              "         x = 1\n"
                              "         ^\n") == 0);
  CHECK(ipuContextGetNumErrors(ctx) == 1);

  /* A caret on a tab repeats to the tab stop, as LLVM's does. */
  resetBuffer(&sink.out);
  ipuEmitWarning(ctx, ipuLocFileGet(ctx, file, 2, 1), "w");
  CHECK(strcmp(sink.out.data, "t.mlir:2:1: warning: w\n"
                              "         x = 1\n"
                              "^^^^^^^^\n") == 0);
  CHECK(ipuContextGetNumErrors(ctx) == 1);

  /* Column just past the end is allowed; beyond it, no source line. */
  resetBuffer(&sink.out);
  ipuEmitRemark(ctx, ipuLocFileGet(ctx, file, 1, 11), "r");
  CHECK(strcmp(sink.out.data, "t.mlir:1:11: remark: r\nfirst line\n          ^\n") == 0);
  resetBuffer(&sink.out);
  ipuEmitError(ctx, ipuLocFileGet(ctx, file, 1, 12), "e");
  CHECK(strcmp(sink.out.data, "t.mlir:1:12: error: e\n") == 0);
  resetBuffer(&sink.out);
  ipuEmitError(ctx, ipuLocFileGet(ctx, ipuIdentGetC(ctx, "other.mlir"), 1, 1), "e");
  CHECK(strcmp(sink.out.data, "other.mlir:1:1: error: e\n") == 0);
  resetBuffer(&sink.out);
  ipuEmitError(ctx, ipuLocFileGet(ctx, file, 0, 0), "e");
  CHECK(strcmp(sink.out.data, "t.mlir:0:0: error: e\n") == 0);

  /* Unknown locations, notes and name locations. */
  resetBuffer(&sink.out);
  ipuEmitError(ctx, NULL, "nowhere");
  CHECK(strcmp(sink.out.data, "<unknown>:0: error: nowhere\n") == 0);
  resetBuffer(&sink.out);
  ipuEmitError(ctx, ipuLocNameGet(ctx, ipuIdentGetC(ctx, "foo"), NULL), "named");
  CHECK(strcmp(sink.out.data, "<unknown>:0: error: loc(\"foo\"): named\n") == 0);
  resetBuffer(&sink.out);
  IpuLocation l3 = ipuLocFileGet(ctx, file, 3, 2);
  IpuDiagnostic *d = ipuDiagnosticCreate(ctx, IPU_SEVERITY_ERROR, l3, "%d problems", 2);
  ipuDiagnosticAddNote(d, l3, "same place");
  ipuDiagnosticAddNote(d, ipuLocFileGet(ctx, file, 4, 4), "see %s", "here");
  ipuDiagnosticAddNote(d, NULL, "inherits");
  CHECK(ipuDiagnosticGetNumNotes(d) == 3);
  CHECK(strcmp(ipuDiagnosticGetMessage(ipuDiagnosticGetNote(d, 1)), "see here") == 0);
  CHECK(ipuDiagnosticGetSeverity(ipuDiagnosticGetNote(d, 0)) == IPU_SEVERITY_NOTE);
  ipuDiagnosticReport(d);
  CHECK(strcmp(sink.out.data, "t.mlir:3:2: error: 2 problems\n"
                              "third\n"
                              " ^\n"
                              "t.mlir:3:2: note: same place\n"
                              "t.mlir:4:4: note: see here\n"
                              "last\n"
                              "   ^\n"
                              "t.mlir:3:2: note: inherits\n"
                              "third\n"
                              " ^\n") == 0);
  CHECK(ipuContextGetNumErrors(ctx) == 7);

  /* A name location shows its file location; a note at the bare file
   * location is a different location, so it shows the line again. */
  resetBuffer(&sink.out);
  d = ipuDiagnosticCreate(ctx, IPU_SEVERITY_WARNING,
                          ipuLocNameGet(ctx, ipuIdentGetC(ctx, "n"), l3), "named");
  ipuDiagnosticAddNote(d, l3, "bare");
  ipuDiagnosticReport(d);
  CHECK(strcmp(sink.out.data, "t.mlir:3:2: warning: named\nthird\n ^\n"
                              "t.mlir:3:2: note: bare\nthird\n ^\n") == 0);

  /* Call sites add "called from" notes. */
  resetBuffer(&sink.out);
  IpuLocation callee = ipuLocFileGet(ctx, ipuIdentGetC(ctx, "x.mlir"), 3, 4);
  IpuLocation caller = ipuLocFileGet(ctx, ipuIdentGetC(ctx, "y.mlir"), 5, 6);
  ipuEmitError(ctx, ipuLocCallSiteGet(ctx, callee, caller), "boom");
  CHECK(strcmp(sink.out.data, "x.mlir:3:4: error: boom\n"
                              "y.mlir:5:6: note: called from\n") == 0);

  /* Long messages and many lines. */
  resetBuffer(&sink.out);
  char longMsg[1000];
  memset(longMsg, 'm', sizeof longMsg - 1);
  longMsg[sizeof longMsg - 1] = '\0';
  ipuEmitError(ctx, NULL, "%s", longMsg);
  CHECK(sink.out.length == strlen("<unknown>:0: error: \n") + 999);

  size_t lines = 200000;
  char *bigSrc = malloc(lines * 8 + 1);
  for (size_t i = 0; i < lines; i++)
    memcpy(bigSrc + i * 8, "line xx\n", 8);
  bigSrc[lines * 8] = '\0';
  ipuSourceMgrAddBuffer(sm, "big.mlir", bigSrc, lines * 8);
  IpuIdent bigFile = ipuIdentGetC(ctx, "big.mlir");
  double t0 = now();
  for (unsigned i = 1; i <= 20000; i++) {
    resetBuffer(&sink.out);
    ipuEmitError(ctx, ipuLocFileGet(ctx, bigFile, i * 10, 6), "e");
  }
  CHECK(now() - t0 < 10.0);
  CHECK(strcmp(sink.out.data, "big.mlir:200000:6: error: e\nline xx\n     ^\n") == 0);

  /* Without a handler diagnostics are dropped but still counted. */
  ipuContextSetDiagnosticHandler(ctx, NULL, NULL);
  size_t errors = ipuContextGetNumErrors(ctx);
  ipuEmitError(ctx, NULL, "dropped");
  CHECK(ipuContextGetNumErrors(ctx) == errors + 1);
  CHECK(strcmp(ipuSeverityName(IPU_SEVERITY_REMARK), "remark") == 0);

  resetBuffer(&sink.out);
  ipuLocationRenderPosition(ipuLocFileGet(ctx, file, 7, 8), append, &sink.out);
  CHECK(strcmp(sink.out.data, "t.mlir:7:8") == 0);
  resetBuffer(&sink.out);
  ipuLocationRenderPosition(ipuLocUnknownGet(ctx), append, &sink.out);
  CHECK(strcmp(sink.out.data, "<unknown>:0") == 0);

  free(bigSrc);
  free(sink.out.data);
  ipuSourceMgrDestroy(sm);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

static IpuLogicalResult verifyNothing(IpuOp *op) { return IPU_SUCCESS; }

static const IpuOpDef kAdd = {.name = "t.add", .summary = "adds",
                              .traits = IPU_TRAIT_PURE | IPU_TRAIT_COMMUTATIVE,
                              .verify = verifyNothing};
static const IpuOpDef kRet = {.name = "t.ret", .summary = "returns",
                              .traits = IPU_TRAIT_TERMINATOR | IPU_TRAIT_RETURN_LIKE};
static const IpuOpDef *const kOps[] = {&kAdd, &kRet};
static const IpuDialectDef kDialect = {.name = "t", .summary = "test", .ops = kOps,
                                       .numOps = 2};
static const IpuDialectDef kImpostor = {.name = "t", .summary = "other", .ops = kOps,
                                        .numOps = 1};
static const IpuOpDef *const kClashOps[] = {&kAdd};
static const IpuDialectDef kClash = {.name = "u", .summary = "clash", .ops = kClashOps,
                                     .numOps = 1};

static void countErrors(const IpuDiagnostic *diag, void *ud) { (*(int *)ud)++; }

static void testRegistryAndConstraints(void) {
  Counter c;
  IpuContext *ctx = newContext(&c);
  int errors = 0;
  ipuContextSetDiagnosticHandler(ctx, countErrors, &errors);
  CHECK(ipuSucceeded(ipuContextRegisterDialect(ctx, &kDialect)));
  CHECK(ipuSucceeded(ipuContextRegisterDialect(ctx, &kDialect)));
  CHECK(ipuContextGetNumDialects(ctx) == 1 && ipuContextGetDialect(ctx, 0) == &kDialect);
  CHECK(ipuFailed(ipuContextRegisterDialect(ctx, &kImpostor)) && errors == 1);
  CHECK(ipuFailed(ipuContextRegisterDialect(ctx, &kClash)) && errors == 2);
  CHECK(ipuContextGetNumDialects(ctx) == 1);
  CHECK(ipuContextLookupDialect(ctx, ipuStringRefFromCString("t")) == &kDialect);
  CHECK(ipuContextLookupDialect(ctx, ipuStringRefFromCString("u")) == NULL);
  CHECK(ipuContextLookupOpDef(ctx, ipuStringRefFromCString("t.ret")) == &kRet);
  CHECK(ipuContextLookupOpDef(ctx, ipuStringRefMake("t.retx", 5)) == &kRet);
  CHECK(ipuContextLookupOpDef(ctx, ipuStringRefFromCString("t.sub")) == NULL);
  CHECK(ipuContextLookupOpDefDialect(ctx, &kAdd) == &kDialect);
  CHECK(ipuOpDefHasTrait(&kAdd, IPU_TRAIT_PURE) && !ipuOpDefHasTrait(&kRet, IPU_TRAIT_PURE));
  CHECK(!ipuContextGetAllowUnregisteredDialects(ctx));
  ipuContextSetAllowUnregisteredDialects(ctx, true);
  CHECK(ipuContextGetAllowUnregisteredDialects(ctx));

  Buffer out = {NULL, 0, 0};
  ipuTraitsRender(kAdd.traits | IPU_TRAIT_TERMINATOR, append, &out);
  CHECK(strcmp(out.data, "Pure Commutative Terminator") == 0);
  free(out.data);

  IpuType i64 = ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  IpuType f32 = ipuFloatTypeGet(ctx, IPU_F32);
  IpuAttr i64a = ipuIntegerAttrGet(ctx, i64, 3);
  CHECK(ipuAttrSatisfies(i64a, IPU_ATTRC_I64) && ipuAttrSatisfies(i64a, IPU_ATTRC_INTEGER));
  CHECK(!ipuAttrSatisfies(ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNED), 3),
                          IPU_ATTRC_I64));
  CHECK(ipuAttrSatisfies(ipuBoolAttrGet(ctx, true), IPU_ATTRC_BOOL));
  CHECK(!ipuAttrSatisfies(i64a, IPU_ATTRC_BOOL));
  int64_t vals[] = {1};
  CHECK(ipuAttrSatisfies(ipuDenseI64ArrayAttrGet(ctx, 1, vals), IPU_ATTRC_I64_ARRAY));
  CHECK(!ipuAttrSatisfies(ipuDenseI64ArrayAttrGet(ctx, 1, vals), IPU_ATTRC_F32_ARRAY));
  IpuType fn = ipuFunctionTypeGet(ctx, 0, NULL, 0, NULL);
  CHECK(ipuAttrSatisfies(ipuTypeAttrGet(ctx, fn), IPU_ATTRC_FUNCTION_TYPE));
  CHECK(!ipuAttrSatisfies(ipuTypeAttrGet(ctx, f32), IPU_ATTRC_FUNCTION_TYPE));
  IpuIdent x = ipuIdentGetC(ctx, "x");
  CHECK(ipuAttrSatisfies(ipuFlatSymbolRefAttrGet(ctx, x), IPU_ATTRC_FLAT_SYMBOL_REF));
  CHECK(!ipuAttrSatisfies(ipuSymbolRefAttrGet(ctx, x, 1, &x), IPU_ATTRC_FLAT_SYMBOL_REF));
  IpuAttr dict = ipuDictionaryAttrGet(ctx, 0, NULL);
  IpuAttr dicts = ipuArrayAttrGet(ctx, 1, &dict);
  CHECK(ipuAttrSatisfies(dicts, IPU_ATTRC_ARRAY_OF_DICTIONARY));
  CHECK(!ipuAttrSatisfies(ipuArrayAttrGet(ctx, 1, &i64a), IPU_ATTRC_ARRAY_OF_DICTIONARY));
  CHECK(!ipuAttrSatisfies(NULL, IPU_ATTRC_ANY));
  int64_t shape[] = {2};
  IpuType t = ipuRankedTensorTypeGet(ctx, 1, shape, f32, NULL);
  CHECK(ipuTypeSatisfies(t, IPU_TYPEC_RANKED_TENSOR) && ipuTypeSatisfies(t, IPU_TYPEC_TENSOR));
  CHECK(ipuTypeSatisfies(t, IPU_TYPEC_INT_OR_FLOAT_TENSOR));
  CHECK(!ipuTypeSatisfies(ipuUnrankedTensorTypeGet(ctx, f32), IPU_TYPEC_RANKED_TENSOR));
  CHECK(!ipuTypeSatisfies(ipuRankedTensorTypeGet(ctx, 1, shape, ipuIndexTypeGet(ctx), NULL),
                          IPU_TYPEC_INT_OR_FLOAT_TENSOR));
  CHECK(strcmp(ipuAttrConstraintName(IPU_ATTRC_I64_ARRAY), "i64 dense array attribute") == 0);
  CHECK(strcmp(ipuTypeConstraintName(IPU_TYPEC_RANKED_TENSOR),
               "ranked tensor of any type values") == 0);
  ipuContextDestroy(ctx);
  CHECK(c.live == 0);
}

/* Every allocation failing in turn: no crash, no leak. */
static void testAllocationFailures(void) {
  for (long failAt = 0; failAt < 60; failAt++) {
    Counter c;
    IpuContext *ctx = newContext(&c);
    if (!ctx)
      continue;
    c.failAfter = failAt;
    IpuType i32 = ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
    IpuAttr one = ipuIntegerAttrGet(ctx, i32, 1);
    IpuNamedAttr e[] = {{ipuIdentGetC(ctx, "b"), one}, {ipuIdentGetC(ctx, "a"), one}};
    if (e[0].name && e[1].name && one)
      ipuDictionaryAttrGet(ctx, 2, e);
    int64_t shape[] = {300};
    IpuType t = ipuRankedTensorTypeGet(ctx, 1, shape, i32, NULL);
    int32_t data[300];
    for (int i = 0; i < 300; i++)
      data[i] = i;
    if (t)
      ipuDenseElementsAttrGet(ctx, t, data, sizeof data, false);
    ipuEmitError(ctx, NULL, "x");
    IpuResourceBlob *b = ipuResourceGetOrCreate(ctx, ipuStringRefFromCString("r"));
    if (b)
      ipuResourceSetData(ctx, b, data, 16, 8);
    ipuContextRegisterDialect(ctx, &kDialect);
    ipuContextDestroy(ctx);
    CHECK(c.live == 0);
  }
}

int main(void) {
  testContextAndIdents();
  testTypes();
  testIntegers();
  testFloats();
  testStringsArraysDicts();
  testDense();
  testResources();
  testLocations();
  testDiagnostics();
  testRegistryAndConstraints();
  testAllocationFailures();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
