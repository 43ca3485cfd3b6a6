/* The attribute and type constraints of op definitions: checks, and names
 * worded as MLIR's ODS summaries so verifier messages read as MLIR's. */
#include <string.h>

#include "ipu/opdef.h"

const char *ipuAttrConstraintName(IpuAttrConstraint c) {
  switch (c) {
  case IPU_ATTRC_ANY:
    return "any attribute";
  case IPU_ATTRC_BOOL:
    return "bool attribute";
  case IPU_ATTRC_INTEGER:
    return "arbitrary integer attribute";
  case IPU_ATTRC_I64:
    return "64-bit signless integer attribute";
  case IPU_ATTRC_FLOAT:
    return "float attribute";
  case IPU_ATTRC_STRING:
    return "string attribute";
  case IPU_ATTRC_UNIT:
    return "unit attribute";
  case IPU_ATTRC_ARRAY:
    return "array attribute";
  case IPU_ATTRC_DICTIONARY:
    return "dictionary of named attribute values";
  case IPU_ATTRC_I64_ARRAY:
    return "i64 dense array attribute";
  case IPU_ATTRC_F32_ARRAY:
    return "f32 dense array attribute";
  case IPU_ATTRC_ELEMENTS:
    return "constant vector/tensor attribute";
  case IPU_ATTRC_TYPE:
    return "any type attribute";
  case IPU_ATTRC_FUNCTION_TYPE:
    return "type attribute of function type";
  case IPU_ATTRC_SYMBOL_REF:
    return "symbol reference attribute";
  case IPU_ATTRC_FLAT_SYMBOL_REF:
    return "flat symbol reference attribute";
  case IPU_ATTRC_SYMBOL_NAME:
    return "string attribute";
  case IPU_ATTRC_ARRAY_OF_DICTIONARY:
    return "Array of dictionary attributes";
  }
  return "attribute";
}

const char *ipuTypeConstraintName(IpuTypeConstraint c) {
  switch (c) {
  case IPU_TYPEC_ANY:
    return "any type";
  case IPU_TYPEC_TENSOR:
    return "tensor of any type values";
  case IPU_TYPEC_RANKED_TENSOR:
    return "ranked tensor of any type values";
  case IPU_TYPEC_INTEGER:
    return "integer";
  case IPU_TYPEC_INDEX:
    return "index";
  case IPU_TYPEC_FLOAT:
    return "floating-point";
  case IPU_TYPEC_INT_OR_FLOAT_TENSOR:
    return "tensor of integer or floating-point values";
  }
  return "type";
}

static const struct {
  uint32_t trait;
  const char *name;
} kTraitNames[] = {
    {IPU_TRAIT_PURE, "Pure"},
    {IPU_TRAIT_COMMUTATIVE, "Commutative"},
    {IPU_TRAIT_TERMINATOR, "Terminator"},
    {IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE, "SameOperandsAndResultType"},
    {IPU_TRAIT_ISOLATED_FROM_ABOVE, "IsolatedFromAbove"},
    {IPU_TRAIT_SYMBOL_TABLE, "SymbolTable"},
    {IPU_TRAIT_SYMBOL, "Symbol"},
    {IPU_TRAIT_NO_TERMINATOR, "NoTerminator"},
    {IPU_TRAIT_GRAPH_REGION, "GraphRegion"},
    {IPU_TRAIT_SINGLE_BLOCK, "SingleBlock"},
    {IPU_TRAIT_CONSTANT_LIKE, "ConstantLike"},
    {IPU_TRAIT_RETURN_LIKE, "ReturnLike"},
    {IPU_TRAIT_SAME_OPERANDS_ELEMENT_TYPE, "SameOperandsElementType"},
    {IPU_TRAIT_COMPATIBLE_RESULT_TYPES, "CompatibleResultTypes"},
};

void ipuTraitsRender(uint32_t traits, IpuStringCallback cb, void *userData) {
  bool first = true;
  for (size_t i = 0; i < sizeof kTraitNames / sizeof kTraitNames[0]; i++) {
    if (!(traits & kTraitNames[i].trait))
      continue;
    if (!first)
      cb(ipuStringRefMake(" ", 1), userData);
    cb(ipuStringRefFromCString(kTraitNames[i].name), userData);
    first = false;
  }
}

