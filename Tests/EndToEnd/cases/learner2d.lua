-- Learner2D from a script: runner.simple to a loss goal, a background runner with a custom
-- loss on two worker threads, a plot saved as PNG, the data saved and loaded.
local function ring(x, y) local a = 0.2; return x + math.exp(-(x^2 + y^2 - 0.75^2)^2 / a^4) end
local L = adaptive.learner.learner2D

local learner = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})
adaptive.runner.simple(learner, {loss_goal = 0.01})
print(learner.npoints > 500, learner:loss() <= 0.01)
print("linear inside the ring:", math.abs(learner:interpolate(0.2, 0.1) - 0.2) < 1e-9, learner:interpolate(2, 0))

local function loss(tri) return math.max(L.default_loss(tri), 0.2 * L.uniform_loss(tri)) end
local background = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, {loss_per_triangle = loss})
local runner = adaptive.Runner(background, {npoints_goal = 2000, executor = adaptive.executors.threads(2)})
runner:block_until_done()
print(runner:status(), background.npoints >= 2000)

local dir = os.tmpname()
os.remove(dir)
learner:plot{tri_alpha = 0.3}:save(dir .. ".png")
local png = io.open(dir .. ".png", "rb")
print("png:", png:read(8) == "\137PNG\r\n\26\n")
png:close()
learner:save(dir .. ".txt")
local copy = learner:new()
copy:load(dir .. ".txt")
print(copy.npoints == learner.npoints, #copy:to_table() == learner.npoints)
os.remove(dir .. ".png")
os.remove(dir .. ".txt")
