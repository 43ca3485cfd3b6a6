/* The hw dialect (placed, routed, allocated hardware): the hw.tile verifier,
 * the check of the `hw.target` module attribute and the dialect definition. */
#include <string.h>

#include "dialect_support.h"
#include "ipu/dialects.h"
#include "ipu/target.h"

static IpuLogicalResult checkNonNegative(IpuOp *op, const char *name) {
  int64_t value;
  if (!dialectGetIntAttr(op, name, &value) || value >= 0)
    return IPU_SUCCESS; /* absence is the generic checks' business */
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute whose value is "
                        "non-negative",
                        name);
}

static IpuLogicalResult verifyTile(IpuOp *op) {
  if (ipuFailed(checkNonNegative(op, "x")) ||
      ipuFailed(checkNonNegative(op, "y")) ||
      ipuFailed(checkNonNegative(op, "chip")))
    return IPU_FAILURE;
  IpuRegion *body = ipuOpGetRegion(op, 0);
  IpuBlock *block = body ? ipuRegionGetFirstBlock(body) : NULL;
  if (block && ipuBlockGetNumArguments(block) != 0)
    return ipuOpEmitError(op, "region should have no arguments");
  return IPU_SUCCESS;
}

#define OP_TABLE_FILE "hw/hw_ops.def"
#include "op_table.h"

/* The dialect's attributes on other ops: `hw.target`, on modules only. */
static IpuLogicalResult verifyHwAttribute(IpuOp *op, IpuNamedAttr attr) {
  const char *name = ipuIdentCStr(attr.name);
  if (strcmp(name, IPU_TARGET_ATTR_NAME) != 0)
    return ipuOpEmitError(op,
                          "has unknown hw dialect attribute '%s' (the hw "
                          "dialect defines '" IPU_TARGET_ATTR_NAME "')",
                          name);
  if (strcmp(ipuIdentCStr(ipuOpGetName(op)), "builtin.module") != 0)
    return ipuOpEmitError(op, "attribute '" IPU_TARGET_ATTR_NAME
                              "' is only allowed on a 'builtin.module'");
  IpuTarget target;
  return ipuTargetFromAttr(ipuOpGetContext(op), ipuOpGetLoc(op), attr.value,
                           &target);
}

/* The entry table of the docs, from the rows the parser checks. */
#define MIN_POSITIVE "> 0"
#define MIN_NON_NEGATIVE ">= 0"
#define TARGET_INT(m, key, lo, hi, doc)                                        \
  "| `" key "` | i64 | " #lo " to " #hi " | " doc " |\n"
#define TARGET_REAL(m, key, minKind, doc)                                      \
  "| `" key "` | f64 | " MIN_##minKind " | " doc " |\n"
#define TARGET_BOOL(m, key, doc) "| `" key "` | bool | | " doc " |\n"
static const IpuDialectAttrDef hwAttrs[] = {
    {IPU_TARGET_ATTR_NAME, "The target chip, on a module",
     "The chip the module is compiled for, as data: a dictionary with one "
     "entry per parameter, every entry required, no others allowed. The "
     "verifier checks it on a `builtin.module` (nowhere else) and reports "
     "the first missing, mistyped, out-of-range or unknown entry by name. "
     "Tools attach one with `--target=NAME|FILE`; presets `test-4x4` and "
     "`m1076`, whose files are `targets/*.ir`.\n\n"
     "| Entry | Type | Range | Meaning |\n"
     "| :--- | :--- | :--- | :--- |\n"
     "| `name` | string | 1 to 63 bytes | the target's name |\n"
#include "hw/target_fields.def"
     "\n`chip_link_bytes_per_second` must be > 0 when `chips` > 1.\n\n"
     "Example (entries elided):\n\n"
     "```mlir\n"
     "module attributes {hw.target = {adc_bits = 32 : i64, array_cols = "
     "256 : i64, ..., name = \"test-4x4\", ...}} {\n"
     "}\n"
     "```"},
};
#undef TARGET_INT
#undef TARGET_REAL
#undef TARGET_BOOL

const IpuDialectDef ipuHwDialect = {
    .name = "hw",
    .summary = "Placed, routed and allocated hardware",
    .description =
        "The hw dialect maps one to one onto the binary: tiles at (chip, x, "
        "y), the arrays and SRAM buffers in them, NoC routes and each "
        "tile's program. This is its first op; the rest follow with the "
        "tile-to-hw lowering.\n\n"
        "Every hw op prints in the uniform short form (see the hl "
        "dialect).",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
    .verifyOperationAttribute = verifyHwAttribute,
    .discardableAttrs = hwAttrs,
    .numDiscardableAttrs = sizeof hwAttrs / sizeof hwAttrs[0],
};
