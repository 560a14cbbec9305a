-- The README's example (saving to a temporary directory instead of the current one).
local function peak(x)
  local a = 0.01
  return x + a^2 / (a^2 + x^2)
end

local learner = adaptive.Learner1D(peak, {-1, 1})
adaptive.runner.simple(learner, {loss_goal = 0.01})
print(learner)                      --> <Learner1D npoints=383 loss=0.009643>
local dir = os.getenv("TMPDIR") or "/tmp"
learner:plot{title = "peak"}:save(dir .. "/adaptive-readme-peak.svg")
learner:plot{title = "peak"}:save(dir .. "/adaptive-readme-peak.png")
local L = adaptive.learner.learner1D
local smooth = L.uses_nth_neighbors(1)(function(xs, ys)
  if not xs[1] or not xs[4] then return xs[3] - xs[2] end
  return L.default_loss({xs[2], xs[3]}, {ys[2], ys[3]})
end)
local s = adaptive.Learner1D(math.sin, {0, 10}, {loss_per_interval = smooth})
adaptive.runner.simple(s, {npoints_goal = 40})
print(s.npoints, s:loss() > 0)
