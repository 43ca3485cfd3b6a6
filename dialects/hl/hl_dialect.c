/* The hl dialect (network graph on tensors): hl.constant's verifier and
 * inference, constant materialisation and the exported dialect definition.
 * The other ops' verifiers and inference are in hl_verify_*.c, their folds
 * in hl_fold*.c. */
#include "dialect_support.h"
#include "hl_hooks.h"
#include "ipu/dialects.h"

static IpuLogicalResult hlVerifyConstant(IpuOp *op) {
  IpuAttr value = ipuOpGetAttr(op, "value");
  if (!value || ipuOpGetNumResults(op) != 1)
    return IPU_FAILURE; /* the generic checks report it */
  if (ipuAttrGetType(value) != ipuValueGetType(ipuOpGetResult(op, 0)))
    return ipuOpEmitError(
        op, "failed to verify that all of {value, result} have same type");
  return IPU_SUCCESS;
}

/* An inherent attribute may sit in the properties or, before ipuOpCreate
 * moves it there, in the discardable dictionary. */
static IpuAttr lookupInherent(IpuAttr attributes, IpuAttr properties,
                              const char *name) {
  IpuAttr a = NULL;
  if (properties && ipuAttrGetKind(properties) == IPU_ATTR_DICTIONARY)
    a = ipuDictionaryAttrGetC(properties, name);
  if (!a && attributes && ipuAttrGetKind(attributes) == IPU_ATTR_DICTIONARY)
    a = ipuDictionaryAttrGetC(attributes, name);
  return a;
}

static IpuLogicalResult hlInferConstant(IpuContext *ctx, IpuLocation loc,
                                        intptr_t numOperands,
                                        const IpuValue *operands,
                                        IpuAttr attributes, IpuAttr properties,
                                        intptr_t numResults,
                                        IpuType *resultTypes) {
  IpuAttr value = lookupInherent(attributes, properties, "value");
  IpuType type = value ? ipuAttrGetType(value) : NULL;
  if (!type)
    return ipuEmitError(ctx, loc, "'hl.constant' op requires attribute "
                                  "'value' to infer its result type");
  if (numResults != 1)
    return ipuEmitError(ctx, loc, "'hl.constant' op requires one result");
  resultTypes[0] = type;
  return IPU_SUCCESS;
}

/* Folds that produce elements become hl.constant ops. */
static IpuOp *hlMaterializeConstant(IpuBuilder *b, IpuAttr value,
                                    IpuType type, IpuLocation loc) {
  if (!value)
    return NULL;
  IpuAttrKind kind = ipuAttrGetKind(value);
  if (kind != IPU_ATTR_DENSE_ELEMENTS && kind != IPU_ATTR_DENSE_RESOURCE)
    return NULL;
  if (!type)
    type = ipuAttrGetType(value);
  if (ipuAttrGetType(value) != type)
    return NULL;
  IpuOpState st;
  ipuOpStateInit(&st, b->ctx, ipuStringRefFromCString("hl.constant"), loc);
  ipuOpStateAddResults(&st, 1, &type);
  ipuOpStateAddAttr(&st, "value", value);
  return ipuBuilderCreate(b, &st);
}

/* Every hl op (each has a TRAITS row): result shapes may be left dynamic
 * where the operands fix them, as after importing a model with dynamic
 * dimensions; hl-infer-shapes makes them static. */
#define OP_TABLE_EXTRA_TRAITS IPU_TRAIT_COMPATIBLE_RESULT_TYPES
#define OP_TABLE_FILE "hl/hl_ops.def"
#include "op_table.h"

const IpuDialectDef ipuHlDialect = {
    .name = "hl",
    .summary = "The network graph: tensor ops as a trained model has them",
    .description =
        "The hl dialect describes a neural network as a graph of tensor "
        "operations, float or quantized, as imported from ONNX and before "
        "any mapping onto hardware. Its ops follow ONNX's semantics "
        "(opset 13 and later where they differ) with static attributes: "
        "what ONNX passes as constant inputs (pads, shapes, scales, axes) "
        "is folded into attributes at import. Attribute names are ONNX's, "
        "in snake_case.\n\n"
        "Every op verifies its operands and attributes and infers its "
        "result types; the verifier requires the declared result types to "
        "be exactly the inferred ones (a dimension is dynamic, `?`, only "
        "where the inputs leave it unknown).\n\n"
        "Quantized values are plain integer tensors (`tensor<...xi8>`, "
        "`tensor<...xui8>`, `tensor<...xi16>` for 16-bit activations, "
        "`tensor<...xi32>` accumulators); the scale and "
        "zero point live as attributes of hl.quantize, hl.dequantize and "
        "hl.requantize (`scale = array<f32: ...>`, `zero_point = dense<...> "
        ": tensor<Nxi8>`, whose element type is the storage type), so the "
        "generic form is plain MLIR that mlir-opt parses without knowing "
        "this dialect. Convolutions and matrix products of 8-bit or 16-bit "
        "integer activations with 8-bit integer weights produce `i32`.\n\n"
        "Every hl op prints in the uniform short form: the op name, the "
        "operands, an optional attribute dictionary and `:` with one type "
        "when all operands and results share it (SameOperandsAndResultType "
        "ops), otherwise a function type.",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = hlMaterializeConstant,
};
