/* Builtin attributes and locations. Attributes are uniqued in the context:
 * two attributes are equal exactly when their handles are the same pointer.
 * Locations are attributes too (as in MLIR), of the IPU_ATTR_LOC_* kinds. */
#ifndef IPU_ATTRIBUTES_H
#define IPU_ATTRIBUTES_H

#include "ipu/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  IPU_ATTR_INTEGER,        /* 42 : i32, true, false (i1) */
  IPU_ATTR_FLOAT,          /* 1.0 : f32, 0x7FC00000 : f32 */
  IPU_ATTR_STRING,         /* "text" (optionally typed: "text" : i32) */
  IPU_ATTR_UNIT,           /* unit */
  IPU_ATTR_ARRAY,          /* [a, b] */
  IPU_ATTR_DICTIONARY,     /* {a = 1, b} (sorted by name) */
  IPU_ATTR_DENSE_ARRAY,    /* array<i64: 1, 2> */
  IPU_ATTR_DENSE_ELEMENTS, /* dense<...> : tensor<...> */
  IPU_ATTR_DENSE_RESOURCE, /* dense_resource<name> : tensor<...> */
  IPU_ATTR_SYMBOL_REF,     /* @a, @a::@b */
  IPU_ATTR_TYPE,           /* a type used as an attribute */
  IPU_ATTR_OPAQUE,         /* #dialect.body or #dialect<"body"> */
  IPU_ATTR_LOC_UNKNOWN,    /* loc(unknown) */
  IPU_ATTR_LOC_FILE,       /* loc("file":1:2), loc("file":1:2 to 3:4) */
  IPU_ATTR_LOC_NAME,       /* loc("name"), loc("name"(child)) */
  IPU_ATTR_LOC_CALLSITE,   /* loc(callsite(callee at caller)) */
  IPU_ATTR_LOC_FUSED,      /* loc(fused[a, b]), loc(fused<#meta>[a]) */
} IpuAttrKind;

typedef IpuAttr IpuLocation; /* an attribute of an IPU_ATTR_LOC_* kind */

/* A name/value pair of a dictionary. */
typedef struct {
  IpuIdent name;
  IpuAttr value;
} IpuNamedAttr;

IpuAttrKind ipuAttrGetKind(IpuAttr a);
IpuContext *ipuAttrGetContext(IpuAttr a);
bool ipuAttrIsLocation(IpuAttr a);
/* The type of a typed attribute (integer, float, string, dense, resource,
 * type attribute's own type is not this); NULL for untyped ones. */
IpuType ipuAttrGetType(IpuAttr a);

/* Integers of any width. Values wider than 64 bits are given as words,
 * least significant first, `numWords` = ceil(width/64); bits above the
 * type's width must be zero. Signedness of the type decides how the value
 * prints. */
IpuAttr ipuIntegerAttrGet(IpuContext *ctx, IpuType type, int64_t value);
IpuAttr ipuIntegerAttrGetFromWords(IpuContext *ctx, IpuType type,
                                   intptr_t numWords,
                                   const uint64_t *words);
IpuAttr ipuBoolAttrGet(IpuContext *ctx, bool value); /* i1 */
/* Low 64 bits, sign- or zero-extended from the type's width (index and
 * signless types sign-extend, so `true` reads -1 here: use
 * ipuBoolAttrGetValue for bools). */
int64_t ipuIntegerAttrGetInt(IpuAttr a);
uint64_t ipuIntegerAttrGetUInt(IpuAttr a);
intptr_t ipuIntegerAttrGetNumWords(IpuAttr a);
const uint64_t *ipuIntegerAttrGetWords(IpuAttr a);
bool ipuAttrIsBool(IpuAttr a);
bool ipuBoolAttrGetValue(IpuAttr a);

/* Floats; the value is rounded to the type's precision when stored. */
IpuAttr ipuFloatAttrGet(IpuContext *ctx, IpuType type, double value);
double ipuFloatAttrGetValue(IpuAttr a);
/* The exact bit pattern in the type's format (16, 32 or 64 bits), which is
 * what uniques float attributes (0.0 and -0.0 differ; equal NaN bits are
 * equal). FromBits keeps signalling NaNs and payloads as given, for hex
 * literals such as `0x7FC00001 : f32`. */
