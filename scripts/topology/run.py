"""The topology exercise: the installation a Land-wide operator runs, on this machine's loopback.

    haproxy (TLS) ──┬── app server 1 (gunicorn) ──┐
                    └── app server 2 (gunicorn) ──┼── PostgreSQL primary ──stream──> replica
    task worker 1, task worker 2 (teilhabe worker)┘   Redis (cache, limits, locks)
    shared directory for uploads and static files (an NFS/CephFS mount in real life)

What it does, printing every figure:
1. builds it: two PostgreSQL clusters (initdb, streaming replica from pg_basebackup), Redis,
   migrations and demo data, collectstatic into the shared directory, two app servers, two task
   workers, haproxy with health checks;
2. load through haproxy (readers, searches, API clients, coordinators editing; see load.py)
   and kills app server 1 (SIGKILL, the whole process group, as a lost machine) a third into it;
3. kills the task worker that runs a task; the other one queues it again and runs it;
4. backs up (pg_dump + the shared directory), promotes the replica, restores the backup into
   a fresh database on it, and compares every open-data export and stored report file of
   the original and the restored installation byte for byte.

Exit status 0 only when all of it held: no failed request beyond haproxy's retries, the task
done exactly once in effect, the replica promoted and writable, the exports identical.

    python scripts/topology/run.py --short     # CI: 40 users, 20 s
    python scripts/topology/run.py             # make bench / make topology: 200 users, 60 s
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _pg_bin() -> Path:
    """Debian's server binaries (initdb, pg_ctl, pg_basebackup), newest version first."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    return versions[-1] if versions else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
PORTS = {"https": 57443, "app1": 57081, "app2": 57082, "primary": 57432, "replica": 57433}
REDIS_PORT = 57379
APP_PROCESSES = 2  # gunicorn workers per app server
STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


