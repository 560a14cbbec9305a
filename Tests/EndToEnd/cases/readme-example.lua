-- The README's example, kept in sync by hand.
local function peak(x)
  local a = 0.01
  return x + a^2 / (a^2 + x^2)
end

print("adaptive", adaptive.version)
for _, x in ipairs({-1, 0, 0.5}) do
  print(x, peak(x))
end