static bool isDenseArrayOf(IpuAttr a, IpuTypeKind kind, unsigned width) {
  if (ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY)
    return false;
  IpuType t = ipuDenseArrayAttrGetElementType(a);
  return ipuTypeGetKind(t) == kind && ipuTypeGetIntOrFloatBitWidth(t) == width;
}

bool ipuAttrSatisfies(IpuAttr a, IpuAttrConstraint c) {
  if (!a)
    return false;
  IpuAttrKind kind = ipuAttrGetKind(a);
  switch (c) {
  case IPU_ATTRC_ANY:
    return true;
  case IPU_ATTRC_BOOL:
    return ipuAttrIsBool(a);
  case IPU_ATTRC_INTEGER:
    return kind == IPU_ATTR_INTEGER;
  case IPU_ATTRC_I64:
    return kind == IPU_ATTR_INTEGER &&
           ipuTypeIsSignlessInteger(ipuAttrGetType(a), 64);
  case IPU_ATTRC_FLOAT:
    return kind == IPU_ATTR_FLOAT;
  case IPU_ATTRC_STRING:
  case IPU_ATTRC_SYMBOL_NAME:
    return kind == IPU_ATTR_STRING;
  case IPU_ATTRC_UNIT:
    return kind == IPU_ATTR_UNIT;
  case IPU_ATTRC_ARRAY:
    return kind == IPU_ATTR_ARRAY;
  case IPU_ATTRC_DICTIONARY:
    return kind == IPU_ATTR_DICTIONARY;
  case IPU_ATTRC_I64_ARRAY:
    return isDenseArrayOf(a, IPU_TYPE_INTEGER, 64);
  case IPU_ATTRC_F32_ARRAY:
    return isDenseArrayOf(a, IPU_TYPE_FLOAT, 32);
  case IPU_ATTRC_ELEMENTS:
    return kind == IPU_ATTR_DENSE_ELEMENTS || kind == IPU_ATTR_DENSE_RESOURCE;
  case IPU_ATTRC_TYPE:
    return kind == IPU_ATTR_TYPE;
  case IPU_ATTRC_FUNCTION_TYPE:
    return kind == IPU_ATTR_TYPE &&
           ipuTypeGetKind(ipuTypeAttrGetValue(a)) == IPU_TYPE_FUNCTION;
  case IPU_ATTRC_SYMBOL_REF:
    return kind == IPU_ATTR_SYMBOL_REF;
  case IPU_ATTRC_FLAT_SYMBOL_REF:
    return kind == IPU_ATTR_SYMBOL_REF && ipuSymbolRefAttrGetNumNested(a) == 0;
  case IPU_ATTRC_ARRAY_OF_DICTIONARY:
    if (kind != IPU_ATTR_ARRAY)
      return false;
    for (intptr_t i = 0; i < ipuArrayAttrGetNumElements(a); i++)
      if (ipuAttrGetKind(ipuArrayAttrGetElement(a, i)) != IPU_ATTR_DICTIONARY)
        return false;
    return true;
  }
  return false;
}

bool ipuTypeSatisfies(IpuType t, IpuTypeConstraint c) {
  if (!t)
    return false;
  switch (c) {
  case IPU_TYPEC_ANY:
    return true;
  case IPU_TYPEC_TENSOR:
    return ipuTypeIsTensor(t);
  case IPU_TYPEC_RANKED_TENSOR:
    return ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR;
  case IPU_TYPEC_INTEGER:
    return ipuTypeIsInteger(t);
  case IPU_TYPEC_INDEX:
    return ipuTypeIsIndex(t);
  case IPU_TYPEC_FLOAT:
    return ipuTypeIsFloat(t);
  case IPU_TYPEC_INT_OR_FLOAT_TENSOR: {
    IpuType element = ipuShapedTypeGetElementType(t);
    return ipuTypeIsTensor(t) &&
           (ipuTypeIsInteger(element) || ipuTypeIsFloat(element));
  }
  }
  return false;
}