class Topology:
    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        self.shared = workdir / "shared"
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        self.as_postgres = os.geteuid() == 0
        self.failures: list[str] = []

    # --- processes ---------------------------------------------------------------------------

    def spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = self.dir / f"{name}.log"
        self.logs[name] = log
        process = subprocess.Popen(
            command,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            env=env or os.environ.copy(),
            cwd=ROOT,
            start_new_session=True,  # its own process group: killed as one machine would be
        )
        self.processes[name] = process
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    def pg(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, cwd="/tmp"
        )

    def psql(self, port: int, sql: str, database: str = "postgres") -> str:
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database,
             "-At", "-c", sql],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout.strip()

    def env(self, database_port: int | None = None, database: str = "teilhabe") -> dict:
        port = database_port or PORTS["primary"]
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "topology-exercise-only-" + "k" * 40,
            "SITE_URL": f"https://localhost:{PORTS['https']}",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/{database}",
            "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "MEDIA_ROOT": str(self.shared / "media"),
            # No MTA on this machine: mail goes into the shared directory (an SMTP relay in
            # real life, EMAIL_HOST and its friends).
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.shared / "mail"),
            "STATIC_ROOT": str(self.shared / "static"),
            "TRUSTED_PROXIES": "127.0.0.2",
            "TEILHABE_SITE_OPERATOR": "landkreis-boeblingen",
            "DATABASE_POOL_MAX": "2",
            "SECURE_HSTS_SECONDS": "0",
            "REQUEST_LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
        }

    def teilhabe(self, *args: str, env: dict | None = None) -> str:
        done = subprocess.run(
            [str(BIN / "teilhabe"), *args], env=env or self.env(), cwd=ROOT,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"teilhabe {' '.join(args)}:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code: str, env: dict | None = None) -> str:
        return self.teilhabe("shell", "--no-imports", "-c", code, env=env)

    # --- building ----------------------------------------------------------------------------

    def start_postgres(self) -> None:
        primary, replica = self.dir / "pg-primary", self.dir / "pg-replica"
        for path in (primary, replica):
            path.mkdir(mode=0o700)
        if self.as_postgres:
            # The clusters, their sockets and logs belong to the postgres user.
            for path in (self.dir, primary, replica):
                shutil.chown(path, "postgres", "postgres")
        self.pg(str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "-A", "trust",
                "--no-sync", "-E", "UTF8")  # fmt: skip
        # fsync off: this is an exercise on a shared machine, not a durability test.
        settings = (
            f"port = {PORTS['primary']}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.dir}'\nwal_level = replica\n"
            "max_wal_senders = 4\nhot_standby = on\nfsync = off\nmax_connections = 60\n"
            "shared_buffers = 64MB\n"
        )
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(settings)
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        self.pg(str(PG_BIN / "pg_ctl"), "-D", str(primary), "-l", str(self.dir / "pg-primary.log"),
                "-w", "start")  # fmt: skip
        self.pg(str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(PORTS["primary"]),
                "-U", "postgres", "-D", str(replica), "-R", "-X", "stream", "--no-sync")  # fmt: skip
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {PORTS['replica']}\n")
        self.pg(str(PG_BIN / "pg_ctl"), "-D", str(replica), "-l", str(self.dir / "pg-replica.log"),
                "-w", "start")  # fmt: skip
        self.psql(PORTS["primary"], "CREATE DATABASE teilhabe")
        self.primary_dir, self.replica_dir = primary, replica

    def stop_postgres(self) -> None:
        for path in (getattr(self, "primary_dir", None), getattr(self, "replica_dir", None)):
            if path is not None and (path / "postmaster.pid").exists():
                self.pg(str(PG_BIN / "pg_ctl"), "-D", str(path), "-m", "immediate", "stop",
                        check=False)  # fmt: skip

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
        )  # fmt: skip
        wait_for(lambda: subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, check=False
        ).returncode == 0, "Redis")  # fmt: skip

    def install(self) -> None:
        (self.shared / "media").mkdir(parents=True)
        self.teilhabe("migrate", "--noinput", "-v0")
        self.teilhabe("demo", "--if-empty")
        self.teilhabe("collectstatic", "--noinput", "-v0")

    def start_app(self, name: str) -> None:
        env = {
            **self.env(),
            "BIND": f"127.0.0.1:{PORTS[name]}",
            "WEB_CONCURRENCY": str(APP_PROCESSES),
        }
        self.spawn(
            name,
            [str(BIN / "gunicorn"), "-c", str(ROOT / "config" / "gunicorn.py"),
             "--no-control-socket", "config.wsgi"],
            env,
        )  # fmt: skip

    def start_worker(self, name: str) -> None:
        self.spawn(
            name,
            [str(BIN / "teilhabe"), "worker", "--no-reload", "--interval", "0.5",
             "--no-startup-delay", "--worker-id", f"topology-{name}"],
            self.env(),
        )  # fmt: skip

    def start_haproxy(self) -> None:
        cert = self.dir / "cert.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=localhost", "-keyout", str(self.dir / "key.pem"),
             "-out", str(self.dir / "crt.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        cert.write_bytes((self.dir / "crt.pem").read_bytes() + (self.dir / "key.pem").read_bytes())
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{PORTS[name]}" for name in ("app1", "app2")
        )
        config = (Path(__file__).parent / "haproxy.cfg").read_text()
        config = (
            config.replace("@HTTPS_PORT@", str(PORTS["https"]))
            .replace("@CERT@", str(cert))
            .replace("@SERVERS@", servers)
            .replace("@MAXCONN@", str(APP_PROCESSES + 1))
        )
        (self.dir / "haproxy.cfg").write_text(config)
        self.spawn("haproxy", ["haproxy", "-db", "-f", str(self.dir / "haproxy.cfg")])

    def stop(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        self.stop_postgres()


def wait_for(probe, what: str, seconds: float = 60) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if probe():
                return time.monotonic() - started
        except Exception:  # noqa: BLE001  (not up yet)
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds} s")


def http_ok(url: str) -> bool:
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(url, timeout=5, context=context) as response:  # noqa: S310
        return response.status == 200


# --- the parts of the exercise -------------------------------------------------------------------


