-- DELETE /public/v1/posts/{id}, each id once; the ids file has one post id a line, per
-- organization key: "<key> <post id>". Threads take every n-th line.
local threads = {}
local counter = 0

function setup(thread)
   thread:set("index", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   local total = tonumber(os.getenv("THREADS"))
   lines = {}
   local n = 0
   for line in io.lines(os.getenv("IDS_FILE")) do
      if n % total == index then
         table.insert(lines, line)
      end
      n = n + 1
   end
   next_line = 1
end

function request()
   local line = lines[next_line]
   next_line = next_line + 1
   local key, id = line:match("(%S+)%s+(%S+)")
   return wrk.format("DELETE", "/public/v1/posts/" .. id, { ["Authorization"] = key })
end
