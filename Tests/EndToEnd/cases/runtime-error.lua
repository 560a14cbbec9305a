-- A runtime error: exit status 1, `file:LINE: message` and a traceback on stderr.
print("before the error")
local function divide(a, b)
  if b == 0 then error("division by zero") end
  return a / b
end
print(divide(1, 0))
