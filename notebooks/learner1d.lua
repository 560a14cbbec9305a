-- Learner1D on the tutorial's peak: adaptive sampling versus a homogeneous grid.
-- Run with: adaptive run notebooks/learner1d.lua
local a = 0.01
local function peak(x, offset)
  return x + a^2 / (a^2 + (x - (offset or 0))^2)
end

local learner = adaptive.Learner1D(peak, {-1, 1})
adaptive.runner.simple(learner, {loss_goal = 0.01})
print(learner)                                   --> <Learner1D npoints=383 loss=0.009643>

-- Where did the points go? Count them per tenth of the domain.
local counts = {}
for x in pairs(learner.data) do
  local bin = math.min(math.floor((x + 1) * 5) + 1, 10)
  counts[bin] = (counts[bin] or 0) + 1
end
for bin = 1, 10 do
  local lo = -1 + (bin - 1) / 5
  print(string.format("[%5.1f, %5.1f)  %4d  %s", lo, lo + 0.2, counts[bin] or 0, string.rep("#", (counts[bin] or 0) // 4)))
end

-- The largest error of linear interpolation, adaptive versus the same number of equally spaced points.
local function max_error(rows)
  local worst = 0
  for i = 1, #rows - 1 do
    local x0, y0, x1, y1 = rows[i][1], rows[i][2], rows[i + 1][1], rows[i + 1][2]
    for k = 1, 9 do
      local x = x0 + (x1 - x0) * k / 10
      worst = math.max(worst, math.abs(y0 + (y1 - y0) * k / 10 - peak(x)))
    end
  end
  return worst
end
local grid = {}
for i = 0, learner.npoints - 1 do
  local x = -1 + 2 * i / (learner.npoints - 1)
  grid[#grid + 1] = {x, peak(x)}
end
print(string.format("max interpolation error: adaptive %.2g, homogeneous %.2g", max_error(learner:to_table()), max_error(grid)))

-- A custom loss in Lua: sample uniformly (the same as the built-in uniform_loss).
local uniform = adaptive.Learner1D(peak, {-1, 1}, {
  loss_per_interval = function(xs, ys) return xs[2] - xs[1] end,
})
adaptive.runner.simple(uniform, {npoints_goal = 50})
print(uniform)
