-- LearnerND from a script: W4's first points (python-adaptive's), runner.simple to a loss
-- goal, a background runner with a custom Lua loss on two worker threads, a hull domain,
-- slices and the 3-D hull saved as PNG, the data saved and loaded.
local function sphere(x, y, z) local a = 0.4; return x + z^2 + math.exp(-(x^2 + y^2 + z^2 - 0.75^2)^2 / a^4) end
local L = adaptive.learner.learnerND

local learner = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})
for _ = 1, 12 do
  local p = learner:ask(1)[1]
  learner:tell(p, sphere(p[1], p[2], p[3]))
end
local ninth = learner.data[9][1]
print("9th point:", ninth[1], ninth[2], ninth[3], "12th:", table.concat(learner.data[12][1], " "))
adaptive.runner.simple(learner, {loss_goal = 1e-3})
print(learner.npoints, learner:loss() <= 1e-3)

local function loss(simplex, values) return L.default_loss(simplex, values) + 0.01 * L.uniform_loss(simplex, values) end
local background = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, {loss_per_simplex = loss})
local runner = adaptive.Runner(background, {npoints_goal = 500, executor = adaptive.executors.threads(2)})
runner:block_until_done()
print(runner:status(), background.npoints >= 500)

local prism = adaptive.LearnerND(function(x, y, z) return x * y * z end,
  {{-1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}, {-1, 1, 1}, {1, 1, -1}, {1, -1, -1}})
adaptive.runner.simple(prism, {npoints_goal = 200})
local inside = true
for _, row in ipairs(prism:to_table()) do inside = inside and row[1] + row[3] <= 1e-9 end
print("hull:", #prism.bounds, prism.npoints, inside)

local dir = os.tmpname()
os.remove(dir)
local figure = learner:plot_slice({false, false, 0}, 60) + learner:plot_3D()
figure:save(dir .. ".png")
local png = io.open(dir .. ".png", "rb")
print("png:", png:read(8) == "\137PNG\r\n\26\n")
png:close()
learner:save(dir .. ".txt")
local copy = learner:new()
copy:load(dir .. ".txt")
print(copy.npoints == learner.npoints, copy:loss() == learner:loss(), table.concat(copy:ask(1)[1], " ") == table.concat(learner:ask(1)[1], " "))
os.remove(dir .. ".png")
os.remove(dir .. ".txt")
