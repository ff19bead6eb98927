-- wrk script for bench/load_test.sh: cycles through typical queries (one or
-- two words, phrases, each language, a language filter), URL-encoded here.
local queries = {
  "q=Tokayev Washington",
  "q=Kazakhstan",
  "q=كازاخستان",
  "q=واشنطن",
  "q=perjanjian damai",
  "q=\"Abraham Accords\"",
  "q=president&lang=en",
  "q=pemerintah&lang=id",
  "q=الرئيس",
  "q=energy oil pipeline",
  "q=sepak bola",
  "q=Kazakhstan&offset=10",
}

local function encode(query)
  return (query:gsub("[^%w%-%._~=&]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local paths = {}
for i, query in ipairs(queries) do
  paths[i] = "/search?" .. encode(query)
end

local next_query = 0

request = function()
  next_query = next_query % #paths + 1
  return wrk.format("GET", paths[next_query])
end

-- Anything but 200 is counted, so that a fast stream of errors cannot pass
-- for a fast server.
local failures = 0
response = function(status)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
