// The dialect references in docs/dialects/ are generated from the op tables;
// this regenerates them and fails when a checked-in copy has drifted.
// Refresh them with: BUILD/bin/ipu-docgen --all docs/dialects
// RUN: ipu-docgen builtin | diff - %S/../../docs/dialects/builtin.md
// RUN: ipu-docgen func | diff - %S/../../docs/dialects/func.md
// RUN: ipu-docgen hl | diff - %S/../../docs/dialects/hl.md
// RUN: ipu-docgen tile | diff - %S/../../docs/dialects/tile.md
// RUN: ipu-docgen hw | diff - %S/../../docs/dialects/hw.md
// RUN: ipu-docgen --list | FileCheck %s --check-prefix=LIST
// RUN: not ipu-docgen nosuch 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// LIST-DAG: builtin
// LIST-DAG: func
// LIST-DAG: hl
// LIST-DAG: tile
// LIST-DAG: hw

// UNKNOWN: ipu-docgen: no dialect named 'nosuch'
