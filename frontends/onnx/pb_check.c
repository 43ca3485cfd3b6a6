/* Schema-aware protobuf wire-format check with an explicit stack: locates
 * damage by byte offset and bounds nesting before protobuf-c unpacks. */
#include <limits.h>
#include <stdio.h>

#include "pb_check.h"

typedef struct {
  const uint8_t *end;                     /* end of this message's bytes */
  const ProtobufCMessageDescriptor *desc; /* NULL: not checked (unknown) */
} Frame;

typedef struct {
  const uint8_t *base;
  char *msg;
  size_t msgSize;
} Walk;

static bool fail(Walk *w, const uint8_t *at, const char *what,
                 const ProtobufCFieldDescriptor *field,
                 const ProtobufCMessageDescriptor *desc) {
  if (field && desc)
    snprintf(w->msg, w->msgSize, "at byte %zu: %s (field '%s' of %s)",
             (size_t)(at - w->base), what, field->name, desc->name);
  else if (desc)
    snprintf(w->msg, w->msgSize, "at byte %zu: %s (in %s)",
             (size_t)(at - w->base), what, desc->name);
  else
    snprintf(w->msg, w->msgSize, "at byte %zu: %s", (size_t)(at - w->base),
             what);
  return false;
}

/* A varint of at most maxBytes bytes (protobuf-c's own limits: 5 for tags
 * and lengths, 10 for values). */
static bool readVarint(const uint8_t **p, const uint8_t *end,
                       unsigned maxBytes, uint64_t *v) {
  *v = 0;
  for (unsigned i = 0; i < maxBytes && *p < end; ++i) {
    uint8_t b = *(*p)++;
    *v |= (uint64_t)(b & 0x7f) << (7 * i);
    if (!(b & 0x80))
      return true;
  }
  return false;
}

enum { kWireVarint = 0, kWire64 = 1, kWireLen = 2, kWire32 = 5 };

/* The wire type a non-packed value of `type` has. */
static int naturalWireType(ProtobufCType type) {
  switch (type) {
  case PROTOBUF_C_TYPE_SFIXED32:
  case PROTOBUF_C_TYPE_FIXED32:
  case PROTOBUF_C_TYPE_FLOAT:
    return kWire32;
  case PROTOBUF_C_TYPE_SFIXED64:
  case PROTOBUF_C_TYPE_FIXED64:
  case PROTOBUF_C_TYPE_DOUBLE:
    return kWire64;
  case PROTOBUF_C_TYPE_STRING:
  case PROTOBUF_C_TYPE_BYTES:
  case PROTOBUF_C_TYPE_MESSAGE:
    return kWireLen;
  default:
    return kWireVarint;
  }
}

static const char *wireTypeName(int wire) {
  switch (wire) {
  case kWireVarint: return "varint";
  case kWire64: return "64-bit";
  case kWireLen: return "length-delimited";
  case kWire32: return "32-bit";
  default: return "invalid";
  }
}

/* The contents of a packed repeated scalar field. */
static bool packedOk(const uint8_t *p, const uint8_t *end, int wire) {
  size_t len = (size_t)(end - p);
  if (wire == kWire32)
    return len % 4 == 0;
  if (wire == kWire64)
    return len % 8 == 0;
  while (p < end) {
    uint64_t v;
    if (!readVarint(&p, end, 10, &v))
      return false;
  }
  return true;
}

bool ipuPbCheck(const uint8_t *data, size_t size,
                const ProtobufCMessageDescriptor *root, unsigned maxDepth,
                char *msg, size_t msgSize) {
  Walk w = {data, msg, msgSize};
  if (size > INT_MAX)
    return fail(&w, data, "data larger than protobuf's 2 GB limit", NULL,
                NULL);
  if (maxDepth > IPU_PB_CHECK_MAX_DEPTH)
    maxDepth = IPU_PB_CHECK_MAX_DEPTH;
  Frame stack[IPU_PB_CHECK_MAX_DEPTH];
  unsigned depth = 1;
  stack[0] = (Frame){data + size, root};
  const uint8_t *p = data;
  while (depth) {
    Frame *top = &stack[depth - 1];
    if (p == top->end) {
      --depth;
      continue;
    }
    const uint8_t *fieldStart = p;
    uint64_t tag;
    if (!readVarint(&p, top->end, 5, &tag) || tag > UINT32_MAX)
      return fail(&w, fieldStart, "truncated or invalid field tag", NULL,
                  top->desc);
    uint32_t number = (uint32_t)(tag >> 3);
    int wire = (int)(tag & 7);
    if (number == 0)
      return fail(&w, fieldStart, "field number 0", NULL, top->desc);
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field(top->desc, number);
    if (wire == 3 || wire == 4)
      return fail(&w, fieldStart, "unsupported group wire type", field,
                  top->desc);
    if (wire != kWireVarint && wire != kWire64 && wire != kWireLen &&
        wire != kWire32)
      return fail(&w, fieldStart, "invalid wire type", field, top->desc);
    bool packed = false;
    if (field) {
      int natural = naturalWireType(field->type);
      packed = wire == kWireLen && natural != kWireLen &&
               field->label == PROTOBUF_C_LABEL_REPEATED;
      if (wire != natural && !packed) {
        char what[96];
        snprintf(what, sizeof what, "%s value where %s is expected",
                 wireTypeName(wire), wireTypeName(natural));
        return fail(&w, fieldStart, what, field, top->desc);
      }
    }
    uint64_t v;
    switch (wire) {
    case kWireVarint:
      if (!readVarint(&p, top->end, 10, &v))
        return fail(&w, fieldStart, "truncated or overlong varint", field,
                    top->desc);
      break;
    case kWire64:
    case kWire32: {
      size_t n = wire == kWire64 ? 8 : 4;
      if ((size_t)(top->end - p) < n)
        return fail(&w, fieldStart, "truncated fixed-size value", field,
                    top->desc);
      p += n;
      break;
    }
    default: {
      if (!readVarint(&p, top->end, 5, &v) || v > INT_MAX)
        return fail(&w, fieldStart, "truncated or invalid length", field,
                    top->desc);
      if (v > (uint64_t)(top->end - p))
        return fail(&w, fieldStart,
                    "length runs past the end of the enclosing data", field,
                    top->desc);
      const uint8_t *contentEnd = p + v;
      if (packed) {
        if (!packedOk(p, contentEnd, naturalWireType(field->type)))
          return fail(&w, fieldStart, "malformed packed values", field,
                      top->desc);
        p = contentEnd;
      } else if (field && field->type == PROTOBUF_C_TYPE_MESSAGE) {
        if (depth == maxDepth)
          return fail(&w, fieldStart, "messages nested too deeply", field,
                      top->desc);
        stack[depth++] = (Frame){contentEnd, field->descriptor};
      } else {
        p = contentEnd;
      }
      break;
    }
    }
  }
  return true;
}
