"""The public site over HTTP at national scale: gunicorn in production mode on
generated data for every municipality and year, measured with wrk.

For each database (SQLite and PostgreSQL) it fills a database of its own with
`loften generate_benchmark_data` (unless one from an earlier run is there),
starts gunicorn (production settings, WORKERS workers, a Redis of its own as
the shared cache) with the public cache on and then off, and measures each page
and a static file that the same server serves (WhiteNoise), at 10 concurrent
clients and at as many clients as workers. The table with each page's ratio to
the static file goes to docs/benchmarks.md.

    .venv/bin/python -m bench.http_bench [--years 10] [--seconds 5]
        [--databases sqlite,postgresql] [--postgres postgres://postgres@127.0.0.1/x]

Needs `wrk` (Debian: apt-get install wrk) and `redis-server`.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench._common import ROOT, cpu_model, markers, write_section

MARKER = "http_bench"
WORKERS = 2
CLIENTS = 10
BIN = Path(sys.executable).parent
# Aims of issue 14, at 10 years of data.
CACHED_RATIO_AIM = 0.8
UNCACHED_P95_AIM_MS = {"fast": 50, "slow": 100}
MEMORY_AIM_MB = 300
# Every request asks as a browser does: over HTTPS (behind the proxy), taking
# compressed answers.
LUA = """
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %.3f %.3f %.3f\\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


@dataclass
class Page:
    name: str
    path: str
    aim: str  # "static", "fast" (p95 < 50 ms uncached) or "slow" (< 100 ms)


@dataclass
class Result:
    requests_per_second: float
    p50: float
    p95: float
    p99: float
    bad: int
    requests: int = 0
    cpu_ms: float = 0.0  # the workers' CPU time per request


@dataclass
class Run:
    database: str
    generate_seconds: float | None
    results: dict = field(default_factory=dict)  # (cache, clients, page) -> Result
    rss_mb: dict = field(default_factory=dict)  # cache -> largest worker RSS
    pages: list = field(default_factory=list)
    page_cache_hits: set = field(default_factory=set)


def _env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DATABASE_CACHE", "LOFTEN_ENV"}
    }
    env.update(
        DATABASE_URL=database_url,
        LOFTEN_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def _loften(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "loften"), *args], env=env, check=True, cwd=ROOT)  # noqa: S603


def _prepare_database(kind: str, args, work: Path) -> tuple[str, float | None]:
    """The database URL, and the seconds generating took (None if reused)."""
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / f"national-{args.years}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
        fresh = not path.exists() or args.regenerate
        if fresh:
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink()
    else:
        url = args.postgres
        fresh = args.regenerate or not _postgres_has_data(url)
        if fresh:
            _postgres_recreate(url)
    env = _env(url, work)
    _loften(env, "migrate", "--no-input", "-v", "0")
    if not fresh:
        return url, None
    started = time.perf_counter()
    _loften(env, "generate_benchmark_data", "--years", str(args.years))
    return url, time.perf_counter() - started


