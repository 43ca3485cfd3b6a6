// Invalid locations and location aliases.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{operation location alias was never defined}}
"t.op"() : () -> () loc(#never)

// -----

// expected-error @+1 {{operation location alias was never defined}}
"t.region"() ({ ^bb0(%a: i32 loc(#never)): }) : () -> ()

// -----

// expected-error @+1 {{expected location, but found '"x"'}}
"t.op"() : () -> () loc(#notloc)
#notloc = "x"

// -----

#notloc = 1
// expected-error @+1 {{expected location, but found '1 : i64'}}
"t.op"() : () -> () loc(#notloc)

// -----

// Only a whole `loc(#alias)` may refer to a later alias.
// expected-error @+1 {{undefined symbol alias id 'later'}}
"t.op"() : () -> () loc(fused[#later, "a"])
#later = loc("x":1:1)

// -----

// expected-error @+1 {{expected integer line number in FileLineColLoc}}
"t.op"() : () -> () loc("a":99999999999:1)

// -----

// expected-error @+1 {{expected location instance}}
"t.op"() : () -> () loc(fused[1])

// -----

// expected-error @+1 {{expected location instance}}
"t.op"() : () -> () loc("a"(1))
