#!/usr/bin/env python3
# Generates the benchmark inputs: a file of N ops (functions with a realistic
# mix of ops, attributes and types) and a file with one big dense hex constant.
#   gen_inputs.py ops N OUT      gen_inputs.py hex MEGABYTES OUT
import os
import random
import sys

TYPES = [
    "tensor<1x64x56x56xf32>", "tensor<64xf32>", "tensor<4x8xf32>", "tensor<?x128xf16>",
    "i32", "i64", "f32", "index", "memref<16x16xi8>", "vector<8xf32>", "tensor<*xbf16>",
]


def gen_attrs(rng, n):
    """A discardable-attribute dictionary of the kinds network graphs carry."""
    kinds = [
        lambda: f"axis = {rng.randrange(4)} : i64",
        lambda: f'name = "layer{rng.randrange(1000)}/conv"',
        lambda: f"kernel = array<i64: {rng.randrange(1, 8)}, {rng.randrange(1, 8)}>",
        lambda: f"alpha = {rng.choice(['1.000000e-01', '2.500000e-01', '-3.000000e+00'])} : f32",
        lambda: "relu",
        lambda: f"pads = [{rng.randrange(3)}, {rng.randrange(3)}, 1, 1]",
        lambda: f"shape = dense<[{rng.randrange(9)}, 4, 8, 16]> : tensor<4xi64>",
        lambda: f"layout = #x.layout<\"nchw{rng.randrange(4)}\">",
        lambda: f"ty = {rng.choice(TYPES)}",
        lambda: f"sym = @f{rng.randrange(100)}",
    ]
    names = set()
    out = []
    for k in rng.sample(range(len(kinds)), n):
        entry = kinds[k]()
        key = entry.split(" ")[0]
        if key not in names:
            names.add(key)
            out.append(entry)
    out.sort()
    return "{" + ", ".join(out) + "}"


def gen_function(rng, index, budget, out):
    """Writes one func.func with about `budget` ops; returns the count."""
    ty = rng.choice(TYPES[:4])
    out.append(f"  func.func @f{index}(%arg0: {ty}, %arg1: {ty}, %arg2: i32) -> {ty} {{\n")
    count = 1
    values = ["%arg0", "%arg1"]
    scalars = ["%arg2"]
    n = 0
    while count < budget - 1:
        kind = rng.random()
        name = f"%{n}"
        if kind < 0.45:
            a, b = rng.choice(values), rng.choice(values)
            op = rng.choice(["x.add", "x.mul", "x.sub", "x.max"])
            attrs = " " + gen_attrs(rng, rng.randrange(1, 3)) if rng.random() < 0.3 else ""
            out.append(f'    {name} = "{op}"({a}, {b}){attrs} : ({ty}, {ty}) -> {ty}\n')
            values.append(name)
        elif kind < 0.65:
            a = rng.choice(values)
            attrs = gen_attrs(rng, rng.randrange(2, 5))
            out.append(f'    {name} = "x.conv"({a}) {attrs} : ({ty}) -> {ty}\n')
            values.append(name)
        elif kind < 0.78:
            val = rng.randrange(-1000, 1000)
            out.append(f'    {name} = "x.constant"() {{value = {val} : i32}} : () -> i32\n')
            scalars.append(name)
        elif kind < 0.88:
            a, s = rng.choice(values), rng.choice(scalars)
            out.append(f'    {name}:2 = "x.split"({a}, {s}) <{{axis = 1 : i64}}> : ({ty}, i32) -> ({ty}, {ty})\n')
            values.append(f"{name}#{rng.randrange(2)}")
        elif kind < 0.95 and index > 0:
            a, b, s = rng.choice(values), rng.choice(values), rng.choice(scalars)
            # Callees may have other types: call a declaration of our own.
            out.append(f"    {name} = call @decl_{ty_id(ty)}({a}, {b}, {s}) : ({ty}, {ty}, i32) -> {ty}\n")
            values.append(name)
        else:
            a = rng.choice(values)
            out.append(f'    {name} = "x.while"({a}) ({{\n'
                       f'    ^bb0(%in: {ty}):\n'
                       f'      %c = "x.cond"(%in) : ({ty}) -> i1\n'
                       f'      "x.yield"(%in) : ({ty}) -> ()\n'
                       f'    }}) : ({ty}) -> {ty}\n')
            values.append(name)
            count += 2
        count += 1
        n += 1
    out.append(f"    return {rng.choice(values)} : {ty}\n  }}\n")
    return count + 1


def ty_id(ty):
    return TYPES.index(ty)


def gen_ops(total, path):
    rng = random.Random(42)
    out = ["module {\n"]
    count = 0
    for i in range(4):
        ty = TYPES[i]
        out.append(f"  func.func private @decl_{i}({ty}, {ty}, i32) -> {ty}\n")
        count += 1
    index = 0
    while count < total:
        budget = min(rng.randrange(50, 400), total - count)
        if budget < 3:
            break
        count += gen_function(rng, index, budget, out)
        index += 1
    out.append("}\n")
    with open(path, "w") as f:
        f.write("".join(out))
    return count


def gen_hex(megabytes, path):
    size = megabytes * 1024 * 1024
    rng = random.Random(7)
    chunk = 1 << 20
    with open(path, "w") as f:
        f.write('"x.const"() {value = dense<"0x')
        left = size
        while left > 0:
            n = min(chunk, left)
            f.write(rng.randbytes(n).hex().upper())
            left -= n
        f.write(f'"> : tensor<{size}xi8>}} : () -> ()\n')
    return size


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("ops", "hex"):
        sys.exit("usage: gen_inputs.py ops N OUT | hex MEGABYTES OUT")
    kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "ops":
        print(f"{path}: {gen_ops(n, path)} ops")
    else:
        print(f"{path}: {gen_hex(n, path)} bytes of dense data")


if __name__ == "__main__":
    main()
