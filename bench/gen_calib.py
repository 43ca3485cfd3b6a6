#!/usr/bin/env python3
# Writes seeded random calibration samples (DIR/sample_K/input_0.npy) for a
# network's single input, as the quantize pass reads them (bench/issue5.sh).
#   gen_calib.py DIR DTYPE DIMS [SAMPLES] [SEED]   e.g. DIR i8 1x3x224x224 2
import os
import random
import struct
import sys

DTYPES = {"i8": ("|i1", "b", -128, 127), "f32": ("<f4", "f", -1.0, 1.0)}


def write_npy(path, descr, shape, payload):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % d for d in shape) if len(shape) != 1
        else "%d," % shape[0])
    # Total header length (magic 6 + version 2 + length 2 + text) % 64 == 0.
    pad = 64 - (10 + len(header) + 1) % 64
    header += " " * (pad % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode("latin1"))
        f.write(payload)


def main():
    out, dtype, dims = sys.argv[1], sys.argv[2], sys.argv[3]
    samples = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 5)
    shape = [int(d) for d in dims.split("x")]
    n = 1
    for d in shape:
        n *= d
    descr, code, lo, hi = DTYPES[dtype]
    for k in range(samples):
        d = os.path.join(out, "sample_%d" % k)
        os.makedirs(d, exist_ok=True)
        if code == "b":
            payload = rng.randbytes(n)
        else:
            payload = struct.pack("<%df" % n,
                                  *(rng.uniform(lo, hi) for _ in range(n)))
        write_npy(os.path.join(d, "input_0.npy"), descr, shape, payload)


if __name__ == "__main__":
    main()
