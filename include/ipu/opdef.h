/* Op definitions and dialects. Each dialect describes its ops in one X-macro
 * table (dialects/NAME/NAME_ops.def); the table fills IpuOpDef records that
 * drive verification, printing, folding and the generated reference docs. */
#ifndef IPU_OPDEF_H
#define IPU_OPDEF_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Traits, as MLIR's. */
enum {
  IPU_TRAIT_PURE = 1u << 0,               /* no side effects */
  IPU_TRAIT_COMMUTATIVE = 1u << 1,
  IPU_TRAIT_TERMINATOR = 1u << 2,         /* must end its block */
  IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE = 1u << 3,
  IPU_TRAIT_ISOLATED_FROM_ABOVE = 1u << 4,/* regions see no outer values */
  IPU_TRAIT_SYMBOL_TABLE = 1u << 5,       /* region holds a symbol table */
  IPU_TRAIT_SYMBOL = 1u << 6,             /* defines `sym_name` */
  IPU_TRAIT_NO_TERMINATOR = 1u << 7,      /* blocks need no terminator */
  IPU_TRAIT_GRAPH_REGION = 1u << 8,       /* regions are graph regions */
  IPU_TRAIT_SINGLE_BLOCK = 1u << 9,       /* each region has <= 1 block */
  IPU_TRAIT_CONSTANT_LIKE = 1u << 10,     /* folds to its `value` attr */
  IPU_TRAIT_RETURN_LIKE = 1u << 11,
  IPU_TRAIT_SAME_OPERANDS_ELEMENT_TYPE = 1u << 12,
  /* Syntax only (as StableHLO's SameOperandsAndResultType printer): the
   * uniform short form shows one type when every operand and result has
   * it, else a function type; both parse. For ops whose types may differ
   * (broadcasting) but usually do not. */
  IPU_TRAIT_SAME_TYPE_SHORTHAND = 1u << 13,
  /* Declared result types need only be compatible with the inferred ones
   * (as TOSA's ops, whose isCompatibleReturnTypes uses
   * verifyCompatibleShapes): same element type, either one unranked or the
   * same rank with each extent equal or dynamic in either. Shapes may so be
   * left dynamic and made static later (hl-infer-shapes). */
  IPU_TRAIT_COMPATIBLE_RESULT_TYPES = 1u << 14,
};

/* What an attribute of an op must be. */
typedef enum {
  IPU_ATTRC_ANY,
  IPU_ATTRC_BOOL,           /* i1 integer attribute */
  IPU_ATTRC_INTEGER,        /* any integer attribute */
  IPU_ATTRC_I64,            /* integer attribute of type i64 */
  IPU_ATTRC_FLOAT,
  IPU_ATTRC_STRING,
  IPU_ATTRC_UNIT,
  IPU_ATTRC_ARRAY,
  IPU_ATTRC_DICTIONARY,
  IPU_ATTRC_I64_ARRAY,      /* array<i64: ...> */
  IPU_ATTRC_F32_ARRAY,      /* array<f32: ...> */
  IPU_ATTRC_ELEMENTS,       /* dense<...> or dense_resource<...> */
  IPU_ATTRC_TYPE,
  IPU_ATTRC_FUNCTION_TYPE,  /* type attribute holding a function type */
  IPU_ATTRC_SYMBOL_REF,
  IPU_ATTRC_FLAT_SYMBOL_REF,
  IPU_ATTRC_SYMBOL_NAME,    /* string naming a symbol */
  IPU_ATTRC_ARRAY_OF_DICTIONARY,
} IpuAttrConstraint;

/* What a value of an operand or result must be. */
typedef enum {
  IPU_TYPEC_ANY,
  IPU_TYPEC_TENSOR,         /* ranked or unranked tensor */
  IPU_TYPEC_RANKED_TENSOR,
  IPU_TYPEC_INTEGER,
  IPU_TYPEC_INDEX,
  IPU_TYPEC_FLOAT,
  IPU_TYPEC_INT_OR_FLOAT_TENSOR,
} IpuTypeConstraint;

typedef struct {
  const char *name;
  IpuTypeConstraint type;
  bool variadic; /* at most one variadic operand (or result) per op */
  bool optional; /* zero or one; counts as variadic */
  const char *summary;
} IpuValueDef;

typedef struct {
  const char *name;
  IpuAttrConstraint kind;
  bool optional;
  const char *defaultValue; /* for docs, in the textual format; may be NULL */
  const char *summary;
} IpuAttrDef;

/* Folding: the fold hook receives the constant operand values (NULL where an
 * operand is not constant) and writes one result per op result: either an
 * attribute (materialised as a constant by the dialect) or an existing
 * value. It returns false when it cannot fold. It may update the op in
 * place (then it returns true and sets every result to the op's own result
 * value). */
typedef struct {
  IpuAttr attr;
  IpuValue value;
} IpuFoldResult;

