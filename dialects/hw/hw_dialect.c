/* The hw dialect (placed, routed, allocated hardware): the check of the
 * `hw.target` module attribute and the dialect definition. */
#include <string.h>

#include "hw_hooks.h"
#include "ipu/dialects.h"
#include "ipu/target.h"

#define OP_TABLE_FILE "hw/hw_ops.def"
#include "op_table.h"

/* `hw.tile` and `hw.route` on tile IR, written by place and route-noc:
 * (chip, x, y) of a unit or array, and the routers of a channel's path. */
static IpuLogicalResult verifyPlacementAttribute(IpuOp *op, const char *name,
                                                 IpuAttr value) {
  bool isTile = strcmp(name, "hw.tile") == 0;
  static const char *const units[] = {"tile.array", "tile.mvm",
                                      "tile.windows", "tile.accumulate",
                                      "tile.simd"};
  bool allowed = false;
  for (size_t i = 0; i < sizeof units / sizeof units[0] && isTile; ++i)
    allowed |= ipuOpIsA(op, units[i]);
  if (!isTile)
    allowed = ipuOpIsA(op, "tile.channel");
  if (!allowed)
    return ipuOpEmitError(op,
                          "attribute '%s' is only allowed on %s", name,
                          isTile ? "'tile.array', 'tile.mvm', 'tile.windows', "
                                   "'tile.accumulate' and 'tile.simd'"
                                 : "'tile.channel'");
  if (ipuAttrGetKind(value) != IPU_ATTR_DENSE_ARRAY ||
      !ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(value), 64))
    return ipuOpEmitError(op, "attribute '%s' must be an array<i64: ...>",
                          name);
  intptr_t n = ipuDenseArrayAttrGetNumElements(value);
  const int64_t *v = ipuDenseArrayAttrGetData(value);
  if (isTile) {
    if (n != 3 || v[0] < 0 || v[1] < 0 || v[2] < 0)
      return ipuOpEmitError(op, "attribute 'hw.tile' must be (chip, x, y), "
                                "three non-negative integers");
    return IPU_SUCCESS;
  }
  if (n % 3 != 0 || n < 6)
    return ipuOpEmitError(op, "attribute 'hw.route' must be two or more "
                              "(chip, x, y) triples");
  return IPU_SUCCESS;
}

/* The dialect's attributes on other ops: `hw.target` on modules, `hw.tile`
 * and `hw.route` on placed and routed tile IR. */
static IpuLogicalResult verifyHwAttribute(IpuOp *op, IpuNamedAttr attr) {
  const char *name = ipuIdentCStr(attr.name);
  if (strcmp(name, "hw.tile") == 0 || strcmp(name, "hw.route") == 0)
    return verifyPlacementAttribute(op, name, attr.value);
  if (strcmp(name, IPU_TARGET_ATTR_NAME) != 0)
    return ipuOpEmitError(op,
                          "has unknown hw dialect attribute '%s' (the hw "
                          "dialect defines '" IPU_TARGET_ATTR_NAME "', "
                          "'hw.tile' and 'hw.route')",
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
    {"hw.tile", "Where place put an array or a unit",
     "`array<i64: chip, x, y>` on a `tile.array`, `tile.mvm`, "
     "`tile.windows`, `tile.accumulate` or `tile.simd`: the tile it runs "
     "on, written by the `place` pass and read by `route-noc` and "
     "`tile-to-hw`.\n\n"
     "Example:\n\n"
     "```mlir\n"
     "%y = tile.mvm %x {block = @a0::@w0, hw.tile = array<i64: 0, 1, 2>} : "
     "(tensor<16x4xi8>) -> tensor<16x2xi32>\n"
     "```"},
    {"hw.route", "The routers a channel's data crosses",
     "`array<i64: c0, x0, y0, c1, x1, y1, ...>` on a `tile.channel` whose "
     "producer and consumer are on different places: every router from the "
     "source to the destination inclusive, the host as (-1, 0, 0); written "
     "by `route-noc`, becomes a `hw.route` in `tile-to-hw`.\n\n"
     "Example:\n\n"
     "```mlir\n"
     "%c = tile.channel %y {hw.route = array<i64: 0, 1, 2, 0, 1, 1>} : "
     "tensor<16x2xi32>\n"
     "```"},
};
#undef TARGET_INT
#undef TARGET_REAL
#undef TARGET_BOOL

const IpuDialectDef ipuHwDialect = {
    .name = "hw",
    .summary = "Placed, routed and allocated hardware",
    .description =
        "The hw dialect is the program of the chip, mapping one to one onto "
        "the .ipub binary: what sits on each tile and what each tile's "
        "control core does per inference. At module level, `hw.route`s "
        "(fixed NoC paths, one per channel between two places), one "
        "`hw.tile` per used grid position and one `hw.host`. A tile holds "
        "its `tile.array` (the programmed weights), its `hw.buffer`s (SRAM "
        "ranges, offsets from plan-memory) and its `hw.program`: "
        "instructions run in order once per inference (`hw.recv`, "
        "`hw.send`, `hw.mvm`, `hw.windows`, `hw.accumulate`, `hw.exec` on "
        "the SIMD unit). The host's program reads the inputs "
        "(`hw.input`), sends them, runs the ops left on the host "
        "(`hw.exec`), receives and writes the outputs (`hw.output`). "
        "Instructions name buffers and blocks by symbol in their tile; "
        "routes are resolved in the module.\n\n"
        "`tile-to-hw` builds it from placed and routed tile IR (the `hw.tile` "
        "and `hw.route` attributes below); `plan-memory` sets the offsets. "
        "With a target (`hw.target`) the verifiers check positions, array "
        "sizes, SRAM capacity, offsets and alignment, that no two buffers "
        "sharing bytes are live at once, the routes' paths, and that "
        "buffers have the types their instructions read and write.\n\n"
        "Every hw op prints in the uniform short form (see the hl "
        "dialect).",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
    .verifyOperationAttribute = verifyHwAttribute,
    .discardableAttrs = hwAttrs,
    .numDiscardableAttrs = sizeof hwAttrs / sizeof hwAttrs[0],
};
