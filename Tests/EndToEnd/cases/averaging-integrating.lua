-- AverageLearner, AverageLearner1D and IntegratorLearner driven from a script.
local function g(seed)
  math.randomseed(seed)
  return math.random()
end
local a = adaptive.AverageLearner(g, {atol = 0.01})
adaptive.runner.simple(a, {loss_goal = 1})
print(a.npoints, ("%.4f"):format(a.mean), a:loss() <= 1)

local f24 = adaptive.IntegratorLearner(function(x) return math.floor(math.exp(x)) end, {0, 3}, {tol = 1e-8})
adaptive.runner.simple(f24)
print(f24.npoints, ("%.12f"):format(f24.igral), f24:done())

local noisy = adaptive.AverageLearner1D(function(x, seed)
  math.randomseed(seed)
  return x * x + 0.1 * (math.random() - 0.5)
end, {-1, 1}, {min_samples = 10})
adaptive.runner.simple(noisy, {goal = function(l) return l.nsamples >= 500 end})
print(noisy)

local fdiv = function(x) return math.abs(x - 0.987654321)^-1.1 end
print(pcall(adaptive.runner.simple, adaptive.IntegratorLearner(fdiv, {0, 1}, {tol = 1e-6})))