struct IpuPatternSet;
typedef IpuLogicalResult (*IpuOpVerifyFn)(IpuOp *op);
/* Writes `numResults` types; on failure emits a diagnostic at `loc`. */
typedef IpuLogicalResult (*IpuOpInferTypesFn)(IpuContext *ctx, IpuLocation loc,
                                              intptr_t numOperands,
                                              const IpuValue *operands,
                                              IpuAttr attributes,
                                              IpuAttr properties,
                                              intptr_t numResults,
                                              IpuType *resultTypes);
typedef bool (*IpuOpFoldFn)(IpuOp *op, const IpuAttr *constOperands,
                            IpuFoldResult *results);
typedef void (*IpuOpCanonicalizationPatternsFn)(struct IpuPatternSet *set);

struct IpuOpDef {
  const char *name;        /* "hl.add" */
  const char *summary;
  const char *description; /* may be NULL */
  const IpuValueDef *operands;
  intptr_t numOperands;
  const IpuValueDef *results;
  intptr_t numResults;
  const IpuAttrDef *attrs; /* inherent attributes */
  intptr_t numAttrs;
  intptr_t numRegions;     /* exact count */
  intptr_t numSuccessors;  /* exact count; -1: any */
  uint32_t traits;
  const char *parent;      /* required parent op name, or NULL */
  IpuOpVerifyFn verify;
  IpuOpInferTypesFn inferResultTypes;
  IpuOpFoldFn fold;
  IpuOpCanonicalizationPatternsFn canonicalizationPatterns;
};

/* Builds a constant op of `type` holding `value`, inserted by `b`; NULL if
 * the dialect cannot. Used when folding produces attributes. */
typedef IpuOp *(*IpuMaterializeConstantFn)(IpuBuilder *b, IpuAttr value,
                                           IpuType type, IpuLocation loc);

/* A discardable attribute that a dialect defines for ops of any dialect
 * (`hw.target` on a builtin.module), for the generated docs. */
typedef struct {
  const char *name;        /* "hw.target" */
  const char *summary;
  const char *description; /* Markdown, may be NULL */
} IpuDialectAttrDef;

/* MLIR's Dialect::verifyOperationAttribute: checks a discardable attribute
 * `attr` named `DIALECT.something` on `op` (any op, registered or not);
 * reports a located error and returns failure when it is wrong. */
typedef IpuLogicalResult (*IpuVerifyOperationAttributeFn)(IpuOp *op,
                                                          IpuNamedAttr attr);

typedef struct {
  const char *name;        /* "hl" */
  const char *summary;
  const char *description; /* may be NULL */
  const IpuOpDef *const *ops;
  intptr_t numOps;
  IpuMaterializeConstantFn materializeConstant;
  /* Called by the verifier for every discardable attribute whose name has
   * this dialect's prefix, before the op's own invariants (as MLIR's
   * OperationVerifier::verifyOnEntrance). NULL: all are accepted. */
  IpuVerifyOperationAttributeFn verifyOperationAttribute;
  /* The discardable attributes the dialect defines (docs only). */
  const IpuDialectAttrDef *discardableAttrs;
  intptr_t numDiscardableAttrs;
} IpuDialectDef;

/* Registers a dialect and its ops with the context (the definition must
 * outlive the context). Registering the same dialect twice is a no-op. */
IpuLogicalResult ipuContextRegisterDialect(IpuContext *ctx,
                                           const IpuDialectDef *dialect);
const IpuDialectDef *ipuContextLookupDialect(IpuContext *ctx,
                                             IpuStringRef name);
const IpuOpDef *ipuContextLookupOpDef(IpuContext *ctx, IpuStringRef name);
intptr_t ipuContextGetNumDialects(const IpuContext *ctx);
const IpuDialectDef *ipuContextGetDialect(const IpuContext *ctx, intptr_t i);
/* The registered dialect that owns `def`, or NULL. */
const IpuDialectDef *ipuContextLookupOpDefDialect(IpuContext *ctx,
                                                  const IpuOpDef *def);

static inline bool ipuOpDefHasTrait(const IpuOpDef *def, uint32_t trait) {
  return def && (def->traits & trait) == trait;
}
bool ipuOpHasTrait(const IpuOp *op, uint32_t trait);
/* The dialect that owns a registered op. */
const IpuDialectDef *ipuOpGetDialect(const IpuOp *op);

/* Names of constraints and traits, for messages and generated docs. */
const char *ipuAttrConstraintName(IpuAttrConstraint c);
const char *ipuTypeConstraintName(IpuTypeConstraint c);
/* Writes a space-separated list of trait names. */
void ipuTraitsRender(uint32_t traits, IpuStringCallback cb, void *userData);
bool ipuAttrSatisfies(IpuAttr a, IpuAttrConstraint c);
bool ipuTypeSatisfies(IpuType t, IpuTypeConstraint c);

#ifdef __cplusplus
}
#endif
#endif
