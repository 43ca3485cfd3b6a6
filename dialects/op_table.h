/* Expands a dialect's X-macro op table (NAME_ops.def) into IpuOpDef records
 * and the dialect's `dialectOps` array, one pass over the table per use.
 *
 * Usage, in the dialect's .c file, after the hook functions are declared:
 *
 *   #define OP_TABLE_FILE "hl/hl_ops.def"
 *   #include "op_table.h"
 *   ... dialectOps and OP_TABLE_NUM_OPS now exist ...
 *
 * Each op of a table is a block of rows (see the top of any NAME_ops.def):
 *
 *   OP(id, "dialect.name", "summary")    opens the op; `id` is a C name
 *   DESCRIPTION("text")                  optional, Markdown
 *   OPERAND(name, TYPEC, ARITY, "summary")   TYPEC: suffix of IPU_TYPEC_*
 *   RESULT(name, TYPEC, ARITY, "summary")    ARITY: ONE, VARIADIC, OPTIONAL
 *   ATTR(name, ATTRC, PRESENCE, default, "summary")
 *                                        ATTRC: suffix of IPU_ATTRC_*,
 *                                        PRESENCE: REQUIRED or OPTIONAL,
 *                                        default: textual form or NULL
 *   TRAITS(IPU_TRAIT_A | IPU_TRAIT_B)    optional; OP_TABLE_EXTRA_TRAITS,
 *                                        if defined, is ORed into each
 *   REGIONS(n) SUCCESSORS(n) PARENT("op")   optional; default 0, 0, none
 *   VERIFY(fn) INFER(fn) FOLD(fn) CANONICALIZE(fn)   optional hooks
 *   END(id)                              closes the op
 *
 * Every per-op value/attribute array ends with a zeroed sentinel so that an
 * op without operands still has a (non-empty, ISO C) array; the counts in
 * the IpuOpDef exclude it. Before each pass, op_table_reset.h turns every
 * row into nothing; the pass then redefines only the rows it cares about. */
#ifndef OP_TABLE_FILE
#error "define OP_TABLE_FILE before including op_table.h"
#endif

#include "ipu/opdef.h"

#define OP_TABLE_ARITY_ONE false, false
#define OP_TABLE_ARITY_VARIADIC true, false
#define OP_TABLE_ARITY_OPTIONAL false, true
#define OP_TABLE_PRESENCE_REQUIRED false
#define OP_TABLE_PRESENCE_OPTIONAL true
#define OP_TABLE_COUNT(array) \
  ((intptr_t)(sizeof(array) / sizeof((array)[0])) - 1)

/* Pass 1: operands. */
#include "op_table_reset.h"
#undef OP
#undef OPERAND
#undef END
#define OP(id, opName, opSummary) static const IpuValueDef id##Operands[] = {
#define OPERAND(name, typec, arity, summary) \
  {#name, IPU_TYPEC_##typec, OP_TABLE_ARITY_##arity, summary},
#define END(id) {NULL, IPU_TYPEC_ANY, false, false, NULL}};
#include OP_TABLE_FILE

/* Pass 2: results. */
#include "op_table_reset.h"
#undef OP
#undef RESULT
#undef END
#define OP(id, opName, opSummary) static const IpuValueDef id##Results[] = {
#define RESULT(name, typec, arity, summary) \
  {#name, IPU_TYPEC_##typec, OP_TABLE_ARITY_##arity, summary},
#define END(id) {NULL, IPU_TYPEC_ANY, false, false, NULL}};
#include OP_TABLE_FILE

/* Pass 3: inherent attributes. */
#include "op_table_reset.h"
#undef OP
#undef ATTR
#undef END
#define OP(id, opName, opSummary) static const IpuAttrDef id##Attrs[] = {
#define ATTR(name, attrc, presence, defaultValue, summary) \
  {#name, IPU_ATTRC_##attrc, OP_TABLE_PRESENCE_##presence, defaultValue, \
   summary},
#define END(id) {NULL, IPU_ATTRC_ANY, false, NULL, NULL}};
#include OP_TABLE_FILE

/* Pass 4: the op definitions. Designated initializers let the optional rows
 * come in any order and leave what is absent zero. */
#include "op_table_reset.h"
#undef OP
#undef DESCRIPTION
#undef TRAITS
#undef REGIONS
#undef SUCCESSORS
#undef PARENT
#undef VERIFY
#undef INFER
#undef FOLD
#undef CANONICALIZE
#undef END
#define OP(id, opName, opSummary) \
  static const IpuOpDef id##Def = {.name = opName, .summary = opSummary,
#define DESCRIPTION(text) .description = text,
#ifndef OP_TABLE_EXTRA_TRAITS
#define OP_TABLE_EXTRA_TRAITS 0
#endif
#define TRAITS(traitBits) .traits = (traitBits) | (OP_TABLE_EXTRA_TRAITS),
#define REGIONS(n) .numRegions = (n),
#define SUCCESSORS(n) .numSuccessors = (n),
#define PARENT(parentName) .parent = parentName,
#define VERIFY(fn) .verify = fn,
#define INFER(fn) .inferResultTypes = fn,
#define FOLD(fn) .fold = fn,
#define CANONICALIZE(fn) .canonicalizationPatterns = fn,
#define END(id)                                                       \
  .operands = id##Operands, .numOperands = OP_TABLE_COUNT(id##Operands), \
  .results = id##Results, .numResults = OP_TABLE_COUNT(id##Results),     \
  .attrs = id##Attrs, .numAttrs = OP_TABLE_COUNT(id##Attrs),             \
  };
#include OP_TABLE_FILE

/* Pass 5: the dialect's list of ops, in table order. */
#include "op_table_reset.h"
#undef OP
#define OP(id, opName, opSummary) &id##Def,
static const IpuOpDef *const dialectOps[] = {
#include OP_TABLE_FILE
};
#include "op_table_reset.h"
#define OP_TABLE_NUM_OPS \
  ((intptr_t)(sizeof(dialectOps) / sizeof(dialectOps[0])))
