#!/usr/bin/env python3
# Writes the tiny ONNX models of test/onnx/import-axis-ops.mlir (importer paths
# of the ops added for conformance that ONNX's own node tests do not reach:
# opset-11 LogSoftmax/Hardmax and Split, Range and Neg folding, a bad
# DepthToSpace mode), with the
# hand-written protobuf encoders of make_models.py.
from make_models import FLOAT, INT64, model, node, tensor, value_info


def main():
    # Before opset 13 LogSoftmax and Hardmax work on the input coerced to
    # 2-D at `axis`.
    model("logsoftmax11.onnx",
          [node("LogSoftmax", ["x"], ["l"], "lsm", axis=1),
           node("Hardmax", ["x"], ["h"], "hm")],
          [value_info("x", [2, 3, 4])],
          [value_info("l", [2, 3, 4]), value_info("h", [2, 3, 4])],
          opset=11)
    # Split with the `split` attribute (opset 11) and in equal parts.
    model("split11.onnx",
          [node("Split", ["x"], ["a", "b"], "s1", axis=1, split=[1, 3]),
           node("Split", ["x"], ["c", "d"], "s2", axis=-1)],
          [value_info("x", [2, 4])],
          [value_info("a", [2, 1]), value_info("b", [2, 3]),
           value_info("c", [2, 2]), value_info("d", [2, 2])],
          opset=11)
    # Range on constants folds; so does Neg of a known shape vector.
    model("range_neg.onnx",
          [node("Range", ["start", "limit", "delta"], ["r"], "range"),
           node("Neg", ["s"], ["ns"], "neg"),
           node("Reshape", ["x", "ns"], ["y"], "reshape")],
          [value_info("x", [2, 3])],
          [value_info("r", [3], INT64), value_info("y", [6])],
          inits=[tensor("start", [], INT64, [10]),
                 tensor("limit", [], INT64, [4]),
                 tensor("delta", [], INT64, [-2]),
                 tensor("s", [1], INT64, [-6])])
    # DepthToSpace knows two modes; anything else is an error.
    model("depthtospace_bad_mode.onnx",
          [node("DepthToSpace", ["x"], ["y"], "d2s", blocksize=2,
                mode="XYZ")],
          [value_info("x", [1, 4, 2, 2])],
          [value_info("y", [1, 1, 4, 4])])


if __name__ == "__main__":
    main()
