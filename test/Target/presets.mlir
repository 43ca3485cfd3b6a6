// The target files shipped in targets/ hold exactly the built-in presets
// (dialects/hw/target_presets.c), so the two cannot drift apart: each file,
// printed, equals the preset attached to this (empty) module.
// RUN: ipu-opt %S/../../targets/test-4x4.ir > %t.file
// RUN: ipu-opt --target=test-4x4 %s > %t.preset
// RUN: diff %t.file %t.preset
// RUN: ipu-opt %S/../../targets/m1076.ir > %t.file
// RUN: ipu-opt --target=m1076 %s > %t.preset
// RUN: diff %t.file %t.preset
// The same through the file as --target.
// RUN: ipu-opt --target=%S/../../targets/m1076.ir %s | diff %t.preset -
// RUN: ipu-opt --list-targets | FileCheck %s --check-prefix=LIST

// DESIGN.md's figures for Mythic's chip hold: 76 tiles of 1024 x 1024
// 8-bit weights, about 25 TOPS (12.5e12 MAC/s, the last LIST line).
// RUN: ipu-opt --target=m1076 %s | FileCheck %s --check-prefix=M1076
// M1076: array_cols = 1024 : i64, array_rows = 1024 : i64
// M1076-SAME: grid_cols = 19 : i64, grid_rows = 4 : i64
// M1076-SAME: name = "m1076"
// M1076-SAME: weight_bits = 8 : i64

// LIST: test-4x4   1 chip(s) of 4 x 4 tiles, 256 x 256 arrays of 8-bit weights, 3.28e+12 MAC/s peak
// LIST-NEXT: m1076      1 chip(s) of 19 x 4 tiles, 1024 x 1024 arrays of 8-bit weights, 1.25e+13 MAC/s peak
