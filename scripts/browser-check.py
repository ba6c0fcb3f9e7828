#!/usr/bin/env python3
"""Opens HTML pages in headless Chromium and reports, per page, the rendered size of every <svg>
and every error: uncaught exceptions, console errors, failed loads. Writes a PNG screenshot of
the first page. Speaks the DevTools protocol over --remote-debugging-pipe (fds 3 and 4): no
network, no packages beyond the standard library.

usage: browser-check.py CHROMIUM PAGES.json SCREENSHOT.png   (PAGES.json: a list of absolute paths)
prints: {"<page>": {"svgs": [[w, h], ...], "errors": ["...", ...]}, ...}
"""
import json, os, subprocess, sys, base64, tempfile, shutil

def main():
    chromium, pages_file, screenshot = sys.argv[1], sys.argv[2], sys.argv[3]
    pages = json.load(open(pages_file))
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="report-chromium-")
    def wire():
        os.dup2(to_child_r, 3)
        os.dup2(from_child_w, 4)
    proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                             "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions",
                             "--disable-background-networking", "--window-size=1100,1400", "about:blank"],
                            preexec_fn=wire, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_child_r); os.close(from_child_w)
    out = os.fdopen(to_child_w, "wb", buffering=0); inp = os.fdopen(from_child_r, "rb", buffering=0)
    buf = b""; counter = [0]; events = []
    def recv():
        nonlocal buf
        while b"\0" not in buf:
            chunk = inp.read(65536)
            if not chunk: raise SystemExit("chromium closed the pipe")
            buf += chunk
        msg, buf = buf.split(b"\0", 1)
        return json.loads(msg)
    def call(method, params=None, session=None):
        counter[0] += 1; mid = counter[0]
        m = {"id": mid, "method": method, "params": params or {}}
        if session: m["sessionId"] = session
        out.write(json.dumps(m).encode() + b"\0")
        while True:
            r = recv()
            if r.get("id") == mid:
                if "error" in r: raise SystemExit(f"{method}: {r['error']}")
                return r["result"]
            events.append(r)
    def wait_load(session):
        while not any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session for e in events):
            events.append(recv())
    target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ["Page", "Runtime", "Log"]: call(domain + ".enable", session=session)
    results = {}
    for page in pages:
        events.clear()
        call("Page.navigate", {"url": "file://" + page}, session=session)
        wait_load(session)
        sizes = call("Runtime.evaluate", {"expression": "JSON.stringify(Array.from(document.querySelectorAll('svg')).map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; }))", "returnByValue": True}, session=session)["result"]["value"]
        errors = []
        for e in events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown": errors.append("exception: " + json.dumps(p.get("exceptionDetails", {}).get("text")))
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"): errors.append("console: " + json.dumps(p.get("args")))
            if m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error": errors.append("log: " + p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
        results[page] = {"svgs": json.loads(sizes), "errors": errors}
        if page == pages[0]:
            shot = call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session)
            open(screenshot, "wb").write(base64.b64decode(shot["data"]))
    try: call("Browser.close")
    except SystemExit: pass
    proc.wait(timeout=20)
    shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(results))

main()