def load_setup(top: Topology) -> dict:
    """URLs for the virtual users, read from the installation itself."""
    found = json.loads(
        top.shell(
            "import json\n"
            "from django.urls import reverse\n"
            "from teilhabe.plans.models import Plan, Measure, ProgressReport\n"
            "plan = Plan.objects.get(slug='landkreis-boeblingen')\n"
            "org = plan.organization.slug\n"
            "measures = list(Measure.objects.filter(field__plan=plan).order_by('pk')"
            ".values_list('pk', flat=True)[:12])\n"
            "report = ProgressReport.objects.filter(plan=plan, status='published').first()\n"
            "print(json.dumps({'org': org, 'plan': plan.slug, 'measures': measures,"
            " 'report': report.pk if report else None}))"
        )
        .strip()
        .splitlines()[-1]
    )
    org, plan = found["org"], found["plan"]
    base = f"https://localhost:{PORTS['https']}"
    plan_page = f"/{org}/plan/{plan}/"
    html = urllib_get(base + plan_page)
    links = sorted(set(re.findall(rf'href="({re.escape(plan_page)}[^"#?]+)"', html)))
    read_urls = ["/", f"/{org}/", plan_page, f"{plan_page}daten.json", *links[:30]]
    if found["report"]:
        read_urls.append(f"{plan_page}bilanz/{found['report']}/")
    return {
        "base": base,
        "read_urls": read_urls,
        "email": "koordination@lrabb.example",
        "password": "teilhabe-demo",
        "measure_list": f"/verwaltung/plaene/{plan}/massnahmen/",
        "measure_edits": [f"/verwaltung/massnahmen/{pk}/bearbeiten/" for pk in found["measures"]],
        "plan_page": plan_page,
        "org": org,
        "plan": plan,
        "report": found["report"],
    }


def urllib_get(url: str) -> str:
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(url, timeout=30, context=context) as response:  # noqa: S310
        return response.read().decode()


def exercise_load(top: Topology, setup: dict, users: int, seconds: float) -> None:
    say(f"load: {users} users for {seconds:.0f} s through haproxy; app1 is killed at "
        f"{seconds / 3:.0f} s")  # fmt: skip
    killed_at: dict[str, float] = {}

    async def killer(stop: float) -> None:
        await asyncio.sleep(seconds / 3)
        killed_at["t"] = time.monotonic()
        top.kill("app1")
        say("app server 1 killed (SIGKILL, whole process group)")

    started = time.monotonic()
    figures = asyncio.run(load.run_load(setup, users, seconds, on_tick=killer))
    elapsed = time.monotonic() - started
    for line in load.summary(figures, elapsed):
        print(line)
    memory = worker_memory(top)
    print(f"  app server 2 workers after the load: {memory}")
    if figures.total_errors():
        for sample in figures.error_samples:
            print(f"  error: {sample}")
        top.failures.append(f"{figures.total_errors()} failed requests under load")
    if figures.total() == 0:
        top.failures.append("no request was answered")
    coordinators = len(figures.latencies.get("coordinator", []))
    if coordinators == 0:
        top.failures.append("no coordinator request")


def worker_memory(top: Topology) -> str:
    process = top.processes.get("app2")
    if process is None:
        return "-"
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    sizes = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        if match:
            sizes.append(f"{int(match.group(1)) / 1024:.0f} MB")
    return ", ".join(sizes) or "-"


