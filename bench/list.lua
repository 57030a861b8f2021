-- GET /public/v1/posts for one organization and a fixed 31-day window (env: KEY, LIST_PATH).
wrk.method = "GET"
wrk.path = os.getenv("LIST_PATH")
wrk.headers["Authorization"] = os.getenv("KEY")
