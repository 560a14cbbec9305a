-- A BalancingLearner from a product of parameters, run in the background on worker
-- processes; its children are DataSavers, so every record comes back whole.
local function f(x, p)
  return {y = p.a * x^2 + p.b, params = {a = p.a, b = p.b}}
end
local learner = adaptive.BalancingLearner.from_product(f, adaptive.make_datasaver(adaptive.Learner1D, "y"),
  {bounds = {-1, 1}}, {{"a", {1, 2}}, {"b", {0, 10}}})
local runner = adaptive.Runner(learner, {npoints_goal = 20, executor = adaptive.executors.processes(2)})
runner:block_until_done()
print(runner:status(), #learner.learners)
for i, child in ipairs(learner.learners) do
  local combo, wrong = learner.cdims[i], 0
  for x, record in pairs(child.extra_data) do
    if record.y ~= combo.a * x^2 + combo.b or record.params.a ~= combo.a then wrong = wrong + 1 end
  end
  print(("a = %d, b = %2d: at least 20 points: %s, wrong records: %d"):format(combo.a, combo.b, child.npoints >= 20, wrong))
end
print(learner:plot(), learner:plot():overlay("b"):grid())