def _postgres_parts(url: str) -> tuple[str, str]:
    parsed = urllib.parse.urlsplit(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def _postgres_has_data(url: str) -> bool:
    import psycopg

    admin, name = _postgres_parts(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if not exists:
        return False
    try:
        with psycopg.connect(url) as connection:
            row = connection.execute(
                "SELECT count(*) FROM publication_publishedpromise"
            ).fetchone()
            return bool(row and row[0])
    except psycopg.Error:
        return False


def _postgres_recreate(url: str) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _postgres_parts(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextmanager
def _redis(work: Path):
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _gunicorn(env: dict[str, str]):
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/health/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _worker_rss_mb(master: int) -> float:
    """The largest resident memory of the master's worker processes, in MB."""
    largest = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master):
            largest = max(largest, int(fields["VmRSS"].split()[0]) / 1024)
    return largest


def _workers_cpu_seconds(master: int) -> float:
    """The CPU time (user and system) the master's worker processes have used."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(master):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _get(base: str, path: str) -> bytes:
    return _fetch(base, path)[0]


def _fetch(base: str, path: str) -> tuple[bytes, str]:
    """The body, and whether the whole page came from the page cache."""
    request = urllib.request.Request(  # noqa: S310
        base + path, headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read(), response.headers.get("X-Page-Cache", "")


def _pages(base: str, static_path: str) -> list[Page]:
    promises = json.loads(_get(base, "/api/v1/promises/?municipality=0682"))
    rows = promises["results"] if isinstance(promises, dict) else promises
    latest = max(rows, key=lambda row: row["start_date"])
    slug = urllib.parse.quote(latest["slug"])
    return [
        Page("static file (WhiteNoise)", static_path, "static"),
        Page("`/`", "/", "fast"),
        Page("municipality (ten years)", "/kommun/n%C3%A4ssj%C3%B6/", "fast"),
        Page("promise", f"/lofte/{slug}/", "fast"),
        Page("promise version 1", f"/lofte/{slug}/version/1/", "fast"),
        Page("`/oversikt/`", "/oversikt/", "slow"),
        Page("`/flode/`", "/flode/", "slow"),
        Page("`/sitemap.xml` (index)", "/sitemap.xml", "slow"),
        Page("sitemap section page", "/sitemap-versions.xml?p=2", "slow"),
        Page("API list", "/api/v1/promises/?municipality=0682", "fast"),
        Page("API detail", f"/api/v1/promises/{latest['id']}/", "fast"),
    ]


def _wrk(base: str, path: str, clients: int, seconds: int, script: Path) -> Result:
    threads = min(2, clients)
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, status_errors, socket_errors, p50, p95, p99 = line.split()[
        1:
    ]
    return Result(
        requests=int(requests),
        requests_per_second=int(requests) / (int(duration_us) / 1_000_000),
        p50=float(p50),
        p95=float(p95),
        p99=float(p99),
        bad=int(status_errors) + int(socket_errors),
    )


def _measure(run: Run, base: str, master: int, cache: str, args, work: Path):
    script = work / "report.lua"
    script.write_text(LUA)
    manifest = json.loads((work / "static" / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["core/css/loften.css"]
    pages = _pages(base, static_path)
    run.pages = pages
    for page in pages:
        _get(base, page.path)  # warm the code, and for "on" the cache
        if _fetch(base, page.path)[1] == "hit":
            run.page_cache_hits.add(page.path)
        for clients in (CLIENTS, WORKERS):
            cpu_before = _workers_cpu_seconds(master)
            result = _wrk(base, page.path, clients, args.seconds, script)
            used = _workers_cpu_seconds(master) - cpu_before
            result.cpu_ms = 1000 * used / result.requests if result.requests else 0
            run.results[(cache, clients, page.path)] = result
            run.rss_mb[cache] = max(run.rss_mb.get(cache, 0), _worker_rss_mb(master))
            print(
                f"  {cache:3} c={clients:2} {page.path[:60]:60} "
                f"{result.requests_per_second:8.0f} req/s  p95 {result.p95:7.1f} ms"
                f"  cpu {result.cpu_ms:6.2f} ms/req"
                f"{'  BAD ' + str(result.bad) if result.bad else ''}",
                flush=True,
            )


def run_database(kind: str, args) -> Run:
    with tempfile.TemporaryDirectory(prefix="loften-http-bench-") as folder:
        work = Path(folder)
        print(f"== {kind}: preparing the database", flush=True)
        url, generate_seconds = _prepare_database(kind, args, work)
        run = Run(database=kind, generate_seconds=generate_seconds)
        with _redis(work) as redis_url:
            production = {
                "LOFTEN_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "REDIS_URL": redis_url,
                # The API's rate limit is counted, as deployed, but high enough
                # not to answer 429 to a load generator.
                "API_THROTTLE_RATE": "100000000/minute",
            }
            _loften(
                _env(url, work, **production), "collectstatic", "--no-input", "-v", "0"
            )
            for cache in ("on", "off"):
                env = _env(
                    url,
                    work,
                    **production,
                    PUBLIC_CACHE="true" if cache == "on" else "false",
                )
                subprocess.run(  # noqa: S603
                    [
                        shutil.which("redis-cli") or "redis-cli",
                        "-u",
                        redis_url,
                        "flushall",
                    ],
                    check=True,
                    capture_output=True,
                )
                with _gunicorn(env) as (base, process):
                    _measure(run, base, process.pid, cache, args, work)
        return run


def _latencies(result: Result, seconds: int) -> str:
    if not result.requests:
        return f"none finished within {seconds} s"
    return f"{result.p50:.1f} / {result.p95:.1f} / {result.p99:.1f}"


def _ratio(value: float, static: float) -> str:
    return f"{value / static:.2f}×" if static else "–"


def _section(runs: list[Run], args, wrk_ceiling: str) -> str:
    start, end = markers(MARKER)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    lines = [
        start,
        f"## Public site over HTTP at national scale ({args.years} years)",
        "",
        f"Measured {today} on {cpu_model()} "
        f"({os.cpu_count()} cores, shared with other work; load average "
        f"{os.getloadavg()[0]:.1f} at the end), Python {platform.python_version()}, "
        f"with `.venv/bin/python -m bench.http_bench --years {args.years} "
        f"--seconds {args.seconds}`: gunicorn in production mode with {WORKERS} "
        "workers, Redis as the shared cache, data from `loften generate_benchmark_data "
        f"--years {args.years}` (290 municipalities × {args.years} years, 8 "
        "activities, quarterly follow-up), `wrk` for "
        f"{args.seconds} s per row, asking as a browser does (`Accept-Encoding: "
        "gzip, deflate, br`, so the static file comes precompressed from WhiteNoise "
        "and a cached page as stored compressed). *On* is the public cache as "
        "deployed (whole pages for visitors without a session); *off* sets "
        "`PUBLIC_CACHE=false`, so every request builds the page from the "
        "database. Ratios are to the static file "
        f"served by the same server in the same run. *CPU ms/req* is the CPU time "
        "gunicorn's workers spent per request (read from /proc around each run), "
        "which other work on the machine does not change; *CPU ratio* is the static "
        "file's CPU per request over the page's: the share of the static file's "
        "requests per second the page reaches when the server has the CPU to "
        f"itself. {wrk_ceiling}",
        "",
    ]
    for run in runs:
        generated = (
            f"generated in {run.generate_seconds:.0f} s"
            if run.generate_seconds is not None
            else "generated in an earlier run"
        )
        lines += [
            f"### {run.database} ({generated}; largest worker RSS: cache on "
            f"{run.rss_mb.get('on', 0):.0f} MB, off {run.rss_mb.get('off', 0):.0f} MB)",
            "",
            f"| page | cached req/s ({CLIENTS} clients) | ratio | cached CPU ms/req "
            f"| CPU ratio | uncached req/s ({CLIENTS}) | ratio | uncached CPU ms/req "
            f"| uncached p50 / p95 / p99 ms ({WORKERS} clients) "
            f"| cached p95 ms ({WORKERS}) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        static_path = run.pages[0].path
        static_on = run.results[("on", CLIENTS, static_path)].requests_per_second
        static_off = run.results[("off", CLIENTS, static_path)].requests_per_second
        static_cpu = run.results[("on", CLIENTS, static_path)].cpu_ms
        for page in run.pages:
            on = run.results[("on", CLIENTS, page.path)]
            off = run.results[("off", CLIENTS, page.path)]
            single = run.results[("off", WORKERS, page.path)]
            single_on = run.results[("on", WORKERS, page.path)]
            bad = sum(
                run.results[(c, n, page.path)].bad
                for c in ("on", "off")
                for n in (CLIENTS, WORKERS)
            )
            whole = " (whole page cached)" if page.path in run.page_cache_hits else ""
            lines.append(
                f"| {page.name}{whole} | {on.requests_per_second:,.0f} | "
                f"{_ratio(on.requests_per_second, static_on)} | "
                f"{on.cpu_ms:.2f} | {_ratio(static_cpu, on.cpu_ms)} | "
                f"{off.requests_per_second:,.0f} | "
                f"{_ratio(off.requests_per_second, static_off)} | "
                f"{off.cpu_ms:.1f} | "
                f"{_latencies(single, args.seconds)} | "
                f"{single_on.p95:.1f} |"
                + (f" {bad} answers not 2xx/3xx" if bad else "")
            )
        lines += ["", _aims(run), ""]
    lines.append(end)
    return "\n".join(lines)


def _aims(run: Run) -> str:
    static_path = run.pages[0].path
    static_on = run.results[("on", CLIENTS, static_path)].requests_per_second
    static_cpu = run.results[("on", CLIENTS, static_path)].cpu_ms
    cached_short, uncached_slow, cpu_short = [], [], []
    for page in run.pages[1:]:
        on = run.results[("on", CLIENTS, page.path)]
        if on.cpu_ms and static_cpu / on.cpu_ms < CACHED_RATIO_AIM:
            cpu_short.append(f"{page.name} {static_cpu / on.cpu_ms:.2f}×")
        if on.requests_per_second < CACHED_RATIO_AIM * static_on:
            cached_short.append(
                f"{page.name} {on.requests_per_second / static_on:.2f}×"
            )
        single = run.results[("off", WORKERS, page.path)]
        if not single.requests or single.p95 > UNCACHED_P95_AIM_MS[page.aim]:
            uncached_slow.append(
                f"{page.name} {single.p95:.0f} ms (aim {UNCACHED_P95_AIM_MS[page.aim]})"
            )
    memory = max(run.rss_mb.values(), default=0)
    parts = [
        "Aims: cached pages at least "
        f"{CACHED_RATIO_AIM}× the static file — "
        + (
            "met for every page"
            if not cached_short
            else "not met for " + ", ".join(cached_short)
        ),
        "uncached p95 at "
        f"{WORKERS} clients — "
        + (
            "met for every page"
            if not uncached_slow
            else "not met for " + ", ".join(uncached_slow)
        ),
        f"worker memory under {MEMORY_AIM_MB} MB — "
        + ("met" if memory < MEMORY_AIM_MB else f"not met ({memory:.0f} MB)"),
    ]
    return "; ".join(parts) + "."


def _wrk_ceiling(args) -> str:
    """What wrk reaches against a trivial server that answers from memory, to
    show that it is not the bottleneck."""
    script = Path(tempfile.gettempdir()) / "loften-wrk-ceiling.lua"
    script.write_text(LUA)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import asyncio\n"
            "ANSWER = b'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok'\n"
            "class P(asyncio.Protocol):\n"
            "    def connection_made(self, t): self.t = t\n"
            "    def data_received(self, d):\n"
            "        self.t.write(ANSWER * d.count(b'\\r\\n\\r\\n'))\n"
            "async def main():\n"
            "    loop = asyncio.get_running_loop()\n"
            f"    s = await loop.create_server(P, '127.0.0.1', {port})\n"
            "    await s.serve_forever()\n"
            "asyncio.run(main())\n",
        ]
    )
    try:
        time.sleep(1)
        result = _wrk(f"http://127.0.0.1:{port}", "/", CLIENTS, args.seconds, script)
    finally:
        server.terminate()
        server.wait()
    return (
        f"The same `wrk` reaches {result.requests_per_second:,.0f} req/s against a "
        "one-process asyncio server that answers from memory, so where a page stays "
        "below that, the server is the limit, not the load generator."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/loften_http_bench"
        ),
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="Generate the data again."
    )
    args = parser.parse_args()
    # Stopped from outside, it still stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    missing = [tool for tool in ("wrk", "redis-server") if not shutil.which(tool)]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed", file=sys.stderr)
        return
    runs = [run_database(kind, args) for kind in args.databases.split(",")]
    write_section(MARKER, _section(runs, args, _wrk_ceiling(args)))
    print("written to docs/benchmarks.md")


if __name__ == "__main__":
    main()
