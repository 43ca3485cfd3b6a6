/* The uniqued storage behind IpuType and IpuAttr handles (private): one
 * record per distinct value, hash-consed in the context's tables. */
#ifndef IPU_IR_STORAGE_H
#define IPU_IR_STORAGE_H

#include "context_impl.h"
#include "ipu/attributes.h"

struct IpuTypeStorage {
  IpuContext *ctx;
  uint64_t hash;
  IpuTypeKind kind;
  bool hasLoc; /* a location is nested inside (through an attribute) */
  union {
    struct {
      unsigned width;
      IpuSignedness signedness;
    } integer;
    IpuFloatKind floatKind;
    struct {
      intptr_t rank;        /* -1 when unranked */
      const int64_t *shape; /* `rank` dimensions; NULL when unranked */
      IpuType element;
      IpuAttr encoding;     /* tensor encoding or memref layout */
      IpuAttr memorySpace;  /* memrefs only */
      const bool *scalable; /* vectors only; NULL when none is scalable */
    } shaped;
    IpuType complexElement;
    struct {
      intptr_t numInputs;   /* the tuple's size for tuples */
      intptr_t numResults;
      const IpuType *types; /* inputs, then results */
    } func;
    struct {
      IpuIdent dialect;
      IpuStringRef body;
    } opaque;
  } u;
};

struct IpuAttrStorage {
  IpuContext *ctx;
  uint64_t hash;
  IpuAttrKind kind;
  bool hasLoc;  /* a location, or one is nested inside */
  IpuType type; /* typed attributes only */
  union {
    struct {
      intptr_t numWords;
      const uint64_t *words; /* bits above the type's width are zero */
    } integer;
    struct {
      double value;
      uint64_t bits; /* in the type's own format: the uniquing key */
    } fp;
    IpuStringRef string;  /* NUL-terminated copy */
    struct {
      intptr_t n;
      const IpuAttr *elements;
    } array;
    struct {
      intptr_t n;
      const IpuNamedAttr *entries; /* sorted by name, no duplicates */
    } dict;
    struct {
      IpuType elementType;
      intptr_t n;
      const void *data;
    } denseArray;
    struct {
      const void *data;
      size_t size;
      bool splat;
      bool owned; /* data is a hook block of its own, freed with the ctx */
    } dense;
    IpuResourceBlob *blob;
    struct {
      IpuIdent root;
      intptr_t n;
      const IpuIdent *nested;
    } symbol;
    IpuType typeValue;
    struct {
      IpuIdent dialect;
      IpuStringRef body;
    } opaque;
    struct {
      IpuIdent file;
      unsigned line, column, endLine, endColumn;
    } fileLoc;
    struct {
      IpuIdent name;
      IpuAttr child; /* NULL for unknown */
    } nameLoc;
    struct {
      IpuAttr callee, caller;
    } callSite;
    struct {
      intptr_t n;
      const IpuAttr *locs;
      IpuAttr metadata;
    } fused;
  } u;
};

/* Returns the unique storage equal to `key` (whose arrays may point at
 * caller memory), copying it into the arena on first sight. NULL when the
 * hook fails. For dense elements with key->u.dense.owned set, ownership of
 * the data moves to the context: it is kept or, when an equal attribute
 * exists or on failure, freed. */
IpuAttr ipuAttrUnique(IpuContext *ctx, const struct IpuAttrStorage *key);
IpuType ipuTypeUnique(IpuContext *ctx, const struct IpuTypeStorage *key);

static inline bool ipuAttrIsKind(IpuAttr a, IpuAttrKind k) {
  return a && a->kind == k;
}
static inline bool ipuTypeIsKind(IpuType t, IpuTypeKind k) {
  return t && t->kind == k;
}

#endif
