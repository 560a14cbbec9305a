-- A Runner learns the tutorial peak on threads while the script keeps computing;
-- with processes(2) it survives a function that calls os.exit on some points.
local function peak(x)
  local a = 0.01
  return x + a^2 / (a^2 + x^2)
end

local learner = adaptive.Learner1D(peak, {-1, 1})
local runner = adaptive.Runner(learner, {loss_goal = 0.01, executor = adaptive.executors.threads(2)})
local sum = 0
for i = 1, 2e6 do sum = sum + i end            -- the script keeps working meanwhile
print("computed", sum)
print("live_info mentions the learner:", runner:live_info():match("Learner1D npoints=%d+") ~= nil)
runner.task:result()
print("status:", runner:status(), "loss goal reached:", learner:loss() <= 0.01)

local crashing = adaptive.Learner1D(function(x)
  if math.abs(x) < 0.05 then os.exit(3) end
  return peak(x)
end, {-1, 1})
local r = adaptive.Runner(crashing, {npoints_goal = 50, executor = adaptive.executors.processes(2),
                                    raise_if_retries_exceeded = false})
r:block_until_done()
print("status:", r:status(), "npoints:", crashing.npoints)
print("the dead worker's point is in tracebacks:", r.tracebacks[1][2]:match("worker process died") ~= nil)
