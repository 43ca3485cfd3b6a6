#!/usr/bin/env python3
# Writes the tiny ONNX models the importer's lit tests read (test/onnx/*.mlir),
# encoding the few protobuf messages by hand: no onnx package is needed.
# Run from anywhere; the .onnx files land next to this script.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
FLOAT, INT32, INT64 = 1, 6, 7


def varint(v):
    v &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint((field << 3) | wire)


def f_int(field, v):
    return key(field, 0) + varint(v)


def f_bytes(field, data):
    if isinstance(data, str):
        data = data.encode()
    return key(field, 2) + varint(len(data)) + data


def f_float(field, v):
    return key(field, 5) + struct.pack("<f", v)


def tensor(name, dims, dtype, values):
    msg = b"".join(f_int(1, d) for d in dims) + f_int(2, dtype)
    fmt = {FLOAT: "<%df", INT32: "<%di", INT64: "<%dq"}[dtype]
    msg += f_bytes(8, name) + f_bytes(9, struct.pack(fmt % len(values), *values))
    return msg


def attr(name, value):
    msg = f_bytes(1, name)
    if isinstance(value, float):
        return msg + f_float(2, value) + f_int(20, 1)
    if isinstance(value, int):
        return msg + f_int(3, value) + f_int(20, 2)
    if isinstance(value, str):
        return msg + f_bytes(4, value) + f_int(20, 3)
    if isinstance(value, bytes):  # an encoded TensorProto
        return msg + f_bytes(5, value) + f_int(20, 4)
    if all(isinstance(v, float) for v in value):
        return msg + b"".join(f_float(7, v) for v in value) + f_int(20, 6)
    return msg + b"".join(f_int(8, v) for v in value) + f_int(20, 7)


def node(op, inputs, outputs, name, **attrs):
    msg = b"".join(f_bytes(1, i) for i in inputs)
    msg += b"".join(f_bytes(2, o) for o in outputs)
    msg += f_bytes(3, name) + f_bytes(4, op)
    msg += b"".join(f_bytes(5, attr(k, v)) for k, v in attrs.items())
    return msg


def value_info(name, dims, dtype=FLOAT):
    dim_msgs = b""
    for d in dims:
        dim = f_int(1, d) if isinstance(d, int) else f_bytes(2, d)
        dim_msgs += f_bytes(1, dim)
    tensor_type = f_int(1, dtype) + f_bytes(2, dim_msgs)
    return f_bytes(1, name) + f_bytes(2, f_bytes(1, tensor_type))


def model(path, nodes, inputs, outputs, inits=(), opset=13):
    graph = b"".join(f_bytes(1, n) for n in nodes) + f_bytes(2, "g")
    graph += b"".join(f_bytes(5, t) for t in inits)
    graph += b"".join(f_bytes(11, v) for v in inputs)
    graph += b"".join(f_bytes(12, v) for v in outputs)
    opset_msg = f_bytes(1, "") + f_int(2, opset)
    data = f_int(1, 8) + f_bytes(2, "make_models.py") + f_bytes(7, graph)
    data += f_bytes(8, opset_msg)
    with open(os.path.join(HERE, path), "wb") as f:
        f.write(data)
    return data


def main():
    # Conv with auto_pad SAME_UPPER and stride 2: pads become explicit.
    w = tensor("w", [4, 3, 3, 3], FLOAT, [0.5] * 108)
    b = tensor("b", [4], FLOAT, [0.0, 1.0, 2.0, 3.0])
    model("conv_same.onnx",
          [node("Conv", ["x", "w", "b"], ["c"], "conv1", auto_pad="SAME_UPPER",
                strides=[2, 2]),
           node("Relu", ["c"], ["y"], "relu1")],
          [value_info("x", [1, 3, 9, 10])], [value_info("y", [])], [w, b])

    # Shape-driven reshape: Shape, Gather, Unsqueeze, Concat fold to a
    # constant shape once --input-shape fixes the batch dim.
    minus1 = tensor("minus1", [1], INT64, [-1])
    idx = tensor("idx", [], INT64, [0])
    model("shape_reshape.onnx",
          [node("Shape", ["x"], ["s"], "shape"),
           node("Gather", ["s", "idx"], ["n"], "gather", axis=0),
           node("Unsqueeze", ["n"], ["n1"], "unsq", axes=[0]),
           node("Concat", ["n1", "minus1"], ["shp"], "concat", axis=0),
           node("Reshape", ["x", "shp"], ["y"], "reshape")],
          [value_info("x", ["N", 2, 3, 4])], [value_info("y", [])],
          [minus1, idx], opset=11)

    # Every unsupported op type is listed in one error.
    model("unsupported.onnx",
          [node("Relu", ["x"], ["a"], "r"),
           node("FancyOp", ["a"], ["b"], "f1"),
           node("OtherOp", ["b"], ["c"], "o1"),
           node("FancyOp", ["c"], ["y"], "f2")],
          [value_info("x", [2, 2])], [value_info("y", [])])

    # Clip: bounds as attributes (opset 7) and as inputs (opset 13).
    model("clip7.onnx", [node("Clip", ["x"], ["y"], "clip", min=0.0, max=6.0)],
          [value_info("x", [2, 3])], [value_info("y", [])], opset=7)
    lo = tensor("lo", [], FLOAT, [-1.0])
    hi = tensor("hi", [], FLOAT, [1.0])
    model("clip13.onnx", [node("Clip", ["x", "lo", "hi"], ["y"], "clip")],
          [value_info("x", [2, 3])], [value_info("y", [])], [lo, hi])

    # A weight above the 64 KiB threshold becomes a dense_resource blob;
    # a Constant node and a Slice with attributes (opset 9) stay small.
    big = tensor("big_weight", [129, 128], FLOAT,
                 [float(i % 7) for i in range(129 * 128)])
    cst = tensor("cst", [1, 128], FLOAT, [0.25] * 128)
    model("large_init.onnx",
          [node("MatMul", ["x", "big_weight"], ["m"], "matmul"),
           node("Constant", [], ["k"], "const", value=cst),
           node("Add", ["m", "k"], ["a"], "add"),
           node("Slice", ["a"], ["y"], "slice", starts=[0, 2], ends=[2, 10],
                axes=[0, 1])],
          [value_info("x", [4, 129])], [value_info("y", [])], [big], opset=9)

    # Pools, Gemm, Softmax (opset 11: coerced to 2-D), Flatten, Transpose.
    gw = tensor("gw", [5, 8], FLOAT, [0.125] * 40)
    model("pool_gemm.onnx",
          [node("MaxPool", ["x"], ["p"], "pool", kernel_shape=[2, 2],
                strides=[2, 2], auto_pad="SAME_LOWER"),
           node("GlobalAveragePool", ["p"], ["g"], "gap"),
           node("Flatten", ["g"], ["f"], "flat", axis=1),
           node("Gemm", ["f", "gw"], ["m"], "fc", transB=1, alpha=0.5),
           node("Softmax", ["m"], ["y"], "softmax", axis=1)],
          [value_info("x", [1, 8, 5, 5])], [value_info("y", [])], [gw],
          opset=11)

    # A damaged file: the conv model cut short.
    with open(os.path.join(HERE, "conv_same.onnx"), "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
