-- The smallest script: Lua 5.4 with the `adaptive` module preloaded.
print("adaptive " .. adaptive.version .. " on " .. _VERSION)

-- The function we will learn in the tutorials: a line with a sharp peak.
local function peak(x, offset)
  local a = 0.01
  return x + a^2 / (a^2 + (x - (offset or 0))^2)
end

for _, x in ipairs({-1, -0.01, 0, 0.01, 1}) do
  print(string.format("peak(%5.2f) = %.6f", x, peak(x)))
end
