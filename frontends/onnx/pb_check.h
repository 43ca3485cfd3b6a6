/* Private to the ONNX front end: a schema-aware walk over protobuf wire data
 * that finds damage (with its byte offset) and bounds nesting before
 * protobuf-c, whose unpacking recurses and only says yes or no, sees it. */
#ifndef IPU_ONNX_PB_CHECK_H
#define IPU_ONNX_PB_CHECK_H

#include <protobuf-c/protobuf-c.h>
#include <stdbool.h>
#include <stddef.h>

/* Deepest message nesting the walk accepts (at most this many frames). */
#define IPU_PB_CHECK_MAX_DEPTH 128

/* Checks that `data` is well-formed wire data of message `root`: every
 * tag, varint and length is complete and inside its enclosing message,
 * every known field has a wire type protobuf-c accepts for it (packed
 * repeated scalars included), no group wire types, and messages nest at
 * most `maxDepth` (<= IPU_PB_CHECK_MAX_DEPTH) deep. On failure writes
 * "at byte N: what (field 'x' of onnx.Y)" into msg and returns false.
 * Time is linear in the size, memory constant. */
bool ipuPbCheck(const uint8_t *data, size_t size,
                const ProtobufCMessageDescriptor *root, unsigned maxDepth,
                char *msg, size_t msgSize);

#endif
