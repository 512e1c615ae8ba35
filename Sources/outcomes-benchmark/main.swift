// Release-mode benchmarks; see README "Performance". Subcommands are added per area.
print("outcomes-benchmark: no benchmarks yet")