IpuAttr ipuFloatAttrGetFromBits(IpuContext *ctx, IpuType type, uint64_t bits);
uint64_t ipuFloatAttrGetBits(IpuAttr a);

/* IEEE conversions for f16 and bf16 (round to nearest even; NaNs stay NaNs,
 * made quiet). The double forms round once, straight from double. */
uint16_t ipuFloatToHalfBits(float f);
float ipuHalfBitsToFloat(uint16_t bits);
uint16_t ipuFloatToBFloat16Bits(float f);
float ipuBFloat16BitsToFloat(uint16_t bits);
uint16_t ipuDoubleToHalfBits(double d);
uint16_t ipuDoubleToBFloat16Bits(double d);
/* A value rounded to `kind` as its bit pattern, and back. */
uint64_t ipuFloatEncode(IpuFloatKind kind, double value);
double ipuFloatDecode(IpuFloatKind kind, uint64_t bits);

/* Strings may hold any bytes, NULs included. `type` may be NULL. */
IpuAttr ipuStringAttrGet(IpuContext *ctx, IpuStringRef value, IpuType type);
IpuStringRef ipuStringAttrGetValue(IpuAttr a);

IpuAttr ipuUnitAttrGet(IpuContext *ctx);

IpuAttr ipuArrayAttrGet(IpuContext *ctx, intptr_t n, const IpuAttr *elements);
intptr_t ipuArrayAttrGetNumElements(IpuAttr a);
IpuAttr ipuArrayAttrGetElement(IpuAttr a, intptr_t i);

/* Entries are sorted by name; duplicate names make this return NULL. */
IpuAttr ipuDictionaryAttrGet(IpuContext *ctx, intptr_t n,
                             const IpuNamedAttr *entries);
intptr_t ipuDictionaryAttrGetNumEntries(IpuAttr a);
IpuNamedAttr ipuDictionaryAttrGetEntry(IpuAttr a, intptr_t i);
IpuAttr ipuDictionaryAttrGet1(IpuAttr dict, IpuStringRef name); /* or NULL */
IpuAttr ipuDictionaryAttrGetC(IpuAttr dict, const char *name);   /* or NULL */
/* A copy of `dict` (NULL: empty) with `name` set to `value` (NULL:
 * removed). */
IpuAttr ipuDictionaryAttrSet(IpuContext *ctx, IpuAttr dict, IpuIdent name,
                             IpuAttr value);

/* array<T: ...>: `elementType` is i1, i8, i16, i32, i64, f32 or f64; the
 * data holds `n` elements of the type's natural C size (bool for i1). */
IpuAttr ipuDenseArrayAttrGet(IpuContext *ctx, IpuType elementType, intptr_t n,
                             const void *data);
IpuAttr ipuDenseI64ArrayAttrGet(IpuContext *ctx, intptr_t n,
                                const int64_t *values);
IpuType ipuDenseArrayAttrGetElementType(IpuAttr a);
intptr_t ipuDenseArrayAttrGetNumElements(IpuAttr a);
const void *ipuDenseArrayAttrGetData(IpuAttr a);

/* dense<...> : shaped type with a static shape. Raw data: elements
 * row-major, little-endian, each of ipuDenseElementStorageBytes(element
 * type) bytes (i1 takes a byte; complex holds two parts). A splat stores
 * one element. */
size_t ipuDenseElementStorageBytes(IpuType elementType);
IpuAttr ipuDenseElementsAttrGet(IpuContext *ctx, IpuType shapedType,
                                const void *data, size_t size, bool splat);
/* Takes ownership of `data` (allocated with ipuAlloc on `ctx`), so that
 * large constants are never copied. The data is freed if an equal
 * attribute already exists, if it turns out to be a splat (one element is
 * kept), and when the arguments are invalid (NULL is returned).
 * Both constructors return NULL, without a diagnostic, unless the type is a
 * ranked tensor or vector with a static shape and a supported element type
 * and `size` is one element (splat) or all of them. Elements that are all
 * equal are stored as a splat (as MLIR does), so equal constants are equal
 * handles; i1 bytes become 0/1 and bits above an odd integer width are
 * cleared for the same reason. */
IpuAttr ipuDenseElementsAttrGetOwned(IpuContext *ctx, IpuType shapedType,
                                     void *data, size_t size, bool splat);