def exercise_worker_kill(top: Topology) -> None:
    token = f"probe-{os.getpid()}-{int(time.time())}"
    task_id = (
        top.shell(
            "from teilhabe.core.tasks import queue_probe\n"
            f"print(queue_probe.enqueue({token!r}, 4.0).id)"
        )
        .strip()
        .splitlines()[-1]
    )
    # Read straight from the database and Redis (Django's key format, ints stored as such):
    # polling through `teilhabe shell` would cost a process start each time.
    row_sql = (
        "SELECT status, array_to_string(ARRAY(SELECT jsonb_array_elements_text(worker_ids)), ',')"
        f" FROM django_tasks_database_dbtaskresult WHERE id = '{task_id}'"
    )

    def cached(key: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "-n", "0", "GET", f":1:queue-probe:{token}:{key}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip() or "None"

    def state() -> list[str]:
        status, workers = top.psql(PORTS["primary"], row_sql, "teilhabe").split("|")
        return [status, workers or "-", cached("started"), cached("done")]

    wait_for(lambda: state()[0] == "RUNNING", "the probe task starting", 30)
    status, workers, *_ = state()
    victim = workers.split(",")[-1].removeprefix("topology-")
    started = time.monotonic()
    top.kill(victim)
    say(f"task worker {victim} killed while running task {task_id}")
    wait_for(lambda: state()[0] == "SUCCESSFUL", "the task finishing on the other worker", 60)
    status, workers, runs, effect = state()
    print(f"  task done {time.monotonic() - started:.1f} s after the kill; ran on {workers}; "
          f"started {runs} times, its effect recorded once (by run {effect})")  # fmt: skip
    if len(workers.split(",")) != 2 or runs != "2" or effect == "None":
        top.failures.append(f"task after worker kill: {status} {workers} {runs} {effect}")


# JSON and XLSX carry the time they were generated (the JSON's "generated", the sheet "Lizenz
# und Quelle" its line "Erstellt am", to the minute); that stamp is left out of the comparison,
# everything else must be identical.
EXPORT_CODE = """
import hashlib, io, json
import openpyxl
def without_stamp(value):
    if isinstance(value, dict):
        return {k: without_stamp(v) for k, v in value.items() if k != "generated"}
    if isinstance(value, list):
        return [without_stamp(v) for v in value]
    return value
def comparable(url, body):
    if url.endswith(".json"):
        return json.dumps(without_stamp(json.loads(body)), sort_keys=True).encode()
    if url.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        rows = [[ws.title, *map(repr, row)] for ws in book for row in ws.iter_rows(values_only=True)
                if row[0] != "Erstellt am"]
        return json.dumps(rows).encode()
    return body
from django.test import Client
from teilhabe.plans.models import Plan, ProgressReport
client = Client(HTTP_X_FORWARDED_PROTO="https")
urls = []
for plan in Plan.objects.public().select_related("organization").order_by("pk"):
    base = f"/{plan.organization.slug}/plan/{plan.slug}/"
    urls += [base + "daten." + fmt for fmt in ("csv", "json", "xlsx")]
    for report in ProgressReport.objects.filter(plan=plan, status="published").order_by("pk"):
        urls += [f"{base}bilanz/{report.pk}/daten.{fmt}" for fmt in ("csv", "json", "xlsx")]
        urls += [f"{base}bilanz/{report.pk}/bilanz.{fmt}" for fmt in ("pdf", "docx", "html")]
result = {}
for url in urls:
    response = client.get(url, HTTP_HOST="localhost", secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = comparable(url, body) if response.status_code == 200 else body
    shown = body.decode() if url.endswith((".json", ".xlsx", ".csv")) else ""
    result[url] = [response.status_code, len(body), hashlib.sha256(body).hexdigest(), shown]
print(json.dumps(result))
"""


def exports(top: Topology, env: dict) -> dict:
    # Without the shared cache: the restored installation must answer from its own database.
    env = {**env, "CACHE_URL": ""}
    return json.loads(top.shell(EXPORT_CODE, env=env).strip().splitlines()[-1])


def exercise_backup_promote_restore(top: Topology) -> None:
    backup = top.dir / "backup"
    backup.mkdir()
    started = time.monotonic()
    subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-p", str(PORTS["primary"]), "-U", "postgres", "-Fc",
         "-f", str(backup / "teilhabe.dump"), "teilhabe"],
        check=True,
    )  # fmt: skip
    shutil.make_archive(str(backup / "files"), "gztar", top.shared, "media")
    size = sum(path.stat().st_size for path in backup.iterdir())
    say(
        f"backup: pg_dump + shared files, {size / 1e6:.1f} MB in {time.monotonic() - started:.1f} s"
    )

    # The replica has everything the primary wrote (streamed), then takes over.
    lsn = top.psql(PORTS["primary"], "SELECT pg_current_wal_lsn()")
    wait_for(
        lambda: top.psql(PORTS["replica"], f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'") == "t",
        "the replica catching up", 30,
    )  # fmt: skip
    check = "SELECT md5(string_agg(description, '|' ORDER BY id)) FROM plans_measure"
    same = top.psql(PORTS["primary"], check, "teilhabe") == top.psql(
        PORTS["replica"], check, "teilhabe"
    )
    started = time.monotonic()
    top.pg(str(PG_BIN / "pg_ctl"), "-D", str(top.replica_dir), "-w", "promote")
    wait_for(lambda: top.psql(PORTS["replica"], "SELECT pg_is_in_recovery()") == "f", "promotion")
    top.psql(PORTS["replica"], "CREATE TABLE promoted_check (id int); DROP TABLE promoted_check",
             "teilhabe")  # fmt: skip
    say(f"replica promoted and writable in {time.monotonic() - started:.1f} s; "
        f"measures identical to the primary's: {same}")  # fmt: skip
    if not same:
        top.failures.append("the replica's measures differ from the primary's")

    # Restore into a fresh installation: a new database on the promoted server, a new files dir.
    started = time.monotonic()
    top.psql(PORTS["replica"], "CREATE DATABASE teilhabe_restored")
    subprocess.run(
        ["pg_restore", "-h", "127.0.0.1", "-p", str(PORTS["replica"]), "-U", "postgres",
         "-d", "teilhabe_restored", "--no-owner", str(backup / "teilhabe.dump")],
        check=True,
    )  # fmt: skip
    restored_files = top.dir / "restored"
    shutil.unpack_archive(str(backup / "files.tar.gz"), restored_files)
    say(f"restored into a fresh database and directory in {time.monotonic() - started:.1f} s")
    original = exports(top, top.env())
    restored_env = {
        **top.env(PORTS["replica"], "teilhabe_restored"),
        "MEDIA_ROOT": str(restored_files / "media"),
    }
    restored = exports(top, restored_env)
    differing = [url for url in original if original[url][:3] != restored.get(url, [])[:3]]
    answered = [url for url, (status, *_rest) in original.items() if status == 200]
    print(f"  compared {len(original)} exports and report files ({len(answered)} answered 200): "
          f"{len(original) - len(differing)} identical, {len(differing)} different")  # fmt: skip
    for url in differing:
        print(f"  differs: {url} {original[url][:3]} {restored.get(url, [])[:3]}")
        before, after = original[url][3], (restored.get(url) or ["", "", "", ""])[3]
        for index, (a, b) in enumerate(zip(before, after, strict=False)):
            if a != b:
                print(
                    f"    first difference at character {index}: {before[max(0, index - 150) : index + 150]!r}"
                )
                print(
                    f"    restored:                              {after[max(0, index - 150) : index + 150]!r}"
                )
                break
    if differing or not answered:
        top.failures.append("restored installation's exports differ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="CI: 40 users for 20 s")
    parser.add_argument("--users", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--keep", action="store_true", help="leave the directory and logs")
    args = parser.parse_args()
    users = args.users or (40 if args.short else 200)
    seconds = args.seconds or (20 if args.short else 60)
    for tool in ("haproxy", "redis-server", "openssl", "pg_dump"):
        if shutil.which(tool) is None:
            print(f"{tool} fehlt (Debian-Paket)", file=sys.stderr)
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="teilhabe-topology-"))
    os.chmod(workdir, 0o755)
    top = Topology(workdir)
    try:
        top.start_postgres()
        say("PostgreSQL primary and streaming replica up")
        top.start_redis()
        top.install()
        say("migrated, demo data loaded, static files collected (shared directory)")
        for name in ("app1", "app2"):
            top.start_app(name)
        for name in ("worker1", "worker2"):
            top.start_worker(name)
        top.start_haproxy()
        base = f"https://localhost:{PORTS['https']}"
        for name in ("app1", "app2"):
            wait_for(lambda name=name: http_ok(f"http://127.0.0.1:{PORTS[name]}/healthz"), name)
        wait_for(lambda: http_ok(base + "/healthz"), "haproxy")
        say("haproxy, 2 app servers (gunicorn, 2 processes each), 2 task workers up")
        setup = load_setup(top)
        exercise_load(top, setup, users, seconds)
        exercise_worker_kill(top)
        exercise_backup_promote_restore(top)
    except Exception as error:  # noqa: BLE001  (reported with the logs below)
        top.failures.append(f"{type(error).__name__}: {error}")
        for name, log in top.logs.items():
            text = log.read_text(errors="replace") if log.exists() else ""
            if text.strip():
                print(f"--- {name}.log (end)\n{text[-2000:]}")
    finally:
        top.stop()
        if not args.keep and not top.failures:
            shutil.rmtree(workdir, ignore_errors=True)
    total = time.monotonic() - STARTED
    if top.failures:
        print(f"TOPOLOGY FAILED after {total:.0f} s ({workdir}):")
        for failure in top.failures:
            print(f"  - {failure}")
        return 1
    print(f"topology exercise passed in {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
