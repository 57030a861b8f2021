-- POST /public/v1/posts: 2 integrations, a root and one thread item each, rotating over the
-- organizations of ORGS_FILE ("<key> <integration> <integration>" a line).
function init(args)
   orgs = {}
   for line in io.lines(os.getenv("ORGS_FILE")) do
      local key, a, b = line:match("(%S+)%s+(%S+)%s+(%S+)")
      table.insert(orgs, { key = key, a = a, b = b })
   end
   n = math.random(#orgs)
end

function request()
   n = n % #orgs + 1
   local org = orgs[n]
   local body = '{"type":"schedule","date":"2030-06-01T09:00:00Z","shortLink":false,"tags":[],"posts":['
      .. '{"integration":{"id":"' .. org.a .. '"},"value":[{"content":"<p>Hello</p>"},{"content":"A reply"}]},'
      .. '{"integration":{"id":"' .. org.b .. '"},"value":[{"content":"<p>Hello</p>"},{"content":"A reply"}]}]}'
   return wrk.format("POST", "/public/v1/posts",
      { ["Authorization"] = org.key, ["Content-Type"] = "application/json" }, body)
end