bool ipuDenseElementsAttrIsSplat(IpuAttr a);
const void *ipuDenseElementsAttrGetRawData(IpuAttr a);
size_t ipuDenseElementsAttrGetRawSize(IpuAttr a);
/* Element i (splats answer for every i) converted to int64 / double: the
 * real part of complex elements; integers sign-extend unless unsigned, but
 * i1 reads 0 or 1; floats saturate to int64 (NaN reads 0). Out of range
 * indices read 0. */
int64_t ipuDenseElementsAttrGetInt(IpuAttr a, int64_t i);
double ipuDenseElementsAttrGetFloat(IpuAttr a, int64_t i);

IpuAttr ipuDenseResourceAttrGet(IpuContext *ctx, IpuType shapedType,
                                IpuResourceBlob *blob);
IpuResourceBlob *ipuDenseResourceAttrGetBlob(IpuAttr a);

/* @root::@nested::@leaf */
IpuAttr ipuSymbolRefAttrGet(IpuContext *ctx, IpuIdent root, intptr_t numNested,
                            const IpuIdent *nested);
IpuAttr ipuFlatSymbolRefAttrGet(IpuContext *ctx, IpuIdent name);
IpuIdent ipuSymbolRefAttrGetRoot(IpuAttr a);
intptr_t ipuSymbolRefAttrGetNumNested(IpuAttr a);
IpuIdent ipuSymbolRefAttrGetNested(IpuAttr a, intptr_t i);

IpuAttr ipuTypeAttrGet(IpuContext *ctx, IpuType type);
IpuType ipuTypeAttrGetValue(IpuAttr a);

/* An attribute of a dialect this context does not know, body verbatim. */
IpuAttr ipuOpaqueAttrGet(IpuContext *ctx, IpuIdent dialect, IpuStringRef body);
IpuIdent ipuOpaqueAttrGetDialect(IpuAttr a);
IpuStringRef ipuOpaqueAttrGetBody(IpuAttr a);

/* Locations. A file location with endLine/endColumn 0 is a point.
 * Simplified as MLIR's builders do: a name location's unknown child is
 * dropped (NULL); a fused location drops unknown members and duplicates,
 * merges nested fused locations with the same metadata, and is unknown when
 * empty, its single member when that is all and there is no metadata, and
 * `fused<meta>[unknown]` when empty with metadata. */
IpuLocation ipuLocUnknownGet(IpuContext *ctx);
IpuLocation ipuLocFileGet(IpuContext *ctx, IpuIdent file, unsigned line,
                          unsigned column);
IpuLocation ipuLocFileRangeGet(IpuContext *ctx, IpuIdent file, unsigned line,
                               unsigned column, unsigned endLine,
                               unsigned endColumn);
IpuLocation ipuLocNameGet(IpuContext *ctx, IpuIdent name, IpuLocation child);
IpuLocation ipuLocCallSiteGet(IpuContext *ctx, IpuLocation callee,
                              IpuLocation caller);
/* `metadata` may be NULL. */
IpuLocation ipuLocFusedGet(IpuContext *ctx, intptr_t n,
                           const IpuLocation *locs, IpuAttr metadata);
IpuIdent ipuLocFileGetFilename(IpuLocation l);
unsigned ipuLocFileGetLine(IpuLocation l);
unsigned ipuLocFileGetColumn(IpuLocation l);
unsigned ipuLocFileGetEndLine(IpuLocation l);   /* 0 for a point */
unsigned ipuLocFileGetEndColumn(IpuLocation l); /* 0 for a point */
IpuIdent ipuLocNameGetName(IpuLocation l);
IpuLocation ipuLocNameGetChild(IpuLocation l); /* NULL when absent */
IpuLocation ipuLocCallSiteGetCallee(IpuLocation l);
IpuLocation ipuLocCallSiteGetCaller(IpuLocation l);
intptr_t ipuLocFusedGetNumLocations(IpuLocation l);
IpuLocation ipuLocFusedGetLocation(IpuLocation l, intptr_t i);
IpuAttr ipuLocFusedGetMetadata(IpuLocation l);
/* The first file location found inside `l` (depth first), or NULL. */
IpuLocation ipuLocFindFileLoc(IpuLocation l);

#ifdef __cplusplus
}
#endif
#endif
