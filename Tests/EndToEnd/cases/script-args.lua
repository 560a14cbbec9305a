-- Script arguments arrive in `arg` (arg[0] is the script) and in `...`.
print(#arg, arg[1], arg[2])
print(select("#", ...), ...)
io.write("io.write ", 1, " ", 2.5, "\n")
